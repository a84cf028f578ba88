"""Which peripherals the machine shows: a keyboard-wedge scanner, a camera, a receipt printer."""

from __future__ import annotations

import glob
from pathlib import Path


def find_devices() -> dict[str, list[str]]:
    by_id = glob.glob("/dev/input/by-id/*-event-kbd")
    scanners = [p for p in by_id if any(w in Path(p).name.lower() for w in ("scan", "barcode", "honeywell",
                                                                           "zebra", "datalogic", "newland"))]
    return {
        "scanner": scanners,
        "keyboards": by_id,
        "camera": sorted(glob.glob("/dev/video*")),
        "printer": sorted(glob.glob("/dev/usb/lp*")),
    }
