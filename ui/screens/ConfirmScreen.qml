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
    property string taken: ""  // the item just taken, shown large for a few seconds
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 20
        // Just taken: large, green, where the rider is looking; the greeting comes back after a few seconds.
        Rectangle {
            id: banner
            objectName: "takenBanner"
            visible: screen.taken !== ""
            Layout.fillWidth: true
            Layout.preferredHeight: takenColumn.implicitHeight + 32
            radius: 16
            color: Theme.ok
            readonly property var row: screen.rider.items.find(r => r.itemId === screen.taken) ?? {}
            RowLayout {
                anchors.fill: parent
                anchors.margins: 16
                spacing: 24
                Text { text: "✓"; font.pixelSize: 72; font.bold: true; color: Theme.white }
                ColumnLayout {
                    id: takenColumn
                    Layout.fillWidth: true
                    Text {
                        objectName: "takenText"
                        text: qsTr("Please take your %1. Stay safe on the road!").arg(banner.row.name || "")
                        font.pixelSize: Theme.body; font.bold: true; color: Theme.white
                        wrapMode: Text.WordWrap; Layout.fillWidth: true
                    }
                    Text {
                        objectName: "takenLeft"
                        readonly property int remaining: banner.row.left ?? -1
                        visible: remaining >= 0
                        text: remaining > 0 ? qsTr("You may have %1 more.").arg(remaining) : qsTr("That was the last one for now.")
                        font.pixelSize: Theme.small; color: Theme.white
                    }
                }
            }
        }
        Timer { id: takenTimer; interval: 5000; onTriggered: screen.taken = "" }
        Connections {
            target: screen.rider
            function onClaimed(itemId) { screen.taken = itemId; takenTimer.restart() }
        }
        ScreenTitle {
            objectName: "greeting"
            visible: screen.taken === ""
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
