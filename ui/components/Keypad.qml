import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A big on-screen number pad; `value` is what was typed, `accepted` fires on OK.
ColumnLayout {
    id: pad
    property string value: ""
    property int maxLength: 11
    property bool secret: false
    property bool acceptWhenFull: false  // a phone number goes on at its 11th digit: one tap fewer
    property string okText: qsTr("OK")
    property int keyHeight: Theme.touch
    signal accepted(string value)
    spacing: 16

    Rectangle {
        Layout.fillWidth: true
        Layout.preferredHeight: pad.keyHeight
        radius: 12
        color: Theme.white
        border.color: Theme.muted
        Text {
            objectName: "keypadDisplay"
            anchors.centerIn: parent
            // A mobile number reads in its 3-4-4 groups, as people say it.
            text: pad.secret ? "●".repeat(pad.value.length)
                  : pad.maxLength === 11 ? pad.value.replace(/^(\d{3})(\d{1,4})/, "$1 $2").replace(/^(\d{3} \d{4})(\d)/, "$1 $2")
                  : pad.value
            font.pixelSize: Theme.big
            font.letterSpacing: 4
            color: Theme.ink
        }
    }
    GridLayout {
        columns: 3
        rowSpacing: 12
        columnSpacing: 12
        Layout.fillWidth: true
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
            delegate: BigButton {
                required property string modelData
                objectName: "key_" + (modelData === "⌫" ? "back" : modelData)
                text: modelData === "OK" ? pad.okText : modelData
                primary: modelData === "OK"
                implicitWidth: 100
                Layout.fillWidth: true
                Layout.preferredHeight: pad.keyHeight
                font.pixelSize: Theme.big
                onClicked: {
                    if (modelData === "⌫")
                        pad.value = pad.value.slice(0, -1)
                    else if (modelData === "OK")
                        pad.accepted(pad.value)
                    else if (pad.value.length < pad.maxLength) {
                        pad.value += modelData
                        if (pad.acceptWhenFull && pad.value.length === pad.maxLength)
                            pad.accepted(pad.value)
                    }
                }
            }
        }
    }
}
