"""``kiosk qr issue | verify | revoke``."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.core.errors import InvalidCredential, InvalidInput
from kiosk.core.members import get_member, require_active
from kiosk.credentials.codes import Verifier, issue, load_issuer, revoke
from kiosk.credentials.render import save_png
from kiosk.paths import data_dir, keys_dir


def cmd_issue(args: argparse.Namespace) -> int:
    from kiosk.cli import open_station

    store = open_station(args)
    require_active(get_member(store, args.member_id))
    png = Path(args.png)
    if not png.parent.is_dir():
        raise InvalidInput(f"No folder {png.parent} to write the image into.")
    text = issue(store, load_issuer(store, keys_dir(data_dir(args.data_dir))), args.member_id)
    save_png(text, png)
    print(json.dumps({"member_id": args.member_id, "png": str(png), "text": text}) if args.json else text)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from kiosk.cli import open_station

    store = open_station(args)
    try:
        credential = Verifier(store).verify(args.text)
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
    from kiosk.cli import open_station

    store = open_station(args)
    get_member(store, args.member_id)
    revoke(store, args.member_id, args.reason)
    print(f"Every code issued so far for {args.member_id} is revoked; issue a new one.")
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    qr = add("qr", cmd_issue, "membership and voucher QR codes: issue, verify, revoke")
    qr_sub = qr.add_subparsers(dest="qr_command", parser_class=type(qr), required=True)

    def add_qr(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = qr_sub.add_parser(name, help=help_, description=help_, parents=[add.common])  # type: ignore[attr-defined]
        p.set_defaults(func=func)
        return p

    p = add_qr("issue", cmd_issue, "a rider's membership QR code as an image")
    p.add_argument("member_id")
    p.add_argument("--png", required=True, help="where to write the PNG")
    p.add_argument("--json", action="store_true")
    p = add_qr("verify", cmd_verify, "what a payload says and whether it is valid (exit 0 only if valid)")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p = add_qr("revoke", cmd_revoke, "cancel a rider's lost card: every code issued so far stops working")
    p.add_argument("member_id")
    p.add_argument("--reason", default="lost card")
