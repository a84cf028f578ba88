import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "consentScreen"
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 24
        BackBar { onBack: screen.homeRequested(); title: qsTr("Before you register") }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.body
            color: Theme.ink
            lineHeight: 1.3
            text: qsTr("The union keeps only what it needs to serve you: your name, occupation and platform, "
                       + "your visits and what you received, and your phone number only as a code that cannot be "
                       + "read back. They are kept on this station and on the union office's server, used to check "
                       + "you in, to hand out benefits fairly and for the union's own figures, and never given to "
                       + "platforms or employers. After two years your visits and what you received are kept only "
                       + "as numbers, no longer linked to you. You may ask the union office for a copy of your data "
                       + "or to have it deleted.")
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
                onClicked: screen.homeRequested()
            }
            BigButton {
                objectName: "agreeButton"
                text: qsTr("I agree")
                Layout.fillWidth: true
                onClicked: screen.openRequested("RegisterScreen")
            }
        }
    }
}
