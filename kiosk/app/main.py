"""Start the touchscreen app: Qt Quick engine, view-models, the home screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow  # noqa: F401  (root objects arrive as QQuickWindow)

from kiosk.app.home import HomeModel
from kiosk.app.language import Language
from kiosk.paths import database_path
from kiosk.store import Store

UI_DIR = Path(__file__).resolve().parents[2] / "ui"
FONTS_DIR = UI_DIR.parent / "resources" / "fonts"


def load_fonts() -> str:
    """Register the bundled CJK font so Chinese renders on a machine that has none; return its family."""
    family = ""
    for path in sorted(FONTS_DIR.glob("*.otf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise RuntimeError(f"cannot load the bundled font {path.name}")
        family = QFontDatabase.applicationFontFamilies(font_id)[0]
    QGuiApplication.setFont(QFont(family))
    return family


def create_engine(store: Store, language: str = "zh_CN") -> QQmlApplicationEngine:
    """Load the main window with its view-models given as initial properties (no context globals)."""
    load_fonts()
    engine = QQmlApplicationEngine()
    home = HomeModel(store, engine)
    lang = Language(engine, language)
    engine.setInitialProperties({"home": home, "language": lang})
    engine.load(QUrl.fromLocalFile(str(UI_DIR / "Main.qml")))
    if not engine.rootObjects():
        raise RuntimeError("the main QML window failed to load")
    return engine


def run_app(directory: Path, fullscreen: bool = False) -> int:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        print("kiosk: no display found (set DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM=offscreen).",
              file=sys.stderr)
        return 1
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("Station Kiosk")
    store = Store(database_path(directory))
    engine = create_engine(store)
    window = engine.rootObjects()[0]
    if fullscreen:
        window.showFullScreen()
    return app.exec()
