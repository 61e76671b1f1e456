"""Text → reason rules, loaded once from resources/rules/reasons.json (and the user's own file).

Every pattern here is data, and the text it reads is written by strangers: the rules run on RE2
(google-re2), whose matching time is linear in the text whatever the pattern, so no rule (nor a
user's own) can backtrack for minutes over a crafted diagnostic. RE2 refuses what it cannot
match in linear time (lookarounds, backreferences): a bundled rule must do without them, a
user's rule that uses them is skipped with a warning. The ordered rules are matched together by
RE2's filtered matcher (one pass for the literal words each rule needs, then only the rules whose
words occur), and the text a rule reads is capped (MAX_RULE_TEXT).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import re2

from bouncedesk.config import data_dir_path, resources_dir
from bouncedesk.dsn.fields import lower_literals

USER_RULES_FILE = "user_rules.json"
_HOST_CACHE_SIZE = 4096  # host-name tuples remembered by RuleSet._hosts_of (then it starts again)
MAX_RULE_TEXT = 8 * 1024  # characters of one text the rules read: a server's words fit in far less

log = logging.getLogger(__name__)
_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # a refused user pattern is reported once, by us
_OPTIONS.max_mem = 32 << 20  # a pattern whose program would need more is refused, not run


def compile_rule(pattern: str):
    """An RE2 pattern (re-like API); `re2.error` when RE2 cannot match it in linear time."""
    return re2.compile(pattern, options=_OPTIONS)


class OrderedRules:
    """(reason, firm) rules in priority order, all matched at once (RE2's FilteredRE2: an RE2 set's lazy
    automaton over ~800 patterns took 0.1-0.2 s to warm up in every process; the filter's takes 0.02 s)."""

    __slots__ = ("_filter", "_meta")

    def __init__(self, rules: list[tuple[str, str, bool]]) -> None:
        self._meta = tuple((reason, firm) for reason, _, firm in rules)
        self._filter = re2.Filter()
        for _, pattern, _ in rules:
            self._filter.Add(pattern, _OPTIONS)
        if self._meta:
            self._filter.Compile()

    def __bool__(self) -> bool:
        return bool(self._meta)

    def __len__(self) -> int:
        return len(self._meta)

    def first(self, text: str) -> tuple[str, bool]:
        """The first matching rule's (reason, firm); ("", False) when none matches."""
        if not self._meta or not text:
            return "", False
        hits = self._filter.Match(text[:MAX_RULE_TEXT])
        return self._meta[min(hits)] if hits else ("", False)


@dataclass(frozen=True, slots=True)
class VendorCode:
    """A provider's own error reference ("OFR_506", "AUP#CXBL", "IB103") and the causes it names."""

    pattern: object  # an RE2 pattern (compile_rule) for lower-case text; the last group (or the whole match) is the key
    table: dict[str, str]
    digits: int = 0  # only the key's last N characters count (OFR004_405 → "405")
    ranges: tuple[tuple[int, int, str], ...] = ()  # numeric keys by range (Spectrum's AUP#1100-1150)

    def reason(self, text: str) -> str:
        m = self.pattern.search(text)
        if not m:
            return ""
        key = m.group(m.lastindex or 0)
        key = key[-self.digits:] if self.digits else key
        if key in self.table:
            return self.table[key]
        if key.isdigit():
            return next((r for lo, hi, r in self.ranges if lo <= int(key) <= hi), "")
        return ""


@dataclass(frozen=True, slots=True)
class HostRules:
    """What one receiving provider's words and codes mean (its MX host or the recipient's domain)."""

    match: object  # RE2 pattern (compile_rule) for a host name
    rules: OrderedRules | None = None
    by_status: dict[str, str] = field(default_factory=dict)  # exact code → reason
    by_stage: dict[str, str] = field(default_factory=dict)  # SMTP stage → reason, for codes that say nothing


NOT_A_BOUNCE = "notabounce"  # a correction's reason for "this message is no bounce at all"


def host_matches(host: str, hosts: tuple[str, ...]) -> bool:
    """A correction's host ("example.com") names that host and its subdomains; "" names every host."""
    return not host or any(h == host or h.endswith("." + host) for h in hosts if h)


@dataclass(frozen=True, slots=True)
class Correction:
    """The user's "this is really <reason>": a pattern over a finding's diagnostic, at a provider."""

    id: int
    reason: str
    pattern: object  # RE2 (compile_rule) for lower-case text
    host: str = ""

    def matches(self, hosts: tuple[str, ...], diagnostic: str) -> bool:
        return bool(diagnostic) and host_matches(self.host, hosts) and bool(
            self.pattern.search(diagnostic[:MAX_RULE_TEXT].lower()))


def compile_corrections(entries: list, refused: list[str] | None = None) -> tuple[Correction, ...]:
    """The user's corrections (user_rules.json's "corrections"); a broken one is skipped and listed."""
    out = []
    for e in entries if isinstance(entries, list) else []:
        try:
            out.append(Correction(int(e["id"]), str(e["reason"]), compile_rule(lower_literals(str(e["pattern"]))),
                                  str(e.get("host") or "").lower()))
        except (re2.error, KeyError, TypeError, ValueError):
            if refused is None:
                raise
            refused.append(str(e.get("pattern", "")) if isinstance(e, dict) else repr(e))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class RuleSet:
    # reasons in priority order (user rules first); a firm rule's words outrank the status code
    rules: OrderedRules
    by_status: dict[str, str]  # "X.1.1" or "4.4.1" → reason, "" where the code alone says too little
    codes: tuple[VendorCode, ...] = ()
    address_verdicts: object | None = None  # RE2: "no such user" words that hold at any SMTP stage
    hosts: tuple[HostRules, ...] = ()
    guard: OrderedRules | None = None  # words that put the blame on the sender: never a dead address
    recipient_refusals: object | None = None  # RE2: a reply refusing the recipient address itself
    corrections: tuple[Correction, ...] = ()  # the user's own corrections: they outrank every other reading
    _host_cache: dict = field(default_factory=dict, compare=False, repr=False)  # see _hosts_of

    def correction_for(self, hosts: tuple[str, ...], diagnostic: str) -> str:
        """The reason of the user's first correction matching this finding; "" when none does."""
        for c in self.corrections:
            if c.matches(hosts, diagnostic):
                return c.reason
        return ""

    def sender_side_reason(self, text: str) -> str:
        """The reason the server's words give when they blame the sender (its IP on a blocklist, its
        reputation, authentication, rate or a policy); "" when they do not."""
        if not text or not self.guard:
            return ""
        return self.guard.first(text[:MAX_RULE_TEXT].lower())[0]

    def says_address_unknown(self, text: str) -> bool:
        return bool(text and self.address_verdicts and self.address_verdicts.search(text[:MAX_RULE_TEXT].lower()))

    def refuses_recipient(self, text: str) -> bool:
        """The reply's words refuse the recipient address as such ("invalid recipient", "recipient
        address rejected"): words about the address, not about the message."""
        return bool(text and self.recipient_refusals
                    and self.recipient_refusals.search(text[:MAX_RULE_TEXT].lower()))

    def reason_for_vendor_code(self, text: str) -> str:
        """A provider's own error reference names the cause more precisely than its words or its code."""
        if not text or not self.codes:
            return ""
        text = text[:MAX_RULE_TEXT].lower()
        for code in self.codes:
            reason = code.reason(text)
            if reason:
                return reason
        return ""

    def reason_for_host(self, hosts: tuple[str, ...], text: str, status: str, stage: str) -> str:
        """A provider's own words (or, for a code that says nothing, its SMTP stage): they outrank the
        generic rules. Its reading of a code is `status_for_host`, weighed like any code."""
        if not self.hosts:
            return ""
        text = text[:MAX_RULE_TEXT].lower()
        for host in self._hosts_of(hosts):
            reason = host.rules.first(text)[0] if host.rules else ""
            if reason:
                return reason
            if status[2:] in ("0.0", "") and stage in host.by_stage and status not in host.by_status:
                return host.by_stage[stage]
        return ""

    def status_for_host(self, hosts: tuple[str, ...], status: str) -> str | None:
        """What a provider means by an enhanced code (Gmail's 4.2.1: a rate limit); None when it has no
        reading of its own."""
        if not self.hosts or not status:
            return None
        for host in self._hosts_of(hosts):
            if status in host.by_status:
                return host.by_status[status]
        return None

    def _hosts_of(self, hosts: tuple[str, ...]) -> tuple[HostRules, ...]:
        """The providers whose MX or domain patterns match these host names. Remembered per tuple:
        the same few providers' hosts recur in every batch, and each test is an RE2 call."""
        found = self._host_cache.get(hosts)
        if found is None:
            cut = [h[:255] for h in hosts if h]
            found = tuple(host for host in self.hosts if any(host.match.search(h) for h in cut))
            if len(self._host_cache) >= _HOST_CACHE_SIZE:
                self._host_cache.clear()
            self._host_cache[hosts] = found
        return found

    def reason_for_text(self, text: str) -> str:
        return self.match_text(text)[0]

    def match_text(self, text: str) -> tuple[str, bool]:
        """(reason of the first rule whose pattern matches, whether that rule is firm); ("", False) if none."""
        if not text:
            return "", False
        return self.rules.first(text[:MAX_RULE_TEXT].lower())  # patterns are lower-cased at load

    def reason_for_status(self, status: str) -> str:
        if not status:
            return ""
        if status[0] == "2":
            return self.by_status.get("2", "")
        # A class-specific entry ("4.4.1") refines the generic one ("X.4.1").
        exact = self.by_status.get(status)
        return exact if exact is not None else self.by_status.get("X" + status[1:], "")


def _compile(entries: list[dict], refused: list[str] | None = None) -> list[tuple[str, str, bool]]:
    """(reason, one combined pattern, firm) per entry. With `refused`, a pattern RE2 will not take is
    skipped and listed there (a user's rule); without, it raises `re2.error` (a bundled rule)."""
    out = []
    for entry in entries:
        pats = []
        for p in entry.get("patterns", []):
            if not p:
                continue
            try:
                compile_rule(lower_literals(p))
            except re2.error:
                if refused is None:
                    raise
                refused.append(p)
                continue
            pats.append(p)
        if pats:
            joined = "|".join(f"(?:{lower_literals(p)})" for p in pats)
            out.append((entry["reason"], joined, bool(entry.get("firm"))))
    return out



@lru_cache(maxsize=4)
def load_rules(extra_path: str | None = None) -> RuleSet:
    """The bundled rules, with a user's own rules (if any) tried first."""
    base = json.loads((resources_dir() / "rules" / "reasons.json").read_text(encoding="utf-8"))
    rules = []
    corrections: tuple[Correction, ...] = ()
    user = Path(extra_path) if extra_path else user_rules_path()
    if user and user.is_file():
        refused: list[str] = []
        try:
            data = json.loads(user.read_text(encoding="utf-8"))
            rules += _compile(data.get("rules", []), refused)
            corrections = compile_corrections(data.get("corrections", []), refused)
        except (ValueError, KeyError, TypeError, AttributeError):
            log.warning("%s is not a rules file; it is ignored", user)  # must not stop parsing
        if refused:
            log.warning("%s: %d pattern(s) skipped (lookarounds, backreferences or too big for linear-time "
                        "matching): %s", user, len(refused), ", ".join(repr(p[:60]) for p in refused[:5]))
    rules += _compile(base["rules"])
    codes = tuple(VendorCode(compile_rule(c["pattern"]), dict(c["map"]), int(c.get("digits", 0)),
                             tuple((int(lo), int(hi), r) for lo, hi, r in c.get("ranges", [])))
                  for c in base.get("codes", []))
    address = _one_pattern(base.get("address_verdicts", {}).get("patterns", []))
    hosts = tuple(HostRules(compile_rule(h["match"]), OrderedRules(_compile(h.get("rules", []))),
                            dict(h.get("status", {})), dict(h.get("stage", {}))) for h in base.get("hosts", []))
    guard = [r for r in base["rules"] if r.get("guard")] + base.get("guard", {}).get("rules", [])
    return RuleSet(OrderedRules(rules), dict(base.get("status", {})), codes, address, hosts,
                   OrderedRules(_compile(guard)), _one_pattern(base.get("recipient_refusals", {}).get("patterns", [])),
                   corrections)


def _one_pattern(patterns: list[str]):
    """Several bundled patterns as one RE2 pattern for lower-case text; None when there are none."""
    pats = [lower_literals(p) for p in patterns if p]
    return compile_rule("|".join(f"(?:{p})" for p in pats)) if pats else None


_USER_RULES_ENV = "BOUNCEDESK_USER_RULES"  # set by set_user_rules_path: parse workers started later read it too


def set_user_rules_path(path: Path | None) -> Path | None:
    """Read the user's rules from this file from now on (the data folder a store was opened in: a
    --data-dir need not be the default one; None: the default data folder's again); forgets the rules
    loaded so far. Kept in the environment, so parse worker processes started afterwards use the
    same file. Returns the previous choice."""
    previous = os.environ.get(_USER_RULES_ENV)
    if path:
        os.environ[_USER_RULES_ENV] = str(path)
    else:
        os.environ.pop(_USER_RULES_ENV, None)
    load_rules.cache_clear()
    return Path(previous) if previous else None


def user_rules_path() -> Path:
    """The user's rules file: the one set for the open store, else the default data folder's."""
    chosen = os.environ.get(_USER_RULES_ENV)
    return Path(chosen) if chosen else data_dir_path() / USER_RULES_FILE

