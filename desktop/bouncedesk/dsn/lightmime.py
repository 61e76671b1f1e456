"""A small, fast MIME reader for bounces: headers and structure only, bodies left as raw bytes.

The standard `email` parser walks every line in Python; on bounce traffic that was half of the
parse time. This reader splits on boundaries with bytes.find, parses only header blocks, and keeps
each body as a slice, so a 20 MB attachment costs a search, not a decode. It offers the small part
of the `email.message.Message` interface the parser uses.

Structure is capped as a hostile message can be anything: nesting depth, parts per message, header
fields per part, and the bytes of one header value (however many lines it is folded over).
"""

from __future__ import annotations

import re
from functools import lru_cache

_PARAM = re.compile(r';\s*([A-Za-z0-9_.*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))')
FIELD_NAME = re.compile(rb"^[!-9;-~]+$")  # a header field name (RFC 5322 ftext)
_NESTED = ("message/rfc822", "message/global")
_MAX_DEPTH = 12
MAX_PARTS = 1000  # MIME parts read per message; a multipart with more is read up to there
MAX_FIELDS = 1000  # header fields read per part (the rest of the header block is skipped)
MAX_HEADER_VALUE = 16 * 1024  # bytes kept of one header value


class Part:
    """One MIME entity: its header fields, its content type, and its body or children."""

    __slots__ = ("_fields", "_lower", "_body", "_children", "_ctype", "_params", "_raw", "_depth")

    def __init__(self, data: bytes, depth: int = 0, parts_left: list[int] | None = None) -> None:
        parts_left = [MAX_PARTS] if parts_left is None else parts_left  # shared by the whole message
        self._raw = data
        self._depth = depth
        self._fields, body = _split_head(data)
        self._lower: dict[str, str] = {}
        for name, value in self._fields:
            self._lower.setdefault(name.lower(), value)
        self._body = body
        self._children: list[Part] | None = None
        value = self._lower.get("content-type", "")
        # Values with a boundary are unique to their message: caching them only costs memory.
        ctype, self._params = _parse_content_type(value) if "oundary" in value else _content_type(value)
        self._ctype = ctype
        if depth < _MAX_DEPTH:
            if ctype.startswith("multipart/"):
                boundary = self._params.get("boundary", "")
                parts = _split_multipart(body, boundary.encode("utf-8", "replace"), parts_left[0]) \
                    if boundary else None
                if parts is not None:
                    parts_left[0] -= len(parts)
                    self._children = [Part(p, depth + 1, parts_left) for p in parts]
            elif ctype in _NESTED and body.strip() and parts_left[0] > 0:
                parts_left[0] -= 1
                self._children = [Part(body.lstrip(b"\n"), depth + 1, parts_left)]

    # --- the subset of email.message.Message the parser uses ---
    def keys(self) -> list[str]:
        return [n for n, _ in self._fields]

    def items(self) -> list[tuple[str, str]]:
        return list(self._fields)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._lower.get(name.lower(), default)

    def __getitem__(self, name: str) -> str | None:
        return self._lower.get(name.lower())

    def get_content_type(self) -> str:
        return self._ctype

    def get_content_charset(self, default: str | None = None) -> str | None:
        cs = self._params.get("charset")
        return cs.lower() if cs else default

    def get_param(self, name: str, default: str | None = None) -> str | None:
        return self._params.get(name.lower(), default)

    def is_multipart(self) -> bool:
        return self._children is not None

    def get_payload(self):
        """Children for multipart and attached messages, else the body as text (8-bit kept as escapes)."""
        if self._children is not None:
            return self._children
        return self._body.decode("utf-8", "surrogateescape")

    def body_bytes(self) -> bytes:
        return self._body

    def as_bytes(self) -> bytes:
        return self._raw

    def as_string(self) -> str:
        return self._raw.decode("utf-8", "surrogateescape")


def parse(data: bytes) -> Part:
    """Parse one message (LF line endings expected: see mime.normalize_newlines)."""
    return Part(data)


def _split_head(data: bytes) -> tuple[list[tuple[str, str]], bytes]:
    if data.startswith(b"From "):  # an mbox envelope line is not a header
        nl = data.find(b"\n")
        data = data[nl + 1:] if nl >= 0 else b""
    end = data.find(b"\n\n")
    head, body = (data, b"") if end < 0 else (data[:end], data[end + 2:])
    if data.startswith(b"\n"):
        return [], data[1:]
    names: list[str] = []
    values: list[list[bytes]] = []  # each value's lines, joined at the end (never re-copied per line)
    sizes: list[int] = []
    lines = head.split(b"\n")
    for i, line in enumerate(lines):
        if line[:1] in (b" ", b"\t"):
            if values and sizes[-1] < MAX_HEADER_VALUE:
                values[-1].append(line)
                sizes[-1] += len(line) + 1
            continue
        name, sep, value = line.partition(b":")
        if not sep or not FIELD_NAME.match(name.rstrip()):
            # Not a header line: the header block ended early; everything from here is body.
            rest = b"\n".join(lines[i:])
            body = rest + (b"\n\n" + body if end >= 0 else b"")
            break
        if len(names) >= MAX_FIELDS:
            sizes[-1] = MAX_HEADER_VALUE  # skipped, with its continuation lines
            continue
        value = value.lstrip(b" \t")
        names.append(name.rstrip().decode("ascii", "replace"))
        values.append([value])
        sizes.append(len(value))
    return [(n, _header_str(b"\n".join(v)[:MAX_HEADER_VALUE])) for n, v in zip(names, values, strict=True)], body


def _header_str(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _parse_content_type(value: str) -> tuple[str, dict[str, str]]:
    """(type, parameters) of a Content-Type value."""
    main, _, rest = value.partition(";")
    ctype = "".join(main.split()).lower()
    if ctype.count("/") != 1:
        ctype = "text/plain"
    params = {}
    for m in _PARAM.finditer(";" + rest):
        val = m.group(2) if m.group(2) is not None else m.group(3)
        params.setdefault(m.group(1).lower().rstrip("*"), val.replace('\\"', '"'))
    return ctype, params


# The same few values ("text/plain; charset=us-ascii", "message/delivery-status") recur in every
# report: cached, they cost nothing (a tenth of the MIME reading time). The dict is only read.
_content_type = lru_cache(maxsize=512)(_parse_content_type)


def _split_multipart(body: bytes, boundary: bytes, limit: int = MAX_PARTS) -> list[bytes] | None:
    """The first `limit` parts between '--boundary' lines; None when the boundary never appears."""
    delim = b"--" + boundary
    pos = 0 if _is_delimiter(body, 0, delim) else _next_delimiter(body, 0, delim)
    if pos < 0:
        return None
    parts: list[bytes] = []
    while len(parts) < limit:
        if body.startswith(b"--", pos + len(delim)):
            break  # the closing delimiter
        line_end = body.find(b"\n", pos)
        if line_end < 0:
            break
        start = line_end + 1
        nxt = _next_delimiter(body, start - 1, delim)
        if nxt < 0:
            parts.append(body[start:])
            break
        parts.append(body[start:nxt - 1])
        pos = nxt
    return parts


def _is_delimiter(body: bytes, pos: int, delim: bytes) -> bool:
    """A delimiter line is the boundary alone (or closing '--'), not a longer boundary sharing its start."""
    if not body.startswith(delim, pos):
        return False
    after = body[pos + len(delim): pos + len(delim) + 2]
    return after in (b"", b"--") or after[:1] in (b"\n", b" ", b"\t")


def _next_delimiter(body: bytes, pos: int, delim: bytes) -> int:
    """Offset of the next delimiter line at or after the newline at `pos`, or -1."""
    needle = b"\n" + delim
    while True:
        hit = body.find(needle, pos)
        if hit < 0:
            return -1
        if _is_delimiter(body, hit + 1, delim):
            return hit + 1
        pos = hit + 1
