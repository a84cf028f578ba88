"""The issue's shell walk-through, as real processes: serve, add, enrol, simulate, sync, report, bundle."""

import csv
import io
import json
import socket
import subprocess
import sys
import time

import httpx
import pytest
from openpyxl import load_workbook

HUB = [sys.executable, "-c", "from kiosk.hub.cli import main; raise SystemExit(main())"]
KIOSK = [sys.executable, "-m", "kiosk"]


def run(cmd, *args):
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def served_hub(tmp_path):
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    assert run(HUB, "demo", "--members", "100", "--db", db).returncode == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([*HUB, "serve", "--db", db, "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(url + "/v1/time", timeout=1)
            break
        except httpx.HTTPError:
            assert time.monotonic() < deadline, "kiosk-hub serve did not come up"
            time.sleep(0.2)
    yield db, url
    server.terminate()
    server.wait(10)


def report(db, by="station"):
    result = run(HUB, "report", "--by", by, "--db", db)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def enrol(db, url, directory):
    code = json.loads(run(HUB, "station", "add", "驿站", "--json", "--db", db).stdout)["code"]
    result = run(KIOSK, "enrol", "--hub", url, "--code", code, "--data-dir", str(directory))
    assert result.returncode == 0, result.stderr
    return code



def test_shell_walkthrough_over_http(served_hub, tmp_path):
    db, url = served_hub
    station = tmp_path / "station"
    code = enrol(db, url, station)
    simulated = json.loads(run(KIOSK, "simulate", "500", "--seed", "4", "--json", "--data-dir", str(station)).stdout)
    assert sum(simulated.values()) == 500
    first = json.loads(run(KIOSK, "sync", "--once", "--json", "--data-dir", str(station)).stdout)
    status = json.loads(run(KIOSK, "status", "--json", "--data-dir", str(station)).stdout)
    assert first["pushed"] == status["events"] and status["pending_events"] == 0
    rows = report(db)
    assert len(rows) == 1
    done = simulated.get("checked_in", 0) + simulated.get("handed_out", 0) - simulated.get("voided", 0)
    assert int(rows[0]["person_times"]) == done
    again = json.loads(run(KIOSK, "sync", "--once", "--json", "--data-dir", str(station)).stdout)
    assert again["pushed"] == 0 and report(db) == rows
    # The code was used; a second enrolment with it is refused with one line.
    second = run(KIOSK, "enrol", "--hub", url, "--code", code, "--data-dir", str(tmp_path / "other"))
    assert second.returncode == 1 and len(second.stderr.strip().splitlines()) == 1
    xlsx = tmp_path / "report.xlsx"
    assert run(HUB, "report", "--by", "programme", "--format", "xlsx", "--out", str(xlsx), "--db", db).returncode == 0
    sheet = load_workbook(xlsx).active
    assert [c.value for c in sheet[1]] == ["programme", "person_times", "unique_riders", "items_handed_out",
                                           "overclaims"]
    assert sum(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == done


def test_the_same_through_a_bundle_file(served_hub, tmp_path):
    db, url = served_hub
    station = tmp_path / "station"
    enrol(db, url, station)
    simulated = json.loads(run(KIOSK, "simulate", "300", "--seed", "8", "--json", "--data-dir", str(station)).stdout)
    bundle, reply = tmp_path / "usb" / "station.bundle", tmp_path / "usb" / "reply.bundle"
    bundle.parent.mkdir()
    assert run(KIOSK, "bundle", "export", str(bundle), "--data-dir", str(station)).returncode == 0
    for _ in range(2):  # importing twice changes nothing
        result = run(HUB, "bundle", "import", str(bundle), "--reply", str(reply), "--db", db)
        assert result.returncode == 0, result.stderr
    done = simulated.get("checked_in", 0) + simulated.get("handed_out", 0) - simulated.get("voided", 0)
    assert int(report(db)[0]["person_times"]) == done
    for _ in range(2):
        assert run(KIOSK, "bundle", "import", str(reply), "--data-dir", str(station)).returncode == 0
    status = json.loads(run(KIOSK, "status", "--json", "--data-dir", str(station)).stdout)
    assert status["pending_events"] == 0


@pytest.mark.parametrize("args", [("report", "--by", "planet"), ("station",), ("serve", "--port", "x"),
                                  ("bundle", "import", "/nonexistent", "--reply", "/tmp/r"),
                                  ("roster", "import", "/nonexistent.csv"), ("report", "--format", "xlsx")])
def test_hub_bad_input_gets_one_line(tmp_path, args):
    result = run(HUB, *args, "--db", f"sqlite:///{tmp_path / 'h.db'}")
    assert result.returncode in (1, 2) and len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize("args", [("enrol", "--hub", "ftp://x", "--code", "A"), ("sync", "--once"),
                                  ("bundle", "export", "/nonexistent/dir/b"), ("bundle", "import", "/nonexistent")])
def test_station_sync_commands_refuse_bad_input_with_one_line(tmp_path, args):
    directory = tmp_path / "st"
    assert run(KIOSK, "demo", "--members", "5", "--days", "0", "--data-dir", str(directory)).returncode == 0
    result = run(KIOSK, *args, "--data-dir", str(directory))
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
