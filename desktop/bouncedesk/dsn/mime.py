"""MIME plumbing: line endings, structure, decoded text and headers, with forgiving charsets.

Charsets and encoded words are written by strangers too: a charset we cannot use (unknown, with
a NUL in its name, or a codec that is slow on long input) falls back to UTF-8, then Latin-1;
encoded words are read by a linear pattern rather than `email.header` (quadratic on "=?a?q?...").
"""

from __future__ import annotations

import binascii
import codecs
import email
import email.policy
import re
from email.message import Message

from bouncedesk.dsn.lightmime import Part
from bouncedesk.dsn.lightmime import parse as parse_light

_POLICY = email.policy.compat32
_MAX_DECODE = 512 * 1024  # never decode more than this of one part: reports are small, attachments are not


def normalize_newlines(data: bytes) -> bytes:
    """CRLF and bare CR both become LF, so one set of patterns serves every line-ending style."""
    if b"\r" not in data:
        return data
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def parse_bytes(data: bytes) -> Part:
    """Structure and headers only (see lightmime): bodies are decoded later, and only when read."""
    return parse_light(data)


def header_text(msg: Message, name: str) -> str:
    """A header decoded from RFC 2047 words to text, unfolded; '' when absent."""
    raw = msg.get(name)
    if raw is None:
        return ""
    return decode_words(str(raw))


# RFC 2047 encoded word: charset (with an optional *language), B or Q, text without "?" (linear:
# every part stops at the next "?", so no try rescans what another one read).
_ENCODED_WORD = re.compile(r"=\?([^?\s]{1,64})\?([bBqQ])\?([^?]*)\?=")


def decode_words(value: str, *, keep_unknown: bool = False) -> str:
    """A header value with RFC 2047 encoded words decoded, whitespace collapsed.

    Neighbouring words in one charset are decoded together (a stateful charset such as ISO-2022-JP
    may split a character's escape sequence across two words); blanks between words are dropped.
    `keep_unknown`: a word in a charset Python has no text codec for stays as written (else it is
    read as UTF-8, then Latin-1).
    """
    if "=?" not in value:
        return " ".join(value.split())
    out: list[str] = []
    pending: list[bytes] = []  # raw bytes of neighbouring words in one charset, not yet decoded
    charset = ""
    pos, prev_end = 0, -1
    for m in _ENCODED_WORD.finditer(value):
        between = value[pos:m.start()]
        glued = prev_end == pos and not between.strip()  # only blanks since the previous word
        word_charset = m.group(1).split("*", 1)[0]
        raw = _word_bytes(m.group(2), m.group(3)) if not keep_unknown or _text_codec(word_charset) else None
        if pending and not (glued and raw is not None and word_charset.lower() == charset.lower()):
            out.append(decode_text(b"".join(pending), charset))
            pending = []
        if not glued:
            out.append(between)
        if raw is None:
            out.append(m.group(0))  # not decodable: kept as written
        else:
            pending.append(raw)
            charset = word_charset
        pos = prev_end = m.end()
    if pending:
        out.append(decode_text(b"".join(pending), charset))
    out.append(value[pos:])
    return " ".join("".join(out).split())


def _word_bytes(encoding: str, text: str) -> bytes | None:
    try:
        if encoding in "bB":
            return binascii.a2b_base64(re.sub(r"[^A-Za-z0-9+/]", "", text) + "==")
        return binascii.a2b_qp(text.encode("ascii", "replace"), header=True)
    except (binascii.Error, ValueError):
        return None


def _text_codec(charset: str) -> bool:
    """Python has a text codec for this charset (not "bogus", "zlib" or a name with a NUL in it)."""
    try:
        return getattr(codecs.lookup(_CHARSET_ALIASES.get(charset.lower(), charset)), "_is_text_encoding", True)
    except (LookupError, ValueError, TypeError):
        return False


def decode_text(raw: bytes, charset: str | None) -> str:
    """Bytes to text: the declared charset, else UTF-8, else Latin-1 (never fails)."""
    for cs in (charset, "utf-8"):
        if not cs:
            continue
        cs = _CHARSET_ALIASES.get(cs.lower(), cs)
        try:
            if codecs.lookup(cs).name in _SLOW_CODECS:
                continue
            return raw.decode(cs)
        except (LookupError, ValueError, TypeError):  # unknown, undecodable, or a NUL in the name
            continue
    # Mostly UTF-8 with stray 8-bit bytes (an SMTPUTF8 address next to a Latin-1 line): keep the UTF-8
    # and read only the bytes that are not UTF-8 as Latin-1, so "jörg" stays "jörg" (never a surrogate).
    return raw.decode("utf-8", "surrogateescape").translate(_ESCAPED_AS_LATIN1)


_ESCAPED_AS_LATIN1 = {0xDC00 + b: chr(b) for b in range(0x80, 0x100)}


# Codecs written in Python whose decoding time grows with the square of the input.
_SLOW_CODECS = frozenset({"punycode", "idna"})


_CHARSET_ALIASES = {"us-ascii": "utf-8", "ascii": "utf-8", "x-unknown": "utf-8", "unknown-8bit": "utf-8",
                    "iso-2022-jp": "iso2022_jp_ext", "cp932": "cp932", "shift-jis": "cp932", "x-sjis": "cp932"}


def part_text(part: Message) -> str:
    """A leaf part's body decoded (transfer encoding and charset), capped in size."""
    if isinstance(part, Part):
        if part.is_multipart():
            return ""
        raw = part.body_bytes()
    else:
        payload = part.get_payload()
        if isinstance(payload, list):
            return ""
        # The email package keeps 8-bit bytes as surrogate escapes: turn them back into the original bytes.
        raw = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else (payload or b"")
    if len(raw) > _MAX_DECODE:
        raw = raw[:_MAX_DECODE]
    cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if cte == "base64":
        import binascii

        try:
            raw = binascii.a2b_base64(re.sub(rb"[^A-Za-z0-9+/=]", b"", raw) + b"==")
        except binascii.Error:
            pass
    elif cte == "quoted-printable":
        import quopri

        raw = quopri.decodestring(raw)
    return decode_text(raw, part.get_content_charset())


def content_type(part: Message) -> str:
    return part.get_content_type().lower()


def walk_leaves(msg: Message, skip_rfc822: bool = True):
    """Yield leaf parts in order; by default do not descend into attached messages."""
    stack = [msg]
    while stack:
        part = stack.pop(0)
        payload = part.get_payload()
        ctype = content_type(part)
        if part.is_multipart() and isinstance(payload, list):
            if ctype.startswith("message/") and part is not msg and (
                skip_rfc822 or ctype not in ("message/rfc822", "message/global")
            ):
                yield part  # attached mail, or a report whose blocks the email package split up
                continue
            stack = list(payload) + stack
        else:
            yield part


_SCRIPT_OPEN = re.compile(r"(?i)<(script|style)")
_SCRIPT_CLOSE = {"script": re.compile(r"(?i)</script>"), "style": re.compile(r"(?i)</style>")}
_BREAK = re.compile(r"(?i)<br\s{0,40}/?>|</p>|</div>|</tr>|</li>|</h\d>")
_TAG = re.compile(r"<[^<>]+>")


def _drop_scripts(html: str) -> str:
    """Scripts and style sheets out, each up to its closing tag (one that never closes stays)."""
    out, pos = [], 0
    unclosed: set[str] = set()  # kinds with no closing tag from here on: never searched again
    while (m := _SCRIPT_OPEN.search(html, pos)) is not None:
        kind = m.group(1).lower()
        close = None if kind in unclosed else _SCRIPT_CLOSE[kind].search(html, m.end())
        if close is None:
            unclosed.add(kind)
            out.append(html[pos:m.end()])
        else:
            out.append(html[pos:m.start()] + " ")
        pos = close.end() if close is not None else m.end()
    out.append(html[pos:])
    return "".join(out)


def strip_html(html: str) -> str:
    """Crude but safe HTML → text for reading a report (never rendered); linear in the input."""
    html = _drop_scripts(html)
    html = _BREAK.sub("\n", html)
    html = _TAG.sub(" ", html)
    import html as _h

    text = _h.unescape(html)
    return "\n".join(" ".join(line.split()) for line in text.splitlines())
