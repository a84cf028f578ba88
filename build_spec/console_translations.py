"""Gather the office console's texts into its Chinese catalogue (kiosk/hub/web/translations/zh_CN.po).

    python build_spec/console_translations.py

Texts come from the templates ({{ _("…") }}) and from the refusals the hub and the console give
(InvalidInput("…"), NotPermitted("…"), LoginFailed("…"), gettext(…)("…")). Translations already in the
catalogue are kept; the script lists every text still without one and exits 1 if there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "kiosk" / "hub" / "web" / "translations" / "zh_CN.po"
# Texts the templates translate through a variable: roles, limit periods, a message built in Python.
EXTRA = ("admin", "officer", "caseworker", "viewer", "day", "week", "month", "year", "campaign",
         "Type the station's id to confirm: revoking cannot be undone.",
         "Type the rider's id to confirm: deleting cannot be undone.", "Not found", "Rest", "Drink water",
         "Charge a phone", "Heat a meal", "Restroom", "Rights and legal help", "An activity or training",
         "Delivery rider", "Courier", "Ride-hailing driver", "Truck driver", "Other",
         "Tick the box to confirm: the rider's cards stop working at every station.",
         # Refusals of the office's actions that live beside the sync's (kiosk/hub/ingest.py).
         "A rider cannot be merged into themselves.", "No rider with that id to merge (or already merged).",
         # Help requests' statuses (kiosk/hub/web HELP_STATUS_LABELS).
         "New", "Contacted", "In progress", "Referred to legal aid",
         "Referred to labour inspection", "Referred to the platform", "Resolved", "Closed",
         # A sign-up programme's form, checked where every station checks it (kiosk/core/signups.py define).
         "Choose the questions from the list.", "A title is 1 to 40 characters.",
         "The first day comes after the last.",
         "Tick the box to confirm: riders can no longer sign up at any station.")
KEYWORDS = {"_": None, "gettext": None, "InvalidInput": None, "NotPermitted": None, "LoginFailed": None}


def texts() -> dict[str, list[tuple[str, int]]]:
    found: dict[str, list[tuple[str, int]]] = {}
    # The refusals an operator can meet in the console (the sync protocol's own stay English).
    shown = ("web/__init__.py", "operators.py", "catalogue.py", "stations.py", "reports.py", "roster.py",
             "riders.py", "help.py", "signups.py")
    sources = [(ROOT / "kiosk" / "hub" / "web" / "templates", [("**.html", "jinja2")]),
               (ROOT / "kiosk" / "hub", [(name, "python") for name in shown])]
    for folder, method in sources:
        for filename, _line, message, _comments, _context in extract_from_dir(
                folder, method_map=method, keywords=KEYWORDS, comment_tags=(),
                options_map={"**.html": {"extensions": "jinja2.ext.i18n"}}):
            if isinstance(message, tuple):
                message = message[0]
            if message:
                found.setdefault(message, []).append((str(Path(folder, filename).relative_to(ROOT)), _line))
    for message in EXTRA:
        found.setdefault(message, []).append(("build_spec/console_translations.py", 0))
    return found


def main() -> int:
    old = {}
    if PO.exists() and PO.stat().st_size:
        with open(PO, "rb") as f:
            old = {m.id: m.string for m in read_po(f) if m.id}
    catalog = Catalog(locale="zh_CN", project="Station Kiosk console")
    missing = []
    for message, locations in sorted(texts().items()):
        catalog.add(message, old.get(message, ""), locations=locations)
        if not old.get(message):
            missing.append(message)
    with open(PO, "wb") as f:
        write_po(f, catalog, width=120, omit_header=False, sort_output=True)
    for message in missing:
        print(f"untranslated: {message}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
