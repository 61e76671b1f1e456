"""Complaints: RFC 5965 feedback reports, and the non-standard complaint mails some providers send."""

from __future__ import annotations

import re

from bouncedesk.dsn.fields import clean_address, iso_date
from bouncedesk.dsn.model import COMPLAINT, Finding
from bouncedesk.dsn.rfc3464 import split_blocks

_COMPLAINT_SUBJECT = re.compile(r"(?i)^\s*(?:complaint about message from|abuse report|spam report|fbl report)")


def findings_from_report(report_text: str, original_to: str | None, original_from: str | None) -> list[Finding]:
    """A message/feedback-report part → one complaint per named recipient (or the original's To)."""
    fields: dict[str, str] = {}
    for block in split_blocks(report_text):
        for k, v in block.items():
            fields.setdefault(k, v)
    ftype = fields.get("feedback-type", "abuse").strip().lower() or "abuse"
    recipients = _all_values(report_text, ("original-rcpt-to", "removal-recipient"))
    recipients = list(dict.fromkeys(r for r in recipients if r)) or [original_to]
    return [
        Finding(
            kind=COMPLAINT,
            recipient=r,
            feedback_type=ftype,
            reason_hint="feedback",
            diagnostic=fields.get("user-agent", ""),
            reporting_mta=fields.get("reporting-mta", "").split(";")[-1].strip(),
            arrival_date=iso_date(fields.get("arrival-date") or fields.get("received-date")),
            extra={"source-ip": fields.get("source-ip", ""), "original-mail-from": fields.get("original-mail-from", "")},
        )
        for r in recipients
    ]


def complaint_without_report(subject: str, headers: dict[str, str], sender: str | None,
                             original_to: str | None) -> list[Finding]:
    """Providers that send complaints as plain mail: a complaint subject, or an unsubscribe request."""
    if headers.get("x-apple-unsubscribe", "").strip().lower() == "true":
        return [Finding(kind=COMPLAINT, recipient=clean_address(sender), feedback_type="opt-out",
                        reason_hint="feedback")]
    if _COMPLAINT_SUBJECT.search(subject) and original_to:
        return [Finding(kind=COMPLAINT, recipient=original_to, feedback_type="abuse", reason_hint="feedback")]
    return []


def _all_values(text: str, names: tuple[str, ...]) -> list[str | None]:
    """Every address of fields that may repeat (one Original-Rcpt-To per complained-about recipient)."""
    out = []
    for line in text.split("\n"):
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() in names:
            out.append(clean_address(value))
    return out
