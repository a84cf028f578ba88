"""The command line as a technician uses it: real processes, real data directories."""

import json
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest


def kiosk(*args, data_dir=None):
    cmd = [sys.executable, "-m", "kiosk", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("demo")
    result = kiosk("demo", "--members", "3000", "--days", "10", data_dir=directory)
    assert result.returncode == 0, result.stderr
    assert "3000 riders" in result.stdout
    return directory


def test_demo_then_simulate_then_status_agree_with_the_events(demo_dir):
    sim = kiosk("simulate", "300", "--seed", "1", "--json", data_dir=demo_dir)
    assert sim.returncode == 0, sim.stderr
    assert sum(json.loads(sim.stdout).values()) == 300
    status = json.loads(kiosk("status", "--json", data_dir=demo_dir).stdout)
    conn = sqlite3.connect(demo_dir / "station.db")
    day = status["today"]["day"]
    events = [(t, json.loads(p)) for t, p in conn.execute("SELECT type, payload FROM events WHERE day = ?", (day,))]
    voided = {p["handout_id"] for t, p in conn.execute("SELECT type, payload FROM events") if t == "handout_voided"
              for p in [json.loads(p)]}
    ids = {row[0]: row[1] for row in conn.execute("SELECT id, payload FROM events WHERE type = 'handed_out'")}
    checked = [p["member_id"] for t, p in events if t == "checked_in"]
    assert status["today"]["checkins"] == len(checked) > 0
    assert status["today"]["unique_riders"] == len(set(checked))
    assert status["today"]["registrations"] == sum(1 for t, _ in events if t == "member_registered")
    handed = Counter()
    for event_id, payload in conn.execute("SELECT id, payload FROM events WHERE type = 'handed_out' AND day = ?",
                                          (day,)):
        if event_id not in voided:
            p = json.loads(payload)
            handed[p["item_id"]] += p["quantity"]
    assert status["today"]["handouts"] == dict(handed)
    assert status["events"] == conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == status["pending_events"]
    assert ids  # there was history to recount
    # Stock equals receipts minus live handouts plus count adjustments, item by item.
    for item_id, on_hand in status["stock"].items():
        received = sum(json.loads(p)["quantity"] for (p,) in conn.execute(
            "SELECT payload FROM events WHERE type = 'stock_received' AND json_extract(payload, '$.item_id') = ?",
            (item_id,)))
        # A voided voucher whose card was not back stays out: its code is retired.
        code_back = {p["handout_id"]: p.get("code_back", True) for t, p in (
            (t, json.loads(p)) for t, p in conn.execute("SELECT type, payload FROM events")) if t == "handout_voided"}
        out = sum(json.loads(p)["quantity"] for i, p in ids.items()
                  if json.loads(p)["item_id"] == item_id
                  and not (i in voided and (code_back[i] or not json.loads(p)["voucher_code"])))
        adjusted = sum(json.loads(p)["delta"] for (p,) in conn.execute(
            "SELECT payload FROM events WHERE type = 'stock_counted' AND json_extract(payload, '$.item_id') = ?",
            (item_id,)))
        assert on_hand == received - out + adjusted, item_id
    # Help requests and sign-ups (their sign-ins at sessions too) are counted as the events say.
    made = Counter(t for (t,) in conn.execute("SELECT type FROM events"))
    assert status["help_requests"]["made_here"] == made["help_requested"]
    signups = status["signups"]
    assert signups["made_here"] == sum(signups["by_status"].values()) == made["signed_up"]
    assert signups["programmes"] == 3 and signups["signed_in_today"] == sum(
        1 for t, _ in events if t == "signup_attended")


def test_members_are_listed_masked(demo_dir):
    rows = json.loads(kiosk("members", "--json", "--limit", "5", data_dir=demo_dir).stdout)
    assert len(rows) == 5
    for row in rows:
        assert "phone" not in row and row["name"].endswith("*")  # no part of a phone is kept to show


def test_doctor_reports_the_integrity_check(demo_dir):
    result = kiosk("doctor", "--json", data_dir=demo_dir)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["database"]["integrity"] == "ok" and report["ok"]
    assert set(report["devices"]) >= {"scanner", "camera", "printer"}


def test_doctor_prints_a_test_page_on_the_configured_printer(demo_dir):
    result = kiosk("doctor", "--print-test", data_dir=demo_dir)
    assert result.returncode == 1 and "Test page    not printed: No receipt printer is set up" in result.stdout
    out = demo_dir / "printer.bin"
    (demo_dir / "kiosk.toml").write_text(f'[printer]\nkind = "file"\ntarget = "{out}"\n', encoding="utf-8")
    result = kiosk("doctor", "--print-test", "--json", data_dir=demo_dir)
    assert result.returncode == 0 and json.loads(result.stdout)["printer_test"] == "printed"
    data = out.read_bytes()
    assert data.count(b"\x1dv0") == 1 and data.count(b"\x1dV") == 1  # one raster image, one cut


def test_doctor_reports_a_damaged_database(tmp_path):
    (tmp_path / "station.db").write_bytes(b"garbage" * 500)
    result = kiosk("doctor", "--json", data_dir=tmp_path)
    assert result.returncode == 1
    assert json.loads(result.stdout)["database"]["integrity"] == "failed"


@pytest.mark.parametrize("args", [
    ("simulate", "0"), ("simulate", "many"), ("demo", "--members", "-5"), ("members", "--limit", "x"),
    ("nonsense",), ("status", "--bogus"),
])
def test_bad_arguments_get_one_line_and_exit_2(demo_dir, args):
    before = (demo_dir / "station.db").stat().st_mtime_ns
    result = kiosk(*args, data_dir=demo_dir)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    assert (demo_dir / "station.db").stat().st_mtime_ns == before


@pytest.mark.parametrize("args", [("status",), ("simulate", "5"), ("members",)])
def test_commands_on_an_empty_data_dir_say_what_to_do(tmp_path, args):
    result = kiosk(*args, data_dir=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"kiosk: No station in {tmp_path}: run 'kiosk demo' or "
                                                  "'kiosk enrol' first."]
    assert not (tmp_path / "station.db").exists()


def test_second_demo_in_the_same_place_is_refused(demo_dir):
    result = kiosk("demo", "--members", "10", data_dir=demo_dir)
    assert result.returncode == 1 and "already holds a station" in result.stderr


def test_every_command_has_help():
    for command in ("run", "demo", "simulate", "members", "status", "doctor"):
        result = kiosk(command, "--help")
        assert result.returncode == 0 and "usage: kiosk" in result.stdout


def test_data_dir_comes_from_the_environment(tmp_path):
    env_dir = tmp_path / "from-env"
    result = subprocess.run([sys.executable, "-m", "kiosk", "demo", "--members", "5", "--days", "0"],
                            capture_output=True, text=True, env={**__import__("os").environ,
                                                                 "KIOSK_DATA_DIR": str(env_dir)})
    assert result.returncode == 0, result.stderr
    assert (env_dir / "station.db").exists() and (env_dir / "logs" / "kiosk.log").exists()


def test_export_gives_a_technician_one_table_without_phone_or_pin_hashes(demo_dir):
    import csv
    import io

    result = kiosk("export", "members", "--csv", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    conn = sqlite3.connect(demo_dir / "station.db")
    assert len(rows) == conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]
    assert "member_id" in rows[0] and "phone_hash" not in rows[0]
    staff = json.loads(kiosk("export", "attendants", "--json", data_dir=demo_dir).stdout)
    assert {s["attendant_id"] for s in staff} == {"A-DEMO01", "A-TECH01"} and "pin_hash" not in staff[0]
    wrong = kiosk("export", "nosuchtable", data_dir=demo_dir)
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1 and "No table 'nosuchtable'" in wrong.stderr


def test_doctor_reports_every_table_and_its_rows(demo_dir):
    report = json.loads(kiosk("doctor", "--json", data_dir=demo_dir).stdout)
    conn = sqlite3.connect(demo_dir / "station.db")
    assert report["database"]["tables"]["events"] == conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert report["database"]["integrity"] == "ok"


def test_a_new_demo_says_how_to_try_it_as_a_rider_and_its_code_scans(tmp_path):
    import zxingcpp
    from PIL import Image

    result = kiosk("demo", "--members", "5", "--days", "0", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "13800138000" in result.stdout and str(tmp_path / "demo-rider.png") in result.stdout
    with Image.open(tmp_path / "demo-rider.png") as picture:
        text = zxingcpp.read_barcodes(picture)[0].text
    verified = json.loads(kiosk("qr", "verify", text, "--json", data_dir=tmp_path).stdout)
    found = kiosk("members", "--json", data_dir=tmp_path).stdout
    assert verified["subject"] in found and "陈**" in found


def test_a_missing_window_library_is_named_with_its_package(monkeypatch, tmp_path, capsys):
    import ctypes.util

    from kiosk.app import main as app_main

    real = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None if name == "xcb-icccm" else real(name) or "x")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert app_main.run_app(tmp_path) == 1
    err = capsys.readouterr().err.strip()
    assert err == "kiosk: the window needs these packages: apt-get install libxcb-icccm4"
    assert not (tmp_path / "station.db").exists()


def test_output_cut_short_by_head_ends_quietly(demo_dir):
    """`kiosk members | head -1`: the reader leaves early; no traceback, the status a shell expects."""
    cmd = [sys.executable, "-m", "kiosk", "members", "--limit", "3000", "--data-dir", str(demo_dir)]
    writer = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = writer.stdout.readline()
    writer.stdout.close()  # as head does after its line
    _, stderr = writer.communicate(timeout=120)
    assert first.strip() and stderr == b""
    assert writer.returncode == 141
