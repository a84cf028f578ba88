import QtQuick

// One short message at the bottom of the screen: green for done, dark for a refusal; fades after 5 s.
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
    anchors.horizontalCenter: parent.horizontalCenter
    anchors.bottom: parent.bottom
    anchors.bottomMargin: 32
    width: Math.min(parent.width - 64, message.implicitWidth + 64)
    height: message.implicitHeight + 40
    radius: 16
    color: good ? Theme.ok : Theme.ink
    opacity: 0
    visible: opacity > 0
    Behavior on opacity { NumberAnimation { duration: 200 } }
    Text {
        id: message
        objectName: "toastText"
        anchors.centerIn: parent
        width: Math.min(implicitWidth, toast.maxWidth)
        color: Theme.white
        font.pixelSize: Theme.body
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
    }
    Timer { id: timer; interval: 5000; onTriggered: toast.opacity = 0 }
}
