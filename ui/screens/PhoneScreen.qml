import QtQuick
import QtQuick.Layouts
import "../components"

Item {
    id: screen
    objectName: "phoneScreen"
    required property var root
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 24
        BackBar { root: screen.root; title: qsTr("Enter your phone number") }
        Keypad {
            objectName: "phoneKeypad"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Math.min(screen.width - 80, 640)
            okText: qsTr("Check in")
            onAccepted: value => screen.root.rider.identifyByPhone(value)
        }
        Item { Layout.fillHeight: true }
    }
}
