"""The app's own figures, in a fresh process: cold start to home, scan to confirmation, memory.

    kiosk bench --ui-child DATA_DIR CODES_FILE   (started by ``kiosk bench``)

Prints ``READY`` when the home screen's first frame is on screen, then one JSON line with the
scan-to-confirmation latencies (ms) and the resident memory after the check-ins.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QSG_RENDER_LOOP", "basic")  # frames on this thread, so they can be counted here

from PySide6.QtCore import QCoreApplication, QEvent, QMetaObject
from PySide6.QtGui import QGuiApplication


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def wait_for(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not answer in time")
        QCoreApplication.processEvents()
        # Outside exec() Qt never runs deleteLater(): do it, as the real event loop would.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def main(data_dir: Path, codes_file: Path) -> int:
    from kiosk.app.main import create_app
    from kiosk.config import Config

    QGuiApplication(sys.argv[:1])
    app = create_app(data_dir, Config(idle_timeout_s=3600))
    frames = [0]

    def frame() -> None:
        frames[0] += 1

    app.window.frameSwapped.connect(frame)
    wait_for(lambda: frames[0] > 0)
    print("READY", flush=True)
    latencies = []
    checked = [0]

    def checked_in() -> None:
        checked[0] += 1

    app.rider.checkedIn.connect(checked_in)
    for code in codes_file.read_text().splitlines():  # Base45 has spaces: one code a line
        start = time.perf_counter()
        seen = frames[0]
        app.input.scanned.emit(code)  # what the scanner's Enter key triggers
        wait_for(lambda seen=seen: app.window.property("shownScreen") == "purposeScreen" and frames[0] > seen)
        latencies.append((time.perf_counter() - start) * 1000)
        before = checked[0]
        app.rider.checkIn("rest")
        wait_for(lambda b=before: checked[0] > b and app.window.property("currentScreen") == "confirmScreen")
        QMetaObject.invokeMethod(app.window, "goHome")  # the rider taps Done
        wait_for(lambda: app.window.property("currentScreen") == "homeScreen")
    print(json.dumps({"scan_ms": latencies, "rss_mb": rss_mb(), "checkins": checked[0]}), flush=True)
    app.close()
    return 0

