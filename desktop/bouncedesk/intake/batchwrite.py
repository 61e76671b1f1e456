"""Writing one batch to the store, shared by ingest and reparse: results, events (with before/after
for undo), the daily rollups, and the batch's recipients loaded, updated and saved in one go."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bouncedesk.policy import machine
from bouncedesk.policy.model import E_SENDER_ALERT, RecipientState, Transition
from bouncedesk.policy.recovery import recovery_actor
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.events import POLICY_ACTOR, state_to_json
from bouncedesk.store.recipients import STATE_COLUMNS, state_from_row, state_values


@dataclass(slots=True)
class BatchRecipient:
    """A recipient being updated within one batch."""

    id: int
    email: str
    new: bool
    state: RecipientState
    counters: dict[str, int]
    last: dict  # last_kind, last_status, last_reason, last_result_id, last_seen_at, last_account_id, last_failure_at
    first_seen_at: int
    changed: bool = False


# Kinds whose status/reason describe a failure (they set a recipient's last_status/last_reason).
_FAILURE_KINDS = ("bounce", "complaint")


_COUNTER_OF_KIND = {
    "bounce": "bounces",
    "complaint": "complaints",
    "delay": "delays",
    "auto-reply": "auto_replies",
    "delivered": "delivered",
}

_REC_COUNTERS = ("bounces", "hard_bounces", "complaints", "delays", "auto_replies", "delivered")


_REC_LAST = ("last_kind", "last_status", "last_reason", "last_result_id", "last_seen_at", "last_account_id",
             "last_failure_at")  # fmt: skip


_RESULT_COLUMNS = (
    "id, message_id, idx, kind, recipient_id, email, domain, action, status, status_source, reply_code, reason, hard,"
    " side, action_hint, diagnostic, remote_mta, reporting_mta, feedback_type, return_at, at, account_id,"
    " trust, review, sent_id, evidence, provider, listing"
)


def insert_results(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Insert result rows, in the order of _RESULT_COLUMNS."""
    conn.executemany(f"INSERT INTO results({_RESULT_COLUMNS}) VALUES ({','.join('?' * 28)})", rows)


def is_logged(t: Transition) -> bool:
    return any(e.kind != E_SENDER_ALERT for e in t.effects)


def event_row(at: int, recipient_id: int, before: RecipientState, t: Transition, result_id: int | None,
              actor: str = POLICY_ACTOR) -> tuple:  # fmt: skip
    if actor == POLICY_ACTOR:
        actor = recovery_actor(t.effects, actor)  # a recovery by a delivery report can be undone
    return (
        at, recipient_id, actor, "+".join(e.kind for e in t.effects if e.kind != E_SENDER_ALERT),
        "; ".join(e.why for e in t.effects if e.why), before.state, t.state.state, result_id,
        state_to_json(before), state_to_json(t.state),
    )  # fmt: skip


def insert_events(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    if rows:
        conn.executemany(
            "INSERT INTO events(at, recipient_id, actor, action, why, from_state, to_state, result_id, before, after)"
            " VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def write_rollup(conn: sqlite3.Connection, items: Iterable[tuple[tuple, int]], sign: int = 1) -> None:
    """Add counts (negative to remove) to the daily rollups: day×kind×reason×domain and day×kind×reason.

    Cells that drop to zero are deleted. Call in the transaction that writes the results.
    """
    rows = [(day, kind, reason, domain, sign * n) for (day, kind, reason, domain), n in items if n]
    if not rows:
        return
    conn.executemany(
        "INSERT INTO daily_rollup(day, kind, reason, domain, count) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(day, kind, reason, domain) DO UPDATE SET count = count + excluded.count",
        rows,
    )
    totals: Counter = Counter()
    for day, kind, reason, _domain, n in rows:
        totals[(day, kind, reason)] += n
    conn.executemany(
        "INSERT INTO daily_totals(day, kind, reason, count) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(day, kind, reason) DO UPDATE SET count = count + excluded.count",
        [(*k, n) for k, n in totals.items() if n],
    )
    if any(n < 0 for *_, n in rows):
        conn.execute("DELETE FROM daily_rollup WHERE count <= 0")
        conn.execute("DELETE FROM daily_totals WHERE count <= 0")


def blank_recipient(rid: int, email: str, state: RecipientState, first_seen_at: int, *,
                    new: bool = False) -> BatchRecipient:  # fmt: skip
    """A BatchRecipient with its counters at zero and no "last seen" fields (a new address, or one
    rebuilt from its results)."""
    return BatchRecipient(rid, email, new, state, dict.fromkeys(_REC_COUNTERS, 0), dict.fromkeys(_REC_LAST),
                          first_seen_at)  # fmt: skip


def load_batch_recipients(conn: sqlite3.Connection, emails: set[str], now: int) -> dict[str, BatchRecipient]:
    """The batch's recipients from the store; new ones get ids and a fresh active state."""
    recs: dict[str, BatchRecipient] = {}
    cols = ("id", "email", *STATE_COLUMNS, *_REC_COUNTERS, *_REC_LAST, "first_seen_at")
    em = list(emails)
    for i in range(0, len(em), 500):
        chunk = em[i : i + 500]
        for row in conn.execute(
            f"SELECT {', '.join(cols)} FROM recipients WHERE email IN ({','.join('?' * len(chunk))})", chunk
        ):
            d = dict(zip(cols, row, strict=True))
            st = state_from_row(d)
            recs[d["email"]] = BatchRecipient(
                d["id"], d["email"], False, st, {c: d[c] for c in _REC_COUNTERS}, {c: d[c] for c in _REC_LAST},
                d["first_seen_at"],
            )
    next_id = conn.execute("SELECT coalesce(max(id), 0) FROM recipients").fetchone()[0] + 1
    for email in sorted(emails - recs.keys()):
        recs[email] = blank_recipient(next_id, email, RecipientState(), now, new=True)
        next_id += 1
    return recs


def note_result(rec: BatchRecipient, kind: str, hard: bool, status: str, reason: str, at: int, rid: int,
                account_id: int | None) -> None:  # fmt: skip
    """Counters and "last seen" fields of a recipient for one of its results."""
    rec.changed = True
    counter = _COUNTER_OF_KIND.get(kind)
    if counter:
        rec.counters[counter] += 1
    if kind == "bounce" and hard:
        rec.counters["hard_bounces"] += 1
    last = rec.last
    if last["last_seen_at"] is None or at >= last["last_seen_at"]:
        last.update(last_kind=kind, last_result_id=rid, last_seen_at=at, last_account_id=account_id)
    if kind in _FAILURE_KINDS and (last["last_failure_at"] is None or at >= last["last_failure_at"]):
        last.update(last_status=status, last_reason=reason, last_failure_at=at)
    rec.first_seen_at = min(rec.first_seen_at, at)


def save_batch_recipients(conn: sqlite3.Connection, recs: Iterable[BatchRecipient], now: int, settings: PolicySettings) -> None:
    """Insert new recipients and update changed ones."""
    cols = ("id", "email", "domain", *STATE_COLUMNS, "frequent_until", *_REC_COUNTERS, *_REC_LAST,
            "first_seen_at", "updated_at")  # fmt: skip
    rows = []
    for r in recs:
        if not r.changed and not r.new:
            continue
        rows.append((
            r.id, r.email, r.email.rpartition("@")[2], *state_values(r.state),
            machine.frequent_until(r.state, settings), *[r.counters[c] for c in _REC_COUNTERS],
            *[r.last[c] for c in _REC_LAST], r.first_seen_at, now,
        ))  # fmt: skip
    if not rows:
        return
    updates = ", ".join(f"{c} = excluded.{c}" for c in cols[2:])
    conn.executemany(
        f"INSERT INTO recipients({', '.join(cols)}) VALUES ({','.join('?' * len(cols))})"
        f" ON CONFLICT(id) DO UPDATE SET {updates}",
        rows,
    )
