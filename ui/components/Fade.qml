import QtQuick

// The one screen transition: a short fade in (shown) or out.
Transition {
    property bool shown: true
    NumberAnimation { property: "opacity"; from: shown ? 0 : 1; to: shown ? 1 : 0; duration: 120 }
}
