"""One serialized worker thread owns the UI side's database connection; results return as signals.

The screens never wait on the database: a view-model submits a job (a plain function of the store),
and its callback runs later on the Qt main thread with the result or the refusal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.core.errors import KioskError
from kiosk.store import Store

log = logging.getLogger("kiosk.app")


class DbWorker(QObject):
    _deliver = Signal(object, object, object)  # callback, result, error
    busyChanged = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
        self._local = threading.local()
        self._pending = 0
        self._closed = False
        self._deliver.connect(self._on_deliver)

    def _store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.db_path, check=False)
        return store

    def submit(self, job: Callable[[Store], Any], done: Callable[[Any, KioskError | None], None]) -> None:
        """Run ``job(store)`` on the worker; ``done(result, refusal)`` on the main thread."""
        if self._closed:  # the app is closing: a late refresh (a sync result, a timer) has nothing to show
            return
        self._pending += 1

        def run() -> None:
            try:
                result, error = job(self._store()), None
            except KioskError as exc:
                result, error = None, exc
            except Exception as exc:  # a bug: logged with its traceback, shown as a generic failure
                log.exception("job failed")
                result, error = None, KioskError(f"Something went wrong: {exc.__class__.__name__}")
            self._deliver.emit(done, result, error)

        self._executor.submit(run)

    @Slot(object, object, object)
    def _on_deliver(self, done: Callable[[Any, KioskError | None], None], result: Any, error: Any) -> None:
        self._pending -= 1
        done(result, error)

    def call(self, job: Callable[[Store], Any]) -> Any:
        """Run a job and wait for it (start-up and tests only; never from a screen's event)."""
        return self._executor.submit(lambda: job(self._store())).result()

    def shutdown(self) -> None:
        self._closed = True

        def close() -> None:
            store = getattr(self._local, "store", None)
            if store is not None:
                store.close()

        self._executor.submit(close)
        self._executor.shutdown(wait=True)
