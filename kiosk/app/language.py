"""Switch the interface language at any time: install a translator and retranslate QML."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Property, QCoreApplication, QObject, QTranslator, Signal, Slot
from PySide6.QtQml import QQmlEngine

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")


class Language(QObject):
    changed = Signal()

    def __init__(self, engine: QQmlEngine, initial: str = "zh_CN") -> None:
        super().__init__(engine)
        self._engine = engine
        self._translator = QTranslator(self)
        self._current = ""
        self.setLanguage(initial)

    def uninstall(self) -> None:
        QCoreApplication.removeTranslator(self._translator)

    @Property(str, notify=changed)
    def current(self) -> str:
        return self._current

    def pick(self, zh: str, en: str) -> str:
        """A name kept in both languages, in the one showing now."""
        return zh if self._current == "zh_CN" else en

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        if code not in LANGUAGES or code == self._current:
            return
        QCoreApplication.removeTranslator(self._translator)
        # English is the source language; its file holds only the singular and plural of counted messages.
        if not self._translator.load(str(TRANSLATIONS / f"kiosk_{code}.qm")):
            raise FileNotFoundError(f"missing translation kiosk_{code}.qm: run build_spec/translations.py")
        QCoreApplication.installTranslator(self._translator)
        self._current = code
        self._engine.retranslate()
        self.changed.emit()
