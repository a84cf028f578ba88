"""Watch every key and touch: a keyboard-wedge scanner anywhere on screen, and the idle timeout."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QWindow

SCAN_GAP_S = 0.05  # a scanner types a character every few ms; a person never this fast
MIN_SCAN_LENGTH = 8


class InputWatcher(QObject):
    scanned = Signal(str)
    idle = Signal()

    def __init__(self, idle_seconds: int = 90, min_length: int = MIN_SCAN_LENGTH, max_gap_s: float = SCAN_GAP_S,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer = ""
        self._last_key = 0.0
        self.min_length, self.max_gap_s = min_length, max_gap_s
        self.idle_seconds = idle_seconds
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self.idle)
        self.touch()

    @Slot()
    def touch(self) -> None:
        self._idle_timer.start(self.idle_seconds * 1000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWindow):
            return False  # the same event is delivered again to the focused item: count it once
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.touch()
        elif kind == QEvent.Type.KeyPress and not event.isAutoRepeat():
            self.touch()
            if self._feed(event.key(), event.text()):
                return True
        return False

    def _feed(self, key: int, text: str) -> bool:
        """Collect fast keys; Enter after a fast run of them is a scan. True: the key was the scanner's."""
        now = time.monotonic()
        fast = now - self._last_key <= self.max_gap_s
        self._last_key = now
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code, self._buffer = self._buffer, ""
            if fast and len(code) >= self.min_length:
                self.scanned.emit(code)
                return True
            return False
        if not text or not text.isprintable():
            return False
        self._buffer = self._buffer + text if fast else text
        return False
