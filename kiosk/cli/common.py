"""Opening the station a command works on."""

from __future__ import annotations

import argparse

from kiosk.base.errors import KioskError
from kiosk.base.files import private_dir
from kiosk.base.logs import set_up_logging
from kiosk.base.paths import data_dir, database_path
from kiosk.station import Station


def open_station(args: argparse.Namespace, create: bool = False) -> Station:
    directory = data_dir(args.data_dir)
    if not create and not database_path(directory).exists():
        raise KioskError(f"No station in {directory}: run 'kiosk demo' or 'kiosk enrol' first.")
    private_dir(directory)
    set_up_logging(directory)
    return Station.open(directory)
