import QtQuick
import QtQuick.Controls

// A tab in the kiosk's colours: the open one filled red, the others outlined.
TabButton {
    id: control
    implicitHeight: 72
    font.pixelSize: Theme.body
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.checked ? Theme.white : Theme.red
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: 12
        color: control.checked ? Theme.red : (control.down ? Theme.paleRed : Theme.white)
        border.color: Theme.red
        border.width: 3
    }
}
