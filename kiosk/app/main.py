"""Start the touchscreen app: fonts, the database worker, view-models, the QML window."""

from __future__ import annotations

import functools
import logging
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMetaObject, QUrl
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, qmlRegisterUncreatableType
from PySide6.QtQuick import QQuickWindow
from PySide6.QtQuickControls2 import QQuickStyle

from kiosk.app.camera import CameraScanner
from kiosk.app.home import HomeModel
from kiosk.app.input import InputWatcher
from kiosk.app.language import Language
from kiosk.app.qrimage import QrImageProvider
from kiosk.app.rider import RiderModel
from kiosk.app.settings import Settings
from kiosk.app.setup import SetUpWindow, needs_setup
from kiosk.app.staff import StaffModel
from kiosk.app.tech import TechModel
from kiosk.app.watchdog import install_crash_handler, start_watchdog
from kiosk.app.worker import DbWorker, PrintWorker
from kiosk.base.errors import KioskError
from kiosk.base.logs import set_up_logging
from kiosk.config import Config, load_config

# The same look everywhere, and the only style the build carries; must precede any QML.
QQuickStyle.setStyle("Basic")
UI_DIR = Path(__file__).resolve().parents[2] / "ui"
FONTS_DIR = UI_DIR.parent / "resources" / "fonts"
log = logging.getLogger("kiosk.app")


VIEW_MODELS = (HomeModel, RiderModel, StaffModel, TechModel, Settings, Language, InputWatcher, CameraScanner)


@functools.cache
def register_types() -> None:
    """Make the view-models QML types (``import Kiosk``), so screens declare what they take by type (once
    per process)."""
    for cls in VIEW_MODELS:
        qmlRegisterUncreatableType(cls, "Kiosk", 1, 0, cls.__name__, "view-models are made by kiosk.app.main")


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


@dataclass
class KioskApp:
    engine: QQmlApplicationEngine
    worker: DbWorker
    printer: PrintWorker
    home: HomeModel
    rider: RiderModel
    staff: StaffModel
    tech: TechModel
    settings: Settings
    language: Language
    input: InputWatcher
    camera: CameraScanner

    @property
    def window(self) -> QQuickWindow:
        return self.engine.rootObjects()[0]

    def close(self) -> None:
        self.tech.stop()
        self.camera.stop()
        self.language.uninstall()
        QGuiApplication.instance().removeEventFilter(self.input)
        for root in self.engine.rootObjects():
            root.close()
        self.engine.deleteLater()
        self.worker.shutdown()
        self.printer.shutdown()


def create_app(data_dir: Path, config: Config | None = None, width: int = 1280, height: int = 800) -> KioskApp:
    """Build the whole kiosk on a data directory; views get their view-models as required properties.

    ``config`` defaults to the directory's kiosk.toml.
    """
    config = config or load_config(data_dir)
    load_fonts()
    register_types()
    worker, printer = DbWorker(data_dir), PrintWorker()
    engine = QQmlApplicationEngine()
    engine.addImageProvider("qr", QrImageProvider())
    settings, language = Settings(data_dir, config, engine), Language(engine, config.language)
    watcher = InputWatcher(config.idle_timeout_s, config.scanner["min_length"], config.scanner["max_gap_ms"] / 1000,
                           engine)
    app = KioskApp(engine=engine, worker=worker, printer=printer, home=HomeModel(worker, language, engine),
                   rider=RiderModel(worker, printer, settings, language, engine),
                   staff=StaffModel(worker, printer, settings, language, engine),
                   tech=TechModel(worker, printer, settings, engine), settings=settings,
                   language=language, input=watcher, camera=CameraScanner(engine))

    def apply_saved() -> None:  # the station's language applies from the next rider (goHome), not mid-screen
        app.input.idle_seconds = settings.config.idle_timeout_s
        app.input.touch()

    settings.saved.connect(apply_saved)
    # Names, labels and reasons the view-models give in the language showing are read again after a switch.
    for model in (app.rider, app.staff, app.home):
        app.language.changed.connect(model.changed)
    QGuiApplication.instance().installEventFilter(app.input)
    engine.setInitialProperties({"home": app.home, "rider": app.rider, "staff": app.staff, "tech": app.tech,
                                 "settings": settings, "language": app.language, "input": app.input,
                                 "camera": app.camera,
                                 "width": width, "height": height})
    engine.load(QUrl.fromLocalFile(str(UI_DIR / "Main.qml")))
    if not engine.rootObjects():
        raise RuntimeError("the main QML window failed to load")
    return app


def out_of_service(directory: Path, reason: str, language: str) -> QQmlApplicationEngine:
    """The screen a kiosk with an unusable database shows instead of its own: where riders can go, and
    what the technician runs."""
    load_fonts()
    engine = QQmlApplicationEngine()
    Language(engine, language)
    engine.setInitialProperties({"reason": reason, "dataDir": str(directory)})
    engine.load(QUrl.fromLocalFile(str(UI_DIR / "OutOfService.qml")))
    if not engine.rootObjects():
        raise RuntimeError("the out-of-service window failed to load")
    return engine


# What Qt's X11 window needs beyond a desktop's usual libraries (library name -> Debian package).
X11_PACKAGES = {"xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-image": "libxcb-image0",
                "xcb-keysyms": "libxcb-keysyms1", "xcb-randr": "libxcb-randr0",
                "xcb-render-util": "libxcb-render-util0", "xcb-shape": "libxcb-shape0", "xcb-xkb": "libxcb-xkb1",
                "xkbcommon-x11": "libxkbcommon-x11-0"}


def missing_window_packages() -> list[str]:
    """The Debian packages an X11 window still needs here (Qt itself would blame the wrong one)."""
    from ctypes.util import find_library

    return [package for library, package in X11_PACKAGES.items() if find_library(library) is None]


def run_app(directory: Path, fullscreen: bool = False) -> int:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
        print("kiosk: no display found (set DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM=offscreen).",
              file=sys.stderr)
        return 1
    missing = missing_window_packages() if not os.environ.get("QT_QPA_PLATFORM") and os.environ.get("DISPLAY") else []
    if missing:
        print(f"kiosk: the window needs these packages: apt-get install {' '.join(missing)}", file=sys.stderr)
        return 1
    config = load_config(directory)  # a wrong value stops here with one clear line
    qt = QGuiApplication(sys.argv[:1])
    qt.setApplicationName("Station Kiosk")
    set_up_logging(directory)
    if needs_setup(directory):
        # A station PC as installed: the technician enrols it here, then the kiosk opens with what came.
        setup = SetUpWindow(directory, config.language, UI_DIR)
        start_watchdog(setup.engine)
        if fullscreen:
            setup.window.showFullScreen()
        setup.setup.enrolled.connect(qt.quit)
        code = qt.exec()
        setup.close()
        if needs_setup(directory):
            return code  # closed before it was enrolled
    try:
        app = create_app(directory, config)
    except (KioskError, sqlite3.DatabaseError) as exc:
        log.critical("the station database cannot be used: %s", exc)
        engine = out_of_service(directory, str(exc), config.language)
        start_watchdog(engine)  # alive and showing why: systemd must not restart it in a loop
        if fullscreen:
            engine.rootObjects()[0].showFullScreen()
        return qt.exec()
    app.tech.start_sync()
    install_crash_handler(lambda: QMetaObject.invokeMethod(app.window, "goHome"))
    start_watchdog(app.engine)
    if fullscreen:
        app.window.showFullScreen()
    code = qt.exec()
    app.close()
    return code
