"""The database worker under a long day's load: thousands of jobs, results back on the main thread."""

import threading

from PySide6.QtCore import QObject, Signal

from kiosk.app.worker import DbWorker
from kiosk.base.errors import UnknownMember


def test_signals_can_be_emitted_all_day(qapp):
    """A Qt binding whose Signal.emit leaks a reference (PySide6 6.12.0) kills the kiosk within minutes."""

    class Beacon(QObject):
        ping = Signal(object)

    beacon, seen = Beacon(), []
    beacon.ping.connect(seen.append)
    for i in range(20_000):
        beacon.ping.emit(i)
    assert len(seen) == 20_000


def test_worker_runs_jobs_off_the_main_thread_and_answers_on_it(qtbot, store):
    worker = DbWorker(__import__("pathlib").Path(store.path).parent)
    main = threading.get_ident()
    results, threads = [], []

    def job(s):
        threads.append(threading.get_ident())
        return s.store.one("SELECT COUNT(*) FROM events")

    for _ in range(3000):
        worker.submit(job, lambda result, error: results.append((threading.get_ident(), result, error)))
    qtbot.waitUntil(lambda: len(results) == 3000, timeout=30000)
    assert all(t != main for t in threads) and len(set(threads)) == 1  # one serialized worker thread
    assert all(t == main and error is None for t, _, error in results)
    refused = []
    worker.submit(lambda s: s.member("NOBODY"), lambda result, error: refused.append(error))
    qtbot.waitUntil(lambda: bool(refused))
    assert isinstance(refused[0], UnknownMember)
    worker.shutdown()
