import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

Item {
    id: screen
    objectName: "confirmScreen"
    required property var root
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 20
        ScreenTitle {
            objectName: "greeting"
            Layout.fillWidth: true
            text: screen.root.rider.alreadyCheckedIn
                  ? qsTr("Welcome back, %1! You are already checked in.").arg(screen.root.rider.memberName)
                  : qsTr("Welcome, %1! You are checked in.").arg(screen.root.rider.memberName)
        }
        Text {
            text: qsTr("What you may still receive today:")
            font.pixelSize: Theme.body
            color: Theme.ink
        }
        ListView {
            objectName: "claimList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 12
            clip: true
            model: screen.root.rider.items
            delegate: Rectangle {
                required property var modelData
                width: ListView.view.width
                height: Math.max(Theme.touch + 24, info.implicitHeight + 24)
                radius: 12
                color: Theme.white
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: 12
                    spacing: 16
                    ColumnLayout {
                        id: info
                        Layout.fillWidth: true
                        Text {
                            text: screen.root.language.current === "zh_CN" ? modelData.nameZh : modelData.nameEn
                            font.pixelSize: Theme.body
                            font.bold: true
                            color: Theme.ink
                        }
                        Text {
                            Layout.fillWidth: true
                            text: modelData.available
                                  ? (modelData.selfService ? qsTr("You may take this yourself.")
                                     : (screen.root.settings.mode === "unattended"
                                        ? qsTr("Handed out at staffed stations only.") : qsTr("Ask the attendant.")))
                                  : modelData.reason
                            font.pixelSize: Theme.small
                            color: modelData.available ? Theme.ok : Theme.muted
                            wrapMode: Text.WordWrap
                        }
                    }
                    BigButton {
                        objectName: "take_" + modelData.itemId
                        visible: modelData.available && modelData.selfService
                        text: qsTr("Take one")
                        enabled: !screen.root.rider.busy
                        onClicked: screen.root.rider.claim(modelData.itemId)
                    }
                }
            }
        }
        BigButton {
            objectName: "doneButton"
            text: qsTr("Done")
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 320
            onClicked: screen.root.goHome()
        }
    }
}
