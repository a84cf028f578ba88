import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

Item {
    id: screen
    objectName: "techScreen"
    required property var root
    readonly property var tech: root.tech
    readonly property var status: tech.status
    Component.onCompleted: tech.refresh()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 32
        spacing: 14
        RowLayout {
            Layout.fillWidth: true
            ScreenTitle { text: qsTr("Technician"); Layout.fillWidth: true; horizontalAlignment: Text.AlignLeft }
            BigButton { objectName: "lockButton"; text: qsTr("Lock"); primary: false; onClicked: screen.root.goHome() }
        }
        GridLayout {
            columns: 2
            columnSpacing: 24
            rowSpacing: 8
            Layout.fillWidth: true
            Text { text: qsTr("Station"); font.pixelSize: Theme.small; color: Theme.muted }
            Text { text: (screen.status.name || "") + " (" + (screen.status.station_id || "") + ")"; font.pixelSize: Theme.small }
            Text { text: qsTr("Hub"); font.pixelSize: Theme.small; color: Theme.muted }
            Text { text: screen.status.hub_url || qsTr("not enrolled"); font.pixelSize: Theme.small }
            Text { text: qsTr("Events not yet at the hub"); font.pixelSize: Theme.small; color: Theme.muted }
            Text { objectName: "pendingEvents"; text: screen.status.pending_events !== undefined ? screen.status.pending_events : ""; font.pixelSize: Theme.small }
            Text { text: qsTr("Last sync"); font.pixelSize: Theme.small; color: Theme.muted }
            Text { text: screen.status.sync ? (screen.status.sync.last_success || qsTr("never")) : ""; font.pixelSize: Theme.small }
            Text { text: qsTr("Last error"); font.pixelSize: Theme.small; color: Theme.muted }
            Text { text: screen.status.sync ? (screen.status.sync.last_error || qsTr("none")) : ""; font.pixelSize: Theme.small; wrapMode: Text.WordWrap; Layout.fillWidth: true }
            Text { text: qsTr("Clock offset to the hub"); font.pixelSize: Theme.small; color: Theme.muted }
            Text { text: screen.status.sync ? screen.status.sync.clock_offset_s + " s" : ""; font.pixelSize: Theme.small }
            Text { text: qsTr("Database"); font.pixelSize: Theme.small; color: Theme.muted }
            Text { objectName: "integrity"; text: screen.tech.integrity || qsTr("not checked"); font.pixelSize: Theme.small }
            Text { text: qsTr("Free disk"); font.pixelSize: Theme.small; color: Theme.muted }
            Text { text: screen.tech.diskFreeMb + " MiB"; font.pixelSize: Theme.small }
            Text { text: qsTr("Mode"); font.pixelSize: Theme.small; color: Theme.muted }
            RowLayout {
                BigButton { objectName: "modeAttended"; text: qsTr("Attended"); primary: screen.status.mode === "attended"; font.pixelSize: Theme.small; onClicked: screen.tech.setMode("attended") }
                BigButton { objectName: "modeUnattended"; text: qsTr("Unattended"); primary: screen.status.mode === "unattended"; font.pixelSize: Theme.small; onClicked: screen.tech.setMode("unattended") }
            }
        }
        Flow {
            Layout.fillWidth: true
            spacing: 16
            BigButton { objectName: "syncNow"; text: qsTr("Sync now"); onClicked: screen.tech.syncNow() }
            BigButton { objectName: "checkDatabase"; text: qsTr("Check database"); primary: false; onClicked: screen.tech.checkDatabase() }
            BigButton { objectName: "exitKiosk"; text: qsTr("Exit the kiosk"); primary: false; onClicked: screen.tech.exitKiosk() }
        }
        Item { Layout.fillHeight: true }
    }
}
