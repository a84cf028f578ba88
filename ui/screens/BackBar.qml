import QtQuick
import QtQuick.Layouts
import "../components"

RowLayout {
    id: bar
    required property var root
    property string title: ""
    Layout.fillWidth: true
    spacing: 16
    BigButton {
        objectName: "backButton"
        text: qsTr("‹ Back")
        primary: false
        font.pixelSize: Theme.small
        onClicked: bar.root.goHome()
    }
    ScreenTitle {
        text: bar.title
        Layout.fillWidth: true
    }
}
