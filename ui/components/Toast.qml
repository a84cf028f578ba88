import QtQuick

// One short message, green for done, white for a refusal; fades after 5 s. Main shows it in the header
// bar, where it covers no button.
Rectangle {
    id: toast
    objectName: "toast"
    property bool good: false
    property real maxWidth: 800
    function show(text, good) {
        if (!text)
            return
        message.text = text
        toast.good = good === true
        toast.opacity = 1
        timer.restart()
    }
    function hide() { toast.opacity = 0 }
    width: Math.min(maxWidth, message.implicitWidth + 48)
    height: Math.max(72, message.implicitHeight + 24)
    radius: 16
    color: good ? Theme.ok : Theme.white
    opacity: 0
    visible: opacity > 0
    Behavior on opacity { NumberAnimation { duration: 200 } }
    Text {
        id: message
        objectName: "toastText"
        anchors.centerIn: parent
        width: Math.min(implicitWidth, toast.maxWidth - 48)
        color: toast.good ? Theme.white : Theme.ink
        font.pixelSize: Theme.small
        font.bold: true
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
    }
    Timer { id: timer; interval: 5000; onTriggered: toast.opacity = 0 }
}
