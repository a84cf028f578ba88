"""A station PC as installed (no station yet) shows the set-up screen, never a demo; the technician enrols
it there against a real hub, and a wrong code is refused in the station's language with nothing changed."""

import subprocess
import sys

from kiosk.app.main import UI_DIR
from kiosk.app.setup import SetUpWindow, needs_setup
from kiosk.station import Station
from tests.helpers.hub import prepare, running_hub
from tests.helpers.ui import Driver


def test_a_fresh_station_is_enrolled_on_its_set_up_screen(qtbot, tmp_path):
    directory = tmp_path / "station"
    assert needs_setup(directory)
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        prepare(hub)
        station_id, code = hub.add_station("城北驿站")
        window = SetUpWindow(directory, "zh_CN", UI_DIR)
        kiosk = Driver(window, qtbot)
        try:
            assert "还没有设置" in kiosk.find("setUpTitle").property("text")
            kiosk.find("setUpHub").setProperty("text", server.url)  # typed on the on-screen keyboard
            kiosk.find("setUpCode").setProperty("text", "0000-0000-0000")
            kiosk.tap("setUpEnrol")
            qtbot.waitUntil(lambda: kiosk.find("setUpMessage").property("text") != "", timeout=15000)
            assert needs_setup(directory)  # refused: still no station
            kiosk.find("setUpCode").setProperty("text", code)
            with qtbot.waitSignal(window.setup.enrolled, timeout=15000):
                kiosk.tap("setUpEnrol")
        finally:
            window.close()
        assert not needs_setup(directory)
        station = Station.open(directory)
        try:
            assert station.status()["name"] == "城北驿站" and station.store.setting("station_id") == station_id
            assert not station.store.setting("demo")  # no fake riders, no known PINs
        finally:
            station.close()


def test_a_demo_station_is_enrolled_only_after_saying_to_wipe_it(tmp_path):
    directory = tmp_path / "station"
    kiosk = [sys.executable, "-m", "kiosk", "--data-dir", str(directory)]
    assert subprocess.run([*kiosk, "demo", "--members", "20", "--days", "0"], capture_output=True).returncode == 0
    with running_hub(f"sqlite:///{tmp_path / 'hub.db'}") as (hub, server):
        prepare(hub)
        _station_id, code = hub.add_station("城西驿站")
        refused = subprocess.run([*kiosk, "enrol", "--hub", server.url, "--code", code], capture_output=True,
                                 text=True, timeout=120)
        assert refused.returncode == 1 and "--wipe-demo" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        enrolled = subprocess.run([*kiosk, "enrol", "--hub", server.url, "--code", code, "--wipe-demo"],
                                  capture_output=True, text=True, timeout=120)
        assert enrolled.returncode == 0, enrolled.stderr
    station = Station.open(directory)
    try:
        assert station.status()["name"] == "城西驿站"
        assert station.store.one("SELECT COUNT(*) FROM attendants WHERE attendant_id = 'A-DEMO01'") == 0
        assert station.store.one("SELECT COUNT(*) FROM members") == 60  # the union's roster, not the demo's
    finally:
        station.close()
