"""Command-line front. Every command is a thin shell over `analysis`, `ingest` and `actions`."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

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
    p.add_argument("--explain", action="store_true",
                   help="also say what each result means and what BounceDesk would do (default settings)")
    p.add_argument("--lang", choices=("en", "de"), default="en", help="language of --explain (default en)")
    p.set_defaults(func=cmd_parse)

    # --- further commands register below ---
    from bouncedesk.cli.store import add_store_commands  # argparse only; handlers import lazily

    add_store_commands(sub)
    from bouncedesk.cli.mail import add_mail_commands  # argparse only; handlers import lazily

    add_mail_commands(sub)
    from bouncedesk.cli.actions import add_action_commands  # argparse only; handlers import lazily

    add_action_commands(sub)
    from bouncedesk.cli.corrections import add_correction_commands  # argparse only; handlers import lazily

    add_correction_commands(sub)
    return ap


def cmd_parse(args: argparse.Namespace) -> int:
    from bouncedesk.intake.analysis import rows_for_messages
    from bouncedesk.intake.sources import iter_paths

    out = sys.stdout
    if not args.json:
        out.write(f"{'source':40.40} {'#':>2} {'kind':11} {'recipient':32.32} {'code':7} {'reason':15} hard\n")
    for rows in rows_for_messages(iter_paths(args.paths), jobs=args.jobs):
        for row in rows:
            story = _story(row, args.lang) if args.explain else None
            if args.json:
                out.write(json.dumps({**row, **story} if story else row, ensure_ascii=False) + "\n")
            else:
                out.write(_table_line(row))
                if story:
                    out.write("".join(f"    {story[k]}\n" for k in ("headline", "explanation", "next") if story[k]))
    out.flush()
    return 0


def _story(row: dict, lang: str) -> dict | None:
    """headline / explanation / next for a parsed result (policy.story, default settings, no recipient)."""
    if row["kind"] not in ("bounce", "delay", "complaint", "auto-reply", "delivered"):
        return None  # "none" / "unparseable": nothing to tell
    import time

    from bouncedesk.policy.story import tell_result

    return tell_result(row["kind"], row["status"], row["reason"], row["hard"], None, int(time.time()), lang,
                       side=row["side"], action_hint=row["action_hint"]).as_dict()  # fmt: skip


def _table_line(row: dict) -> str:
    # Streamed (a million messages print as they are read), so the widths are fixed: a longer
    # recipient loses its middle to "…" rather than its end (see `elide`).
    src = shown(row["source"])
    src = src if text_width(src) <= 40 else "…" + src[-39:]
    detail = shown(row.get("reason") or elide(row.get("error") or "", 60))
    return (f"{pad(src, 40)} {row['index']:>2} {row['kind']:11} {pad(elide(shown(row['recipient'] or '-'), 32), 32)} "
            f"{shown(row['status'] or '-'):7} {detail:15} {'yes' if row.get('hard') else 'no'}\n")


# --- tables -----------------------------------------------------------------------------------
# Every table the CLI prints goes through these: a cell is never cut silently (an address cut
# at its end looks like another address), and a stranger's text cannot move the cursor.

ELLIPSIS = "…"
MAX_CELL = 64  # widest a column grows; a longer cell loses its middle to "…" (--json stays whole)
_HIDDEN = {"Cc", "Cf", "Zl", "Zp"}  # controls, bidi overrides and line separators: shown as "�"


def shown(value: object) -> str:
    """A cell as one line of plain text; control and format characters become "�"."""
    import unicodedata

    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    return "".join(ch if ch == " " or unicodedata.category(ch) not in _HIDDEN else "\ufffd" for ch in text)


def _char_width(ch: str) -> int:
    import unicodedata

    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Terminal columns `text` takes (wide East Asian characters count two)."""
    return len(text) if text.isascii() else sum(_char_width(ch) for ch in text)


def pad(text: str, width: int, align: str = "<") -> str:
    """`text` padded with blanks to `width` columns (never cut: see `elide`)."""
    fill = " " * max(0, width - text_width(text))
    return fill + text if align == ">" else text + fill


def elide(text: str, width: int) -> str:
    """`text` in at most `width` columns. A longer one loses its middle to "…", so the cut is plain
    to see and an address keeps both its start and its domain."""
    if text_width(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    tail_room = (width - 1) // 2
    head_room = width - 1 - tail_room
    head, used = [], 0
    for ch in text:
        used += _char_width(ch)
        if used > head_room:
            break
        head.append(ch)
    tail, used = [], 0
    for ch in reversed(text):
        used += _char_width(ch)
        if used > tail_room:
            break
        tail.append(ch)
    return "".join(head) + ELLIPSIS + "".join(reversed(tail))


def format_table(titles: Sequence[str], rows: Sequence[Sequence[object]], *, right: Sequence[int] = (),
                 max_width: int = MAX_CELL) -> list[str]:  # fmt: skip
    """The lines of an aligned table, title line first.

    Each column is as wide as its widest cell, up to `max_width`; a longer cell is elided in the
    middle. The last column is neither padded nor cut. `right` holds the columns aligned right.
    """
    cells = [[shown(c) for c in titles]] + [[shown(c) for c in row] for row in rows]
    last = len(titles) - 1
    widths = [max(text_width(r[i]) for r in cells) for i in range(last)]
    widths = [min(w, max(max_width, text_width(cells[0][i]))) for i, w in enumerate(widths)]
    lines = []
    for r in cells:
        parts = [pad(elide(r[i], widths[i]), widths[i], ">" if i in right else "<") for i in range(last)]
        lines.append(" ".join([*parts, r[last]]).rstrip())
    return lines


def _store_file(args: argparse.Namespace) -> str | None:
    """The store file a command works on (without creating anything), for error messages."""
    if args.command in (None, "parse"):
        return None
    from bouncedesk.config import STORE_FILE, data_dir_path

    return str(data_dir_path(getattr(args, "data_dir", None)) / STORE_FILE)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
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
