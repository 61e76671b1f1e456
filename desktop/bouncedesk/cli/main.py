"""The command line's front: the parser of every command group, and one line per expected fault.

Every command is a thin shell over the use cases the GUI calls too (`intake`, `act`, `lists`)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from bouncedesk import __version__
from bouncedesk.cli import actions, corrections, mail, mailings, parse, providers, recovery, search, store
from bouncedesk.errors import BounceDeskError, system_fault


class _Parser(argparse.ArgumentParser):
    """Usage mistakes get one line and exit 2, like every other expected fault."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="bouncedesk", description="Find out which e-mails bounced, why, and act.")
    ap.add_argument("--version", action="version", version=f"bouncedesk {__version__}")
    ap.add_argument("--data-dir", help="folder of the local store (default: the platform's data folder)")
    ap.add_argument("--demo", action="store_true", help="open the app on a fresh store of bundled demo data")
    ap.add_argument("--self-test", action="store_true", help="open every view on demo data, act, and exit")
    ap.add_argument("--screenshots", metavar="DIR", help="with --self-test: write one PNG per view here")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    # Each group's module only declares its arguments; its handlers import what they need when run.
    for add_commands in (
        parse.add_parse_command, store.add_store_commands, mail.add_mail_commands,
        actions.add_action_commands, corrections.add_correction_commands, recovery.add_recovery_commands,
        mailings.add_mailing_commands, providers.add_provider_commands, search.add_search_commands,
    ):  # fmt: skip
        add_commands(sub)
    return ap


def _store_file(args: argparse.Namespace) -> str | None:
    """The store file a command works on (without creating anything), for error messages."""
    if args.command in (None, "parse"):
        return None
    from bouncedesk.config import STORE_FILE, data_dir_path

    return str(data_dir_path(getattr(args, "data_dir", None)) / STORE_FILE)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None and args.self_test:
            from bouncedesk.ui.selftest import run_self_test  # Qt only when a window is wanted

            return run_self_test(args)
        if args.command is None:
            from bouncedesk.ui.app import run_gui

            return run_gui(args)
        if getattr(args, "data_dir", None):
            from bouncedesk.classify.rules import USER_RULES_FILE, set_user_rules_path

            previous = set_user_rules_path(Path(args.data_dir) / USER_RULES_FILE)  # the user's rules of that folder
            try:
                return args.func(args)
            finally:
                set_user_rules_path(previous)
        return args.func(args)
    except BounceDeskError as exc:
        print(f"bouncedesk: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except (sqlite3.Error, OSError) as exc:
        # A full disk, a read-only folder or a damaged store met outside a transaction (a read,
        # an output file): one line, like every expected fault. Anything else stays loud.
        err = system_fault(exc, _store_file(args))
        if err is None:
            raise
        print(f"bouncedesk: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
