import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import "components"
import "screens"

ApplicationWindow {
    id: root
    required property var home
    required property var rider
    required property var staff
    required property var tech
    required property var settings
    required property var language
    required property var input
    required property var camera

    readonly property bool portrait: height > width
    readonly property string currentScreen: stack.currentItem && !stack.busy ? stack.currentItem.objectName : ""
    readonly property string shownScreen: stack.currentItem ? stack.currentItem.objectName : ""
    property string staffPurpose: "attendant"

    visible: true
    title: qsTr("Station Kiosk")
    color: Theme.cream

    function screen(name) {
        return Qt.resolvedUrl("screens/" + name + ".qml")
    }
    function goTo(name, props) {
        stack.push(screen(name), Object.assign({ root: root }, props || {}))
    }
    function replaceWith(name, props) {
        stack.replace(screen(name), Object.assign({ root: root }, props || {}))
    }
    function goHome() {
        language.setLanguage(settings.language)  // the next rider starts in the station's language
        VirtualKeyboardSettings.userDataReset()  // pinyin forgets the words this rider typed
        rider.reset()
        staff.lock()
        home.refresh()
        stack.pop(null, StackView.Immediate)  // also cuts short a running transition cleanly
    }
    function handleScan(code) {  // the handheld scanner or the camera, on whatever screen is showing
        input.touch()
        if (shownScreen === "staffScreen")
            staff.findRider(code)
        else if (shownScreen === "techScreen")
            tech.scannerTest(code)
        else
            rider.identifyByCode(code)
    }
    function toast(text, good) {
        if (!text)
            return
        toastText.text = text
        toastBox.good = good === true
        toastBox.opacity = 1
        toastTimer.restart()
    }

    header: Rectangle {
        height: 96
        color: Theme.red
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 24
            anchors.rightMargin: 16
            spacing: 16
            Text {
                objectName: "stationName"
                text: root.home.stationName
                color: "white"
                font.pixelSize: 34
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Rectangle {
                objectName: "syncIndicator"
                width: 20; height: 20; radius: 10
                color: root.home.syncState === "ok" ? "#7ddc7d" : (root.home.syncState === "error" ? Theme.gold : "#ffffff80")
            }
            Text {
                text: root.home.syncState === "standalone" ? qsTr("Offline station")
                      : (root.home.syncState === "ok" ? qsTr("Synced") : qsTr("Sync pending"))
                color: "white"
                font.pixelSize: Theme.small
                visible: !root.portrait
            }
            Button {
                objectName: "languageButton"
                text: root.language.current === "zh_CN" ? "EN" : "中文"
                font.pixelSize: 28
                Layout.preferredWidth: 120
                Layout.preferredHeight: 72
                onClicked: root.language.setLanguage(root.language.current === "zh_CN" ? "en" : "zh_CN")
            }
        }
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors.fill: parent
        anchors.bottomMargin: keyboard.active ? keyboard.height : 0  // nothing hides behind the keyboard
        initialItem: HomeScreen { root: root }
        pushEnter: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 120 } }
        pushExit: Transition { NumberAnimation { property: "opacity"; from: 1; to: 0; duration: 120 } }
        popEnter: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 120 } }
        popExit: Transition { NumberAnimation { property: "opacity"; from: 1; to: 0; duration: 120 } }
        replaceEnter: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 120 } }
        replaceExit: Transition { NumberAnimation { property: "opacity"; from: 1; to: 0; duration: 120 } }
    }

    Rectangle {
        id: toastBox
        objectName: "toast"
        property bool good: false
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 32
        width: Math.min(parent.width - 64, toastText.implicitWidth + 64)
        height: toastText.implicitHeight + 40
        radius: 16
        color: good ? Theme.ok : Theme.ink
        opacity: 0
        visible: opacity > 0
        Behavior on opacity { NumberAnimation { duration: 200 } }
        Text {
            id: toastText
            objectName: "toastText"
            anchors.centerIn: parent
            width: Math.min(implicitWidth, root.width - 128)
            color: "white"
            font.pixelSize: Theme.body
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
        }
        Timer { id: toastTimer; interval: 5000; onTriggered: toastBox.opacity = 0 }
    }

    // The on-screen keyboard rises when a text field has focus: pinyin for Chinese names, or English.
    InputPanel {
        id: keyboard
        objectName: "keyboard"
        z: 10
        width: Math.min(root.width, 900)  // its height follows its width: leave room for the field above
        x: (root.width - width) / 2
        y: active ? root.height - root.header.height - height : root.height
        visible: active
    }
    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: root.language.current === "zh_CN" ? "zh_CN" : "en_US"
    }
    Binding {
        target: VirtualKeyboardSettings
        property: "activeLocales"
        value: ["zh_CN", "en_US"]
    }

    Connections {
        target: root.rider
        function onIdentified() { root.goTo("PurposeScreen") }
        function onCheckedIn() { root.replaceWith("ConfirmScreen") }
        function onRegistered() { root.replaceWith("CardScreen") }
        function onClaimed(itemId) { root.toast(qsTr("Please take your item. Stay safe on the road!"), true) }
        function onRefused(message) { root.toast(message) }
    }
    Connections {
        target: root.staff
        // The role was checked by the view-model before it unlocked.
        function onUnlocked(role) { root.replaceWith(root.staffPurpose === "technician" ? "TechScreen" : "StaffScreen") }
        function onDone(message) { root.toast(message, true) }
        function onRefused(message) { root.toast(message) }
    }
    Connections {
        target: root.tech
        function onMessage(message) { root.toast(message) }
    }
    Connections {
        target: root.input
        function onIdle() { if (stack.depth > 1 || root.rider.memberId !== "") root.goHome() }
        function onScanned(code) { root.handleScan(code) }
    }
    Connections {
        target: root.camera
        function onScanned(code) { root.handleScan(code) }
    }
}
