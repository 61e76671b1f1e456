"""How values look in the UI: local times, relative times, states, kinds, reasons — translated.

The store keeps UTC epoch seconds; people read local time. These helpers are used by the
models' formatters, which are plain functions, so they translate through QCoreApplication.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

_CTX = "Format"


def _tr(text: str, n: int = -1) -> str:
    """Translate a string marked elsewhere with QT_TRANSLATE_NOOP("Format", ...)."""
    return QCoreApplication.translate(_CTX, text, None, n)


def local_time(ts: int | None) -> str:
    if ts is None:
        return ""
    return datetime.fromtimestamp(int(ts)).strftime("%Y-%m-%d %H:%M")


def local_date(ts: int | None) -> str:
    if ts is None:
        return ""
    return datetime.fromtimestamp(int(ts)).strftime("%Y-%m-%d")


def relative(ts: int | None, now: int) -> str:
    """'in 3 h', '2 days ago', 'now' — for due times and last-seen columns."""
    if ts is None:
        return ""
    d = int(ts) - int(now)
    a = abs(d)
    _t = QCoreApplication.translate  # the name tools/update_translations.py looks for
    if a < 60:
        return _t("Format", "now")
    if a < 3600:
        n = a // 60
        return _t("Format", "in %n min", None, n) if d > 0 else _t("Format", "%n min ago", None, n)
    if a < 86400 * 2:
        n = a // 3600
        return _t("Format", "in %n h", None, n) if d > 0 else _t("Format", "%n h ago", None, n)
    n = a // 86400
    return _t("Format", "in %n days", None, n) if d > 0 else _t("Format", "%n days ago", None, n)


def due(ts: int | None, now: int) -> str:
    """A retry's due time: 'due now' when it is past, else 'in 3 h'."""
    if ts is None:
        return ""
    if ts <= now:
        return QCoreApplication.translate("Format", "due now")
    return relative(ts, now)


# The words below are the glossary's (docs/GLOSSARY.md, resources/rules/explanations.json "terms");
# tests/unit/test_glossary.py keeps them, and their German in resources/translations, equal to it.
STATES = {
    "active": QT_TRANSLATE_NOOP("Format", "active"),
    "retrying": QT_TRANSLATE_NOOP("Format", "retrying"),
    "inactive": QT_TRANSLATE_NOOP("Format", "inactive"),
    "suppressed": QT_TRANSLATE_NOOP("Format", "suppressed"),
    "paused": QT_TRANSLATE_NOOP("Format", "paused"),
}
KINDS = {
    "bounce": QT_TRANSLATE_NOOP("Format", "bounce"),
    "hard": QT_TRANSLATE_NOOP("Format", "hard bounce"),
    "soft": QT_TRANSLATE_NOOP("Format", "soft bounce"),
    "delay": QT_TRANSLATE_NOOP("Format", "delay"),
    "complaint": QT_TRANSLATE_NOOP("Format", "complaint"),
    "auto-reply": QT_TRANSLATE_NOOP("Format", "auto-reply"),
    "delivered": QT_TRANSLATE_NOOP("Format", "delivered"),
}
# The classifier's reasons in words (the vocabulary is Sisimai's).
REASONS = {
    "userunknown": QT_TRANSLATE_NOOP("Format", "no such mailbox"),
    "hostunknown": QT_TRANSLATE_NOOP("Format", "no such domain"),
    "hasmoved": QT_TRANSLATE_NOOP("Format", "address has moved"),
    "notaccept": QT_TRANSLATE_NOOP("Format", "domain accepts no mail"),
    "mailboxfull": QT_TRANSLATE_NOOP("Format", "mailbox full"),
    "suspend": QT_TRANSLATE_NOOP("Format", "mailbox disabled"),
    "exceedlimit": QT_TRANSLATE_NOOP("Format", "message over the recipient's limit"),
    "mesgtoobig": QT_TRANSLATE_NOOP("Format", "message too big"),
    "systemfull": QT_TRANSLATE_NOOP("Format", "server storage full"),
    "expired": QT_TRANSLATE_NOOP("Format", "delivery time expired"),
    "networkerror": QT_TRANSLATE_NOOP("Format", "network error"),
    "systemerror": QT_TRANSLATE_NOOP("Format", "server error"),
    "mailererror": QT_TRANSLATE_NOOP("Format", "mail program error"),
    "toomanyconn": QT_TRANSLATE_NOOP("Format", "too many connections"),
    "speeding": QT_TRANSLATE_NOOP("Format", "sending too fast"),
    "syntaxerror": QT_TRANSLATE_NOOP("Format", "protocol error"),
    "securityerror": QT_TRANSLATE_NOOP("Format", "security error"),
    "failedstarttls": QT_TRANSLATE_NOOP("Format", "encryption failed"),
    "blocked": QT_TRANSLATE_NOOP("Format", "sender IP blocked"),
    "badreputation": QT_TRANSLATE_NOOP("Format", "poor sender reputation"),
    "requireptr": QT_TRANSLATE_NOOP("Format", "missing reverse DNS"),
    "authfailure": QT_TRANSLATE_NOOP("Format", "SPF/DKIM/DMARC failed"),
    "rejected": QT_TRANSLATE_NOOP("Format", "sender address rejected"),
    "norelaying": QT_TRANSLATE_NOOP("Format", "relaying denied"),
    "spamdetected": QT_TRANSLATE_NOOP("Format", "judged as spam"),
    "virusdetected": QT_TRANSLATE_NOOP("Format", "virus found"),
    "filtered": QT_TRANSLATE_NOOP("Format", "filtered by the recipient"),
    "policyviolation": QT_TRANSLATE_NOOP("Format", "policy violation"),
    "contenterror": QT_TRANSLATE_NOOP("Format", "content error"),
    "notcompliantrfc": QT_TRANSLATE_NOOP("Format", "not standard-compliant"),
    "feedback": QT_TRANSLATE_NOOP("Format", "spam complaint"),
    "vacation": QT_TRANSLATE_NOOP("Format", "auto-reply"),
    "delivered": QT_TRANSLATE_NOOP("Format", "delivered"),
    "onhold": QT_TRANSLATE_NOOP("Format", "on hold"),
    "undefined": QT_TRANSLATE_NOOP("Format", "unknown"),
}


def state(value: str | None) -> str:
    return _tr(STATES[value]) if value in STATES else (value or "")


def kind(value: str | None) -> str:
    return _tr(KINDS[value]) if value in KINDS else (value or "")


def reason(value: str | None) -> str:
    return _tr(REASONS[value]) if value in REASONS else (value or "")


def yes_no(value) -> str:
    return QCoreApplication.translate("Format", "yes") if value else ""


def attempt_of(attempts: int | None, max_attempts: int) -> str:
    """'2 of 4': the attempt that is due next, of the maximum."""
    text = QCoreApplication.translate("Format", "%1 of %2")
    return text.replace("%1", str((attempts or 0) + 1)).replace("%2", str(max_attempts))


# --- untrusted text ------------------------------------------------------------------------------

MAX_TIP_CHARS = 2000


def plain_tip(text: str | None) -> str | None:
    """A tooltip that shows `text` literally, whatever it contains (None for no text).

    Qt renders a tooltip as rich text whenever `Qt.mightBeRichText` says so, so a bounce's
    `<img src=...>` would load a resource and `<h1>` would draw. Escaped and wrapped in one
    paragraph, the text is always rich text that is nothing but the characters themselves;
    `pre-wrap` keeps its line breaks and spaces. Long texts are cut (a tooltip is a glance).
    """
    if not text:
        return None
    if len(text) > MAX_TIP_CHARS:
        text = text[:MAX_TIP_CHARS] + "…"
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def count(n: int) -> str:
    """A whole number with a thin space between thousands ("1 026"): readable in both languages."""
    return f"{n:,}".replace(",", "\u202f")


def decimal(value: float, digits: int | None = None) -> str:
    """A number as the UI's language writes it ("0,3" in German): `digits` fixed decimals, or as
    short as the value is. One place for every rate and level the GUI shows."""
    loc = QLocale()
    loc.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return loc.toString(float(value), "g", 6) if digits is None else loc.toString(float(value), "f", digits)


def percent(value: float | None, digits: int = 1) -> str:
    """'3.6 %' / '3,6 %'; '–' when there is nothing to divide by."""
    return "–" if value is None else f"{decimal(value, digits)} %"
