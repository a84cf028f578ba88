"""The ``kiosk-hub`` command: the union office's server and administration."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.base.commandline import OneLineParser, emit, positive_int, run_cli
from kiosk.base.errors import InvalidInput, KioskError
from kiosk.base.files import private_dir


def default_db() -> str:
    if os.environ.get("KIOSK_HUB_DB"):
        return os.environ["KIOSK_HUB_DB"]
    folder = private_dir(Path(platformdirs.user_data_dir("station-kiosk-hub")))
    return f"sqlite:///{folder / 'hub.db'}"


def open_hub(args: argparse.Namespace) -> Any:
    from kiosk.hub.office import Hub

    url = args.db or default_db()
    if not url.startswith(("sqlite:///", "postgresql://", "postgresql+psycopg://")):
        raise InvalidInput("--db is a sqlite:///FILE or postgresql://… address.")
    try:
        return Hub(url)
    except KioskError:
        raise
    except Exception as exc:  # a wrong address or a server that is down: one line, not a traceback
        raise KioskError(f"Cannot open the hub database: {str(exc).splitlines()[0]}") from exc


def _password(args: argparse.Namespace) -> tuple[str, bool]:
    """The new password: from --password-file, typed twice at a terminal, or made here (and printed once)."""
    import getpass
    import secrets

    if getattr(args, "password_file", None):
        try:
            return Path(args.password_file).read_text(encoding="utf-8").strip(), False
        except OSError as exc:
            raise InvalidInput(f"Cannot read {args.password_file}: {exc.strerror}.") from exc
    if sys.stdin.isatty() and not os.environ.get("CI"):
        first = getpass.getpass("Password (10 characters or more, empty: make one): ")
        if first:
            if getpass.getpass("Again: ") != first:
                raise InvalidInput("The two passwords differ.")
            return first, False
    return secrets.token_urlsafe(12), True


def cmd_init(args: argparse.Namespace) -> int:
    hub = open_hub(args)  # the schema and the root key (in its own 0600 file)
    if hub.operator_count():
        raise InvalidInput("This hub already has operators: add more with 'kiosk-hub operator add'.")
    password, made = _password(args)
    hub.add_operator("kiosk-hub init", args.admin, args.admin, "admin", password)
    print(f"Hub ready in {hub.url}; root key in {hub.root_key_path}.\nFirst administrator: {args.admin}"
          + (f"\nPassword (shown once: keep it safe): {password}" if made else "")
          + "\nNext: kiosk-hub serve, then open http://127.0.0.1:8700/ and sign in.")
    return 0


def cmd_operator_add(args: argparse.Namespace) -> int:
    password, made = _password(args)
    open_hub(args).add_operator("kiosk-hub", args.username, args.name or args.username, args.role, password,
                                args.district)
    print(f"Operator {args.username} ({args.role}) added." + (f" Password (shown once): {password}" if made else ""))
    return 0


def cmd_campaign_add(args: argparse.Namespace) -> int:
    import tomllib

    from kiosk.hub.catalogue import yuan_to_fen

    try:
        data = tomllib.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"Cannot read {args.file}: {exc}") from exc
    campaign, items = data.get("campaign"), data.get("items")
    if not isinstance(campaign, dict) or not isinstance(items, list):
        raise InvalidInput("A campaign file has a [campaign] table and [[items]].")
    for key in ("starts_on", "ends_on"):  # TOML dates, written bare, are read as dates
        if isinstance(campaign.get(key), date):
            campaign[key] = campaign[key].isoformat()
    for item in items:
        item.setdefault("campaign_id", campaign.get("campaign_id"))
        if "unit_cost" in item:
            item["unit_cost_fen"] = yuan_to_fen(item.pop("unit_cost"))
    before = open_hub(args).publish_campaign(campaign, items)["before"]
    print(f"Campaign {campaign['campaign_id']} {'changed' if before else 'published'}: stations receive it at "
          "their next sync.")
    return 0


def cmd_allocate(args: argparse.Namespace) -> int:
    """Stock (or voucher codes, to one station) for a station or every station of a district."""
    hub = open_hub(args)
    codes = None
    if args.codes:
        from kiosk.hub.roster import read_codes

        path = Path(args.codes)
        if not path.is_file():
            raise InvalidInput(f"No file {path}.")
        codes = read_codes(path)
    elif not args.quantity:
        raise InvalidInput("Say how many with --quantity N (or give voucher codes with --codes FILE).")
    stations = [s["station_id"] for s in hub.list_stations() if s["state"] != "revoked" and (
        s["station_id"] == args.station or (args.district and s["district"] == args.district))]
    if not stations:
        raise InvalidInput(f"No station {args.station or 'in ' + args.district}.")
    if codes and len(stations) > 1:
        raise InvalidInput("Voucher codes go to one station at a time: use --station.")
    for station_id in stations:
        hub.allocate(station_id, args.item, args.quantity or 0, codes)
    print(f"Allocated {len(codes) if codes else args.quantity} of {args.item} to {len(stations)} station(s): it "
          "arrives at each one's next sync.")
    return 0


def cmd_campaign_list(args: argparse.Namespace) -> int:
    rows = open_hub(args).campaigns()
    emit(rows, args.json, lambda rs: "\n".join(
        f"{c['campaign_id']:12} {c['starts_on']} – {c['ends_on']}  {c['name_zh']} / {c['name_en']}  items: "
        + ", ".join(f"{i['item_id']} ¥{i.get('unit_cost_fen', 0) / 100:.2f}" for i in c["items"])
        + f"  at: {', '.join(c.get('districts', []) + c.get('stations', [])) or 'every station'}" for c in rs)
        or "No campaigns yet.")
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    import secrets

    attendant_id = args.id or "A-" + secrets.token_hex(4).upper()
    open_hub(args).add_attendant(attendant_id, args.name, args.role, args.pin, args.station)
    print(f"{args.name} ({args.role}, {attendant_id}) can sign in with that PIN after the station's next sync.")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """The office's figures at union scale, in a scratch hub (a temporary SQLite one unless --db names an
    empty database to fill)."""
    import tempfile

    from kiosk.hub.bench import SIZES, office_timings

    n = SIZES["quick" if args.quick else "full"]
    with tempfile.TemporaryDirectory(prefix="kiosk-hub-bench-") as folder:
        url = args.db or f"sqlite:///{folder}/bench.db"
        timings = office_timings(url, n, Path(folder) / "root.key")
    figures = [{"name": f"office {what} ({n:,} events)", "value": p95, "unit": "s", "goal": "<= 1 s at p95",
                "ratio": 1 / p95, "ok": p95 <= 1.0} for what, p95 in timings]
    emit(figures, args.json, lambda fs: "\n".join(
        f"{f['name']:50} {f['value']:8.3f} s   goal {f['goal']}   ratio {f['ratio']:.2f}  "
        f"{'ok' if f['ok'] else 'MISSED'}" for f in fs))
    return 0 if all(f["ok"] for f in figures) else 1  # 1: a goal missed on this machine


def cmd_serve(args: argparse.Namespace) -> int:
    from kiosk.hub.server import serve

    serve(open_hub(args), args.host, args.port, docs=args.docs)
    return 0


def cmd_station_add(args: argparse.Namespace) -> int:
    station_id, code = open_hub(args).add_station(args.name, args.district)
    print(json.dumps({"station_id": station_id, "code": code}) if args.json else
          f"Station {station_id} ({args.name}) added. One-time enrolment code: {code}")
    return 0


def cmd_station_list(args: argparse.Namespace) -> int:
    rows = open_hub(args).list_stations()
    emit(rows, args.json, lambda rs: "\n".join(
        f"{r['station_id']}  {r['state']:8}  acked {r['acked_seq']:>8}  {r['name']}" for r in rs) or "No stations yet.")
    return 0


def cmd_station_revoke(args: argparse.Namespace) -> int:
    open_hub(args).revoke_station(args.station_id)
    print(f"Station {args.station_id} revoked: its token is refused from now, and codes its key signs from now "
          "are not valid anywhere once stations sync (cards it printed before keep working).")
    return 0


def cmd_station_rotate_token(args: argparse.Namespace) -> int:
    token = open_hub(args).rotate_token(args.station_id)
    print(f"New token for {args.station_id} (the old one no longer works); put it in the station's "
          f"keys/hub.token:\n{token}")
    return 0


def cmd_incidents(args: argparse.Namespace) -> int:
    rows = open_hub(args).incidents(open_only=not args.all)
    emit(rows, args.json, lambda rs: "\n".join(
        f"#{r['incident_id']:<5} {r['station_id']}  {r['kind']:18}  {r['reason']}"
        + (f"  [{r['resolved']}]" if r["resolved"] else "") for r in rs) or "No open incidents.")
    return 0


def cmd_incident_resolve(args: argparse.Namespace) -> int:
    outcome = open_hub(args).resolve_incident(args.incident_id, approve=args.incident_command == "approve")
    print(f"Incident {args.incident_id} {outcome}.")
    return 0


def cmd_revocation_undo(args: argparse.Namespace) -> int:
    open_hub(args).undo_revocation(args.subject)
    print(f"The revocation of {args.subject} is taken back; stations hear it at their next sync.")
    return 0


def cmd_rider_export(args: argparse.Namespace) -> int:
    hub = open_hub(args)
    data = json.dumps(hub.export_rider(hub.find_rider(args.member or "", args.phone or "")), ensure_ascii=False,
                      indent=2)
    if args.out:
        Path(args.out).write_text(data + "\n", encoding="utf-8")
        print(f"Wrote the rider's data to {args.out}.")
    else:
        print(data)
    return 0


def cmd_rider_delete(args: argparse.Namespace) -> int:
    hub = open_hub(args)
    member_id = hub.find_rider(args.member or "", args.phone or "")
    if args.confirm != member_id:
        raise InvalidInput(f"Deleting cannot be undone: repeat the rider's id with --confirm {member_id}.")
    count = hub.delete_rider(member_id)
    print(f"Rider {member_id} deleted ({count} id{'s' if count > 1 else ''}); stations forget them at their next sync.")
    return 0


def cmd_rider_merge(args: argparse.Namespace) -> int:
    if args.confirm.strip().upper() != args.duplicate.strip().upper():
        raise InvalidInput(f"Merging cannot be undone: repeat the duplicate's id with --confirm {args.duplicate}.")
    open_hub(args).merge_riders(args.keep.strip().upper(), args.duplicate)
    print(f"Rider {args.duplicate} merged into {args.keep}; its codes stop working at each station's next sync.")
    return 0


def cmd_retention(args: argparse.Namespace) -> int:
    unlinked = open_hub(args).forget_old_links(args.months)
    print(f"{unlinked} visits and handouts older than {args.months} months no longer name their rider.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import random

    from kiosk.core.demo_data import DEMO_ATTENDANT, DEMO_TECHNICIAN, demo_campaigns, demo_programmes, random_rider

    hub = open_hub(args)
    campaigns, items = demo_campaigns(date.today())
    hub.set_catalogue(campaigns, items)
    rng = random.Random(11)
    hub.import_roster([random_rider(rng) for _ in range(args.members)])
    for attendant_id, name, role, pin in (DEMO_ATTENDANT, DEMO_TECHNICIAN):
        hub.add_attendant(attendant_id, name, role, pin)
    lines = []
    for name in ("城中区骑手驿站", "城西区司机之家", "城北区快递小哥驿站"):
        station_id, code = hub.add_station(name)
        for item in items:
            if item.get("kind") == "voucher":
                hub.allocate(station_id, item["item_id"], 0,
                             codes=[f"{item['item_id'][:2].upper()}-{station_id[3:]}-{i:04d}" for i in range(50)])
            else:
                hub.allocate(station_id, item["item_id"], 300)
        lines.append(f"  {station_id}  {name}  enrolment code {code}")
    for spec in demo_programmes(date.today()):  # after the stations: each holds a share of the places
        hub.add_programme(spec)
    print(f"Demo union office in {hub.url}: {args.members} riders, {len(campaigns)} campaigns, 3 sign-ups, "
          f"attendant PIN 123456, technician PIN 987654.\nStations:\n" + "\n".join(lines))
    return 0


def cmd_bundle_import(args: argparse.Namespace) -> int:
    from kiosk.hub.bundles import import_bundle as hub_import_bundle

    reply = Path(args.reply)
    if not reply.parent.is_dir():
        raise InvalidInput(f"No folder {reply.parent} to write the reply into.")
    result = hub_import_bundle(open_hub(args), Path(args.file), reply)
    print(f"Took the station's events up to {result['acked_seq']} ({result['events']} in the bundle); "
          f"wrote {result['changes']} changes to {reply}.")
    return 0


def cmd_roster_import(args: argparse.Namespace) -> int:
    from kiosk.hub.roster import read_roster

    report = open_hub(args).import_roster_report(read_roster(Path(args.file)))
    known = report["already_riders"]
    conflicts = [c["row"] for c in report["conflicts"]]
    print(f"{report['added']} new riders added to the roster, {len(report['updated'])} updated."
          + (f" {len(known)} already riders (registered at a station or imported before): "
             f"rows {', '.join(map(str, known[:20]))}{' …' if len(known) > 20 else ''}." if known else "")
          + (f" Left as they are, known here under another name: rows {', '.join(map(str, conflicts[:20]))}."
             if conflicts else ""))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """All time by station, programme or month (person-times of visits and handouts together), or, for a
    period (--from/--to) or by district or item, the console's figures: visits and handouts kept apart,
    with what they cost; its Excel is the console's workbook."""
    hub = open_hub(args)
    if args.start or args.end or args.by in ("district", "campaign", "item"):

        from kiosk.hub.excel import figures_workbook

        today = date.today()
        figures = hub.figures(args.start or today.replace(month=1, day=1).isoformat(), args.end or today.isoformat())
        if args.format == "xlsx":
            if not args.out:
                raise InvalidInput("An Excel report needs --out FILE.xlsx.")
            Path(args.out).write_bytes(figures_workbook(figures))
            print(f"Wrote the figures for {figures['start']} to {figures['end']} to {args.out}.")
            return 0
        rows = figures[f"by_{args.by}"]
    else:
        rows = hub.report(args.by)
    columns = list(rows[0]) if rows else [args.by, "person_times", "unique_riders", "items_handed_out",
                                          "overclaims"]
    if args.format == "xlsx":
        if not args.out:
            raise InvalidInput("An Excel report needs --out FILE.xlsx.")
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = f"by {args.by}"
        sheet.append(columns)
        for row in rows:
            sheet.append([row[c] for c in columns])
        book.save(args.out)
        print(f"Wrote {len(rows)} rows to {args.out}.")
        return 0
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if args.out:
        Path(args.out).write_text(buffer.getvalue(), encoding="utf-8")
    else:
        sys.stdout.write(buffer.getvalue())
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = OneLineParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="sqlite:///FILE (default, in the user data directory) or postgresql://…")
    parser = OneLineParser(prog="kiosk-hub", description="The union office's hub for Station Kiosk.",
                           parents=[common])
    sub = parser.add_subparsers(dest="command", parser_class=OneLineParser, required=True)

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str,
            into: Any = sub) -> argparse.ArgumentParser:
        p = into.add_parser(name, help=help_, description=help_, parents=[common])
        p.set_defaults(func=func)
        return p

    p = add("init", cmd_init, "a new hub from an empty database: schema, root key, first administrator")
    p.add_argument("--admin", default="admin", help="the first administrator's user name")
    p.add_argument("--password-file", help="read the password from this file (else typed, or made and shown)")
    operator = sub.add_parser("operator", help="the union office's console accounts", parents=[common])
    operator_sub = operator.add_subparsers(dest="operator_command", parser_class=OneLineParser, required=True)
    p = add("add", cmd_operator_add, "add an operator (admin, officer, caseworker or viewer)", into=operator_sub)
    p.add_argument("username")
    p.add_argument("--role", required=True, choices=("admin", "officer", "caseworker", "viewer"))
    p.add_argument("--name", help="the name shown in the console")
    p.add_argument("--district", help="limit to one district's stations (default: the whole union)")
    p.add_argument("--password-file")
    campaign = sub.add_parser("campaign", help="programmes' campaigns and their items", parents=[common])
    campaign_sub = campaign.add_subparsers(dest="campaign_command", parser_class=OneLineParser, required=True)
    p = add("add", cmd_campaign_add, "publish (or change) a campaign from a TOML file", into=campaign_sub)
    p.add_argument("--file", required=True)
    p = add("list", cmd_campaign_list, "every campaign with its items and unit costs", into=campaign_sub)
    p.add_argument("--json", action="store_true")
    p = add("allocate", cmd_allocate, "send stock, or voucher codes, to a station or a district's stations")
    p.add_argument("item")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--station", help="one station's id")
    where.add_argument("--district", help="every station of this district")
    p.add_argument("--quantity", type=positive_int)
    p.add_argument("--codes", help="a CSV or Excel file of voucher codes, one a row (one station)")
    staff = sub.add_parser("staff", help="attendants and technicians", parents=[common])
    staff_sub = staff.add_subparsers(dest="staff_command", parser_class=OneLineParser, required=True)
    p = add("add", cmd_staff_add, "add or change an attendant or technician", into=staff_sub)
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("attendant", "technician"))
    p.add_argument("--pin", required=True)
    p.add_argument("--station", help="one station only (default: every station)")
    p.add_argument("--id", help="the attendant's id (to change an existing one)")
    p = add("serve", cmd_serve, "run the hub's HTTP API and the office console")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=positive_int, default=8700)
    p.add_argument("--docs", action="store_true", help="serve /docs and /openapi.json (a private hub only)")
    p = add("demo", cmd_demo, "a demo union office: roster, campaigns, stations with stock")
    p.add_argument("--members", type=positive_int, default=1000)
    station = sub.add_parser("station", help="manage stations", parents=[common])
    station_sub = station.add_subparsers(dest="station_command", parser_class=OneLineParser, required=True)
    p = add("add", cmd_station_add, "add a station and print its one-time enrolment code (valid 72 hours)",
            into=station_sub)
    p.add_argument("name")
    p.add_argument("--district", help="城中区, 湟中区 …: operators with a district see its stations")
    p.add_argument("--json", action="store_true")
    p = add("list", cmd_station_list, "every station: waiting, enrolled or revoked", into=station_sub)
    p.add_argument("--json", action="store_true")
    p = add("revoke", cmd_station_revoke, "a stolen or retired station: refuse its token and its key from now",
            into=station_sub)
    p.add_argument("station_id")
    p = add("rotate-token", cmd_station_rotate_token, "give a station a new token (the old one stops)",
            into=station_sub)
    p.add_argument("station_id")
    rider = sub.add_parser("rider", help="a rider's own data: a copy, or deletion (on the rider's request)",
                           parents=[common])
    rider_sub = rider.add_subparsers(dest="rider_command", parser_class=OneLineParser, required=True)
    for verb, func, help_ in (("export", cmd_rider_export, "everything the union holds about one rider, as JSON"),
                              ("delete", cmd_rider_delete, "forget a rider here and, at their next sync, at every "
                               "station (visits stay as figures)")):
        p = add(verb, func, help_, into=rider_sub)
        who = p.add_mutually_exclusive_group(required=True)
        who.add_argument("--member", help="the rider's member id")
        who.add_argument("--phone", help="the rider's phone number")
        if verb == "export":
            p.add_argument("--out", help="write to this file instead of standard output")
        else:
            p.add_argument("--confirm", default="", help="the rider's member id again: deletion cannot be undone")
    p = add("merge", cmd_rider_merge, "one rider under two ids: the duplicate's visits and items count for the "
            "kept id, its codes stop working", into=rider_sub)
    p.add_argument("keep", help="the member id to keep")
    p.add_argument("duplicate", help="the member id merged into it")
    p.add_argument("--confirm", default="", help="the duplicate's id again")
    p = add("retention", cmd_retention, "unlink old visits and handouts from riders (kiosk-hub serve does it daily)")
    p.add_argument("--months", type=positive_int, default=24)
    p = add("incidents", cmd_incidents, "what the hub did not take from stations as it came, for the office")
    p.add_argument("--all", action="store_true", help="resolved ones too")
    p.add_argument("--json", action="store_true")
    incident = sub.add_parser("incident", help="answer an incident", parents=[common])
    incident_sub = incident.add_subparsers(dest="incident_command", parser_class=OneLineParser, required=True)
    for verb, help_ in (("approve", "carry out a revocation a station asked for"),
                        ("dismiss", "close an incident without acting on it")):
        p = add(verb, cmd_incident_resolve, help_, into=incident_sub)
        p.add_argument("incident_id", type=positive_int)
    revocation = sub.add_parser("revocation", help="cancelled membership codes", parents=[common])
    revocation_sub = revocation.add_subparsers(dest="revocation_command", parser_class=OneLineParser,
                                               required=True)
    p = add("undo", cmd_revocation_undo, "take back a rider's revocation (a card found, a mistake)",
            into=revocation_sub)
    p.add_argument("subject", help="the rider's member id")
    bundle = sub.add_parser("bundle", help="sync by USB stick", parents=[common])
    bundle_sub = bundle.add_subparsers(dest="bundle_command", parser_class=OneLineParser, required=True)
    p = add("import", cmd_bundle_import, "take a station's bundle and write the reply to carry back",
            into=bundle_sub)
    p.add_argument("file")
    p.add_argument("--reply", required=True)
    roster = sub.add_parser("roster", help="the union's roster of riders", parents=[common])
    roster_sub = roster.add_subparsers(dest="roster_command", parser_class=OneLineParser, required=True)
    p = add("import", cmd_roster_import, "add riders from a CSV or Excel file (phone, name, occupation, "
            "platform, union_member)", into=roster_sub)
    p.add_argument("file")
    p = add("bench", cmd_bench, "the office's overview and year report at union scale, against their goal")
    p.add_argument("--quick", action="store_true", help="50,000 events instead of 10 million")
    p.add_argument("--json", action="store_true")
    p = add("report", cmd_report, "person-times, unique riders, items and over-claims")
    p.add_argument("--by", choices=("station", "district", "programme", "campaign", "item", "month"),
                   default="station")
    p.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (default: 1 January this year)")
    p.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (default: today)")
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    p.add_argument("--out", help="write to this file instead of standard output")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    return run_cli("kiosk-hub", build_parser(), argv, db=None)
