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
    readonly property color white: "#ffffff"
    readonly property color paleRed: "#fde3d9"     // chips on the red-on-cream home screen
    readonly property color disabledInk: "#999999"
    readonly property color disabledFill: "#dddddd"
    readonly property color syncedGreen: "#7ddc7d" // readable on the red header
    readonly property color faintWhite: "#80ffffff"  // #AARRGGBB: half-clear white, unlike the gold of an error
    readonly property color shade: "#b0000000"    // behind a question that covers the screen
    readonly property int touch: 88
    readonly property int big: 40
    readonly property int body: 30
    readonly property int small: 24
}
