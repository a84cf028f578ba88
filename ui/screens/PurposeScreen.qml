import QtQuick
import QtQuick.Layouts
import "../components"

Item {
    id: screen
    objectName: "purposeScreen"
    required property var root
    readonly property var purposes: [
        { key: "rest", label: qsTr("Rest") }, { key: "water", label: qsTr("Drink water") },
        { key: "charging", label: qsTr("Charge my phone") }, { key: "meal_heating", label: qsTr("Heat a meal") },
        { key: "restroom", label: qsTr("Restroom") }, { key: "legal_help", label: qsTr("Rights and legal help") },
        { key: "activity", label: qsTr("An activity or training") }
    ]
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 40
        spacing: 24
        BackBar { root: screen.root; title: qsTr("Hello, %1! What brings you here?").arg(screen.root.rider.memberName) }
        GridLayout {
            columns: screen.root.portrait ? 2 : 3
            rowSpacing: 16
            columnSpacing: 16
            Layout.fillWidth: true
            Repeater {
                model: screen.purposes
                delegate: BigButton {
                    required property var modelData
                    objectName: "purpose_" + modelData.key
                    text: modelData.label
                    Layout.fillWidth: true
                    Layout.preferredHeight: 120
                    enabled: !screen.root.rider.busy
                    onClicked: screen.root.rider.checkIn(modelData.key)
                }
            }
        }
        Item { Layout.fillHeight: true }
    }
}
