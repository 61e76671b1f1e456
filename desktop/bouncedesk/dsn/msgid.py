"""Message-IDs as keys: one spelling for what a bounce names and what we sent, so they can meet."""

from __future__ import annotations

import re

_MAX_ID = 998  # RFC 5322's line limit: nothing longer is a Message-ID
_ANGLED = re.compile(r"<([^<>\s]{1,998})>")
_BARE = re.compile(r"([^<>\s]{1,998})")


def message_id_key(value: str | None) -> str | None:
    """`<Local@Domain>` → `<local@domain>`; None for nothing usable. Case-folded whole: servers
    and clients are not consistent about the case of either half."""
    if not value:
        return None
    v = value[: _MAX_ID + 100]
    m = _ANGLED.search(v) or _BARE.fullmatch(v.strip())
    if m is None or "@" not in m.group(1):
        return None
    return f"<{m.group(1).lower()}>"


def message_id_keys(value: str | None, limit: int = 50) -> list[str]:
    """Every Message-ID in an In-Reply-To or References value (at most `limit`, the newest last)."""
    if not value:
        return []
    found = [f"<{m.lower()}>" for m in _ANGLED.findall(value[: 100 * _MAX_ID]) if "@" in m]
    return found[-limit:]


def id_domain(key: str | None) -> str:
    """The domain part of a Message-ID key, '' if none."""
    if not key:
        return ""
    return key.strip("<>").rpartition("@")[2]
