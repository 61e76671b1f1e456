"""Needs review: results that would move a recipient but are not tied to mail we sent.

Ingest keeps them (counted, shown) without touching any recipient. Here they are listed,
trusted or dismissed by the user, and re-judged when new sent mail becomes known (a bounce
can arrive before the Sent folder that proves it was ours has been read). The CLI's
`bouncedesk review` and the GUI's Needs review list both call these functions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bouncedesk.act.outcome import USER
from bouncedesk.errors import InputError
from bouncedesk.intake.batchwrite import (
    event_row,
    insert_events,
    load_batch_recipients,
    note_result,
    save_batch_recipients,
)
from bouncedesk.intake.ingest import judge_result, named_keys
from bouncedesk.intake.rows import MessageRow
from bouncedesk.policy import machine
from bouncedesk.policy.model import Observation
from bouncedesk.policy.provenance import (
    REVIEW_DISMISSED,
    REVIEW_NONE,
    REVIEW_PENDING,
    REVIEW_TRUSTED,
    TRUST_ALL,
    word,
)
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.db import transaction
from bouncedesk.store.sent import SentIndex, sent_known
from bouncedesk.store.settings import load_policy_settings

TRUST_ACTION = "trust"  # the event verb of a user's "trust this bounce" (undoable)

_ITEM_SQL = (
    "SELECT r.id, r.at, r.email, r.kind, r.status, r.reason, r.hard, r.side, r.action_hint, r.return_at,"
    " r.trust, r.evidence, r.sent_id, r.diagnostic, r.account_id, r.review, m.received_at, m.subject, m.sender,"
    " m.orig_message_id, m.orig_subject, m.orig_sender, m.refs, m.id"
    " FROM results r JOIN messages m ON m.id = r.message_id"
)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One result waiting for the user's decision, with what the bounce claims."""

    result_id: int
    at: int
    email: str
    kind: str
    status: str
    reason: str
    trust: str
    evidence: str  # a policy.provenance evidence code
    diagnostic: str
    bounce_subject: str
    bounce_sender: str
    orig_subject: str
    message_pk: int


@dataclass(frozen=True, slots=True)
class _Row:
    item: ReviewItem
    obs: Observation
    message: MessageRow
    account_id: int | None


def _row(r: sqlite3.Row | tuple) -> _Row:
    (rid, at, email, kind, status, reason, hard, side, hint, return_at, trust, evidence, _sent_id, diag, account,
     _review, received, subject, sender, orig_mid, orig_subject, orig_sender, refs, mpk) = tuple(r)  # fmt: skip
    item = ReviewItem(rid, at, email or "", kind, status, reason, trust, evidence, diag, subject or "", sender or "",
                      orig_subject or "", mpk)  # fmt: skip
    obs = Observation(kind, at, status, reason, bool(hard), side, hint, return_at, received)
    msg = MessageRow(None, None, subject, sender, "report", "", "", orig_mid, orig_subject, None, orig_sender, None, 0,
                     refs or "")  # fmt: skip
    return _Row(item, obs, msg, account)


def review_items(conn: sqlite3.Connection, *, limit: int | None = None, offset: int = 0) -> list[ReviewItem]:
    """Results waiting for review, newest first."""
    sql = _ITEM_SQL + " WHERE r.review = ? ORDER BY r.at DESC, r.id DESC"
    params: list = [REVIEW_PENDING]
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [_row(r).item for r in conn.execute(sql, params)]


def count_review(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM results WHERE review = ?", (REVIEW_PENDING,)).fetchone()[0]


_NO_SENT = {
    "en": ("BounceDesk has not read any sent mail yet, so it cannot tell whether these bounces are about "
           "messages you sent. They change nothing until you decide. Sync an account whose Sent folder holds "
           "your sent mail, or choose to trust bounces without this check."),
    "de": ("BounceDesk hat noch keine gesendeten Nachrichten gelesen und kann daher nicht prüfen, ob diese "
           "Bounces zu Nachrichten gehören, die Sie gesendet haben. Sie ändern nichts, bis Sie entscheiden. "
           "Synchronisieren Sie ein Konto mit seinem Ordner „Gesendet“, oder vertrauen Sie Bounces ohne diese "
           "Prüfung."),
}  # fmt: skip


def review_notice(conn: sqlite3.Connection, lang: str = "en") -> str:
    """The one clear sentence for users whose bounces cannot be checked at all ('' when they can)."""
    if sent_known(conn) or load_policy_settings(conn).trust == TRUST_ALL:
        return ""
    return _NO_SENT.get(lang[:2].lower(), _NO_SENT["en"])


def _select(conn: sqlite3.Connection, result_ids: Sequence[int], review: str) -> list[_Row]:
    rows: list[_Row] = []
    ids = sorted(set(int(i) for i in result_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows += [_row(r) for r in conn.execute(
            _ITEM_SQL + f" WHERE r.review = ? AND r.id IN ({','.join('?' * len(chunk))})", [review, *chunk])]  # fmt: skip
    return rows


def _apply(conn: sqlite3.Connection, rows: Iterable[_Row], now: int, settings: PolicySettings, *, actor: str,
           review: str) -> int:  # fmt: skip
    """Tie results to their recipients and let the policy act on them; returns how many moved a state."""
    rows = sorted(rows, key=lambda r: (r.item.email, r.obs.at, r.item.result_id))
    recs = load_batch_recipients(conn, {r.item.email for r in rows}, now)
    events: list[tuple] = []
    moved = 0
    for r in rows:
        rec = recs[r.item.email]
        before = rec.state
        t = machine.apply_observation(before, r.obs, now, settings)
        rec.state = t.state
        note_result(rec, r.item.kind, r.obs.hard, r.item.status, r.item.reason, r.obs.at, r.item.result_id,
                    r.account_id)  # fmt: skip
        moved += t.state != before
        if actor == USER:
            ev = event_row(now, rec.id, before, t, r.item.result_id, actor=USER)
            effects = ev[4]
            ev = (*ev[:3], TRUST_ACTION, f"{r.item.kind} trusted by the user" + (f": {effects}" if effects else ""),
                  *ev[5:])  # fmt: skip
            events.append(ev)
        elif t.effects:
            events.append(event_row(min(r.obs.at, now), rec.id, before, t, r.item.result_id))
    save_batch_recipients(conn, recs.values(), now, settings)
    insert_events(conn, events)
    conn.executemany(
        "UPDATE results SET recipient_id = ?, review = ? WHERE id = ?",
        [(recs[r.item.email].id, review, r.item.result_id) for r in rows],
    )
    return moved


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    count: int  # results decided
    moved: int  # recipients whose state changed
    message: str


def trust_results(conn: sqlite3.Connection, result_ids: Sequence[int], now: int, *, who: str = USER) -> ReviewOutcome:
    """The user vouches for these bounces: they act as if verified (each an undoable event)."""
    settings = load_policy_settings(conn)
    with transaction(conn):
        rows = [r for r in _select(conn, result_ids, REVIEW_PENDING) if r.item.email]
        if not rows:
            raise InputError("nothing to trust: none of these bounces is waiting for review")
        moved = _apply(conn, rows, now, settings, actor=who, review=REVIEW_TRUSTED)
    n = len(rows)
    return ReviewOutcome(n, moved, f"trusted {n} bounce{'s' * (n != 1)}; {moved} recipient{'s' * (moved != 1)} changed")


def dismiss_results(conn: sqlite3.Connection, result_ids: Sequence[int], now: int, *, who: str = USER) -> ReviewOutcome:
    """Not about our mail: kept as information, never acted on."""
    with transaction(conn):
        rows = _select(conn, result_ids, REVIEW_PENDING)
        if not rows:
            raise InputError("nothing to dismiss: none of these bounces is waiting for review")
        conn.executemany("UPDATE results SET review = ? WHERE id = ?",
                         [(REVIEW_DISMISSED, r.item.result_id) for r in rows])  # fmt: skip
    n = len(rows)
    return ReviewOutcome(n, 0, f"dismissed {n} bounce{'s' * (n != 1)}; no recipient changed")


def untrust_result(conn: sqlite3.Connection, result_id: int) -> None:
    """Undo of a trust: the result waits for review again (the caller restores the recipient's state)."""
    conn.execute("UPDATE results SET review = ?, recipient_id = NULL WHERE id = ? AND review = ?",
                 (REVIEW_PENDING, result_id, REVIEW_TRUSTED))  # fmt: skip


def recheck_pending(conn: sqlite3.Connection, now: int) -> int:
    """Judge the waiting results again (new sent mail may be known now); those that may act now do.

    Returns how many stopped waiting. One transaction: run after a Sent folder was read.
    """
    settings = load_policy_settings(conn)
    with transaction(conn):
        rows = [_row(r) for r in conn.execute(_ITEM_SQL + " WHERE r.review = ?", (REVIEW_PENDING,))]
        if not rows:
            return 0
        sent = SentIndex(conn)
        sent.prefetch(k for r in rows for k in named_keys(r.message))  # one query per 500 keys, not per row
        ready: list[_Row] = []
        updates: list[tuple] = []
        for r in rows:
            ev, review = judge_result(sent, r.message, r.item.email, r.obs, settings)
            updates.append((ev.trust, ev.code, ev.sent_id, r.item.result_id))
            if review == REVIEW_NONE:
                ready.append(r)
        conn.executemany("UPDATE results SET trust = ?, evidence = ?, sent_id = ? WHERE id = ?", updates)
        if ready:
            _apply(conn, ready, now, settings, actor="policy", review=REVIEW_NONE)
    return len(ready)


def review_label(review: str, trust: str, lang: str = "en") -> str:
    """What the lists show for a result's provenance: its review state, else its trust level."""
    return word(review or trust, lang)
