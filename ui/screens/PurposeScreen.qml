import QtQuick
import QtQuick.Layouts
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "purposeScreen"
    required property RiderModel rider
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 24
        BackBar { onBack: screen.homeRequested(); title: qsTr("Hello, %1! What brings you here?").arg(screen.rider.memberName) }
        GridLayout {
            columns: screen.portrait ? 2 : 3
            rowSpacing: 16
            columnSpacing: 16
            Layout.fillWidth: true
            Repeater {
                model: screen.rider.purposes
                delegate: BigButton {
                    required property var modelData
                    objectName: "purpose_" + modelData.key
                    text: modelData.label
                    Layout.fillWidth: true
                    Layout.preferredHeight: 120
                    enabled: !screen.rider.busy
                    onClicked: screen.rider.checkIn(modelData.key)
                }
            }
        }
        Item { Layout.fillHeight: true }
    }
}
