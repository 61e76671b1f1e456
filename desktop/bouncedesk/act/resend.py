"""Build the message a retry sends: the original, unchanged, under an RFC 5322 Resent-* block.

The original is always our own copy, from an `OriginalFetcher` (the IMAP Sent folder, by
Message-ID); a message inside a bounce is never sent anywhere. Without our copy there is none
to send and the user may re-send by hand. Each attempt has a deterministic key, and its Resent-Message-ID is
made from that key, so a repeated attempt is recognisable as the same one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from email.utils import format_datetime, formataddr, parseaddr
from typing import Protocol, runtime_checkable

from bouncedesk.errors import InputError

# Where an original came from (kept on the attempt row).
FROM_SENT_FOLDER = "sent-folder"

# Headers never passed on: set by the final delivery, or private to the sender.
_DROP_HEADERS = {"return-path", "bcc", "resent-bcc", "delivered-to", "x-original-to"}
_MAX_ORIGINAL = 50 * 1024 * 1024  # refuse absurd sizes rather than hand them to a server


@runtime_checkable
class OriginalFetcher(Protocol):
    """Finds the message as it was sent, by Message-ID (the IMAP code searches the Sent folder)."""

    def fetch_original(self, account_name: str, message_id: str) -> bytes | None:
        """The raw message, or None when it cannot be found. Raises MailError if the server fails."""
        ...


@dataclass(frozen=True, slots=True)
class Original:
    data: bytes
    origin: str  # FROM_SENT_FOLDER (the only place an original comes from)


def attempt_key(recipient: str, attempt: int, original_message_id: str | None) -> str:
    """The idempotency key of one retry attempt: the same inputs always give the same key."""
    basis = f"{recipient.strip().lower()}\n{int(attempt)}\n{(original_message_id or '').strip()}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def resent_message_id(key: str, sender: str, serial: int = 0) -> str:
    """`<resent.KEY.SERIAL@domain-of-sender>`: names the attempt (key) and its record (serial),
    so a message can be traced back to its attempt row, and no two re-sends share an id."""
    domain = sender.rpartition("@")[2].strip(" >").lower() or "bouncedesk.invalid"
    return f"<resent.{key[:24]}.{int(serial)}@{domain}>"


def find_original(account_name: str | None, message_id: str | None, fetcher: OriginalFetcher | None) -> Original | None:
    """Our own copy of a sent message, from the Sent folder by Message-ID; None when it cannot be had.

    Never the copy a bounce carries: those bytes were written by whoever sent the bounce.
    """
    if fetcher is not None and account_name and message_id:
        data = fetcher.fetch_original(account_name, message_id)
        if data:
            return Original(data, FROM_SENT_FOLDER)
    return None


_HEADER_LINE = re.compile(rb"^([!-9;-~]+):")


def _strip_headers(data: bytes) -> bytes:
    """Drop an mbox 'From ' line and the _DROP_HEADERS fields; keep every other byte as it was."""
    data = data.replace(b"\r\n", b"\n")
    if data.startswith(b"From "):
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    head, sep, body = data.partition(b"\n\n")
    if not sep:
        head, body = data, b""
    kept: list[bytes] = []
    dropping = False
    for line in head.split(b"\n"):
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        m = _HEADER_LINE.match(line)
        dropping = bool(m) and m.group(1).decode("ascii").lower() in _DROP_HEADERS
        if not dropping:
            kept.append(line)
    return b"\n".join(kept) + b"\n\n" + body


def _header(name: str, value: str) -> bytes:
    if not value.isascii():
        raise InputError(f"{name} must be ASCII here: {value!r}")
    return f"{name}: {value}\n".encode("ascii")


def _address(value: str) -> str:
    name, addr = parseaddr(value)
    if not addr or "@" not in addr:
        raise InputError(f"not an e-mail address: {value!r}")
    return formataddr((name, addr), charset="utf-8")


def build_resent(original: bytes, *, resent_from: str, resent_to: str, now: int, message_id: str) -> bytes:
    """The original with a Resent-* block prepended (RFC 5322 §3.6.6), LF line ends.

    Fields that belong to delivery (Return-Path, Delivered-To) and blind copies (Bcc) go;
    the original's own headers and body are kept byte for byte, so its signature can survive.
    """
    if len(original) > _MAX_ORIGINAL:
        raise InputError(f"the original message is too large to re-send ({len(original) // 1_000_000} MB)")
    when = format_datetime(dt.datetime.fromtimestamp(int(now), dt.UTC))
    block = (
        _header("Resent-Date", when)
        + _header("Resent-From", _address(resent_from))
        + _header("Resent-To", _address(resent_to))
        + _header("Resent-Message-ID", message_id)
    )
    return block + _strip_headers(original)
