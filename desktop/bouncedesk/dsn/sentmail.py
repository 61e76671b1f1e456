"""Headers of a message we sent (from a Sent folder or a file): what provenance matches bounces to.

Only the header block is read, and only so much of it: a sent message is ours, but a folder can
hold anything, and a huge or broken header must stay cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime

from bouncedesk.dsn.mime import decode_words

HEADER_CAP = 64 * 1024  # bytes of a header block read at most
RECIPIENT_CAP = 5000  # addresses kept per message
_FIELD_CAP = 16 * 1024  # characters of one field value parsed at most


@dataclass(frozen=True, slots=True)
class SentHeader:
    """The headers of one sent message that provenance needs (never its body)."""

    message_id: str
    sent_at: int | None
    subject: str = ""
    sender: str = ""
    recipients: tuple[str, ...] = ()  # To, Cc and Bcc addresses, any case
    uid: int | None = None


def header_block(data: bytes) -> bytes:
    """The header block of a message (up to the first empty line), at most HEADER_CAP bytes."""
    head = data[:HEADER_CAP]
    for sep in (b"\r\n\r\n", b"\n\n"):
        i = head.find(sep)
        if i >= 0:
            return head[: i + len(sep)]
    return head


def _date(value: str) -> int | None:
    try:
        return int(parsedate_to_datetime(value[:200]).timestamp())
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def read_sent_header(data: bytes, *, uid: int | None = None, fallback_date: int | None = None) -> SentHeader | None:
    """The SentHeader of one sent message's bytes (headers are enough); None without a Message-ID."""
    msg = BytesHeaderParser(policy=compat32).parsebytes(header_block(data))

    def field(name: str) -> str:
        value = msg.get(name)
        return str(value)[:_FIELD_CAP] if value is not None else ""

    mid = field("Message-ID").strip()
    if not mid:
        return None
    pairs = getaddresses([str(v)[:_FIELD_CAP] for name in ("To", "Cc", "Bcc") for v in msg.get_all(name, [])])
    recipients = tuple(dict.fromkeys(a.strip().lower() for _, a in pairs if "@" in a))[:RECIPIENT_CAP]
    sender = next((a.lower() for _, a in getaddresses([field("From")]) if "@" in a), "")
    return SentHeader(
        message_id=mid,
        sent_at=_date(field("Date")) or fallback_date,
        subject=decode_words(field("Subject")).strip()[:998],
        sender=sender,
        recipients=recipients,
        uid=uid,
    )
