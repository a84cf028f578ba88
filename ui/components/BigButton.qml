import QtQuick
import QtQuick.Controls

Button {
    id: control
    property bool primary: true
    implicitHeight: Theme.touch
    implicitWidth: Math.max(200, contentItem.implicitWidth + 48)
    font.pixelSize: Theme.body
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.enabled ? (control.primary ? Theme.white : Theme.red) : Theme.disabledInk
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
    }
    background: Rectangle {
        radius: 16
        color: !control.primary ? Theme.white : (control.down ? Theme.darkRed : (control.enabled ? Theme.red : Theme.disabledFill))
        border.color: Theme.red
        border.width: control.primary ? 0 : 3
    }
}
