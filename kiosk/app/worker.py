"""Serialized worker threads; results come back to the Qt main thread as signals.

The screens never wait: a view-model submits a job (a function of the worker's resource) and its
callback runs later on the main thread with the result or the refusal. ``DbWorker`` owns the UI side's
``Station`` (its own database connection); ``PrintWorker`` owns the receipt printer, so a slow or
jammed printer never holds the database or a rider's screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.base.errors import KioskError
from kiosk.station import Station

log = logging.getLogger("kiosk.app")
Done = Callable[[Any, KioskError | None], None]


class Worker(QObject):
    _deliver = Signal(object, object, object)  # callback, result, error

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._resource: Any = None
        self._closed = False
        self._deliver.connect(self._on_deliver)

    def _open(self) -> Any:
        """The resource jobs receive, made on the worker's thread the first time one needs it."""
        return None

    def _close(self, resource: Any) -> None:
        """Release the resource, on the worker's thread."""

    def _get(self) -> Any:
        if self._resource is None:
            self._resource = self._open()
        return self._resource

    def submit(self, job: Callable[[Any], Any], done: Done) -> None:
        """Run ``job(resource)`` on the worker; ``done(result, refusal)`` on the main thread."""
        if self._closed:  # the app is closing: a late refresh (a sync result, a timer) has nothing to show
            return

        def run() -> None:
            try:
                result, error = job(self._get()), None
            except KioskError as exc:
                result, error = None, exc
            except Exception as exc:  # a bug: logged with its traceback, shown as a generic failure
                log.exception("job failed")
                result, error = None, KioskError(f"Something went wrong: {exc.__class__.__name__}")
            self._deliver.emit(done, result, error)

        self._executor.submit(run)

    @Slot(object, object, object)
    def _on_deliver(self, done: Done, result: Any, error: Any) -> None:
        done(result, error)

    def call(self, job: Callable[[Any], Any]) -> Any:
        """Run a job and wait for it (start-up and tests only; never from a screen's event)."""
        return self._executor.submit(lambda: job(self._get())).result()

    def shutdown(self) -> None:
        self._closed = True
        self._executor.submit(lambda: self._resource is not None and self._close(self._resource))
        self._executor.shutdown(wait=True)


class DbWorker(Worker):
    """The one thread that runs the screens' station use cases."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__("kiosk-db", parent)
        self.data_dir = data_dir

    def _open(self) -> Station:
        return Station.open(self.data_dir, check=False)

    def _close(self, station: Station) -> None:
        station.close()


class PrintWorker(Worker):
    """The thread the receipt printer runs on; jobs get nothing and print what they were given."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("kiosk-print", parent)
