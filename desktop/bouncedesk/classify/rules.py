"""Text → reason rules, loaded once from resources/rules/reasons.json (and the user's own file)."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bouncedesk.config import resources_dir

USER_RULES_FILE = "user_rules.json"


@dataclass(frozen=True, slots=True)
class RuleSet:
    # (reason, one combined pattern, firm) in priority order; a firm rule's words outrank the status code
    rules: tuple[tuple[str, re.Pattern[str], bool], ...]
    by_status: dict[str, str]  # "X.1.1" or "4.4.1" → reason, "" where the code alone says too little
    codes: tuple[tuple[re.Pattern[str], int, dict[str, str]], ...] = ()  # vendor references (OFR_506, [TSS04])
    address_verdicts: re.Pattern[str] | None = None  # "no such user" words that hold at any SMTP stage

    def says_address_unknown(self, text: str) -> bool:
        return bool(text and self.address_verdicts and self.address_verdicts.search(text.lower()))

    def reason_for_vendor_code(self, text: str) -> str:
        """A provider's own error reference names the cause more precisely than its words or its code."""
        if not text or not self.codes:
            return ""
        text = text.lower()
        for pattern, digits, table in self.codes:
            m = pattern.search(text)
            if m:
                key = m.group(m.lastindex or 0)
                reason = table.get(key[-digits:] if digits else key, "")
                if reason:
                    return reason
        return ""

    def reason_for_text(self, text: str) -> str:
        return self.match_text(text)[0]

    def match_text(self, text: str) -> tuple[str, bool]:
        """(reason of the first rule whose pattern matches, whether that rule is firm); ("", False) if none."""
        if not text:
            return "", False
        text = text.lower()  # patterns are lower-cased at load: 3-4x faster than re.IGNORECASE
        for reason, pattern, firm in self.rules:
            if pattern.search(text):
                return reason, firm
        return "", False

    def reason_for_status(self, status: str) -> str:
        if not status:
            return ""
        if status[0] == "2":
            return self.by_status.get("2", "")
        # A class-specific entry ("4.4.1") refines the generic one ("X.4.1").
        exact = self.by_status.get(status)
        return exact if exact is not None else self.by_status.get("X" + status[1:], "")


def _compile(entries: list[dict]) -> list[tuple[str, re.Pattern[str], bool]]:
    out = []
    for entry in entries:
        pats = [p for p in entry.get("patterns", []) if p]
        if pats:
            joined = "|".join(f"(?:{_lower_literals(p)})" for p in pats)
            out.append((entry["reason"], re.compile(joined), bool(entry.get("firm"))))
    return out


_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]")


def _lower_literals(pattern: str) -> str:
    """Lower-case a pattern's letters but not its escapes (\\S, \\D, \\B keep their meaning)."""
    return _UPPER_LITERAL.sub(lambda m: m.group(0).lower(), pattern)


@lru_cache(maxsize=4)
def load_rules(extra_path: str | None = None) -> RuleSet:
    """The bundled rules, with a user's own rules (if any) tried first."""
    base = json.loads((resources_dir() / "rules" / "reasons.json").read_text(encoding="utf-8"))
    rules = []
    user = Path(extra_path) if extra_path else _user_rules_path()
    if user and user.is_file():
        try:
            rules += _compile(json.loads(user.read_text(encoding="utf-8")).get("rules", []))
        except (ValueError, re.error, KeyError, TypeError):
            pass  # a broken user file must not stop parsing; the settings view reports it
    rules += _compile(base["rules"])
    codes = tuple((re.compile(c["pattern"]), int(c.get("digits", 0)), dict(c["map"])) for c in base.get("codes", []))
    verdicts = [_lower_literals(p) for p in base.get("address_verdicts", {}).get("patterns", []) if p]
    address = re.compile("|".join(f"(?:{p})" for p in verdicts)) if verdicts else None
    return RuleSet(tuple(rules), dict(base.get("status", {})), codes, address)


def _user_rules_path() -> Path | None:
    home = os.environ.get("BOUNCEDESK_HOME")
    return Path(home) / USER_RULES_FILE if home else None
