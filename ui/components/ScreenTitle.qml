import QtQuick

Text {
    font.pixelSize: Theme.big
    font.bold: true
    color: Theme.ink
    wrapMode: Text.WordWrap
    horizontalAlignment: Text.AlignHCenter
}
