import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

Item {
    id: screen
    objectName: "pinScreen"
    required property var root
    property string chosen: ""
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
            Text { text: qsTr("Who are you?"); font.pixelSize: Theme.body; color: Theme.ink }
            Repeater {
                model: screen.root.staff.staff
                delegate: BigButton {
                    required property var modelData
                    objectName: "attendant_" + modelData.id
                    text: modelData.name
                    primary: screen.chosen === modelData.id
                    Layout.fillWidth: true
                    onClicked: screen.chosen = modelData.id
                }
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
                    if (screen.chosen === "")
                        screen.root.toast(qsTr("Choose your name first."))
                    else
                        screen.root.staff.unlock(screen.chosen, value, screen.root.staffPurpose)
                    pinPad.value = ""
                }
            }
        }
    }
}
