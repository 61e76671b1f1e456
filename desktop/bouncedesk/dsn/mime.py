"""MIME plumbing: line endings, structure, decoded text and headers, with forgiving charsets."""

from __future__ import annotations

import email
import email.policy
import re
from email.header import decode_header
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


def decode_words(value: str) -> str:
    if "=?" not in value:
        return " ".join(value.split())
    try:
        parts = decode_header(value)
    except Exception:
        return " ".join(value.split())
    out = []
    for chunk, charset in parts:
        if isinstance(chunk, bytes):
            out.append(decode_text(chunk, charset))
        else:
            out.append(chunk)
    return " ".join("".join(out).split())


def decode_text(raw: bytes, charset: str | None) -> str:
    """Bytes to text: the declared charset, else UTF-8, else Latin-1 (never fails)."""
    for cs in (charset, "utf-8"):
        if not cs:
            continue
        cs = _CHARSET_ALIASES.get(cs.lower(), cs)
        try:
            return raw.decode(cs)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("latin-1")


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


def strip_html(html: str) -> str:
    """Crude but safe HTML → text for reading a report (never rendered)."""
    html = re.sub(r"(?is)<(script|style).*?</\1>", " ", html)
    html = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>|</li>|</h\d>", "\n", html)
    html = re.sub(r"(?s)<[^>]+>", " ", html)
    import html as _h

    text = _h.unescape(html)
    return "\n".join(" ".join(line.split()) for line in text.splitlines())
