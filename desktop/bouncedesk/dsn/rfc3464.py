"""RFC 3464 / RFC 6533 delivery-status fields → findings, one per recipient block."""

from __future__ import annotations

import re

from bouncedesk.dsn.budget import check
from bouncedesk.dsn.fields import (
    MAX_DIAGNOSTIC,
    STATUS,
    clean_address,
    find_command,
    find_reply_code,
    find_status,
    iso_date,
)
from bouncedesk.dsn.model import BOUNCE, DELAY, DELIVERED, Finding

_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)\s*:\s?(.*)$")
_ACTION_KIND = {"failed": BOUNCE, "delayed": DELAY, "delivered": DELIVERED, "deliverable": DELIVERED, "relayed": DELIVERED,
                "expanded": DELIVERED}
_RECIPIENT_FIELDS = ("final-recipient", "original-recipient", "x-actual-recipient")


def split_blocks(text: str) -> list[dict[str, str]]:
    """Blank-line separated groups of 'Name: value' fields (continuations unfolded, names lower-case).

    A value keeps its first MAX_DIAGNOSTIC characters (however many lines it is folded over).
    """
    blocks: list[dict[str, str]] = []
    current: dict[str, list[str]] = {}  # name -> the value's pieces, joined when the block ends
    sizes: dict[str, int] = {}
    last = ""

    def add(piece: str) -> None:
        if sizes[last] < MAX_DIAGNOSTIC:
            current[last].append(piece)
            sizes[last] += len(piece) + 1

    def close() -> None:
        blocks.append({k: " ".join(v)[:MAX_DIAGNOSTIC] for k, v in current.items()})

    for n, line in enumerate(_unjoined_lines(text)):
        if not n & 1023:
            check()
        if not line.strip():
            if current:
                close()
                current, sizes, last = {}, {}, ""
            continue
        if line[:1] in (" ", "\t") and last:
            add(line.strip())
            continue
        m = _FIELD.match(line)
        if m:
            last = m.group(1).lower()
            if last in current and last in _RECIPIENT_FIELDS + ("action", "status"):
                # A second recipient without a blank line between: start a new block.
                close()
                current, sizes = {}, {}
            value = m.group(2).strip()
            current[last], sizes[last] = [value], len(value)
        elif last:
            add(line.strip())
    if current:
        close()
    return blocks


# A report whose fields were written on one line ("Final-Recipient: rfc822; a@b Action: failed Status:
# 5.1.1 ..."): a gateway that lost the line breaks, or a provider's one-line variant. Split before each
# field name as RFC 3464 spells it (case as written: a server's words rarely capitalise them so).
_JOINED_FIELD = re.compile(r"(?<=\S)[ \t]+(?=(?:Reporting-MTA|Arrival-Date|Final-Recipient|Original-Recipient|Action|"
                           r"Status|Remote-MTA|Diagnostic-Code|Last-Attempt-Date|Will-Retry-Until|X-Actual-Recipient)"
                           r"[ \t]*:[ \t])")
_DSN_LINE = re.compile(r"(?i)^[ \t]*(?:Reporting-MTA|Final-Recipient|Original-Recipient|Action|Status)[ \t]*:")


def _unjoined_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if not any(_DSN_LINE.match(ln) and _JOINED_FIELD.search(ln) for ln in lines[:200]):
        return lines
    out: list[str] = []
    for ln in lines:
        out.extend(_JOINED_FIELD.split(ln) if _DSN_LINE.match(ln) else [ln])
    return out


def findings_from_fields(blocks: list[dict[str, str]], limit: int | None = None) -> tuple[list[Finding], int]:
    """Findings of the first `limit` recipient blocks, and how many recipient blocks there are.

    Per-message fields (Reporting-MTA, Arrival-Date) apply to every recipient block.
    """
    per_message: dict[str, str] = {}
    findings: list[Finding] = []
    count = 0
    for block in blocks:
        if not any(k in block for k in _RECIPIENT_FIELDS) and "action" not in block and "status" not in block:
            per_message.update(block)
            continue
        count += 1
        if limit is None or len(findings) < limit:
            check()
            findings.append(_finding(block, per_message))
    return findings, count


def _finding(block: dict[str, str], msg: dict[str, str]) -> Finding:
    action = block.get("action", "").strip().lower().split()[0] if block.get("action", "").strip() else ""
    action = action.rstrip(";.")
    diag = _strip_type(block.get("diagnostic-code", ""))
    status_field = find_status(block.get("status", ""))
    reply = find_reply_code(diag)
    status, source = best_status(status_field, diag, reply)
    kind = _ACTION_KIND.get(action, BOUNCE)
    if not action and status[:1] == "2":
        kind = DELIVERED
    if not action and status[:1] == "4" and not diag:
        kind = DELAY
    recipient = clean_address(block.get("final-recipient")) or clean_address(block.get("x-actual-recipient")) \
        or clean_address(block.get("original-recipient"))
    extra = {k: v for k, v in block.items() if k.startswith("x-")}
    dtype = block.get("diagnostic-code", "").split(";", 1)[0].strip().lower() if ";" in block.get(
        "diagnostic-code", "") else ""
    if dtype and dtype != "smtp" and " " not in dtype:
        extra["diagnostic-type"] = dtype  # x-unix, x-postfix: a local delivery program spoke, not a server
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


def best_status(field: str, diag: str, reply: str) -> tuple[str, str]:
    """The Status field, unless the server's own reply in the diagnostic carries a different code.

    The reply is the receiving server's own statement; a Status field is often the reporting
    MTA's summary of it ("5.0.0", "4.4.7 delivery time expired" — for which RFC 3463 asks for the
    code of the actual problem instead). A reply's code counts when it follows the reply number
    ("550 5.2.2", "550-'5.7.1"); a bare code elsewhere only replaces a vague field (X.Y.0, X.4.7).
    """
    cls = field[:1] or reply[:1]
    replied = [c for c in _reply_codes(diag) if c != field and (not cls or c[:1] == cls)]
    if not replied and field and reply[:1] in ("4", "5") and reply[:1] != field[:1]:
        # "Status: 4.5.0" over "550 5.5.0 ...": the server's permanent reply outranks the queue's summary
        replied = [c for c in _reply_codes(diag) if c[:1] == reply[:1] and not c.endswith(".0.0")]
    if replied and (not field or field[1:] == ".4.7" or not replied[0].endswith(".0.0")):
        return replied[0], "text"
    codes = [c for c in _all_codes(diag) if not cls or c[:1] == cls]
    if not field:
        return (codes[0], "text") if codes else ("", "")
    if field.endswith(".0") or field[1:] == ".4.7":
        sharper = [c for c in codes if c != field and not c.endswith(".0.0") and c[:1] == field[:1]]
        if sharper:
            return sharper[0], "text"
    return field, "dsn"


_REPLY_THEN_CODE = re.compile(r"(?<![\d.])[245]\d\d[ -]+['\"]?([245])\.(\d{1,3})\.(\d{1,3})(?![\d])")


def _reply_codes(text: str) -> list[str]:
    return [f"{m.group(1)}.{int(m.group(2))}.{int(m.group(3))}" for m in _REPLY_THEN_CODE.finditer(text)]


def _all_codes(text: str) -> list[str]:
    return [f"{m.group(1)}.{int(m.group(2))}.{int(m.group(3))}" for m in STATUS.finditer(text)]


def _strip_type(value: str) -> str:
    """'smtp; 550 5.1.1 ...' → '550 5.1.1 ...' (the type names the syntax, not the content)."""
    value = " ".join(value.split())
    m = re.match(r"^\s*[A-Za-z][A-Za-z0-9-]*\s*;\s*", value)
    return value[m.end():] if m else value
