"""What the store knows we sent, for tests whose bounces must be genuine (tied to our sent mail).

A real user's Sent folder tells BounceDesk which messages went to whom; here a test states it,
from the original a bounce names (its Message-ID, and the bounce's recipients).
"""

from __future__ import annotations

import sqlite3

from bouncedesk.dsn.sentmail import SOURCE_SENT_FOLDER, SentHeader
from bouncedesk.intake.analysis import analyze_message
from bouncedesk.store.sent import add_sent_messages


def record_sent_for(conn: sqlite3.Connection, *bounces: bytes, account_id: int = 0) -> int:
    """Record the messages these bounces are about as sent by us; returns how many are new."""
    headers = []
    for data in bounces:
        parsed = analyze_message(data).parsed
        mid = parsed.original.message_id if parsed.original else None
        if not mid:
            continue
        to = tuple(f.recipient for f in parsed.findings if f.recipient)
        headers.append(SentHeader(mid, None, parsed.original.subject or "", parsed.original.sender or "", to))
    return add_sent_messages(conn, account_id, headers, source=SOURCE_SENT_FOLDER)


def sent(conn: sqlite3.Connection, message_id: str, *to: str, account_id: int = 0, at: int | None = None,
         subject: str = "") -> None:  # fmt: skip
    """Record one message as sent by us to these addresses."""
    add_sent_messages(conn, account_id, [SentHeader(message_id, at, subject, "", to)], source=SOURCE_SENT_FOLDER)
