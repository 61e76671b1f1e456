"""`bouncedesk parse`: read bounce messages and print what they say, without a store."""

from __future__ import annotations

import argparse
import json
import sys

from bouncedesk.cli.common import elide, pad, shown, text_width


def add_parse_command(sub) -> None:
    p = sub.add_parser("parse", help="parse bounce messages and print what they say")
    p.add_argument("paths", nargs="+", metavar="PATH", help="message file, mbox, maildir or directory")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--jobs", type=int, default=0, metavar="N",
                   help="parser processes (default: one per CPU core for large inputs)")
    p.add_argument("--explain", action="store_true",
                   help="also say what each result means and what BounceDesk would do (default settings)")
    p.add_argument("--lang", choices=("en", "de"), default="en", help="language of --explain (default en)")
    p.set_defaults(func=cmd_parse)


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
