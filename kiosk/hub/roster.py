"""Read a roster file (CSV or Excel) of riders for the hub: phone, name, occupation, platform, union_member."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from kiosk.base.errors import InvalidInput

COLUMNS = ("phone", "name", "occupation", "platform", "union_member")
MAX_ROWS = 2_000_000


def read_roster(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InvalidInput(f"No roster file {path}.")
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(path)
    elif path.suffix.lower() == ".csv":
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = [list(r) for r in csv.reader(f)]
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InvalidInput(f"The roster is not a UTF-8 CSV file: {exc}") from exc
    else:
        raise InvalidInput("A roster is a .csv or .xlsx file.")
    if not rows:
        raise InvalidInput("The roster file is empty.")
    header = [str(h or "").strip().lower() for h in rows[0]]
    missing = [c for c in ("phone", "name", "occupation") if c not in header]
    if missing:
        raise InvalidInput(f"The roster lacks the column(s) {', '.join(missing)} in its first row.")
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"A roster file holds at most {MAX_ROWS} riders.")
    return [{c: (row[header.index(c)] if c in header and header.index(c) < len(row) else "") for c in COLUMNS}
            for row in rows[1:] if any(str(v or "").strip() for v in row)]


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise InvalidInput(f"The roster is not a readable Excel file: {exc}") from exc
    sheet = book.worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
