"""Source → analysis → store → policy: how a message becomes stored results and recipient states.

A message is identified by its source (file path / mbox position, or IMAP account, folder,
UIDVALIDITY and UID) and by the sha256 of its bytes: the same bytes are stored once however
often and from wherever they arrive. A batch is one transaction, so a crash loses at most the
batch in flight and a re-run ends with exactly the counts of an uninterrupted run. A message
that cannot be parsed is stored as `unparseable` with the reason, never dropped.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from bouncedesk.dsn.reply import ReplyHeader, read_reply_header
from bouncedesk.dsn.sentmail import SOURCE_SENT_FOLDER, read_sent_header
from bouncedesk.intake.analysis import Analysis, analyze_message
from bouncedesk.intake.batchwrite import (
    BatchRecipient,
    event_row,
    insert_events,
    insert_results,
    is_logged,
    load_batch_recipients,
    note_result,
    save_batch_recipients,
    write_rollup,
)
from bouncedesk.intake.rows import (
    Incoming,
    MessageRow,
    PreparedMessage,
    content_hash,
    file_incoming,
    prepare_rows,
    result_time,
)
from bouncedesk.intake.sources import iter_paths
from bouncedesk.policy import machine
from bouncedesk.policy.model import Observation
from bouncedesk.policy.provenance import REVIEW_NONE, REVIEW_PENDING, Evidence, acts_alone
from bouncedesk.policy.rules import moves_recipient
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.db import transaction
from bouncedesk.store.providers import receivers_for, result_keys, write_provider_rollup
from bouncedesk.store.recovery import recover_by_replies
from bouncedesk.store.search import catch_up_inline
from bouncedesk.store.sent import SentIndex, add_sent_messages
from bouncedesk.store.settings import load_policy_settings

DAY = 86400
# Messages per transaction of an import. Each batch has fixed costs (the commit, the rollup and
# recipient upserts, id look-ups): 2,000 store for ~25 % less CPU than 500 (measured), and a
# crash still loses at most one batch, which a re-import adds again.
BATCH_SIZE = 2000
BATCH_BYTES = 32 * 1024 * 1024  # ... and at most this many bytes of messages (plus one message)


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


def named_keys(m: MessageRow) -> list[str | None]:
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
        sent.prefetch(k for pm in prep.ready.values() for k in named_keys(pm.message))

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
        counts.recovered = recover_by_replies(conn, replies, now, self.settings, sent).recovered if replies else 0
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

    def _apply_observations(self, recs: dict[str, BatchRecipient], observations: list, now: int) -> None:
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
            if is_logged(t):
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
