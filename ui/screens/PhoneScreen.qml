import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "phoneScreen"
    required property RiderModel rider
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 24
        BackBar { onBack: screen.homeRequested(); title: qsTr("Enter your phone number") }
        Item { visible: screen.portrait; Layout.fillHeight: true }  // portrait: the keypad in the lower middle
        Keypad {
            objectName: "phoneKeypad"
            Layout.alignment: Qt.AlignHCenter
            Layout.fillWidth: false
            Layout.preferredWidth: Math.min(screen.width - 80, 640)
            keyHeight: screen.portrait ? 120 : Theme.touch
            okText: qsTr("Check in")
            acceptWhenFull: true
            // OK tapped out of habit after the 11th digit went on by itself is not a second look-up.
            onAccepted: value => { if (!screen.rider.busy && screen.StackView.status === StackView.Active) screen.rider.identifyByPhone(value) }
        }
        Item { Layout.fillHeight: !screen.portrait; Layout.preferredHeight: 120 }
    }
}
