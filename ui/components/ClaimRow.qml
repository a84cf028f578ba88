import QtQuick
import QtQuick.Layouts

// One item a rider may receive: its name, a line on whether and how, and the controls to take or hand it out.
Rectangle {
    id: row
    required property string name
    property string note: ""
    property bool available: true
    default property alias actions: actionArea.data
    implicitHeight: Math.max(Theme.touch + 24, info.implicitHeight + 24)
    radius: 12
    color: Theme.white
    RowLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 16
        ColumnLayout {
            id: info
            Layout.fillWidth: true
            Text {
                text: row.name
                font.pixelSize: Theme.body
                font.bold: true
                color: row.available ? Theme.ink : Theme.muted
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
            Text {
                visible: row.note !== ""
                text: row.note
                font.pixelSize: Theme.small
                color: row.available ? Theme.ok : Theme.muted
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
            }
        }
        RowLayout {
            id: actionArea
            spacing: 8
            visible: row.available
        }
    }
}
