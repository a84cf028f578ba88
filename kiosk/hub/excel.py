"""The office's figures as an Excel workbook: Chinese headers, totals, number formats, one sheet per breakdown."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="C8161D")
HEADER_FONT = Font(bold=True, color="FFFFFF")
YUAN = '#,##0.00 "元"'
COUNT = "#,##0"
PURPOSE_NAMES = {"rest": "休息", "water": "喝水", "charging": "手机充电", "meal_heating": "热饭", "restroom": "如厕",
                 "legal_help": "维权与法律帮助", "activity": "参加活动或培训"}


def wan_yuan(fen: int) -> str:
    """Fen as the federation writes money in its year figures: 万元 with two decimals."""
    return f"{fen / 100 / 10000:.2f}"


def signup_headline(programme: dict[str, Any]) -> str:
    """暖新保 报名 N 人次（确认 M 人次，候补 W 人次），到场 K 人次."""
    line = (f"{programme['title_zh']} 报名 {programme['signups'] - programme['cancelled']:,} 人次"
            f"（确认 {programme['confirmed']:,} 人次，候补 {programme['waiting']:,} 人次）")
    return line + (f"，到场 {programme['attendances']:,} 人次" if programme["attendances"] else "")


def headline(programme: dict[str, Any]) -> str:
    """夏送清凉 惠及 N 人次 / M 人，投入 X 万元."""
    return (f"{programme['name_zh']} 惠及 {programme['person_times']:,} 人次 / {programme['riders']:,} 人，"
            f"投入 {wan_yuan(programme['spend_fen'])} 万元")


def _sheet(book: Workbook, title: str, columns: list[tuple[str, str, str | None]], rows: list[dict[str, Any]],
           total: bool = True) -> None:
    """A sheet with a red header row, the rows, and a 合计 row summing every numeric column."""
    sheet = book.create_sheet(title)
    sheet.append([header for header, _key, _fmt in columns])
    for cell in sheet[1]:
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, Alignment(horizontal="center")
    for row in rows:
        sheet.append([row.get(key) / 100 if fmt == YUAN and row.get(key) is not None else row.get(key)
                      for _h, key, fmt in columns])
    last = sheet.max_row
    if total and rows:
        # Unique riders do not add up across rows (one rider, two programmes): no total for them.
        sums = ["合计"] + [f"=SUM({get_column_letter(i + 1)}2:{get_column_letter(i + 1)}{last})"
                           if fmt and key not in ("riders", "visitors") else ""
                           for i, (_h, key, fmt) in enumerate(columns[1:], start=1)]
        sheet.append(sums)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
    for i, (header, _key, fmt) in enumerate(columns, start=1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = max(12, len(header) * 2 + 4)
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = fmt
    sheet.freeze_panes = "A2"


def figures_workbook(figures: dict[str, Any]) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "概览"
    scope = figures["district"] or "全市"
    summary.append([f"{scope} 驿站服务统计  {figures['start']} 至 {figures['end']}"])
    summary["A1"].font = Font(bold=True, size=14)
    summary.append([])
    for label, value, fmt in (("签到人次", figures["visits"], COUNT),
                              ("服务骑手（人）", figures["visitors"], COUNT),
                              ("新登记骑手", figures["registrations"], COUNT),
                              ("新入会", figures["new_members"], COUNT),
                              ("培训/活动人次", figures["activity_signins"], COUNT),
                              ("物品发放人次", figures["handouts"], COUNT),
                              ("投入（元）", figures["spend_fen"] / 100, YUAN),
                              ("超限领取（笔）", figures["overclaims"], COUNT)):
        summary.append([label, value])
        summary.cell(summary.max_row, 2).number_format = fmt
    help_ = figures["help"]
    for label, value in (("维权求助（件）", help_["requests"]), ("其中紧急（件）", help_["urgent"]),
                         ("首次联系用时中位数（小时）", help_["median_first_contact_h"]),
                         ("办结用时中位数（小时）", help_["median_resolution_h"])):
        summary.append([label, "—" if value is None else value])
    summary.append([])
    summary.append(["年度民生账单"])
    summary.cell(summary.max_row, 1).font = Font(bold=True)
    for programme in figures["by_programme"]:
        summary.append([headline(programme)])
    for programme in figures["signups"]:
        summary.append([signup_headline(programme)])
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 18
    _sheet(book, "按项目", [("项目", "name_zh", None), ("人次", "person_times", COUNT), ("人数", "riders", COUNT),
                           ("件数", "quantity", COUNT), ("投入（元）", "spend_fen", YUAN)], figures["by_programme"])
    _sheet(book, "按活动", [("活动", "name_zh", None), ("人次", "person_times", COUNT), ("人数", "riders", COUNT),
                           ("件数", "quantity", COUNT), ("投入（元）", "spend_fen", YUAN)], figures["by_campaign"])
    _sheet(book, "按物品", [("物品", "name_zh", None), ("单价（元）", "unit_cost_fen", None),
                           ("人次", "person_times", COUNT), ("人数", "riders", COUNT), ("件数", "quantity", COUNT),
                           ("投入（元）", "spend_fen", YUAN)],
           [{**r, "unit_cost_fen": r["unit_cost_fen"] / 100} for r in figures["by_item"]])
    _sheet(book, "按驿站", [("驿站", "name", None), ("区县", "district", None), ("签到人次", "visits", COUNT),
                           ("发放人次", "person_times", COUNT), ("件数", "quantity", COUNT),
                           ("投入（元）", "spend_fen", YUAN)], figures["by_station"])
    _sheet(book, "按月", [("月份", "month", None), ("签到人次", "visits", COUNT),
                         ("服务骑手（人）", "visitors", COUNT), ("发放人次", "handouts", COUNT),
                         ("件数", "quantity", COUNT), ("投入（元）", "spend_fen", YUAN)], figures["by_month"])
    _sheet(book, "按区县", [("区县", "district", None), ("签到人次", "visits", COUNT),
                           ("服务骑手（人）", "visitors", COUNT), ("发放人次", "handouts", COUNT),
                           ("件数", "quantity", COUNT), ("投入（元）", "spend_fen", YUAN)], figures["by_district"])
    _sheet(book, "签到目的", [("目的", "purpose", None), ("人次", "count", COUNT)],
           [{"purpose": PURPOSE_NAMES.get(k, k), "count": v} for k, v in figures["purposes"].items()])
    _sheet(book, "超限领取", [("日期", "day", None), ("驿站", "station", None), ("骑手", "rider", None),
                             ("物品", "item", None), ("限领周期", "period", None), ("限领", "limit", None),
                             ("实领", "total", None)], figures["overclaim_list"], total=False)
    help_columns = [("件数", "requests", COUNT), ("紧急", "urgent", COUNT), ("已联系", "contacted", COUNT),
                    ("已办结", "closed", COUNT)]
    _sheet(book, "求助按类别", [("类别", "label_zh", None), *help_columns], help_["by_category"])
    _sheet(book, "求助按驿站", [("驿站", "station", None), *help_columns], help_["by_station"])
    _sheet(book, "求助按区县", [("区县", "district", None), *help_columns], help_["by_district"])
    _sheet(book, "求助按月", [("月份", "month", None), *help_columns], help_["by_month"])
    _sheet(book, "报名", [("报名项目", "title_zh", None), ("场次", "label_zh", None), ("名额", "capacity", None),
                         ("报名", "signups", COUNT), ("确认", "confirmed", COUNT), ("候补", "waiting", COUNT),
                         ("取消", "cancelled", COUNT), ("到场（人）", "attended", COUNT),
                         ("到场（人次）", "attendances", COUNT)],
           [{**s, "title_zh": p["title_zh"]} for p in figures["signups"] for s in p["sessions"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SIGNUP_STATUS_NAMES = {"confirmed": "已确认", "waiting": "候补", "cancelled": "已取消"}


def signups_workbook(programme: dict[str, Any], rows: list[dict[str, Any]], station_names: dict[str, str]) -> bytes:
    """A programme's sign-ups as the insurer or the class teacher needs them: one sheet per session, a row per
    sign-up with every answer, phone and ID numbers kept as text (Excel would round an 18-digit number)."""
    book = Workbook()
    book.remove(book.active)
    fields = programme["fields"]
    headers = ["序号", "报名号", "报名时间", "驿站", "状态", "骑手编号", "骑手姓名", *(f["label_zh"] for f in fields)]
    for session in programme["sessions"]:
        title = (session["label_zh"] or programme["title_zh"])[:28] or session["session_id"]
        sheet = book.create_sheet(title.replace("/", "／").replace(":", "："))
        sheet.append([f"{programme['title_zh']} {session['label_zh']}".strip()
                      + (f"（名额 {session['capacity']}）" if session.get("capacity") else "")])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append(headers)
        for cell in sheet[2]:
            cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, Alignment(horizontal="center")
        mine = [r for r in rows if r["session_id"] == session["session_id"]]
        for n, r in enumerate(sorted(mine, key=lambda r: (r["status"] != "confirmed", r["at"])), start=1):
            sheet.append([n, r["signup_id"], r["at"][:16].replace("T", " "), station_names.get(r["station_id"],
                          r["station_id"]), SIGNUP_STATUS_NAMES.get(r["status"], r["status"]), r["member_id"],
                          r.get("name") or "", *(r["answers"].get(f["key"], "") for f in fields)])
            for cell in sheet[sheet.max_row][7:]:
                cell.number_format = "@"
        for i, header in enumerate(headers, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = 22 if i > 7 else max(10, len(header) * 2 + 4)
        sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
