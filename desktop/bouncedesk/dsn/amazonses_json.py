"""Amazon SES notifications delivered by mail (SNS e-mail subscription): a JSON document as the body.

SES reports bounces, complaints and deliveries as {"notificationType": "Bounce"|"Complaint"|
"Delivery", ...}. SNS mail wraps lines longer than the SMTP limit with "!" + newline + space;
those breaks are undone before the JSON is read. Anything that does not read as such a document
is left to the other readers.
"""

from __future__ import annotations

import json
import re

from bouncedesk.dsn.fields import clean_address, find_reply_code, find_status
from bouncedesk.dsn.model import BOUNCE, COMPLAINT, DELAY, DELIVERED, Finding, OriginalMessage

_START = re.compile(r'\{\s*"(?:notificationType|eventType)"\s*:')
_SNS_WRAP = re.compile(r"!\n ")
_MAX_JSON = 256 * 1024


def looks_like(report: str) -> bool:
    return bool(_START.search(report[:4000]))


def read(report: str) -> tuple[list[Finding], OriginalMessage | None]:
    """Findings and the original's headers from one SES notification; ([], None) when unreadable."""
    m = _START.search(report[:4000])
    if not m:
        return [], None
    doc = _load(report[m.start(): m.start() + _MAX_JSON])
    if not isinstance(doc, dict):
        return [], None
    kind = str(doc.get("notificationType") or doc.get("eventType") or "").lower()
    mail = doc.get("mail") if isinstance(doc.get("mail"), dict) else {}
    orig = _original(mail)
    if kind == "bounce":
        return _bounces(doc.get("bounce") or {}), orig
    if kind == "complaint":
        return _complaints(doc.get("complaint") or {}), orig
    if kind == "delivery":
        return _deliveries(doc.get("delivery") or {}), orig
    return [], orig


def _load(text: str) -> object:
    """The JSON document at the start of the text (whatever follows it, e.g. SNS's footer, is ignored)."""
    try:
        return json.JSONDecoder().raw_decode(_SNS_WRAP.sub("", text))[0]
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the decoder goes
        return None


def _bounces(b: dict) -> list[Finding]:
    out = []
    for r in b.get("bouncedRecipients") or []:
        if not isinstance(r, dict):
            continue
        diag = str(r.get("diagnosticCode") or "")
        diag = re.sub(r"^\s*smtp\s*;\s*", "", diag, flags=re.I)
        reply = find_reply_code(diag)
        status = find_status(str(r.get("status") or "")) or find_status(diag, reply[:1])
        action = str(r.get("action") or "failed").lower()
        out.append(Finding(
            kind=DELAY if action == "delayed" else BOUNCE,
            recipient=clean_address(str(r.get("emailAddress") or "")),
            action=action,
            status=status,
            status_source="dsn" if r.get("status") else ("text" if status else ""),
            reply_code=reply,
            diagnostic=diag,
            reporting_mta=str(b.get("reportingMTA") or "").split(";")[-1].strip(),
            extra={"bounce-type": str(b.get("bounceType") or ""), "bounce-subtype": str(b.get("bounceSubType") or "")},
        ))
    return out


def _complaints(c: dict) -> list[Finding]:
    ftype = str(c.get("complaintFeedbackType") or "abuse").lower()
    return [Finding(kind=COMPLAINT, recipient=clean_address(str(r.get("emailAddress") or "")), feedback_type=ftype,
                    reason_hint="feedback", diagnostic=str(c.get("userAgent") or ""))
            for r in c.get("complainedRecipients") or [] if isinstance(r, dict)]


def _deliveries(d: dict) -> list[Finding]:
    response = str(d.get("smtpResponse") or "")
    reply = find_reply_code(response)
    status = find_status(response, reply[:1])
    return [Finding(kind=DELIVERED, recipient=clean_address(str(r)), action="delivered", status=status,
                    status_source="text" if status else "", reply_code=reply, diagnostic=response,
                    reporting_mta=str(d.get("reportingMTA") or ""))
            for r in d.get("recipients") or []]


def _original(mail: dict) -> OriginalMessage | None:
    common = mail.get("commonHeaders") if isinstance(mail.get("commonHeaders"), dict) else {}
    if not mail:
        return None
    to = common.get("to") or mail.get("destination") or []
    frm = common.get("from") or [mail.get("source") or ""]
    return OriginalMessage(
        message_id=str(common.get("messageId") or mail.get("messageId") or "") or None,
        subject=str(common.get("subject")) if common.get("subject") is not None else None,
        date=str(common.get("date")) if common.get("date") else None,
        sender=clean_address(str(frm[0])) if frm else None,
        to=clean_address(str(to[0])) if to else None,
    )
