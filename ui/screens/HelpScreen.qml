import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

// A help request (维权 / 求助), one question per page: what about, what happened (or skip), urgent or not,
// how to be reached, a review, then the case number. Back goes one step; nothing typed is lost on the way.
KioskPage {
    id: screen
    objectName: "helpScreen"
    required property RiderModel rider
    required property HomeModel home
    required property Settings settings
    readonly property int review: 5
    readonly property int sent: 6
    property int step: home.takesHelp ? 0 : -1  // -1: this station cannot take requests (not linked to the office)
    property string category: ""
    property bool urgent: false
    property bool callBack: false
    property string phone: ""
    property bool phoneWrong: false
    readonly property int maxLength: 500
    function label(key) { return home.helpCategories.find(c => c.key === key)?.label ?? key }
    function send() {
        rider.requestHelp(category, description.text.trim(), urgent, callBack ? phone : "", callBack && consent.checked)
    }
    Connections {
        target: screen.rider
        function onHelpRequested() { screen.step = screen.sent }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 32
        spacing: 18
        BackBar {
            visible: screen.step !== screen.sent  // sent: Done goes home, nothing left to go back to
            onBack: if (screen.step === screen.review && !screen.callBack) screen.step = 3
                    else if (screen.step > 0) screen.step -= 1
                    else screen.backRequested()
            title: screen.step < 0 ? qsTr("Ask the union for help")
                   : [qsTr("Ask the union for help: what about?"), qsTr("What happened? (you may skip this)"),
                      qsTr("Is it urgent?"), qsTr("How should the union reach you?"),
                      qsTr("Your number, for the call back"), qsTr("Is this right?"), ""][screen.step]
        }
        ScreenTitle {
            visible: screen.step === screen.sent
            Layout.fillWidth: true
            text: qsTr("Your request is with the union")
        }
        StackLayout {
            currentIndex: screen.step + 1
            Layout.fillWidth: true
            Layout.fillHeight: true
            component Note: Text {
                font.pixelSize: Theme.body; color: Theme.ink; wrapMode: Text.WordWrap; Layout.fillWidth: true
                lineHeight: 1.2
            }

            // A station not linked to the union office has nowhere to send a request: the hotline instead.
            ColumnLayout {
                spacing: 24
                Note {
                    objectName: "helpUnavailable"
                    text: qsTr("This station is not linked to the union office, so it cannot take help requests. "
                               + "Please call the union's hotline 12351, or ask at the union office.")
                }
                Item { Layout.fillHeight: true }
                BigButton { text: qsTr("Done"); Layout.fillWidth: true; onClicked: screen.homeRequested() }
            }

            ColumnLayout {
                spacing: 20
                GridLayout {
                    columns: screen.portrait ? 2 : 3
                    rowSpacing: 16
                    columnSpacing: 16
                    Layout.fillWidth: true
                    Repeater {
                        model: screen.home.helpCategories
                        delegate: BigButton {
                            required property var modelData
                            objectName: "helpCategory_" + modelData.key
                            text: modelData.label
                            primary: screen.category === "" || screen.category === modelData.key
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            Layout.preferredHeight: screen.portrait ? 160 : 130
                            onClicked: { screen.category = modelData.key; screen.step = 1; description.forceActiveFocus() }
                        }
                    }
                }
                Note {
                    text: qsTr("Your request goes to the union's caseworkers. What you write and your number are "
                               + "sealed on this kiosk: only they can read them.")
                    color: Theme.muted
                    font.pixelSize: Theme.small
                }
                Item { Layout.fillHeight: true }
            }

            // Next and Skip sit beside the box: with the keyboard and its candidate strip up, all stay in view.
            ColumnLayout {
                spacing: 12
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 16
                    ScrollView {
                        Layout.fillWidth: true
                        Layout.preferredHeight: 176
                        TextArea {
                            id: description
                            objectName: "helpDescription"
                            font.pixelSize: Theme.body
                            wrapMode: TextArea.Wrap
                            placeholderText: qsTr("For example: which platform, since when, how much")
                            background: Rectangle { color: Theme.white; border.color: Theme.muted; radius: 12 }
                        }
                    }
                    ColumnLayout {
                        spacing: 12
                        BigButton {
                            objectName: "descriptionNext"
                            text: description.text.trim() === "" ? qsTr("Skip") : qsTr("Next")
                            primary: description.text.trim() !== ""
                            enabled: description.preeditText === "" && description.length <= screen.maxLength
                            Layout.preferredWidth: 220
                            onClicked: { screen.forceActiveFocus(); Qt.inputMethod.hide(); screen.step = 2 }
                        }
                        Text {
                            objectName: "descriptionLength"
                            text: description.length + " / " + screen.maxLength
                            font.pixelSize: Theme.small
                            color: description.length > screen.maxLength ? Theme.red : Theme.muted
                            Layout.alignment: Qt.AlignHCenter
                        }
                    }
                }
                Text {
                    objectName: "descriptionProblem"
                    visible: text !== ""
                    text: description.preeditText !== "" ? qsTr("Pick the characters first.")
                          : description.length > screen.maxLength ? qsTr("Please keep it to 500 characters.") : ""
                    font.pixelSize: Theme.small
                    color: Theme.red
                }
                Item { Layout.fillHeight: true }
            }

            ColumnLayout {
                spacing: 24
                BigButton {
                    objectName: "urgentYes"
                    text: qsTr("Urgent: I need help today")
                    Layout.fillWidth: true
                    Layout.preferredHeight: 140
                    font.pixelSize: Theme.big
                    onClicked: { screen.urgent = true; screen.step = 3 }
                }
                BigButton {
                    objectName: "urgentNo"
                    text: qsTr("Not urgent")
                    primary: false
                    Layout.fillWidth: true
                    Layout.preferredHeight: 140
                    font.pixelSize: Theme.big
                    onClicked: { screen.urgent = false; screen.step = 3 }
                }
                Item { Layout.fillHeight: true }
            }

            ColumnLayout {
                spacing: 24
                BigButton {
                    objectName: "contactCall"
                    text: qsTr("Call me back on my phone")
                    Layout.fillWidth: true
                    Layout.preferredHeight: 140
                    font.pixelSize: Theme.big
                    onClicked: { screen.callBack = true; screen.step = 4 }
                }
                BigButton {
                    objectName: "contactInPerson"
                    text: qsTr("I will come back to this station")
                    primary: false
                    Layout.fillWidth: true
                    Layout.preferredHeight: 140
                    font.pixelSize: Theme.big
                    onClicked: { screen.callBack = false; screen.step = screen.review }
                }
                Item { Layout.fillHeight: true }
            }

            ColumnLayout {
                spacing: 16
                Item { Layout.fillWidth: true; Layout.fillHeight: screen.portrait }
                Keypad {
                    id: phonePad
                    objectName: "helpKeypad"
                    Layout.alignment: Qt.AlignHCenter | Qt.AlignTop
                    Layout.fillWidth: false
                    Layout.preferredWidth: Math.min(screen.width - 64, 640)
                    keyHeight: screen.portrait ? 120 : Theme.touch
                    okText: qsTr("Next")
                    onAccepted: value => {
                        screen.phoneWrong = !/^1\d{10}$/.test(value)
                        if (!screen.phoneWrong) { screen.phone = value; screen.step = screen.review }
                    }
                    onValueChanged: screen.phoneWrong = false
                }
                Text {
                    objectName: "helpPhoneProblem"
                    visible: screen.phoneWrong
                    text: qsTr("Please enter an 11-digit mobile number starting with 1.")
                    font.pixelSize: Theme.small
                    color: Theme.red
                    Layout.alignment: Qt.AlignHCenter
                }
                Item { Layout.fillHeight: !screen.portrait; Layout.preferredHeight: 120 }
            }

            // Review: everything the rider gave, before anything is saved (Back changes it).
            ColumnLayout {
                spacing: 16
                GridLayout {
                    objectName: "helpReview"
                    columns: 2
                    columnSpacing: 32
                    rowSpacing: 12
                    Layout.fillWidth: true
                    component Label: Text { font.pixelSize: Theme.body; color: Theme.muted }
                    component Value: Text {
                        font.pixelSize: Theme.body; font.bold: true; color: Theme.ink; Layout.fillWidth: true
                        wrapMode: Text.WordWrap; maximumLineCount: 3; elide: Text.ElideRight; textFormat: Text.PlainText
                    }
                    Label { text: qsTr("About") }
                    Value { objectName: "reviewCategory"; text: screen.label(screen.category) }
                    Label { text: qsTr("What happened") }
                    Value { objectName: "reviewDescription"; text: description.text.trim() || qsTr("(not written)") }
                    Label { text: qsTr("Urgent") }
                    Value { objectName: "reviewUrgent"; text: screen.urgent ? qsTr("Yes, today") : qsTr("No") }
                    Label { text: qsTr("Reach me") }
                    Value {
                        objectName: "reviewContact"
                        text: screen.callBack ? qsTr("Call back on %1").arg(screen.phone.slice(0, 3) + " **** " + screen.phone.slice(7))
                                              : qsTr("In person, at this station")
                    }
                    Label { text: qsTr("Name") }
                    Value { text: screen.rider.memberName || qsTr("Not given (anonymous)") }
                }
                BigCheckBox {
                    id: consent
                    objectName: "helpConsent"
                    visible: screen.callBack
                    text: qsTr("The union's caseworker may have my number to call me back.")
                    font.pixelSize: Theme.small
                    Layout.fillWidth: true
                    contentItem: Text {
                        leftPadding: consent.indicator.width + 16
                        text: consent.text; font: consent.font; color: Theme.ink
                        wrapMode: Text.WordWrap; verticalAlignment: Text.AlignVCenter
                    }
                }
                Item { Layout.fillHeight: true }
                BigButton {
                    objectName: "sendHelp"
                    text: qsTr("Send my request")
                    Layout.fillWidth: true
                    enabled: !screen.rider.busy && (!screen.callBack || consent.checked)
                    onClicked: screen.send()
                }
            }

            // Sent: the case number, large, to write down or photograph (and print where there is a printer).
            ColumnLayout {
                spacing: 20
                Note { text: qsTr("Your case number:"); horizontalAlignment: Text.AlignHCenter }
                Text {
                    objectName: "caseNumber"
                    text: screen.rider.caseNumber
                    font.pixelSize: 96
                    font.bold: true
                    font.letterSpacing: 6
                    color: Theme.red
                    Layout.alignment: Qt.AlignHCenter
                }
                Note {
                    objectName: "caseNext"
                    horizontalAlignment: Text.AlignHCenter
                    text: (screen.callBack ? qsTr("A caseworker will call you, usually within a day.")
                                           : qsTr("Come back to this station, or call the hotline 12351, and give this number."))
                          + (screen.rider.caseUrgent && screen.settings.mode !== "unattended"
                             ? " " + qsTr("The attendant here has been told it is urgent.") : "")
                }
                Note {
                    visible: screen.rider.memberId !== ""
                    horizontalAlignment: Text.AlignHCenter
                    color: Theme.muted
                    font.pixelSize: Theme.small
                    text: qsTr("Scan your membership code at any station to see how it is going.")
                }
                Item { Layout.fillHeight: true }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 24
                    BigButton {
                        objectName: "printCase"
                        visible: screen.settings.hasPrinter
                        text: qsTr("Print my case number")
                        primary: false
                        Layout.fillWidth: true
                        onClicked: screen.rider.printCase()
                    }
                    BigButton {
                        objectName: "helpDone"
                        text: qsTr("Done")
                        Layout.fillWidth: true
                        onClicked: screen.homeRequested()
                    }
                }
            }
        }
    }
}
