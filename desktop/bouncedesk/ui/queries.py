"""Read queries only the GUI needs, in plain SQL over the store's schema (bouncedesk.store).

The store's own queries (segments, pending retries, rollups, timeline) are used where they fit;
what is here is what they do not offer: the daily chart split into hard and soft bounces, the
breakdown by status code, the dashboard tiles in one pass, sender-side alerts, a recipient's
latest result with its raw message, and the WHERE clauses of the list views.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication

from bouncedesk.classify.verdict import HARD_REASONS, SENDER_SIDE_REASONS
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.queries import (
    PENDING_WHERE,
    count_pending_retries,
    like_contains,
    like_prefix,
    rollup_totals,
    segment_where,
    suppression_why,
    suppression_why_sql,
)
from bouncedesk.store.rawcodec import decompress_raw
from bouncedesk.ui import format as fmt

DAY = 86400
CHART_KINDS = ("hard", "soft", "complaint", "delay")
_HARD_LIST = ",".join(f"'{r}'" for r in sorted(HARD_REASONS))
SENDER_LIST = ",".join(f"'{r}'" for r in sorted(SENDER_SIDE_REASONS))


@dataclass
class DailySeries:
    """Day starts (epoch seconds, UTC) and a count per kind for each day."""

    days: np.ndarray
    counts: dict[str, np.ndarray]
    sent: np.ndarray | None = None  # messages sent per day, where the Sent folder told us

    def total(self) -> np.ndarray:
        out = np.zeros(len(self.days), dtype=np.int64)
        for v in self.counts.values():
            out = out + v
        return out

    def rate(self) -> np.ndarray | None:
        """Hard and soft bounces per sent message in percent; NaN where nothing was sent."""
        if self.sent is None:
            return None
        failed = self.counts["hard"] + self.counts["soft"]
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.sent > 0, 100.0 * failed / np.maximum(self.sent, 1), np.nan)


def day_range(now: int, days: int) -> tuple[int, int]:
    """(first day number, last day number) of the `days` days ending today (UTC days)."""
    last = now // DAY
    return last - days + 1, last


def daily_series(conn: sqlite3.Connection, now: int, days: int) -> DailySeries:
    """Per-day counts from the daily totals; a bounce is hard when its reason says the address is bad."""
    first, last = day_range(now, days)
    n = last - first + 1
    counts = {k: np.zeros(n, dtype=np.int64) for k in CHART_KINDS}
    sql = (
        "SELECT day, CASE WHEN kind = 'bounce' AND reason IN (" + _HARD_LIST + ") THEN 'hard'"
        " WHEN kind = 'bounce' THEN 'soft' ELSE kind END AS k, sum(count)"
        " FROM daily_totals WHERE day BETWEEN ? AND ? AND kind IN ('bounce', 'complaint', 'delay')"
        " GROUP BY day, k"
    )
    for day, k, c in conn.execute(sql, (first, last)):
        counts[k][day - first] += c
    days_arr = (np.arange(first, last + 1, dtype=np.int64)) * DAY
    return DailySeries(days_arr, counts, sent_per_day(conn, first, last))


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
        is not None
    )


def sent_per_day(conn: sqlite3.Connection, first: int, last: int) -> np.ndarray | None:
    """Messages sent per day where the Sent folder's counts are stored (`sent_daily`); else None."""
    if not _has_table(conn, "sent_daily"):
        return None
    out = np.zeros(last - first + 1, dtype=np.int64)
    any_row = False
    for day, c in conn.execute(
        "SELECT day, sum(count) FROM sent_daily WHERE day BETWEEN ? AND ? GROUP BY day", (first, last)
    ):
        out[day - first] = c
        any_row = True
    return out if any_row else None


@dataclass
class Tiles:
    bounces_today: int = 0
    bounces_week: int = 0
    retries_due: int = 0
    retries_pending: int = 0
    suppressed: int = 0
    inactive: int = 0
    paused: int = 0
    recipients: int = 0
    alerts: list[Alert] = field(default_factory=list)


@dataclass
class Alert:
    reason: str
    count: int
    last_at: int
    account: str


def tiles(conn: sqlite3.Connection, now: int, settings: PolicySettings, days: int = 30) -> Tiles:
    today = now // DAY
    t = Tiles()
    row = conn.execute(
        "SELECT coalesce(sum(CASE WHEN day = ? THEN count END), 0), coalesce(sum(count), 0)"
        " FROM daily_totals WHERE kind = 'bounce' AND day BETWEEN ? AND ?",
        (today, today - 6, today),
    ).fetchone()
    t.bounces_today, t.bounces_week = row[0], row[1]
    for st, n in conn.execute("SELECT state, count(*) FROM recipients GROUP BY state"):
        t.recipients += n
        if st == "suppressed":
            t.suppressed = n
        elif st == "inactive":
            t.inactive = n
        elif st == "paused":
            t.paused = n
    t.retries_pending = count_pending_retries(conn, now, settings=settings)
    t.retries_due = count_pending_retries(conn, now, due_only=True, settings=settings)
    t.alerts = sender_alerts(conn, now, days)
    return t


def sender_alerts(conn: sqlite3.Connection, now: int, days: int = 30) -> list[Alert]:
    """Sender-side problems (blocked IP, SPF/DKIM, ...) among the bounces of the period, most first.

    Counted from the daily totals like Top reasons, so both say the same number for the same days;
    bounces of old mail imported today count on the day they happened, not as current.
    """
    first, last = day_range(now, days)
    marks = ",".join("?" * len(SENDER_SIDE_REASONS))
    return [
        Alert(r[0], r[1], (r[2] + 1) * DAY - 1, "")
        for r in conn.execute(
            f"SELECT reason, sum(count) AS n, max(day) FROM daily_totals WHERE kind = 'bounce' AND day BETWEEN ? AND ?"
            f" AND reason IN ({marks}) GROUP BY reason HAVING n > 0 ORDER BY n DESC, reason",
            (first, last, *sorted(SENDER_SIDE_REASONS)),
        )
    ]


def breakdown(
    conn: sqlite3.Connection, now: int, days: int, by: str, limit: int = 8
) -> list[tuple[str, int]]:
    """Top reasons or domains of bounces over the range, from the rollup."""
    first, last = day_range(now, days)
    return [
        (k or "", n)
        for k, n in rollup_totals(conn, first * DAY, (last + 1) * DAY, by=by, kind="bounce", limit=limit)
    ]


def breakdown_codes(conn: sqlite3.Connection, now: int, days: int, limit: int = 8) -> list[tuple[str, int]]:
    """Top enhanced status codes of bounces over the range (the rollup has no code, so results)."""
    first, _ = day_range(now, days)
    return [
        (s, n)
        for s, n in conn.execute(
            "SELECT status, count(*) AS n FROM results WHERE kind = 'bounce' AND at >= ? AND status != ''"
            " GROUP BY status ORDER BY n DESC, status LIMIT ?",
            (first * DAY, limit),
        )
    ]


# --- list filters (WHERE clauses for the windowed models) --------------------------------------


def recipient_filter(
    conn: sqlite3.Connection,
    now: int,
    settings: PolicySettings,
    *,
    search: str = "",
    state: str = "",
    segment: str = "",
    alias: str = "",
) -> tuple[str, list]:
    """Conditions on `recipients` for search text, state and a segment (store names or ours)."""
    a = f"{alias}." if alias else ""
    parts: list[str] = []
    params: list = []
    search = search.strip().lower()
    if search:
        if search.startswith("@"):
            parts.append(f"{a}domain = ?")
            params.append(search[1:])
        elif "@" not in search and "." in search and " " not in search:
            parts.append(f"({a}domain = ? OR {a}email LIKE ? ESCAPE '\\')")
            params += [search, like_contains(search)]
        else:
            parts.append(f"{a}email LIKE ? ESCAPE '\\'")
            params.append(like_contains(search))
    if state:
        parts.append(f"{a}state = ?")
        params.append(state)
    if segment:
        where, p = segment_sql(conn, segment, now, settings)
        if alias:
            where = _qualify(where, alias)
        parts.append(f"({where})")
        params += p
    return " AND ".join(parts) or "1", params


def segment_sql(
    conn: sqlite3.Connection, segment: str, now: int, settings: PolicySettings
) -> tuple[str, list]:
    """The store's segments, plus `sender-side` (last failure was the sender's own problem)."""
    if segment == "sender-side":
        return f"last_reason IN ({SENDER_LIST})", []
    return segment_where(conn, segment, now, settings)


_RECIPIENT_COLS = (
    "state", "domain", "email", "last_status", "last_reason", "frequent_until", "last_account_id",
)  # fmt: skip


def _qualify(where: str, alias: str) -> str:
    """Prefix the recipients columns a segment condition uses with the table alias."""
    return re.sub(r"(?<![\w.])(" + "|".join(_RECIPIENT_COLS) + r")\b", alias + r".\1", where)


def bounce_filter(
    *,
    search: str = "",
    kind: str = "",
    reason: str = "",
    status: str = "",
    domain: str = "",
    since: int | None = None,
    until: int | None = None,
    provider: str = "",
    listing: str = "",
) -> tuple[str, list]:
    """Conditions on `results r` for the bounces list (provider and listing: see store.providers)."""
    parts: list[str] = []
    params: list = []
    s = search.strip().lower()
    if s:
        if s.startswith("@"):
            parts.append("r.domain = ?")
            params.append(s[1:])
        else:
            parts.append("(r.email LIKE ? ESCAPE '\\' OR r.domain = ?)")
            params += [like_contains(s), s]
    if kind == "hard":
        parts.append(f"r.kind = 'bounce' AND r.reason IN ({_HARD_LIST})")
    elif kind == "soft":
        parts.append(f"r.kind = 'bounce' AND r.reason NOT IN ({_HARD_LIST})")
    elif kind:
        parts.append("r.kind = ?")
        params.append(kind)
    if reason:
        parts.append("r.reason = ?")
        params.append(reason)
    if status:
        if status.count(".") == 2:
            parts.append("r.status = ?")
            params.append(status)
        else:
            parts.append("r.status LIKE ? ESCAPE '\\'")
            params.append(like_prefix(status.rstrip(".") + "."))
    if domain:
        parts.append("r.domain = ?")
        params.append(domain.lower())
    if provider:
        parts.append("r.provider = ?")
        params.append(provider)
    if listing:
        parts.append("r.listing = ? AND r.listing != ''")  # != '': lets SQLite use the partial index
        params.append(listing)
    if since is not None:
        parts.append("r.at >= ?")
        params.append(since)
    if until is not None:
        parts.append("r.at < ?")
        params.append(until)
    return " AND ".join(parts) or "1", params


# --- one recipient / one result ----------------------------------------------------------------


@dataclass
class ResultDetail:
    id: int
    message_id: int
    kind: str
    at: int
    email: str
    status: str
    reply_code: str
    reason: str
    hard: bool
    side: str
    action_hint: str
    diagnostic: str
    remote_mta: str
    subject: str
    orig_subject: str
    recipient_id: int | None


_RESULT_SQL = (
    "SELECT r.id, r.message_id, r.kind, r.at, coalesce(r.email, ''), r.status, r.reply_code, r.reason, r.hard,"
    " r.side, r.action_hint, r.diagnostic, r.remote_mta, coalesce(m.subject, ''), coalesce(m.orig_subject, ''),"
    " r.recipient_id FROM results r JOIN messages m ON m.id = r.message_id"
)


def result_detail(conn: sqlite3.Connection, result_id: int) -> ResultDetail | None:
    row = conn.execute(_RESULT_SQL + " WHERE r.id = ?", (result_id,)).fetchone()
    return ResultDetail(*row) if row else None


def latest_result(conn: sqlite3.Connection, recipient_id: int) -> ResultDetail | None:
    """The recipient's newest failure (bounce/complaint), else its newest result of any kind."""
    row = conn.execute(
        _RESULT_SQL
        + " WHERE r.recipient_id = ? ORDER BY (r.kind IN ('bounce', 'complaint')) DESC, r.at DESC,"
        " r.id DESC LIMIT 1",
        (recipient_id,),
    ).fetchone()
    return ResultDetail(*row) if row else None


def raw_message_text(conn: sqlite3.Connection, message_id: int, limit: int = 512 * 1024) -> str:
    """The stored bounce as text for a plain-text viewer; never parsed or rendered as HTML."""
    row = conn.execute("SELECT data FROM raw_messages WHERE message_id = ?", (message_id,)).fetchone()
    if row is None:
        return ""
    data = decompress_raw(row[0])
    text = data[:limit].decode("utf-8", errors="replace")
    if len(data) > limit:
        text += f"\n\n[… {len(data) - limit} more bytes not shown]"
    return text


def contact_info(conn: sqlite3.Connection, recipient_id: int) -> dict:
    row = conn.execute(
        "SELECT alt_email, phone, note FROM contacts WHERE recipient_id = ?", (recipient_id,)
    ).fetchone()
    return {"alt_email": row[0] or "", "phone": row[1] or "", "note": row[2] or ""} if row else {
        "alt_email": "", "phone": "", "note": ""}  # fmt: skip


def pending_retry_filter(now: int, settings: PolicySettings, *, due_only: bool = False) -> tuple[str, list]:
    """The store's own "pending retry" condition (what `bouncedesk retries` lists), for the Retries view."""
    where, params = PENDING_WHERE, [settings.max_attempts, now]
    if due_only:
        where += " AND next_retry_at <= ?"
        params.append(now)
    return where, params


def recipient_emails(conn: sqlite3.Connection, ids: list[int]) -> list[str]:
    if not ids:
        return []
    out: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out.update(
            conn.execute(
                f"SELECT id, email FROM recipients WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
        )
    return [out[i] for i in ids if i in out]


def last_sync(conn: sqlite3.Connection) -> list[tuple[str, int | None]]:
    """(account name, newest folder sync time) per account."""
    return [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT a.name, max(f.synced_at) FROM accounts a LEFT JOIN folder_state f ON f.account_id = a.id"
            " GROUP BY a.id ORDER BY a.name"
        )
    ]


def unavailable_reason(conn: sqlite3.Connection, recipient_id: int) -> str:
    """Why the recipient's newest retry could not be sent ("original unavailable: …"), or "".

    Only while that attempt is the newest: a later attempt (sent, or marked re-sent) ends it.
    """
    row = conn.execute(
        "SELECT status, error FROM retry_attempts WHERE recipient_id = ? ORDER BY id DESC LIMIT 1", (recipient_id,)
    ).fetchone()
    if not row or row[0] != "unavailable":
        return ""
    return row[1] or "original unavailable"


def suppression_why_text(key: str | None) -> str:
    """The Suppressions list's "Why" in the UI language: the same words as the export and scrub."""
    if key == "user":
        return QCoreApplication.translate("Format", "by you")
    if key and key.startswith("import|"):
        return QCoreApplication.translate("Format", "imported from %1").replace("%1", key[7:])
    return suppression_why(key, reason_label=fmt.reason)


# For ui/models/tables.py's Suppressions "Why" column: Column("why", ..., SUPPRESSION_WHY_SQL,
# fmt=suppression_why_text) instead of the bare state_reason (a code such as "5.1.1").
SUPPRESSION_WHY_SQL = suppression_why_sql("recipients")


def pending_emails(conn: sqlite3.Connection, ids: list[int]) -> list[str]:
    """The address of each of these results that is waiting for review (one per result)."""
    out: list[str] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out += [r[0] for r in conn.execute(
            f"SELECT email FROM results WHERE id IN ({','.join('?' * len(chunk))}) AND review = 'pending'"
            " AND coalesce(email, '') != '' ORDER BY email, at, id", chunk)]  # fmt: skip
    return out
