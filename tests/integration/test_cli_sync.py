"""The issue's shell walk-through, as real processes: serve, add, enrol, simulate, sync, report, bundle."""

import csv
import io
import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from openpyxl import load_workbook

from kiosk.station import Station
from tests.helpers.hub import served_process

HUB = [sys.executable, "-c", "from kiosk.hub.cli import main; raise SystemExit(main())"]
KIOSK = [sys.executable, "-m", "kiosk"]


def run(cmd, *args):
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def served_hub(tmp_path):
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    assert run(HUB, "demo", "--members", "100", "--db", db).returncode == 0
    with served_process(db) as url:
        yield db, url

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


def test_the_office_answers_a_stations_revocation_and_withdraws_a_station(served_hub, tmp_path):
    db, url = served_hub
    a, b = tmp_path / "a", tmp_path / "b"
    for directory in (a, b):
        enrol(db, url, directory)
    member = json.loads(run(KIOSK, "members", "--json", "--data-dir", str(a)).stdout)[0]["member_id"]
    issued = run(KIOSK, "qr", "issue", member, "--png", str(tmp_path / "card.png"), "--json", "--data-dir", str(a))
    code = json.loads(issued.stdout)["text"]

    def sync(directory):
        result = run(KIOSK, "sync", "--once", "--data-dir", str(directory))
        assert result.returncode == 0, result.stderr
        return result

    def valid_at(directory):
        return run(KIOSK, "qr", "verify", code, "--data-dir", str(directory)).returncode == 0

    sync(a)
    # B never issued this rider a code: its "lost card" goes to the office instead of every station.
    assert run(KIOSK, "qr", "revoke", member, "--reason", "lost card", "--data-dir", str(b)).returncode == 0
    sync(b)
    sync(a)
    assert valid_at(a)
    incidents = json.loads(run(HUB, "incidents", "--json", "--db", db).stdout)
    (request,) = [i for i in incidents if i["kind"] == "revocation_request"]
    approved = run(HUB, "incident", "approve", str(request["incident_id"]), "--db", db)
    assert approved.returncode == 0 and "approved" in approved.stdout
    sync(a)
    assert not valid_at(a)
    assert run(HUB, "revocation", "undo", member, "--db", db).returncode == 0
    sync(a)
    assert valid_at(a)
    again = run(HUB, "incident", "approve", str(request["incident_id"]), "--db", db)
    assert again.returncode != 0 and len(again.stderr.strip().splitlines()) == 1 and "already" in again.stderr
    # A stolen station: withdrawn at the office, refused at once, in one line.
    stations = json.loads(run(HUB, "station", "list", "--json", "--db", db).stdout)
    b_id = json.loads(run(KIOSK, "status", "--json", "--data-dir", str(b)).stdout)["station_id"]
    assert {s["station_id"]: s["state"] for s in stations}[b_id] == "enrolled"
    assert run(HUB, "station", "revoke", b_id, "--db", db).returncode == 0
    refused = run(KIOSK, "sync", "--once", "--data-dir", str(b))
    assert refused.returncode != 0 and "withdrawn" in refused.stdout + refused.stderr
    assert {s["station_id"]: s["state"] for s in json.loads(
        run(HUB, "station", "list", "--json", "--db", db).stdout)}[b_id] == "revoked"


def test_a_rider_asks_for_their_data_and_then_to_be_forgotten_everywhere(served_hub, tmp_path):
    db, url = served_hub
    a, later = tmp_path / "a", tmp_path / "later"
    enrol(db, url, a)
    phone = "13611112222"
    station = Station.open(a)
    member, _ = station.register(phone=phone, name="王小二", occupation="courier", consent=True)
    station.check_in(member.member_id, "water")
    station.close()
    assert run(KIOSK, "sync", "--once", "--data-dir", str(a)).returncode == 0
    copy = run(HUB, "rider", "export", "--phone", phone, "--out", str(tmp_path / "copy.json"), "--db", db)
    assert copy.returncode == 0, copy.stderr
    data = json.loads((tmp_path / "copy.json").read_text(encoding="utf-8"))
    assert data["member"]["name"] == "王小二" and [v["purpose"] for v in data["visits"]] == ["water"]
    before = report(db)
    refused = run(HUB, "rider", "delete", "--phone", phone, "--db", db)
    assert refused.returncode != 0 and "--confirm" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    deleted = run(HUB, "rider", "delete", "--phone", phone, "--confirm", member.member_id, "--db", db)
    assert deleted.returncode == 0, deleted.stderr
    assert run(KIOSK, "sync", "--once", "--data-dir", str(a)).returncode == 0
    enrol(db, url, later)
    for directory in (a, later):
        raw = b"".join(p.read_bytes() for p in directory.glob("station.db*"))
        assert "王小二".encode() not in raw, directory  # not even in free pages or the write-ahead log
        assert run(KIOSK, "status", "--data-dir", str(directory)).returncode == 0
    with sqlite3.connect(db[len("sqlite:///"):]) as conn:
        assert not [r for r in conn.execute("SELECT payload FROM events UNION ALL SELECT data FROM changes")
                    if "王小二" in r[0]]
        assert conn.execute("SELECT name, phone_hash, status FROM members WHERE member_id = ?",
                            (member.member_id,)).fetchone() == ("", None, "deleted")
    assert report(db) == before  # the visit still counts, as a figure
    again = run(HUB, "rider", "export", "--phone", phone, "--db", db)
    assert again.returncode != 0 and "No such rider" in again.stderr


def test_a_roster_import_says_which_rows_were_already_riders(served_hub, tmp_path):
    db, url = served_hub
    station_dir = tmp_path / "a"
    enrol(db, url, station_dir)
    station = Station.open(station_dir)
    station.register(phone="13622223333", name="站里登记", occupation="courier", consent=True)
    station.close()
    assert run(KIOSK, "sync", "--once", "--data-dir", str(station_dir)).returncode == 0
    roster = tmp_path / "roster.csv"
    roster.write_text("phone,name,occupation\n13622224444,新会员,courier\n13622223333,办公室名单,courier\n",
                      encoding="utf-8")
    result = run(HUB, "roster", "import", str(roster), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "1 new riders added" in result.stdout and "1 already riders" in result.stdout and "rows 3" in result.stdout


def test_kiosk_sync_runs_until_stopped_and_says_each_sync_once(served_hub, tmp_path):
    db, url = served_hub
    station = tmp_path / "station"
    enrol(db, url, station)
    process = subprocess.Popen([*KIOSK, "sync", "--interval", "0.5", "--data-dir", str(station)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(4)
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    lines = out.splitlines()
    assert process.returncode == 0, err
    assert len(lines) >= 2 and all(line.startswith("synced: pushed") for line in lines), out
    assert "sync" not in err  # not said a second time on the other stream


def test_the_office_verbs_of_the_command_line_contract(tmp_path):
    db = f"sqlite:///{tmp_path / 'hub.db'}"
    (tmp_path / "pw").write_text("a long enough password")
    env = {**__import__("os").environ, "KIOSK_HUB_ROOT_KEY": str(tmp_path / "root.key")}
    init = subprocess.run([*HUB, "init", "--db", db, "--password-file", str(tmp_path / "pw")], capture_output=True,
                          text=True, env=env, timeout=120)
    assert init.returncode == 0 and "admin" in init.stdout, init.stderr
    (tmp_path / "summer.toml").write_text('''
[campaign]
campaign_id = "SUMMER"
programme = "summer_cooling"
name_zh = "夏送清凉"
name_en = "Summer cooling"
starts_on = 2026-06-01
ends_on = 2026-09-30
districts = ["城东区"]

[[items]]
item_id = "iced_water"
name_zh = "冰镇矿泉水"
name_en = "Iced water"
self_service = true
limits = { day = 1 }
unit_cost = 1.5
''', encoding="utf-8")
    assert run(HUB, "campaign", "add", "--file", str(tmp_path / "summer.toml"), "--db", db).returncode == 0
    listed = run(HUB, "campaign", "list", "--json", "--db", db)
    assert json.loads(listed.stdout)[0]["items"][0]["unit_cost_fen"] == 150
    assert json.loads(listed.stdout)[0]["starts_on"] == "2026-06-01"  # a bare TOML date read as the day
    assert "at: 城东区" in run(HUB, "campaign", "list", "--db", db).stdout
    for name in ("东一", "东二"):
        assert run(HUB, "station", "add", name, "--district", "城东区", "--db", db).returncode == 0
    allocated = run(HUB, "allocate", "iced_water", "--district", "城东区", "--quantity", "40", "--db", db)
    assert allocated.returncode == 0 and "2 station(s)" in allocated.stdout
    refused = run(HUB, "allocate", "iced_water", "--district", "城西区", "--quantity", "40", "--db", db)
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    staff = run(HUB, "staff", "add", "王站长", "--role", "attendant", "--pin", "246810", "--db", db)
    assert staff.returncode == 0, staff.stderr
    operator = run(HUB, "operator", "add", "li.officer", "--role", "officer", "--district", "城东区", "--db", db)
    assert operator.returncode == 0 and "Password (shown once)" in operator.stdout
    by_district = run(HUB, "report", "--by", "district", "--from", "2026-01-01", "--to", "2026-12-31", "--db", db)
    assert by_district.returncode == 0 and by_district.stdout.startswith("district,")
    by_campaign = run(HUB, "report", "--by", "campaign", "--db", db)
    assert by_campaign.returncode == 0 and by_campaign.stdout.startswith("campaign")
    xlsx = tmp_path / "year.xlsx"
    year = run(HUB, "report", "--from", "2026-01-01", "--format", "xlsx", "--out", str(xlsx), "--db", db)
    assert year.returncode == 0, year.stderr
    assert {"按项目", "按活动", "按物品", "按驿站", "按月", "按区县"} <= set(load_workbook(xlsx).sheetnames)
    bench = run(HUB, "bench", "--quick", "--json")
    assert bench.returncode in (0, 1) and {f["name"] for f in json.loads(bench.stdout)} == {
        "office overview (today and this month) (50,000 events)", "office year report (50,000 events)",
        "office a week (counted from its events) (50,000 events)"}
