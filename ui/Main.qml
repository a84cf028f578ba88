import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import QtQuick.VirtualKeyboard.Styles
import QtMultimedia
import Kiosk
import "components"
import "screens"

ApplicationWindow {
    id: root
    required property HomeModel home
    required property RiderModel rider
    required property StaffModel staff
    required property TechModel tech
    required property Settings settings
    required property Language language
    required property InputWatcher input
    required property CameraScanner camera

    readonly property bool portrait: height > width
    readonly property string currentScreen: stack.currentItem && !stack.busy ? stack.currentItem.objectName : ""
    readonly property string shownScreen: stack.currentItem ? stack.currentItem.objectName : ""
    readonly property bool inUse: stack.depth > 1 || rider.memberId !== ""  // what the idle reset undoes

    visible: true
    title: qsTr("Station Kiosk")
    color: Theme.cream

    // Each screen gets the view-models it uses, and asks Main to go home or on: the stack is Main's alone.
    readonly property var screens: ({
        PhoneScreen: phoneScreen, PurposeScreen: purposeScreen, ConfirmScreen: confirmScreen,
        ConsentScreen: consentScreen, RegisterScreen: registerScreen, CardScreen: cardScreen,
        PinScreen: pinScreen, StaffScreen: staffScreen, TechScreen: techScreen, HelpScreen: helpScreen,
        SignupScreen: signupScreen
    })
    Component { id: phoneScreen; PhoneScreen { rider: root.rider } }
    Component { id: purposeScreen; PurposeScreen { rider: root.rider } }
    Component { id: confirmScreen; ConfirmScreen { rider: root.rider; settings: root.settings } }
    Component { id: consentScreen; ConsentScreen {} }
    Component { id: registerScreen; RegisterScreen { rider: root.rider } }
    Component { id: helpScreen; HelpScreen { rider: root.rider; home: root.home; settings: root.settings } }
    Component { id: signupScreen; SignupScreen { rider: root.rider; settings: root.settings } }
    Component { id: cardScreen; CardScreen { rider: root.rider } }
    Component { id: pinScreen; PinScreen { staff: root.staff } }
    Component { id: staffScreen; StaffScreen { staff: root.staff; settings: root.settings } }
    Component { id: techScreen; TechScreen { tech: root.tech; settings: root.settings; camera: root.camera } }

    function follow(page) {  // a new page: it starts without the last one's message
        toastBox.hide()
        page.homeRequested.connect(goHome)
        page.backRequested.connect(() => stack.pop())
        page.openRequested.connect(name => goTo(name))
    }
    function goTo(name, props) {
        follow(stack.push(screens[name], props || {}))
    }
    function replaceWith(name, props) {
        follow(stack.replace(screens[name], props || {}))
    }
    function goHome() {
        toastBox.hide()
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
    // What the rider or attendant is told, seen in the header bar and heard.
    function tell(text, good) {
        toastBox.show(text, good)
        sound(good === true)
    }
    // A short sound for done and for refused, told apart without looking (kiosk.toml: sound_volume, 0 = off).
    // Made only where there is a speaker to play them on (none: silent, as on a test machine).
    function sound(good) {
        if (sounds.item)
            (good ? sounds.item.done : sounds.item.refused).play()
    }
    MediaDevices { id: mediaDevices }
    Loader {
        id: sounds
        active: root.settings.soundVolume > 0 && mediaDevices.audioOutputs.length > 0
        sourceComponent: QtObject {
            readonly property SoundEffect done: SoundEffect {
                source: Qt.resolvedUrl("../resources/sounds/done.wav"); volume: root.settings.soundVolume
            }
            readonly property SoundEffect refused: SoundEffect {
                source: Qt.resolvedUrl("../resources/sounds/refused.wav"); volume: root.settings.soundVolume
            }
        }
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
                color: Theme.white
                font.pixelSize: 34
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
                // Staff and technicians hold the station's name for two seconds; riders are not offered a
                // way in (a tap does nothing), so no one can lock staff out from the rider's screen.
                MouseArea {
                    objectName: "staffEntry"
                    anchors.fill: parent
                    pressAndHoldInterval: 2000
                    onPressAndHold: if (root.shownScreen === "homeScreen") root.goTo("PinScreen")
                }
            }
            Rectangle {
                objectName: "syncIndicator"
                width: 20; height: 20; radius: 10
                color: root.home.syncState === "ok" ? Theme.syncedGreen : (root.home.syncState === "error" ? Theme.gold : Theme.faintWhite)
            }
            // Words for staff and technicians; a rider sees only the dot.
            Text {
                objectName: "syncText"
                text: root.home.syncState === "standalone" ? qsTr("Not linked to the union office")
                      : (root.home.syncState === "ok" ? qsTr("Synced") : qsTr("Sync pending"))
                color: Theme.white
                font.pixelSize: Theme.small
                visible: !root.portrait && (root.shownScreen === "staffScreen" || root.shownScreen === "techScreen")
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
        initialItem: HomeScreen {
            home: root.home
            settings: root.settings
            camera: root.camera
            onOpenRequested: name => root.goTo(name)
        }
        pushEnter: Fade { shown: true }
        pushExit: Fade { shown: false }
        popEnter: Fade { shown: true }
        popExit: Fade { shown: false }
        replaceEnter: Fade { shown: true }
        replaceExit: Fade { shown: false }
    }

    // Before the idle reset: the rider (or attendant) sees it coming, and one touch anywhere keeps them.
    Rectangle {
        id: idleWarning
        objectName: "idleWarning"
        property int secondsLeft: 0
        anchors.fill: parent
        z: 20
        visible: false
        color: Theme.shade
        MouseArea { anchors.fill: parent }  // a touch here is a touch (the watcher sees it): nothing below is hit
        Timer {
            running: idleWarning.visible
            interval: 1000
            repeat: true
            onTriggered: idleWarning.secondsLeft = Math.max(0, idleWarning.secondsLeft - 1)
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width - 96, 720)
            height: warningColumn.implicitHeight + 64
            radius: 24
            color: Theme.cream
            ColumnLayout {
                id: warningColumn
                anchors.centerIn: parent
                width: parent.width - 64
                spacing: 24
                ScreenTitle { text: qsTr("Are you still there?"); Layout.fillWidth: true }
                Text {
                    objectName: "idleCountdown"
                    text: qsTr("Going back to the start in %1 s.").arg(idleWarning.secondsLeft)
                    font.pixelSize: Theme.body
                    color: Theme.ink
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                BigButton {
                    objectName: "stillHere"
                    text: qsTr("I'm still here")
                    Layout.fillWidth: true
                    onClicked: root.input.touch()
                }
            }
        }
    }

    // Messages show in the red header bar, over the station's name: never over a button the rider needs.
    Toast {
        id: toastBox
        parent: root.header
        z: 5
        anchors.left: parent.left
        anchors.leftMargin: 12
        anchors.verticalCenter: parent.verticalCenter
        maxWidth: parent.width - (root.portrait ? 200 : 400)  // the sync state and language button stay clear
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
    // The pinyin candidates, big enough for a gloved finger (the built-in strip is 30 px with 15 px glyphs).
    Binding {
        target: keyboard.keyboard.style
        property: "selectionListHeight"
        value: 76
    }
    Binding {
        target: keyboard.keyboard.style
        property: "selectionListDelegate"
        value: candidateDelegate
    }
    Component {
        id: candidateDelegate
        SelectionListItem {
            id: candidate
            required property int index
            required property string display
            width: Math.max(72, candidateText.implicitWidth + 36)
            Text {
                id: candidateText
                anchors.centerIn: parent
                text: candidate.display
                font.pixelSize: 32
                color: candidate.ListView.isCurrentItem ? Theme.gold : Theme.white
            }
        }
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
        // Coming for help: the visit is counted as any other, then the request is asked for.
        function onCheckedIn() { root.replaceWith(root.rider.purpose === "legal_help" ? "HelpScreen" : "ConfirmScreen") }
        function onRegistered() { root.replaceWith("CardScreen") }
        function onClaimed(itemId) { root.sound(true) }  // the claim screen shows it large
        function onPrinted(message) { root.tell(message, true) }
        function onAttended(message) { root.tell(message, true) }
        function onRefused(message) { root.tell(message) }
    }
    Connections {
        target: root.staff
        // The technician's role was checked by the view-model before it unlocked.
        function onUnlocked(purpose) { root.replaceWith(purpose === "technician" ? "TechScreen" : "StaffScreen") }
        function onDone(message) { root.tell(message, true) }
        function onRefused(message) { root.tell(message) }
    }
    Connections {
        target: root.tech
        function onMessage(message) { toastBox.show(message) }
    }
    Connections {
        target: root.input
        function onIdleSoon(seconds) {
            if (root.inUse) {
                idleWarning.secondsLeft = seconds
                idleWarning.visible = true
            }
        }
        // Hidden once the touch that woke it has landed on it, so nothing under the finger is tapped.
        function onAwake() { Qt.callLater(() => idleWarning.visible = false) }
        function onIdle() {
            idleWarning.visible = false
            if (root.inUse) root.goHome()
        }
        function onScanned(code) { root.handleScan(code) }
    }
    Connections {
        target: root.camera
        function onScanned(code) { root.handleScan(code) }
    }
}
