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
        color: control.enabled ? (control.primary ? "white" : Theme.red) : "#999999"
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
    }
    background: Rectangle {
        radius: 16
        color: !control.primary ? "white" : (control.down ? Theme.darkRed : (control.enabled ? Theme.red : "#dddddd"))
        border.color: Theme.red
        border.width: control.primary ? 0 : 3
    }
}
