"""Provider health: sent mail, bounces and the named sender-side problems per receiving provider.

Every result carries its provider and, when the sending side is to blame, the listing it names
(`classify.receivers`); `provider_daily` counts them per day in the transaction that writes the
results, and `provider_sent` counts the recipients of our sent mail per provider and day, so a
bounce rate exists per provider. The page and `bouncedesk providers` read only these small tables,
plus the partial index of sender-side results for first/last seen and the server's words.
No Qt here.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bouncedesk.classify.explain import capitalized, next_step, term
from bouncedesk.classify.receivers import (
    OTHERS,
    SENDER_SIDE,
    Receivers,
    listing,
    listing_of,
    load_listings,
    load_receivers,
    provider_of,
    with_extra,
)
from bouncedesk.classify.verdict import HARD_REASONS, SENDER_SIDE_REASONS
from bouncedesk.store.db import transaction

DAY = 86400
UNNAMED = "reason:"  # listing of a sender-side result that names no list: "reason:<reason>"
PROBLEM_KINDS = ("bounce", "delay")  # a blocklist's 4xx deferral is a problem too, before it bounces
EXAMPLES = 3
USER_PROVIDERS_SETTING = "receivers"  # the user's own providers: {key: {"title", "domains", "mx"}}
_EXAMPLE_CHARS = 400


def receivers_for(conn: sqlite3.Connection) -> Receivers:
    """The bundled providers plus the user's own (settings key USER_PROVIDERS_SETTING)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (USER_PROVIDERS_SETTING,)).fetchone()
    return with_extra(load_receivers(), row[0]) if row else load_receivers()


def result_keys(
    domain: str,
    remote_mta: str,
    side: str,
    reason: str,
    status: str,
    diagnostic: str,
    receivers: Receivers | None = None,
) -> tuple[str, str]:
    """(provider, listing) of one result: the columns ingest and reparse store with it."""
    return provider_of(domain, remote_mta, receivers), _listing_key(side, reason, status, diagnostic)


def _listing_key(side: str, reason: str, status: str, diagnostic: str) -> str:
    """The listing a result names; a sender-side one naming no list: UNNAMED + its reason."""
    found = listing_of(side, status, diagnostic)
    if not found and side == SENDER_SIDE:
        found = UNNAMED + (reason or "undefined")
    return found


def _listing_sql(side: str | None, reason: str | None, status: str | None, diagnostic: str | None) -> str:
    return _listing_key(side or "", reason or "", status or "", diagnostic or "")


def write_provider_rollup(
    conn: sqlite3.Connection, items: Iterable[tuple[tuple, int]], sign: int = 1
) -> None:
    """Add counts (negative to remove) to provider_daily: ((day, provider, kind, reason, listing), n).

    Cells that drop to zero are deleted. Call in the transaction that writes the results.
    """
    rows = [(*k, sign * n) for k, n in items if n]
    if not rows:
        return
    conn.executemany(
        "INSERT INTO provider_daily(day, provider, kind, reason, listing, count) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(day, provider, kind, reason, listing) DO UPDATE SET count = count + excluded.count",
        rows,
    )
    if any(r[-1] < 0 for r in rows):
        conn.execute("DELETE FROM provider_daily WHERE count <= 0")


def count_sent_recipients(conn: sqlite3.Connection, pairs: Iterable[tuple[int | None, str]]) -> int:
    """Count newly recorded recipients of sent mail per provider and day: (sent_at, email) pairs.

    A message without a date has no day and is not counted. Joins the caller's transaction."""
    counts: Counter = Counter()
    receivers = receivers_for(conn)
    for at, email in pairs:
        if at is not None and "@" in email:
            counts[(int(at) // DAY, provider_of(email.rpartition("@")[2], "", receivers))] += 1
    add_provider_sent(conn, counts)
    return sum(counts.values())


def add_provider_sent(conn: sqlite3.Connection, counts: dict[tuple[int, str], int]) -> None:
    """Add recipients sent per (day, provider)."""
    conn.executemany(
        "INSERT INTO provider_sent(day, provider, count) VALUES (?, ?, ?)"
        " ON CONFLICT(day, provider) DO UPDATE SET count = count + excluded.count",
        [(day, prov, n) for (day, prov), n in sorted(counts.items()) if n],
    )


def needs_backfill(conn: sqlite3.Connection) -> bool:
    """Whether results or sent recipients stored before schema version 8 wait for `backfill`."""
    return (
        conn.execute("SELECT 1 FROM results WHERE provider IS NULL LIMIT 1").fetchone() is not None
        or conn.execute("SELECT 1 FROM provider_todo LIMIT 1").fetchone() is not None
    )


def backfill(conn: sqlite3.Connection) -> int:
    """The one-time step after schema version 8: provider and listing for results stored before,
    their rollup, and the recipients sent before. Cheap when done (two index look-ups); returns the
    number of results it filled in."""
    todo = conn.execute("SELECT 1 FROM results WHERE provider IS NULL LIMIT 1").fetchone()
    sent = conn.execute("SELECT upto FROM provider_todo WHERE what = 'sent'").fetchone()
    if todo is None and sent is None:
        return 0
    filled = 0
    with transaction(conn):
        if todo is not None:
            receivers = receivers_for(conn)
            conn.create_function(
                "bd_provider", 2, lambda d, m: provider_of(d or "", m or "", receivers), deterministic=True
            )
            conn.create_function("bd_listing", 4, _listing_sql, deterministic=True)
            rollup: Counter = Counter()
            rows = conn.execute(
                "UPDATE results SET provider = bd_provider(domain, remote_mta),"
                " listing = bd_listing(side, reason, status, diagnostic) WHERE provider IS NULL"
                " RETURNING at, provider, kind, reason, listing"
            ).fetchall()
            for at, prov, kind, reason, lst in rows:
                rollup[(at // DAY, prov, kind, reason or "", lst)] += 1
            filled = len(rows)
            write_provider_rollup(conn, rollup.items())
        if sent is not None:
            pairs = conn.execute(
                "SELECT s.sent_at, r.email FROM sent_recipients r JOIN sent_messages s ON s.id = r.sent_id"
                " WHERE r.sent_id <= ?",
                (sent[0],),
            )
            count_sent_recipients(conn, pairs)
            conn.execute("DELETE FROM provider_todo WHERE what = 'sent'")
    return filled


# --- what the page and the CLI show -----------------------------------------------------------


@dataclass(slots=True)
class ProviderHealth:
    """One provider's numbers for a period."""

    key: str
    title: str
    sent: int = 0  # recipients of our sent mail
    bounces: int = 0
    hard: int = 0
    soft: int = 0  # bounces neither hard nor the sender's own problem
    sender_side: int = 0
    complaints: int = 0
    delays: int = 0
    problems: int = 0  # different named sender-side problems

    @property
    def rate(self) -> float | None:
        """Bounces per recipient sent (None when nothing sent is known)."""
        return self.bounces / self.sent if self.sent else None

    def as_dict(self) -> dict:
        return {"provider": self.key, "title": self.title, "sent": self.sent, "bounces": self.bounces,
                "hard": self.hard, "soft": self.soft, "sender_side": self.sender_side, "complaints": self.complaints,
                "delays": self.delays, "rate": None if self.rate is None else round(self.rate, 6),
                "problems": self.problems}  # fmt: skip


@dataclass(slots=True)
class Problem:
    """A named sender-side problem at one provider: how often, when, the server's words, the fix."""

    key: str  # a blocklists.json key, or "reason:<reason>" when the bounce names no list
    name: str
    fix: str
    page: str  # the name of the delisting or help page
    url: str  # plain text
    group: str  # blocklist | provider | auth | reason
    reason: str  # the most frequent reason of its bounces
    count: int = 0
    first_at: int | None = None
    last_at: int | None = None
    examples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"listing": self.key, "name": self.name, "count": self.count, "first_at": self.first_at,
                "last_at": self.last_at, "reason": self.reason, "group": self.group, "fix": self.fix,
                "page": self.page, "url": self.url, "examples": self.examples}  # fmt: skip


@dataclass(slots=True)
class ProviderDetail:
    health: ProviderHealth
    series: list[tuple[int, int, int]]  # (epoch seconds of the day or week, sent, bounces)
    problems: list[Problem]
    by: str  # day | week


def period(now: int, days: int) -> tuple[int, int]:
    """(first day, last day) numbers of the `days` days up to today (UTC)."""
    today = now // DAY
    return today - max(1, days) + 1, today


def overview(
    conn: sqlite3.Connection, now: int, days: int = 30, *, fill: bool = True
) -> list[ProviderHealth]:
    """Every provider with sent mail or results in the period, in the table's order (others last).

    With `fill`, results stored before provider health are counted first (a write, once)."""
    if fill:
        backfill(conn)
    first, last = period(now, days)
    titles = receivers_for(conn).titles
    rows: dict[str, ProviderHealth] = {}

    def row(key: str) -> ProviderHealth:
        h = rows.get(key)
        if h is None:
            h = rows[key] = ProviderHealth(key, titles.get(key, key))
        return h

    listings: dict[str, set[str]] = {}
    for prov, kind, reason, lst, n in conn.execute(
        "SELECT provider, kind, reason, listing, sum(count) FROM provider_daily WHERE day BETWEEN ? AND ?"
        " GROUP BY provider, kind, reason, listing",
        (first, last),
    ):
        _add(row(prov), kind, reason, lst, n)
        if lst and kind in PROBLEM_KINDS:
            listings.setdefault(prov, set()).add(lst)
    for prov, n in conn.execute(
        "SELECT provider, sum(count) FROM provider_sent WHERE day BETWEEN ? AND ? GROUP BY provider",
        (first, last),
    ):
        row(prov).sent += n
    for prov, keys in listings.items():
        rows[prov].problems = len(keys)
    order = {k: i for i, k in enumerate(titles)}
    return sorted(rows.values(), key=lambda h: (order.get(h.key, len(order)), h.key))


def _add(h: ProviderHealth, kind: str, reason: str, lst: str, n: int) -> None:
    if kind == "bounce":
        h.bounces += n
        if reason in HARD_REASONS:
            h.hard += n
        elif lst or reason in SENDER_SIDE_REASONS:
            h.sender_side += n
        else:
            h.soft += n
    elif kind == "complaint":
        h.complaints += n
    elif kind == "delay":
        h.delays += n


def find_provider(conn: sqlite3.Connection, name: str) -> str | None:
    """The provider key for a key or title typed by the user (case-insensitive), or None."""
    wanted = name.strip().lower()
    for key, title in receivers_for(conn).titles.items():
        if wanted in (key, title.lower()):
            return key
    return None


def detail(
    conn: sqlite3.Connection, key: str, now: int, days: int = 30, lang: str = "en", *, fill: bool = True
) -> ProviderDetail:
    """One provider: its numbers, bounce rate over time (by week beyond 90 days) and named problems."""
    health = next((h for h in overview(conn, now, days, fill=fill) if h.key == key), None)
    if health is None:
        health = ProviderHealth(key, receivers_for(conn).titles.get(key, key))
    by = "week" if days > 90 else "day"
    return ProviderDetail(health, series(conn, key, now, days, by), problems(conn, key, now, days, lang), by)


def _bucket(day: int, by: str) -> int:
    return day - (day + 3) % 7 if by == "week" else day  # weeks start on Monday (day 0 was a Thursday)


def series(
    conn: sqlite3.Connection, key: str, now: int, days: int = 30, by: str = "day"
) -> list[tuple[int, int, int]]:
    """(start of the day or week in epoch seconds, recipients sent, bounces) for every bucket of the period."""
    first, last = period(now, days)
    sent: Counter = Counter()
    bounced: Counter = Counter()
    for day, n in conn.execute(
        "SELECT day, sum(count) FROM provider_sent WHERE provider = ? AND day BETWEEN ? AND ? GROUP BY day",
        (key, first, last),
    ):
        sent[_bucket(day, by)] += n
    for day, n in conn.execute(
        "SELECT day, sum(count) FROM provider_daily WHERE provider = ? AND kind = 'bounce' AND day BETWEEN ? AND ?"
        " GROUP BY day",
        (key, first, last),
    ):
        bounced[_bucket(day, by)] += n
    buckets = sorted({_bucket(d, by) for d in range(first, last + 1)})
    return [(b * DAY, sent[b], bounced[b]) for b in buckets]


def problems(conn: sqlite3.Connection, key: str, now: int, days: int = 30, lang: str = "en") -> list[Problem]:
    """The provider's sender-side problems in the period, most frequent first, each with when it was
    first and last seen, a few of the servers' own words, the fix and the delisting page's name."""
    first, last = period(now, days)
    counts: Counter = Counter()
    reasons: dict[str, Counter] = {}
    marks = ",".join("?" * len(PROBLEM_KINDS))
    for lst, reason, n in conn.execute(
        f"SELECT listing, reason, sum(count) FROM provider_daily WHERE provider = ? AND listing != ''"
        f" AND kind IN ({marks}) AND day BETWEEN ? AND ? GROUP BY listing, reason",
        (key, *PROBLEM_KINDS, first, last),
    ):
        counts[lst] += n
        reasons.setdefault(lst, Counter())[reason] += n
    since, until = first * DAY, (last + 1) * DAY
    data = load_listings()
    out: list[Problem] = []
    for lst, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        reason = reasons[lst].most_common(1)[0][0]
        p = describe_problem(lst, reason, lang, data)
        p.count = n
        # Answered from the partial index ix_results_listing alone; "listing != ''" lets SQLite use it
        # (a bound value cannot tell it so).
        p.first_at, p.last_at = conn.execute(
            "SELECT min(at), max(at) FROM results WHERE provider = ? AND listing = ? AND listing != ''"
            " AND at >= ? AND at < ?",
            (key, lst, since, until),
        ).fetchone()
        p.examples = _examples(conn, key, lst, since, until)
        out.append(p)
    return out


def describe_problem(lst: str, reason: str, lang: str = "en", data=None) -> Problem:
    """Name, fix and page of a listing key (a bounce naming no list: its reason's words and next step)."""
    found = listing(lst, data) if not lst.startswith(UNNAMED) else None
    if found is not None:
        return Problem(lst, found.text("name", lang), found.text("fix", lang), found.page, found.url, found.group,
                       reason)  # fmt: skip
    why = lst[len(UNNAMED) :] if lst.startswith(UNNAMED) else reason
    return Problem(lst, capitalized(term("reason", why, lang)), next_step(why, lang), "", "", "reason", reason)


def _examples(conn: sqlite3.Connection, key: str, lst: str, since: int, until: int) -> list[str]:
    """A few different server answers, newest first (each cut to a readable length)."""
    seen: list[str] = []
    for (words,) in conn.execute(
        "SELECT diagnostic FROM results WHERE provider = ? AND listing = ? AND listing != '' AND at >= ? AND at < ?"
        " ORDER BY at DESC LIMIT 50",
        (key, lst, since, until),
    ):
        text = " ".join((words or "")[:2000].split())[:_EXAMPLE_CHARS]
        if text and text not in seen:
            seen.append(text)
            if len(seen) >= EXAMPLES:
                break
    return seen


def provider_titles(conn: sqlite3.Connection) -> dict[str, str]:
    """key → title of every provider (the user's own too), in report order, OTHERS last."""
    return dict(receivers_for(conn).titles)


__all__ = [
    "OTHERS", "Problem", "ProviderDetail", "ProviderHealth", "add_provider_sent", "backfill",
    "count_sent_recipients", "describe_problem", "detail", "find_provider", "needs_backfill", "overview", "problems",
    "provider_titles", "receivers_for", "result_keys", "series", "write_provider_rollup",
]  # fmt: skip
