"""The event log: every recipient state change and user action — who, what, why, when.

Rows carry the policy state before and after (JSON), so `undo` can put a recipient back
exactly, and `reparse` can replay the user's decisions over re-parsed results.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from bouncedesk.policy.model import RecipientState

POLICY_ACTOR = "policy"


_FIELDS = tuple(RecipientState.__dataclass_fields__)


def state_to_json(state: RecipientState) -> str:
    d = {f: getattr(state, f) for f in _FIELDS}
    d["recent_bounces"] = list(state.recent_bounces)
    return json.dumps(d, sort_keys=True)


def state_from_json(text: str | None) -> RecipientState | None:
    if not text:
        return None
    d = json.loads(text)
    d["recent_bounces"] = tuple(d.get("recent_bounces") or ())
    known = {k: v for k, v in d.items() if k in RecipientState.__dataclass_fields__}
    return RecipientState(**known)


@dataclass(slots=True)
class Event:
    id: int
    at: int
    recipient_id: int | None
    actor: str  # policy | user | run-due | import | reparse ...
    action: str  # a user verb (suppress, pause, retry-sent, undo, ...) or a policy effect (retry-scheduled, ...)
    why: str
    from_state: str | None
    to_state: str | None
    result_id: int | None
    before: RecipientState | None
    after: RecipientState | None
    undoes: int | None
    undone_by: int | None


_EVENT_SQL = (
    "SELECT id, at, recipient_id, actor, action, why, from_state, to_state, result_id, before, after,"
    " undoes, undone_by FROM events"
)


def _event(row: sqlite3.Row) -> Event:
    return Event(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
        state_from_json(row[9]), state_from_json(row[10]), row[11], row[12],
    )  # fmt: skip


def log_event(
    conn: sqlite3.Connection,
    *,
    at: int,
    recipient_id: int | None,
    actor: str,
    action: str,
    why: str = "",
    before: RecipientState | None = None,
    after: RecipientState | None = None,
    result_id: int | None = None,
    undoes: int | None = None,
) -> int:
    """Append one event and return its id. Call inside the transaction that made the change."""
    cur = conn.execute(
        "INSERT INTO events(at, recipient_id, actor, action, why, from_state, to_state, result_id, before, after, undoes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            at, recipient_id, actor, action, why,
            before.state if before else None, after.state if after else None, result_id,
            state_to_json(before) if before else None, state_to_json(after) if after else None, undoes,
        ),
    )  # fmt: skip
    if undoes is not None:
        conn.execute("UPDATE events SET undone_by = ? WHERE id = ?", (cur.lastrowid, undoes))
    return cur.lastrowid


def get_event(conn: sqlite3.Connection, event_id: int) -> Event | None:
    row = conn.execute(_EVENT_SQL + " WHERE id = ?", (event_id,)).fetchone()
    return _event(row) if row else None


def events_for(conn: sqlite3.Connection, recipient_id: int, limit: int | None = None) -> list[Event]:
    """A recipient's events, newest first."""
    sql = _EVENT_SQL + " WHERE recipient_id = ? ORDER BY id DESC"
    params: tuple = (recipient_id,)
    if limit is not None:
        sql += " LIMIT ?"
        params += (limit,)
    return [_event(r) for r in conn.execute(sql, params)]


def last_user_event(
    conn: sqlite3.Connection, recipient_id: int, actions: tuple[str, ...] | None = None
) -> Event | None:
    """The newest action by someone other than the policy that is neither undone nor an undo.

    `actions` narrows it to those verbs (e.g. the ones `undo` knows how to reverse).
    """
    sql = _EVENT_SQL + " WHERE recipient_id = ? AND actor != ? AND undone_by IS NULL AND undoes IS NULL"
    params: list = [recipient_id, POLICY_ACTOR]
    if actions:
        sql += f" AND action IN ({','.join('?' * len(actions))})"
        params += list(actions)
    row = conn.execute(sql + " ORDER BY id DESC LIMIT 1", params).fetchone()
    return _event(row) if row else None
