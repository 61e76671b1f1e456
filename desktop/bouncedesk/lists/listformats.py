"""Suppression lists in the formats of the mailing tools small senders use (no Qt).

`detect(data)` names the tool a file came from (by its header columns or its JSON shape),
`read(data)` yields one `Entry` per address, `write(fmt, entries, fh)` writes a file that tool
imports: its column names and its words for why an address is blocked, mapped from ours:

    BOUNCE (hard bounce), COMPLAINT (marked as spam), USER (unsubscribed or blocked by hand)

Every cell written to CSV goes through `csvtext.inert_cell`. `suppress_entries` adds what a file
lists to the store through `Actions.suppress` (one event per address, undoable), and
`store_entries` reads the store's suppressions back out for `write`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TextIO

from bouncedesk.errors import BounceDeskError, InputError
from bouncedesk.lists.csvtext import ADDRESS, inert_cell, sniff_dialect, unicode_encoding

BOUNCE, COMPLAINT, USER = "bounce", "complaint", "user"
REASONS = (BOUNCE, COMPLAINT, USER)
MAX_LIST_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Entry:
    """One address of a list: `reason` is ours (BOUNCE, COMPLAINT, USER) or None when the tool does
    not block the address (a subscribed contact in a full export); `raw_status` is the tool's words."""

    email: str
    reason: str | None
    raw_status: str = ""
    at: str = ""  # when the tool blocked it, as the tool wrote it ('' when the format has no time)


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    name: str  # as the tool calls itself
    email_column: str | None  # the column `scrub` keeps its eye on (None: not a CSV with a header)


FORMATS: dict[str, Format] = {f.key: f for f in (
    Format("mailchimp", "Mailchimp", "Email Address"),
    Format("brevo", "Brevo", "EMAIL"),
    Format("sendy", "Sendy", "Email"),
    Format("listmonk", "listmonk", "email"),
    Format("mailjet", "Mailjet", "email"),
    Format("ses", "Amazon SES", "EmailAddress"),
    Format("plain", "plain list", None),
)}  # fmt: skip
KEYS = tuple(FORMATS)


def format_names() -> str:
    return ", ".join(f.name for f in FORMATS.values())


def get_format(key: str) -> Format:
    try:
        return FORMATS[key]
    except KeyError:
        raise InputError(f"unknown list format {key!r} (choose {', '.join(KEYS)})") from None


# --- reading text -----------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Text of a list file: UTF-16/32 by BOM (or zero bytes), UTF-8 with or without BOM, else Windows-1252."""
    enc = unicode_encoding(data[:65536])
    if enc is not None:
        try:
            return data.decode(enc.read).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise InputError(f"the file is not readable as {enc.write.upper()}: {exc.reason}") from exc
    if b"\0" in data[:4096]:
        raise InputError("the file is not a text, CSV or JSON file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-.]", "", name.strip().lower())


def _rows(text: str) -> list[list[str]]:
    dialect = sniff_dialect(text[:65536])
    try:
        return [r for r in csv.reader(io.StringIO(text, newline=""), dialect) if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise InputError(f"the file is not a readable CSV file: {exc}") from exc


def _json(text: str):
    s = text.lstrip()
    if not s.startswith(("{", "[")):
        return None
    try:
        return json.loads(s)
    except ValueError:
        return None


_VALID = re.compile(
    r"[^\s@<>\"',;:()\[\]\\]+@[^\s@<>\"',;:()\[\]\\.]+(\.[^\s@<>\"',;:()\[\]\\.]+)*\.[^\s@<>\"',;:()\[\]\\.\d]{2,}"
)


def valid_address(email: str) -> bool:
    return bool(_VALID.fullmatch(email)) and len(email) <= 254


def _clean(cell: str) -> str:
    return cell.strip().removeprefix("mailto:").strip("<>").strip().lower()


# --- detection -----------------------------------------------------------------------------

_MAILCHIMP_MARKS = {"memberrating", "optintime", "confirmtime", "leid", "euid", "cleantime", "unsubtime",
                    "unsubreason", "lastchanged"}  # fmt: skip
_BREVO_FLAGS = ("emailblacklisted", "blacklisted", "emailblocklisted", "blocklisted")
_MAILJET_FLAGS = ("isexcludedfromcampaigns", "excludedfromcampaigns")
_SES_REASONS = ("BOUNCE", "COMPLAINT")


def _header_format(header: list[str]) -> str | None:
    norm = [_norm(h) for h in header]
    names = set(norm)
    if "emailaddress" in names and names & _MAILCHIMP_MARKS:
        return "mailchimp"
    if "email" in names and ("attributes" in names or ("uuid" in names and "status" in names)):
        return "listmonk"
    if "email" in names and names & set(_BREVO_FLAGS):
        return "brevo"
    if "email" in names and names & set(_MAILJET_FLAGS):
        return "mailjet"
    if names >= {"emailaddress", "reason"} and len(names) <= 3:
        return "ses"
    if [h.strip() for h in header[:2]] == ["Name", "Email"]:
        return "sendy"
    if len(header) == 2 and "@" in header[0] and header[1].strip().upper() in _SES_REASONS:
        return "ses"  # SES's bulk import file without a header row
    return None


def json_format(doc) -> str | None:
    if isinstance(doc, dict) and isinstance(doc.get("SuppressedDestinationSummaries"), list):
        return "ses"
    contacts = doc.get("contacts") if isinstance(doc, dict) else None
    if isinstance(contacts, list) and all(isinstance(c, dict) and "email" in c for c in contacts):
        return "brevo"
    return None


def detect(data: bytes | str) -> Format:
    """The tool a list file came from; a file naming no tool but holding addresses is a plain list.

    InputError names the formats when the file is none of them."""
    text = data if isinstance(data, str) else decode(data)
    doc = _json(text)
    if doc is not None:
        key = json_format(doc)
        if key:
            return FORMATS[key]
        raise InputError(
            f"this JSON file is not a suppression list BounceDesk knows (it reads {format_names()})"
        )
    rows = _rows(text[:65536])
    if rows:
        key = _header_format(rows[0])
        if key:
            return FORMATS[key]
    if ADDRESS.search(text):
        return FORMATS["plain"]
    raise InputError(
        f"found no e-mail address: the file is none of the list formats BounceDesk reads ({format_names()})"
    )


# --- reading -------------------------------------------------------------------------------


def read(data: bytes | str, fmt: Format | str | None = None) -> Iterator[Entry]:
    """Every address of a list file, in file order; `fmt` None detects it.

    Invalid addresses are yielded as they were written (the importer lists them)."""
    text = data if isinstance(data, str) else decode(data)
    f = detect(text) if fmt is None else (get_format(fmt) if isinstance(fmt, str) else fmt)
    if f.key == "plain":
        yield from _read_plain(text)
        return
    doc = _json(text)
    if doc is not None:
        if json_format(doc) != f.key:
            raise InputError(f"this JSON file is not a list from {f.name}")
        yield from (_read_ses_json(doc) if f.key == "ses" else _read_brevo_json(doc))
        return
    rows = _rows(text)
    if not rows:
        raise InputError("the file is empty")
    if f.key == "ses" and "@" in rows[0][0] and not any(_norm(h) == "emailaddress" for h in rows[0]):
        rows = [["EmailAddress", "Reason"], *rows]  # the bulk import file may come without a header
    header = [_norm(h) for h in rows[0]]
    want = _norm(f.email_column or "")
    if want not in header:
        raise InputError(f"this is not a list from {f.name}: it has no column {f.email_column!r}"
                         f" (columns: {', '.join(rows[0])})")  # fmt: skip
    reader = _READERS[f.key]
    for r in rows[1:]:
        cells = {h: (r[i] if i < len(r) else "") for i, h in enumerate(header)}
        if not cells.get(want, "").strip():
            continue
        yield reader(_clean(cells[want]), cells, header)


def _read_plain(text: str) -> Iterator[Entry]:
    """One address a line (or several, in any text); a line with an '@' but no address is invalid."""
    for line in text.splitlines():
        found = ADDRESS.findall(line)
        if found:
            for a in found:
                yield Entry(_clean(a), USER)
        elif "@" in line and line.strip():
            yield Entry(line.strip(), USER)


def _mailchimp_reason(status: str, unsub_reason: str) -> str | None:
    if status == "cleaned":
        return BOUNCE
    if status == "unsubscribed":
        return COMPLAINT if re.search(r"spam|abuse", unsub_reason, re.I) else USER
    return None


def _read_mailchimp(email: str, c: dict, header: list[str]) -> Entry:
    # One file per status in Mailchimp (cleaned_members_export, unsubscribed_members_export, ...):
    # a filled CLEAN_TIME / UNSUB_TIME says it per row, else the columns say it for the file.
    if c.get("cleantime", "").strip():
        status, at = "cleaned", c["cleantime"].strip()
    elif c.get("unsubtime", "").strip():
        status, at = "unsubscribed", c["unsubtime"].strip()
    elif "cleantime" in header:
        status, at = "cleaned", ""
    elif "unsubtime" in header:
        status, at = "unsubscribed", ""
    else:
        status, at = "subscribed", ""
    why = c.get("unsubreason", "").strip() if status == "unsubscribed" else ""
    return Entry(email, _mailchimp_reason(status, why), f"{status}: {why}" if why else status, at)


_BREVO_CODES = {"hardBounce": BOUNCE, "contactFlaggedAsSpam": COMPLAINT}
_BREVO_OUT = {BOUNCE: "hardBounce", COMPLAINT: "contactFlaggedAsSpam", USER: "adminBlocked"}
_TRUE = {"1", "true", "yes", "y", "ja", "oui", "x"}


def _read_brevo(email: str, c: dict, header: list[str]) -> Entry:
    flag = next((c[h] for h in _BREVO_FLAGS if h in c), "")
    if flag.strip().lower() not in _TRUE:
        return Entry(email, None, "not blocklisted")
    code = c.get("reason", "").strip()
    return Entry(email, _BREVO_CODES.get(code, USER), code or "blocklisted", c.get("blockedat", "").strip())


def _read_brevo_json(doc: dict) -> Iterator[Entry]:
    for item in doc["contacts"]:
        reason = item.get("reason")
        code = str(reason.get("code", "")) if isinstance(reason, dict) else str(reason or "")
        yield Entry(_clean(str(item.get("email", ""))), _BREVO_CODES.get(code, USER), code or "blocklisted",
                    str(item.get("blockedAt") or ""))  # fmt: skip


_SENDY_STATUS = {
    "unsubscribed": USER,
    "bounced": BOUNCE,
    "marked as spam": COMPLAINT,
    "complained": COMPLAINT,
}
_SENDY_OUT = {USER: "Unsubscribed", BOUNCE: "Bounced", COMPLAINT: "Marked as spam"}


def _read_sendy(email: str, c: dict, header: list[str]) -> Entry:
    if "status" not in header:  # an export of Sendy's Unsubscribed / Bounced segment
        return Entry(email, USER)
    status = c.get("status", "").strip()
    return Entry(email, _SENDY_STATUS.get(status.lower()), status)


def _read_listmonk(email: str, c: dict, header: list[str]) -> Entry:
    status = c.get("status", "").strip()
    if status.lower() != "blocklisted":
        return Entry(email, None, status)
    try:
        attrs = json.loads(c.get("attributes") or "{}")
    except ValueError:
        attrs = {}
    ours = attrs.get("bouncedesk_reason") if isinstance(attrs, dict) else None
    return Entry(email, ours if ours in REASONS else USER, status)


def _read_mailjet(email: str, c: dict, header: list[str]) -> Entry:
    flag = next((c[h] for h in _MAILJET_FLAGS if h in c), "")
    if flag.strip().lower() not in _TRUE:
        return Entry(email, None, "not excluded")
    return Entry(email, USER, "excluded from campaigns")


_SES_IN = {"BOUNCE": BOUNCE, "COMPLAINT": COMPLAINT}
# SES knows only these two: an address you blocked by hand goes in as a complaint (its owner wants no mail).
_SES_OUT = {BOUNCE: "BOUNCE", COMPLAINT: "COMPLAINT", USER: "COMPLAINT"}


def _read_ses(email: str, c: dict, header: list[str]) -> Entry:
    raw = c.get("reason", "").strip()
    return Entry(email, _SES_IN.get(raw.upper(), USER), raw, c.get("lastupdatetime", "").strip())


def _read_ses_json(doc: dict) -> Iterator[Entry]:
    for item in doc["SuppressedDestinationSummaries"]:
        if not isinstance(item, dict):
            continue
        raw = str(item.get("Reason") or "")
        yield Entry(_clean(str(item.get("EmailAddress", ""))), _SES_IN.get(raw.upper(), USER), raw,
                    str(item.get("LastUpdateTime") or ""))  # fmt: skip


_READERS: dict[str, Callable[[str, dict, list[str]], Entry]] = {
    "mailchimp": _read_mailchimp, "brevo": _read_brevo, "sendy": _read_sendy, "listmonk": _read_listmonk,
    "mailjet": _read_mailjet, "ses": _read_ses,
}  # fmt: skip


# --- writing -------------------------------------------------------------------------------


def _own(entry: Entry, reason_of: Callable[[str], str | None], default: dict[str, str]) -> str:
    """The tool's word for the entry: its own when it still means the same, else ours mapped."""
    if entry.raw_status and reason_of(entry.raw_status) == entry.reason:
        return entry.raw_status
    return default[entry.reason or USER]


def _stamp(now: float | None) -> str:
    return datetime.fromtimestamp(now if now is not None else datetime.now(UTC).timestamp(), UTC).strftime(
        "%Y-%m-%d %H:%M:%S")  # fmt: skip


def write(fmt: Format | str, entries: Iterable[Entry], fh: TextIO, *, now: float | None = None) -> int:
    """Write the entries (those with a reason: the blocked ones) as `fmt` imports them; returns the count."""
    f = get_format(fmt) if isinstance(fmt, str) else fmt
    blocked = (e for e in entries if e.reason is not None)
    if f.key == "plain":
        n = 0
        for e in blocked:
            fh.write(inert_cell(e.email) + "\r\n")
            n += 1
        return n
    w = csv.writer(fh, lineterminator="\r\n")

    def row(*cells: str) -> None:
        w.writerow([inert_cell(c) for c in cells])

    n = 0
    if f.key == "mailchimp":
        row("Email Address", "CLEAN_TIME", "UNSUB_TIME", "UNSUB_REASON")
        for e in blocked:
            words = _own(e, lambda s: _mailchimp_reason(*[*s.split(": ", 1), ""][:2]),
                         {BOUNCE: "cleaned", USER: "unsubscribed",
                          COMPLAINT: "unsubscribed: The emails are spam and should be reported"})  # fmt: skip
            status, _, why = words.partition(": ")
            at = e.at or _stamp(now)
            row(e.email, at if status == "cleaned" else "", at if status == "unsubscribed" else "", why)
            n += 1
    elif f.key == "brevo":
        row("EMAIL", "EMAIL_BLACKLISTED", "REASON", "BLOCKED_AT")
        for e in blocked:
            code = _own(e, lambda s: _BREVO_CODES.get(s, USER), _BREVO_OUT)
            row(e.email, "Yes", code, e.at)
            n += 1
    elif f.key == "sendy":
        row("Name", "Email", "Status")
        for e in blocked:
            row("", e.email, _own(e, lambda s: _SENDY_STATUS.get(s.lower()), _SENDY_OUT))
            n += 1
    elif f.key == "listmonk":
        row("email", "name", "attributes", "status")
        for e in blocked:
            row(e.email, "", json.dumps({"bouncedesk_reason": e.reason}), "blocklisted")
            n += 1
    elif f.key == "mailjet":
        row("email", "is_excluded_from_campaigns")
        for e in blocked:
            row(e.email, "true")
            n += 1
    elif f.key == "ses":
        row("EmailAddress", "Reason")
        for e in blocked:
            row(e.email, _own(e, lambda s: _SES_IN.get(s.upper(), USER), _SES_OUT))
            n += 1
    return n


# --- the store ---------------------------------------------------------------------------


def store_entries(conn, *, include_inactive: bool = False, inactive_only: bool = False) -> Iterator[Entry]:
    """The store's suppressions (and inactive addresses) as entries: a user's suppression is USER,
    one by a complaint COMPLAINT, any other (hard bounce, exhausted retries) BOUNCE."""
    from bouncedesk.store.queries import suppression_why_sql

    states = (
        ("inactive",)
        if inactive_only
        else ("suppressed", "inactive")
        if include_inactive
        else ("suppressed",)
    )
    kind_sql = (
        "(SELECT x.kind FROM events e JOIN results x ON x.id = e.result_id WHERE e.recipient_id = recipients.id"
        " AND e.to_state = 'suppressed' AND coalesce(e.from_state, '') != 'suppressed' AND e.undoes IS NULL"
        " AND e.undone_by IS NULL ORDER BY e.id DESC LIMIT 1)"
    )
    marks = ",".join("?" * len(states))
    for email, state, key, kind in conn.execute(
        f"SELECT email, state, {suppression_why_sql('recipients')}, {kind_sql} FROM recipients"
        f" WHERE state IN ({marks}) ORDER BY email", states,
    ):  # fmt: skip
        if state == "suppressed" and (key == "user" or key.startswith("import|")):
            reason = USER
        elif state == "suppressed" and kind == "complaint":
            reason = COMPLAINT
        else:
            reason = BOUNCE
        yield Entry(email, reason)  # no time: the file is stamped when it is written


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    tool: str
    dry_run: bool = False
    suppressed: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    not_blocked: int = 0  # listed by the tool as still subscribed: left alone
    duplicates: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def addresses(self) -> int:
        return len(self.suppressed) + len(self.already) + len(self.errors)

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        text = f"{verb} {len(self.suppressed)} address{'es' * (len(self.suppressed) != 1)} from {self.tool}"
        parts = [f"{len(self.invalid)} invalid"] if self.invalid else []
        if self.already:
            parts.append(f"{len(self.already)} already suppressed")
        if self.not_blocked:
            parts.append(f"{self.not_blocked} not blocked in {self.tool} (left alone)")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate{'s' * (self.duplicates != 1)}")
        if self.errors:
            parts.append(f"{len(self.errors)} not done")
        return text + (": " + ", ".join(parts) if parts else "")


def read_file(path: str, fmt: str | None = None) -> tuple[Format, list[Entry]]:
    """Detect (unless `fmt` names it) and read a list file; InputError for an unreadable one."""
    from pathlib import Path

    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_LIST_BYTES:
            raise InputError(f"{p.name} is too big for an address list ({size // 1048576} MB)")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = decode(data)
        f = detect(text) if fmt in (None, "auto") else get_format(fmt)
        entries = list(read(text, f))
    except InputError as exc:
        raise InputError(f"{p.name}: {exc}") from exc
    if not entries:
        raise InputError(f"found no e-mail address in {p.name}")
    return f, entries


def suppress_entries(
    acts, entries: Iterable[Entry], now: int, tool: str, *, dry_run: bool = False
) -> ImportReport:
    """Suppress every blocked, valid address through `acts.suppress` (one undoable event each)."""
    from bouncedesk import store
    from bouncedesk.store.queries import IMPORTED_FROM

    report = ImportReport(tool, dry_run)
    seen: set[str] = set()
    for e in entries:
        if e.reason is None:
            report.not_blocked += 1
            continue
        if not valid_address(e.email):
            report.invalid.append(e.email)
            continue
        if e.email in seen:
            report.duplicates += 1
            continue
        seen.add(e.email)
        rec = store.get_recipient(acts.conn, e.email)
        if rec is not None and rec.state == "suppressed":
            report.already.append(e.email)
            continue
        if dry_run:
            report.suppressed.append(e.email)
            continue
        why = f"{IMPORTED_FROM}{tool}" + (f" ({e.raw_status})" if e.raw_status else "")
        try:
            out = acts.suppress(e.email, now, why=why[:300])
            report.suppressed.append(out.address)
        except BounceDeskError as exc:
            report.errors.append((e.email, str(exc)))
    return report
