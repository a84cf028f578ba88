import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "confirmScreen"
    required property RiderModel rider
    required property Settings settings
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 20
        ScreenTitle {
            objectName: "greeting"
            Layout.fillWidth: true
            text: screen.rider.alreadyCheckedIn
                  ? qsTr("Welcome back, %1! You are already checked in.").arg(screen.rider.memberName)
                  : qsTr("Welcome, %1! You are checked in.").arg(screen.rider.memberName)
        }
        Text {
            objectName: "claimHeading"
            // What the list below holds: items with a line each on whether and how; or that there are none.
            text: screen.rider.items.length === 0 ? qsTr("Nothing is handed out at this station today.")
                  : qsTr("Today's items for you:")
            font.pixelSize: Theme.body
            color: Theme.ink
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 24
            ListView {
                objectName: "claimList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 12
                clip: true
                model: screen.rider.items
                // More rows than fit: a bar that stays in view says so.
                ScrollBar.vertical: ScrollBar { width: 16; policy: ScrollBar.AsNeeded; active: true }
                delegate: ClaimRow {
                    required property var modelData
                    objectName: "claim_" + modelData.itemId
                    width: ListView.view.width
                    name: modelData.name
                    available: modelData.available
                    // With no attendant here, "ask the attendant" would send the rider looking for no one.
                    note: modelData.attendedOnly && screen.settings.mode === "unattended"
                          ? qsTr("Handed out at staffed stations only.")
                          : !modelData.available ? modelData.reason
                          : modelData.selfService ? qsTr("You may take this yourself.")
                          : qsTr("Ask the attendant.")
                    BigButton {
                        objectName: "take_" + modelData.itemId
                        visible: modelData.selfService
                        text: qsTr("Take one")
                        enabled: !screen.rider.busy
                        onClicked: screen.rider.claim(modelData.itemId)
                    }
                }
            }
            // A rider who just registered keeps their new code in view, to photograph it.
            ColumnLayout {
                visible: screen.rider.code !== ""
                Layout.alignment: Qt.AlignTop
                Image {
                    objectName: "newMemberCode"
                    Layout.preferredWidth: screen.portrait ? 240 : 300
                    Layout.preferredHeight: Layout.preferredWidth
                    smooth: false
                    source: screen.rider.code ? "image://qr/" + encodeURIComponent(screen.rider.code) : ""
                }
                Text {
                    text: qsTr("Your membership code")
                    font.pixelSize: Theme.small
                    color: Theme.ink
                    Layout.alignment: Qt.AlignHCenter
                }
            }
        }
        BigButton {
            objectName: "doneButton"
            text: qsTr("Done")
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 320
            onClicked: screen.homeRequested()
        }
    }
}
