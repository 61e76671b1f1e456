"""What the parser reads out of one message. Plain data: no I/O, no store, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of result a message can yield.
BOUNCE = "bounce"
DELAY = "delay"
COMPLAINT = "complaint"
AUTO_REPLY = "auto-reply"
DELIVERED = "delivered"
NONE = "none"
UNPARSEABLE = "unparseable"
RESULT_KINDS = (BOUNCE, DELAY, COMPLAINT, AUTO_REPLY, DELIVERED)


@dataclass(slots=True)
class OriginalMessage:
    """Headers of the returned original mail, used to match a bounce to what was sent."""

    message_id: str | None = None
    subject: str | None = None
    date: str | None = None
    sender: str | None = None
    to: str | None = None
    complete: bool = False  # True when the whole message/rfc822 came back (a retry can re-send it)


@dataclass(slots=True)
class Finding:
    """One per-recipient statement of a report, as the message gives it (not yet classified)."""

    kind: str = BOUNCE
    recipient: str | None = None
    original_recipient: str | None = None
    action: str = ""  # DSN Action: failed, delayed, delivered, relayed, expanded
    status: str = ""  # enhanced status code as found in the message, "" if none
    status_source: str = ""  # "dsn" (Status: field) or "text" (found in the diagnostic text)
    reply_code: str = ""  # SMTP reply code, e.g. "550"
    command: str = ""  # the SMTP stage that failed: CONN, HELO, MAIL, RCPT, DATA ("" when unknown)
    diagnostic: str = ""  # the server's words
    remote_mta: str = ""
    reporting_mta: str = ""
    last_attempt_date: str | None = None
    arrival_date: str | None = None  # ISO 8601
    feedback_type: str = ""  # ARF Feedback-Type for complaints
    reason_hint: str = ""  # a reason the format itself states (e.g. ARF → feedback), else ""
    return_date: str | None = None  # an auto-reply's stated return date, ISO 8601
    extra: dict[str, str] = field(default_factory=dict)  # X- fields and other extensions


@dataclass(slots=True)
class ParsedMessage:
    """All the parser found in one message: findings, or why there are none."""

    outcome: str  # "report" (one or more findings), "none" (not a bounce), "unparseable"
    findings: list[Finding] = field(default_factory=list)
    original: OriginalMessage | None = None
    message_id: str | None = None  # of the bounce itself
    subject: str | None = None
    sender: str | None = None
    date: str | None = None  # ISO 8601 of the bounce's Date header
    format: str = ""  # which reader understood it: rfc3464, arf, postfix-text, ...
    error: str = ""  # on "unparseable": why; on a report: what was left unread ("first 1000 of 5000 recipients ...")
    refs: str = ""  # Message-IDs the message names in In-Reply-To and References, as written
