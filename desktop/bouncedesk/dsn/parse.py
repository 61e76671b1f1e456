"""Bytes of one message in, everything the parser can tell out. Never raises for bad input.

Every part of the input is capped (header values, decoded parts, fields, recipients) and every
scanner is linear in what it reads, so a message costs time in proportion to its size; on top of
that, a time budget (dsn.budget) stops a message that still takes too long. A message naming more
recipients than MAX_RECIPIENTS yields the first ones and says so in `error`.
"""

from __future__ import annotations

import bisect
import re
from email.message import Message

from bouncedesk.dsn import amazonses_json, arf, autoreply, fml, googlegroups, original, rfc3464, textbounce
from bouncedesk.dsn.budget import OverBudget, check
from bouncedesk.dsn.fields import (
    ADDRESS,
    REPLY_AT_START,
    clean_address,
    find_command,
    find_reply_code,
    iso_date,
)
from bouncedesk.dsn.lightmime import Part
from bouncedesk.dsn.mime import (
    content_type,
    decode_words,
    normalize_newlines,
    parse_bytes,
    part_text,
    strip_html,
    walk_leaves,
)
from bouncedesk.dsn.model import NONE, UNPARSEABLE, Finding, OriginalMessage, ParsedMessage
from bouncedesk.dsn.sniff import not_mail_reason  # a PDF or random bytes is not a non-bounce

_DS_TYPES = ("message/delivery-status", "message/global-delivery-status")
_ORIGINAL_TYPES = ("message/rfc822", "message/global", "text/rfc822-headers", "message/rfc822-headers",
                   "text/rfc822", "message/global-headers")
_HEADERS_OF_INTEREST = ("from", "to", "subject", "return-path", "auto-submitted", "x-failed-recipients",
                        "x-autoreply", "x-autorespond", "x-autoresponder", "precedence", "content-type",
                        "x-apple-unsubscribe", "x-mlserver")


_REFS_CAP = 20_000  # characters of In-Reply-To/References kept (message_id_keys reads at most 50 ids)


def parse_message(data: bytes) -> ParsedMessage:
    """Parse one message; a message we cannot read comes back as 'unparseable' with the reason."""
    if not isinstance(data, bytes | bytearray) or not data.strip():
        return ParsedMessage(outcome=UNPARSEABLE, error="empty message")
    try:
        data = normalize_newlines(bytes(data))
        not_mail = not_mail_reason(data)
        return ParsedMessage(outcome=UNPARSEABLE, error=not_mail) if not_mail else _parse(data)
    except OverBudget as exc:
        return ParsedMessage(outcome=UNPARSEABLE, error=str(exc))
    except Exception as exc:  # a parser bug must not lose the message: store it as unparseable
        return ParsedMessage(outcome=UNPARSEABLE, error=f"parser error: {type(exc).__name__}: {exc}"[:300])


def _valid_text(result: ParsedMessage) -> ParsedMessage:
    """Every string the parser hands out encodes as UTF-8: a lone surrogate (a byte the decoder kept as
    an escape, a \\udXXX a sender wrote) becomes U+FFFD, so `--json` output and the store never fail."""
    for obj in (result, result.original, *result.findings):
        if obj is None:
            continue
        for name in obj.__slots__:
            value = getattr(obj, name)
            if isinstance(value, str) and not value.isascii():
                setattr(obj, name, _utf8_safe(value))
            elif isinstance(value, dict):
                for k, v in list(value.items()):
                    if isinstance(v, str) and not v.isascii():
                        value[k] = _utf8_safe(v)
    return result


def _utf8_safe(text: str) -> str:
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse(data: bytes, nested: bool = False) -> ParsedMessage:
    msg = parse_bytes(data)
    if not msg.keys():
        return ParsedMessage(outcome=UNPARSEABLE, error="no mail headers found")
    first: dict[str, str] = {}
    for name, value in msg.items():  # one pass; the first occurrence of a field wins
        first.setdefault(name.lower(), value)
    headers = {k: decode_words(str(first[k])) for k in _HEADERS_OF_INTEREST if k in first}
    subject = headers.get("subject", "")
    sender = clean_address(headers.get("from"))
    result = ParsedMessage(
        outcome=NONE,
        message_id=(decode_words(str(first.get("message-id", ""))) or None),
        subject=subject or None,
        sender=sender,
        date=iso_date(decode_words(str(first.get("date", "")))),
        refs=" ".join(str(first.get(k, ""))[:_REFS_CAP] for k in ("in-reply-to", "references")).strip(),
    )

    ds_texts, fb_texts, texts, html = [], [], [], []
    ds_count = 0  # recipient blocks in the delivery-status parts, read or not
    orig_part: Message | None = None
    for part in walk_leaves(msg):
        check()
        ctype = content_type(part)
        if ctype in _DS_TYPES:
            ds_texts.append(_ds_text(part))
            ds_count += _count_recipient_blocks(part)
        elif ctype == "message/feedback-report":
            fb_texts.append(part_text(part) if not part.is_multipart() else _ds_text(part))
        elif ctype in _ORIGINAL_TYPES:
            orig_part = orig_part or part
        elif orig_part is None and (ctype == "text/plain" or ctype.startswith("multipart/")):
            # A multipart whose boundary never shows up is read as text (its parts are still in there).
            texts.append(part_text(part))
        elif orig_part is None and ctype == "text/html":
            html.append(part_text(part))
    if not ds_texts and not fb_texts and orig_part is not None and not nested:
        inner = _attached_report(orig_part)
        if inner is not None:
            inner.message_id, inner.subject, inner.sender, inner.date, inner.refs = (
                result.message_id, result.subject, result.sender, result.date, result.refs)
            return inner if data.isascii() else _valid_text(inner)
    body = "\n".join(texts) if texts else strip_html("\n".join(html))
    check()
    report, quoted = textbounce.split_original(body)
    orig = original.from_part(orig_part) if orig_part is not None else None
    if orig is None and quoted.strip():
        orig = original.from_text(_after_marker(quoted))
    result.original = orig
    orig_to = orig.to if orig else None

    if fb_texts:
        result.findings = arf.findings_from_report("\n\n".join(fb_texts), orig_to, sender)
        result.format = "arf"
    if not result.findings:
        result.findings = arf.complaint_without_report(subject, headers, sender, orig_to)
        result.format = "complaint" if result.findings else ""
    if not result.findings and not ds_texts and amazonses_json.looks_like(body):
        result.findings, ses_orig = amazonses_json.read(body)
        result.format = "amazonses-json" if result.findings else ""
        if result.findings and ses_orig:
            result.original = ses_orig
    if not result.findings and ds_texts:
        result.findings, named = _from_delivery_status(ds_texts, report)
        _fill_recipients(result.findings, report, _exclusions(headers, orig))
        result.format = "rfc3464" if result.findings else ""
        result.error = _recipients_note(len(result.findings), max(named, ds_count))
    check()
    if not result.findings:
        inline = _inline_dsn(body)
        if inline and all(f.recipient for f in inline):
            before_fields = _ReportText(report[: report.find("Final-Recipient")] if "Final-Recipient" in report
                                        else report)
            whole = _ReportText(report)
            for f in inline:
                check()
                if not f.diagnostic or not (f.status or find_reply_code(f.diagnostic)):
                    _enrich_from_text(f, before_fields)
                if not f.command:
                    f.command = _stage_near_recipient(whole, f.recipient)
            result.findings = inline
            result.format = "rfc3464-inline"
    if not result.findings and googlegroups.matches(headers, sender, report):
        result.findings = googlegroups.findings(headers, report, orig_to)
        result.format = "googlegroups" if result.findings else ""
    if not result.findings and not ds_texts and fml.matches(headers):
        result.findings = fml.findings(headers, report)
        result.format = "fml" if result.findings else ""
    if not result.findings and (ds_texts or textbounce.is_bounce(headers, subject, sender, report)):
        result.findings, named = textbounce.findings_from_text(report, headers, _exclusions(headers, orig), orig_to)
        result.format = "text"
        result.error = _recipients_note(len(result.findings), named)
    if not result.findings and autoreply.looks_like_auto_reply(headers, subject, body):
        result.findings = [autoreply.auto_reply_finding(sender, body)]
        result.format = "rfc3834"
    if len(result.findings) > MAX_RECIPIENTS:  # the formats that read every recipient named (ARF, SES)
        result.error = _recipients_note(MAX_RECIPIENTS, len(result.findings))
        del result.findings[MAX_RECIPIENTS:]
    if result.findings:
        result.outcome = "report"
    # Only bytes outside ASCII can come out as lone surrogates (RFC 6533 escapes are decoded safely).
    return result if data.isascii() else _valid_text(result)


MAX_RECIPIENTS = textbounce.MAX_RECIPIENTS


def _recipients_note(read: int, named: int) -> str:
    """What a report with more recipients than we read says about it ("" when all were read)."""
    return f"first {read} of {named} recipients read; the rest were not" if named > read > 0 else ""


_FINAL_RECIPIENT = re.compile(rb"(?im)^final-recipient[ \t]*:")


def _count_recipient_blocks(part: Message) -> int:
    """Recipient blocks (Final-Recipient fields) in a delivery-status part's raw bytes, past the decoding cap too."""
    if not isinstance(part, Part) or part.is_multipart():
        return 0
    return len(_FINAL_RECIPIENT.findall(part.body_bytes()))


def _attached_report(part: Message) -> ParsedMessage | None:
    """A gateway that forwards the bounce it got as an attachment: the attached DSN is the real report."""
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if inner is None or isinstance(inner, str) or content_type(inner) != "multipart/report":
        return None
    try:
        parsed = _parse(inner.as_bytes(), nested=True)
    except Exception:  # an attachment we cannot re-serialise: read the outer text instead
        return None
    return parsed if parsed.findings and parsed.format == "rfc3464" else None


def _exclusions(headers: dict[str, str], orig: OriginalMessage | None) -> set[str]:
    """Addresses a text report names that are not failed recipients: the bounce's own To/From, the sender."""
    exclude = {a.lower() for a in ADDRESS.findall(headers.get("to", "") + " " + headers.get("from", ""))}
    if orig and orig.sender:
        exclude.add(orig.sender)
    return exclude


def _fill_recipients(findings: list[Finding], report: str, exclude: set[str]) -> None:
    """A DSN block whose Final-Recipient is unreadable ("rfc822; @host"): the text part names the address."""
    missing = [f for f in findings if not f.recipient]
    if not missing or not report.strip():
        return
    known = {f.recipient for f in findings}
    named = [a for a in textbounce.entry_addresses(report, exclude) if a not in known]
    if len(named) == len(missing):
        for f, addr in zip(missing, named, strict=True):
            f.recipient = addr


_INLINE_START = re.compile(r"(?im)^(?:Reporting-MTA|Final-Recipient|Original-Recipient):")
_INLINE_MAX = 8000


def _inline_dsn(body: str) -> list[Finding]:
    """Delivery-status fields written into the text itself (lost MIME structure, text/plain reports)."""
    m = _INLINE_START.search(body)
    if not m:
        return []
    return rfc3464.findings_from_fields(rfc3464.split_blocks(body[m.start(): m.start() + _INLINE_MAX]))[0]


def _ds_text(part: Message) -> str:
    """The delivery-status part's fields as text, whether the email package split it into blocks or not."""
    payload = part.get_payload()
    if not isinstance(payload, list):
        return part_text(part)
    if content_type(part) == "message/delivery-status":
        return "\n\n".join("\n".join(f"{k}: {v}" for k, v in block.items()) for block in payload)
    # Other report types were read as one nested message: undo that, then the transfer encoding.
    raw = "\n".join(p.as_string() for p in payload)
    cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if cte in ("quoted-printable", "base64"):
        from email.message import Message as _M

        leaf = _M()
        leaf["Content-Transfer-Encoding"] = cte
        leaf.set_payload(raw)
        return part_text(leaf)
    return raw


def _from_delivery_status(ds_texts: list[str], report: str) -> tuple[list[Finding], int]:
    """Findings of the first MAX_RECIPIENTS recipient blocks, and how many blocks there are."""
    findings: list[Finding] = []
    named = 0
    for text in ds_texts:
        blocks = rfc3464.split_blocks(text)
        found, count = rfc3464.findings_from_fields(blocks, MAX_RECIPIENTS - len(findings))
        findings.extend(found)
        named += count
    text = _ReportText(report)
    everyone = {f.recipient for f in findings if f.recipient}
    if len(findings) == 1 and text.lines:
        findings[0].extra["human"] = text.context  # the people's part: the classifier weighs a contradiction
    for f in findings:
        check()
        if not f.diagnostic or not (f.status or find_reply_code(f.diagnostic)):
            _enrich_from_text(f, text, everyone - {f.recipient})
        if not f.command and text.lines:
            f.command = _stage_near_recipient(text, f.recipient)
    return findings, named


class _ReportText:
    """The human-readable part as lines, lower-cased once, with where each line starts: to find the
    lines naming a recipient with a few string searches instead of lower-casing every line per recipient."""

    def __init__(self, report: str) -> None:
        self.report = report
        self.lines = report.split("\n") if report.strip() else []
        self.low = report.lower() if self.lines else ""
        self._starts: list[int] | None = None
        self._context: str | None = None
        self._command: str | None = None

    def mentions(self, needle: str, limit: int) -> list[int]:
        """Indices of the first `limit` lines that contain `needle` (lower case)."""
        if not needle or not self.lines:
            return []
        if self._starts is None:
            self._starts, pos = [], 0
            for ln in self.lines:
                self._starts.append(pos)
                pos += len(ln) + 1
        low_lines = self.low.split("\n") if len(self.low) != len(self.report) else None
        if low_lines is not None:  # lower-casing changed some lengths: read line by line
            return [i for i, ln in enumerate(low_lines) if needle in ln][:limit]
        out: list[int] = []
        pos = self.low.find(needle)
        while pos >= 0 and len(out) < limit:
            line = bisect.bisect_right(self._starts, pos) - 1
            out.append(line)
            pos = self.low.find(needle, self._starts[line + 1]) if line + 1 < len(self._starts) else -1
        return out

    @property
    def context(self) -> str:
        if self._context is None:
            self._context = " ".join(self.report.split())[:4000]
        return self._context

    @property
    def command(self) -> str:
        if self._command is None:
            self._command = find_command(self.report)
        return self._command


def _stage_near_recipient(text: _ReportText, recipient: str | None, span: int = 8) -> str:
    """The SMTP stage told about one recipient in the human-readable part, "" when none is.

    Each mention of the recipient is read up to the next blank-line gap, with a transcript's command
    line (">>> DATA") just before it; the first mention that names a stage decides.
    """
    if not recipient:
        return ""
    lines = text.lines
    for idx in text.mentions(recipient, 5):
        out = [ln.strip() for ln in lines[max(idx - 2, 0): idx] if ln.lstrip().startswith((">>>", "<<<"))]
        for j, ln in enumerate(lines[idx: idx + span]):
            if j and not ln.strip():
                break
            out.append(ln.strip())
        stage = find_command(" ".join(out))
        if stage:
            return stage
    return ""


def _enrich_from_text(f: Finding, report: _ReportText, others: set[str] | None = None) -> None:
    """A DSN without a diagnostic: the human-readable part often carries the server's words.

    They run from the recipient's first mention for a few lines, up to the line naming another recipient.
    """
    if not report.lines:
        return
    lines = report.lines
    idx = next(iter(report.mentions(f.recipient or "", 1)), -1)
    near = ""
    if idx >= 0:
        window = lines[idx: idx + 8]
        if others:
            end = next((k for k, ln in enumerate(window) if k and _names_one_of(ln, others)), len(window))
            window = window[:end]
        near = "\n".join(window)
    text = " ".join(near.split()) if near else ""
    if text and not f.diagnostic:
        f.diagnostic = _labelled_reply(lines, idx, f.recipient or "") or text
    f.extra.setdefault("context", report.context)
    if not f.reply_code:
        f.reply_code = find_reply_code(near)
    if not f.command:
        f.command = find_command(near) if near else report.command
    if f.status_source != "text":
        f.status, f.status_source = rfc3464.best_status(f.status if f.status_source == "dsn" else "",
                                                        f.diagnostic or text, f.reply_code)


def _labelled_reply(lines: list[str], idx: int, recipient: str) -> str:
    """The remote server's reply on a line labelled with the recipient ("addr: 550 5.1.1 ...", OpenSMTPD),
    with the lines that continue it up to a blank one: the same words a Diagnostic-Code would carry,
    without the label or the report's own text after it. "" when the line has no such shape."""
    line = lines[idx].strip()
    if not recipient or not line.lower().lstrip("<").startswith(recipient):
        return ""
    rest = line.lstrip("<")[len(recipient):].lstrip(">").lstrip()
    if not rest.startswith(":") or not REPLY_AT_START.match(rest[1:]):
        return ""
    out = [rest[1:].strip()]
    for ln in lines[idx + 1: idx + 8]:
        if not ln.strip() or ADDRESS.match(ln.strip()):
            break
        out.append(ln.strip())
    return " ".join(" ".join(out).split())


def _names_one_of(line: str, addresses: set[str]) -> bool:
    """The line names one of the addresses (for many addresses: the line's own addresses are looked up)."""
    low = line.lower()
    if len(addresses) < 50:
        return any(a in low for a in addresses)
    return any(a.strip(".") in addresses for a in ADDRESS.findall(low))


def _after_marker(quoted: str) -> str:
    """Drop the marker line itself and any blank lines before the quoted headers."""
    lines = quoted.split("\n")
    skip, dropped = 0, 0
    while skip < len(lines) and not _looks_like_header(lines[skip]):
        dropped += len(lines[skip])
        skip += 1
        if skip < len(lines) and dropped + len(lines) - 1 > 400:  # (every newline counts as dropped)
            break
    return "\n".join(lines[skip:])


def _looks_like_header(line: str) -> bool:
    return bool(line) and ":" in line[:40] and not line[:1].isspace() and " " not in line.split(":", 1)[0]
