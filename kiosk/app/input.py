"""Watch every key and touch: a keyboard-wedge scanner anywhere on screen, and the idle timeout.

A scanner types a code as a burst of key presses ending in Return (or a line feed). Riders type on the
on-screen keyboard, which sends no key presses; only a scanner or a technician's USB keyboard does. So
printable keys are held back until it is clear what they are: a burst that ends in Return is a scan, and
no text field ever sees it; anything else is handed on to whatever has focus, in order, as soon as the
keys stop (a person typing sees it a fraction of a second later).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QWindow

SCAN_GAP_S = 0.05  # a scanner types a character every few ms; a person never this fast
MIN_SCAN_LENGTH = 8
CODE_PREFIX = "SK1:"  # a membership code: taken whole even if the scanner pauses inside it
CODE_PAUSE_S = 1.0  # how long a code may pause before what came is handed on as typing
MODIFIERS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr,
             Qt.Key.Key_CapsLock)
WARNING_S = 10  # "Are you still there?" this long before the idle reset (a third of it, for a short one)


class InputWatcher(QObject):
    scanned = Signal(str)
    idleSoon = Signal(int)  # seconds left before the idle reset
    awake = Signal()  # a touch or key after idleSoon: the warning goes
    idle = Signal()

    def __init__(self, idle_seconds: int = 90, min_length: int = MIN_SCAN_LENGTH, max_gap_s: float = SCAN_GAP_S,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._held: list[tuple[int, Qt.KeyboardModifier, str]] = []  # the keys of the run so far
        self._slow = False  # a gap in the run was longer than a scanner's
        self._last_key = 0.0
        self._handing_on = False
        self.min_length, self.max_gap_s = min_length, max_gap_s
        self.idle_seconds = idle_seconds
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self.idle)
        self._warning_timer = QTimer(self)
        self._warning_timer.setSingleShot(True)
        self._warning_timer.timeout.connect(self.warn)
        self._warned = False
        self._quiet = QTimer(self)  # the keys stopped without a Return: it was typing
        self._quiet.setSingleShot(True)
        self._quiet.timeout.connect(self._hand_on)
        self.touch()

    def _warning_s(self) -> int:
        return min(WARNING_S, self.idle_seconds // 3)

    @Slot()
    def touch(self) -> None:
        self._idle_timer.start(self.idle_seconds * 1000)
        self._warning_timer.start((self.idle_seconds - self._warning_s()) * 1000)
        if self._warned:
            self._warned = False
            self.awake.emit()

    @Slot()
    def warn(self) -> None:
        """Say the idle reset is near (the warning timer calls this)."""
        self._warned = True
        self.idleSoon.emit(self._warning_s())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWindow):
            return False  # the same event is delivered again to the focused item: count it once
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.touch()
        elif kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and not self._handing_on:
            if kind == QEvent.Type.KeyRelease:
                return bool(self._held) or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if not event.isAutoRepeat():
                self.touch()
                return self._feed(event)
        return False

    def _text(self) -> str:
        return "".join(text for _key, _mods, text in self._held)

    def _feed(self, event: QKeyEvent) -> bool:
        """Hold a key back, or end a run with it. True: the key is not delivered now."""
        stamp = event.timestamp() / 1000 if event.timestamp() else time.monotonic()  # when it was typed
        gap, self._last_key = stamp - self._last_key, stamp
        text = event.text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or text in ("\r", "\n"):
            code = self._text()
            if len(code) >= self.min_length and (not self._slow or code.startswith(CODE_PREFIX)):
                self._held, self._slow = [], False
                self._quiet.stop()
                self.scanned.emit(code)
                return True
            self._hand_on()
            return False  # a person's Return, after what they typed
        if event.key() in MODIFIERS:
            return False  # a scanner presses Shift for capitals: part of the run, not an end to it
        if not text or not text.isprintable():
            self._hand_on()  # a control key (backspace, arrows) after what came before it
            return False
        if self._held and gap > self.max_gap_s:
            if self._text().startswith(CODE_PREFIX) and gap <= CODE_PAUSE_S:
                self._slow = True
            else:
                self._hand_on()  # the run before this key was typing
        self._held.append((event.key(), event.modifiers(), text))
        pause = CODE_PAUSE_S if self._text().startswith(CODE_PREFIX) else 3 * self.max_gap_s
        self._quiet.start(int(pause * 1000))
        return True

    @Slot()
    def _hand_on(self) -> None:
        """Deliver the held keys to whatever has focus, as they were typed."""
        held, self._held, self._slow = self._held, [], False
        self._quiet.stop()
        window = QGuiApplication.focusWindow()
        if not held or window is None:
            return
        self._handing_on = True
        try:
            for key, modifiers, text in held:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QCoreApplication.sendEvent(window, QKeyEvent(kind, key, modifiers, text))
        finally:
            self._handing_on = False
