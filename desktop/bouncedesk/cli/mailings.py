"""`bouncedesk mailings` and `bouncedesk mailings show ID`: bounces and complaints per mailing
(see store.mailings for what a mailing is, policy.mailings for the alerts)."""

from __future__ import annotations

import argparse
import json
import sys
import time

from bouncedesk.cli.common import percent_text, print_table, shown

DAY = 86400


def add_mailing_commands(sub) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help="folder of the local store")
    common.add_argument("--json", action="store_true", help="one JSON object per line")
    p = sub.add_parser("mailings", parents=[common],
                       help="what you sent as one mailing: recipients, bounces, complaints, rates and alerts")  # fmt: skip
    p.add_argument(
        "--since", metavar="WHEN", help="only mailings from this date (YYYY-MM-DD) or the last N days (Nd)"
    )
    p.add_argument(
        "--all", action="store_true", help="also mailings to fewer than 5 recipients (single messages)"
    )
    p.add_argument(
        "--limit", type=int, default=100, metavar="N", help="at most N mailings, newest first (default 100)"
    )
    p.set_defaults(func=cmd_mailings)
    msub = p.add_subparsers(dest="mailings_command", metavar="COMMAND")
    q = msub.add_parser(
        "show", parents=[common], help="the recipients of one mailing that bounced or complained"
    )
    q.add_argument(
        "id", type=int, metavar="ID", help="a mailing's id (the first column of `bouncedesk mailings`)"
    )
    q.set_defaults(func=cmd_mailings_show)


def parse_since(text: str | None, now: int) -> int | None:
    """'2026-11-01' (UTC midnight) or '30d' (30 days before now) as epoch seconds; None for none."""
    from datetime import UTC, datetime

    from bouncedesk.errors import InputError

    if not text:
        return None
    t = text.strip().lower()
    if t.endswith("d") and t[:-1].isdigit():
        return now - int(t[:-1]) * DAY
    try:
        return int(datetime.strptime(t, "%Y-%m-%d").replace(tzinfo=UTC).timestamp())
    except ValueError as exc:
        raise InputError(
            f"--since takes a date like 2026-11-01 or a number of days like 30d, not {text!r}"
        ) from exc


def _open(args: argparse.Namespace):
    from bouncedesk.store import open_store
    from bouncedesk.store.mailings import bring_up_to_date
    from bouncedesk.store.settings import load_policy_settings

    conn = open_store(getattr(args, "data_dir", None))
    settings = load_policy_settings(conn)
    bring_up_to_date(conn, settings.mailing_window_hours)
    return conn, settings


def _rate(part: int, whole: int) -> float | None:
    from bouncedesk.policy.mailings import percent

    p = percent(part, whole)
    return None if p is None else round(p, 2)


def alert_words(alert, settings) -> str:
    """The alert as the table says it ('' when there is none)."""
    from bouncedesk.policy.mailings import BOUNCE_HIGH, BOUNCE_WARN

    words = []
    if alert.bounce == BOUNCE_HIGH:
        words.append(f"bounces >= {settings.mailing_high_percent:g} %")
    elif alert.bounce == BOUNCE_WARN:
        words.append(f"bounces >= {settings.mailing_warn_percent:g} %")
    if alert.complaints:
        words.append(f"complaints >= {settings.mailing_complaint_percent:g} %")
    return ", ".join(words)


def mailing_row(m, settings) -> dict:
    """A mailing as the JSON output names its fields."""
    from bouncedesk.policy.mailings import mailing_alert
    from bouncedesk.store import iso

    alert = mailing_alert(m.sent, m.bounced, m.complaints, settings)
    return {
        "id": m.id, "first_sent": iso(m.first_at), "last_sent": iso(m.last_at), "subject": m.subject,
        "sender": m.sender, "list_id": m.list_id, "messages": m.messages, "sent": m.sent, "hard": m.hard,
        "soft": m.soft, "sender_side": m.sender_side, "bounced": m.bounced, "bounce_rate": _rate(m.bounced, m.sent),
        "complaints": m.complaints, "complaint_rate": _rate(m.complaints, m.sent), "alert": alert.level,
        "alert_text": alert_words(alert, settings),
    }  # fmt: skip


def cmd_mailings(args: argparse.Namespace) -> int:
    from bouncedesk.store.mailings import MIN_LISTED, list_mailings

    conn, settings = _open(args)
    try:
        since = parse_since(args.since, int(time.time()))
        found = list_mailings(
            conn, since=since, min_sent=1 if args.all else MIN_LISTED, limit=max(1, args.limit)
        )
    finally:
        conn.close()
    rows = [mailing_row(m, settings) for m in found]
    if args.json:
        sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        return 0
    table = [
        (r["id"], (r["first_sent"] or "-")[:16].replace("T", " "), r["subject"] or "-", r["sender"] or "-", r["sent"],
         r["hard"], r["soft"], r["sender_side"], percent_text(r["bounce_rate"]),
         r["complaints"], r["alert_text"] or "-")
        for r in rows
    ]  # fmt: skip
    print_table(("id", "date (UTC)", "subject", "sender", "sent", "hard", "soft", "sender-side", "rate",
                  "complaints", "alert"), table, right=(0, 4, 5, 6, 7, 8, 9),
                 empty="no mailings" + (" in that time" if args.since else " yet (BounceDesk reads them from your"
                                        " Sent folder, or: bouncedesk import --sent FILE)"))  # fmt: skip
    return 0


def cmd_mailings_show(args: argparse.Namespace) -> int:
    from bouncedesk.errors import InputError
    from bouncedesk.store import iso
    from bouncedesk.store.mailings import affected_recipients, get_mailing

    conn, settings = _open(args)
    try:
        m = get_mailing(conn, args.id)
        if m is None:
            raise InputError(f"no mailing {args.id} (see bouncedesk mailings)")
        people = affected_recipients(conn, m.id)
    finally:
        conn.close()
    rows = [{"recipient": a.email, "what": a.what, "complained": a.complained, "status": a.status,
             "reason": a.reason, "at": iso(a.at), "state": a.state or "", "result_id": a.result_id}
            for a in people]  # fmt: skip
    if args.json:
        sys.stdout.write(json.dumps({"mailing": mailing_row(m, settings), "recipients": rows}, ensure_ascii=False)
                         + "\n")  # fmt: skip
        return 0
    head = mailing_row(m, settings)
    rate = percent_text(head["bounce_rate"])
    print(f"mailing {m.id}: {shown(head['subject'])} from {shown(m.sender or '-')}, {m.sent} recipients, "
          f"{m.bounced} bounced ({rate}), {m.complaints} complained"
          + (f"; alert: {head['alert_text']}" if head["alert_text"] else ""))  # fmt: skip
    print_table(("recipient", "what", "status", "reason", "when (UTC)", "state now"),
                 [(r["recipient"], r["what"] + (" + complaint" if r["complained"] and r["what"] != "complaint" else ""),
                   r["status"] or "-", r["reason"] or "-", (r["at"] or "-")[:16].replace("T", " "), r["state"] or "-")
                  for r in rows], empty="nobody of this mailing bounced or complained")  # fmt: skip
    return 0
