"""Command-line front. Every command is a thin shell over `analysis`, `ingest` and `actions`."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence

from bouncedesk import __version__
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

    p = sub.add_parser("parse", help="parse bounce messages and print what they say")
    p.add_argument("paths", nargs="+", metavar="PATH", help="message file, mbox, maildir or directory")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="parser processes (default: one per CPU core for large inputs)")
    p.set_defaults(func=cmd_parse)

    # --- further commands register below ---
    from bouncedesk.cli_store import add_store_commands  # argparse only; handlers import lazily

    add_store_commands(sub)
    from bouncedesk.cli_mail import add_mail_commands  # argparse only; handlers import lazily

    add_mail_commands(sub)
    from bouncedesk.cli_actions import add_action_commands  # argparse only; handlers import lazily

    add_action_commands(sub)
    return ap


def cmd_parse(args: argparse.Namespace) -> int:
    from bouncedesk.analysis import rows_for_messages
    from bouncedesk.sources import iter_paths

    out = sys.stdout
    if not args.json:
        out.write(f"{'source':40.40} {'#':>2} {'kind':11} {'recipient':32.32} {'code':7} {'reason':15} hard\n")
    for rows in rows_for_messages(iter_paths(args.paths), jobs=args.jobs):
        for row in rows:
            if args.json:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                out.write(_table_line(row))
    out.flush()
    return 0


def _table_line(row: dict) -> str:
    src = row["source"] if len(row["source"]) <= 40 else "…" + row["source"][-39:]
    detail = row.get("reason") or row.get("error", "")[:40]
    return (f"{src:40.40} {row['index']:>2} {row['kind']:11} {row['recipient'] or '-':32.32} "
            f"{row['status'] or '-':7} {detail:15} {'yes' if row.get('hard') else 'no'}\n")


def _store_file(args: argparse.Namespace) -> str | None:
    """The store file a command works on (without creating anything), for error messages."""
    if args.command in (None, "parse"):
        return None
    import os

    from bouncedesk.config import HOME_ENV

    chosen = getattr(args, "data_dir", None) or os.environ.get(HOME_ENV)
    if not chosen:
        import platformdirs

        from bouncedesk.config import APP_NAME

        chosen = platformdirs.user_data_dir(APP_NAME, appauthor=False)
    return os.path.join(chosen, "bouncedesk.sqlite3")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            from bouncedesk.ui.app import run_gui

            return run_gui(args)
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
