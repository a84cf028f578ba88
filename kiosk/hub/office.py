"""The union office's hub: one object composed of its jobs, used by the API, the command line and bundles."""

from __future__ import annotations

from kiosk.hub.catalogue import Catalogue
from kiosk.hub.feed import Feed
from kiosk.hub.help import Help
from kiosk.hub.ingest import GapError, Ingest
from kiosk.hub.operators import Operators
from kiosk.hub.reports import Reports
from kiosk.hub.riders import Riders
from kiosk.hub.stations import Stations, Unauthorized


class Hub(Stations, Ingest, Feed, Catalogue, Reports, Riders, Operators, Help):
    """All hub state lives in its database (SQLite, or PostgreSQL shared by several hub processes)."""


__all__ = ["GapError", "Hub", "Unauthorized"]
