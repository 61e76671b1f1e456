"""Plain-language "what happened" and "what to do next" for each bounce reason, in en and de.

The texts live in resources/rules/explanations.json so translators can edit them without code;
the file is read once, on first use, so `bouncedesk parse` does not pay for it at start-up.
"""

from __future__ import annotations

import json
from functools import cache

from bouncedesk.classify.codes import describe, is_valid, normalize_lang
from bouncedesk.config import resources_dir
from bouncedesk.errors import BounceDeskError

FALLBACK_REASON = "undefined"


@cache
def _texts() -> dict:
    """The whole file, read once: "reasons" (reason -> lang -> {"explain", "next"}) and "terms"
    (the glossary words); a broken file is an installation fault, said plainly."""
    path = resources_dir() / "rules" / "explanations.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        reasons, terms_ = data["reasons"], data.get("terms", {})
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BounceDeskError(f"cannot read the reason texts in {path}: {exc}") from exc
    if not isinstance(reasons, dict) or not isinstance(terms_, dict):
        raise BounceDeskError(f"cannot read the reason texts in {path}: 'reasons' or 'terms' is not a table")
    return data


def term(group: str, key: str, lang: str = "en") -> str:
    """The glossary word (docs/GLOSSARY.md) for a state, kind, reason, action or trust word.

    group is "state", "kind", "reason", "action" or "trust"; an unknown key comes back as is.
    The GUI shows the same words through its translations (ui/format.py, tests/unit/test_glossary.py).
    """
    entry = _texts().get("terms", {}).get(group, {}).get(key)
    if not entry:
        return key
    return str(entry.get(normalize_lang(lang)) or entry.get("en") or key)


def terms(group: str) -> dict[str, dict[str, str]]:
    """key -> {"en", "de"} for one group of the glossary."""
    return dict(_texts().get("terms", {}).get(group, {}))


def known_reasons() -> tuple[str, ...]:
    """Every reason that has texts, in file order."""
    return tuple(_texts()["reasons"])


def _entry(reason: str, lang: str, field: str) -> str:
    """The text for reason/lang; unknown reasons use 'undefined', missing languages English."""
    texts = _texts()["reasons"]
    by_lang = texts.get(reason) or texts.get(FALLBACK_REASON) or {}
    chosen = by_lang.get(normalize_lang(lang)) or by_lang.get("en") or {}
    return str(chosen.get(field, ""))


def explain_reason(reason: str, lang: str = "en") -> str:
    """One or two sentences saying what happened, for a small-business user."""
    return _entry(reason, lang, "explain")


def next_step(reason: str, lang: str = "en") -> str:
    """What the user can do about this reason (what BounceDesk does itself: policy.story)."""
    return _entry(reason, lang, "next")


def explain(status: str, reason: str, lang: str = "en") -> str:
    """The code's meaning and the reason's explanation in one paragraph.

    "5.2.2 Mailbox full (the server refused). The recipient's mailbox is full. ..." Either part
    is left out when its input is empty.
    """
    parts: list[str] = []
    status = (status or "").strip()
    if status:
        text = describe(status, lang)
        parts.append(f"{status} {text}." if is_valid(status) else f"{text}.")
    if reason:
        parts.append(explain_reason(reason, lang))
    return " ".join(p for p in parts if p)


def capitalized(text: str) -> str:
    """A glossary word (lower case in running text, see `term`) at the start of a headline, a card or
    a list entry."""
    return text[:1].upper() + text[1:]
