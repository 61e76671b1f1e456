"""Bounces written for people, not machines: find who failed and the server's words in plain text.

Works for qmail, Exim, Sendmail transcripts, Courier, Exchange, webmail providers and the many
others that send no RFC 3464 part: split the report from the quoted original, find recipient
entries by the shapes servers use, and take the lines that belong to each as its diagnostic.
"""

from __future__ import annotations

import bisect
import re

from bouncedesk.dsn.budget import check
from bouncedesk.dsn.fields import (
    ADDRESS,
    ADDRESS_PART,
    MAX_DIAGNOSTIC,
    find_command,
    find_failure_reply,
    find_reply_code,
    find_status,
    lowered,
)
from bouncedesk.dsn.model import BOUNCE, DELAY, Finding

# Where the quoted original message starts inside a text report.
_ORIGINAL_MARKER = re.compile(
    r"(?im)^[ \t]*(?:[-=_*#>]{2,}[ \t]*)?"
    r"(?:below this line is a copy of the message|this is a copy of the (?:original )?message|"
    r"(?:a )?copy of (?:the )?(?:original|returned|undelivered) message|"
    r"original message(?: headers)?(?: follows?)?|returned (?:message|mail)(?: follows)?|"
    r"unsent message(?: follows)?|undelivered message(?: headers)?(?: follows)?|"
    r"message headers follow|header of the original message|headers of (?:the )?(?:original|returned) message|"
    r"the (?:original )?message (?:headers )?(?:was|were|is) (?:attached|as follows)|rejected message|"
    r"bounced e-?mail|original message header|--- original message ---|"
    r"the headers of your message(?: are| were)?(?: as follows)?|"
    r"your message (?:reads|was)(?: \(in part\))?:?$|"
    r"following is a copy of the message)"
    r"[^\n]*$"
)
_HEADER_LINE = re.compile(r"^(?:Return-Path|Received|Message-I[Dd]|Date|From|To|Subject|MIME-Version|Content-Type|"
                          r"X-[A-Za-z0-9-]+|DKIM-Signature|Reply-To|Delivered-To|Sender|Cc):[ \t]")
_STRONG_KEYS = re.compile(r"^(?:Return-Path|Received|Message-I[Dd]|MIME-Version|DKIM-Signature|Delivered-To):",
                          re.I)

_DAEMON_LOCAL = re.compile(r"^(?:mailer-daemon|post_?master|mail-daemon|maildaemon|mdaemon|mail\.daemon|"
                           r"bounce[s]?|double-bounce|nobody|noreply|no-reply|root|abuse|hostmaster)$", re.I)
_SUBJECT_BOUNCE = re.compile(
    r"(?i)(undeliver|undelivered|not (?:be )?delivered|delivery (?:status|failure|failed|problem|report|notification)|"
    r"failure notice|returned mail|return(?:ed)? to sender|mail delivery|delivery has failed|could not be delivered|"
    r"nondeliverable|non-delivery|non remis|unzustellbar|nicht zustellbar|zustellung|bounce|"
    r"mail system error|message not delivered|delivery notification|failed delivery|rejected|"
    r"warning: could not send|delayed mail|delivery delay|permanent error|error sending|mail failure|"
    r"notification d'état|échec|不達|未配信|エラー|配信)"
)
_BODY_BOUNCE = lowered(
    r"(?i)(could not be delivered|couldn't be delivered|was not delivered|wasn't delivered|not be delivered|"
    r"delivery (?:to the following|has failed|failed|attempts? failed|of your message|is delayed|problem)|"
    r"undeliverable|unable to deliver|permanent(?:ly)? (?:fatal )?error|fatal errors?|failed recipient|"
    r"message (?:could not|was not|can ?not) be (?:delivered|sent)|following (?:address|recipient)|"
    r"returned to sender|rejected (?:your|the) message|user unknown|unknown user|no such user|"
    r"mailbox (?:is )?(?:full|unavailable|not found)|host (?:or domain name )?not found|"
    r"smtp error|remote (?:host|server) (?:said|returned)|retry timeout|giving up|i'm afraid i wasn't able|"
    r"did not reach|an error occurred while trying to deliver|transcript of session|"
    r"delivery notification|delayed|temporarily deferred|will be retried|nicht zugestellt|"
    r"konnte nicht zugestellt|unzustellbar|non remis|n'a pas pu être remis|送信できません|届きませんでした)"
)
_DELAY_TEXT = lowered(
    r"(?i)(has not yet been delivered|not been delivered yet|delivery (?:is |has been )?delayed|"
    r"will (?:continue to )?(?:be )?retr(?:y|ied)|still trying|warning: message .* delayed|"
    r"this is (?:just )?a warning|no action is required|temporarily deferred|delayed mail)"
)
_PERMANENT_TEXT = lowered(r"(?i)(permanent(?:ly)? (?:fatal )?error|i've given up|have given up|gave up|"
                             r"could not be delivered|was not delivered|undeliverable)")

# Shapes of a recipient entry, strongest first. Group "a" is the address, group "rest" what follows it.
_A = r"(?P<a>" + ADDRESS.pattern + r")"
_ENTRY_SHAPES = [
    re.compile(r"^\s*<" + _A + r">\s*[:.]?\s*(?P<rest>.*)$"),  # qmail "<user@host>:" and kin
    re.compile(r"^\s*[245]\d\d[ -]<?(?P<a>" + ADDRESS_PART + r")>?\.\.\.\s*(?P<rest>.*)$"),  # sendmail "550 <user@host>... why"
    re.compile(r"^\s*\"?" + _A + r"\"?:?\s*$"),  # Exim: the address alone on an indented line; GMX: "addr":
    re.compile(r"^\s*" + _A + r" on (?:\w{3}, )?\d{1,2}[ /]"),  # Exchange 5.5-2003: "user@host on 29 Apr 2007 ..."
    re.compile(r"^\s*" + _A + r"\s*(?:\.\.\.|:|\s-\s|\()\s*(?P<rest>.+)$"),  # "user@host... User unknown"
    re.compile(r"(?i)RCPT TO:?\s*<?" + _A + r">?(?P<rest>.*)$"),
    re.compile(r"(?i)(?:original|final)[- ]recipient:?\s*(?:rfc822;)?\s*<?" + _A + r">?(?P<rest>.*)$"),
    re.compile(r"(?i)(?:recipient|address|addressee|user|mailbox|to|for|an|destinataire|empfänger|"
               r"delivered to|delivery to|deliver to|failed|unknown)[^\n@]{0,40}?[\s:<\"'(\[]" + _A + r"(?P<rest>.*)$"),
]
_STRONG_SHAPES = 4  # "<addr>:" (qmail), "550 <addr>... why" (sendmail), the address alone (Exim), and "addr on date"
_ANY_ADDRESS = re.compile(r"<?" + _A + r">?(?P<rest>.*)$")
_MAX_DIAG_LINES = 12
MAX_RECIPIENTS = 1000  # findings one message may yield: more are counted and noted, not read
_MAX_HEADER = 64 * 1024  # characters of X-Failed-Recipients read


def split_original(text: str) -> tuple[str, str]:
    """(report, quoted original) — the original starts at a marker or at the first block of mail headers."""
    cut = len(text)
    m = _ORIGINAL_MARKER.search(text)
    if m:
        cut = m.start()
    lines = text[:cut].split("\n")
    pos = 0
    for i, line in enumerate(lines):
        if _HEADER_LINE.match(line) and i > 0:
            run = lines[i:i + 6]
            heads = [x for x in run if _HEADER_LINE.match(x) or x[:1] in (" ", "\t")]
            if len(heads) >= 3 and any(_STRONG_KEYS.match(x) for x in run):
                return text[:pos], text[pos:]
        pos += len(line) + 1
    return text[:cut], text[cut:]


def is_bounce(headers: dict[str, str], subject: str, sender: str | None, report: str) -> bool:
    """Enough signals that a mail server (not a person) is reporting a delivery problem."""
    local = (sender or "").split("@")[0]
    from_daemon = bool(_DAEMON_LOCAL.match(local)) or bool(
        re.search(r"(?i)mail delivery (?:sub)?system|mailer-daemon|postmaster", headers.get("from", "")))
    null_path = headers.get("return-path", "").strip() in ("<>", "")  and "return-path" in headers
    subject_says = bool(_SUBJECT_BOUNCE.search(subject))
    body_says = bool(_BODY_BOUNCE.search(report[:20000].lower()))
    if headers.get("x-failed-recipients"):
        return True
    if body_says and (from_daemon or subject_says or null_path):
        return True
    return from_daemon and subject_says


def findings_from_text(report: str, headers: dict[str, str], exclude: set[str],
                       original_to: str | None) -> tuple[list[Finding], int]:
    """One finding per failed recipient named in the report text, for the first MAX_RECIPIENTS of
    them; and how many recipients the text names in all."""
    lines = [ln.rstrip() for ln in report.split("\n")]
    entries = _find_entries(lines, exclude)
    if not entries:
        failed = [a.strip().lower() for a in ADDRESS.findall(headers.get("x-failed-recipients", "")[:_MAX_HEADER])]
        entries = [(-1, a, "") for a in failed]
    if not entries:
        entries = _loose_entries(lines, exclude)
    if not entries:
        entries = [(-1, original_to, "")]
    first_seen: dict[str | None, int] = {}
    for i, addr, _ in entries:
        first_seen.setdefault(addr, i)
    # A block runs to the next *other* recipient: "RCPT TO:<same address>" inside it is no new entry.
    entries = [e for e in entries if first_seen[e[1]] == e[0]]
    starts = sorted({i for i, _, _ in entries if i >= 0})
    shared = _Shared(lines)
    low = "\n".join(lines).lower()
    delayed = bool(_DELAY_TEXT.search(low)) and not _PERMANENT_TEXT.search(low)
    findings = []
    seen: set[str | None] = set()
    for idx, addr, rest in entries:
        if addr in seen:
            continue
        seen.add(addr)
        if len(seen) > MAX_RECIPIENTS:
            continue  # counted, not read
        check()
        if idx >= 0 and _ENTRY_SHAPES[1].match(lines[idx]):
            diag = _transcript_entry(lines, idx, rest)
        else:
            diag = _block(lines, idx, rest, starts) if idx >= 0 else ""
            if idx >= 0 and not diag:
                diag = _lines_above(lines, idx, starts)
        diag = diag[:MAX_DIAGNOSTIC]
        if not (find_status(diag) or find_reply_code(diag)):
            diag = (diag + "\n" + shared.codes_context).strip() if diag else shared.codes_context
        reply = find_failure_reply(diag) or find_failure_reply(" ".join(diag.split()))  # "said: 550\n<addr>"
        status = find_status(diag, reply[:1])
        kind = DELAY if (delayed and not status.startswith("5") and not reply.startswith("5")) else BOUNCE
        findings.append(Finding(
            kind=kind,
            recipient=addr,
            action="delayed" if kind == DELAY else "failed",
            status=status,
            status_source="text" if status else "",
            reply_code=reply,
            command=find_command(diag) or shared.context_command,
            diagnostic=" ".join(diag.split()),
            extra={"context": shared.context},
        ))
    return findings, len(seen)


class _Shared:
    """What every recipient of one report shares, worked out once (not once per recipient)."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._codes: str | None = None
        self._context: str | None = None
        self._command: str | None = None

    @property
    def codes_context(self) -> str:
        if self._codes is None:
            self._codes = _codes_context(self._lines)
        return self._codes

    @property
    def context(self) -> str:
        if self._context is None:
            self._context = _context(self._lines)
        return self._context

    @property
    def context_command(self) -> str:
        if self._command is None:
            self._command = find_command(self.context)
        return self._command


def entry_addresses(report: str, exclude: set[str]) -> list[str]:
    """The failed recipients a text report names, in order, each once."""
    seen: dict[str, None] = {}
    for _, addr, _ in _find_entries([ln.rstrip() for ln in report.split("\n")], exclude):
        seen.setdefault(addr, None)
    return list(seen)


# "For further assistance, please contact <postmaster@...>": an address to write to, not a failed one.
_CONTACT = re.compile(r"(?i)\b(?:contact|write to|send mail to|e-?mail us|reach us|questions?)\b[^@]{0,40}$")


def _find_entries(lines: list[str], exclude: set[str]) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    own: list[tuple[int, str, str]] = []  # strong entries naming an excluded address (the bounce's addressee)
    for i, line in enumerate(lines):
        if not i & 255:
            check()
        if "@" not in line or _CONTACT.search(line[: line.find("@")]):
            continue
        for n, shape in enumerate(_ENTRY_SHAPES):
            m = shape.search(line)
            if m:
                addr = _norm(m.group("a"))
                if addr and not _is_daemon(addr):
                    entry = (i, addr, m.groupdict().get("rest") or "")
                    if addr not in exclude:
                        found.append(entry)
                    elif n < _STRONG_SHAPES:
                        own.append(entry)
                break
    # Mail sent to oneself comes back to its own recipient: a strong entry shape naming the bounce's
    # addressee counts, but only when no other recipient is named (a refused sender is named the same way).
    return found or own


def _loose_entries(lines: list[str], exclude: set[str]) -> list[tuple[int, str, str]]:
    """Last resort: the first address in the report that is neither ours nor a daemon's."""
    for i, line in enumerate(lines):
        for m in _ANY_ADDRESS.finditer(line):
            addr = _norm(m.group("a"))
            if addr and addr not in exclude and not _is_daemon(addr):
                return [(i, addr, m.group("rest"))]
    return []


def _block(lines: list[str], idx: int, rest: str, starts: list[int]) -> str:
    """The rest of the entry's line and the lines after it, up to the next entry or a paragraph end."""
    out = [rest.strip(" :<>")] if rest.strip(" :<>") else []
    after = bisect.bisect_right(starts, idx)
    nxt = starts[after] if after < len(starts) else len(lines)
    blank_run = 0
    for j in range(idx + 1, min(nxt, idx + 1 + _MAX_DIAG_LINES)):
        line = lines[j]
        if not line.strip():
            blank_run += 1
            if out and blank_run >= 1 and not _continues(lines, j):
                break
            continue
        blank_run = 0
        out.append(line.strip())
    return "\n".join(out)


_RULE_LINE = re.compile(r"^[\s\W_]*$")


def _lines_above(lines: list[str], idx: int, starts: list[int]) -> str:
    """An entry with nothing after it: servers that put the reason first (Lotus Notes) wrote it just above."""
    above: list[str] = []
    j = idx - 1
    while j >= 0 and lines[j].strip() and not _RULE_LINE.match(lines[j]) and not _is_start(starts, j) \
            and len(above) < 3:
        above.insert(0, lines[j].strip())
        j -= 1
    return "\n".join(above)


def _is_start(starts: list[int], j: int) -> bool:
    k = bisect.bisect_left(starts, j)
    return k < len(starts) and starts[k] == j


def _transcript_entry(lines: list[str], idx: int, rest: str) -> str:
    """A sendmail transcript's one-line summary ("554 <addr>... why") with the exchange just above it.

    The lines after belong to the next recipient; the ">>> command" / "<<< reply" lines right above
    are the remote server's own words about this one.
    """
    above: list[str] = []
    j = idx - 1
    while j >= 0 and lines[j].lstrip().startswith(("<<<", ">>>")) and len(above) < 6:
        above.insert(0, lines[j].strip())
        j -= 1
    return "\n".join([*above, rest.strip()] if rest.strip() else above)


def _continues(lines: list[str], j: int) -> bool:
    """After a blank line, an indented line or an SMTP reply still belongs to the entry."""
    nxt = next((ln for ln in lines[j + 1:j + 3] if ln.strip()), "")
    return nxt[:1] in (" ", "\t") and bool(re.match(r"^\s+(?:[245]\d\d|[A-Za-z(])", nxt)) and "@" not in nxt


def _codes_context(lines: list[str]) -> str:
    """Lines anywhere in the report that carry an SMTP reply or status code (a shared diagnostic)."""
    picked = [ln.strip() for ln in lines if find_status(ln) or re.match(r"^\s*(?:<<<\s*)?[45]\d\d[ -]", ln)]
    return "\n".join(picked[:6])


def _context(lines: list[str]) -> str:
    return " ".join(" ".join(lines).split())[:4000]


def _norm(addr: str) -> str | None:
    addr = addr.strip(".").lower()
    return addr or None


def _is_daemon(addr: str) -> bool:
    return bool(_DAEMON_LOCAL.match(addr.split("@")[0]))
