"""Headers of a message we sent (from a Sent folder or a file): what provenance matches bounces to.

Only header fields are read, and only so much of them: a sent message is ours, but a folder can
hold anything, so a huge or hostile header must stay cheap. Parsed by hand with linear patterns:
the stdlib's address parser recurses on nested comments and groups, and its encoded-word decoder
fails on raw UTF-8 beside encoded words, which real Sent folders hold.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import getaddresses, parsedate_tz

from bouncedesk.dsn.mime import decode_words

MAX_HEADER_BYTES = 64 * 1024  # per message: the header fields read at most
MAX_RECIPIENTS = 5000  # per message (To, Cc and Bcc together)
_MAX_SUBJECT = 2000  # raw characters decoded (the store keeps 998)

# Where the headers of a message we sent came from (stored as sent_messages.source).
SOURCE_SENT_FOLDER = "sent-folder"
SOURCE_BOUNCEDESK = "bouncedesk"  # BounceDesk's own sends (retries, contact mails): no mailing
SOURCE_DEMO = "demo"


@dataclass(frozen=True, slots=True)
class SentHeader:
    """The headers of one sent message that provenance needs (never its body)."""

    message_id: str
    sent_at: int | None
    subject: str = ""
    sender: str = ""
    recipients: tuple[str, ...] = ()  # To, Cc and Bcc addresses, lower case
    uid: int | None = None
    list_key: str = ""  # 'campaign:<id>' or 'list:<id>' (see mailing_key_of); '' without such a header


_FIELD_START = re.compile(rb"\r?\n(?=[^ \t\r\n])")


def drop_partial_field(data: bytes) -> bytes:
    """A header cut off at the byte limit without its unfinished end: an address list keeps the
    addresses before the cut (the last one may be cut short), any other field goes whole."""
    start = max((m.end() for m in _FIELD_START.finditer(data)), default=0)
    name = data[start : start + 4].lower()
    if name.startswith((b"to:", b"to ", b"cc:", b"cc ", b"bcc:", b"bcc ")):
        comma = data.rfind(b",", start)
        if comma > start:
            return data[:comma] + b"\r\n"
    return data[:start]


def sent_header(headers: bytes, *, truncated: bool = False, internal_date: int | None = None,
                uid: int | None = None) -> SentHeader | None:  # fmt: skip
    """One sent message's header fields -> SentHeader; None without a Message-ID. Bounded work: the
    input is capped, the subject is decoded from its first characters, recipients are capped.
    `internal_date` is when the server stored the copy; `truncated`: the block was cut off at a cap."""
    data = drop_partial_field(headers) if truncated else headers
    fields = header_fields(data)
    mid = (fields.get("message-id") or [""])[0].strip()
    if "@" not in mid:
        return None
    date = header_date((fields.get("date") or [""])[0])
    known = [t for t in (date, internal_date) if t is not None]
    # The earlier of the two: a Sent copy is stored after it was sent; a migrated folder's
    # INTERNALDATEs are the migration's, not the sending's.
    sent_at = min(known) if known else None
    senders = read_addresses(fields.get("from", []), 1)
    recipients = read_addresses([*fields.get("to", []), *fields.get("cc", []), *fields.get("bcc", [])], MAX_RECIPIENTS)
    return SentHeader(mid[:1000], sent_at, decode_subject((fields.get("subject") or [""])[0]),
                      senders[0] if senders else "", tuple(recipients), uid, mailing_key_of(fields))  # fmt: skip


# Headers that name the mailing a message belongs to: a bulk mailer's campaign id first (one
# campaign, one mailing), else the mailing list's List-Id (RFC 2919). Read by the Sent-folder fetch.
CAMPAIGN_FIELDS = ("X-Campaign-ID", "X-Mailgun-Campaign-Id", "X-Campaign")
LIST_FIELDS = ("List-Id",)
_MAX_KEY = 200  # characters of an id kept


def _key_text(value: str) -> str:
    """An id as a key: whitespace folded, lower case, bounded."""
    return " ".join(value[: _MAX_KEY * 4].split()).lower()[:_MAX_KEY]


def mailing_key_of(fields: dict[str, list[str]]) -> str:
    """'campaign:<id>', 'list:<id>' or '' from a message's header fields (see header_fields)."""
    for name in CAMPAIGN_FIELDS:
        key = _key_text((fields.get(name.lower()) or [""])[0])
        if key:
            return "campaign:" + key
    raw = (fields.get("list-id") or [""])[0][:2000]
    lt = raw.rfind("<")  # 'Name <id>': the id; a value cut off at the bound keeps what came of it
    ident = raw[lt + 1 :].partition(">")[0] if lt >= 0 else raw
    key = _key_text(ident)
    return "list:" + key if key else ""


def header_end(head: bytes) -> int:
    """Where the header block ends (the blank line, CRLF or LF), or -1 when `head` holds no end."""
    return min((i for i in (head.find(b"\r\n\r\n"), head.find(b"\n\n")) if i >= 0), default=-1)


def read_sent_header(data: bytes) -> SentHeader | None:
    """The SentHeader of a whole sent message (a file, an mbox entry): its header block, capped."""
    head = data[:MAX_HEADER_BYTES]
    end = header_end(head)
    return sent_header(head[: end + 1] if end >= 0 else head, truncated=end < 0 and len(data) > MAX_HEADER_BYTES)


_FIELD = re.compile(rb"^([!-9;-~]{1,76})[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.MULTILINE)


def header_fields(data: bytes) -> dict[str, list[str]]:
    """name (lower case) -> values (unfolded, as UTF-8 with replacement characters). Linear: a
    header block is split into fields, nothing more (the stdlib parser costs ~5x as much)."""
    out: dict[str, list[str]] = {}
    for m in _FIELD.finditer(data):
        value = m.group(2).replace(b"\r\n", b"").replace(b"\n", b"")
        name = m.group(1).decode("ascii").lower()
        out.setdefault(name, []).append(value.decode("utf-8", errors="replace").strip())
    return out


def decode_subject(raw: str) -> str:
    """RFC 2047 encoded words decoded (as every header is: mime.decode_words), whitespace folded; a
    word that cannot be decoded stays as it was. Not the stdlib's decode_header: it fails on raw
    UTF-8 beside encoded words, which real Sent folders hold."""
    return decode_words(raw[:_MAX_SUBJECT], keep_unknown=True)


_QUOTED = re.compile(r'"[^"\\]*"')
_SPECIALS = re.compile(r'["()\\:;]')
_ANGLED = re.compile(r"<([^<>]*)>")
_ADDR_SPEC = re.compile(r"[^\s<>,;:\"()\[\]@]{1,64}@[^\s<>,;:\"()\[\]@]{1,255}")


def read_addresses(values: Sequence[object], limit: int) -> list[str]:
    """Every address in these header values (lower case, in order, no repeats), at most `limit`."""
    out: dict[str, None] = {}
    for value in values:
        text = str(value)
        plain = _QUOTED.sub("", text)  # display names in quotes say nothing about the address
        if _SPECIALS.search(plain) is None:  # `a@b, Name <c@d>`: no comments, groups or escapes
            found = [(m.group(1) if (m := _ANGLED.search(p)) else p) for p in plain.split(",")]
        else:
            try:
                found = [a for _n, a in getaddresses([text])]
            except Exception:  # the stdlib recurses on nested comments and groups: scan for addr-specs
                found = _ADDR_SPEC.findall(text)
        for a in found:
            a = a.strip().strip("<>").lower()
            if "@" in a and len(a) <= 320 and not any(c.isspace() for c in a):
                out.setdefault(a, None)
                if len(out) >= limit:
                    return list(out)
    return list(out)


def header_date(value: str) -> int | None:
    """An RFC 5322 Date as UTC epoch seconds; None if it cannot be read (or is far out of range)."""
    try:
        t = parsedate_tz(value[:200])
    except (TypeError, ValueError, IndexError):
        return None
    if t is None or not (1970 <= t[0] <= 9999):
        return None
    try:
        return calendar.timegm(t[:9]) - (t[9] or 0)
    except (OverflowError, ValueError):
        return None
