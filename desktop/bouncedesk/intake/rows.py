"""A parsed message as the rows the store takes: where it came from (`Incoming`), its identity (a
content hash), its message row and one row per result, made ready in a parse worker or in this
process (`prepare_message`)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from bouncedesk.intake.analysis import Analysis, analyze_message
from bouncedesk.intake.sources import RawMessage
from bouncedesk.store.rawcodec import compress_raw


@dataclass(slots=True)
class Incoming:
    """One message to ingest and where it came from."""

    data: bytes
    source_key: str  # unique per place: "file:/abs/path#3" or "imap:<account>:<uidvalidity>:<uid>:<folder>"
    account_id: int | None = None
    folder: str | None = None
    uidvalidity: int | None = None
    uid: int | None = None
    path: str | None = None
    digest: bytes | None = None  # content_hash(data), when the caller has it already


def file_incoming(raw: RawMessage) -> Incoming:
    """A message read from a file, mbox or maildir (see bouncedesk.intake.sources)."""
    path = os.path.abspath(raw.path)
    key = f"file:{path}#{raw.position}" if raw.position else f"file:{path}"
    return Incoming(raw.data, key, path=path)


def imap_incoming(account_id: int, folder: str, uidvalidity: int, uid: int, data: bytes,
                  digest: bytes | None = None) -> Incoming:  # fmt: skip
    """A message fetched over IMAP."""
    key = f"imap:{account_id}:{uidvalidity}:{uid}:{folder}"
    return Incoming(data, key, account_id=account_id, folder=folder, uidvalidity=uidvalidity, uid=uid,
                    digest=digest)  # fmt: skip


def to_epoch(iso: str | None) -> int | None:
    """ISO 8601 (naive means UTC) → epoch seconds; None for None or an unreadable value."""
    if not iso:
        return None
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp())


def happened_at(analysis: Analysis, finding) -> int | None:
    """When a result happened as the message tells: the bounce's Date, else the report's dates."""
    for candidate in (analysis.parsed.date, finding.last_attempt_date, finding.arrival_date):
        t = to_epoch(candidate)
        if t is not None:
            return t
    return None


def result_time(happened: int | None, received_at: int) -> int:
    """When a result happened: as the message tells (`happened_at`, never after we got it), else
    when we got it."""
    return received_at if happened is None else min(happened, received_at)


def clean_recipient(address: str | None) -> str | None:
    if not address:
        return None
    a = address.strip().strip("<>").strip().lower()
    if "@" not in a or len(a.split(None, 1)) != 1:
        return None
    return a


def content_hash(data: bytes) -> bytes:
    """A message's identity in the store: the SHA-256 of its bytes."""
    return hashlib.sha256(data).digest()


class MessageRow(NamedTuple):
    """The messages row's columns that come from the message itself (bounce_at to orig_complete)."""

    bounce_at: int | None
    message_id: str | None
    subject: str | None
    sender: str | None
    outcome: str
    format: str
    error: str
    orig_message_id: str | None
    orig_subject: str | None
    orig_to: str | None
    orig_sender: str | None
    orig_date: str | None
    orig_complete: int
    refs: str  # Message-IDs the bounce names in In-Reply-To/References


class ResultRow(NamedTuple):
    """The results row's columns from kind to return_at (recipient_id aside), then `happened`."""

    kind: str
    email: str | None
    domain: str
    action: str
    status: str
    status_source: str
    reply_code: str
    reason: str
    hard: int
    side: str
    action_hint: str
    diagnostic: str
    remote_mta: str
    reporting_mta: str
    feedback_type: str
    return_at: int | None
    happened: int | None  # when it happened as the message tells (see happened_at)


class PreparedMessage(NamedTuple):
    """What the store writes for one new message, worked out without the store: so it can be done
    before the write lock is taken, and in another process (see `bouncedesk.intake.parsepool`). Plain
    tuples: they cross a process boundary four times cheaper than the parser's objects."""

    message: MessageRow
    results: list[ResultRow]
    blob: bytes  # the raw bytes, compressed


def message_row(analysis: Analysis) -> MessageRow:
    """The messages row's columns that come from an analysed message (import and reparse)."""
    p = analysis.parsed
    o = p.original
    return MessageRow(
        to_epoch(p.date), p.message_id, p.subject, p.sender, p.outcome, p.format or "", p.error or "",
        o.message_id if o else None, o.subject if o else None, o.to if o else None, o.sender if o else None,
        o.date if o else None, int(bool(o and o.complete)), p.refs or "",
    )  # fmt: skip


def result_rows(analysis: Analysis) -> list[ResultRow]:
    """The results rows of an analysed message, in order (import and reparse)."""
    rows = []
    for f, v in analysis.results:
        email = clean_recipient(f.recipient)
        rows.append(ResultRow(
            f.kind, email, email.rpartition("@")[2] if email else "", f.action or "", v.status, v.status_source,
            f.reply_code or "", v.reason, int(v.hard), v.side, v.action_hint, f.diagnostic or "", f.remote_mta or "",
            f.reporting_mta or "", f.feedback_type or "", to_epoch(f.return_date), happened_at(analysis, f),
        ))  # fmt: skip
    return rows


def prepare_rows(analysis: Analysis, data: bytes) -> PreparedMessage:
    """The rows of one analysed message (without ids and the times of this import)."""
    return PreparedMessage(message_row(analysis), result_rows(analysis), compress_raw(data))


def prepare_message(data: bytes) -> PreparedMessage:
    """Parse, classify and compress one message: all the work of storing it that needs no store."""
    return prepare_rows(analyze_message(data), data)
