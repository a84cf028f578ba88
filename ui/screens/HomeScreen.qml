import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "homeScreen"
    required property HomeModel home
    required property Settings settings
    required property CameraScanner camera

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
            visible: screen.settings.mode === "unattended"
            text: qsTr("No attendant at this station: take the items marked self-service.")
            font.pixelSize: Theme.small
            color: Theme.red
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        GridLayout {
            columns: screen.portrait ? 1 : 2
            rowSpacing: 20
            columnSpacing: 20
            Layout.fillWidth: true
            BigButton {
                objectName: "checkInButton"
                text: qsTr("Check in with my phone number")
                Layout.fillWidth: true
                Layout.preferredHeight: 140
                font.pixelSize: Theme.big
                onClicked: screen.openRequested("PhoneScreen")
            }
            BigButton {
                objectName: "registerButton"
                text: qsTr("Join / register")
                primary: false
                Layout.fillWidth: true
                Layout.preferredHeight: 140
                font.pixelSize: Theme.big
                onClicked: screen.openRequested("ConsentScreen")
            }
        }
        RowLayout {
            objectName: "cameraPreview"
            visible: screen.camera.cameraName !== ""
            Layout.fillWidth: true
            spacing: 20
            VideoOutput {
                id: preview
                Layout.preferredWidth: 240
                Layout.preferredHeight: 180
                fillMode: VideoOutput.PreserveAspectCrop
                Component.onCompleted: {
                    screen.camera.videoSink = preview.videoSink
                    screen.camera.start()
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
                model: screen.home.campaigns
                delegate: Rectangle {
                    required property var modelData
                    width: campaignText.implicitWidth + 40
                    height: 64
                    radius: 32
                    color: Theme.paleRed
                    Text {
                        id: campaignText
                        anchors.centerIn: parent
                        text: modelData.hours ? modelData.name + "  " + modelData.hours : modelData.name
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
                text: qsTr("Today: %n check-in(s)", "", screen.home.checkinsToday) + qsTr(" by %n rider(s)", "", screen.home.ridersToday)
                font.pixelSize: Theme.small
                color: Theme.muted
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
        }
    }
}
