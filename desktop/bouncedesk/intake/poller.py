"""The IMAP poller put together: accounts from the store, secrets from the keyring, mail into ingest.

`bouncedesk.mail` knows IMAP and nothing of the store; `bouncedesk.intake.ingest` knows the store and
nothing of IMAP. This module joins them (it sits beside ingest and actions), and is the one API
both the CLI (`bouncedesk account`, `bouncedesk sync`) and the GUI call:

    add_account / update_account_settings / remove_account / list_accounts / load_account
    check_account(...)       connect, log in, list folders, report capabilities
    sync_accounts(...)       one pass over every (or one) account: progress callback, cancel Event
    watch(...)               IDLE/polling loop until cancelled
    sent_folder_fetcher(...) the OriginalFetcher for retries (Sent folder by Message-ID)
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from bouncedesk import store
from bouncedesk.accounts.registry import (
    TokenProviderFactory,
    credentials_for,
    list_accounts,
    load_account,
)
from bouncedesk.act.review import recheck_pending
from bouncedesk.dsn.reply import ReplyHeader
from bouncedesk.dsn.sentmail import SentHeader
from bouncedesk.errors import InputError
from bouncedesk.intake.ingest import Ingestor
from bouncedesk.intake.parsepool import ParsePool, Pending
from bouncedesk.intake.rows import PreparedMessage, content_hash, imap_incoming, prepare_message
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.backoff import Backoff
from bouncedesk.mail.endpoint import Credentials
from bouncedesk.mail.imap import FetchedMessage
from bouncedesk.mail.secrets import SecretStore
from bouncedesk.mail.sent import SentFolderFetcher
from bouncedesk.mail.sync import (
    AccountReport,
    BatchResult,
    FolderState,
    ProgressCallback,
    SyncOptions,
    sync_account,
    wall_clock,
)
from bouncedesk.mail.watch import WatchOptions, watch_account
from bouncedesk.store.recovery import recover_by_replies

log = logging.getLogger(__name__)

# Result kinds whose message may go to the processed folder: machine reports about delivery.
# Auto-replies ("out of office") stay where they are: a person may want to read them.
MOVABLE_KINDS = frozenset({"bounce", "delay", "complaint", "delivered"})
# folder_state key suffix of the Sent folder's header position (beside store.sent_position_key's
# count position): a tab, which no real folder name has.
SENT_HEADERS_SUFFIX = "\tsent-headers"

# Batches with fewer new messages than this are parsed in this process: starting worker
# processes and handing messages over costs more than it saves for a few.
PARALLEL_FROM = 100



# --- sync ----------------------------------------------------------------------------------------

class StoreSyncTarget:
    """`SyncTarget` over the store: ingest + folder position in one transaction per batch.

    Messages are parsed before the write transaction starts, so the store's write lock is held
    only for the short write and the GUI's own writes never wait for a batch to be parsed. A
    batch announced through `prepare` is parsed in worker processes (`bouncedesk.intake.parsepool`)
    while this process stores the batch before it and downloads the one after it.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ingestor = Ingestor(conn)
        self._ids: dict[str, int] = {}
        self._pool: ParsePool | None = None
        # Batches `prepare` has seen: the new messages by hash, and the workers' job if any.
        self._ahead: dict[tuple[int, ...], tuple[dict[bytes, bytes], Pending | None]] = {}
        self._digests: dict[int, bytes] = {}  # uid -> content hash, worked out by `prepare`
        self._rechecked: set[str] = set()  # accounts whose pending reviews were judged again

    def prepare(self, messages: Sequence[FetchedMessage]) -> None:
        """Start parsing (elsewhere) the messages of a coming batch that the store does not hold."""
        todo = self._unknown(messages)
        pending = None
        if len(todo) >= PARALLEL_FROM:  # a few are parsed here: a hand-over would cost more
            if self._pool is None:
                self._pool = ParsePool()
                self._pool.start()
            if self._pool.ready:  # while the workers boot, commit_batch parses batches itself
                pending = self._pool.submit(list(todo.values()))
        self._ahead[tuple(m.uid for m in messages)] = (todo, pending)

    def _unknown(self, messages: Sequence[FetchedMessage]) -> dict[bytes, bytes]:
        """Content hash -> bytes of the messages the store does not hold yet."""
        hashes = {}
        for m in messages:
            digest = self._digests[m.uid] = content_hash(m.data)
            hashes[digest] = m.data
        known = self.ingestor.known_hashes(set(hashes))
        return {h: d for h, d in hashes.items() if h not in known}

    def _ready(self, messages: Sequence[FetchedMessage]) -> dict[bytes, PreparedMessage]:
        """The batch's new messages parsed: by the workers if `prepare` sent them, else here."""
        todo, pending = self._ahead.pop(tuple(m.uid for m in messages), None) or (self._unknown(messages), None)
        if pending is not None:
            return dict(zip(todo, pending.result(), strict=True))
        return {h: prepare_message(d) for h, d in todo.items()}

    def release(self) -> None:
        """A folder is done (or failed): end the workers; the next big batch starts them again."""
        self._ahead.clear()
        self._digests.clear()
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def account_id(self, name: str) -> int:
        if name not in self._ids:
            row = store.get_account(self.conn, name)
            if row is None:
                raise InputError(f"no account named {name!r}")
            self._ids[name] = row.id
        return self._ids[name]

    def folder_state(self, account: str, folder: str) -> FolderState | None:
        st = store.get_folder_state(self.conn, self.account_id(account), folder)
        if st is None or st.uidvalidity is None:
            return None
        return FolderState(int(st.uidvalidity), int(st.last_uid))

    def commit_batch(
        self,
        account: str,
        folder: str,
        uidvalidity: int,
        last_uid: int,
        messages: Sequence[FetchedMessage],
        now: int,
        *,
        move: bool = False,
        replies: Sequence[ReplyHeader] = (),
    ) -> BatchResult:
        aid = self.account_id(account)
        ready = self._ready(messages)  # before the write lock: the GUI's writes never wait for parsing
        items = [imap_incoming(aid, folder, uidvalidity, m.uid, m.data, self._digests.pop(m.uid, None))
                 for m in messages]  # fmt: skip
        with store.transaction(self.conn):
            result = self.ingestor.ingest_batch(items, now, ready=ready) if items else None
            movable, new_bounces = [], 0
            for m, item in zip(messages, result.items if result else [], strict=True):
                if item.is_report and MOVABLE_KINDS.intersection(item.kinds):
                    new_bounces += item.new
                    if not m.filed:  # copied to the processed folder already (a COPY server)
                        movable.append(m.uid)
            if move and movable:
                store.add_pending_moves(self.conn, aid, folder, uidvalidity, movable)
            recovered = recover_by_replies(self.conn, replies, now, self.ingestor.settings).recovered if replies else 0
            store.save_folder_state(self.conn, aid, folder, uidvalidity, last_uid, now)
        if result is None:
            return BatchResult(recovered=recovered)
        return BatchResult(result.counts.new, result.counts.duplicates, movable, new_bounces, recovered)

    def unmoved(self, account: str, folder: str, uidvalidity: int) -> list[int]:
        return store.pending_moves(self.conn, self.account_id(account), folder, uidvalidity)

    def moved(self, account: str, folder: str, uidvalidity: int, uids: Sequence[int]) -> None:
        store.clear_pending_moves(self.conn, self.account_id(account), folder, uidvalidity, uids)

    # --- the Sent folder: per-day counts and headers (bouncedesk.mail.sentcount.SentCountTarget) --
    def sent_position(self, account: str, folder: str) -> FolderState | None:
        st = store.get_sent_position(self.conn, self.account_id(account), folder)
        if st is None or st.uidvalidity is None:
            return None
        return FolderState(int(st.uidvalidity), int(st.last_uid))

    def sent_headers_position(self, account: str, folder: str) -> FolderState | None:
        st = store.get_folder_state(self.conn, self.account_id(account), folder + SENT_HEADERS_SUFFIX)
        if st is None or st.uidvalidity is None:
            return None
        return FolderState(int(st.uidvalidity), int(st.last_uid))

    def commit_sent_counts(
        self,
        account: str,
        folder: str,
        uidvalidity: int,
        last_uid: int,
        counts: Mapping[int, int],
        now: int,
        *,
        replace: bool,
        headers: Sequence[SentHeader] = (),
        headers_through: int | None = None,
    ) -> None:
        aid = self.account_id(account)
        with store.transaction(self.conn):
            store.save_sent_counts(self.conn, aid, folder, uidvalidity, last_uid, counts, now, replace=replace,
                                   headers=headers)  # fmt: skip
            through = last_uid if headers_through is None else headers_through
            store.save_folder_state(self.conn, aid, folder + SENT_HEADERS_SUFFIX, uidvalidity, through, now)

    def sent_folder_read(self, account: str, new_headers: int, now: int) -> None:
        """After the Sent step: bounces that came before their sent copy was known are judged again.
        Once per sync, when it brought new sent mail (and once per target, after a crash in between)."""
        if new_headers or account not in self._rechecked:
            self._rechecked.add(account)
            applied = recheck_pending(self.conn, now)
            if applied:
                log.info("%s: %d bounces waiting for review are now tied to sent mail and applied", account, applied)


def sync_accounts(
    conn: sqlite3.Connection,
    secrets: SecretStore | None,
    names: Sequence[str] | None = None,
    *,
    options: SyncOptions | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    clock: Callable[[], int] = wall_clock,
    tokens: TokenProviderFactory | None = None,
    max_reconnects: int = 5,
    backoff: Backoff | None = None,
) -> list[AccountReport]:
    """Sync the named accounts (default: all), one after the other, into the store at `conn`.

    Raises the first AuthError/MailError that a reconnect cannot fix; accounts synced before it
    keep what they stored. Each account's Sent folder is read first: messages per day (the
    bounce rate) and their headers (what we sent, to whom: provenance), never a body; then the
    bounces waiting for review are judged again. Afterwards recipients whose retry went
    unanswered are settled.
    """
    accounts = [load_account(conn, n) for n in names] if names else list_accounts(conn)
    if not accounts:
        raise InputError("no mail account yet: add one with `bouncedesk account add`")
    target = StoreSyncTarget(conn)
    reports = []
    for account in accounts:
        creds = credentials_for(account, secrets, tokens, conn)
        report = sync_account(
            account, creds, target,
            options=options, clock=clock, progress=progress, cancel=cancel, max_reconnects=max_reconnects,
            backoff=backoff, sent_target=target,
        )
        reports.append(report)
        if report.cancelled:
            break
    store.settle_due(conn, clock())
    return reports


def watch(
    conn: sqlite3.Connection,
    secrets: SecretStore | None,
    name: str,
    cancel: threading.Event,
    *,
    options: SyncOptions | None = None,
    watch_options: WatchOptions | None = None,
    progress: ProgressCallback | None = None,
    on_report: Callable[[AccountReport], None] | None = None,
    on_retry: Callable[[Exception, float], None] | None = None,
    clock: Callable[[], int] = wall_clock,
    tokens: TokenProviderFactory | None = None,
    backoff: Backoff | None = None,
) -> None:
    """Keep one account synced until `cancel` is set (run it in its own thread with its own `conn`)."""
    account = load_account(conn, name)
    target = StoreSyncTarget(conn)

    def reported(report: AccountReport) -> None:
        store.settle_due(conn, clock())
        if on_report is not None:
            on_report(report)

    watch_account(
        account, credentials_for(account, secrets, tokens, conn), target, cancel,
        options=options, watch=watch_options, clock=clock, progress=progress,
        on_report=reported, on_retry=on_retry, backoff=backoff, sent_target=target,
    )


def sent_folder_fetcher(
    data_dir: str | Path | None,
    secrets: SecretStore | None,
    tokens: TokenProviderFactory | None = None,
    clock: Callable[[], int] = wall_clock,
) -> SentFolderFetcher:
    """The `OriginalFetcher` for retries. Opens the store briefly per lookup (any thread may call it)."""

    def lookup(name: str) -> tuple[Account, Credentials]:
        conn = store.open_store(data_dir)
        try:
            account = load_account(conn, name)
            return account, credentials_for(account, secrets, tokens, conn)
        finally:
            conn.close()

    return SentFolderFetcher(lookup, clock)
