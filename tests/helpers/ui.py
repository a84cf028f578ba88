"""Drive the real kiosk window as a person does: find by objectName, tap, type, wait."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest


class Driver:
    def __init__(self, app, qtbot) -> None:
        self.app, self.qtbot = app, qtbot
        self.window = app.window
        self.taps = 0  # every tap so far: what a task costs a rider

    def screen(self) -> str:
        return self.window.property("currentScreen")

    @staticmethod
    def _screen_of(item: QQuickItem) -> str:
        while item is not None and not item.objectName().endswith("Screen"):
            item = item.parentItem()
        return item.objectName() if item is not None else ""

    def _items(self) -> list[QQuickItem]:
        """Every visible item, walking the visual tree (screens pushed on the stack have no QObject parent)."""
        found, todo = [], [self.window.contentItem()]
        while todo:
            item = todo.pop()
            if item.isVisible():
                found.append(item)
                todo.extend(item.childItems())
        return found

    def find(self, name: str) -> QQuickItem:
        """The visible item with this objectName, on the current screen if it has one there."""
        found = [i for i in self._items() if i.objectName() == name]
        here = [i for i in found if self._screen_of(i) == self.screen()]
        if not (here or found):
            raise LookupError(f"no visible item {name!r} on {self.screen()}")
        return (here or found)[0]

    def tap(self, name: str) -> None:
        self.qtbot.waitUntil(lambda: self.screen() != "", timeout=3000)  # no tapping mid-transition
        self.tap_item(self.find(name), name)

    def keyboard_key(self, label: str) -> QQuickItem:
        """The on-screen keyboard's key (or word candidate) showing this label."""
        panel = self.find("keyboard")
        found, labels = [], set()
        for item in self._items():
            owner = item
            while owner is not None and owner is not panel:
                owner = owner.parentItem()
            if owner is panel and item.width() > 0:
                labels.add(item.property("text"))
                if item.property("text") == label:
                    found.append(item)
        if not found:
            raise LookupError(f"no key {label!r} on the on-screen keyboard, only {sorted(map(str, labels))}")
        return found[0]

    def tap_keys(self, *labels: str) -> None:
        """Tap on-screen keyboard keys or word candidates, once each has come to rest (the list slides in)."""
        for label in labels:
            self.qtbot.waitUntil(lambda label=label: self._exists(self.keyboard_key, label), timeout=3000)
            item = self.keyboard_key(label)

            def at_rest(item=item) -> bool:
                now = item.mapToScene(QPointF(0, 0))
                self.qtbot.wait(60)
                return item.mapToScene(QPointF(0, 0)) == now

            self.qtbot.waitUntil(at_rest, timeout=3000)
            self.tap_item(item, label)

    @staticmethod
    def _exists(lookup, name: str) -> bool:
        try:
            lookup(name)
        except LookupError:
            return False
        return True

    def tap_item(self, item: QQuickItem, name: str) -> None:
        self.qtbot.waitUntil(lambda: item.isEnabled(), timeout=3000)
        self._settle(item)
        self._scroll_into_view(item)
        centre = self._settle(item)
        if not (0 <= centre.x() < self.window.width() and 0 <= centre.y() < self.window.height()):
            raise AssertionError(f"{name!r} is off screen at {centre.x():.0f},{centre.y():.0f}: a person cannot tap it")
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(int(centre.x()), int(centre.y())))
        self.taps += 1

    def tap_text(self, text: str) -> None:
        """Tap what shows this text (a choice in an open drop-down list has no name of its own)."""
        def shown() -> list[QQuickItem]:
            return [i for i in self._items() if i.property("text") == text and i.width() > 0]

        self.qtbot.waitUntil(lambda: bool(shown()), timeout=3000)
        self.tap_item(shown()[-1], text)

    def long_press(self, name: str, ms: int = 2200) -> None:
        """Hold a finger on an item (the staff entry is the station's name, held for two seconds)."""
        item = self.find(name)
        centre = self._settle(item)
        point = QPoint(int(centre.x()), int(centre.y()))
        QTest.mousePress(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        self.qtbot.wait(ms)
        QTest.mouseRelease(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)

    def _settle(self, item: QQuickItem) -> QPointF:
        """Where the item's centre is drawn, once a layout that just changed has settled (the next frame)."""
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        for _ in range(50):
            self.qtbot.wait(20)
            settled = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
            if settled == centre:
                break
            centre = settled
        return centre

    def _scroll_into_view(self, item: QQuickItem) -> None:
        """Swipe the nearest scrollable area until the item shows on screen, as a person would."""
        flick = item.parentItem()
        while flick is not None and flick.property("contentY") is None:
            flick = flick.parentItem()
        if flick is None:
            return
        top = flick.mapToScene(QPointF(0, 0)).y()
        bottom = top + flick.height()
        for _ in range(5):
            y = item.mapToScene(QPointF(0, item.height() / 2)).y()
            if top <= y < bottom:
                return
            lowest = max(0.0, flick.property("contentHeight") - flick.height())  # past it, it springs back
            flick.setProperty("contentY", min(lowest, max(0.0, flick.property("contentY") + y - (top + bottom) / 2)))
            self.qtbot.wait(50)

    def keypad(self, digits: str, ok: bool = True) -> None:
        """Type on the keypad showing, then OK (unless the keypad went on by itself at its last digit)."""
        pad = self.find("key_1").parentItem().parentItem()
        for digit in digits:
            self.tap(f"key_{digit}")
        full = pad.property("acceptWhenFull") and len(pad.property("value")) == pad.property("maxLength")
        if ok and not (digits and full):
            self.tap("key_OK")

    def wait_screen(self, name: str, timeout: int = 5000) -> None:
        self.qtbot.waitUntil(lambda: self.screen() == name, timeout=timeout)

    def wait_toast(self, contains: str, timeout: int = 5000) -> None:
        text = self.window.findChild(QObject, "toastText")  # a child of the window itself
        self.qtbot.waitUntil(lambda: contains in (text.property("text") or ""), timeout=timeout)

    def visible(self, name: str) -> bool:
        return self._exists(self.find, name)

    def type_text(self, text: str, enter: bool = False, gap_ms: int = 0) -> None:
        """Key events as fast as a keyboard-wedge scanner sends them (or ``gap_ms`` apart), to whatever has
        focus; without Enter, wait until the kiosk hands typed keys on to the field."""
        for char in text:
            QTest.sendKeyEvent(QTest.KeyAction.Click, self.window, Qt.Key(ord(char.upper())), char,
                               Qt.KeyboardModifier.NoModifier)
            if gap_ms:
                self.qtbot.wait(gap_ms)
        if enter:
            QTest.keyClick(self.window, Qt.Key.Key_Return)
        else:
            self.qtbot.wait(300)
