import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "components"

// Shown instead of the kiosk when its database cannot be used: riders are told where to go, the
// technician what to run. There is no way out of it on screen (there is no PIN to check against).
ApplicationWindow {
    id: root
    objectName: "outOfService"
    required property string reason
    required property string dataDir
    width: 1280
    height: 800
    visible: true
    title: qsTr("Station Kiosk")
    color: Theme.cream

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 48
        spacing: 28
        ScreenTitle {
            objectName: "outOfServiceTitle"
            text: qsTr("Sorry, this kiosk is out of service.")
            Layout.fillWidth: true
        }
        Text {
            text: qsTr("Its records cannot be read, so nothing can be recorded here until a technician repairs it. "
                       + "Please ask at the union office or visit the next station.")
            font.pixelSize: Theme.body
            color: Theme.ink
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
        Text {
            objectName: "technicianSteps"
            text: qsTr("Technician: run 'kiosk doctor', then 'kiosk repair' to set the damaged file aside, "
                       + "then enrol the station again.")
            font.pixelSize: Theme.small
            color: Theme.muted
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Text {
            text: root.dataDir + ": " + root.reason
            font.pixelSize: Theme.small
            color: Theme.muted
            wrapMode: Text.WrapAnywhere
            Layout.fillWidth: true
        }
    }
}
