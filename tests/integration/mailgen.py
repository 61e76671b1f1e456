"""Self-written test mail: RFC 3464 bounces and ordinary person-to-person messages, made to order.

Every message is distinct (its own Message-ID, recipient and date), so content hashes differ.
Used by the IMAP tests and benchmarks/imap_sync.py.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

_BASE = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)

_FIRST = ["anna", "bernd", "carla", "dieter", "emma", "felix", "greta", "hans", "ilse", "jonas", "karin", "lukas"]
_DOMAINS = ["example.com", "example.net", "example.org", "beispiel.de", "muster.example"]
_TOPICS = [
    "Lunch on Friday?", "Minutes of the Tuesday meeting", "Invoice 2024-0113", "Holiday photos",
    "Question about the offer", "New opening hours", "Re: Parking spaces", "Draft for the newsletter",
    "Thanks for your help", "Team outing in June",
]
_SOFT = [("4.2.2", "452", "Mailbox full"), ("4.2.1", "452", "Mailbox temporarily disabled"), ("4.4.1", "421", "Connection timed out")]
_HARD = [("5.1.1", "550", "User unknown"), ("5.1.2", "550", "Host or domain name not found"), ("5.2.1", "550", "Mailbox disabled")]


def _date(i: int) -> str:
    return format_datetime(_BASE + timedelta(minutes=7 * i))


def bounce_recipient(i: int, tag: str = "") -> str:
    return f"{_FIRST[i % len(_FIRST)]}.{tag}{i}@{_DOMAINS[i % len(_DOMAINS)]}"


def original_message_id(i: int, tag: str = "") -> str:
    return f"<orig-{tag}{i}@sender.example>"


def sent_message(i: int, tag: str = "") -> bytes:
    """The message as the user sent it (what a Sent folder holds, what a bounce refers to)."""
    rcpt = bounce_recipient(i, tag)
    return (
        f"From: Shop Team <team@sender.example>\r\nTo: {rcpt}\r\nSubject: Your order confirmation {tag}{i}\r\n"
        f"Date: {_date(i)}\r\nMessage-ID: {original_message_id(i, tag)}\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\n\r\nthank you for order {i}.\r\n"
    ).encode()


def sent_with(
    message_id: str | None,
    *,
    to: str = "",
    cc: str = "",
    bcc: str = "",
    subject: str = "Hello",
    sender: str = "Shop Team <team@sender.example>",
    date: str = "Mon, 02 Mar 2026 10:00:00 +0000",
    extra: str = "",
    body: str = "Hello,\r\n\r\nsee you soon.\r\n",
) -> bytes:
    """A sent message with chosen header fields (empty ones left out; `extra` goes in as it is,
    before the Message-ID, for headers that must come first)."""
    fields = [("From", sender), ("To", to), ("Cc", cc), ("Bcc", bcc), ("Subject", subject), ("Date", date)]
    head = "".join(f"{k}: {v}\r\n" for k, v in fields if v) + extra
    if message_id is not None:
        head += f"Message-ID: {message_id}\r\n"
    head += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
    return (head + "\r\n" + body).encode()


def dsn(i: int, tag: str = "", *, hard: bool | None = None, padding: int = 0) -> bytes:
    """An RFC 3464 delivery status notification for recipient i (hard or soft by i unless given)."""
    hard = (i % 3 != 0) if hard is None else hard
    status, code, text = (_HARD if hard else _SOFT)[i % 3]
    rcpt = bounce_recipient(i, tag)
    domain = rcpt.split("@", 1)[1]
    boundary = f"=_bd_{tag}{i}_boundary"
    original = sent_message(i, tag).decode()
    filler = ("This line only makes the message longer for size tests.\r\n" * (padding // 58 + 1)) if padding else ""
    return (
        f"Return-Path: <>\r\nFrom: Mail Delivery System <MAILER-DAEMON@mx.sender.example>\r\n"
        f"To: team@sender.example\r\nSubject: Undelivered Mail Returned to Sender\r\nDate: {_date(i)}\r\n"
        f"Message-ID: <dsn-{tag}{i}@mx.sender.example>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
        f"I'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n"
        f"<{rcpt}>: host mx.{domain} said: {code} {status} {text}\r\n{filler}\r\n"
        f"--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n"
        f"Reporting-MTA: dns; mx.sender.example\r\nArrival-Date: {_date(i)}\r\n\r\n"
        f"Final-Recipient: rfc822; {rcpt}\r\nOriginal-Recipient: rfc822;{rcpt}\r\n"
        f"Action: {'failed' if hard or status.startswith('5') else 'failed'}\r\nStatus: {status}\r\n"
        f"Remote-MTA: dns; mx.{domain}\r\nDiagnostic-Code: smtp; {code} {status} {text}\r\n\r\n"
        f"--{boundary}\r\nContent-Type: message/rfc822\r\n\r\n{original}\r\n--{boundary}--\r\n"
    ).encode()


def ordinary(i: int, tag: str = "", *, size: int = 0) -> bytes:
    """A plain person-to-person message the prefilter should skip."""
    rng = random.Random(i)
    who = _FIRST[(i * 7) % len(_FIRST)].capitalize()
    body = f"Hi,\r\n\r\njust a note about item {tag}{i}. Talk soon,\r\n{who}\r\n"
    if size > len(body):
        words = ["lorem", "ipsum", "dolor", "sit", "amet", "garden", "table", "window", "river", "coffee"]
        extra = []
        n = len(body)
        while n < size:
            line = " ".join(rng.choice(words) for _ in range(11)) + "\r\n"
            extra.append(line)
            n += len(line)
        body += "".join(extra)
    return (
        f"From: {who} <{who.lower()}@friends.example>\r\nTo: team@sender.example\r\n"
        f"Subject: {_TOPICS[i % len(_TOPICS)]} ({tag}{i})\r\nDate: {_date(i)}\r\n"
        f"Message-ID: <note-{tag}{i}@friends.example>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}"
    ).encode()


def mixed(n: int, bounce_every: int = 2, tag: str = "", size: int = 0) -> list[tuple[bool, bytes]]:
    """n messages; every `bounce_every`-th is a bounce. (is_bounce, bytes) pairs."""
    out = []
    for i in range(n):
        if i % bounce_every == 0:
            out.append((True, dsn(i, tag, padding=max(0, size - 2000))))
        else:
            out.append((False, ordinary(i, tag, size=size)))
    return out
