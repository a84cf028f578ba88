import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "purposeScreen"
    required property RiderModel rider
    readonly property bool extras: rider.helpRequests.length + rider.signups.length + rider.signupProgrammes.length
                                   + rider.toAttend.length > 0
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: screen.extras ? 16 : 24
        BackBar { onBack: screen.homeRequested(); title: qsTr("Hello, %1! What brings you here?").arg(screen.rider.memberName) }
        // The rider's open help requests, where each stands as the union office last said (at any station).
        Repeater {
            model: screen.rider.helpRequests
            delegate: Rectangle {
                required property var modelData
                objectName: "helpStatus_" + modelData.caseNumber
                Layout.fillWidth: true
                Layout.preferredHeight: statusText.implicitHeight + 24
                radius: 12
                color: Theme.paleRed
                Text {
                    id: statusText
                    anchors.fill: parent
                    anchors.margins: 12
                    verticalAlignment: Text.AlignVCenter
                    wrapMode: Text.WordWrap
                    text: qsTr("Your help request %1 (%2): %3").arg(modelData.caseNumber).arg(modelData.category)
                          .arg(modelData.status)
                    font.pixelSize: Theme.small
                    font.bold: true
                    color: Theme.ink
                }
            }
        }
        // The rider's sign-ups and where each stands.
        Repeater {
            model: screen.rider.signups
            delegate: Text {
                required property var modelData
                objectName: "signupStatus_" + modelData.signupId
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: qsTr("Sign-up %1: %2").arg(modelData.heading)
                      .arg(modelData.status)
                font.pixelSize: Theme.small
                font.bold: true
                color: modelData.confirmed ? Theme.ok : Theme.ink
            }
        }
        // A place in a session running today (signing in is the rider's attendance), and the sign-ups open to
        // them: side by side in landscape, so the purpose buttons below keep their height.
        GridLayout {
            columns: screen.portrait ? 1 : 2
            rowSpacing: 16
            columnSpacing: 16
            Layout.fillWidth: true
            visible: screen.rider.toAttend.length + screen.rider.signupProgrammes.length > 0
            Repeater {
                model: screen.rider.toAttend
                delegate: BigButton {
                    required property var modelData
                    objectName: "attend_" + modelData.signupId
                    text: qsTr("Sign in: %1").arg(modelData.heading)
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.preferredHeight: 72
                    font.pixelSize: Theme.small
                    enabled: !screen.rider.busy
                    onClicked: screen.rider.attend(modelData.signupId)
                }
            }
            BigButton {
                objectName: "signupButton"
                visible: screen.rider.signupProgrammes.length > 0
                text: qsTr("Sign up: %1").arg(screen.rider.signupProgrammes.map(p => p.title).join(" · "))
                primary: false
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 72
                font.pixelSize: Theme.small
                onClicked: screen.openRequested("SignupScreen")
            }
        }
        GridLayout {
            // More above (help requests, sign-ups): four to a row, so every button keeps its height.
            columns: screen.portrait ? 2 : (screen.extras ? 4 : 3)
            rowSpacing: 16
            columnSpacing: 16
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.alignment: Qt.AlignTop
            Repeater {
                model: screen.rider.purposes
                // Equal cells, each with a picture of what it is for, above its name.
                delegate: BigButton {
                    id: choice
                    required property var modelData
                    objectName: "purpose_" + modelData.key
                    text: modelData.label
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.fillHeight: true  // shorter when the rider's help requests are shown above
                    Layout.maximumHeight: screen.portrait ? 200 : 150
                    Layout.minimumHeight: 120
                    contentItem: Item {
                        implicitWidth: label.implicitWidth
                        implicitHeight: column.implicitHeight
                        Column {
                            id: column
                            anchors.centerIn: parent
                            width: parent.width
                            spacing: 6
                            Image {
                                source: Qt.resolvedUrl("../icons/" + choice.modelData.key + ".svg")
                                sourceSize: Qt.size(56, 56)
                                anchors.horizontalCenter: parent.horizontalCenter
                            }
                            Text {
                                id: label
                                width: parent.width
                                text: choice.text
                                font: choice.font
                                color: choice.enabled ? Theme.white : Theme.disabledInk
                                horizontalAlignment: Text.AlignHCenter
                                wrapMode: Text.WordWrap
                            }
                        }
                    }
                    enabled: !screen.rider.busy
                    onClicked: screen.rider.checkIn(modelData.key)
                }
            }
        }
    }
}
