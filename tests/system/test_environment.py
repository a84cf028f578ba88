"""The machine lets the kiosk down: a full disk, a clock days wrong, a damaged database file."""

import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QObject

from kiosk.base.clock import Clock
from kiosk.base.errors import LimitReached, StoreError
from kiosk.core import attendants, checkins, handouts, members, stock
from kiosk.store import Store
from tests.helpers import write
from tests.helpers.hub import Station, prepare, running_hub


def fill_the_disk(store):
    """SQLite's own limit on the file's pages: the next write that needs a page fails with SQLITE_FULL."""
    pages = store.one("PRAGMA page_count")
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_refuses_the_action_clearly_and_loses_nothing(station, rider):
    confirmed = [e.id for e in station.events()]
    fill_the_disk(station)
    refused, n = None, 0
    while refused is None and n < 5000:  # riders join until the free pages inside the file are used up
        try:
            write(members.register_member, station, phone=f"1380000{n:04d}", name="骑手", occupation="courier",
                                    consent=True)
            confirmed.append(station.one("SELECT id FROM events ORDER BY seq DESC LIMIT 1"))
            n += 1
        except StoreError as exc:
            refused = exc
    assert refused is not None and refused.details["cause"] == "disk_full" and n > 0
    assert refused.message == "The station's disk is full: nothing was saved."
    assert [e.id for e in station.events()] == confirmed  # every confirmed action, nothing of the refused one
    assert station.one("SELECT COUNT(*) FROM members") == n + 1
    assert station.integrity_check() == "ok"
    station.conn.execute("PRAGMA max_page_count = 1073741823")  # the technician frees space
    write(checkins.check_in, station, rider.member_id)
    assert station.one("SELECT COUNT(*) FROM checkins") == 1


class WrongMachineClock(Clock):
    """A station PC whose clock is days off; everything else about the clock is the real one."""

    def __init__(self, skew: timedelta) -> None:
        super().__init__()
        self.skew = skew.total_seconds()

    def machine_time(self) -> float:
        return time.time() + self.skew


@pytest.mark.parametrize("days", [3, -3])
def test_a_clock_days_wrong_keeps_limit_windows_and_report_days_right(tmp_path, days):
    today = datetime.now(UTC).astimezone(Clock().tz).date()
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        prepare(hub)
        clock = WrongMachineClock(timedelta(days=days))
        station = Station(tmp_path, hub, server.url, "s0", clock=clock)
        station.sync()  # measures the offset to the hub's clock
        assert abs(station.store.setting("clock_offset_s") + days * 86400) < 60
        store = station.store
        write(attendants.add_attendant, store, "王站长", "attendant", "123456", attendant_id="A-ENV01")
        write(stock.receive_stock, store, "water", 10, "A-ENV01")
        rider = members.find_by_phone(store, "13700000001")
        write(checkins.check_in, store, rider.member_id)
        write(handouts.hand_out, store, rider.member_id, "water", 2, attendant_id=None, channel="self")
        assert {e.day for e in store.events(after_seq=0)} >= {today.isoformat()}
        assert store.one("SELECT MAX(day) FROM events") == today.isoformat()
        with pytest.raises(LimitReached) as info:  # the day's allowance is used up today, the hub's today
            write(handouts.hand_out, store, rider.member_id, "water", 1, attendant_id=None, channel="self")
        assert info.value.details["resets_on"] == (today + timedelta(days=1)).isoformat()
        station.sync()
        report = hub.report(by="month")
        assert [row["month"] for row in report] == [today.isoformat()[:7]]
        # A restarted kiosk keeps using the recorded offset before its next sync.
        reopened = Store(station.dir / "station.db", clock=WrongMachineClock(timedelta(days=days)))
        reopened.clock.adopt_offset(reopened.setting("clock_offset_s"))
        assert reopened.clock.day(reopened.clock.now()) == today
        reopened.close()


def test_a_damaged_database_is_found_at_start_and_the_technician_has_a_way_out(tmp_path):
    directory = tmp_path / "station"
    subprocess.run([sys.executable, "-m", "kiosk", "demo", "--members", "20", "--days", "1",
                    "--data-dir", str(directory)], check=True, capture_output=True)
    db = directory / "station.db"
    data = bytearray(db.read_bytes())
    data[4096 * 2: 4096 * 2 + 512] = b"\xff" * 512  # a page of the file overwritten
    db.write_bytes(bytes(data))
    doctor = subprocess.run([sys.executable, "-m", "kiosk", "doctor", "--data-dir", str(directory)],
                            capture_output=True, text=True)
    assert doctor.returncode == 1 and "damaged" in doctor.stdout
    # The kiosk itself starts into its out-of-service screen and stays up (no restart loop).
    notify = tmp_path / "notify.sock"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(str(notify))
    listener.settimeout(60)
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--data-dir", str(directory)],
                             env={**os.environ, "NOTIFY_SOCKET": str(notify), "QT_QPA_PLATFORM": "offscreen"},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert listener.recv(64) == b"READY=1"
        time.sleep(1)
        assert kiosk.poll() is None
    finally:
        kiosk.terminate()
        kiosk.wait(30)
        listener.close()
    assert "the station database cannot be used" in (directory / "logs" / "kiosk.log").read_text(encoding="utf-8")
    repair = subprocess.run([sys.executable, "-m", "kiosk", "repair", "--data-dir", str(directory)],
                            capture_output=True, text=True)
    assert repair.returncode == 0, repair.stderr
    assert "moved aside" in repair.stdout and not db.exists()
    kept = list(directory.glob("damaged-*/station.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == bytes(data)  # nothing thrown away


def test_the_out_of_service_screen_tells_riders_and_the_technician(qtbot, tmp_path):
    from kiosk.app.main import out_of_service

    engine = out_of_service(tmp_path, "database disk image is malformed", "zh_CN")
    window = engine.rootObjects()[0]
    try:
        qtbot.waitExposed(window)
        title = window.findChild(QObject, "outOfServiceTitle")
        assert title.property("text") == "抱歉，本终端暂停服务。"
        assert "kiosk repair" in window.findChild(QObject, "technicianSteps").property("text")
        window.grabWindow().save(str(tmp_path / "out-of-service.png"))
    finally:
        window.close()
        engine.deleteLater()
