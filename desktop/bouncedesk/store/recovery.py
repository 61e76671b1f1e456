"""Replies that recover recipients, in a batch: tie each reply to our sent mail, find the
recipients it may recover with one query, apply policy.recovery and log one event each.

Both the IMAP sync (headers of messages the prefilter skips) and imports of files and mbox
(messages the parser finds no report in) hand their replies here. A reply counts only when it
is verified by provenance: its In-Reply-To/References name a message we sent *to its From
address* (the user's trust setting does not widen this: a From line costs a forger nothing).
The same reply read twice logs one event: its why-text (date and subject) is the key.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from bouncedesk.dsn.reply import ReplyHeader
from bouncedesk.policy.model import E_RECOVERED
from bouncedesk.policy.provenance import VERIFIED
from bouncedesk.policy.recovery import RECOVERABLE, RECOVERY_ACTOR, apply_reply
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.db import transaction
from bouncedesk.store.recipients import SELECT_RECIPIENT, recipient_from_row, save_transition
from bouncedesk.store.sent import SentIndex
from bouncedesk.store.settings import load_policy_settings


@dataclass(slots=True)
class RecoveryCounts:
    """What a batch of replies did."""

    replies: int = 0  # replies looked at (messages naming a Message-ID)
    verified: int = 0  # tied to a message we sent to their From address
    unverified: int = 0  # not tied to our mail: changed nothing
    recovered: int = 0  # recipients made active again


def verified_replies(sent: SentIndex, replies: Iterable[ReplyHeader]) -> tuple[list[ReplyHeader], int]:
    """The replies provenance verifies (a sent message to the From address, not dated after the
    reply), and how many were not."""
    items = list(replies)
    sent.prefetch(k for r in items for k in r.refs)  # one look-up for the whole batch
    good = [r for r in items if sent.judge(r.sender, r.at, None, " ".join(r.refs), None).trust == VERIFIED]
    return good, len(items) - len(good)


def recover_by_replies(
    conn: sqlite3.Connection,
    replies: Iterable[ReplyHeader],
    now: int,
    settings: PolicySettings | None = None,
    sent: SentIndex | None = None,
) -> RecoveryCounts:
    """Recover the recipients these replies vouch for; joins the caller's transaction. `sent`: the
    caller's SentIndex of this transaction, if it has one (its look-ups are reused)."""
    settings = settings or load_policy_settings(conn)
    items = list(replies)
    counts = RecoveryCounts(replies=len(items))
    if not items:
        return counts
    with transaction(conn):
        good, counts.unverified = verified_replies(sent or SentIndex(conn), items)
        counts.verified = len(good)
        if not good or not settings.recover_on_reply:
            return counts
        candidates = _candidates(conn, {r.sender for r in good})
        for reply in sorted(good, key=lambda r: r.at):
            rec = candidates.get(reply.sender)
            if rec is None:
                continue
            t = apply_reply(rec.policy, reply.at, reply.subject, now, settings)
            if not t.effects or _seen(conn, rec.id, t.effects[0].why):
                continue
            save_transition(
                conn, rec.id, rec.policy, t, now, settings, actor=RECOVERY_ACTOR, action=E_RECOVERED
            )
            rec.policy = t.state
            counts.recovered += 1
    return counts


def _candidates(conn: sqlite3.Connection, emails: set[str]) -> dict:
    """Recipients among these addresses that a reply may recover (retrying or inactive)."""
    found = {}
    em = sorted(emails)
    states = sorted(RECOVERABLE)
    for i in range(0, len(em), 500):
        chunk = em[i : i + 500]
        rows = conn.execute(
            SELECT_RECIPIENT + f" WHERE email IN ({','.join('?' * len(chunk))})"
            f" AND state IN ({','.join('?' * len(states))})",
            (*chunk, *states),
        )
        for row in rows:
            rec = recipient_from_row(row)
            found[rec.email] = rec
    return found


def _seen(conn: sqlite3.Connection, recipient_id: int, why: str) -> bool:
    """This reply recovered the recipient before (perhaps undone since): never twice."""
    return (
        conn.execute(
            "SELECT 1 FROM events WHERE recipient_id = ? AND action = ? AND why = ? LIMIT 1",
            (recipient_id, E_RECOVERED, why),
        ).fetchone()
        is not None
    )


def last_recovery(conn: sqlite3.Connection, recipient_id: int) -> tuple[int, str] | None:
    """(when, why) of the recipient's newest recovery by evidence that is not undone, or None."""
    row = conn.execute(
        "SELECT at, why FROM events WHERE recipient_id = ? AND action = ? AND actor = ? AND undone_by IS NULL"
        " ORDER BY id DESC LIMIT 1",
        (recipient_id, E_RECOVERED, RECOVERY_ACTOR),
    ).fetchone()
    return (int(row[0]), row[1]) if row else None


@dataclass(frozen=True, slots=True)
class Recovery:
    """One recovery by evidence, as the CLI lists it."""

    email: str
    at: int
    why: str
    state: str  # the recipient's state now
    undone: bool


def list_recoveries(conn: sqlite3.Connection, email: str | None = None, limit: int = 100) -> list[Recovery]:
    """Recoveries by a reply or a delivery report, newest first (of one address, or of all)."""
    sql = (
        "SELECT r.email, e.at, e.why, r.state, e.undone_by IS NOT NULL FROM events e"
        " JOIN recipients r ON r.id = e.recipient_id WHERE e.action = ? AND e.actor = ?"
    )
    params: list = [E_RECOVERED, RECOVERY_ACTOR]
    if email:
        sql += " AND r.email = ?"
        params.append(email)
    rows = conn.execute(sql + " ORDER BY e.id DESC LIMIT ?", (*params, int(limit)))
    return [Recovery(e, int(at), why, state, bool(undone)) for e, at, why, state, undone in rows]
