"""``kiosk enrol | sync | bundle export | bundle import``."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.core.errors import InvalidInput
from kiosk.paths import data_dir, database_path, keys_dir


def cmd_enrol(args: argparse.Namespace) -> int:
    from kiosk.cli import open_station
    from kiosk.sync.client import client_for, sync_once
    from kiosk.sync.enrol import enrol_station

    store = open_station(args, create=True)
    keys = keys_dir(data_dir(args.data_dir))
    info = enrol_station(store, keys, args.hub, args.code)
    client = client_for(store, keys)
    try:
        result = sync_once(store, client)
    finally:
        client.close()
    print(f"Enrolled as {info.station_id} ({info.name}); {result.pulled} changes pulled from the hub.")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from kiosk.cli import open_station
    from kiosk.config import load_config
    from kiosk.sync.client import client_for, sync_once
    from kiosk.sync.scheduler import SyncScheduler

    store = open_station(args)
    keys = keys_dir(data_dir(args.data_dir))
    hub_url = load_config(data_dir(args.data_dir)).hub_url
    if args.once:
        client = client_for(store, keys, hub_url=hub_url)
        try:
            result = sync_once(store, client)
        finally:
            client.close()
        data = {"pushed": result.pushed, "pulled": result.pulled, "acked_seq": result.acked_seq,
                "cursor": result.cursor, "clock_offset_s": store.setting("clock_offset_s", 0.0)}
        print(json.dumps(data) if args.json else
              f"Pushed {result.pushed} events, pulled {result.pulled} changes; the hub has up to "
              f"{result.acked_seq}.")
        return 0
    client_for(store, keys, hub_url=hub_url).close()  # fail at once, with a clear line, if not enrolled
    logging.getLogger("kiosk").addHandler(logging.StreamHandler())

    def report(result: Any, error: str | None) -> None:
        if error:
            print(f"sync failed: {error}", flush=True)
        else:
            print(f"synced: pushed {result.pushed}, pulled {result.pulled}", flush=True)

    scheduler = SyncScheduler(database_path(data_dir(args.data_dir)), keys, interval=args.interval,
                              hub_url=hub_url, on_result=report)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    scheduler.start()
    with contextlib.suppress(KeyboardInterrupt):
        done.wait()
    scheduler.stop()
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from kiosk.cli import open_station
    from kiosk.credentials.codes import load_issuer
    from kiosk.sync.bundle import export_bundle, import_reply

    store = open_station(args)
    path = Path(args.file)
    if args.action == "export":
        if not path.parent.is_dir():
            raise InvalidInput(f"No folder {path.parent} to write the bundle into.")
        count = export_bundle(store, load_issuer(store, keys_dir(data_dir(args.data_dir))), path)
        print(f"Wrote {count} events to {path}; take it to the union office.")
    else:
        result = import_reply(store, path)
        print(f"The hub has this station's events up to {result['acked_seq']}; "
              f"{result['changes_applied']} changes applied.")
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add("enrol", cmd_enrol, "enrol this (fresh) station with the union office's hub")
    p.add_argument("--hub", required=True, help="the hub's address, e.g. http://hub.example:8700")
    p.add_argument("--code", required=True, help="the one-time code from 'kiosk-hub station add'")
    p = add("sync", cmd_sync, "push and pull now (--once), or keep syncing until stopped")
    p.add_argument("--once", action="store_true")
    p.add_argument("--json", action="store_true")
    p.add_argument("--interval", type=float, default=60.0, help="seconds between syncs when all is well")
    p = add("bundle", cmd_bundle, "sync by USB stick: export a bundle, import the hub's reply")
    p.add_argument("action", choices=("export", "import"))
    p.add_argument("file")
