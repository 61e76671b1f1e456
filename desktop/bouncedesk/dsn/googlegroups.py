"""Google Groups refusals: a group that does not take the sender's post.

Google Groups answers a post it will not accept with a plain text in the poster's language
("you may not have permission to post", "投稿する権限", ...) and no SMTP reply at all. The
failed recipient is the group address (X-Failed-Recipients, else the returned mail's To). The
group exists or not, the poster is the one refused: the reason is "rejected", never a bad
recipient. A group that refuses a post as spam says so, and is left to the text rules.
"""

from __future__ import annotations

import re

from bouncedesk.dsn.fields import ADDRESS
from bouncedesk.dsn.model import BOUNCE, Finding

_SIGNATURE = re.compile(r"(?i)groups\.google\.com/|^[ \t]*Google Groups[ \t]*$|Google\s*グループ|Google-Gruppe", re.M)
_SPAM = re.compile(r"(?i)\bspam\b")


def matches(headers: dict[str, str], sender: str | None, report: str) -> bool:
    """Sent by Google's daemon, signed by Google Groups, about a group address."""
    domain = (sender or "").rpartition("@")[2]
    if not (domain.startswith("google") and domain.endswith((".com", "mail.com"))):
        return False
    return bool(_SIGNATURE.search(report[:8000]))


def findings(headers: dict[str, str], report: str, original_to: str | None) -> list[Finding]:
    failed = [a.lower() for a in ADDRESS.findall(headers.get("x-failed-recipients", ""))]
    recipients = failed or ([original_to] if original_to else [])
    text = " ".join(report.split())[:1500]
    hint = "" if _SPAM.search(text) else "rejected"
    return [Finding(kind=BOUNCE, recipient=r, action="failed", reason_hint=hint, diagnostic=text,
                    extra={"context": text}) for r in recipients]
