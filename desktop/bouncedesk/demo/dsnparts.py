"""The pieces every demo report shares: the returned original, MIME boundaries, the status code a
server would put in a DSN, the per-recipient fields."""

from __future__ import annotations

import random

from bouncedesk.demo.mailtext import (
    address,
    encode_words,
    fold_field,
    hexid,
    rfc_date,
    token,
)
from bouncedesk.demo.model import Report, Sent

DAY = 86400


HOUR = 3600


def original_headers(s: Sent) -> str:
    ch = s.channel
    lines = []
    if s.resent_at is not None:
        lines += [
            f"Resent-Date: {rfc_date(s.resent_at, ch.tz)}",
            f"Resent-From: {s.from_addr}",
            f"Resent-To: {s.to_addr}",
            f"Resent-Message-ID: {s.resent_id}",
        ]
    lines += [
        f"Received: from [127.0.0.1] (localhost [127.0.0.1])\n\tby {ch.host} with ESMTPSA id {s.message_id[1:9]}\n"
        f"\tfor <{s.to_addr}>; {rfc_date(s.queued_at, ch.tz)}",
        f"Message-ID: {s.message_id}",
        f"Date: {rfc_date(s.at, ch.tz)}",
        f"From: {address(s.from_name, s.from_addr)}",
        f"To: {address(s.to_name, s.to_addr)}",
        f"Subject: {encode_words(s.subject)}",
        "MIME-Version: 1.0",
    ]
    if s.bulk:
        lines += [
            f"List-Unsubscribe: <mailto:unsubscribe@{ch.sender_domain}?subject=unsubscribe>,\n"
            f" <https://{ch.sender_domain}/u/{s.message_id[1:17]}>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            f"Feedback-ID: 1.eu-west-1.{s.message_id[1:12]}=:AmazonSES",
        ]
    if s.big:
        lines.append('Content-Type: multipart/mixed; boundary="----=_catalogue_part"')
    else:
        lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
    return "\n".join(lines) + "\n"


def original_message(s: Sent) -> str:
    return original_headers(s) + "\n" + s.body


POSTFIX_STAGES = {"RCPT": "RCPT TO", "DATA": "end of DATA", "MAIL": "MAIL FROM", "CONN": "initial greeting"}


def boundary(r: Report, rng: random.Random, style: str) -> str:
    if style == "postfix":
        return f"{token(rng, 15)}.{r.at}/{r.sent.channel.host}"
    if style == "sendmail":
        return f"{token(rng, 14)}.{r.at}/{r.sent.channel.host}"
    if style == "exim":
        return f"{r.at}-eximdsn-{rng.randrange(10**9, 2 * 10**9)}"
    if style == "gmail":
        return "0000000000" + hexid(rng, 16)
    if style == "ms":
        return f"_000_{token(rng, 36)}_"
    return f"----=_Part_{rng.randrange(10**6)}_{rng.randrange(10**9)}.{r.at}"


def diagnostic_text(r: Report) -> str:
    assert r.phrase is not None
    return ("X-Postfix; " if r.phrase.local and r.fmt == "postfix" else "smtp; ") + r.phrase.text


def dsn_status(r: Report) -> str | None:
    """The Status field the writer puts in the report (None: the format has no such field)."""
    if r.fmt in ("arf", "auto-reply"):
        return None
    if r.kind == "delivered":
        return "2.0.0"
    if r.extra.get("dsn_status"):
        return r.extra["dsn_status"]
    if r.fmt in ("qmail", "exim-text"):
        return None
    if r.fmt == "exim":  # Exim never copies the remote's code into Status
        return "4.0.0" if r.kind == "delay" else "5.0.0"
    if r.fmt in ("o365", "exchange") and r.kind == "delay":
        return "4.4.7"
    default = "4.0.0" if r.kind == "delay" else "5.0.0"
    if r.kind == "delay" and r.fmt in ("sendmail", "gmail"):
        default = "4.4.1"
    return (r.phrase.status if r.phrase is not None and r.phrase.status else "") or default


def is_remote(r: Report) -> bool:
    return r.phrase is not None and not r.phrase.local


def recipient_fields(r: Report, *, status: str, action: str, postfix: bool = False, extra: list[str] | None = None) -> str:
    out = [f"Final-Recipient: rfc822; {r.rcpt}"]
    if postfix:
        out.append(f"Original-Recipient: rfc822;{r.rcpt}")
    out += [f"Action: {action}", f"Status: {status}"]
    if is_remote(r):
        out.append(f"Remote-MTA: dns; {r.mx}")
    if r.phrase is not None:
        out.append(fold_field("Diagnostic-Code", diagnostic_text(r)))
    out += extra or []
    return "\n".join(out)
