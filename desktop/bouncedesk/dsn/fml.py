"""fml mailing-list manager refusals: a list that will not take the sender's post.

fml (fml.org, common in Japan) answers from "<list>-admin@..." with an X-MLServer header and
a plain text naming the list in angle brackets at the end of a sentence ("You are not a member
of this mailing list <list@example.org>."). There is no SMTP reply: the list address is the
failed recipient and the words say why — the poster was refused (rejected), the list saw a loop
or a duplicate (systemerror), or a security check tripped (securityerror).
"""

from __future__ import annotations

import re

from bouncedesk.dsn.model import BOUNCE, Finding

_LIST_ADDRESS = re.compile(r"<([^\s<>@]+@[^\s<>@]+)>\.\s*$", re.M)
_CAUSES = (
    ("rejected", re.compile(r"(?i)not a member of this mailing list|not member article from|reject mail from|"
                            r"reject since .+ header may cause mail loop|reject spammers|"
                            r"spam mail from a spammer is rejected|are not member")),
    ("systemerror", re.compile(r"(?i)duplicated message-id|has detected a loop condition|loop back warning|"
                               r"loop alert|unix from loop|fml system error")),
    ("securityerror", re.compile(r"(?i)security alert")),
)


def matches(headers: dict[str, str]) -> bool:
    """An fml server wrote it: its X-MLServer header names fml."""
    return headers.get("x-mlserver", "").lstrip().lower().startswith("fml")


def findings(headers: dict[str, str], report: str) -> list[Finding]:
    """One finding per list address the text names; the cause from the text, else from the subject."""
    text = " ".join(report.split())[:2000]
    hint = _cause(text) or _cause(headers.get("subject", ""))
    seen: dict[str, None] = {}
    for m in _LIST_ADDRESS.finditer(report[:8000]):
        seen.setdefault(m.group(1).lower(), None)
    return [Finding(kind=BOUNCE, recipient=addr, action="failed", reason_hint=hint, diagnostic=text,
                    extra={"context": text}) for addr in seen]


def _cause(text: str) -> str:
    return next((reason for reason, pattern in _CAUSES if pattern.search(text)), "")
