import QtQuick
import QtQuick.Controls

// A tick box big enough for a gloved finger.
CheckBox {
    id: box
    font.pixelSize: Theme.body
    implicitHeight: Theme.touch
    indicator: Rectangle {
        implicitWidth: 56
        implicitHeight: 56
        x: box.leftPadding
        y: (box.height - height) / 2
        radius: 8
        color: Theme.white
        border.color: Theme.red
        border.width: 3
        Text {
            anchors.centerIn: parent
            text: "✓"
            visible: box.checked
            color: Theme.red
            font.pixelSize: 40
            font.bold: true
        }
    }
}
