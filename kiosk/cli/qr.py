"""``kiosk qr issue | verify | revoke``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kiosk.base.commandline import Commands
from kiosk.base.errors import InvalidCredential, InvalidInput
from kiosk.cli.common import open_station
from kiosk.credentials.render import save_png


def cmd_issue(args: argparse.Namespace) -> int:
    station = open_station(args)
    png = Path(args.png)
    if not png.parent.is_dir():
        raise InvalidInput(f"No folder {png.parent} to write the image into.")
    text = station.issue_card(args.member_id)
    save_png(text, png)
    print(json.dumps({"member_id": args.member_id, "png": str(png), "text": text}) if args.json else text)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    station = open_station(args)
    try:
        credential = station.verify(args.text)
    except InvalidCredential as exc:
        if args.json:
            print(json.dumps({"valid": False, "reason": exc.reason, "message": exc.message}))
        else:
            print(f"invalid ({exc.reason}): {exc.message}")
        return 1
    result = {"valid": True, **credential.as_dict()}
    print(json.dumps(result) if args.json else f"valid {credential.type} for {credential.subject}, issued by "
          f"{credential.issuer}, expires at {credential.expires_at} (unix)")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    open_station(args).revoke_cards(args.member_id, args.reason)
    print(f"Every code issued so far for {args.member_id} is revoked; issue a new one.")
    return 0


def register(commands: Commands) -> None:
    qr = commands.group("qr", cmd_issue, "membership and voucher QR codes: issue, verify, revoke")
    p = qr.add("issue", cmd_issue, "a rider's membership QR code as an image")
    p.add_argument("member_id")
    p.add_argument("--png", required=True, help="where to write the PNG")
    p.add_argument("--json", action="store_true")
    p = qr.add("verify", cmd_verify, "what a payload says and whether it is valid (exit 0 only if valid)")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p = qr.add("revoke", cmd_revoke, "cancel a rider's lost card: every code issued so far stops working")
    p.add_argument("member_id")
    p.add_argument("--reason", default="lost card")
