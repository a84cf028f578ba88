import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

Item {
    id: screen
    objectName: "registerScreen"
    required property var root
    property string occupation: "delivery_rider"
    property string platform: ""
    property bool unionMember: true
    readonly property var occupations: [
        { key: "delivery_rider", label: qsTr("Delivery rider") }, { key: "courier", label: qsTr("Courier") },
        { key: "ride_hailing_driver", label: qsTr("Ride-hailing driver") }, { key: "truck_driver", label: qsTr("Truck driver") },
        { key: "other", label: qsTr("Other") }
    ]
    readonly property var platforms: ["美团", "饿了么", "顺丰", "京东", "滴滴出行", "货拉拉", "闪送"]

    Flickable {
        anchors.fill: parent
        contentHeight: form.implicitHeight + 80
        clip: true
        ColumnLayout {
            id: form
            x: 40; y: 40
            width: screen.width - 80
            spacing: 18
            BackBar { root: screen.root; title: qsTr("Register") }
            Text { text: qsTr("Mobile number"); font.pixelSize: Theme.body; color: Theme.ink }
            Keypad {
                id: phonePad
                objectName: "registerKeypad"
                Layout.preferredWidth: Math.min(form.width, 560)
                okText: qsTr("Clear")
                onAccepted: value = ""
            }
            Text { text: qsTr("Name"); font.pixelSize: Theme.body; color: Theme.ink }
            TextField {
                id: nameField
                objectName: "nameField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                font.pixelSize: Theme.body
                maximumLength: 20
                placeholderText: qsTr("Your name (the attendant can help type it)")
            }
            Text { text: qsTr("Occupation"); font.pixelSize: Theme.body; color: Theme.ink }
            Flow {
                Layout.fillWidth: true
                spacing: 12
                Repeater {
                    model: screen.occupations
                    delegate: BigButton {
                        required property var modelData
                        objectName: "occupation_" + modelData.key
                        text: modelData.label
                        primary: screen.occupation === modelData.key
                        font.pixelSize: Theme.small
                        onClicked: screen.occupation = modelData.key
                    }
                }
            }
            Text { text: qsTr("Platform"); font.pixelSize: Theme.body; color: Theme.ink }
            Flow {
                Layout.fillWidth: true
                spacing: 12
                Repeater {
                    model: screen.platforms
                    delegate: BigButton {
                        required property string modelData
                        text: modelData
                        primary: screen.platform === modelData
                        font.pixelSize: Theme.small
                        onClicked: screen.platform = modelData
                    }
                }
            }
            CheckBox {
                objectName: "unionMemberBox"
                text: qsTr("I am (or want to become) a union member")
                checked: screen.unionMember
                font.pixelSize: Theme.body
                onToggled: screen.unionMember = checked
            }
            BigButton {
                objectName: "submitRegistration"
                text: qsTr("Register and get my code")
                Layout.fillWidth: true
                enabled: !screen.root.rider.busy
                onClicked: screen.root.rider.register(phonePad.value, nameField.text, screen.occupation,
                                                      screen.platform, screen.unionMember, true)
            }
        }
    }
}
