import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

Item {
    id: screen
    objectName: "pinScreen"
    required property var root
    GridLayout {
        anchors.fill: parent
        anchors.margins: 40
        columns: screen.root.portrait ? 1 : 2
        columnSpacing: 40
        rowSpacing: 24
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            spacing: 16
            BackBar { root: screen.root; title: screen.root.staffPurpose === "technician" ? qsTr("Technician") : qsTr("Staff") }
            RowLayout {
                Layout.fillWidth: true
                BigButton {
                    objectName: "purposeAttendant"
                    text: qsTr("Staff")
                    primary: screen.root.staffPurpose === "attendant"
                    Layout.fillWidth: true
                    onClicked: screen.root.staffPurpose = "attendant"
                }
                BigButton {
                    objectName: "purposeTechnician"
                    text: qsTr("Technician")
                    primary: screen.root.staffPurpose === "technician"
                    Layout.fillWidth: true
                    onClicked: screen.root.staffPurpose = "technician"
                }
            }
            Text {
                // No names are listed: a PIN names its holder, so nobody learns who works here.
                text: qsTr("Enter your own PIN.")
                font.pixelSize: Theme.body
                color: Theme.ink
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
        }
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            spacing: 16
            Text { text: qsTr("PIN"); font.pixelSize: Theme.body; color: Theme.ink }
            Keypad {
                id: pinPad
                objectName: "pinKeypad"
                secret: true
                maxLength: 8
                okText: qsTr("Unlock")
                Layout.preferredWidth: 480
                onAccepted: value => {
                    screen.root.staff.unlock(value, screen.root.staffPurpose)
                    pinPad.value = ""
                }
            }
        }
    }
}
