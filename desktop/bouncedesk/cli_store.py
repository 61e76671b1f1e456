"""Store commands of the CLI: import, reparse, recipients, retries, export, scrub, doctor.

Registered by cli.build_parser; everything heavy is imported inside the handlers so
`bouncedesk parse` starts as fast as before.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

EXPORTS = ("suppressions", "inactive", "retries", "bounces")


def _now() -> int:
    return int(time.time())


def add_store_commands(sub) -> None:
    """Add the store commands to the CLI's subparsers."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: without the option here, the top-level --data-dir (or none) stands.
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the local store")

    p = sub.add_parser("import", parents=[common], help="import bounce messages into the store")
    p.add_argument("paths", nargs="*", metavar="PATH", help="message file, mbox, maildir or directory")
    p.add_argument("--sent", action="append", default=[], metavar="PATH",
                   help="your sent mail (file, mbox, maildir; repeatable): bounces of these messages are verified")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.add_argument("--batch-size", type=int, default=500, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("reparse", parents=[common], help="re-run the parser over stored messages")
    p.add_argument("--json", action="store_true", help="print the counts as JSON")
    p.set_defaults(func=cmd_reparse)

    p = sub.add_parser("recipients", parents=[common], help="list recipients by state or segment")
    p.add_argument("--state", help="active, retrying, inactive, suppressed or paused")
    p.add_argument("--segment", metavar="NAME", help="e.g. frequent, temporarily-disabled, reason:mailboxfull, "
                   "status:4.2.1, domain:example.com, account:NAME")  # fmt: skip
    p.add_argument("--search", metavar="TEXT", help="part of the address")
    p.add_argument("--limit", type=int, help="at most this many rows")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_recipients)

    p = sub.add_parser("retries", parents=[common], help="list scheduled retries")
    p.add_argument("--due", action="store_true", help="only those due now")
    p.add_argument("--limit", type=int, help="at most this many rows")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_retries)

    p = sub.add_parser("export", parents=[common], help="write suppressions, inactive, retries or bounces to a file")
    p.add_argument("what", choices=EXPORTS)
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output file ('-' for standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("scrub", parents=[common], help="drop suppressed, inactive and paused addresses from a CSV list")
    p.add_argument("list", metavar="LIST.csv")
    p.add_argument("-o", "--output", required=True, metavar="CLEAN.csv")
    p.add_argument("--column", help="name of the e-mail column (default: found automatically)")
    p.add_argument("--quiet", action="store_true", help="print only the summary, not each dropped address")
    p.set_defaults(func=cmd_scrub)

    p = sub.add_parser("doctor", parents=[common], help="check the store for damage; --repair recovers a damaged one")
    p.add_argument("--repair", action="store_true",
                   help="back up a damaged store next to it and rebuild it from every readable row "
                        "(close BounceDesk first)")  # fmt: skip
    p.set_defaults(func=cmd_doctor)


def _open(args: argparse.Namespace):
    from bouncedesk.store import open_store

    return open_store(getattr(args, "data_dir", None))


def cmd_import(args: argparse.Namespace) -> int:
    from bouncedesk.errors import InputError
    from bouncedesk.ingest import import_paths, import_sent_paths
    from bouncedesk.review import recheck_pending, review_notice

    if args.batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    progress = None
    if sys.stderr.isatty():

        def progress(c) -> None:
            sys.stderr.write(f"\r{c.messages} messages read, {c.new} new ...")
            sys.stderr.flush()

    if not args.paths and not args.sent:
        raise InputError("nothing to import: name bounce files (PATH) or your sent mail (--sent PATH)")
    conn = _open(args)
    try:
        sent = import_sent_paths(conn, args.sent) if args.sent else 0
        counts = import_paths(conn, args.paths, _now(), batch_size=args.batch_size, progress=progress)
        verified_later = recheck_pending(conn, _now()) if sent else 0
        notice = review_notice(conn) if counts.review else ""
    finally:
        conn.close()
        if progress:
            sys.stderr.write("\r\033[K")
    shown = {**counts.as_dict(), "sent": sent, "verified_later": verified_later}
    _print_counts(shown, ("messages", "new", "duplicates", "bounces", "unparseable", "review", "sent"), args.json)
    if counts.review and not args.json:
        print(f"{counts.review} bounce{'s' * (counts.review != 1)} not tied to mail you sent: see 'bouncedesk review'",
              file=sys.stderr)
        if notice:
            print(notice, file=sys.stderr)
    return 0


def cmd_reparse(args: argparse.Namespace) -> int:
    from bouncedesk.reparse import reparse_all

    conn = _open(args)
    try:
        counts = reparse_all(conn, _now())
    finally:
        conn.close()
    _print_counts(counts.as_dict(), ("messages", "changed", "results_before", "results_after", "recipients"), args.json)
    return 0


def _print_counts(d: dict, keys: tuple[str, ...], as_json: bool) -> None:
    if as_json:
        print(json.dumps(d))
        return
    width = max(len(k) for k in keys)
    for k in keys:
        print(f"{k.replace('_', ' '):{width}}  {d[k]:>8}")


def cmd_recipients(args: argparse.Namespace) -> int:
    from bouncedesk.store import iso, list_recipients

    now = _now()
    conn = _open(args)
    try:
        recs = list_recipients(conn, now, state=args.state, segment=args.segment, search=args.search, limit=args.limit)
    finally:
        conn.close()
    out = sys.stdout
    if not args.json:
        out.write(f"{'recipient':40} {'state':10} {'bounces':>7} {'status':7} {'reason':15} {'last seen':20} next retry\n")
    for r in recs:
        row = {
            "recipient": r.email, "state": r.state, "why": r.policy.reason, "bounces": r.bounces,
            "hard_bounces": r.hard_bounces, "complaints": r.complaints, "status": r.last_status or "",
            "reason": r.last_reason or "", "last_seen": iso(r.last_seen_at), "next_retry": iso(r.policy.next_retry_at),
            "attempts": r.policy.attempts, "frequent_until": iso(r.frequent_until),
        }  # fmt: skip
        if args.json:
            out.write(json.dumps(row) + "\n")
        else:
            out.write(
                f"{r.email:40.40} {r.state:10} {r.bounces:>7} {row['status'] or '-':7} {row['reason'] or '-':15.15} "
                f"{row['last_seen'] or '-':20} {row['next_retry'] or '-'}\n"
            )
    return 0


def cmd_retries(args: argparse.Namespace) -> int:
    from bouncedesk.store import pending_retries

    now = _now()
    conn = _open(args)
    try:
        rows = pending_retries(conn, now, due_only=args.due, limit=args.limit)
    finally:
        conn.close()
    out = sys.stdout
    if not args.json:
        out.write(f"{'recipient':40} {'status':7} {'reason':15} {'attempt':7} due\n")
    for p in rows:
        d = p.as_dict()
        if args.json:
            out.write(json.dumps(d) + "\n")
        else:
            out.write(
                f"{p.email:40.40} {p.status or '-':7} {p.reason or '-':15.15} "
                f"{f'{p.attempt}/{p.max_attempts}':7} {d['due']}\n"
            )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from bouncedesk.exports import write_export

    conn = _open(args)
    try:
        n = write_export(conn, args.what, args.format, args.output, _now())
    finally:
        conn.close()
    if args.output != "-":
        print(f"wrote {n} {args.what} rows to {args.output}")
    return 0


def cmd_scrub(args: argparse.Namespace) -> int:
    from bouncedesk.exports import scrub_csv

    conn = _open(args)
    try:
        report = scrub_csv(conn, args.list, args.output, column=args.column)
    finally:
        conn.close()
    if not args.quiet:
        for email, state, why in report.dropped:
            print(f"dropped {email}: {state}" + (f" ({why})" if why else ""))
    by_state = ", ".join(f"{n} {s}" for s, n in sorted(report.by_state.items())) or "none"
    print(
        f"kept {report.kept} of {report.rows} rows, dropped {len(report.dropped)} ({by_state});"
        f" e-mail column {report.column!r}" + (f"; {report.no_address} rows without an address kept" if report.no_address else "")
    )  # fmt: skip
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """0: healthy or repaired; 2: damaged and not repaired (or the repair failed)."""
    from bouncedesk import config
    from bouncedesk.errors import DamagedStoreError
    from bouncedesk.store.db import check_store, recover_store

    path = config.store_path(getattr(args, "data_dir", None))
    problems = check_store(path)
    if not problems:
        print(f"the store {path} is healthy")
        return 0
    print(f"the store {path} is damaged:")
    for line in [p for p in problems if not p.startswith("*** in database")][:10]:
        print(f"  {line}")
    if not args.repair:
        raise DamagedStoreError(
            f"not repaired; run 'bouncedesk doctor --repair' to back up {path.name} and recover what can be read"
        )
    rec = recover_store(path, time.time())
    print(f"backed up the damaged file to {rec.backup}")
    width = max((len(t) for t in rec.copied), default=5)
    for table in sorted(rec.copied):
        lost = rec.lost.get(table, 0) + rec.dropped.get(table, 0)
        if not rec.copied[table] and not lost:
            continue
        print(f"  {table:{width}}  {rec.copied[table]:>8} rows recovered" + (f", {lost} lost" if lost else ""))
    for note in rec.notes:
        print(f"  note: {note}")
    print(f"recovered {rec.total_copied} rows into a fresh store at {path}; {rec.total_lost} rows or pages could not be read")
    return 0
