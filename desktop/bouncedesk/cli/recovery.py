"""`bouncedesk recoveries`: which recipients a reply or a delivery report made active again, when and why."""

from __future__ import annotations

import argparse
import json
import sys
import time


def add_recovery_commands(sub) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the local store")
    p = sub.add_parser(
        "recoveries",
        parents=[common],
        help="recipients a reply or a delivery report made active again (undo: bouncedesk undo ADDRESS)",
    )
    p.add_argument("address", nargs="?", metavar="ADDRESS", help="only this address")
    p.add_argument("--limit", type=int, default=100, help="at most this many (newest first)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument(
        "--lang", choices=("en", "de"), default="en", help="language of the explanations (default en)"
    )
    p.set_defaults(func=cmd_recoveries)


def cmd_recoveries(args: argparse.Namespace) -> int:
    from bouncedesk.config import data_dir
    from bouncedesk.policy.story import recovery_text
    from bouncedesk.store import iso, open_store
    from bouncedesk.store.recipients import normalize_email
    from bouncedesk.store.recovery import list_recoveries

    email = normalize_email(args.address) if args.address else None
    conn = open_store(data_dir(getattr(args, "data_dir", None)))
    try:
        found = list_recoveries(conn, email, args.limit)
    finally:
        conn.close()
    now = int(time.time())
    out = sys.stdout
    for r in found:
        if args.json:
            out.write(json.dumps({"recipient": r.email, "at": iso(r.at), "why": r.why, "state": r.state,
                                  "undone": r.undone}) + "\n")  # fmt: skip
        else:
            mark = " (undone)" if r.undone else ""
            out.write(f"{r.email}  [{r.state}]{mark}\n  {recovery_text(r.at, r.why, now, args.lang)}\n")
    if not found and not args.json:
        out.write(f"no recoveries{' of ' + email if email else ''} in the store\n")
    return 0
