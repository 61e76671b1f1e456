"""Full-text search over the server's words (results.diagnostic) and subjects.

The FTS5 index `search_index` (schema version 9) reads its text from the view `search_docs`, so
the words are not stored twice. It is not kept by per-row insert triggers (an earlier attempt made
every sync measurably slower): `catch_up` adds the results above the mark
`search_state.indexed_upto` in one bulk INSERT … SELECT — inside each import or sync batch's own
transaction (about 1 % of an import's CPU, measured), after a re-parse, and before a search. A
store from before the index is filled in chunks on first use. Deleted results and re-parsed
subjects leave the index through triggers (rare writes), so no stale hit survives.

Searches answer newest first with a limit and never count all matches of a common word: the
caller says "the newest 500" / "more than 500". What the user types is never FTS5 syntax: each
word becomes a quoted string (the last one a prefix), so `"`, `*`, `AND`, `-`, `:` are words.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from bouncedesk.store.db import transaction
from bouncedesk.store.schema import search_subject

SEARCH_LIMIT = 500
CATCH_UP_CHUNK = 50_000  # results indexed per transaction: other writers wait at most ~1 s
INLINE_MAX = 20_000  # results an import batch indexes itself; a bigger backlog waits for catch_up
MIN_PREFIX = 3  # shorter last words match only whole ("u*" would stand for nearly every result)
MAX_WORDS = 16  # longer queries only get slower, not better
MAX_WORD = 100  # characters of one word
SNIPPET_TOKENS = 16


@dataclass(frozen=True)
class SearchHit:
    """One result whose server's words or subject match; `snippet` is plain text, never markup."""

    result_id: int
    message_id: int
    at: int
    recipient: str
    kind: str
    code: str
    reason: str
    snippet: str
    subject: str


@dataclass(frozen=True)
class SearchAnswer:
    """The newest `len(hits)` matches; `more` when there are further (older) ones."""

    hits: list[SearchHit]
    more: bool


def words(text: str) -> list[str]:
    """The user's words that can match anything (a word of punctuation alone tokenizes to nothing)."""
    out = []
    for w in text.split():
        w = w[:MAX_WORD]
        if any(ch.isalnum() for ch in w):
            out.append(w)
    return out[:MAX_WORDS]


def fts_query(text: str, *, prefix: bool = True) -> str:
    """A safe FTS5 query for what the user typed: every word a quoted string, all of them required,
    the last one (of 3 characters or more) also as a prefix, as the user is typing it. '' when
    nothing can match."""
    found = words(text)
    parts = ['"' + w.replace('"', '""') + '"' for w in found]
    if parts and prefix and len(found[-1]) >= MIN_PREFIX:
        parts[-1] += "*"
    return " ".join(parts)


# --- index upkeep ------------------------------------------------------------------------------


def indexed_upto(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT indexed_upto FROM search_state").fetchone()[0]


def behind(conn: sqlite3.Connection) -> int:
    """How many result ids are above the mark (0: the index is complete). Two index lookups."""
    top = conn.execute("SELECT coalesce(max(id), 0) FROM results").fetchone()[0]
    return max(0, top - indexed_upto(conn))


def catch_up(
    conn: sqlite3.Connection,
    *,
    chunk: int = CATCH_UP_CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Index every result above the mark, `chunk` ids per transaction; returns how many were added.

    Safe to run from several connections: each chunk re-reads the mark inside its write lock.
    `progress(done, total)` after each chunk (for the first indexing of a big store).
    """
    added = 0
    total = behind(conn) if progress else 0  # only a progress report needs it
    while True:
        with transaction(conn):
            start = indexed_upto(conn)
            top = conn.execute("SELECT coalesce(max(id), 0) FROM results").fetchone()[0]
            if top <= start:
                return added
            end = min(top, start + chunk)
            n = conn.execute(
                "INSERT INTO search_index(rowid, words, subject) SELECT id, words, subject FROM search_docs"
                " WHERE id > ? AND id <= ?",
                (start, end),
            ).rowcount
            conn.execute("UPDATE search_state SET indexed_upto = ?", (end,))
        added += max(n, 0)
        if progress:
            progress(min(added, total), total)


def catch_up_inline(conn: sqlite3.Connection) -> int:
    """The catch-up an import or sync batch runs in its own transaction: its new results (bulk,
    ~1 % of an import's CPU, measured). A big backlog (a store from before the index) is left to
    `catch_up` in chunks, so no batch holds the write lock for seconds."""
    return catch_up(conn) if behind(conn) <= INLINE_MAX else 0


def rebuild(conn: sqlite3.Connection) -> int:
    """Drop the index and build it anew from the stored results (the repair for any doubt)."""
    with transaction(conn):
        conn.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
        conn.execute("UPDATE search_state SET indexed_upto = 0")
    return catch_up(conn)


def optimize(conn: sqlite3.Connection) -> None:
    """Merge the index's segments into one (after a big first indexing: smaller, faster queries)."""
    with transaction(conn):
        conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")


# --- queries -----------------------------------------------------------------------------------


def match_condition(text: str, column: str = "r.id", limit: int | None = None) -> tuple[str, list] | None:
    """An SQL condition on `column` (a result id) for the newest `limit` matches, for lists that
    filter in SQL (the GUI's Bounces page); None when the text has no word to search."""
    q = fts_query(text)
    if not q:
        return None
    sql = (f"{column} IN (SELECT rowid FROM search_index WHERE search_index MATCH ?"
           f" ORDER BY rowid DESC LIMIT {int(limit or SEARCH_LIMIT)})")  # fmt: skip
    return sql, [q]


_HITS_SQL = f"""
WITH hits AS (
    SELECT rowid AS id, snippet(search_index, -1, '', '', '…', ?) AS snip
    FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?
)
SELECT r.id, r.message_id, r.at, coalesce(r.email, ''), r.kind, r.status, r.reason, hits.snip,
       {search_subject("m")}
FROM hits JOIN results r ON r.id = hits.id JOIN messages m ON m.id = r.message_id
ORDER BY r.at DESC, r.id DESC
"""


def search(
    conn: sqlite3.Connection, text: str, limit: int = SEARCH_LIMIT, *, up_to_date: bool = True
) -> SearchAnswer:
    """The newest `limit` results whose server's words or subject contain all the words of `text`:
    the latest arrivals (by id, which the index walks backwards cheaply), shown by their date.

    With `up_to_date` the index first catches up (needs a writable connection); a read-only
    caller passes False and gets what was indexed so far.
    """
    q = fts_query(text)
    if not q or limit <= 0:
        return SearchAnswer([], False)
    if up_to_date:
        catch_up(conn)
    rows = conn.execute(_HITS_SQL, (SNIPPET_TOKENS, q, limit + 1)).fetchall()
    hits = [SearchHit(*tuple(r)) for r in rows[:limit]]
    return SearchAnswer(hits, len(rows) > limit)
