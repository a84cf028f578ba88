import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk
import "../components"

KioskPage {
    id: screen
    objectName: "staffScreen"
    required property StaffModel staff
    required property Settings settings
    property string confirmingVoid: ""  // the handout whose void waits for "Yes" (kept across list refreshes)
    property bool codeBackChecked: false
    property bool confirmingRevoke: false
    // The stock entry under way: which item, "receive" or "count", and the figure typed (-1: not yet).
    property string stockItem: ""
    property string stockAction: ""
    property int stockAmount: -1
    function startStock(itemId, action) {
        stockItem = itemId; stockAction = action; stockAmount = -1; stockPad.value = ""; countReason.currentIndex = -1
    }
    // A question asked about one rider is not left standing for the next.
    readonly property string shownRider: staff.riderName
    onShownRiderChanged: { confirmingRevoke = false; confirmingVoid = "" }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12
        // Who is signed in, the tabs, and Lock at the end of the same row: the keypad below keeps its
        // last row on a 1280×800 screen.
        RowLayout {
            Layout.fillWidth: true
            spacing: 16
            Text {
                objectName: "attendantName"
                text: qsTr("Attendant: %1").arg(screen.staff.attendantName)
                font.pixelSize: Theme.body; font.bold: true; color: Theme.ink
                elide: Text.ElideRight; Layout.fillWidth: true
            }
            // An urgent help request made here and not yet taken up by the office: the rider may need someone now.
            Rectangle {
                objectName: "urgentHelp"
                visible: screen.staff.urgentHelp.length > 0
                radius: 12
                color: Theme.red
                Layout.preferredHeight: 56
                Layout.preferredWidth: urgentText.implicitWidth + 32
                Layout.maximumWidth: screen.width * 0.6
                Text {
                    id: urgentText
                    anchors.fill: parent
                    anchors.leftMargin: 16
                    anchors.rightMargin: 16
                    verticalAlignment: Text.AlignVCenter
                    elide: Text.ElideRight
                    readonly property var first: screen.staff.urgentHelp[0] ?? {}
                    text: qsTr("Urgent help request %1: %2").arg(first.caseNumber ?? "").arg(first.category ?? "")
                          + (screen.staff.urgentHelp.length > 1 ? qsTr(" (+%n more)", "", screen.staff.urgentHelp.length - 1) : "")
                    font.pixelSize: Theme.small; font.bold: true; color: Theme.white
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 16
            TabBar {
                id: tabs
                Layout.fillWidth: true
                spacing: 8
                background: null
                KioskTab { objectName: "tabRider"; text: qsTr("Rider") }
                KioskTab { objectName: "tabStock"; text: qsTr("Stock") }
                KioskTab { objectName: "tabActivity"; text: qsTr("Activity") }
                KioskTab { objectName: "tabToday"; text: qsTr("Today") }
            }
            BigButton { objectName: "lockButton"; text: qsTr("Lock"); primary: false; implicitHeight: 72; implicitWidth: 160; onClicked: screen.homeRequested() }
        }
        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            // Rider: identify (scan anywhere, or phone), hand out, void, show or replace the card.
            GridLayout {
                columns: screen.portrait ? 1 : 2
                columnSpacing: 24
                ColumnLayout {
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: 400
                    Layout.maximumWidth: 400
                    Text { text: qsTr("Scan the rider's code, or type the phone number:"); font.pixelSize: Theme.small; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                    Keypad {
                        objectName: "staffKeypad"
                        keyHeight: 64
                        okText: qsTr("Find")
                        Layout.fillWidth: true
                        onAccepted: value => screen.staff.findRider(value)
                    }
                }
                Flickable {
                    id: riderPane
                    objectName: "riderPane"
                    contentWidth: width
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 600
                    contentHeight: riderColumn.implicitHeight
                    clip: true
                    ScrollBar.vertical: ScrollBar { width: 16 }
                ColumnLayout {
                    id: riderColumn
                    width: riderPane.width - 24
                    spacing: 8
                    Text { objectName: "staffRider"; text: screen.staff.riderName || qsTr("No rider yet"); font.pixelSize: Theme.body; font.bold: true }
                    // A voucher just handed out: its code stays here, large, until the next rider.
                    Rectangle {
                        objectName: "voucherBox"
                        visible: screen.staff.voucher.code !== undefined
                        Layout.fillWidth: true
                        implicitHeight: voucherColumn.implicitHeight + 24
                        radius: 12
                        color: Theme.white
                        border.color: Theme.gold
                        border.width: 4
                        ColumnLayout {
                            id: voucherColumn
                            anchors.fill: parent
                            anchors.margins: 12
                            Text { text: qsTr("Voucher code for %1 — give it to the rider:").arg(screen.staff.voucher.name ?? ""); font.pixelSize: Theme.small; color: Theme.ink; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                            Text { objectName: "voucherCode"; text: screen.staff.voucher.code ?? ""; font.pixelSize: Theme.big; font.bold: true; font.letterSpacing: 3; color: Theme.ink; textFormat: Text.PlainText }
                        }
                    }
                    Repeater {
                        model: screen.staff.items
                        delegate: ClaimRow {
                            id: claim
                            required property var modelData
                            property int quantity: 1
                            objectName: "itemRow_" + modelData.itemId
                            Layout.fillWidth: true
                            name: modelData.name
                            available: modelData.available
                            note: modelData.reason
                            // The stepper goes up to what the rider may still have.
                            BigButton { objectName: "fewer_" + claim.modelData.itemId; text: "−"; primary: false; implicitWidth: 72; enabled: claim.quantity > 1; onClicked: claim.quantity -= 1 }
                            Text { objectName: "quantity_" + claim.modelData.itemId; text: claim.quantity; font.pixelSize: Theme.body; color: Theme.ink }
                            BigButton { objectName: "more_" + claim.modelData.itemId; text: "+"; primary: false; implicitWidth: 72; enabled: claim.quantity < claim.modelData.most; onClicked: claim.quantity += 1 }
                            BigButton {
                                objectName: "give_" + claim.modelData.itemId
                                text: qsTr("Hand out")
                                font.pixelSize: Theme.small
                                onClicked: screen.staff.handOut(claim.modelData.itemId, claim.quantity)
                            }
                        }
                    }
                    Text { text: qsTr("Recent handouts"); font.pixelSize: Theme.small; font.bold: true; visible: screen.staff.recent.length > 0 }
                    Repeater {
                        model: screen.staff.recent
                        // Voiding takes two taps: "Void", then "Yes, void it" (or "Keep"). A voucher's code is
                        // given again only if the attendant ticks that its card is back in hand.
                        delegate: ColumnLayout {
                            id: row
                            required property var modelData
                            readonly property bool confirming: screen.confirmingVoid === modelData.handoutId
                            Layout.fillWidth: true
                            RowLayout {
                                Layout.fillWidth: true
                                Text {
                                    Layout.fillWidth: true
                                    text: row.modelData.name + " ×" + row.modelData.quantity + (row.modelData.voided ? "  " + qsTr("(voided)") : "")
                                    font.pixelSize: Theme.small
                                    wrapMode: Text.WordWrap
                                }
                                BigButton {
                                    objectName: "void_" + row.modelData.handoutId
                                    visible: !row.modelData.voided && !row.confirming
                                    text: qsTr("Void")
                                    primary: false
                                    font.pixelSize: Theme.small
                                    onClicked: { screen.codeBackChecked = false; reason.currentIndex = -1; screen.confirmingVoid = row.modelData.handoutId }
                                }
                            }
                            // The question spells out what voiding does, and the reason is the attendant's choice.
                            Text {
                                visible: row.confirming && !row.modelData.voided
                                text: row.modelData.voucher
                                      ? qsTr("Void this handout? The rider gets the allowance back; the voucher code is retired unless its card is back in your hand.")
                                      : qsTr("Void this handout? The item goes back into stock and the rider gets the allowance back.")
                                font.pixelSize: Theme.small; color: Theme.ink; wrapMode: Text.WordWrap; Layout.fillWidth: true
                            }
                            KioskCombo {
                                id: reason
                                objectName: "voidReason_" + row.modelData.handoutId
                                visible: row.confirming && !row.modelData.voided
                                Layout.fillWidth: true
                                currentIndex: -1
                                displayText: currentIndex < 0 ? qsTr("Why void it?") : currentText
                                model: [qsTr("Wrong item"), qsTr("Wrong rider"), qsTr("Item returned")]
                            }
                            BigCheckBox {
                                objectName: "codeBack_" + row.modelData.handoutId
                                visible: row.confirming && !row.modelData.voided && row.modelData.voucher
                                text: qsTr("The card is back in my hand")
                                font.pixelSize: Theme.small
                                Layout.fillWidth: true
                                checked: screen.codeBackChecked
                                onToggled: screen.codeBackChecked = checked
                            }
                            RowLayout {
                                Layout.fillWidth: true
                                visible: row.confirming && !row.modelData.voided
                                Item { Layout.fillWidth: true }
                                BigButton {
                                    objectName: "keep_" + row.modelData.handoutId
                                    text: qsTr("Keep")
                                    primary: false
                                    font.pixelSize: Theme.small
                                    onClicked: screen.confirmingVoid = ""
                                }
                                BigButton {
                                    objectName: "confirmVoid_" + row.modelData.handoutId
                                    text: qsTr("Yes, void it")
                                    enabled: reason.currentIndex >= 0
                                    font.pixelSize: Theme.small
                                    onClicked: {
                                        screen.confirmingVoid = ""
                                        screen.staff.voidHandout(row.modelData.handoutId, reason.currentText,
                                                                 row.modelData.voucher, screen.codeBackChecked)
                                    }
                                }
                            }
                        }
                    }
                    RowLayout {
                        visible: screen.staff.riderName !== "" && !screen.confirmingRevoke  // the question takes its place
                        BigButton { objectName: "showCodeButton"; text: qsTr("Show code"); primary: false; font.pixelSize: Theme.small; onClicked: screen.staff.showCode() }
                        BigButton { objectName: "printCardButton"; visible: screen.settings.hasPrinter; text: qsTr("Print card"); primary: false; font.pixelSize: Theme.small; onClicked: screen.staff.printCard() }
                        BigButton { objectName: "revokeButton"; text: qsTr("Card lost: new code"); primary: false; font.pixelSize: Theme.small; onClicked: screen.confirmingRevoke = true }
                    }
                    // Cancelling every code a rider holds takes two taps, as a void does.
                    RowLayout {
                        visible: screen.confirmingRevoke && screen.staff.riderName !== ""
                        Layout.fillWidth: true
                        Text {
                            text: qsTr("Every code this rider has stops working. Go on?")
                            font.pixelSize: Theme.small
                            color: Theme.ink
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        BigButton { objectName: "keepCard"; text: qsTr("Keep"); primary: false; font.pixelSize: Theme.small; onClicked: screen.confirmingRevoke = false }
                        BigButton { objectName: "confirmRevoke"; text: qsTr("Yes, new code"); font.pixelSize: Theme.small; onClicked: { screen.confirmingRevoke = false; screen.staff.revokeCard() } }
                    }
                    Image {
                        objectName: "staffCode"
                        visible: screen.staff.code !== ""
                        Layout.preferredWidth: 260
                        Layout.preferredHeight: 260
                        smooth: false
                        source: screen.staff.code ? "image://qr/" + encodeURIComponent(screen.staff.code) : ""
                    }
                }
                }
            }

            // Stock: pick an item and what happened (a delivery came, or it was counted), type the figure on
            // the keypad, see what it does to the stock, and only then record it.
            GridLayout {
                columns: screen.portrait ? 1 : 2
                columnSpacing: 24
                Flickable {
                    id: stockPane
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 600
                    contentWidth: width
                    contentHeight: stockColumn.implicitHeight
                    clip: true
                    ScrollBar.vertical: ScrollBar { width: 16 }
                    ColumnLayout {
                        id: stockColumn
                        width: stockPane.width - 24
                        spacing: 8
                        Repeater {
                            model: screen.staff.stockLevels
                            delegate: RowLayout {
                                required property var modelData
                                Layout.fillWidth: true
                                Text { Layout.fillWidth: true; text: modelData.name; font.pixelSize: Theme.body; color: Theme.ink; wrapMode: Text.WordWrap }
                                Text { objectName: "onHand_" + modelData.itemId; text: modelData.onHand; font.pixelSize: Theme.body; font.bold: true; color: Theme.ink }
                                BigButton { objectName: "receive_" + modelData.itemId; text: qsTr("Received"); font.pixelSize: Theme.small; visible: modelData.goods; primary: screen.stockItem === modelData.itemId && screen.stockAction === "receive"; onClicked: screen.startStock(modelData.itemId, "receive") }
                                BigButton { objectName: "count_" + modelData.itemId; text: qsTr("Counted"); font.pixelSize: Theme.small; visible: modelData.goods; primary: screen.stockItem === modelData.itemId && screen.stockAction === "count"; onClicked: screen.startStock(modelData.itemId, "count") }
                            }
                        }
                    }
                }
                ColumnLayout {
                    id: entry
                    objectName: "stockEntry"
                    visible: screen.stockItem !== ""
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: 400
                    Layout.maximumWidth: 400
                    spacing: 12
                    readonly property var row: screen.staff.stockLevels.find(r => r.itemId === screen.stockItem) ?? { name: "", onHand: 0 }
                    readonly property int change: screen.stockAction === "receive" ? screen.stockAmount : screen.stockAmount - row.onHand
                    // A count well below the figure (more than 5, and more than a tenth) says why.
                    readonly property bool needsReason: screen.stockAction === "count" && -change > Math.max(5, row.onHand / 10)
                    Text {
                        text: (screen.stockAction === "receive" ? qsTr("Delivery of %1: how many came?") : qsTr("Count of %1: how many are there?")).arg(entry.row.name || "")
                        font.pixelSize: Theme.small; font.bold: true; color: Theme.ink; wrapMode: Text.WordWrap; Layout.fillWidth: true
                    }
                    Keypad {
                        id: stockPad
                        objectName: "stockKeypad"
                        visible: screen.stockAmount < 0
                        keyHeight: 64
                        maxLength: 5
                        Layout.fillWidth: true
                        onAccepted: value => { if (value !== "") screen.stockAmount = parseInt(value, 10) }
                    }
                    Text {
                        objectName: "stockChange"
                        visible: screen.stockAmount >= 0
                        text: qsTr("Stock %1 → %2 (%3)").arg(entry.row.onHand).arg(entry.row.onHand + entry.change)
                              .arg(entry.change >= 0 ? "+" + entry.change : "−" + (-entry.change))
                        font.pixelSize: Theme.body; font.bold: true; wrapMode: Text.WordWrap; Layout.fillWidth: true
                        color: entry.change < 0 ? Theme.red : Theme.ok
                    }
                    KioskCombo {
                        id: countReason
                        objectName: "countReason"
                        visible: screen.stockAmount >= 0 && entry.needsReason
                        Layout.fillWidth: true
                        currentIndex: -1  // nothing chosen for the attendant
                        displayText: currentIndex < 0 ? qsTr("Why is there less?") : currentText
                        textRole: "label"
                        valueRole: "key"  // the log keeps the reason's key, the same in both languages
                        model: [{ key: "damaged", label: qsTr("Damaged or past its date") },
                                { key: "unrecorded", label: qsTr("Handed out without being recorded") },
                                { key: "lost", label: qsTr("Lost or taken") },
                                { key: "miscounted", label: qsTr("The last figure was wrong") }]
                    }
                    RowLayout {
                        visible: screen.stockAmount >= 0
                        Layout.fillWidth: true
                        BigButton { objectName: "stockBack"; text: qsTr("Change"); primary: false; font.pixelSize: Theme.small; onClicked: { stockPad.value = ""; screen.stockAmount = -1 } }
                        BigButton {
                            objectName: "stockConfirm"
                            text: qsTr("Yes, record it")
                            font.pixelSize: Theme.small
                            Layout.fillWidth: true
                            enabled: !entry.needsReason || countReason.currentIndex >= 0
                            onClicked: {
                                if (screen.stockAction === "receive")
                                    screen.staff.receiveStock(screen.stockItem, screen.stockAmount)
                                else
                                    screen.staff.countStock(screen.stockItem, screen.stockAmount,
                                                            entry.needsReason ? countReason.currentValue : "count")
                                screen.stockItem = ""
                            }
                        }
                    }
                }
            }

            // Activity: open one for sign-in.
            ColumnLayout {
                spacing: 16
                Text { text: qsTr("Open an activity (a training, a talk) for riders to sign in to:"); font.pixelSize: Theme.body; wrapMode: Text.WordWrap; Layout.fillWidth: true }
                TextField { id: title; objectName: "activityTitle"; Layout.fillWidth: true; Layout.preferredHeight: Theme.touch; font.pixelSize: Theme.body; placeholderText: qsTr("Title") }
                BigButton { objectName: "openActivity"; text: qsTr("Open for sign-in"); onClicked: screen.staff.openActivity(title.text) }
                Item { Layout.fillHeight: true }
            }

            // Today: the station's figures.
            ColumnLayout {
                spacing: 12
                Text { objectName: "summaryText"; font.pixelSize: Theme.body; text: qsTr("Check-ins: %1, riders: %2, registrations: %3").arg(screen.staff.summary.checkins).arg(screen.staff.summary.riders).arg(screen.staff.summary.registrations) }
                Item { Layout.fillHeight: true }
            }
        }
    }
}
