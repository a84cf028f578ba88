import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

// Registration, one step per page: phone, name, then occupation and platform.
KioskPage {
    id: screen
    objectName: "registerScreen"
    required property RiderModel rider
    property int step: 0
    property string phone: ""
    property string occupation: "delivery_rider"
    property string platform: ""
    property bool unionMember: false  // joining the union is the rider's own choice: never ticked for them
    property string phoneOwner: ""  // the masked name of the rider who has the number typed, if any
    function label(choices, key) { return choices.find(c => c.key === key)?.label ?? key }
    Connections {
        target: screen.rider
        function onPhoneFree() { screen.step = 1; nameField.forceActiveFocus() }
        function onPhoneTaken(name) { screen.phoneOwner = name }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 32
        spacing: 18
        BackBar {
            // Back goes one step (from the first, to the privacy notice): nothing typed is lost on the way.
            onBack: if (screen.step > 0) screen.step -= 1; else screen.backRequested()
            title: [qsTr("Register: your mobile number"), qsTr("Register: your name"),
                    qsTr("Register: your work"), qsTr("Register: is this right?")][screen.step]
        }
        StackLayout {
            currentIndex: screen.step
            Layout.fillWidth: true
            Layout.fillHeight: true

            ColumnLayout {
                spacing: 16
                // Full width (so the keypad centres); in portrait it also puts the keypad in the lower middle.
                Item { Layout.fillWidth: true; Layout.fillHeight: screen.portrait }
                Keypad {
                    objectName: "registerKeypad"
                    visible: screen.phoneOwner === ""
                    Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                    Layout.fillWidth: false  // centred, as on the check-in screen
                    Layout.preferredWidth: Math.min(screen.width - 64, 640)
                    keyHeight: screen.portrait ? 120 : Theme.touch
                    okText: qsTr("Next")
                    acceptWhenFull: true
                    onAccepted: value => { if (!screen.rider.busy && screen.step === 0) { screen.phone = value; screen.rider.checkPhone(value) } }
                }
                // The number is already registered: the rider is offered a check-in, not a dead end.
                Text {
                    objectName: "phoneTaken"
                    visible: screen.phoneOwner !== ""
                    text: qsTr("This number is already registered, to %1.").arg(screen.phoneOwner)
                    font.pixelSize: Theme.body
                    color: Theme.ink
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                RowLayout {
                    visible: screen.phoneOwner !== ""
                    Layout.fillWidth: true
                    spacing: 24
                    BigButton {
                        objectName: "otherNumber"
                        text: qsTr("Use another number")
                        primary: false
                        Layout.fillWidth: true
                        onClicked: screen.phoneOwner = ""
                    }
                    BigButton {
                        objectName: "checkInInstead"
                        text: qsTr("Check in as %1").arg(screen.phoneOwner)
                        Layout.fillWidth: true
                        onClicked: screen.rider.identifyByPhone(screen.phone)
                    }
                }
                Item { Layout.fillHeight: !screen.portrait; Layout.preferredHeight: 120 }
            }

            ColumnLayout {
                spacing: 24
                // Next sits beside the field: with the keyboard and its candidate strip up, both stay in view.
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 16
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
                        enabled: nameField.text.trim() !== "" && nameField.preeditText === ""
                        Layout.preferredWidth: 240
                        onClicked: { screen.forceActiveFocus(); Qt.inputMethod.hide(); screen.step = 2 }  // keyboard down
                    }
                }
                // Pinyin still being composed is never taken silently: the rider picks the characters first.
                Text {
                    objectName: "pickCharacters"
                    visible: nameField.preeditText !== ""
                    text: qsTr("Pick the characters for your name first.")
                    font.pixelSize: Theme.small
                    color: Theme.red
                }
                Item { Layout.fillHeight: true }
            }

            ColumnLayout {
                spacing: 14
                component RowLabel: Text { font.pixelSize: Theme.small; font.bold: true; color: Theme.ink }
                RowLabel { text: qsTr("Your work") }
                Flow {
                    Layout.fillWidth: true
                    spacing: 12
                    Repeater {
                        model: screen.rider.occupations
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
                RowLabel { text: qsTr("Your platform or company (if any)") }
                Flow {
                    Layout.fillWidth: true
                    spacing: 12
                    Repeater {
                        model: screen.rider.platforms
                        delegate: BigButton {
                            required property var modelData
                            objectName: "platform_" + modelData.key
                            text: modelData.label
                            primary: screen.platform === modelData.key
                            implicitHeight: 72
                            font.pixelSize: Theme.small
                            onClicked: screen.platform = modelData.key
                        }
                    }
                }
                BigCheckBox {
                    objectName: "unionMemberBox"
                    text: qsTr("I am (or want to become) a union member")
                    checked: screen.unionMember
                    font.pixelSize: Theme.body
                    onToggled: screen.unionMember = checked
                }
                BigButton {
                    objectName: "workNext"
                    text: qsTr("Next")
                    Layout.fillWidth: true
                    onClicked: screen.step = 3
                }
                Item { Layout.fillHeight: true }
            }

            // Review: everything the rider gave, in full, before anything is saved (Back changes it).
            ColumnLayout {
                spacing: 18
                GridLayout {
                    objectName: "review"
                    columns: 2
                    columnSpacing: 32
                    rowSpacing: 12
                    Layout.fillWidth: true
                    component Label: Text { font.pixelSize: Theme.body; color: Theme.muted }
                    component Value: Text { font.pixelSize: Theme.body; font.bold: true; color: Theme.ink; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                    Label { text: qsTr("Name") }
                    Value { objectName: "reviewName"; text: nameField.text.trim() }
                    Label { text: qsTr("Mobile") }
                    Value { objectName: "reviewPhone"; text: screen.phone.slice(0, 3) + " **** " + screen.phone.slice(7) }
                    Label { text: qsTr("Work") }
                    Value {
                        objectName: "reviewWork"
                        text: screen.label(screen.rider.occupations, screen.occupation)
                              + (screen.platform ? " · " + screen.label(screen.rider.platforms, screen.platform) : "")
                    }
                    Label { text: qsTr("Union") }
                    Value { text: screen.unionMember ? qsTr("I am (or want to become) a member") : qsTr("Not a member") }
                }
                BigButton {
                    objectName: "submitRegistration"
                    text: qsTr("Register and get my code")
                    Layout.fillWidth: true
                    enabled: !screen.rider.busy
                    onClicked: screen.rider.register(screen.phone, nameField.text.trim(), screen.occupation,
                                                     screen.platform, screen.unionMember, true)
                }
                Item { Layout.fillHeight: true }
            }
        }
    }
}
