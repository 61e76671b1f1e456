"""The returned original message: the headers a bounce carries back, to match it to what was sent."""

from __future__ import annotations

from email.message import Message

from bouncedesk.dsn.fields import clean_address
from bouncedesk.dsn.mime import decode_words, part_text
from bouncedesk.dsn.model import OriginalMessage


def from_part(part: Message) -> OriginalMessage | None:
    """A message/rfc822 (complete) or text/rfc822-headers part."""
    ctype = part.get_content_type().lower()
    if ctype in ("message/rfc822", "message/global"):
        payload = part.get_payload()
        if isinstance(payload, list) and payload:
            inner = payload[0]
            orig = from_headers(inner)
            if orig:
                body = inner.get_payload()
                orig.complete = bool(body) and inner.get("From") is not None
            return orig
        return from_text(part_text(part))
    return from_text(part_text(part))


def from_text(text: str) -> OriginalMessage | None:
    """Headers quoted as text (after a 'copy of the message' marker, or a headers-only part)."""
    if not text:
        return None
    return from_headers(_header_block(text.lstrip("\n")))


def _header_block(text: str) -> dict[str, str]:
    """The first header block of quoted text, unfolded; cheap, since only five fields are wanted."""
    fields: dict[str, str] = {}
    last = ""
    for line in text[:20000].split("\n"):
        if not line.strip():
            break
        if line[:1] in (" ", "\t"):
            if last:
                fields[last] += " " + line.strip()
            continue
        name, sep, value = line.partition(":")
        if not sep or " " in name.strip():
            last = ""
            continue
        last = name.strip().lower()
        fields.setdefault(last, value.strip())
    return fields


def from_headers(msg: Message | dict[str, str]) -> OriginalMessage | None:
    def h(name: str) -> str | None:
        v = msg.get(name.lower())
        return decode_words(str(v)) if v is not None else None

    orig = OriginalMessage(
        message_id=(h("Message-ID") or "").strip() or None,
        subject=h("Subject"),
        date=h("Date"),
        sender=clean_address(h("From")),
        to=clean_address(h("To")),
    )
    if not any((orig.message_id, orig.subject, orig.sender, orig.to)):
        return None
    return orig
