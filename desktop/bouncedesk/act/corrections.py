"""Corrections that apply backwards: the user's "this bounce is really <reason>" as a rule.

A correction is data in the data folder's user_rules.json ("corrections": id, reason, pattern, host,
created): an RE2 pattern over a finding's diagnostic (lower case), optionally only at one provider
(the remote MTA's or the recipient's domain). It outranks every other reading (classify), and the
reason `not-a-bounce` drops the matching findings (the message then holds no bounce at all).

Every change of the rules (add, edit, remove, import, undo) is a `Plan`: the new file, the stored
messages it may touch, and a dry run of reparse over them listing the recipients whose state would
change. Applying it writes the file, re-parses those messages and records one undoable step (the
previous file and the messages), so `undo_last` restores the rules and re-parses back. The CLI's
`bouncedesk rules` / `bouncedesk correct` and the GUI's corrections both call these functions.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import re2

from bouncedesk.classify.rules import (
    NOT_A_BOUNCE,
    USER_RULES_FILE,
    compile_rule,
    host_matches,
    load_rules,
    set_user_rules_path,
)
from bouncedesk.dsn.fields import lower_literals
from bouncedesk.errors import InputError
from bouncedesk.intake.reparse import StateChange, reparse_all
from bouncedesk.store.settings import get_setting, put_setting

NOT_A_BOUNCE_KEY = "not-a-bounce"  # what the user types; stored as the classifier's NOT_A_BOUNCE
# The reasons a bounce can be corrected to (the glossary's, without those that are no bounce's).
REASONS = ("userunknown", "hostunknown", "hasmoved", "notaccept", "mailboxfull", "suspend", "exceedlimit",
           "mesgtoobig", "systemfull", "expired", "networkerror", "systemerror", "mailererror", "toomanyconn",
           "speeding", "syntaxerror", "securityerror", "failedstarttls", "blocked", "badreputation", "requireptr",
           "authfailure", "rejected", "norelaying", "spamdetected", "virusdetected", "filtered", "policyviolation",
           "contenterror", "notcompliantrfc", "onhold", NOT_A_BOUNCE_KEY)  # fmt: skip
MAX_SHARE = 0.20  # a pattern matching more of the stored diagnostics than this is too broad
MIN_STORED = 10  # ... judged only once this many are stored (a handful says nothing)
MAX_PATTERN = 500
_PROBES = ("", " ", "a", "x1", "550", "5.1.1", "error")  # a pattern matching any of these matches everything
_UNDO_KEY = "corrections.undo"
_UNDO_KEEP = 20
CORRECTED_WHY = "correction by you"
UNDONE_WHY = "correction undone by you"


@dataclass(frozen=True, slots=True)
class UserRule:
    """One correction as the lists show it; `matches` is how many stored bounces it matches."""

    id: int
    reason: str  # a REASONS key
    pattern: str
    host: str = ""
    created: int = 0
    source: int | None = None  # the result it was made from
    matches: int = 0


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What a correction of one stored bounce would match, for the user to check and edit."""

    result_id: int
    email: str
    reason: str  # the bounce's current reason
    diagnostic: str
    pattern: str
    host: str


@dataclass(slots=True)
class Plan:
    """A change of the user's rules and what it would do; nothing is changed until `apply_plan`."""

    summary: str
    after: dict
    before_text: str | None
    messages: list[int]
    changes: list[StateChange] = field(default_factory=list)  # recipients whose state would change

    def lines(self) -> list[str]:
        n = len(self.changes)
        head = f"{n} recipient{'s' * (n != 1)} change" + (":" if n else "")
        return [head, *(f"  {c.email}: {c.before} → {c.after}" for c in self.changes)]


@dataclass(frozen=True, slots=True)
class Applied:
    message: str
    changes: list[StateChange]


# --- the file -------------------------------------------------------------------------------------


def rules_file(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / USER_RULES_FILE


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _parse(text: str | None, where: str) -> dict:
    if not text:
        return {"rules": [], "corrections": []}
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{where} is not a rules file (JSON): {exc}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("corrections", []), list) \
            or not isinstance(doc.get("rules", []), list):
        raise InputError(f"{where} is not a rules file: expected {{\"rules\": [...], \"corrections\": [...]}}")
    return {**doc, "rules": list(doc.get("rules", [])), "corrections": list(doc.get("corrections", []))}


def load_doc(data_dir) -> dict:
    path = rules_file(data_dir)
    return _parse(_read_text(path), str(path))


def _write(path: Path, text: str | None) -> None:
    if text is None:
        path.unlink(missing_ok=True)
        return
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _dump(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@contextmanager
def _rules_from(path: Path) -> Iterator[None]:
    """Classify with the rules of this file for a while (then the previous file's again)."""
    previous = set_user_rules_path(path)
    try:
        yield
    finally:
        set_user_rules_path(previous)


# --- patterns -------------------------------------------------------------------------------------

_LEAD = re2.compile(r"^(?:\s*(?:smtp;|x-[a-z-]+;|[245]\d\d[ -]|[245]\.\d{1,3}\.\d{1,3}:?|#))+\s*")
_SPLIT = re2.compile(r"[;:()\[\]]|\.\s|\s-\s")
_META = set("\\.^$|?*+()[]{}")
MAX_WORDS = 12


def _variable(token: str) -> bool:
    """Addresses, numbers, ids, links and hosts vary from one bounce to the next."""
    return any(c.isdigit() for c in token) or "@" in token or "/" in token or "=" in token \
        or (token.count(".") >= 1 and len(token.strip(".,")) > 3 and "." in token.strip(".,")) or len(token) > 30


def _escape(token: str) -> str:
    return "".join("\\" + c if c in _META else c for c in token)


def _generalise(words: list[str]) -> tuple[str, int]:
    """(pattern, literal words): variable tokens become \\S+, the rest is literal, joined by \\s+."""
    parts: list[str] = []
    literal = 0
    for w in words[:MAX_WORDS]:
        if _variable(w):
            if parts[-1:] != [r"\S+"]:
                parts.append(r"\S+")
        else:
            parts.append(_escape(w))
            literal += 1
    while parts and parts[-1] == r"\S+":
        parts.pop()
    while parts and parts[0] == r"\S+":
        parts.pop(0)
    return r"\s+".join(parts), literal


def derive_pattern(diagnostic: str) -> str:
    """A specific pattern for the distinctive phrase of a diagnostic, its variable parts generalised
    (the phrase with the most literal words; the reply codes in front dropped)."""
    text = " ".join(diagnostic[:2000].lower().split())
    text = text[_LEAD.match(text).end() if _LEAD.match(text) else 0:]
    best, best_n = "", 0
    for segment in _SPLIT.split(text):
        pattern, n = _generalise(segment.split())
        if n > best_n:
            best, best_n = pattern, n
    if best_n < 2:  # no phrase of two words: the whole text
        best, best_n = _generalise(text.split())
    if best_n == 0:
        raise InputError("this bounce's words are all addresses, numbers or ids; write the pattern yourself")
    return best


def derive_host(remote_mta: str, email: str) -> str:
    """The provider: the remote MTA's domain (mx1.mail.example.co.uk → example.co.uk), else the
    recipient's domain."""
    mta = remote_mta.split()[-1].strip("[];").lower() if remote_mta.strip() else ""
    labels = [x for x in mta.split(".") if x]
    if len(labels) >= 2 and not all(x.isdigit() for x in labels) and ":" not in mta:
        keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "net", "org", "ac",
                                                                                   "gov", "edu", "ne", "or") else 2
        return ".".join(labels[-keep:])
    return (email or "").rpartition("@")[2].lower()


def _hosts(remote_mta: str | None, domain: str | None) -> tuple[str, ...]:
    """As classify sees them: the remote MTA's host name and the recipient's domain."""
    mta = (remote_mta or "").split()[0].strip("[]").lower() if (remote_mta or "").strip() else ""
    return mta, (domain or "").lower()


def compile_pattern(pattern: str):
    """The RE2 program of a user's pattern; InputError when it is not one (linear time, bounded)."""
    pattern = (pattern or "").strip()
    if not pattern:
        raise InputError("the pattern is empty")
    if len(pattern) > MAX_PATTERN:
        raise InputError(f"the pattern is longer than {MAX_PATTERN} characters")
    try:
        rx = compile_rule(lower_literals(pattern))
    except re2.error as exc:
        raise InputError(f"the pattern is not usable (no lookarounds or backreferences; linear-time RE2 "
                         f"only): {exc}") from None
    if any(rx.search(p) for p in _PROBES):
        raise InputError("the pattern matches almost any text; make it more specific")
    return rx


def _stored(conn: sqlite3.Connection) -> Iterator[tuple[int, int, str, tuple[str, ...]]]:
    """(result id, message id, diagnostic, hosts) of every stored result with a diagnostic."""
    for rid, mid, diag, mta, domain in conn.execute(
            "SELECT id, message_id, diagnostic, remote_mta, domain FROM results WHERE diagnostic != ''"):
        yield rid, mid, diag, _hosts(mta, domain)


def _matcher(pattern: str, host: str):
    rx = compile_rule(lower_literals(pattern))
    host = host.lower()
    return lambda hosts, diag: host_matches(host, hosts) and bool(rx.search(diag[:8192].lower()))


def count_matches(conn: sqlite3.Connection, pattern: str, host: str = "") -> tuple[int, int]:
    """(stored bounces this pattern matches, stored bounces with a diagnostic)."""
    match = _matcher(pattern, host)
    hit = total = 0
    for _rid, _mid, diag, hosts in _stored(conn):
        total += 1
        hit += match(hosts, diag)
    return hit, total


def check_pattern(conn: sqlite3.Connection, pattern: str, host: str = "") -> int:
    """Refuse a pattern that is unsafe or too broad; returns how many stored bounces it matches."""
    compile_pattern(pattern)
    hit, total = count_matches(conn, pattern, host)
    if total >= MIN_STORED and hit > MAX_SHARE * total:
        raise InputError(f"the pattern matches {hit} of {total} stored bounces ({100 * hit // total} %), more than "
                         f"{int(MAX_SHARE * 100)} %: make it more specific (a longer phrase, or a provider)")
    return hit


def _reason_key(reason: str) -> str:
    reason = (reason or "").strip().lower()
    if reason in (NOT_A_BOUNCE_KEY, NOT_A_BOUNCE, "none", "not a bounce"):
        return NOT_A_BOUNCE_KEY
    if reason not in REASONS:
        raise InputError(f"unknown reason {reason!r}; use one of: {', '.join(REASONS)}")
    return reason


def _stored_reason(reason: str) -> str:
    return NOT_A_BOUNCE if reason == NOT_A_BOUNCE_KEY else reason


def suggest(conn: sqlite3.Connection, result_id: int) -> Suggestion:
    row = conn.execute("SELECT id, email, reason, diagnostic, remote_mta FROM results WHERE id = ?",
                       (int(result_id),)).fetchone()  # fmt: skip
    if row is None:
        raise InputError(f"no stored bounce with id {result_id}")
    if not row["diagnostic"]:
        raise InputError(f"bounce {result_id} carries no server words to match; write the pattern yourself")
    return Suggestion(row["id"], row["email"] or "", row["reason"] or "", row["diagnostic"],
                      derive_pattern(row["diagnostic"]), derive_host(row["remote_mta"] or "", row["email"] or ""))


# --- the rules ------------------------------------------------------------------------------------


def list_rules(conn: sqlite3.Connection | None, data_dir) -> list[UserRule]:
    """The user's corrections, with how many stored bounces each matches (when a store is given)."""
    out = []
    for e in load_doc(data_dir)["corrections"]:
        try:
            reason = NOT_A_BOUNCE_KEY if e["reason"] == NOT_A_BOUNCE else str(e["reason"])
            rule = UserRule(int(e["id"]), reason, str(e["pattern"]), str(e.get("host") or ""),
                            int(e.get("created") or 0), e.get("source"))  # fmt: skip
        except (KeyError, TypeError, ValueError):
            continue
        if conn is not None:
            try:
                rule = UserRule(**{**_fields(rule), "matches": count_matches(conn, rule.pattern, rule.host)[0]})
            except re2.error:
                pass
        out.append(rule)
    return out


def _fields(rule: UserRule) -> dict:
    return {k: getattr(rule, k) for k in UserRule.__dataclass_fields__}


def _entry(rid: int, reason: str, pattern: str, host: str, now: int, source: int | None) -> dict:
    e = {"id": rid, "reason": _stored_reason(reason), "pattern": pattern.strip(), "host": host.strip().lower(),
         "created": int(now)}
    if source is not None:
        e["source"] = int(source)
    return e


def _next_id(doc: dict) -> int:
    return max([int(e.get("id") or 0) for e in doc["corrections"] if isinstance(e, dict)], default=0) + 1


def plan_add(conn: sqlite3.Connection, data_dir, reason: str, pattern: str, now: int, *, host: str = "",
             source: int | None = None) -> Plan:
    """A new correction (checked: RE2, specific enough), previewed."""
    reason = _reason_key(reason)
    host = (host or "").strip().lower()
    check_pattern(conn, pattern, host)
    doc = load_doc(data_dir)
    doc["corrections"].append(_entry(_next_id(doc), reason, pattern, host, now, source))
    where = f" at {host}" if host else ""
    return _plan(conn, data_dir, doc, now, f"correction: {pattern!r}{where} is {reason}")


def plan_correct(conn: sqlite3.Connection, data_dir, result_id: int, reason: str, now: int, *,
                 pattern: str | None = None, host: str | None = None) -> Plan:
    """"This bounce is really <reason>": a correction from its words (or the user's edit of them)."""
    s = suggest(conn, result_id) if pattern is None or host is None else None
    return plan_add(conn, data_dir, reason, pattern if pattern is not None else s.pattern, now,
                    host=host if host is not None else s.host, source=int(result_id))


def plan_update(conn: sqlite3.Connection, data_dir, rule_id: int, now: int, *, reason: str | None = None,
                pattern: str | None = None, host: str | None = None) -> Plan:
    doc = load_doc(data_dir)
    entry = _find(doc, rule_id)
    new = dict(entry)
    if reason is not None:
        new["reason"] = _stored_reason(_reason_key(reason))
    if pattern is not None:
        new["pattern"] = pattern.strip()
    if host is not None:
        new["host"] = host.strip().lower()
    check_pattern(conn, new["pattern"], new.get("host") or "")
    doc["corrections"] = [new if e is entry else e for e in doc["corrections"]]
    return _plan(conn, data_dir, doc, now, f"correction {rule_id} changed")


def plan_remove(conn: sqlite3.Connection, data_dir, rule_id: int, now: int) -> Plan:
    doc = load_doc(data_dir)
    entry = _find(doc, rule_id)
    doc["corrections"] = [e for e in doc["corrections"] if e is not entry]
    return _plan(conn, data_dir, doc, now, f"correction {rule_id} removed")


def plan_import(conn: sqlite3.Connection, data_dir, path, now: int) -> Plan:
    """The corrections of an exported file, added to the present ones (each checked; same ones skipped)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    incoming = _parse(text, str(path))
    doc = load_doc(data_dir)
    have = {(e.get("reason"), e.get("pattern"), e.get("host") or "") for e in doc["corrections"]}
    added = 0
    for e in incoming["corrections"]:
        try:
            reason, pattern, host = _reason_key(e["reason"]), str(e["pattern"]), str(e.get("host") or "")
        except (KeyError, TypeError, AttributeError):
            raise InputError(f"{path}: a correction without reason or pattern: {str(e)[:80]}") from None
        if (_stored_reason(reason), pattern, host) in have:
            continue
        try:
            check_pattern(conn, pattern, host)
        except InputError as exc:
            raise InputError(f"{path}: correction {pattern[:60]!r}: {exc}") from None
        entry = _entry(_next_id(doc), reason, pattern, host, int(e.get("created") or now), None)
        doc["corrections"].append(entry)
        have.add((entry["reason"], pattern, host))
        added += 1
    for r in incoming["rules"]:
        if r not in doc["rules"]:
            doc["rules"].append(r)
    return _plan(conn, data_dir, doc, now, f"imported {added} correction{'s' * (added != 1)} from {path}")


def export_rules(data_dir, path) -> int:
    """Write the user's rules to a JSON file; returns how many corrections it holds."""
    doc = load_doc(data_dir)
    try:
        Path(path).write_text(_dump(doc), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return len(doc["corrections"])


def _find(doc: dict, rule_id: int) -> dict:
    for e in doc["corrections"]:
        if isinstance(e, dict) and str(e.get("id")) == str(rule_id):
            return e
    raise InputError(f"no correction with id {rule_id} (see: bouncedesk rules list)")


# --- preview, apply, undo ---------------------------------------------------------------------------


def _touched(conn: sqlite3.Connection, before: dict, after: dict) -> list[int]:
    """The stored messages whose results a correction that differs between the two files matches."""
    def keys(doc):
        return {(str(e.get("reason")), str(e.get("pattern")), str(e.get("host") or "").lower())
                for e in doc["corrections"] if isinstance(e, dict)}
    differing = keys(before) ^ keys(after)
    matchers = []
    for _reason, pattern, host in differing:
        try:
            matchers.append(_matcher(pattern, host))
        except re2.error:
            continue
    if not matchers:
        return []
    return sorted({mid for _rid, mid, diag, hosts in _stored(conn) if any(m(hosts, diag) for m in matchers)})


def _plan(conn: sqlite3.Connection, data_dir, after: dict, now: int, summary: str, *,
          extra_messages: list[int] = ()) -> Plan:  # fmt: skip
    path = rules_file(data_dir)
    before_text = _read_text(path)
    messages = sorted(set(_touched(conn, _parse(before_text, str(path)), after)) | set(extra_messages))
    plan = Plan(summary, after, before_text, messages)
    if messages:
        preview = path.with_name(USER_RULES_FILE + ".preview")
        _write(preview, _dump(after))
        try:
            with _rules_from(preview):
                counts = reparse_all(conn, now, message_ids=messages, dry_run=True)
        finally:
            preview.unlink(missing_ok=True)
        plan.changes = [c for c in counts.changes if c.before != c.after]
    return plan


def apply_plan(conn: sqlite3.Connection, data_dir, plan: Plan, now: int, *, why: str = CORRECTED_WHY,
               undoable: bool = True) -> Applied:  # fmt: skip
    """Write the new rules, re-parse the messages they touch, and record the step for undo."""
    path = rules_file(data_dir)
    if _read_text(path) != plan.before_text:
        raise InputError("the rules changed since this preview; preview again")
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    _write(path, _dump(plan.after))
    with _rules_from(path):
        counts = reparse_all(conn, now, message_ids=plan.messages, why=f"{why}: {plan.summary}"[:300])
    if undoable:
        stack = list(get_setting(conn, _UNDO_KEY, []) or [])
        stack.append({"at": now, "summary": plan.summary, "before": plan.before_text, "messages": plan.messages})
        put_setting(conn, _UNDO_KEY, stack[-_UNDO_KEEP:], now)
    load_rules.cache_clear()  # forget the rules loaded before
    changes = [c for c in counts.changes if c.before != c.after]
    n = len(changes)
    return Applied(f"{plan.summary}; {n} recipient{'s' * (n != 1)} changed", changes)


def can_undo(conn: sqlite3.Connection) -> str:
    """The summary of the step `undo_last` would undo ("" when none)."""
    stack = get_setting(conn, _UNDO_KEY, []) or []
    return stack[-1]["summary"] if stack else ""


def plan_undo(conn: sqlite3.Connection, data_dir, now: int) -> Plan:
    stack = get_setting(conn, _UNDO_KEY, []) or []
    if not stack:
        raise InputError("no correction to undo")
    last = stack[-1]
    path = rules_file(data_dir)
    return _plan(conn, data_dir, _parse(last["before"], str(path)), now, f"undo of {last['summary']}",
                 extra_messages=list(last.get("messages") or []))


def undo_last(conn: sqlite3.Connection, data_dir, now: int) -> Applied:
    """Restore the rules as they were before the last applied step, and re-parse back."""
    plan = plan_undo(conn, data_dir, now)
    stack = list(get_setting(conn, _UNDO_KEY, []) or [])
    before = stack[-1]["before"]
    applied = apply_plan(conn, data_dir, plan, now, why=UNDONE_WHY, undoable=False)
    if before is None:
        rules_file(data_dir).unlink(missing_ok=True)  # there was no file before
        load_rules.cache_clear()
    put_setting(conn, _UNDO_KEY, stack[:-1], now)
    return applied
