"""Automatic replies (RFC 3834, vacation / out-of-office): never a bounce, never a penalty."""

from __future__ import annotations

import re

from bouncedesk.dsn.fields import clean_address
from bouncedesk.dsn.model import AUTO_REPLY, Finding

_SUBJECT = re.compile(
    r"(?i)^\s*(?:auto(?:matic)?[ -]?(?:reply|response|antwort)|auto:|out of (?:the )?office|abwesenheit|"
    r"vacation|on vacation|away from|réponse automatique|respuesta automática|risposta automatica|"
    r"automatisch antwoord|autosvar|自動応答|不在)"
)
_BODY = re.compile(
    r"(?i)\b(?:out of (?:the )?office|on (?:vacation|holiday|leave)|away from (?:the|my) office|"
    r"i am (?:currently )?(?:away|out)|i will be back|limited access to (?:my )?e-?mail|"
    r"bin (?:bis|ab) .{0,40}(?:nicht im büro|abwesend)|abwesenheitsnotiz)"
)


def looks_like_auto_reply(headers: dict[str, str], subject: str, body: str) -> bool:
    auto = headers.get("auto-submitted", "").strip().lower()
    if auto.startswith("auto-replied") and (_SUBJECT.search(subject) or _BODY.search(body[:4000])):
        return True
    if headers.get("x-autoreply") or headers.get("x-autorespond") or headers.get("x-autoresponder"):
        return True
    if headers.get("precedence", "").strip().lower() == "auto_reply":
        return True
    if _SUBJECT.search(subject):
        return True
    return auto.startswith("auto-replied") and not headers.get("content-type", "").lower().startswith("multipart/report")


def auto_reply_finding(sender: str | None, body: str) -> Finding:
    return Finding(kind=AUTO_REPLY, recipient=clean_address(sender), reason_hint="vacation",
                   diagnostic=" ".join(body.split())[:300])
