"""What the ``kiosk`` and ``kiosk-hub`` commands share: one-line errors, argument types, output."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from kiosk.base.errors import KioskError


class UsageError(Exception):
    pass


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage mistake as one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see --help)")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be 1 or more")
    return value


def non_negative_int(text: str) -> int:
    return 0 if text.strip() == "0" else positive_int(text)


def emit(data: Any, as_json: bool, text: Callable[[Any], str]) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2) if as_json else text(data))


class Commands:
    """Subcommands that share common options (``parents``): ``add(name, func, help)`` one of them."""

    def __init__(self, parser: argparse.ArgumentParser, common: argparse.ArgumentParser, dest: str = "command",
                 required: bool = False) -> None:
        self.common = common
        self.sub = parser.add_subparsers(dest=dest, parser_class=OneLineParser, required=required)

    def add(self, name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = self.sub.add_parser(name, help=help_, description=help_, parents=[self.common])
        p.set_defaults(func=func)
        return p

    def group(self, name: str, func: Callable[[argparse.Namespace], int], help_: str) -> Commands:
        """A command with subcommands of its own (``kiosk qr issue``)."""
        return Commands(self.add(name, func, help_), self.common, dest=f"{name}_command", required=True)


def run_cli(prog: str, parser: argparse.ArgumentParser, argv: Sequence[str] | None,
            default_command: Sequence[str] = (), **defaults: Any) -> int:
    """Parse, run, and turn refusals into one line on stderr: 2 for usage, 1 for a refusal."""
    try:
        args = parser.parse_args(argv)
        if getattr(args, "command", None) is None and default_command:
            args = parser.parse_args([*default_command, *(sys.argv[1:] if argv is None else argv)])
        for key, value in defaults.items():
            setattr(args, key, getattr(args, key, value))
        return int(args.func(args))
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KioskError as exc:
        print(f"{prog}: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`kiosk members | head`): stop quietly, as Unix tools do. Point stdout at
        # /dev/null so the interpreter's own flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
