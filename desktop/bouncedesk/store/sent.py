"""Messages sent per day (from the Sent folder's dates), for the bounce rate: `sent_daily`.

The Sent folder's own read position lives in `folder_state` under a key of its own
(`sent_position_key`), so it never mixes with a watched folder of the same name.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from bouncedesk.store.accounts import FolderState, get_folder_state, save_folder_state
from bouncedesk.store.db import transaction

_POSITION_SUFFIX = "\tsent-count"  # a tab: no real folder name has one


def sent_position_key(folder: str) -> str:
    """The `folder_state.folder` value under which the Sent folder's count position is kept."""
    return folder + _POSITION_SUFFIX


def get_sent_position(conn: sqlite3.Connection, account_id: int, folder: str) -> FolderState | None:
    return get_folder_state(conn, account_id, sent_position_key(folder))


def add_sent_counts(
    conn: sqlite3.Connection, account_id: int, counts: Mapping[int, int], *, replace: bool = False
) -> None:
    """Add messages sent per day (day = epoch seconds // 86400) to an account's counts.

    `replace` first forgets every count of the account (a recount from scratch). Joins the
    caller's transaction, so counts and the read position can be saved together.
    """
    with transaction(conn):
        if replace:
            conn.execute("DELETE FROM sent_daily WHERE account_id = ?", (account_id,))
        conn.executemany(
            "INSERT INTO sent_daily(day, account_id, count) VALUES (?, ?, ?)"
            " ON CONFLICT(day, account_id) DO UPDATE SET count = count + excluded.count",
            [(int(day), account_id, int(n)) for day, n in sorted(counts.items()) if n],
        )


def save_sent_counts(
    conn: sqlite3.Connection,
    account_id: int,
    folder: str,
    uidvalidity: int,
    last_uid: int,
    counts: Mapping[int, int],
    now: int,
    *,
    replace: bool = False,
) -> None:
    """Counts of a batch of the Sent folder and the position after it, in one transaction."""
    with transaction(conn):
        add_sent_counts(conn, account_id, counts, replace=replace)
        save_folder_state(conn, account_id, sent_position_key(folder), uidvalidity, last_uid, now)


def sent_counts(conn: sqlite3.Connection, account_id: int | None = None) -> dict[int, int]:
    """{day: messages sent} for one account, or summed over all."""
    if account_id is None:
        rows = conn.execute("SELECT day, sum(count) FROM sent_daily GROUP BY day ORDER BY day")
    else:
        rows = conn.execute("SELECT day, count FROM sent_daily WHERE account_id = ? ORDER BY day", (account_id,))
    return {int(d): int(n) for d, n in rows}
