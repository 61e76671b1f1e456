"""What a store holds, read through sqlite-utils: its stable views, tables and the search index.

Kept apart from the hot paths (sqlite-utils takes ~0.3 s to import, measured): the CLI's
`search --status`, the doctor and the tests use it; the GUI's start and the ingest do not.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

# The documented face of the store for ad-hoc analysis (README): columns are only ever added.
STABLE_VIEWS = ("bounces", "recipient_states", "suppressions", "daily_counts")


def database(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over our own connection, leaving its settings alone (sqlite-utils would
    switch recursive triggers on, and run plugins)."""
    return Database(conn, recursive_triggers=False, execute_plugins=False)


def index_present(conn: sqlite3.Connection) -> bool:
    """Whether the store has the search index (schema 9 or later)."""
    return "search_index" in database(conn).table_names(fts5=True)


def stable_views(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The documented views this store has, each with its columns (what the README promises)."""
    db = database(conn)
    present = set(db.view_names())
    return {name: [c.name for c in db[name].columns] for name in STABLE_VIEWS if name in present}
