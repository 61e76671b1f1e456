"""Recipients in the store: their policy state, counters, and atomic state changes with an event row.

Every write that changes a recipient's policy state goes through `save_transition`, so the
event log always explains the current state.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from bouncedesk.errors import InputError
from bouncedesk.policy import machine
from bouncedesk.policy.model import RecipientState, Transition
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.db import transaction
from bouncedesk.store.events import log_event
from bouncedesk.store.settings import load_policy_settings

# recipients columns that hold the policy state, in RecipientState field order.
STATE_COLUMNS = (
    "state", "attempts", "next_retry_at", "last_bounce_at", "last_retry_at", "last_event_at",
    "return_at", "recent_bounces", "paused_state", "state_reason",
)  # fmt: skip
_COLUMNS = (
    "id", "email", "domain", *STATE_COLUMNS, "frequent_until", "bounces", "hard_bounces", "complaints",
    "delays", "auto_replies", "delivered", "last_kind", "last_status", "last_reason", "last_result_id",
    "last_seen_at", "last_account_id", "last_failure_at", "first_seen_at", "updated_at",
)  # fmt: skip
SELECT_RECIPIENT = f"SELECT {', '.join(_COLUMNS)} FROM recipients"


def normalize_email(address: str) -> str:
    """Lower-case, without angle brackets or a mailto: prefix; InputError if it is no address."""
    a = address.strip().strip("<>").strip()
    if a.lower().startswith("mailto:"):
        a = a[7:]
    a = a.lower()
    local, at, domain = a.rpartition("@")
    if not at or not local or not domain or any(c.isspace() for c in a):
        raise InputError(f"not an e-mail address: {address!r}")
    return a


def domain_of(email: str) -> str:
    return email.rpartition("@")[2]


def encode_recent(times: tuple[int, ...]) -> str:
    return ",".join(map(str, times))


def decode_recent(text: str | None) -> tuple[int, ...]:
    return tuple(int(t) for t in text.split(",")) if text else ()


def state_from_row(row) -> RecipientState:
    """A RecipientState from a row holding STATE_COLUMNS (by name)."""
    return RecipientState(
        state=row["state"], attempts=row["attempts"], next_retry_at=row["next_retry_at"],
        last_bounce_at=row["last_bounce_at"], last_retry_at=row["last_retry_at"],
        last_event_at=row["last_event_at"], return_at=row["return_at"],
        recent_bounces=decode_recent(row["recent_bounces"]), paused_state=row["paused_state"],
        reason=row["state_reason"],
    )  # fmt: skip


def state_values(state: RecipientState) -> tuple:
    """The values of STATE_COLUMNS for `state`, in order."""
    return (
        state.state, state.attempts, state.next_retry_at, state.last_bounce_at, state.last_retry_at,
        state.last_event_at, state.return_at, encode_recent(state.recent_bounces), state.paused_state,
        state.reason,
    )  # fmt: skip


@dataclass(slots=True)
class Recipient:
    """One recipient as stored: its policy state plus what we saw of it."""

    id: int
    email: str
    domain: str
    policy: RecipientState
    frequent_until: int | None
    bounces: int
    hard_bounces: int
    complaints: int
    delays: int
    auto_replies: int
    delivered: int
    last_kind: str | None
    last_status: str | None
    last_reason: str | None
    last_result_id: int | None
    last_seen_at: int | None
    last_account_id: int | None
    last_failure_at: int | None
    first_seen_at: int
    updated_at: int

    @property
    def state(self) -> str:
        return self.policy.state


def recipient_from_row(row: sqlite3.Row) -> Recipient:
    return Recipient(
        id=row["id"], email=row["email"], domain=row["domain"], policy=state_from_row(row),
        frequent_until=row["frequent_until"], bounces=row["bounces"], hard_bounces=row["hard_bounces"],
        complaints=row["complaints"], delays=row["delays"], auto_replies=row["auto_replies"],
        delivered=row["delivered"], last_kind=row["last_kind"], last_status=row["last_status"],
        last_reason=row["last_reason"], last_result_id=row["last_result_id"], last_seen_at=row["last_seen_at"],
        last_account_id=row["last_account_id"], last_failure_at=row["last_failure_at"], first_seen_at=row["first_seen_at"], updated_at=row["updated_at"],
    )  # fmt: skip


def get_recipient(conn: sqlite3.Connection, key: str | int) -> Recipient | None:
    """By id (int) or address (str, any case)."""
    if isinstance(key, int):
        row = conn.execute(SELECT_RECIPIENT + " WHERE id = ?", (key,)).fetchone()
    else:
        row = conn.execute(SELECT_RECIPIENT + " WHERE email = ?", (normalize_email(key),)).fetchone()
    return recipient_from_row(row) if row else None


def require_recipient(conn: sqlite3.Connection, key: str | int) -> Recipient:
    """Like get_recipient, but InputError (one line for the CLI) when it is not in the store."""
    rec = get_recipient(conn, key)
    if rec is None:
        raise InputError(f"no recipient {key} in the store")
    return rec


def ensure_recipient(conn: sqlite3.Connection, address: str, now: int) -> Recipient:
    """The stored recipient, created `active` if new (e.g. to suppress an address that never bounced)."""
    email = normalize_email(address)
    with transaction(conn):
        conn.execute(
            "INSERT OR IGNORE INTO recipients(email, domain, first_seen_at, updated_at) VALUES (?, ?, ?, ?)",
            (email, domain_of(email), now, now),
        )
        return require_recipient(conn, email)


def save_transition(
    conn: sqlite3.Connection,
    recipient_id: int,
    before: RecipientState,
    transition: Transition,
    now: int,
    settings: PolicySettings,
    *,
    actor: str,
    action: str | None = None,
    why: str | None = None,
    result_id: int | None = None,
    undoes: int | None = None,
) -> int | None:
    """Write the transition's state and log one event for it; returns the event id.

    `action` defaults to the effects' kinds ("retry-scheduled", "suppressed", ...), `why` to
    their explanations. Nothing is logged when the state is unchanged and no action is named.
    """
    after = transition.state
    if after == before and action is None:
        return None
    with transaction(conn):
        conn.execute(
            f"UPDATE recipients SET {', '.join(c + ' = ?' for c in STATE_COLUMNS)}, frequent_until = ?,"
            " updated_at = ? WHERE id = ?",
            (*state_values(after), machine.frequent_until(after, settings), now, recipient_id),
        )
        kinds = [e.kind for e in transition.effects]
        return log_event(
            conn,
            at=now,
            recipient_id=recipient_id,
            actor=actor,
            action=action or "+".join(kinds) or "update",
            why=why if why is not None else "; ".join(e.why for e in transition.effects if e.why),
            before=before,
            after=after,
            result_id=result_id,
            undoes=undoes,
        )


def apply_user_action(
    conn: sqlite3.Connection,
    address: str,
    action: str,
    now: int,
    *,
    actor: str = "user",
    why: str = "",
    settings: PolicySettings | None = None,
    create: bool = False,
) -> tuple[Recipient, Transition, int]:
    """suppress / unsuppress / pause / resume one recipient, logged; InputError when it does not apply.

    With create=True an address that never bounced is added first (suppressing a known-bad
    address by hand). Returns the updated recipient, the transition and the event id.
    """
    settings = settings or load_policy_settings(conn)
    with transaction(conn):
        rec = ensure_recipient(conn, address, now) if create else require_recipient(conn, address)
        t = machine.apply_user(rec.policy, action, now, settings)
        event_id = save_transition(
            conn, rec.id, rec.policy, t, now, settings, actor=actor, action=action, why=why or f"{action} by {actor}"
        )
        return require_recipient(conn, rec.id), t, event_id


def record_retry_sent(
    conn: sqlite3.Connection,
    key: str | int,
    now: int,
    *,
    actor: str = "user",
    why: str = "",
    settings: PolicySettings | None = None,
) -> tuple[Recipient, Transition, int]:
    """A retry went out (or the user marked it re-sent by hand): count the attempt, schedule the next."""
    settings = settings or load_policy_settings(conn)
    with transaction(conn):
        rec = require_recipient(conn, key)
        t = machine.apply_retry_sent(rec.policy, now, settings)
        why = why or "; ".join(e.why for e in t.effects)
        event_id = save_transition(conn, rec.id, rec.policy, t, now, settings, actor=actor, action="retry-sent", why=why)
        return require_recipient(conn, rec.id), t, event_id


def restore_state(
    conn: sqlite3.Connection,
    recipient_id: int,
    state: RecipientState,
    now: int,
    *,
    actor: str = "user",
    why: str = "",
    undoes: int | None = None,
    settings: PolicySettings | None = None,
) -> int:
    """Put a recipient back into a saved state (undo); logs an `undo` event marking `undoes` undone."""
    settings = settings or load_policy_settings(conn)
    with transaction(conn):
        rec = require_recipient(conn, recipient_id)
        event_id = save_transition(
            conn, rec.id, rec.policy, Transition(state), now, settings,
            actor=actor, action="undo", why=why, undoes=undoes,
        )  # fmt: skip
        assert event_id is not None
        return event_id


def settle_due(conn: sqlite3.Connection, now: int, settings: PolicySettings | None = None) -> int:
    """Turn every retried recipient with no new bounce by its due time back to active; returns how many."""
    settings = settings or load_policy_settings(conn)
    changed = 0
    with transaction(conn):
        rows = conn.execute(
            SELECT_RECIPIENT + " INDEXED BY ix_recipients_pending"
            " WHERE state = 'retrying' AND next_retry_at <= ? AND attempts > 0"
            " AND (last_bounce_at IS NULL OR last_bounce_at < last_retry_at)",
            (now,),
        ).fetchall()
        for row in rows:
            rec = recipient_from_row(row)
            t = machine.settle(rec.policy, now, settings)
            if t.effects:
                save_transition(conn, rec.id, rec.policy, t, now, settings, actor="policy")
                changed += 1
    return changed
