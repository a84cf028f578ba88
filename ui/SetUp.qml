import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import "components"

// A station PC with no station yet. Riders are told it is not open; the technician enrols it with the
// union office's hub (address and one-time code typed, or the code scanned into its field).
ApplicationWindow {
    id: root
    objectName: "setUp"
    required property QtObject setup
    required property string dataDir
    width: 1280
    height: 800
    visible: true
    title: qsTr("Station Kiosk")
    color: Theme.cream

    Connections {
        target: root.setup
        function onRefused(text) { message.text = text }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 48
        anchors.bottomMargin: keyboard.active ? keyboard.height + 16 : 48
        spacing: 20
        ScreenTitle {
            objectName: "setUpTitle"
            text: qsTr("This station is not set up yet.")
            Layout.fillWidth: true
        }
        Text {
            text: qsTr("Riders: it cannot check anyone in until the union office's technician sets it up. Please visit the next station.")
            font.pixelSize: Theme.body; color: Theme.ink; wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter; Layout.fillWidth: true
        }
        Text {
            text: qsTr("Technician: type the hub's address and the enrolment code from the union office's console (or scan its code into the field).")
            font.pixelSize: Theme.small; color: Theme.muted; wrapMode: Text.WordWrap; Layout.fillWidth: true
        }
        TextField {
            id: hubField
            objectName: "setUpHub"
            placeholderText: "https://hub.union.example"
            font.pixelSize: Theme.small
            implicitHeight: Theme.touch - 16
            Layout.fillWidth: true
            inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 16
            TextField {
                id: codeField
                objectName: "setUpCode"
                placeholderText: qsTr("One-time code")
                font.pixelSize: Theme.small
                implicitHeight: Theme.touch - 16
                Layout.fillWidth: true
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                onAccepted: root.setup.enrol(hubField.text, codeField.text)  // a scanner ends with Enter
            }
            BigButton {
                objectName: "setUpEnrol"
                text: root.setup.busy ? qsTr("Enrolling…") : qsTr("Enrol")
                enabled: !root.setup.busy && hubField.text.trim() !== "" && codeField.text.trim() !== ""
                onClicked: root.setup.enrol(hubField.text, codeField.text)
            }
        }
        Text {
            id: message
            objectName: "setUpMessage"
            font.pixelSize: Theme.small; color: Theme.red; wrapMode: Text.WordWrap; Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
        Text {
            text: root.dataDir
            font.pixelSize: Theme.small; color: Theme.muted; Layout.fillWidth: true
        }
    }
    InputPanel {
        id: keyboard
        z: 10
        width: Math.min(root.width, 900)
        x: (root.width - width) / 2
        y: active ? root.height - height : root.height
        visible: active
    }
}
