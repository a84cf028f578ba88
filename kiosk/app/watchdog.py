"""systemd integration: READY at start, WATCHDOG pings from the Qt event loop, crashes back to home.

The pings come from a QTimer, so they stop when the event loop hangs and systemd restarts the kiosk.
An unhandled exception is logged with its traceback and the screens go back home instead of dying.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger("kiosk.app")


def notify(message: str) -> bool:
    """Send one sd_notify message; False when not run by systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.connect(address)
        sock.sendall(message.encode())
    return True


def start_watchdog(parent: QObject) -> QTimer | None:
    """Ping at half the WatchdogSec systemd gave us, from the event loop."""
    notify("READY=1")
    usec = int(os.environ.get("WATCHDOG_USEC", "0") or 0)
    if not usec:
        return None
    timer = QTimer(parent)
    timer.timeout.connect(lambda: notify("WATCHDOG=1"))
    timer.start(max(usec // 2000, 100))
    return timer


def install_crash_handler(go_home: Callable[[], None]) -> None:
    def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        log.critical("unhandled exception; back to the home screen", exc_info=(kind, value, tb))
        try:
            go_home()
        except Exception:  # the screen itself is broken: let systemd restart us
            log.exception("could not return home")
            os._exit(70)

    sys.excepthook = handle
