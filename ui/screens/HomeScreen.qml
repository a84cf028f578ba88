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

    // One column; in portrait the scan prompt and the two main buttons sit in the lower middle, within a
    // standing rider's reach, and what is on today moves up.
    GridLayout {
        anchors.fill: parent
        anchors.margins: 32
        columns: 1
        rowSpacing: 20

        ScreenTitle {
            objectName: "welcome"
            Layout.row: 0
            text: qsTr("Welcome! Rest, water, charging and help are here.")
            Layout.fillWidth: true
        }
        Text {
            objectName: "selfServiceNote"
            Layout.row: 1
            visible: screen.settings.mode === "unattended"
            text: qsTr("No attendant at this station: take the items marked self-service.")
            font.pixelSize: Theme.small
            color: Theme.red
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        GridLayout {
            objectName: "scanPrompt"
            Layout.row: screen.portrait ? 5 : 2
            Layout.fillWidth: true
            columns: screen.portrait ? 1 : 2
            columnSpacing: 20
            Image {
                source: Qt.resolvedUrl("../icons/scan.svg")
                sourceSize: screen.portrait ? Qt.size(260, 260) : Qt.size(96, 96)
                Layout.alignment: Qt.AlignHCenter
            }
            Text {
                text: qsTr("Scan your membership code at any time, or tap below.")
                font.pixelSize: Theme.body
                color: Theme.ink
                wrapMode: Text.WordWrap
                horizontalAlignment: screen.portrait ? Text.AlignHCenter : Text.AlignLeft
                Layout.fillWidth: true
            }
        }
        GridLayout {
            Layout.row: screen.portrait ? 7 : 3
            columns: screen.portrait ? 1 : 2
            rowSpacing: 20
            columnSpacing: 20
            Layout.fillWidth: true
            BigButton {
                objectName: "checkInButton"
                text: qsTr("Check in with my phone number")
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 140
                font.pixelSize: Theme.big
                onClicked: screen.openRequested("PhoneScreen")
            }
            BigButton {
                objectName: "registerButton"
                text: qsTr("Join / register")
                primary: false
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.preferredHeight: 140
                font.pixelSize: Theme.big
                onClicked: screen.openRequested("ConsentScreen")
            }
            // Help without checking in (or without being a member): the rider may stay anonymous.
            BigButton {
                objectName: "helpButton"
                text: qsTr("Ask the union for help: wages, accidents, injuries")
                primary: false
                Layout.columnSpan: screen.portrait ? 1 : 2
                Layout.fillWidth: true
                Layout.preferredHeight: 96
                onClicked: screen.openRequested("HelpScreen")
            }
        }
        RowLayout {
            objectName: "cameraPreview"
            Layout.row: screen.portrait ? 6 : 4
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
        // What is on today, as plain lines: nothing here looks like a button, because nothing here is one.
        ColumnLayout {
            objectName: "campaignList"
            Layout.row: screen.portrait ? 2 : 5
            Layout.fillWidth: true
            spacing: 8
            Text {
                text: qsTr("Today at this station")
                font.pixelSize: Theme.body
                font.bold: true
                color: Theme.ink
            }
            Flow {
                Layout.fillWidth: true
                spacing: 32
                Repeater {
                    model: screen.home.campaigns
                    delegate: Text {
                        required property var modelData
                        text: "• " + (modelData.hours ? modelData.name + "  " + modelData.hours : modelData.name)
                        font.pixelSize: Theme.small
                        color: Theme.ink
                    }
                }
            }
        }
        Item { Layout.row: screen.portrait ? 4 : 6; Layout.fillHeight: true }
        Text {
            objectName: "todayCounts"
            Layout.row: 8
            text: qsTr("Today: %n check-in(s)", "", screen.home.checkinsToday) + qsTr(" by %n rider(s)", "", screen.home.ridersToday)
            font.pixelSize: Theme.small
            color: Theme.muted
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
    }
}
