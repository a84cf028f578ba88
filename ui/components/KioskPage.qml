import QtQuick

// A page of the kiosk. It never navigates itself: it asks, and Main (which owns the stack) goes.
Item {
    signal homeRequested()
    signal backRequested()  // one screen back
    signal openRequested(string name)
    readonly property bool portrait: height > width
}
