"""`bouncedesk reparse`: run the current parser over the stored raw messages.

Results that changed replace the old ones (rollups and sender alerts follow), and each
affected recipient's state is rebuilt by replaying its results together with the user's
own actions from the event log (suppress, pause, retries sent, ...), so those are kept.
One transaction per batch: an interrupted reparse leaves a consistent store and can be re-run.
A dry run (`dry_run=True`) does all of it inside a savepoint that is rolled back, and reports which
recipients' states would change (the preview of a correction, see corrections.py).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bouncedesk.intake.analysis import Analysis, analyze_message
from bouncedesk.intake.batchwrite import (
    BatchRecipient,
    blank_recipient,
    insert_results,
    load_batch_recipients,
    note_result,
    save_batch_recipients,
    write_rollup,
)
from bouncedesk.intake.ingest import DAY, judge_result
from bouncedesk.intake.rows import MessageRow, message_row, result_rows, result_time
from bouncedesk.policy import machine
from bouncedesk.policy.machine import RETRY_SENT, UserEvent
from bouncedesk.policy.model import E_RECOVERED, USER_ACTIONS, Observation
from bouncedesk.policy.provenance import REVIEW_DISMISSED, REVIEW_TRUSTED, acts_alone
from bouncedesk.policy.recovery import RECOVERY_ACTOR, REPLIED
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.db import transaction
from bouncedesk.store.events import POLICY_ACTOR, log_event
from bouncedesk.store.providers import receivers_for, result_keys, write_provider_rollup
from bouncedesk.store.rawcodec import decompress_raw
from bouncedesk.store.recipients import state_from_row
from bouncedesk.store.search import catch_up
from bouncedesk.store.sent import SentIndex
from bouncedesk.store.settings import load_policy_settings

# Columns compared to tell whether a message's results changed (ids aside).
_CMP = ("idx", "kind", "email", "domain", "action", "status", "status_source", "reply_code", "reason", "hard",
        "side", "action_hint", "diagnostic", "remote_mta", "reporting_mta", "feedback_type", "return_at", "at")  # fmt: skip
_MSG_FIELDS = MessageRow._fields
REPLAYED_ACTIONS = (*USER_ACTIONS, RETRY_SENT)
REPARSE_WHY = "results re-parsed with the current parser"


@dataclass(frozen=True, slots=True)
class StateChange:
    """One recipient whose state a reparse changed (or, in a dry run, would change)."""

    recipient_id: int
    email: str
    before: str
    after: str


@dataclass(slots=True)
class ReparseCounts:
    messages: int = 0
    changed: int = 0  # messages whose results or outcome changed
    results_before: int = 0
    results_after: int = 0
    recipients: int = 0  # recipients whose state was rebuilt
    changes: list[StateChange] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "changes"}


def reparse_all(
    conn: sqlite3.Connection,
    now: int,
    *,
    batch_size: int = 200,
    analyze: Callable[[bytes], Analysis] = analyze_message,
    settings: PolicySettings | None = None,
    progress: Callable[[ReparseCounts], None] | None = None,
    message_ids: Iterable[int] | None = None,
    dry_run: bool = False,
    why: str = REPARSE_WHY,
) -> ReparseCounts:
    """Re-parse every stored message (or only `message_ids`); `why` goes into the recipients' events.

    With `dry_run`, nothing stays changed: the counts and `changes` say what a real run would do.
    """
    settings = settings or load_policy_settings(conn)
    counts = ReparseCounts()
    if dry_run:
        conn.execute("SAVEPOINT reparse_dry_run")
        try:
            _reparse(conn, now, batch_size, analyze, settings, progress, message_ids, why, counts)
        finally:
            conn.execute("ROLLBACK TO reparse_dry_run")
            conn.execute("RELEASE reparse_dry_run")
        return counts
    _reparse(conn, now, batch_size, analyze, settings, progress, message_ids, why, counts)
    catch_up(conn)  # the re-parsed results' words (the old ones left the index with their rows)
    return counts


def _reparse(conn, now, batch_size, analyze, settings, progress, message_ids, why, counts: ReparseCounts) -> None:
    chosen = sorted(set(message_ids)) if message_ids is not None else None
    last_id = 0
    while True:
        with transaction(conn):
            if chosen is None:
                ids = [r[0] for r in conn.execute(
                    "SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT ?", (last_id, batch_size))]  # fmt: skip
            else:
                ids = [i for i in chosen if i > last_id][:batch_size]
            if not ids:
                break
            _reparse_batch(conn, ids, now, analyze, settings, counts, why)
        last_id = ids[-1]
        if progress:
            progress(counts)


def _reparse_batch(conn, ids: list[int], now: int, analyze, settings: PolicySettings, counts: ReparseCounts,
                   why: str = REPARSE_WHY) -> None:
    marks = ",".join("?" * len(ids))
    old_results: dict[int, list[dict]] = {i: [] for i in ids}
    for row in conn.execute(
        f"SELECT id, message_id, account_id, recipient_id, review, provider, listing, {', '.join(_CMP)} FROM results"
        f" WHERE message_id IN ({marks})"
        " ORDER BY message_id, idx",
        ids,
    ):
        old_results[row["message_id"]].append(dict(row))
    rollup: Counter = Counter()
    prollup: Counter = Counter()  # provider_daily; old rows without a provider were never counted there
    receivers = receivers_for(conn)
    alerts: Counter = Counter()
    affected: set[str] = set()
    new_rows: list[tuple] = []  # result rows without their id and recipient id
    drop_ids: list[int] = []
    next_res = conn.execute("SELECT coalesce(max(id), 0) FROM results").fetchone()[0] + 1
    sent = SentIndex(conn)
    for m in conn.execute(
        f"SELECT m.id, m.received_at, m.account_id, {', '.join('m.' + f for f in _MSG_FIELDS)}, r.data"
        f" FROM messages m JOIN raw_messages r ON r.message_id = m.id WHERE m.id IN ({marks}) ORDER BY m.id",
        ids,
    ).fetchall():
        counts.messages += 1
        mid, received, account = m["id"], m["received_at"], m["account_id"]
        analysis = analyze(decompress_raw(m["data"]))
        values = message_row(analysis)._asdict()
        fresh = []
        old = old_results[mid]
        decided = {(r["email"], r["kind"]): r["review"] for r in old if r["review"] in (REVIEW_TRUSTED, REVIEW_DISMISSED)}
        msg_row = MessageRow(**values)
        for idx, row in enumerate(result_rows(analysis), start=1):
            r = row._asdict()
            r["at"] = result_time(r.pop("happened"), received)
            r["idx"] = idx
            ev, review = judge_result(sent, msg_row, r["email"], _observation(r, received), settings)
            r.update(trust=ev.trust, review=decided.get((r["email"], r["kind"]), review), sent_id=ev.sent_id,
                     evidence=ev.code)
            r["provider"], r["listing"] = result_keys(r["domain"], r["remote_mta"], r["side"], r["reason"], r["status"],
                                                      r["diagnostic"], receivers)  # fmt: skip
            r["linked"] = bool(r["email"]) and (acts_alone(ev.trust, settings.trust) or r["review"] == REVIEW_TRUSTED)
            fresh.append(r)
        counts.results_before += len(old)
        counts.results_after += len(fresh)
        same_results = [tuple(r[c] for c in _CMP) for r in old] == [tuple(r[c] for c in _CMP) for r in fresh]
        if same_results and all(m[k] == values[k] for k in _MSG_FIELDS):
            continue
        counts.changed += 1
        conn.execute(
            f"UPDATE messages SET {', '.join(k + ' = ?' for k in _MSG_FIELDS)}, parsed_at = ? WHERE id = ?",
            (*values.values(), now, mid),
        )
        if m["outcome"] == "unparseable":
            rollup[(received // DAY, "unparseable", "", "")] -= 1
        if values["outcome"] == "unparseable":
            rollup[(received // DAY, "unparseable", "", "")] += 1
        if same_results:
            continue
        for sign, rows in ((-1, old), (1, fresh)):
            for r in rows:
                rollup[(r["at"] // DAY, r["kind"], r["reason"] or "", r["domain"])] += sign
                if r["provider"] is not None:
                    prollup[(r["at"] // DAY, r["provider"], r["kind"], r["reason"] or "", r["listing"])] += sign  # fmt: skip
                obs = _observation(r)
                if machine.decide(obs, settings) == "sender-alert":
                    alerts[(account or 0, r["reason"] or r["status"] or "unknown", r["at"])] += sign
                if r["email"] and (r.get("linked") or r.get("recipient_id")):
                    affected.add(r["email"])
        drop_ids += [r["id"] for r in old]
        for r in fresh:
            new_rows.append((next_res, mid, r, account))
            next_res += 1

    if drop_ids:
        conn.executemany("DELETE FROM results WHERE id = ?", [(i,) for i in drop_ids])
    if new_rows or affected:
        recs = load_batch_recipients(conn, affected, now)
        save_batch_recipients(conn, [r for r in recs.values() if r.new], now, settings)  # ids for new addresses
        insert_results(conn, [
            (rid, mid, r["idx"], r["kind"], recs[r["email"]].id if r["linked"] else None, r["email"], r["domain"],
             r["action"], r["status"], r["status_source"], r["reply_code"], r["reason"], r["hard"], r["side"],
             r["action_hint"], r["diagnostic"], r["remote_mta"], r["reporting_mta"], r["feedback_type"],
             r["return_at"], r["at"], account, r["trust"], r["review"], r["sent_id"], r["evidence"], r["provider"],
             r["listing"])
            for rid, mid, r, account in new_rows
        ])  # fmt: skip
        counts.recipients += rebuild_recipients(conn, [r.id for r in recs.values()], now, settings, why=why,
                                                changes=counts.changes)
    write_rollup(conn, rollup.items(), sign=1)
    write_provider_rollup(conn, prollup.items())
    _adjust_alerts(conn, alerts)


def _observation(r, received_at: int | None = None) -> Observation:
    """A stored (or freshly parsed) result as the policy sees it; `received_at` makes old news history."""
    return Observation(r["kind"], r["at"], r["status"], r["reason"], bool(r["hard"]), r["side"], r["action_hint"],
                       r["return_at"], received_at)  # fmt: skip


def _adjust_alerts(conn: sqlite3.Connection, alerts: Counter) -> None:
    for (account, reason, at), n in alerts.items():
        if n > 0:
            conn.execute(
                "INSERT INTO sender_alerts(account_id, reason, count, first_at, last_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(account_id, reason) DO UPDATE SET count = count + excluded.count,"
                " first_at = min(first_at, excluded.first_at), last_at = max(last_at, excluded.last_at)",
                (account, reason, n, at, at),
            )
        elif n < 0:
            conn.execute(
                "UPDATE sender_alerts SET count = count + ? WHERE account_id = ? AND reason = ?", (n, account, reason)
            )
    conn.execute("DELETE FROM sender_alerts WHERE count <= 0")


def rebuild_recipients(conn: sqlite3.Connection, ids: list[int], now: int, settings: PolicySettings, *,
                       why: str = REPARSE_WHY, changes: list[StateChange] | None = None) -> int:
    """Recompute recipients from their stored results and replayed user actions; returns how many changed state.

    A changed state is logged as a `reparse` event, so the timeline explains it.
    """
    changed = 0
    recs: list[BatchRecipient] = []
    for rid in ids:
        row = conn.execute("SELECT * FROM recipients WHERE id = ?", (rid,)).fetchone()
        if row is None:
            continue
        before = state_from_row(row)
        results = conn.execute(
            "SELECT r.id, r.kind, r.at, r.status, r.reason, r.hard, r.side, r.action_hint, r.return_at, r.account_id,"
            " m.received_at FROM results r JOIN messages m ON m.id = r.message_id"
            " WHERE r.recipient_id = ? ORDER BY r.at, r.id",
            (rid,),
        ).fetchall()
        marks = ",".join("?" * len(REPLAYED_ACTIONS))
        actions = conn.execute(
            f"SELECT action, at FROM events WHERE recipient_id = ? AND actor != ? AND actor != 'reparse'"
            f" AND undone_by IS NULL AND undoes IS NULL AND (action IN ({marks})"
            f" OR (actor = ? AND action = ? AND why LIKE ?)) ORDER BY id",  # a reply: no result holds it
            (rid, POLICY_ACTOR, *REPLAYED_ACTIONS, RECOVERY_ACTOR, E_RECOVERED, REPLIED + "%"),
        ).fetchall()
        items: list = [_observation(r, r["received_at"]) for r in results]
        items += [UserEvent(a, at) for a, at in actions]
        state = machine.replay(items, now, settings)
        rec = blank_recipient(rid, row["email"], state, min([r["at"] for r in results], default=row["first_seen_at"]))
        for r in results:
            note_result(rec, r["kind"], bool(r["hard"]), r["status"], r["reason"], r["at"], r["id"], r["account_id"])
        rec.changed = True
        recs.append(rec)
        if state != before:
            changed += 1
            log_event(conn, at=now, recipient_id=rid, actor="reparse", action="reparse", why=why, before=before,
                      after=state)
            if changes is not None:
                changes.append(StateChange(rid, row["email"], before.state, state.state))
    save_batch_recipients(conn, recs, now, settings)
    return changed
