"""Read queries the CLI and the GUI share: segments, rollups, pending retries, timelines, exports.

All read-only. Segments are SQL conditions on `recipients` (see SEGMENT_HELP); the pending
retries query mirrors policy.is_retry_due so lists and run-due agree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from bouncedesk.classify.explain import term
from bouncedesk.errors import InputError
from bouncedesk.policy.model import DO_NOT_SEND, STATES
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.recipients import SELECT_RECIPIENT, Recipient, recipient_from_row
from bouncedesk.store.settings import load_policy_settings

DAY = 86400

SEGMENT_HELP = {
    **{s: f"recipients in state {s}" for s in STATES},
    "all": "every recipient",
    "frequent": "N bounces within M days (policy setting, default 3 in 30)",
    "temporarily-disabled": "mailboxes reported temporarily disabled (4.2.1 and kin), not active again yet",
    "reason:REASON": "last bounce had this reason (e.g. reason:mailboxfull)",
    "status:CODE": "last bounce had this status code (status:4.2.1) or class (status:4)",
    "domain:DOMAIN": "recipient's domain",
    "account:NAME": "last bounce came in through this account",
}


LIKE_ESCAPE = "\\"


def like_escape(text: str) -> str:
    """`text` as a literal inside a LIKE pattern: %, _ and the escape character lose their meaning.

    Use with `... LIKE ? ESCAPE '\\'` (see `like_contains`, `like_prefix`).
    """
    return text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")


def like_contains(text: str) -> str:
    """A LIKE pattern matching values that contain `text` literally (needs ESCAPE '\\')."""
    return f"%{like_escape(text)}%"


def like_prefix(text: str) -> str:
    """A LIKE pattern matching values that start with `text` literally (needs ESCAPE '\\')."""
    return f"{like_escape(text)}%"


def iso(ts: int | None) -> str | None:
    """UTC epoch seconds as ISO 8601 (`2024-05-01T12:00:00Z`), None stays None."""
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def segment_where(
    conn: sqlite3.Connection, name: str, now: int, settings: PolicySettings
) -> tuple[str, list]:
    """SQL condition (on recipients) and parameters for a segment name; InputError if unknown."""
    name = name.strip()
    kind, _, arg = name.partition(":")
    if not arg:
        if name in STATES:
            return "state = ?", [name]
        if name == "all":
            return "1", []
        if name == "frequent":
            return "frequent_until > ?", [now]
        if name in ("temporarily-disabled", "temp-disabled"):
            codes = list(settings.temp_disabled_codes)
            marks = ",".join("?" * len(codes)) or "NULL"
            return (
                f"state != 'active' AND (last_status IN ({marks}) OR (last_reason = 'suspend' AND last_status LIKE '4.%'))",
                codes,
            )
    elif kind == "reason":
        return "last_reason = ?", [arg]
    elif kind in ("status", "code"):
        if arg.count(".") == 2:
            return "last_status = ?", [arg]
        return "last_status LIKE ? ESCAPE '\\'", [like_prefix(arg.rstrip(".") + ".")]
    elif kind == "domain":
        return "domain = ?", [arg.lower()]
    elif kind == "account":
        row = conn.execute("SELECT id FROM accounts WHERE name = ?", (arg,)).fetchone()
        if row is None:
            raise InputError(f"no account named {arg!r}")
        return "last_account_id = ?", [row[0]]
    known = ", ".join(SEGMENT_HELP)
    raise InputError(f"unknown segment {name!r} (known: {known})")


_ORDERS = {
    "last_seen": "last_seen_at DESC, id DESC",
    "email": "email",
    "bounces": "bounces DESC, id",
    "next_retry": "next_retry_at, id",
}


def list_recipients(
    conn: sqlite3.Connection,
    now: int,
    *,
    state: str | None = None,
    segment: str | None = None,
    search: str | None = None,
    order: str = "last_seen",
    limit: int | None = None,
    offset: int = 0,
    settings: PolicySettings | None = None,
) -> list[Recipient]:
    """Recipients filtered by state, segment and a substring of the address."""
    where, params = _filters(conn, now, state, segment, search, settings)
    sql = f"{SELECT_RECIPIENT} WHERE {where} ORDER BY {_ORDERS.get(order, _ORDERS['last_seen'])}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [recipient_from_row(r) for r in conn.execute(sql, params)]


def count_recipients(
    conn: sqlite3.Connection,
    now: int,
    *,
    state: str | None = None,
    segment: str | None = None,
    search: str | None = None,
    settings: PolicySettings | None = None,
) -> int:
    where, params = _filters(conn, now, state, segment, search, settings)
    return conn.execute(f"SELECT count(*) FROM recipients WHERE {where}", params).fetchone()[0]


def _filters(conn, now, state, segment, search, settings) -> tuple[str, list]:
    settings = settings or load_policy_settings(conn)
    parts, params = ["1"], []
    if state:
        if state not in STATES:
            raise InputError(f"unknown state {state!r} (known: {', '.join(STATES)})")
        parts.append("state = ?")
        params.append(state)
    if segment:
        w, p = segment_where(conn, segment, now, settings)
        parts.append(f"({w})")
        params += p
    if search:
        parts.append("email LIKE ? ESCAPE '\\'")
        params.append(like_contains(search.lower()))
    return " AND ".join(parts), params


def segment_counts(conn: sqlite3.Connection, now: int, settings: PolicySettings | None = None) -> dict[str, int]:
    """Counts for the fixed segments (every state, frequent, temporarily-disabled, all)."""
    settings = settings or load_policy_settings(conn)
    counts = dict.fromkeys(STATES, 0)
    for st, n in conn.execute("SELECT state, count(*) FROM recipients GROUP BY state"):
        counts[st] = n
    counts["all"] = sum(counts[s] for s in STATES)
    for name in ("frequent", "temporarily-disabled"):
        w, p = segment_where(conn, name, now, settings)
        counts[name] = conn.execute(f"SELECT count(*) FROM recipients WHERE {w}", p).fetchone()[0]
    return counts


# --- rollups (charts) -------------------------------------------------------------------------


def rollup_by_day(
    conn: sqlite3.Connection,
    since: int,
    until: int,
    *,
    kinds: tuple[str, ...] | None = None,
    domain: str | None = None,
    reason: str | None = None,
) -> list[tuple[int, str, int]]:
    """(day start epoch seconds, kind, count) for each day in [since, until), from the daily rollups.

    Without a domain it reads the small day×kind×reason totals; with one, the domain rollup.
    """
    table = "daily_totals" if domain is None else "daily_rollup"
    sql = f"SELECT day, kind, sum(count) FROM {table} WHERE day >= ? AND day < ?"
    params: list = [since // DAY, -(-until // DAY)]
    if kinds:
        sql += f" AND kind IN ({','.join('?' * len(kinds))})"
        params += list(kinds)
    if domain is not None:
        sql += " AND domain = ?"
        params.append(domain)
    if reason is not None:
        sql += " AND reason = ?"
        params.append(reason)
    sql += " GROUP BY day, kind ORDER BY day, kind"
    return [(d * DAY, k, n) for d, k, n in conn.execute(sql, params)]


def rollup_totals(
    conn: sqlite3.Connection, since: int, until: int, by: str = "reason", kind: str = "bounce", limit: int = 20
) -> list[tuple[str, int]]:
    """Top reasons or domains for one kind over [since, until), largest first."""
    if by not in ("reason", "domain"):
        raise InputError("rollup totals are by 'reason' or 'domain'")
    table = "daily_totals" if by == "reason" else "daily_rollup"
    sql = (
        f"SELECT {by}, sum(count) AS n FROM {table} WHERE day >= ? AND day < ? AND kind = ?"
        f" GROUP BY {by} ORDER BY n DESC, {by} LIMIT ?"
    )
    return [tuple(r) for r in conn.execute(sql, (since // DAY, -(-until // DAY), kind, limit))]


# --- retries ----------------------------------------------------------------------------------


@dataclass(slots=True)
class PendingRetry:
    recipient_id: int
    email: str
    status: str
    reason: str
    attempt: int  # the attempt that is due next (1-based)
    max_attempts: int
    due_at: int

    def as_dict(self) -> dict:
        return {
            "recipient": self.email,
            "status": self.status,
            "reason": self.reason,
            "attempt": self.attempt,
            "max_attempts": self.max_attempts,
            "due": iso(self.due_at),
        }


# Retrying, attempts left, and not about to settle (a retry with no bounce back by its due time).
# Query it FROM PENDING_FROM: the planner, without statistics, would pick the state index and sort.
PENDING_FROM = "recipients INDEXED BY ix_recipients_pending"
PENDING_WHERE = (
    "state = 'retrying' AND attempts < ? AND next_retry_at IS NOT NULL"
    " AND NOT (attempts > 0 AND next_retry_at <= ? AND (last_bounce_at IS NULL OR last_bounce_at < last_retry_at))"
)


def pending_retries(
    conn: sqlite3.Connection,
    now: int,
    *,
    due_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
    settings: PolicySettings | None = None,
) -> list[PendingRetry]:
    """Scheduled retries, soonest first; `due_only` keeps those due at `now` (what run-due sends)."""
    settings = settings or load_policy_settings(conn)
    sql = (
        "SELECT id, email, coalesce(last_status, ''), coalesce(last_reason, ''), attempts, next_retry_at"
        f" FROM {PENDING_FROM} WHERE {PENDING_WHERE}"
    )
    params: list = [settings.max_attempts, now]
    if due_only:
        sql += " AND next_retry_at <= ?"
        params.append(now)
    sql += " ORDER BY next_retry_at, id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    m = settings.max_attempts
    return [PendingRetry(i, e, s, r, a + 1, m, d) for i, e, s, r, a, d in conn.execute(sql, params)]


def count_pending_retries(
    conn: sqlite3.Connection, now: int, *, due_only: bool = False, settings: PolicySettings | None = None
) -> int:
    settings = settings or load_policy_settings(conn)
    sql = f"SELECT count(*) FROM {PENDING_FROM} WHERE {PENDING_WHERE}"
    params: list = [settings.max_attempts, now]
    if due_only:
        sql += " AND next_retry_at <= ?"
        params.append(now)
    return conn.execute(sql, params).fetchone()[0]


# --- one recipient ----------------------------------------------------------------------------


def recipient_timeline(conn: sqlite3.Connection, recipient_id: int, limit: int = 500) -> list[dict]:
    """Results and events of one recipient merged, newest first (for the detail view)."""
    rows: list[dict] = []
    for r in conn.execute(
        "SELECT r.id, r.at, r.kind, r.status, r.reason, r.diagnostic, r.message_id, m.orig_subject"
        " FROM results r JOIN messages m ON m.id = r.message_id WHERE r.recipient_id = ?"
        " ORDER BY r.at DESC, r.id DESC LIMIT ?",
        (recipient_id, limit),
    ):
        rows.append(
            {"type": "result", "id": r[0], "at": r[1], "kind": r[2], "status": r[3], "reason": r[4],
             "diagnostic": r[5], "message_id": r[6], "subject": r[7]}
        )  # fmt: skip
    for e in conn.execute(
        "SELECT id, at, actor, action, why, from_state, to_state, undone_by FROM events"
        " WHERE recipient_id = ? ORDER BY id DESC LIMIT ?",
        (recipient_id, limit),
    ):
        rows.append(
            {"type": "event", "id": e[0], "at": e[1], "actor": e[2], "action": e[3], "why": e[4],
             "from_state": e[5], "to_state": e[6], "undone": e[7] is not None}
        )  # fmt: skip
    rows.sort(key=lambda d: (d["at"], d["type"] == "event", d["id"]), reverse=True)
    return rows[:limit]


# --- exports and scrub ------------------------------------------------------------------------


IMPORTED_FROM = "imported from "  # the why listformats.suppress_entries gives an imported address


def suppression_why_sql(alias: str = "recipients") -> str:
    """SQL for one recipient's suppression "why" key: 'user', 'import|<tool and its words>' (an
    imported list), or 'reason|status' of the SAME bounce.

    The key comes from the event that moved the recipient to suppressed (not undone, not itself an
    undo): a user's action has no bounce ('user'); the policy's names the bounce that did it. Without
    such an event (older stores) the state's own reason is used: 'user', or the code it kept.
    """
    a = alias
    return (
        "coalesce((SELECT CASE WHEN e.result_id IS NULL THEN"
        f" CASE WHEN e.why LIKE '{IMPORTED_FROM}%' THEN 'import|' || substr(e.why, {len(IMPORTED_FROM) + 1})"
        " ELSE 'user' END ELSE"
        " coalesce((SELECT x.reason || '|' || x.status FROM results x WHERE x.id = e.result_id), '') END"
        f" FROM events e WHERE e.recipient_id = {a}.id AND e.to_state = 'suppressed'"
        " AND coalesce(e.from_state, '') != 'suppressed' AND e.undoes IS NULL AND e.undone_by IS NULL"
        " ORDER BY e.id DESC LIMIT 1),"
        f" CASE WHEN {a}.state_reason = 'user' THEN 'user' ELSE '|' || {a}.state_reason END)"
    )


def suppression_why(key: str | None, lang: str = "en", reason_label=None) -> str:
    """The plain why of a suppression from its key: "no such mailbox, 5.1.1", or "by you".

    The list, the export and scrub all say it with these words (the GUI passes its translated
    reason label; the CLI and exports use the glossary's).
    """
    key = key or ""
    if key == "user":
        return "von Ihnen" if lang == "de" else "by you"
    if key.startswith("import|"):  # "import|Mailchimp (cleaned)": the tool and its own words
        return ("importiert aus " if lang == "de" else IMPORTED_FROM) + key[7:]
    reason, _, status = key.partition("|")
    label = (reason_label or (lambda r: term("reason", r, lang)))(reason) if reason else ""
    if label and status:
        return f"{label}, {status}"
    return label or status


def do_not_send(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """Every address that must not be mailed: email → (state, why)."""
    marks = ",".join("?" * len(DO_NOT_SEND))
    out: dict[str, tuple[str, str]] = {}
    for email, state, key, last_reason, last_status in conn.execute(
        f"SELECT email, state, CASE WHEN state = 'suppressed' THEN {suppression_why_sql('recipients')} END,"
        f" last_reason, last_status FROM recipients WHERE state IN ({marks})",
        sorted(DO_NOT_SEND),
    ):
        if key is not None:
            why = suppression_why(key)
        else:  # inactive or paused: the last bounce said it (its reason and its own code)
            why = suppression_why(f"{last_reason or ''}|{last_status or ''}")
        out[email] = (state, why)
    return out


def export_rows(conn: sqlite3.Connection, what: str, now: int) -> Iterator[dict]:
    """Rows for `bouncedesk export`; every row starts with `email`."""
    if what in ("suppressions", "inactive"):
        state = "suppressed" if what == "suppressions" else "inactive"
        for r in conn.execute(
            f"SELECT email, domain, {suppression_why_sql('recipients')}, last_status, last_reason, bounces,"
            " last_event_at, last_seen_at FROM recipients WHERE state = ? ORDER BY email",
            (state,),
        ):
            why = suppression_why(r[2]) if state == "suppressed" else suppression_why(f"{r[4] or ''}|{r[3] or ''}")
            yield {
                "email": r[0], "domain": r[1], "state": state, "why": why, "last_status": r[3] or "",
                "last_reason": r[4] or "", "bounces": r[5], "since": iso(r[6]), "last_seen": iso(r[7]),
            }  # fmt: skip
    elif what == "retries":
        for p in pending_retries(conn, now):
            d = p.as_dict()
            yield {"email": d.pop("recipient"), **d}
    elif what == "bounces":
        for r in conn.execute(
            "SELECT r.email, r.at, r.status, r.reply_code, r.reason, r.hard, r.side, r.diagnostic,"
            " m.orig_message_id, m.orig_subject FROM results r JOIN messages m ON m.id = r.message_id"
            " WHERE r.kind = 'bounce' ORDER BY r.at, r.id"
        ):
            yield {
                "email": r[0] or "", "at": iso(r[1]), "status": r[2], "reply_code": r[3], "reason": r[4],
                "hard": bool(r[5]), "side": r[6], "diagnostic": r[7], "original_message_id": r[8] or "",
                "original_subject": r[9] or "",
            }  # fmt: skip
    else:
        raise InputError(f"cannot export {what!r} (choose suppressions, inactive, retries or bounces)")


def store_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Row counts of the main tables (tests and the status bar)."""
    out = {}
    for table in ("messages", "results", "recipients", "events", "retry_attempts", "daily_rollup"):
        out[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return out
