import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../components"

// Registration, one step per page: phone, name, then occupation and platform.
Item {
    id: screen
    objectName: "registerScreen"
    required property var root
    property int step: 0
    property string phone: ""
    property string occupation: "delivery_rider"
    property string platform: ""
    property bool unionMember: false  // joining the union is the rider's own choice: never ticked for them
    readonly property var occupations: [
        { key: "delivery_rider", label: qsTr("Delivery rider") }, { key: "courier", label: qsTr("Courier") },
        { key: "ride_hailing_driver", label: qsTr("Ride-hailing driver") }, { key: "truck_driver", label: qsTr("Truck driver") },
        { key: "other", label: qsTr("Other") }
    ]
    readonly property var platforms: ["美团", "饿了么", "顺丰", "京东", "滴滴出行", "货拉拉", "闪送"]

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 32
        spacing: 18
        BackBar {
            root: screen.root
            title: [qsTr("Register: your mobile number"), qsTr("Register: your name"),
                    qsTr("Register: your work")][screen.step]
        }
        StackLayout {
            currentIndex: screen.step
            Layout.fillWidth: true
            Layout.fillHeight: true

            Keypad {
                objectName: "registerKeypad"
                Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                Layout.maximumWidth: 600
                okText: qsTr("Next")
                onAccepted: value => { screen.phone = value; screen.step = 1; nameField.forceActiveFocus() }
            }

            ColumnLayout {
                spacing: 24
                TextField {
                    id: nameField
                    objectName: "nameField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    font.pixelSize: Theme.body
                    maximumLength: 20
                    placeholderText: qsTr("Your name")
                }
                BigButton {
                    objectName: "nameNext"
                    text: qsTr("Next")
                    Layout.preferredWidth: 320
                    onClicked: { screen.forceActiveFocus(); Qt.inputMethod.hide(); screen.step = 2 }  // keyboard down
                }
                Item { Layout.fillHeight: true }
            }

            ColumnLayout {
                spacing: 14
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
                Flow {
                    Layout.fillWidth: true
                    spacing: 12
                    Repeater {
                        model: screen.platforms
                        delegate: BigButton {
                            required property string modelData
                            text: modelData
                            primary: screen.platform === modelData
                            implicitHeight: 72
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
                    onClicked: screen.root.rider.register(screen.phone, nameField.text, screen.occupation,
                                                          screen.platform, screen.unionMember, true)
                }
                Item { Layout.fillHeight: true }
            }
        }
    }
}
