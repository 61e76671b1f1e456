"""Two recoveries for the demo, through the real ingest path: an inactive customer whose mailbox
works again (a `delivered` report about a message the shop sent to it) and a retrying customer who
simply answered the shop's mail (an ordinary reply, as an imported mailbox would hold it). The
Recipients view then shows both, with when and why.

They are written after the simulation, at the demo's `now`, into a store that already holds it;
only customers whose state would not empty a retry state the demo shows are chosen.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from bouncedesk.intake.ingest import Ingestor
from bouncedesk.intake.rows import Incoming

HOUR = 3600
SHOP_MTA = "mail.shop.test"


@dataclass(frozen=True, slots=True)
class DemoRecovery:
    email: str
    how: str  # "delivered" | "reply"


def _date(t: int) -> str:
    return format_datetime(datetime.fromtimestamp(t, UTC))


def _last_sent(conn: sqlite3.Connection, email: str) -> tuple[str, str, str] | None:
    """(Message-ID key, subject, sender) of the newest message the shop sent to `email`."""
    row = conn.execute(
        "SELECT s.message_id, s.subject, s.sender FROM sent_messages s JOIN sent_recipients r ON r.sent_id = s.id"
        " WHERE r.email = ? ORDER BY s.sent_at DESC, s.id DESC LIMIT 1",
        (email,),
    ).fetchone()
    return (row[0], row[1] or "", row[2] or "") if row else None


def _pick(conn: sqlite3.Connection, state: str, before: int) -> str | None:
    """A customer in `state` whose last state change is older than `before`, when at least two are."""
    rows = conn.execute(
        "SELECT r.email FROM recipients r WHERE r.state = ? AND coalesce(r.last_event_at, 0) < ?"
        " AND coalesce(r.last_bounce_at, 0) < ? AND EXISTS (SELECT 1 FROM sent_recipients x WHERE x.email = r.email)"
        " ORDER BY r.email",
        (state, before, before),
    ).fetchall()
    total = conn.execute("SELECT count(*) FROM recipients WHERE state = ?", (state,)).fetchone()[0]
    return rows[0][0] if rows and total >= 2 else None


def delivered_report(email: str, message_id: str, subject: str, sender: str, at: int) -> bytes:
    """An RFC 3464 report with Action: delivered about a message the shop sent."""
    return (
        f"From: Mail Delivery System <MAILER-DAEMON@{SHOP_MTA}>\nTo: {sender or 'shop@shop.test'}\n"
        f"Date: {_date(at)}\nMessage-ID: <dsn-{at}-{email.replace('@', '.')}@{SHOP_MTA}>\n"
        "Subject: Successful Mail Delivery Report\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="dlv-b0"\n\n'
        "--dlv-b0\nContent-Type: text/plain\n\nYour message was delivered to the destination mailbox.\n\n"
        "--dlv-b0\nContent-Type: message/delivery-status\n\n"
        f"Reporting-MTA: dns; {SHOP_MTA}\nArrival-Date: {_date(at - 30)}\n\n"
        f"Final-Recipient: rfc822; {email}\nOriginal-Recipient: rfc822; {email}\nAction: delivered\n"
        f"Status: 2.0.0\nRemote-MTA: dns; mx.{email.rpartition('@')[2]}\n"
        f"Diagnostic-Code: smtp; 250 2.0.0 Ok: queued\nLast-Attempt-Date: {_date(at)}\n\n"
        "--dlv-b0\nContent-Type: text/rfc822-headers\n\n"
        f"From: {sender or 'shop@shop.test'}\nTo: {email}\nSubject: {subject}\nMessage-ID: {message_id}\n\n"
        "--dlv-b0--\n"
    ).encode()


def reply_message(email: str, message_id: str, subject: str, sender: str, at: int) -> bytes:
    """A customer's ordinary answer to the shop's mail (headers and a short body)."""
    name = email.split("@")[0].replace(".", " ").title()
    return (
        f"From: {name} <{email}>\nTo: {sender or 'shop@shop.test'}\nSubject: Re: {subject}\n"
        f"Date: {_date(at)}\nMessage-ID: <reply-{at}-{email.replace('@', '.')}@mail.customer.test>\n"
        f"In-Reply-To: {message_id}\nReferences: {message_id}\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "Hello,\n\nmy mailbox is working again, thank you for your patience. Please keep me on the list.\n\n"
        f"Best regards,\n{name}\n"
    ).encode()


def add_recoveries(conn: sqlite3.Connection, now: int, seed: int) -> list[DemoRecovery]:
    """Ingest the two recoveries (see the module docstring); returns who recovered and how."""
    done: list[DemoRecovery] = []
    ingestor = Ingestor(conn)
    for state, how, make, at in (
        ("inactive", "delivered", delivered_report, now - 5 * HOUR),
        ("retrying", "reply", reply_message, now - 3 * HOUR),
    ):
        email = _pick(conn, state, at)
        sent = _last_sent(conn, email) if email else None
        if sent is None:
            continue
        data = make(email, sent[0], sent[1], sent[2], at)
        ingestor.ingest_batch([Incoming(data, f"demo:{seed}:recovery:{how}")], at + 120)
        if conn.execute("SELECT state FROM recipients WHERE email = ?", (email,)).fetchone()[0] == "active":
            done.append(DemoRecovery(email, how))
    return done
