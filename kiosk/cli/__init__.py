"""The ``kiosk`` command: the station's command line (see DESIGN.md for the contract)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from kiosk.base.commandline import Commands, OneLineParser, emit, non_negative_int, positive_int, run_cli
from kiosk.base.errors import KioskError
from kiosk.base.paths import data_dir, database_path
from kiosk.cli import qr, sync
from kiosk.cli.common import open_station
from kiosk.station import Station, disk_report

# -- commands ----------------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk.demo import build_demo

    directory = data_dir(args.data_dir)
    if database_path(directory).exists():
        raise KioskError(f"{directory} already holds a station; choose another --data-dir.")
    station = open_station(args, create=True)
    result = build_demo(station, n_members=args.members, days=args.days)
    print(f"Demo station in {directory}: {result['members']} riders, {result['events']} events "
          f"over {args.days} days. Attendant PIN 123456, technician PIN 987654.")
    say_demo_rider(station, directory)
    return 0


def say_demo_rider(station: Station, directory: Path, out: TextIO = sys.stdout) -> None:
    """Tell a newcomer how to try the kiosk as a rider: the demo rider's phone, and a code to scan."""
    from kiosk.demo import DEMO_RIDER_PHONE, demo_rider_card

    card = demo_rider_card(station, directory / "demo-rider.png")
    if card:
        print(f"Try it as a rider: check in with the phone {DEMO_RIDER_PHONE}, or scan the code in {card}.", file=out)


def cmd_simulate(args: argparse.Namespace) -> int:
    from kiosk.demo import simulate

    outcomes = simulate(open_station(args), args.n, seed=args.seed)
    emit(outcomes, args.json, lambda o: "\n".join(f"{k:28} {v}" for k, v in o.items()))
    return 0


def cmd_members(args: argparse.Namespace) -> int:
    rows = [
        {"member_id": m.member_id, "name": m.masked_name, "occupation": m.occupation,
         "platform": m.platform, "union_member": m.union_member, "status": m.status}
        for m in open_station(args).members(limit=args.limit)
    ]
    emit(rows, args.json, lambda rs: "\n".join(
        f"{r['member_id']}  {r['name']:<6} {r['occupation']:<20} {r['platform']}" for r in rs))
    return 0


def _status_text(s: dict[str, Any]) -> str:
    today = s["today"]
    lines = [
        f"Station      {s['name']} ({s['station_id']}), {s['mode']}",
        f"Hub          {s['hub_url'] or 'not enrolled (standalone)'}",
        f"Members      {s['members']}",
        f"Events       {s['events']} ({s['pending_events']} not yet at the hub)",
        f"Last sync    {s['sync']['last_success'] or 'never'}; last error: {s['sync']['last_error'] or 'none'}",
        f"Today        {today['checkins']} check-ins by {today['unique_riders']} riders, "
        f"{today['registrations']} registrations, {today['activity_signins']} activity sign-ins",
        "Handed out   " + (", ".join(f"{k} {v}" for k, v in today["handouts"].items()) or "nothing yet"),
        "Stock        " + ", ".join(f"{k} {v}" for k, v in s["stock"].items()),
    ]
    return "\n".join(lines)


def cmd_status(args: argparse.Namespace) -> int:
    from kiosk.config import load_config

    status = open_station(args).status()
    status["mode"] = load_config(data_dir(args.data_dir)).mode
    emit(status, args.json, _status_text)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.base.logs import recent_errors
    from kiosk.devices.probe import find_devices

    directory = data_dir(args.data_dir)
    report: dict[str, Any] = {"data_dir": str(directory)}
    try:
        report.update(open_station(args).doctor())
    except KioskError as exc:
        report["database"] = {"integrity": "failed", "error": exc.message}
        report["disk"] = disk_report(directory)
    from kiosk.config import load_config

    try:
        config = load_config(directory)
        report["config"] = "ok"
    except KioskError as exc:
        config, report["config"] = None, exc.message
    report["devices"] = find_devices()
    report["recent_errors"] = recent_errors(directory)
    healthy = (report["database"]["integrity"] == "ok" and report["database"].get("log_replay") == "ok"
               and report["disk"]["ok"] and report["config"] == "ok")
    if args.print_test:
        report["printer_test"] = _print_test_page(config)
        healthy = healthy and report["printer_test"] == "printed"
    report["ok"] = healthy

    def text(r: dict[str, Any]) -> str:
        db = r["database"]
        return "\n".join([
            f"Database     {db['integrity']}" + (f" ({db['error']})" if "error" in db else ""),
            *([f"Log replay   {db['log_replay']}"] if "log_replay" in db else []),
            f"Disk         {r['disk']['free_bytes'] // 2**20} MiB free" + ("" if r["disk"]["ok"] else " (LOW)"),
            f"Clock offset {r.get('clock_offset_s', 'unknown')} s",
            f"Config       {r['config']}",
            *(f"{k.capitalize():12} {', '.join(v) or 'none found'}" for k, v in r["devices"].items()),
            f"Errors       {len(r['recent_errors'])} recent",
            *([f"Test page    {r['printer_test']}"] if "printer_test" in r else []),
        ])

    emit(report, args.json, text)
    return 0 if healthy else 1


def cmd_repair(args: argparse.Namespace) -> int:
    """Set a damaged database aside (kept whole, for the union office) so the station can be enrolled again."""
    import time

    from kiosk.base.errors import StoreError
    from kiosk.store import Store

    directory = data_dir(args.data_dir)
    db = database_path(directory)
    if not db.exists():
        raise KioskError(f"No station database in {directory}: nothing to repair.")
    try:
        Store(db).close()  # opening runs the integrity check
        print("The station database is sound: nothing to repair.")
        return 0
    except StoreError as exc:
        if exc.details.get("cause") != "corrupt":
            raise
    aside = directory / time.strftime("damaged-%Y%m%d-%H%M%S")
    aside.mkdir()
    for suffix in ("", "-wal", "-shm"):
        part = db.with_name(db.name + suffix)
        if part.exists():
            part.rename(aside / part.name)
    print(f"The damaged database was moved aside to {aside} (keep it for the union office).\n"
          "Enrol the station again with a new code from the union office: kiosk enrol --hub URL --code CODE.\n"
          "The hub gives back the riders and campaigns and has every event up to the last sync.")
    return 0


def _print_test_page(config: Any) -> str:
    from kiosk.devices.printer import PrinterError, configured_printer

    if config is None:
        return "not printed: fix kiosk.toml first"
    try:
        configured_printer(config.printer).test_page()
    except PrinterError as exc:
        return f"not printed: {exc.message}"
    return "printed"


def cmd_bench(args: argparse.Namespace) -> int:
    from kiosk.bench import main as bench_main

    if args.ui_child:  # the app's own figures, in the fresh process the benchmark starts
        from kiosk.bench_ui import main as bench_ui_main

        return bench_ui_main(*map(Path, args.ui_child))
    if args.hub_child:  # the benchmark's hub, in a process of its own
        from kiosk.bench import serve_hub_child

        return serve_hub_child(args.hub_child)
    return bench_main(quick=args.quick, as_json=args.json, only=args.only.split(",") if args.only else None)


def cmd_run(args: argparse.Namespace) -> int:
    from kiosk.app.main import run_app
    from kiosk.app.setup import needs_setup

    directory = data_dir(args.data_dir)
    if args.demo and needs_setup(directory):
        from kiosk.demo import build_demo

        print(f"No station in {directory}: making a demo station there first.", file=sys.stderr)
        station = open_station(args, create=True)
        build_demo(station, n_members=500, days=7)
        say_demo_rider(station, directory, sys.stderr)
    # With no station and no --demo (a station PC as installed), the screen asks the technician to enrol it.
    return run_app(directory, fullscreen=args.fullscreen)


def cmd_export(args: argparse.Namespace) -> int:
    sys.stdout.write(open_station(args).export_table(args.table, "csv" if args.csv else "json") + "\n")
    return 0


# -- parser ------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = OneLineParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS,
                        help="where the station keeps its database, keys and logs "
                        "(default: $KIOSK_DATA_DIR or the platform's user data directory)")
    parser = OneLineParser(prog="kiosk", description="Station Kiosk: the station's touchscreen and tools.",
                           parents=[common])
    commands = Commands(parser, common)
    add = commands.add
    p = add("run", cmd_run, "start the touchscreen app (with no station yet, a screen to enrol it)")
    p.add_argument("--fullscreen", action="store_true", help="kiosk mode: full screen, no way out but the PIN")
    p.add_argument("--demo", action="store_true", help="with no station yet, make a demo station to try")
    p = add("demo", cmd_demo, "make a demo station: N riders, D days of history")
    p.add_argument("--members", type=positive_int, default=2000, help="riders on the roster (default 2000)")
    p.add_argument("--days", type=non_negative_int, default=30, help="days of history (default 30)")
    p = add("simulate", cmd_simulate, "drive N realistic rider/attendant actions through the core services")
    p.add_argument("n", type=positive_int, help="how many actions")
    p.add_argument("--seed", type=int, help="repeatable randomness")
    p.add_argument("--json", action="store_true")
    p = add("members", cmd_members, "list riders (masked) with their member ids")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=positive_int, default=20)
    p = add("status", cmd_status, "station, mode, pending events, last sync, today's counts, stock")
    p.add_argument("--json", action="store_true")
    p = add("doctor", cmd_doctor, "database integrity and tables, disk, clock offset, devices, recent errors")
    p.add_argument("--print-test", action="store_true", help="also print a test page on the configured printer")
    p.add_argument("--json", action="store_true")
    add("repair", cmd_repair, "set a damaged station database aside so the station can be enrolled again")
    p = add("export", cmd_export, "a technician's copy of one table (phone and PIN hashes left out)")
    p.add_argument("table")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--csv", action="store_true")
    form.add_argument("--json", action="store_true", help="the default")
    p = add("bench", cmd_bench, "measure this machine against the performance goals")
    p.add_argument("--quick", action="store_true", help="small sizes, well under a minute")
    p.add_argument("--ui-child", nargs=2, metavar=("DATA_DIR", "CODES"), help=argparse.SUPPRESS)
    p.add_argument("--hub-child", metavar="HUB_DB_URL", help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true")
    p.add_argument("--only", metavar="GROUPS",
                   help="some figures: core,hash,camera,push,roster,office,pull,stations,ui")
    qr.register(commands)
    sync.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Plain `kiosk` is a newcomer trying it: a demo station if there is none. `kiosk run` (the installed
    # service) never makes one; it shows the set-up screen instead.
    return run_cli("kiosk", build_parser(), argv, default_command=("run", "--demo"), data_dir=None)
