import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "cardScreen"
    required property RiderModel rider
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 20
        ScreenTitle {
            objectName: "cardTitle"
            Layout.fillWidth: true
            text: (screen.rider.unionMember ? qsTr("Welcome to the union, %1!") : qsTr("You are registered, %1!"))
                  .arg(screen.rider.memberName)
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("This is your membership code. Take a photo of it and show it at any station.")
            font.pixelSize: Theme.body
            color: Theme.ink
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Image {
            objectName: "memberCode"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Math.min(screen.width, screen.height) * 0.55
            Layout.preferredHeight: Layout.preferredWidth
            fillMode: Image.PreserveAspectFit
            smooth: false
            source: screen.rider.code ? "image://qr/" + encodeURIComponent(screen.rider.code) : ""
        }
        Item { Layout.fillHeight: true }
        // On to the check-in: what brings the rider here, then what they may receive (the code stays shown).
        BigButton {
            objectName: "continueButton"
            text: qsTr("Check in now")
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 420
            onClicked: screen.openRequested("PurposeScreen")
        }
    }
}
