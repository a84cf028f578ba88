"""Read a roster file (CSV or Excel) of riders for the hub: phone, name, occupation, platform, union_member."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from kiosk.base.errors import InvalidInput
from kiosk.base.memory import gc_paused

COLUMNS = ("phone", "name", "occupation", "platform", "union_member")
MAX_ROWS = 2_000_000
# The headers a union office's own sheets use, in Chinese or English.
HEADERS = {"手机号": "phone", "手机号码": "phone", "手机": "phone", "电话": "phone", "联系电话": "phone",
           "姓名": "name", "名字": "name", "职业": "occupation", "工作": "occupation", "平台": "platform",
           "所在平台": "platform", "平台/公司": "platform", "公司": "platform", "是否会员": "union_member",
           "工会会员": "union_member", "会员": "union_member", "是否工会会员": "union_member"}
# Occupations as the office writes them.
OCCUPATION_NAMES = {"外卖骑手": "delivery_rider", "外卖员": "delivery_rider", "骑手": "delivery_rider",
                    "快递员": "courier", "快递小哥": "courier", "网约车司机": "ride_hailing_driver",
                    "货车司机": "truck_driver", "其他": "other"}


@gc_paused()
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
    header = [HEADERS.get(str(h or "").strip(), str(h or "").strip().lower()) for h in rows[0]]
    missing = [c for c in ("phone", "name", "occupation") if c not in header]
    if missing:
        raise InvalidInput(f"The roster lacks the column(s) {', '.join(missing)} in its first row.")
    if len(rows) > MAX_ROWS:
        raise InvalidInput(f"A roster file holds at most {MAX_ROWS} riders.")
    where = [(c, header.index(c) if c in header else None) for c in COLUMNS]
    riders = [{c: row[i] if i is not None and i < len(row) else "" for c, i in where}
              for row in rows[1:] if any(str(v or "").strip() for v in row)]
    for rider in riders:
        occupation = str(rider["occupation"]).strip()
        rider["occupation"] = OCCUPATION_NAMES.get(occupation, occupation)
    return riders


def read_codes(path: Path) -> list[str]:
    """Voucher codes from a CSV or Excel file: the first column, one code a row (a header row skipped)."""
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(path)
    elif path.suffix.lower() == ".csv":
        try:
            rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
        except UnicodeDecodeError:
            raise InvalidInput("The codes file is not UTF-8 text.", field="codes") from None
    else:
        raise InvalidInput("Voucher codes come in a .csv or .xlsx file.", field="codes")
    codes = [str(r[0]).strip() for r in rows if r and str(r[0]).strip()]
    if codes and not any(ch.isdigit() for ch in codes[0]) and len(codes) > 1:
        codes = codes[1:]  # a header row
    if not codes:
        raise InvalidInput("The file holds no voucher codes.", field="codes")
    return codes


def _xlsx_rows(path: Path) -> list[list[Any]]:
    """The first sheet's rows as text (calamine reads a million rows in seconds, openpyxl in a minute); a
    number typed into a cell (a phone) reads as its digits."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, OSError, ValueError, IndexError) as exc:
        raise InvalidInput(f"The roster is not a readable Excel file: {exc}") from exc
    return [[v if type(v) is str else _text(v) for v in row] for row in rows]


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)
