import QtQuick
import QtQuick.Layouts
import "../components"

RowLayout {
    id: bar
    property string title: ""
    signal back()
    Layout.fillWidth: true
    spacing: 16
    BigButton {
        objectName: "backButton"
        text: qsTr("‹ Back")
        primary: false
        font.pixelSize: Theme.small
        onClicked: bar.back()
    }
    ScreenTitle {
        text: bar.title
        Layout.fillWidth: true
    }
}
