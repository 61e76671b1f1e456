"""RFC 3464 / RFC 6533 delivery-status fields → findings, one per recipient block."""

from __future__ import annotations

import re

from bouncedesk.dsn.fields import clean_address, find_command, find_reply_code, find_status, iso_date
from bouncedesk.dsn.model import BOUNCE, DELAY, DELIVERED, Finding

_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)\s*:\s?(.*)$")
_ACTION_KIND = {"failed": BOUNCE, "delayed": DELAY, "delivered": DELIVERED, "relayed": DELIVERED,
                "expanded": DELIVERED}
_RECIPIENT_FIELDS = ("final-recipient", "original-recipient", "x-actual-recipient")


def split_blocks(text: str) -> list[dict[str, str]]:
    """Blank-line separated groups of 'Name: value' fields (continuations unfolded, names lower-case)."""
    blocks: list[dict[str, str]] = []
    current: dict[str, str] = {}
    last = ""
    for line in text.split("\n"):
        if not line.strip():
            if current:
                blocks.append(current)
                current, last = {}, ""
            continue
        if line[:1] in (" ", "\t") and last:
            current[last] += " " + line.strip()
            continue
        m = _FIELD.match(line)
        if m:
            last = m.group(1).lower()
            if last in current and last in _RECIPIENT_FIELDS + ("action", "status"):
                # A second recipient without a blank line between: start a new block.
                blocks.append(current)
                current = {}
            current[last] = m.group(2).strip()
        elif last:
            current[last] += " " + line.strip()
    if current:
        blocks.append(current)
    return blocks


def findings_from_fields(blocks: list[dict[str, str]]) -> list[Finding]:
    """Per-message fields (Reporting-MTA, Arrival-Date) apply to every recipient block."""
    per_message: dict[str, str] = {}
    findings: list[Finding] = []
    for block in blocks:
        if not any(k in block for k in _RECIPIENT_FIELDS) and "action" not in block and "status" not in block:
            per_message.update(block)
            continue
        findings.append(_finding(block, per_message))
    return findings


def _finding(block: dict[str, str], msg: dict[str, str]) -> Finding:
    action = block.get("action", "").strip().lower().split()[0] if block.get("action", "").strip() else ""
    action = action.rstrip(";.")
    diag = _strip_type(block.get("diagnostic-code", ""))
    status_field = find_status(block.get("status", ""))
    reply = find_reply_code(diag)
    status, source = _best_status(status_field, diag, reply)
    kind = _ACTION_KIND.get(action, BOUNCE)
    if not action and status[:1] == "2":
        kind = DELIVERED
    if not action and status[:1] == "4" and not diag:
        kind = DELAY
    recipient = clean_address(block.get("final-recipient")) or clean_address(block.get("x-actual-recipient")) \
        or clean_address(block.get("original-recipient"))
    extra = {k: v for k, v in block.items() if k.startswith("x-")}
    return Finding(
        kind=kind,
        recipient=recipient,
        original_recipient=clean_address(block.get("original-recipient")),
        action=action,
        status=status,
        status_source=source,
        reply_code=reply,
        command=find_command(diag),
        diagnostic=diag,
        remote_mta=_strip_type(block.get("remote-mta", "")),
        reporting_mta=_strip_type(block.get("reporting-mta", msg.get("reporting-mta", ""))),
        last_attempt_date=iso_date(block.get("last-attempt-date")),
        arrival_date=iso_date(block.get("arrival-date") or msg.get("arrival-date")),
        extra=extra,
    )


def _best_status(field: str, diag: str, reply: str) -> tuple[str, str]:
    """Prefer the Status field, but a generic one (X.0.0) yields to a specific code in the diagnostic."""
    in_diag = find_status(diag, reply[:1] or field[:1])
    if field and (not in_diag or not field.endswith(".0.0") or in_diag[:1] != field[:1]):
        return field, "dsn"
    if in_diag:
        return in_diag, "text"
    return field, "dsn" if field else ""


def _strip_type(value: str) -> str:
    """'smtp; 550 5.1.1 ...' → '550 5.1.1 ...' (the type names the syntax, not the content)."""
    value = " ".join(value.split())
    m = re.match(r"^\s*[A-Za-z][A-Za-z0-9-]*\s*;\s*", value)
    return value[m.end():] if m else value
