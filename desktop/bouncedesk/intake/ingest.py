"""Source → analysis → store → policy: how a message becomes stored results and recipient states.

A message is identified by its source (file path / mbox position, or IMAP account, folder,
UIDVALIDITY and UID) and by the sha256 of its bytes: the same bytes are stored once however
often and from wherever they arrive. A batch is one transaction, so a crash loses at most the
batch in flight and a re-run ends with exactly the counts of an uninterrupted run. A message
that cannot be parsed is stored as `unparseable` with the reason, never dropped.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from bouncedesk.dsn.reply import ReplyHeader, read_reply_header
from bouncedesk.dsn.sentmail import read_sent_header
from bouncedesk.intake.analysis import Analysis, analyze_message
from bouncedesk.intake.sources import RawMessage, iter_paths
from bouncedesk.policy import machine
from bouncedesk.policy.model import E_SENDER_ALERT, Observation, RecipientState, Transition
from bouncedesk.policy.provenance import REVIEW_NONE, REVIEW_PENDING, Evidence, acts_alone
from bouncedesk.policy.recovery import recovery_actor
from bouncedesk.policy.rules import moves_recipient
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.db import transaction
from bouncedesk.store.events import state_to_json
from bouncedesk.store.providers import receivers_for, result_keys, write_provider_rollup
from bouncedesk.store.rawcodec import compress_raw
from bouncedesk.store.recipients import STATE_COLUMNS, state_from_row, state_values
from bouncedesk.store.recovery import recover_by_replies
from bouncedesk.store.search import catch_up_inline
from bouncedesk.store.sent import SOURCE_SENT_FOLDER, SentIndex, add_sent_messages
from bouncedesk.store.settings import load_policy_settings

DAY = 86400
# Messages per transaction of an import. Each batch has fixed costs (the commit, the rollup and
# recipient upserts, id look-ups): 2,000 store for ~25 % less CPU than 500 (measured), and a
# crash still loses at most one batch, which a re-import adds again.
BATCH_SIZE = 2000
BATCH_BYTES = 32 * 1024 * 1024  # ... and at most this many bytes of messages (plus one message)
POLICY_ACTOR = "policy"
# Kinds whose status/reason describe a failure (they set a recipient's last_status/last_reason).
_FAILURE_KINDS = ("bounce", "complaint")
_COUNTER_OF_KIND = {
    "bounce": "bounces",
    "complaint": "complaints",
    "delay": "delays",
    "auto-reply": "auto_replies",
    "delivered": "delivered",
}


@dataclass(slots=True)
class Incoming:
    """One message to ingest and where it came from."""

    data: bytes
    source_key: str  # unique per place: "file:/abs/path#3" or "imap:<account>:<uidvalidity>:<uid>:<folder>"
    account_id: int | None = None
    folder: str | None = None
    uidvalidity: int | None = None
    uid: int | None = None
    path: str | None = None
    digest: bytes | None = None  # content_hash(data), when the caller has it already


def file_incoming(raw: RawMessage) -> Incoming:
    """A message read from a file, mbox or maildir (see bouncedesk.intake.sources)."""
    path = os.path.abspath(raw.path)
    key = f"file:{path}#{raw.position}" if raw.position else f"file:{path}"
    return Incoming(raw.data, key, path=path)


def imap_incoming(account_id: int, folder: str, uidvalidity: int, uid: int, data: bytes,
                  digest: bytes | None = None) -> Incoming:  # fmt: skip
    """A message fetched over IMAP."""
    key = f"imap:{account_id}:{uidvalidity}:{uid}:{folder}"
    return Incoming(data, key, account_id=account_id, folder=folder, uidvalidity=uidvalidity, uid=uid,
                    digest=digest)  # fmt: skip


@dataclass(slots=True)
class ImportCounts:
    """What an import did. `bounces` and `unparseable` count the newly stored messages' results."""

    messages: int = 0  # messages read from the sources
    new: int = 0  # stored now
    duplicates: int = 0  # already in the store (same bytes)
    bounces: int = 0  # bounce results among the new messages
    unparseable: int = 0  # new messages the parser could not read
    results: int = 0  # results of any kind among the new messages
    review: int = 0  # results that wait in Needs review (not tied to mail we sent)
    recovered: int = 0  # recipients a reply among the messages made active again (store.recovery)

    def add(self, other: ImportCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(slots=True)
class ItemOutcome:
    """Per input message: its store id, whether it was new, and what the parser made of it."""

    source_key: str
    message_id: int
    new: bool
    outcome: str  # report | none | unparseable
    kinds: tuple[str, ...] = ()

    @property
    def is_report(self) -> bool:
        """A bounce, delay, complaint, auto-reply or delivery report (IMAP may move these)."""
        return self.outcome == "report"


@dataclass(slots=True)
class BatchResult:
    counts: ImportCounts
    items: list[ItemOutcome] = field(default_factory=list)


def to_epoch(iso: str | None) -> int | None:
    """ISO 8601 (naive means UTC) → epoch seconds; None for None or an unreadable value."""
    if not iso:
        return None
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp())


def happened_at(analysis: Analysis, finding) -> int | None:
    """When a result happened as the message tells: the bounce's Date, else the report's dates."""
    for candidate in (analysis.parsed.date, finding.last_attempt_date, finding.arrival_date):
        t = to_epoch(candidate)
        if t is not None:
            return t
    return None


def result_time(happened: int | None, received_at: int) -> int:
    """When a result happened: as the message tells (`happened_at`, never after we got it), else
    when we got it."""
    return received_at if happened is None else min(happened, received_at)


def clean_recipient(address: str | None) -> str | None:
    if not address:
        return None
    a = address.strip().strip("<>").strip().lower()
    if "@" not in a or len(a.split(None, 1)) != 1:
        return None
    return a


def content_hash(data: bytes) -> bytes:
    """A message's identity in the store: the SHA-256 of its bytes."""
    return hashlib.sha256(data).digest()


def _compress(data: bytes) -> bytes:
    return compress_raw(data)


class MessageRow(NamedTuple):
    """The messages row's columns that come from the message itself (bounce_at to orig_complete)."""

    bounce_at: int | None
    message_id: str | None
    subject: str | None
    sender: str | None
    outcome: str
    format: str
    error: str
    orig_message_id: str | None
    orig_subject: str | None
    orig_to: str | None
    orig_sender: str | None
    orig_date: str | None
    orig_complete: int
    refs: str  # Message-IDs the bounce names in In-Reply-To/References


class ResultRow(NamedTuple):
    """The results row's columns from kind to return_at (recipient_id aside), then `happened`."""

    kind: str
    email: str | None
    domain: str
    action: str
    status: str
    status_source: str
    reply_code: str
    reason: str
    hard: int
    side: str
    action_hint: str
    diagnostic: str
    remote_mta: str
    reporting_mta: str
    feedback_type: str
    return_at: int | None
    happened: int | None  # when it happened as the message tells (see happened_at)


class PreparedMessage(NamedTuple):
    """What the store writes for one new message, worked out without the store: so it can be done
    before the write lock is taken, and in another process (see `bouncedesk.intake.parsepool`). Plain
    tuples: they cross a process boundary four times cheaper than the parser's objects."""

    message: MessageRow
    results: list[ResultRow]
    blob: bytes  # the raw bytes, compressed


def message_row(analysis: Analysis) -> MessageRow:
    """The messages row's columns that come from an analysed message (import and reparse)."""
    p = analysis.parsed
    o = p.original
    return MessageRow(
        to_epoch(p.date), p.message_id, p.subject, p.sender, p.outcome, p.format or "", p.error or "",
        o.message_id if o else None, o.subject if o else None, o.to if o else None, o.sender if o else None,
        o.date if o else None, int(bool(o and o.complete)), p.refs or "",
    )  # fmt: skip


def result_rows(analysis: Analysis) -> list[ResultRow]:
    """The results rows of an analysed message, in order (import and reparse)."""
    rows = []
    for f, v in analysis.results:
        email = clean_recipient(f.recipient)
        rows.append(ResultRow(
            f.kind, email, email.rpartition("@")[2] if email else "", f.action or "", v.status, v.status_source,
            f.reply_code or "", v.reason, int(v.hard), v.side, v.action_hint, f.diagnostic or "", f.remote_mta or "",
            f.reporting_mta or "", f.feedback_type or "", to_epoch(f.return_date), happened_at(analysis, f),
        ))  # fmt: skip
    return rows


def prepare_rows(analysis: Analysis, data: bytes) -> PreparedMessage:
    """The rows of one analysed message (without ids and the times of this import)."""
    return PreparedMessage(message_row(analysis), result_rows(analysis), _compress(data))


def prepare_message(data: bytes) -> PreparedMessage:
    """Parse, classify and compress one message: all the work of storing it that needs no store."""
    return prepare_rows(analyze_message(data), data)


def _named_keys(m: MessageRow) -> list[str | None]:
    """The Message-ID keys a message names (its returned original's and its references)."""
    okey, rkeys = SentIndex.keys_of(m.orig_message_id, m.refs)
    return [okey, *rkeys]


def judge_result(sent: SentIndex, m: MessageRow, email: str | None, obs: Observation,
                 settings: PolicySettings) -> tuple[Evidence, str]:  # fmt: skip
    """A result's evidence and its review state: pending when it would move a recipient but the
    user's trust setting does not let it act by itself (see policy.provenance)."""
    ev = sent.judge(email, obs.at, m.orig_message_id, m.refs, m.orig_sender)
    if acts_alone(ev.trust, settings.trust) or not email or not moves_recipient(obs, settings):
        return ev, REVIEW_NONE
    return ev, REVIEW_PENDING


def _batches(items: Iterable[Incoming], size: int, max_bytes: int) -> Iterator[list[Incoming]]:
    batch: list[Incoming] = []
    held = 0
    for it in items:
        batch.append(it)
        held += len(it.data)
        if len(batch) >= size or held >= max_bytes:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


@dataclass(slots=True)
class _Prepared:
    """A batch hashed, and its unknown messages prepared, before the write."""

    hashes: list[bytes]
    ready: dict[bytes, PreparedMessage]


@dataclass(slots=True)
class _Rec:
    """A recipient being updated within one batch."""

    id: int
    email: str
    new: bool
    state: RecipientState
    counters: dict[str, int]
    last: dict  # last_kind, last_status, last_reason, last_result_id, last_seen_at, last_account_id, last_failure_at
    first_seen_at: int
    changed: bool = False


_REC_COUNTERS = ("bounces", "hard_bounces", "complaints", "delays", "auto_replies", "delivered")
_REC_LAST = ("last_kind", "last_status", "last_reason", "last_result_id", "last_seen_at", "last_account_id",
             "last_failure_at")  # fmt: skip


class Ingestor:
    """Writes batches of messages into one store connection (one per thread)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        *,
        settings: PolicySettings | None = None,
        analyze: Callable[[bytes], Analysis] = analyze_message,
    ) -> None:
        self.conn = conn
        self.settings = settings or load_policy_settings(conn)
        self.analyze = analyze

    # -- public ------------------------------------------------------------------------------

    def ingest_batch(
        self, items: Sequence[Incoming], now: int, *, ready: Mapping[bytes, PreparedMessage] | None = None
    ) -> BatchResult:
        """Store one batch in one transaction (joins the caller's, e.g. IMAP's folder position).

        Parsing and compressing happen before the write lock is taken, so other writers (the
        GUI's actions, another import) wait only for the short write. `ready` maps content
        hashes to messages prepared elsewhere already (see `bouncedesk.intake.parsepool`).
        """
        prepared = self._prepare(items, ready or {})
        with transaction(self.conn):
            stored = self._store(items, prepared, now)
            catch_up_inline(self.conn)  # the batch's words into the search index (bulk, ~1 % of an import)
            return stored

    def ingest_all(
        self,
        items: Iterable[Incoming],
        now: int,
        *,
        batch_size: int = BATCH_SIZE,
        progress: Callable[[ImportCounts], None] | None = None,
    ) -> ImportCounts:
        """Batches of `batch_size` messages or BATCH_BYTES, each committed on its own (memory
        stays flat however big the messages are)."""
        total = ImportCounts()
        for batch in _batches(items, batch_size, BATCH_BYTES):
            total.add(self.ingest_batch(batch, now).counts)
            if progress:
                progress(total)
        return total

    # -- one batch ---------------------------------------------------------------------------

    def _prepare(self, items: Sequence[Incoming], ready: Mapping[bytes, PreparedMessage]) -> _Prepared:
        """Hash every message; prepare those not stored yet (no write lock held). Those in `ready`
        need no look-up here: `_store` checks every message again under the write lock anyway."""
        hashes = [it.digest or content_hash(it.data) for it in items]
        known = self.known_hashes({h for h in hashes if h not in ready})
        todo: dict[bytes, PreparedMessage] = {}
        for it, digest in zip(items, hashes, strict=True):
            if digest not in known and digest not in todo:
                # Per message (not per batch) so one message can be read back on its own. A thread
                # does not help here: a GIL hand-over per message costs more than it saves.
                todo[digest] = ready.get(digest) or prepare_rows(self.analyze(it.data), it.data)
        return _Prepared(hashes, todo)

    def _store(self, items: Sequence[Incoming], prep: _Prepared, now: int) -> BatchResult:
        conn = self.conn
        counts = ImportCounts(messages=len(items))
        # Checked again under the write lock: another writer may have stored some meanwhile.
        known = self.known_hashes(set(prep.hashes))
        next_msg = conn.execute("SELECT coalesce(max(id), 0) FROM messages").fetchone()[0] + 1
        next_res = conn.execute("SELECT coalesce(max(id), 0) FROM results").fetchone()[0] + 1

        msg_rows: list[tuple] = []
        raw_rows: list[tuple] = []
        res_rows: list[tuple] = []
        source_rows: list[tuple] = []
        observations: list[tuple[str, Observation, int, int | None, tuple]] = []
        rollup: Counter = Counter()
        prollup: Counter = Counter()  # provider_daily: (day, provider, kind, reason, listing)
        receivers = receivers_for(conn)
        alerts: dict[tuple[int, str], list] = {}
        outcomes: list[ItemOutcome] = []
        replies: list[ReplyHeader] = []  # ordinary mail that answers something: may recover a recipient
        sent = SentIndex(conn)
        sent.prefetch(k for pm in prep.ready.values() for k in _named_keys(pm.message))

        for it, digest in zip(items, prep.hashes, strict=True):
            mid = known.get(digest)
            if mid is not None:
                counts.duplicates += 1
                outcome, kinds = mid[1], mid[2]
                outcomes.append(ItemOutcome(it.source_key, mid[0], False, outcome, kinds))
                source_rows.append(self._source_row(it, mid[0], now))
                continue
            mid = next_msg
            next_msg += 1
            pm = prep.ready.get(digest) or prepare_rows(self.analyze(it.data), it.data)
            outcome = pm.message.outcome
            counts.new += 1
            if outcome == "unparseable":
                counts.unparseable += 1
                rollup[(now // DAY, "unparseable", "", "")] += 1
            elif outcome == "none" and pm.message.refs and (reply := read_reply_header(it.data)) is not None:
                replies.append(reply)
            msg_rows.append((mid, digest, it.source_key, it.account_id, now, *pm.message, len(it.data), now))
            raw_rows.append((mid, pm.blob))
            source_rows.append(self._source_row(it, mid, now))
            kinds = []
            for idx, r in enumerate(pm.results, start=1):
                rid = next_res
                next_res += 1
                at = result_time(r.happened, now)
                hard = bool(r.hard)
                obs = Observation(r.kind, at, r.status, r.reason, hard, r.side, r.action_hint, r.return_at, now)
                ev, review = judge_result(sent, pm.message, r.email, obs, self.settings)
                # `happened` becomes `at`; the recipient id is filled in after the recipients are saved
                prov, lst = result_keys(r.domain, r.remote_mta, r.side, r.reason, r.status, r.diagnostic, receivers)
                res_rows.append((rid, mid, idx, *r[:-1], at, it.account_id, ev.trust, review, ev.sent_id, ev.code,
                                 prov, lst))  # fmt: skip
                prollup[(at // DAY, prov, r.kind, r.reason or "", lst)] += 1
                kinds.append(r.kind)
                counts.results += 1
                if r.kind == "bounce":
                    counts.bounces += 1
                if review == REVIEW_PENDING:
                    counts.review += 1
                rollup[(at // DAY, r.kind, r.reason or "", r.domain)] += 1
                if r.email and acts_alone(ev.trust, self.settings.trust):
                    observations.append((r.email, obs, rid, it.account_id, (r.kind, hard, r.status, r.reason)))
                if machine.decide(obs, self.settings) == "sender-alert":
                    key = (it.account_id or 0, r.reason or r.status or "unknown")
                    a = alerts.setdefault(key, [0, at, at, rid])
                    a[0] += 1
                    a[1] = min(a[1], at)
                    if at >= a[2]:
                        a[2], a[3] = at, rid
            known[digest] = (mid, outcome, tuple(kinds))
            outcomes.append(ItemOutcome(it.source_key, mid, True, outcome, tuple(kinds)))

        self._write(msg_rows, raw_rows, source_rows)
        recs = load_batch_recipients(conn, {o[0] for o in observations}, now)
        self._apply_observations(recs, observations, now)  # writes recipients before their results
        if res_rows:
            linked = {o[2] for o in observations}  # only results that act are tied to a recipient
            insert_results(conn, [(*r[:4], recs[r[4]].id if r[0] in linked else None, *r[4:]) for r in res_rows])
        write_rollup(conn, rollup.items(), sign=1)
        write_provider_rollup(conn, prollup.items())
        self._write_alerts(alerts)
        counts.recovered = recover_by_replies(conn, replies, now, self.settings).recovered if replies else 0
        return BatchResult(counts, outcomes)

    def known_hashes(self, hashes: set[bytes]) -> dict[bytes, tuple[int, str, tuple[str, ...]]]:
        """Stored messages among these hashes: hash → (id, outcome, result kinds)."""
        if not hashes:
            return {}
        hs = list(hashes)
        found: dict[bytes, tuple[int, str, tuple[str, ...]]] = {}
        for i in range(0, len(hs), 500):
            chunk = hs[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT m.content_hash, m.id, m.outcome, group_concat(r.kind) FROM messages m"
                f" LEFT JOIN results r ON r.message_id = m.id WHERE m.content_hash IN ({marks}) GROUP BY m.id",
                chunk,
            )
            for h, mid, outcome, kinds in rows:
                found[h] = (mid, outcome, tuple(kinds.split(",")) if kinds else ())
        return found

    @staticmethod
    def _source_row(it: Incoming, mid: int, now: int) -> tuple:
        return (it.source_key, mid, it.account_id, it.folder, it.uidvalidity, it.uid, it.path, now)

    def _write(self, msg_rows, raw_rows, source_rows) -> None:
        c = self.conn
        if msg_rows:
            c.executemany(
                "INSERT INTO messages(id, content_hash, source_key, account_id, received_at, bounce_at, message_id,"
                " subject, sender, outcome, format, error, orig_message_id, orig_subject, orig_to, orig_sender,"
                " orig_date, orig_complete, refs, raw_size, parsed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                msg_rows,
            )
            c.executemany("INSERT INTO raw_messages(message_id, data) VALUES (?, ?)", raw_rows)
        if source_rows:
            c.executemany(
                "INSERT OR REPLACE INTO message_sources(source_key, message_id, account_id, folder, uidvalidity,"
                " uid, path, seen_at) VALUES (?,?,?,?,?,?,?,?)",
                source_rows,
            )

    # -- recipients and policy ---------------------------------------------------------------

    def _apply_observations(self, recs: dict[str, _Rec], observations: list, now: int) -> None:
        if not observations:
            return
        # Per recipient in time order (stable: the input order breaks ties).
        observations.sort(key=lambda o: (o[0], o[1].at))
        events: list[tuple] = []
        for email, obs, rid, account_id, (kind, hard, status, reason) in observations:
            rec = recs[email]
            before = rec.state
            t = machine.apply_observation(before, obs, now, self.settings)
            rec.state = t.state
            note_result(rec, kind, hard, status, reason, obs.at, rid, account_id)
            if _loggable(t):
                events.append(event_row(obs.at if obs.at <= now else now, rec.id, before, t, rid))
        save_batch_recipients(self.conn, recs.values(), now, self.settings)
        insert_events(self.conn, events)

    def _write_alerts(self, alerts: dict[tuple[int, str], list]) -> None:
        if not alerts:
            return
        self.conn.executemany(
            "INSERT INTO sender_alerts(account_id, reason, count, first_at, last_at, last_result_id)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(account_id, reason) DO UPDATE SET"
            " count = count + excluded.count, first_at = min(first_at, excluded.first_at),"
            " last_result_id = CASE WHEN excluded.last_at >= last_at THEN excluded.last_result_id ELSE last_result_id END,"
            " last_at = max(last_at, excluded.last_at)",
            [(acc, reason, n, first, last, rid) for (acc, reason), (n, first, last, rid) in alerts.items()],
        )


# --- helpers shared with reparse --------------------------------------------------------------

_RESULT_COLUMNS = (
    "id, message_id, idx, kind, recipient_id, email, domain, action, status, status_source, reply_code, reason, hard,"
    " side, action_hint, diagnostic, remote_mta, reporting_mta, feedback_type, return_at, at, account_id,"
    " trust, review, sent_id, evidence, provider, listing"
)


def insert_results(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    """Insert result rows, in the order of _RESULT_COLUMNS."""
    conn.executemany(f"INSERT INTO results({_RESULT_COLUMNS}) VALUES ({','.join('?' * 28)})", rows)


def _loggable(t: Transition) -> bool:
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


def load_batch_recipients(conn: sqlite3.Connection, emails: set[str], now: int) -> dict[str, _Rec]:
    """The batch's recipients from the store; new ones get ids and a fresh active state."""
    recs: dict[str, _Rec] = {}
    cols = ("id", "email", *STATE_COLUMNS, *_REC_COUNTERS, *_REC_LAST, "first_seen_at")
    em = list(emails)
    for i in range(0, len(em), 500):
        chunk = em[i : i + 500]
        for row in conn.execute(
            f"SELECT {', '.join(cols)} FROM recipients WHERE email IN ({','.join('?' * len(chunk))})", chunk
        ):
            d = dict(zip(cols, row, strict=True))
            st = state_from_row(d)
            recs[d["email"]] = _Rec(
                d["id"], d["email"], False, st, {c: d[c] for c in _REC_COUNTERS}, {c: d[c] for c in _REC_LAST},
                d["first_seen_at"],
            )
    next_id = conn.execute("SELECT coalesce(max(id), 0) FROM recipients").fetchone()[0] + 1
    for email in sorted(emails - recs.keys()):
        recs[email] = _Rec(next_id, email, True, RecipientState(), dict.fromkeys(_REC_COUNTERS, 0),
                           dict.fromkeys(_REC_LAST), now)  # fmt: skip
        next_id += 1
    return recs


def note_result(rec: _Rec, kind: str, hard: bool, status: str, reason: str, at: int, rid: int,
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


def save_batch_recipients(conn: sqlite3.Connection, recs: Iterable[_Rec], now: int, settings: PolicySettings) -> None:
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


def iter_incoming(paths: list[str]) -> Iterator[Incoming]:
    for raw in iter_paths(paths):
        yield file_incoming(raw)


def import_paths(
    conn: sqlite3.Connection,
    paths: list[str],
    now: int,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[ImportCounts], None] | None = None,
    analyze: Callable[[bytes], Analysis] = analyze_message,
) -> ImportCounts:
    """Import files, mbox files, maildirs and directories; returns the counts.

    InputError (before anything is stored) for a missing or unreadable path.
    """
    from bouncedesk.store.recipients import settle_due

    ingestor = Ingestor(conn, analyze=analyze)
    counts = ingestor.ingest_all(iter_incoming(paths), now, batch_size=batch_size, progress=progress)
    settle_due(conn, now, ingestor.settings)
    return counts



def import_sent_paths(conn: sqlite3.Connection, paths: list[str], account_id: int = 0) -> int:
    """Record the messages in these files, mbox files or maildirs as mail we sent (headers only);
    returns how many were new. For users whose Sent folder is a file rather than an IMAP folder."""
    new = 0
    batch = []
    for raw in iter_paths(paths):
        header = read_sent_header(raw.data)
        if header is not None:
            batch.append(header)
        if len(batch) >= 2000:
            new += add_sent_messages(conn, account_id, batch, source=SOURCE_SENT_FOLDER)
            batch = []
    return new + add_sent_messages(conn, account_id, batch, source=SOURCE_SENT_FOLDER)
