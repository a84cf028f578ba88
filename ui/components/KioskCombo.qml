import QtQuick
import QtQuick.Controls

// A drop-down list in the kiosk's colours, with choices as tall as a button for a gloved finger.
ComboBox {
    id: control
    implicitHeight: Theme.touch
    font.pixelSize: Theme.small
    contentItem: Text {
        leftPadding: 16
        rightPadding: control.indicator.width + 8
        text: control.displayText
        font: control.font
        color: control.currentIndex < 0 ? Theme.muted : Theme.ink
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    indicator: Text {
        x: control.width - width - 16
        anchors.verticalCenter: control.verticalCenter
        text: "▾"
        font.pixelSize: Theme.body
        color: Theme.red
    }
    background: Rectangle {
        radius: 12
        color: control.down ? Theme.paleRed : Theme.white
        border.color: Theme.red
        border.width: 3
    }
    delegate: ItemDelegate {
        id: choice
        required property int index
        required property var modelData
        width: control.width
        implicitHeight: Theme.touch
        highlighted: control.highlightedIndex === index
        text: control.textRole ? modelData[control.textRole] : modelData
        contentItem: Text {
            text: choice.text
            font: control.font
            color: Theme.ink
            verticalAlignment: Text.AlignVCenter
            wrapMode: Text.WordWrap
        }
        background: Rectangle { color: choice.highlighted || choice.down ? Theme.paleRed : Theme.white }
    }
    popup.background: Rectangle { color: Theme.white; border.color: Theme.red; border.width: 2; radius: 8 }
}
