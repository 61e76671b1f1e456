"""The header fields of an ordinary reply that recovery needs (never its body).

A reply may show that an address works again, but only when it is tied to mail we sent: the
caller checks that its In-Reply-To/References name a message we sent to its From address.
Every field is hostile: the work is bounded and linear (sentmail's hand-written field split).
"""

from __future__ import annotations

from dataclasses import dataclass

from bouncedesk.dsn.msgid import message_id_key, message_id_keys
from bouncedesk.dsn.sentmail import (
    MAX_HEADER_BYTES,
    decode_subject,
    header_date,
    header_end,
    header_fields,
    read_addresses,
)

# Header fields a reply check reads (IMAP fetches these with BODY.PEEK beside the prefilter's).
REPLY_FIELDS = ("Message-ID", "In-Reply-To", "References", "Date")
_MAX_REFS = 50  # Message-IDs taken from In-Reply-To and References (the newest)


@dataclass(frozen=True, slots=True)
class ReplyHeader:
    """Who wrote, when, and which messages the reply names."""

    sender: str  # the From address, lower case
    at: int  # the Date, UTC epoch seconds
    refs: tuple[str, ...]  # Message-ID keys of In-Reply-To and References (dsn.msgid)
    subject: str = ""
    message_id: str | None = None  # its own Message-ID key


def reply_header(headers: bytes) -> ReplyHeader | None:
    """A header block -> ReplyHeader; None unless it has one From address, a readable Date and
    names at least one Message-ID (a message that answers nothing cannot be tied to our mail)."""
    head = headers[:MAX_HEADER_BYTES]
    lower = head.lower()
    if b"in-reply-to" not in lower and b"references" not in lower:
        return None  # most mail: no field split needed
    fields = header_fields(head)
    refs_text = " ".join([*fields.get("in-reply-to", [])[:1], *fields.get("references", [])[:1]])
    refs = tuple(dict.fromkeys(message_id_keys(refs_text, _MAX_REFS)))
    if not refs:
        return None
    senders = read_addresses(fields.get("from", [])[:1], 2)
    if len(senders) != 1:  # none, or a From with several addresses: whose reply would it be?
        return None
    at = header_date((fields.get("date") or [""])[0])
    if at is None:
        return None
    subject = decode_subject((fields.get("subject") or [""])[0])
    return ReplyHeader(senders[0], at, refs, subject, message_id_key((fields.get("message-id") or [""])[0]))


def read_reply_header(data: bytes) -> ReplyHeader | None:
    """The ReplyHeader of a whole message (a file, an mbox entry): its header block only."""
    head = data[:MAX_HEADER_BYTES]
    end = header_end(head)
    return reply_header(head[: end + 2] if end >= 0 else head)
