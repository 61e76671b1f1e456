"""Bounce messages written for the action tests (our own text, no corpus), and a store seeded with them
through the real ingest path."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from email.utils import format_datetime

from bouncedesk.intake.ingest import Ingestor
from bouncedesk.intake.rows import Incoming
from tests.sent_mail import record_sent_for

SHOP = "mailer@shop.example"


def original(recipient: str, message_id: str, date: int, subject: str = "Your order") -> bytes:
    return (
        f"From: Shop <{SHOP}>\nTo: {recipient}\nBcc: archive@shop.example\n"
        f"Date: {format_datetime(datetime.fromtimestamp(date, UTC))}\nSubject: {subject}\n"
        f"Message-ID: {message_id}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
        f"Hello,\nyour order has shipped.\n"
    ).encode()


def bounce(
    recipient: str,
    *,
    at: int,
    status: str = "4.2.2",
    message_id: str = "<order-1@shop.example>",
    complete: bool = True,
    diagnostic: str = "452 4.2.2 Mailbox full",
    bounce_id: str | None = None,
) -> bytes:
    """An RFC 3464 report for one recipient; `complete` returns the whole original, else its headers."""
    orig = original(recipient, message_id, at - 600)
    if complete:
        returned = b"Content-Type: message/rfc822\n\n" + orig
    else:
        returned = b"Content-Type: text/rfc822-headers\n\n" + orig.split(b"\n\n", 1)[0] + b"\n"
    action = "failed" if status[:1] in "45" else "delivered"
    bid = bounce_id or f"<bounce-{recipient}-{at}@mx.example.net>"
    head = (
        f"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\nTo: {SHOP}\n"
        f"Date: {format_datetime(datetime.fromtimestamp(at, UTC))}\nMessage-ID: {bid}\n"
        "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b0undary"\n\n'
        "--b0undary\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
        "--b0undary\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.net\n\n"
        f"Final-Recipient: rfc822; {recipient}\nAction: {action}\nStatus: {status}\n"
        f"Diagnostic-Code: smtp; {diagnostic}\n\n"
        "--b0undary\n"
    ).encode()
    return head + returned + b"\n--b0undary--\n"


def ingest(conn: sqlite3.Connection, data: bytes, now: int, account_id: int | None = None, key: str = "",
           *, ours: bool = True) -> None:  # fmt: skip
    """Store one message the way an import or IMAP sync does; with `ours`, the Sent folder (as a
    sync would have read it first) holds the message the bounce is about."""
    if ours:
        record_sent_for(conn, data, account_id=account_id or 0)
    src = key or f"test:{hash(data)}"
    Ingestor(conn).ingest_batch([Incoming(data, src, account_id=account_id)], now)
