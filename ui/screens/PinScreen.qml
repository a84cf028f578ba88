import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "pinScreen"
    required property StaffModel staff
    property string purpose: "attendant"  // or "technician": which screen the PIN opens
    GridLayout {
        anchors.fill: parent
        anchors.margins: 40
        columns: screen.portrait ? 1 : 2
        columnSpacing: 40
        rowSpacing: 24
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            spacing: 16
            BackBar { onBack: screen.homeRequested(); title: screen.purpose === "technician" ? qsTr("Technician") : qsTr("Staff") }
            RowLayout {
                Layout.fillWidth: true
                BigButton {
                    objectName: "purposeAttendant"
                    text: qsTr("Staff")
                    primary: screen.purpose === "attendant"
                    Layout.fillWidth: true
                    onClicked: screen.purpose = "attendant"
                }
                BigButton {
                    objectName: "purposeTechnician"
                    text: qsTr("Technician")
                    primary: screen.purpose === "technician"
                    Layout.fillWidth: true
                    onClicked: screen.purpose = "technician"
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
                    screen.staff.unlock(value, screen.purpose)
                    pinPad.value = ""
                }
            }
        }
    }
}
