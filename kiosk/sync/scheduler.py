"""Sync on its own: whenever the hub answers, on a timer with backoff and jitter, and on demand.

Runs on its own thread with its own database connection, so the screens never wait for it.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.base.errors import KioskError
from kiosk.sync.client import SyncResult

if TYPE_CHECKING:
    from kiosk.station import Station

log = logging.getLogger("kiosk.sync")


def next_delay(failures: int, interval: float, base: float = 2.0, cap: float = 300.0,
               rng: random.Random | None = None) -> float:
    """Seconds to wait: the interval after a success, exponential backoff after failures; ±20% jitter."""
    rng = rng or random.Random()
    delay = interval if failures == 0 else min(cap, base * 2 ** (failures - 1))
    return delay * rng.uniform(0.8, 1.2)


class SyncScheduler:
    def __init__(self, open_station: Callable[[], Station], interval: float = 60.0, timeout: float = 15.0,
                 hub_url: str = "", on_result: Callable[[SyncResult | None, str | None], None] | None = None,
                 backoff_base: float = 2.0, backoff_cap: float = 300.0) -> None:
        self.open_station, self.interval, self.timeout = open_station, interval, timeout
        self.hub_url = hub_url
        self.backoff_base, self.backoff_cap = backoff_base, backoff_cap
        self.on_result = on_result
        self.failures = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self.run, name="sync", daemon=True)

    def start(self) -> SyncScheduler:
        self.thread.start()
        return self

    def trigger(self) -> None:
        """Sync now (the technician's button, or a fresh local write)."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self.thread.is_alive():
            self.thread.join(timeout=self.timeout + 5)

    def run(self) -> None:
        station = self.open_station()
        try:
            while not self._stop.is_set():
                self.run_once(station)
                self._wake.wait(next_delay(self.failures, self.interval, self.backoff_base, self.backoff_cap))
                self._wake.clear()
        finally:
            station.close()

    def run_once(self, station: Station) -> SyncResult | None:
        try:
            result = station.sync_once(hub_url=self.hub_url, timeout=self.timeout)
        except KioskError as exc:
            self.failures += 1
            if self.on_result:
                self.on_result(None, exc.message)
            return None
        except Exception:  # a bug must not end syncing for good; it is logged and retried
            log.exception("sync crashed")
            self.failures += 1
            return None
        self.failures = 0
        if self.on_result:
            self.on_result(result, None)
        return result
