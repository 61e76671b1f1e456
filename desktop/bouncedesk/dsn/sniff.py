"""Is this an e-mail message at all? A cheap look at the start of the bytes, before parsing.

A folder handed to `import` may hold a PDF, a spreadsheet or random bytes next to the mail. Those
must come out as unparseable with a reason a user understands, not as an ordinary non-bounce
because the first line of a binary file happened to contain a colon. Only the first bytes are
read (linear, capped), so the check costs nothing next to the parse.
"""

from __future__ import annotations

from bouncedesk.dsn.lightmime import FIELD_NAME  # as the parser reads a field name

HEAD = 64 * 1024  # bytes looked at; a header block is far smaller
_SAMPLE = 8 * 1024  # bytes whose share of control characters decides "binary"
# C0 controls and DEL that text mail does not contain (tab, LF, VT, FF, CR and ESC, which
# ISO-2022-JP needs, are allowed).
_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_BINARY_SHARE = 0.03  # text mail has none; random bytes ~11 %
_MIN_FIELDS = 2  # a header block this clean is mail, whatever its body holds

NO_HEADERS = "not an e-mail message: no header lines"
BINARY = "not an e-mail message: binary data"


def _controls(chunk: bytes) -> int:
    return len(chunk) - len(chunk.translate(None, _CONTROLS))


def not_mail_reason(data: bytes) -> str | None:
    """Why `data` (newlines already LF) is not an e-mail message, or None when it may be one.

    Not mail: no header line where the message starts (after an mbox "From " line), or binary
    bytes (NUL and other control characters) where a header block of clean text lines should be.
    """
    head = bytes(data[:HEAD])
    if head.startswith(b"From "):  # an mbox envelope line is not a header
        nl = head.find(b"\n")
        head = head[nl + 1:] if nl >= 0 else b""
    sample = head[:_SAMPLE]
    binary = bool(sample) and _controls(sample) > _BINARY_SHARE * len(sample)
    if not binary:  # the common case, decided by the first line alone: text that starts with a header
        name, sep, _value = head[: head.find(b"\n")].partition(b":")
        if sep and FIELD_NAME.match(name.rstrip()):
            return None
    fields = 0
    header_bytes = 0
    header_controls = 0
    end = head.find(b"\n\n")  # only the header block is split into lines, never the body
    lines = (head if end < 0 else head[:end + 1]).split(b"\n")
    if end < 0 and len(head) == HEAD and len(lines) > 1:
        lines.pop()  # the last line may be cut short by the cap
    for line in lines:
        if not line:
            break  # the blank line that ends the header block
        if line[:1] in (b" ", b"\t"):
            if not fields:
                continue  # as the parser does: a continuation with nothing to continue is skipped
        else:
            name, sep, _value = line.partition(b":")
            if not sep or not FIELD_NAME.match(name.rstrip()):
                break  # the header block ends at the first line that is not a header
            fields += 1
        header_bytes += len(line) + 1
        header_controls += _controls(line)
        if header_bytes >= _SAMPLE:
            break
    if not fields:
        return BINARY if binary else NO_HEADERS
    if binary and (fields < _MIN_FIELDS or header_controls > _BINARY_SHARE * header_bytes):
        return BINARY
    return None
