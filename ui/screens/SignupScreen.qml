import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

// A sign-up (报名): which programme, which session, the programme's questions, a review, then the slip
// (a place, or the waiting list; where to go and what to bring). Back goes one step; answers are kept.
KioskPage {
    id: screen
    objectName: "signupScreen"
    required property RiderModel rider
    required property Settings settings
    property int step: 0
    property var programme: ({})
    property string sessionId: ""
    property var answers: ({})
    readonly property var fields: programme.fields ?? []
    function choose(p) {
        programme = p
        answers = {}
        if (p.sessions.length === 1) { sessionId = p.sessions[0].sessionId; step = 2 } else step = 1
    }
    function answer(key, value) { const a = Object.assign({}, answers); a[key] = value; answers = a }
    function shown(field) {  // an ID number is shown masked on the review, as on a receipt
        const value = answers[field.key] ?? ""
        return field.kind === "id_number" && value.length > 5 ? value.slice(0, 3) + "*".repeat(value.length - 5) + value.slice(-2) : value
    }
    readonly property bool complete: fields.every(f => !f.required || (answers[f.key] ?? "").trim() !== "")
    Connections {
        target: screen.rider
        function onSignedUp() { screen.step = 4 }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 32
        spacing: 18
        BackBar {
            visible: screen.step < 4
            onBack: if (screen.step === 2 && screen.programme.sessions.length === 1) screen.step = 0
                    else if (screen.step > 0) screen.step -= 1
                    else screen.backRequested()
            title: [qsTr("Sign up: which one?"), qsTr("Which session?"), screen.programme.title ?? "",
                    qsTr("Is this right?"), ""][screen.step]
        }
        StackLayout {
            currentIndex: screen.step
            Layout.fillWidth: true
            Layout.fillHeight: true
            // As high as the room above the keyboard, not as the tallest step: the questions then scroll
            // within it and nothing is drawn behind the keyboard.
            Layout.minimumHeight: 0
            clip: true

            ColumnLayout {
                spacing: 16
                Repeater {
                    model: screen.rider.signupProgrammes
                    delegate: BigButton {
                        required property var modelData
                        objectName: "programme_" + modelData.programmeId
                        text: modelData.title
                        Layout.fillWidth: true
                        Layout.preferredHeight: 120
                        font.pixelSize: Theme.big
                        onClicked: screen.choose(modelData)
                    }
                }
                Item { Layout.fillHeight: true }
            }

            ColumnLayout {
                spacing: 16
                Repeater {
                    model: screen.programme.sessions ?? []
                    delegate: BigButton {
                        required property var modelData
                        objectName: "session_" + modelData.sessionId
                        text: modelData.label
                        Layout.fillWidth: true
                        Layout.preferredHeight: 110
                        onClicked: { screen.sessionId = modelData.sessionId; screen.step = 2 }
                    }
                }
                Item { Layout.fillHeight: true }
            }

            // The questions, one under another; the list scrolls so a field stays above the keyboard, and
            // Next sits above them, in view whether the keyboard is up or not.
            ColumnLayout {
                spacing: 12
                BigButton {
                    objectName: "answersNext"
                    text: qsTr("Next")
                    Layout.fillWidth: true
                    enabled: screen.complete
                    onClicked: { screen.forceActiveFocus(); Qt.inputMethod.hide(); screen.step = 3 }
                }
                Flickable {
                    id: form
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    contentHeight: questions.implicitHeight
                    clip: true
                    ScrollBar.vertical: ScrollBar { width: 16; policy: ScrollBar.AsNeeded }
                    ColumnLayout {
                        id: questions
                        width: form.width - 24
                        spacing: 10
                        Repeater {
                            model: screen.fields
                            delegate: ColumnLayout {
                                id: question
                                required property var modelData
                                Layout.fillWidth: true
                                spacing: 6
                                Text {
                                    text: question.modelData.label + (question.modelData.required ? "" : qsTr(" (optional)"))
                                    font.pixelSize: Theme.small; font.bold: true; color: Theme.ink
                                }
                                Flow {
                                    visible: question.modelData.kind === "choice"
                                    Layout.fillWidth: true
                                    spacing: 10
                                    Repeater {
                                        model: question.modelData.choices
                                        delegate: BigButton {
                                            required property string modelData
                                            objectName: "choice_" + question.modelData.key + "_" + modelData
                                            text: modelData
                                            implicitHeight: 72
                                            font.pixelSize: Theme.small
                                            primary: screen.answers[question.modelData.key] === modelData
                                            onClicked: screen.answer(question.modelData.key, modelData)
                                        }
                                    }
                                }
                                // A child's age: one tap on a big number, no keyboard (gloves, and the
                                // pinyin keyboard shows letters first).
                                Flow {  // one row in landscape
                                    visible: question.modelData.kind === "child_age"
                                    Layout.fillWidth: true
                                    spacing: screen.portrait ? 10 : 8
                                    Repeater {
                                        model: 17
                                        delegate: BigButton {
                                            required property int index
                                            objectName: "age_" + (index + 1)
                                            text: index + 1
                                            implicitWidth: screen.portrait ? 80 : 62
                                            implicitHeight: 72
                                            font.pixelSize: Theme.small
                                            primary: screen.answers[question.modelData.key] === String(index + 1)
                                            onClicked: screen.answer(question.modelData.key, String(index + 1))
                                        }
                                    }
                                }
                                TextField {
                                    objectName: "answer_" + question.modelData.key
                                    visible: !["choice", "child_age"].includes(question.modelData.kind)
                                    Layout.fillWidth: true
                                    Layout.preferredHeight: Theme.touch
                                    font.pixelSize: Theme.body
                                    text: screen.answers[question.modelData.key] ?? ""
                                    maximumLength: ({"phone": 11, "id_number": 18, "number": 7, "date": 10})[question.modelData.kind] ?? 40
                                    inputMethodHints: ["phone", "number"].includes(question.modelData.kind) ? Qt.ImhDigitsOnly
                                                      : question.modelData.kind === "id_number" ? Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText
                                                      : question.modelData.kind === "date" ? Qt.ImhDate : Qt.ImhNone
                                    placeholderText: question.modelData.kind === "date" ? qsTr("YYYY-MM-DD") : ""
                                    onTextChanged: if (text !== (screen.answers[question.modelData.key] ?? "")) screen.answer(question.modelData.key, text)
                                    onActiveFocusChanged: if (activeFocus) form.contentY = Math.max(0, Math.min(parent.y, form.contentHeight - form.height))
                                }
                            }
                        }
                    }
                }
            }

            ColumnLayout {
                spacing: 12
                GridLayout {
                    objectName: "signupReview"
                    columns: 2
                    columnSpacing: 32
                    rowSpacing: 10
                    Layout.fillWidth: true
                    Text { text: qsTr("Sign-up"); font.pixelSize: Theme.body; color: Theme.muted }
                    Text {
                        text: (screen.programme.title ?? "") + ((screen.programme.sessions ?? []).length > 1
                              ? " · " + screen.programme.sessions.find(s => s.sessionId === screen.sessionId)?.label : "")
                        font.pixelSize: Theme.body; font.bold: true; color: Theme.ink; Layout.fillWidth: true; wrapMode: Text.WordWrap
                    }
                }
                Repeater {
                    model: screen.fields
                    delegate: Text {
                        required property var modelData
                        objectName: "review_" + modelData.key
                        text: modelData.label + ":  " + (screen.shown(modelData) || "—")
                        font.pixelSize: Theme.body; font.bold: true; color: Theme.ink
                        textFormat: Text.PlainText
                    }
                }
                Item { Layout.fillHeight: true }
                BigButton {
                    objectName: "sendSignup"
                    text: qsTr("Sign me up")
                    Layout.fillWidth: true
                    enabled: !screen.rider.busy
                    onClicked: screen.rider.signUp(screen.programme.programmeId, screen.sessionId, screen.answers)
                }
            }

            // The slip: a place or the waiting list, where to go and what to bring.
            ColumnLayout {
                spacing: 18
                ScreenTitle {
                    objectName: "signupOutcome"
                    Layout.fillWidth: true
                    color: screen.rider.lastSignup.confirmed ? Theme.ok : Theme.ink
                    text: screen.rider.lastSignup.confirmed ? qsTr("You have a place!") : qsTr("You are on the waiting list.")
                }
                Text {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.body
                    color: Theme.ink
                    text: screen.rider.lastSignup.heading ?? ""
                }
                Text {
                    objectName: "signupWhere"
                    visible: (screen.rider.lastSignup.where ?? "") !== ""
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.body
                    color: Theme.ink
                    text: qsTr("Where: %1").arg(screen.rider.lastSignup.where ?? "")
                }
                Text {
                    visible: (screen.rider.lastSignup.bring ?? "") !== ""
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.body
                    color: Theme.ink
                    text: qsTr("Please bring: %1").arg(screen.rider.lastSignup.bring ?? "")
                }
                Text {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.small
                    color: Theme.muted
                    text: screen.rider.lastSignup.confirmed
                          ? qsTr("The union office confirms every place; scan your code at any station to see it.")
                          : qsTr("If a place comes free the union office gives it to you: scan your code at any station to see.")
                }
                Item { Layout.fillHeight: true }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 24
                    BigButton {
                        objectName: "printSignup"
                        visible: screen.settings.hasPrinter
                        text: qsTr("Print my slip")
                        primary: false
                        Layout.fillWidth: true
                        onClicked: screen.rider.printSignup()
                    }
                    BigButton {
                        objectName: "signupDone"
                        text: qsTr("Done")
                        Layout.fillWidth: true
                        onClicked: screen.homeRequested()
                    }
                }
            }
        }
    }
}
