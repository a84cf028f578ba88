import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import "../components"

Item {
    id: screen
    objectName: "homeScreen"
    required property var root

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 32
        spacing: 20

        ScreenTitle {
            objectName: "welcome"
            text: qsTr("Welcome! Rest, water, charging and help are here.")
            Layout.fillWidth: true
        }
        Text {
            text: qsTr("Scan your membership code at any time, or tap below.")
            font.pixelSize: Theme.body
            color: Theme.muted
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Text {
            objectName: "selfServiceNote"
            visible: screen.root.settings.mode === "unattended"
            text: qsTr("No attendant at this station: take the items marked self-service.")
            font.pixelSize: Theme.small
            color: Theme.red
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        GridLayout {
            columns: screen.root.portrait ? 1 : 2
            rowSpacing: 20
            columnSpacing: 20
            Layout.fillWidth: true
            BigButton {
                objectName: "checkInButton"
                text: qsTr("Check in with my phone number")
                Layout.fillWidth: true
                Layout.preferredHeight: 140
                font.pixelSize: Theme.big
                onClicked: screen.root.goTo("PhoneScreen")
            }
            BigButton {
                objectName: "registerButton"
                text: qsTr("Join / register")
                primary: false
                Layout.fillWidth: true
                Layout.preferredHeight: 140
                font.pixelSize: Theme.big
                onClicked: screen.root.goTo("ConsentScreen")
            }
        }
        RowLayout {
            objectName: "cameraPreview"
            visible: screen.root.camera.cameraName !== ""
            Layout.fillWidth: true
            spacing: 20
            VideoOutput {
                id: preview
                Layout.preferredWidth: 240
                Layout.preferredHeight: 180
                fillMode: VideoOutput.PreserveAspectCrop
                Component.onCompleted: {
                    screen.root.camera.videoSink = preview.videoSink
                    screen.root.camera.start()
                }
            }
            Text {
                text: qsTr("Or hold your membership code up to the camera.")
                font.pixelSize: Theme.body
                color: Theme.ink
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        Text {
            text: qsTr("Today at this station")
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.ink
        }
        Flow {
            Layout.fillWidth: true
            spacing: 12
            Repeater {
                model: screen.root.home.campaigns
                delegate: Rectangle {
                    required property var modelData
                    width: campaignText.implicitWidth + 40
                    height: 64
                    radius: 32
                    color: Theme.paleRed
                    Text {
                        id: campaignText
                        anchors.centerIn: parent
                        text: (screen.root.language.current === "zh_CN" ? modelData.nameZh : modelData.nameEn)
                              + (modelData.hours === "00:00–24:00" ? "" : "  " + modelData.hours)
                        font.pixelSize: Theme.small
                        color: Theme.darkRed
                    }
                }
            }
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.fillWidth: true
            Text {
                objectName: "todayCounts"
                text: qsTr("Today: %1 check-ins by %2 riders").arg(screen.root.home.checkinsToday).arg(screen.root.home.ridersToday)
                font.pixelSize: Theme.small
                color: Theme.muted
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
        }
    }
}
