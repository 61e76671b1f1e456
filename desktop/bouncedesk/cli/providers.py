"""`bouncedesk providers` and `bouncedesk providers show NAME`: provider health (store.providers).

Per receiving provider: recipients sent, bounces (hard, soft, sender-side), the bounce rate and
complaints; for one provider the named sender-side problems with the fix and the delisting page.
The server's words are printed as plain one-line text (cli.shown).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from bouncedesk.cli.common import format_table, open_store_of, rate_text, shown

DEFAULT_DAYS = 30


def add_provider_commands(sub) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the local store")
    common.add_argument("--days", type=int, default=argparse.SUPPRESS, metavar="N",
                        help=f"the last N days (default {DEFAULT_DAYS})")  # fmt: skip
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="JSON instead of a table"
    )

    p = sub.add_parser("providers", parents=[common],
                       help="provider health: sent, bounced, bounce rate and sender-side problems per provider")  # fmt: skip
    p.set_defaults(func=cmd_providers)
    psub = p.add_subparsers(dest="providers_command", metavar="COMMAND")
    q = psub.add_parser(
        "show", parents=[common], help="one provider: rate per day and the named problems with the fix"
    )
    q.add_argument(
        "name", metavar="NAME", help="a provider: gmail, microsoft, yahoo, apple, gmx, tonline, others"
    )
    q.add_argument(
        "--lang", choices=("en", "de"), default="en", help="language of names and fixes (default en)"
    )
    q.set_defaults(func=cmd_provider_show)


def _days(args: argparse.Namespace) -> int:
    from bouncedesk.errors import InputError

    days = getattr(args, "days", DEFAULT_DAYS)
    if days < 1:
        raise InputError("--days must be 1 or more")
    return days


def _day(at: int | None) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(at)) if at is not None else "-"


def cmd_providers(args: argparse.Namespace) -> int:
    from bouncedesk.store.providers import overview

    days = _days(args)
    conn = open_store_of(args)
    try:
        rows = overview(conn, int(time.time()), days)
    finally:
        conn.close()
    if getattr(args, "json", False):
        print(json.dumps({"days": days, "providers": [r.as_dict() for r in rows]}, ensure_ascii=False))
        return 0
    if not rows:
        print(f"no sent mail or bounces in the last {days} days")
        return 0
    table = [(r.title, r.sent, r.bounces, rate_text(r.rate), r.hard, r.soft, r.sender_side, r.complaints, r.problems)
             for r in rows]  # fmt: skip
    titles = ("provider", "sent", "bounced", "rate", "hard", "soft", "sender-side", "complaints", "problems")
    sys.stdout.write("".join(line + "\n" for line in format_table(titles, table, right=tuple(range(1, 9)))))
    return 0


def cmd_provider_show(args: argparse.Namespace) -> int:
    from bouncedesk.errors import InputError
    from bouncedesk.store.providers import detail, find_provider, provider_titles

    days = _days(args)
    conn = open_store_of(args)
    try:
        key = find_provider(conn, args.name)
        if key is None:
            raise InputError(f"no provider {args.name!r}; known: {', '.join(provider_titles(conn))}")
        d = detail(conn, key, int(time.time()), days, args.lang)
    finally:
        conn.close()
    if getattr(args, "json", False):
        print(json.dumps({"days": days, **d.health.as_dict(), "by": d.by,
                          "series": [{"start": s, "sent": n, "bounces": b} for s, n, b in d.series],
                          "problems": [p.as_dict() for p in d.problems]}, ensure_ascii=False))  # fmt: skip
        return 0
    h = d.health
    print(f"{h.title}, last {days} days: {h.sent} sent, {h.bounces} bounced ({rate_text(h.rate)}): "
          f"{h.hard} hard, {h.soft} soft, {h.sender_side} sender-side; {h.complaints} complaints")  # fmt: skip
    if not d.problems:
        print("no sender-side problems")
        return 0
    for p in d.problems:
        print()
        print(f"{shown(p.name)}: {p.count} ({_day(p.first_at)} to {_day(p.last_at)})")
        print(f"  fix: {shown(p.fix)}")
        if p.page:
            print(f"  page: {shown(p.page)}" + (f" ({shown(p.url)})" if p.url else ""))
        for words in p.examples:
            print(f"  server said: {shown(words)}")
    return 0
