"""Check a mailing list before sending: per provider, what the store knows and what looks wrong.

For each address in a CSV list (read by `exports.filter_list`, the same reader as `scrub`): its
state in the store (suppressed, inactive, paused, retrying), a bounce in the last 30 days, a role
account (info@, noreply@ …), an invalid address (RFC 5321/5322 addr-spec, IDN domains; no DNS), a
likely typo of a large domain (gmial.com), a repeat of an earlier row. Role names and large domains
are data (resources/mail/listcheck.json); providers come from classify.receivers, the table provider
health uses too. Linear in the list; no Qt.
"""

from __future__ import annotations

import csv
import ipaddress
import json
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bouncedesk.classify.receivers import OTHERS, load_receivers, provider_of
from bouncedesk.errors import InputError
from bouncedesk.lists.csvtext import inert_cell, output_file
from bouncedesk.lists.exports import filter_list
from bouncedesk.policy.model import DO_NOT_SEND
from bouncedesk.store.providers import receivers_for
from bouncedesk.store.queries import do_not_send

RECENT_DAYS = 30
# Report order. The store states exclude each other; the other findings may add to them.
CATEGORIES = ("suppressed", "inactive", "paused", "retrying", "recently_bounced", "role", "invalid", "typo",
              "duplicate")  # fmt: skip


# --- data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListData:
    """Role local parts, large domains (typo targets) and the known domains (the providers' too)."""

    roles: frozenset[str]
    large: tuple[str, ...]
    known: frozenset[str]  # never called a typo
    tlds: frozenset[str]  # the same name under another of these is a real domain (gmail.de), not a typo
    deletes: dict[str, set[str]] = field(repr=False, default_factory=dict)  # delete-variant → large domains


def _data_file() -> Path:
    from bouncedesk.config import resources_dir

    return resources_dir() / "mail" / "listcheck.json"


@lru_cache(maxsize=2)
def load_data(path: str | None = None) -> ListData:
    file = Path(path) if path else _data_file()
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        providers = load_receivers().by_domain  # the one provider table, shared with provider health
        large = tuple(d.lower() for d in raw["large_domains"])
        known = frozenset(large) | frozenset(providers) | frozenset(d.lower() for d in raw.get("known_domains", ()))
        data = ListData(frozenset(r.lower() for r in raw["role_accounts"]), large, known,
                        frozenset(raw.get("country_tlds", ())))  # fmt: skip
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"cannot read the list-check data {file}: {exc}") from exc
    for d in large:
        for v in _deletes(d):
            data.deletes.setdefault(v, set()).add(d)
    return data


# --- address syntax (RFC 5321/5322 addr-spec, RFC 6531 UTF-8 local parts, IDNA domains) -------

_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff]"
_DOT_ATOM = re.compile(rf"{_ATEXT}+(?:\.{_ATEXT}+)*")
_QUOTED = re.compile(r'"(?:[\x20\x21\x23-\x5b\x5d-\x7e\u0080-\U0010ffff]|\\[\x20-\x7e])*"')
_LDH = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def _ascii_domain(domain: str) -> str | None:
    """The domain in ASCII (IDN labels as xn--), or None when it is not a usable host name."""
    if not domain or len(domain) > 253 or domain.endswith("."):
        return None
    labels = domain.split(".")
    if len(labels) < 2:
        return None  # a dotless domain does not take mail from the Internet
    out = []
    for label in labels:
        if not label.isascii():
            try:
                label = label.encode("idna").decode("ascii")
            except UnicodeError:
                return None
        label = label.lower()
        if not _LDH.fullmatch(label):
            return None
        out.append(label)
    if out[-1].isdigit():
        return None  # a top-level domain is never numeric
    ascii_ = ".".join(out)
    return ascii_ if len(ascii_) <= 253 else None


def invalid_reason(address: str) -> str | None:
    """Why `address` is not a valid addr-spec (a few words), or None when it is valid."""
    if not address:
        return "empty"
    if not address.isprintable():  # control characters, line ends, tabs, non-ASCII blanks
        return "contains control characters or blanks"
    local, at, domain = address.rpartition("@")
    if not at:
        return "no @"
    if not local:
        return "nothing before the @"
    if not domain:
        return "nothing after the @"
    if not (_DOT_ATOM.fullmatch(local) or _QUOTED.fullmatch(local)):
        return "the part before the @ is not allowed"
    if len(local.encode("utf-8")) > 64:
        return "the part before the @ is longer than 64 characters"
    if domain.startswith("[") and domain.endswith("]"):
        lit = domain[1:-1]
        try:
            if lit[:5].lower() == "ipv6:":
                ipaddress.IPv6Address(lit[5:])
            else:
                ipaddress.IPv4Address(lit)
        except ValueError:
            return "not a valid address literal"
        return None
    ascii_ = _ascii_domain(domain)
    if ascii_ is None:
        return "not a valid domain"
    if len(local.encode("utf-8")) + 1 + len(ascii_) > 254:
        return "longer than 254 characters"
    return None


# --- typos -----------------------------------------------------------------------------------


def _deletes(word: str, depth: int = 2) -> set[str]:
    """Every string made by deleting up to `depth` characters (two strings within edit distance 2
    share one: the symmetric-delete index, so a domain is compared only with a few candidates)."""
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (a swap of neighbours counts 1), or limit+1 when above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _same_name_other_tld(domain: str, large: str, tlds: frozenset[str]) -> bool:
    name, _, tld = large.partition(".")
    other_name, _, other_tld = domain.partition(".")
    return name == other_name and other_tld in tlds and other_tld != tld


def typo_of(domain: str, data: ListData) -> str | None:
    """The large domain `domain` is likely a typo of (edit distance ≤ 2 from one of 9 characters or more,
    ≤ 1 from a shorter one: bund.de is not a typo of 1und1.de), or None."""
    if domain in data.known or len(domain) > 64:
        return None
    hits: set[str] = set()
    for v in _deletes(domain):
        hits |= data.deletes.get(v, set())
    best, best_d = None, 3
    for large in sorted(hits):
        limit = 2 if len(large) >= 9 else 1
        d = edit_distance(domain, large, limit)
        if d <= limit and d < best_d and not _same_name_other_tld(domain, large, data.tlds):
            best, best_d = large, d
    return best


# --- the check -------------------------------------------------------------------------------


@dataclass(slots=True)
class Finding:
    row: int  # data row, from 1
    email: str
    provider: str  # key
    category: str
    detail: str = ""


@dataclass
class ListReport:
    column: str = ""
    rows: int = 0
    addresses: int = 0
    no_address: int = 0
    kept: int = 0
    dropped: int = 0
    providers: dict[str, Counter] = field(default_factory=dict)  # key → Counter(addresses, categories)
    titles: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def total(self, category: str) -> int:
        return sum(c[category] for c in self.providers.values())

    def as_dict(self) -> dict:
        return {
            "column": self.column, "rows": self.rows, "addresses": self.addresses, "no_address": self.no_address,
            "kept": self.kept, "dropped": self.dropped,
            "totals": {c: self.total(c) for c in CATEGORIES},
            "providers": [
                {"provider": k, "title": self.titles.get(k, k), "addresses": c["addresses"],
                 **{cat: c[cat] for cat in CATEGORIES}}
                for k, c in self.providers.items()
            ],
            "findings": [{"row": f.row, "email": f.email, "provider": f.provider, "category": f.category,
                          "detail": f.detail} for f in self.findings],
        }  # fmt: skip


def address_in_cell(cell: str) -> str:
    """The address a list cell holds: trimmed, without a display name's <…> or a mailto: prefix."""
    text = cell.strip()
    if text.endswith(">") and "<" in text:
        text = text[text.rindex("<") + 1 : -1].strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    return text


def _store_view(conn: sqlite3.Connection, now: int) -> tuple[dict[str, tuple[str, str]], dict[str, int]]:
    """(email → (state, why)) for every address not simply active, and (email → last bounce) for
    bounces within RECENT_DAYS."""
    states = dict(do_not_send(conn))
    for (email,) in conn.execute("SELECT email FROM recipients WHERE state = 'retrying'"):
        states[email] = ("retrying", "")
    recent = dict(conn.execute("SELECT email, last_failure_at FROM recipients WHERE last_failure_at >= ?",
                               (now - RECENT_DAYS * 86400,)))  # fmt: skip
    return states, recent


def check_list(conn: sqlite3.Connection, src: str, dst: str | None = None, *, now: int,
               column: str | None = None, drop_invalid: bool = False, data: ListData | None = None) -> ListReport:  # fmt: skip
    """Check `src` and, with `dst`, write the cleaned list: kept rows byte for byte, without the
    addresses not to mail (suppressed, inactive, paused), repeats of an earlier row, and, with
    `drop_invalid`, invalid addresses and likely typos. Rows without an address are kept."""
    data = data or load_data()
    states, recent = _store_view(conn, now)
    receivers = receivers_for(conn)  # the bundled providers and the user's own
    report = ListReport(titles=dict(receivers.titles))
    seen: set[str] = set()
    typo_cache: dict[str, str | None] = {}

    def keep(cell: str | None) -> bool:
        report.rows += 1
        text = address_in_cell(cell or "")
        if not text:
            report.no_address += 1
            report.kept += 1
            return True
        report.addresses += 1
        email = text.lower()
        domain = email.rpartition("@")[2] if "@" in email else ""
        prov = provider_of(domain, data=receivers) if domain else OTHERS
        counts = report.providers.get(prov)
        if counts is None:
            counts = report.providers[prov] = Counter()
        counts["addresses"] += 1
        row = report.rows
        drop = False

        def found(cat: str, detail: str = "") -> None:
            counts[cat] += 1
            report.findings.append(Finding(row, text, prov, cat, detail))

        if email in seen:
            found("duplicate")
            report.dropped += 1
            return False
        seen.add(email)
        st = states.get(email)
        if st is not None:
            found(st[0], st[1])
            drop = st[0] in DO_NOT_SEND
        if email in recent:
            found("recently_bounced")
        reason = invalid_reason(text)
        if reason is not None:
            found("invalid", reason)
            drop = drop or drop_invalid
        else:
            local = email.rpartition("@")[0]
            if local.split("+", 1)[0] in data.roles:
                found("role")
            if domain not in typo_cache:
                typo_cache[domain] = typo_of(domain, data)
            suggestion = typo_cache[domain]
            if suggestion:
                found("typo", suggestion)
                drop = drop or drop_invalid
        if drop:
            report.dropped += 1
            return False
        report.kept += 1
        return True

    def restart() -> None:
        fresh = ListReport(titles=report.titles)
        report.__dict__.update(fresh.__dict__)
        seen.clear()

    report.column = filter_list(src, dst, keep, column=column, restart=restart)
    order = [k for k in receivers.titles if k in report.providers]
    report.providers = {k: report.providers[k] for k in order}
    return report


REPORT_COLUMNS = ("row", "email", "provider", "category", "detail")


def write_findings(report: ListReport, path: str) -> int:
    """Every finding as CSV (one row each); the list's own text goes through `inert_cell`."""
    with output_file(path) as out:
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(REPORT_COLUMNS)
        for f in report.findings:
            w.writerow([f.row, inert_cell(f.email), report.titles.get(f.provider, f.provider), f.category,
                        inert_cell(f.detail)])  # fmt: skip
    return len(report.findings)
