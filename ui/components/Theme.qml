pragma Singleton
import QtQuick

QtObject {
    readonly property color red: "#c8161d"
    readonly property color darkRed: "#8f0f14"
    readonly property color cream: "#fff7f0"
    readonly property color ink: "#3a1a12"
    readonly property color muted: "#7a5a50"
    readonly property color gold: "#f2b705"
    readonly property color ok: "#2e7d32"
    readonly property int touch: 88
    readonly property int big: 40
    readonly property int body: 30
    readonly property int small: 24
}
