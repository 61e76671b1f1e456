"""Store commands of the CLI: import, reparse, recipients, retries, export, scrub, check, doctor.

Registered by cli.main.build_parser; everything heavy is imported inside the handlers so
`bouncedesk parse` starts as fast as before.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from bouncedesk.cli.common import print_table
from bouncedesk.clock import wall_clock

EXPORTS = ("suppressions", "inactive", "retries", "bounces")
# bouncedesk.lists.listformats.KEYS, spelled out so the parser needs no import
LIST_FORMATS = ("mailchimp", "brevo", "sendy", "listmonk", "mailjet", "ses", "plain")



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
    p.add_argument("--format", choices=("csv", "json", *LIST_FORMATS), default="csv",
                   help="csv or json (every column), or a mailing tool's own suppression list (suppressions and "
                        "inactive only): " + ", ".join(LIST_FORMATS))  # fmt: skip
    p.add_argument("--include-inactive", action="store_true",
                   help="with a tool's format: add the inactive addresses to the suppressions")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="output file ('-' for standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("suppressions", parents=[common], help="import a suppression list from a mailing tool")
    ssub = p.add_subparsers(dest="suppressions_command", metavar="COMMAND", required=True)
    q = ssub.add_parser("import", parents=[common],
                        help="suppress every blocked address of a list exported from " + ", ".join(LIST_FORMATS))
    q.add_argument("file", metavar="FILE")
    q.add_argument("--format", choices=("auto", *LIST_FORMATS), default="auto",
                   help="the tool the file comes from (default: found from its columns)")
    q.add_argument("--dry-run", action="store_true", help="only say what would be suppressed")
    q.add_argument("--json", action="store_true", help="print the report as JSON")
    q.set_defaults(func=cmd_suppressions_import)

    p = sub.add_parser("scrub", parents=[common], help="drop suppressed, inactive and paused addresses from a CSV list")
    p.add_argument("list", metavar="LIST.csv")
    p.add_argument("-o", "--output", required=True, metavar="CLEAN.csv")
    p.add_argument("--column", help="name of the e-mail column (default: found automatically)")
    p.add_argument("--quiet", action="store_true", help="print only the summary, not each dropped address")
    p.set_defaults(func=cmd_scrub)

    p = sub.add_parser("check", parents=[common],
                       help="check a CSV list before sending: per provider, suppressed, bounced, role, invalid, "
                            "typo and duplicate addresses")  # fmt: skip
    p.add_argument("list", metavar="LIST.csv")
    p.add_argument("-o", "--output", metavar="CLEAN.csv",
                   help="write the cleaned list: without suppressed, inactive and paused addresses and repeats")
    p.add_argument("--drop-invalid", action="store_true",
                   help="leave invalid addresses and likely typos out of the cleaned list as well")
    p.add_argument("--column", help="name of the e-mail column (default: found automatically)")
    p.add_argument("--report", metavar="FINDINGS.csv", help="write every finding (row, address, why) as CSV")
    p.add_argument("--json", action="store_true", help="print the whole report as JSON")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("doctor", parents=[common], help="check the store for damage; --repair recovers a damaged one")
    p.add_argument("--repair", action="store_true",
                   help="back up a damaged store next to it and rebuild it from every readable row "
                        "(close BounceDesk first)")  # fmt: skip
    p.set_defaults(func=cmd_doctor)


def _open(args: argparse.Namespace):
    from bouncedesk.store import open_store

    return open_store(getattr(args, "data_dir", None))


def cmd_import(args: argparse.Namespace) -> int:
    from bouncedesk.act.review import recheck_pending, review_notice
    from bouncedesk.errors import InputError
    from bouncedesk.intake.ingest import import_paths, import_sent_paths

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
        now = wall_clock()
        last_id = _last_message_id(conn)
        counts = import_paths(conn, args.paths, now, batch_size=args.batch_size, progress=progress)
        unreadable = _unparseable_since(conn, last_id, now) if counts.unparseable else []
        verified_later = recheck_pending(conn, wall_clock()) if sent else 0
        notice = review_notice(conn) if counts.review else ""
    finally:
        conn.close()
        if progress:
            sys.stderr.write("\r\033[K")
    shown = {**counts.as_dict(), "sent": sent, "verified_later": verified_later}
    if args.json:
        shown["unparseable_files"] = [{"source": src, "error": err} for src, err in unreadable]
    _print_counts(shown, ("messages", "new", "duplicates", "bounces", "unparseable", "review", "sent"), args.json)
    if unreadable and not args.json:
        _print_unparseable(unreadable)
    if counts.recovered and not args.json:
        print(f"{counts.recovered} recipient{'s' * (counts.recovered != 1)} active again after a reply to your mail:"
              " see 'bouncedesk recoveries'", file=sys.stderr)
    if counts.review and not args.json:
        print(f"{counts.review} bounce{'s' * (counts.review != 1)} not tied to mail you sent: see 'bouncedesk review'",
              file=sys.stderr)
        if notice:
            print(notice, file=sys.stderr)
    return 0


UNPARSEABLE_SHOWN = 20  # files listed by name after an import; the rest are counted


def _last_message_id(conn) -> int:
    return conn.execute("SELECT coalesce(max(id), 0) FROM messages").fetchone()[0]


def _unparseable_since(conn, last_id: int, now: int) -> list[tuple[str, str]]:
    """(source, reason) of each message this import stored as unparseable, in import order.

    Message ids only grow, so the rows after `last_id` stamped with this import's `now` are this
    import's own (not a concurrent sync's)."""
    rows = conn.execute(
        "SELECT source_key, error FROM messages WHERE id > ? AND received_at = ? AND outcome = 'unparseable'"
        " ORDER BY id", (last_id, now)).fetchall()  # fmt: skip
    return [(key.removeprefix("file:"), error or "unknown reason") for key, error in rows]


def _print_unparseable(unreadable: list[tuple[str, str]]) -> None:
    """Which files were not mail (or not readable) and why, on stderr; a long list is cut and counted."""
    from bouncedesk.cli.common import shown

    n = len(unreadable)
    print(f"{n} unparseable message{'s' * (n != 1)} (kept in the store; 'bouncedesk reparse' reads them again):",
          file=sys.stderr)
    for src, error in unreadable[:UNPARSEABLE_SHOWN]:
        print(f"  {shown(src)}: {shown(error)}", file=sys.stderr)
    if n > UNPARSEABLE_SHOWN:
        print(f"  ... and {n - UNPARSEABLE_SHOWN} more (all of them: bouncedesk import --json)", file=sys.stderr)


def cmd_reparse(args: argparse.Namespace) -> int:
    from bouncedesk.intake.reparse import reparse_all

    conn = _open(args)
    try:
        counts = reparse_all(conn, wall_clock())
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

    now = wall_clock()
    conn = _open(args)
    try:
        recs = list_recipients(conn, now, state=args.state, segment=args.segment, search=args.search, limit=args.limit)
    finally:
        conn.close()
    out = sys.stdout
    table = []
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
            table.append((r.email, r.state, r.bounces, row["status"] or "-", row["reason"] or "-",
                          row["last_seen"] or "-", row["next_retry"] or "-"))  # fmt: skip
    if not args.json:
        print_table(("recipient", "state", "bounces", "status", "reason", "last seen", "next retry"), table,
                     right=(2,), empty=_nothing_found("recipients", args))  # fmt: skip
    return 0


def _nothing_found(what: str, args: argparse.Namespace) -> str:
    given = [f"{k} {v}" for k in ("state", "segment", "search") if (v := getattr(args, k, None))]
    return f"no {what}" + (f" ({', '.join(given)})" if given else " in the store")


def cmd_retries(args: argparse.Namespace) -> int:
    from bouncedesk.store import pending_retries

    now = wall_clock()
    conn = _open(args)
    try:
        rows = pending_retries(conn, now, due_only=args.due, limit=args.limit)
    finally:
        conn.close()
    out = sys.stdout
    table = []
    for p in rows:
        d = p.as_dict()
        if args.json:
            out.write(json.dumps(d) + "\n")
        else:
            table.append((p.email, p.status or "-", p.reason or "-", f"{p.attempt}/{p.max_attempts}", d["due"]))
    if not args.json:
        print_table(("recipient", "status", "reason", "attempt", "due"), table,
                     empty="no retries due now" if args.due else "no retries scheduled")  # fmt: skip
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from bouncedesk.lists.exports import write_export

    conn = _open(args)
    try:
        n = write_export(conn, args.what, args.format, args.output, wall_clock(), include_inactive=args.include_inactive)
    finally:
        conn.close()
    if args.output != "-":
        print(f"wrote {n} {args.what} rows to {args.output}")
    return 0


def cmd_suppressions_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from bouncedesk.act.actions import open_actions
    from bouncedesk.cli.common import shown
    from bouncedesk.lists.listformats import read_file, suppress_entries

    fmt, entries = read_file(args.file, args.format)
    acts = open_actions(getattr(args, "data_dir", None), with_sent_folder=False)
    try:
        tool = Path(args.file).name if fmt.key == "plain" else fmt.name
        report = suppress_entries(acts, entries, wall_clock(), tool, dry_run=args.dry_run)
    finally:
        acts.close()
    if args.json:
        print(json.dumps({"format": fmt.key, "dry_run": report.dry_run, "suppressed": report.suppressed,
                          "already_suppressed": report.already, "invalid": report.invalid,
                          "not_blocked": report.not_blocked, "duplicates": report.duplicates,
                          "errors": [{"address": a, "error": e} for a, e in report.errors]}, ensure_ascii=False))
        return 0
    for bad in report.invalid:
        print(f"invalid: {shown(bad)}")
    for address, error in report.errors:
        print(f"not done: {shown(address)}: {shown(error)}")
    print(report.summary()[0].upper() + report.summary()[1:])
    if report.suppressed and not report.dry_run:
        print("each one is undoable: bouncedesk undo ADDRESS")
    return 0


def cmd_scrub(args: argparse.Namespace) -> int:
    from bouncedesk.lists.exports import scrub_csv

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


CHECK_TITLES = {
    "suppressed": "suppressed", "inactive": "inactive", "paused": "paused", "retrying": "retrying",
    "recently_bounced": "bounced", "role": "role", "invalid": "invalid", "typo": "typo", "duplicate": "repeat",
}  # fmt: skip


def cmd_check(args: argparse.Namespace) -> int:
    from bouncedesk.cli.common import shown
    from bouncedesk.lists.listcheck import CATEGORIES, check_list, write_findings

    conn = _open(args)
    try:
        report = check_list(conn, args.list, args.output, now=wall_clock(), column=args.column,
                            drop_invalid=args.drop_invalid)  # fmt: skip
    finally:
        conn.close()
    if args.report:
        write_findings(report, args.report)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0
    rows = [(report.titles[k], c["addresses"], *(c[cat] for cat in CATEGORIES)) for k, c in report.providers.items()]
    rows.append(("total", report.addresses, *(report.total(cat) for cat in CATEGORIES)))
    print_table(("provider", "addresses", *(CHECK_TITLES[c] for c in CATEGORIES)), rows,
                 right=tuple(range(1, 2 + len(CATEGORIES))))  # fmt: skip
    shown_kinds = ("invalid", "typo")
    for f in report.findings:
        if f.category in shown_kinds:
            hint = f"did you mean @{f.detail}?" if f.category == "typo" else f.detail
            print(f"row {f.row}: {shown(f.email)}: {f.category} ({hint})")
    line = f"{report.rows} rows, {report.addresses} addresses; e-mail column {shown(report.column)!r}"
    if report.no_address:
        line += f"; {report.no_address} rows without an address"
    print(line)
    if args.output:
        print(f"wrote {report.kept} of {report.rows} rows to {args.output} (left out {report.dropped})")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """0: healthy or repaired; 2: damaged and not repaired (or the repair failed)."""
    from bouncedesk import config
    from bouncedesk.errors import DamagedStoreError
    from bouncedesk.store.db import check_store, recover_store

    path = config.data_dir_path(getattr(args, "data_dir", None)) / config.STORE_FILE  # nothing created
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
