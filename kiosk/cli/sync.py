"""``kiosk enrol | sync | bundle export | bundle import``."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import shutil
import signal
import sys
import threading
from pathlib import Path

from kiosk.base.commandline import Commands
from kiosk.base.errors import InvalidInput
from kiosk.base.paths import data_dir, database_path, keys_dir
from kiosk.cli.common import open_station
from kiosk.station import Station


def cmd_enrol(args: argparse.Namespace) -> int:
    station = open_station(args, create=True)
    if station.store.setting("demo") and not station.store.setting("hub_url"):
        if not args.wipe_demo:
            raise InvalidInput("This data directory holds the demo station (fake riders, known PINs): add "
                               "--wipe-demo to delete it and enrol a real station here.")
        directory = data_dir(args.data_dir)
        station.close()
        for path in [*directory.glob(database_path(directory).name + "*"), directory / "demo-rider.png"]:
            path.unlink(missing_ok=True)
        shutil.rmtree(keys_dir(directory), ignore_errors=True)
        print(f"Deleted the demo station in {directory}.")
        station = open_station(args, create=True)
    info, result = station.enrol(args.hub, args.code, Path(args.ca) if args.ca else None)
    print(f"Enrolled as {info.station_id} ({info.name}); {result.pulled} changes pulled from the hub.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from kiosk.config import load_config
    from kiosk.sync.scheduler import SyncScheduler

    station = open_station(args)
    directory = data_dir(args.data_dir)
    hub_url = load_config(directory).hub_url
    if args.once:
        result = station.sync_once(hub_url=hub_url)
        data = {"pushed": result.pushed, "pulled": result.pulled, "acked_seq": result.acked_seq,
                "cursor": result.cursor, "clock_offset_s": station.store.setting("clock_offset_s", 0.0)}
        print(json.dumps(data) if args.json else
              f"Pushed {result.pushed} events, pulled {result.pulled} changes; the hub has up to "
              f"{result.acked_seq}.")
        return 0
    station.check_enrolled()  # fail at once, with a clear line, if not enrolled
    station.close()
    # Each sync says how it went once: the sync client's own log lines ("synced: …", "sync failed: …").
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("kiosk")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    scheduler = SyncScheduler(lambda: Station.open(directory), interval=args.interval, hub_url=hub_url)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    scheduler.start()
    with contextlib.suppress(KeyboardInterrupt):
        done.wait()
    scheduler.stop()
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    station = open_station(args)
    path = Path(args.file)
    if args.action == "export":
        count = station.export_bundle(path)
        print(f"Wrote {count} events to {path}; take it to the union office.")
    else:
        result = station.import_reply(path)
        print(f"The hub has this station's events up to {result['acked_seq']}; "
              f"{result['changes_applied']} changes applied.")
    return 0


def register(commands: Commands) -> None:
    add = commands.add
    p = add("enrol", cmd_enrol, "enrol this (fresh) station with the union office's hub")
    p.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.union.example")
    p.add_argument("--code", required=True, help="the one-time code from 'kiosk-hub station add'")
    p.add_argument("--ca", help="a PEM certificate (or CA) to trust for this hub instead of the system's; kept")
    p.add_argument("--wipe-demo", action="store_true", help="delete the demo station this directory holds first")
    p = add("sync", cmd_sync, "push and pull now (--once), or keep syncing until stopped")
    p.add_argument("--once", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--interval", type=float, default=60.0, help="seconds between syncs when all is well")
    p = add("bundle", cmd_bundle, "sync by USB stick: export a bundle, import the hub's reply")
    p.add_argument("action", choices=("export", "import"))
    p.add_argument("file")
