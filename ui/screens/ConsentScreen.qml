import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

Item {
    id: screen
    objectName: "consentScreen"
    required property var root
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 24
        BackBar { root: screen.root; title: qsTr("Before you register") }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.body
            color: Theme.ink
            lineHeight: 1.3
            text: qsTr("The union keeps only what it needs to serve you: your name, occupation and platform, "
                       + "and your phone number as a code that cannot be read back (plus its last four digits). "
                       + "It is used to check you in, to hand out benefits fairly and for the union's reports, "
                       + "and never shared with platforms or employers. You may ask the union office to delete it.")
        }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.fillWidth: true
            spacing: 24
            BigButton {
                objectName: "declineButton"
                text: qsTr("No, thanks")
                primary: false
                Layout.fillWidth: true
                onClicked: screen.root.goHome()
            }
            BigButton {
                objectName: "agreeButton"
                text: qsTr("I agree")
                Layout.fillWidth: true
                onClicked: screen.root.goTo("RegisterScreen")
            }
        }
    }
}
