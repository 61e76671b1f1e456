"""The short notice `contact` sends to a recipient's alternative address (English or German).

Texts are files under resources/templates/ (contact_<lang>.txt: a Subject line, then the body),
so they can be edited or translated without touching code.
"""

from __future__ import annotations

import datetime as dt
import json
import string
import urllib.parse
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from functools import cache
from pathlib import Path

from bouncedesk.config import resources_dir
from bouncedesk.errors import InputError

LANGUAGES = ("en", "de")


@dataclass(frozen=True, slots=True)
class Notice:
    subject: str
    body: str


def _templates() -> Path:
    return resources_dir() / "templates"


@cache
def _problems() -> dict[str, dict[str, str]]:
    data = json.loads((_templates() / "contact_problems.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def render_notice(lang: str, *, address: str, reason: str = "", sender_name: str = "", name: str = "") -> Notice:
    """Fill the template for `lang`; unknown languages are an InputError naming the known ones."""
    if lang not in LANGUAGES:
        raise InputError(f"no contact template for language {lang!r} (available: {', '.join(LANGUAGES)})")
    path = _templates() / f"contact_{lang}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the contact template {path}: {exc.strerror}") from exc
    phrases = _problems().get(lang, {})
    values = {
        "address": address,
        "problem": phrases.get(reason) or phrases.get("default", ""),
        "sender_name": sender_name,
        "greeting_name": f" {name}" if name else "",
    }
    filled = string.Template(text).safe_substitute(values)
    first, _, body = filled.partition("\n")
    if not first.startswith("Subject:"):
        raise InputError(f"the contact template {path} must start with a 'Subject:' line")
    return Notice(first[len("Subject:") :].strip(), body.lstrip("\n"))


def mailto_url(to: str, notice: Notice) -> str:
    """A mailto: link (RFC 6068) the user's own mail client opens with the notice filled in."""
    query = urllib.parse.urlencode({"subject": notice.subject, "body": notice.body}, quote_via=urllib.parse.quote)
    return f"mailto:{urllib.parse.quote(to, safe='@')}?{query}"


def notice_message(notice: Notice, *, sender: str, to: str, now: int) -> bytes:
    """The notice as a complete e-mail, ready for SMTP."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = notice.subject
    msg["Date"] = format_datetime(dt.datetime.fromtimestamp(int(now), dt.UTC))
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    msg["Message-ID"] = make_msgid("contact", domain=domain)
    msg.set_content(notice.body)
    return msg.as_bytes()


def display_address(name: str, addr: str) -> str:
    return formataddr((name, addr), charset="utf-8") if name else addr
