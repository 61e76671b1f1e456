"""Incremental, resumable sync of IMAP folders into a store, one batch at a time.

Per folder the store keeps (UIDVALIDITY, last UID). A sync lists the UIDs above that, reads a
few header fields of each batch, downloads whole only the messages that may be bounces, and
hands them to the `SyncTarget`, which stores them *and* the new position in one transaction.
So an interruption (crash, cancel, lost connection) loses at most the batch in flight, and the
next run starts after the last committed batch. A changed UIDVALIDITY means the UIDs mean
nothing any more: the folder is read again from the start, and the store's content hash keeps
that from creating duplicates. Memory stays flat: the pipeline (see `_sync_units`) holds
three units at most (one being stored, one being parsed, one being downloaded), each one
batch of headers and at most `max_batch_bytes` of bodies.

This module does not import the store or the ingest: the caller passes a `SyncTarget`
(see `bouncedesk.intake.poller` for the real one), so the mail layer stays below them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from bouncedesk.clock import wall_clock
from bouncedesk.dsn.reply import REPLY_FIELDS, ReplyHeader, reply_header
from bouncedesk.errors import AuthError, MailError
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.backoff import Backoff
from bouncedesk.mail.endpoint import CertificateError, Credentials, ImapNetworkError
from bouncedesk.mail.imap import FetchedMessage, HeaderInfo, ImapSession, connect
from bouncedesk.mail.position import FolderState
from bouncedesk.mail.prefilter import PREFILTER_FIELDS, may_be_bounce

if TYPE_CHECKING:
    from bouncedesk.mail.sentcount import SentCountReport, SentCountTarget

log = logging.getLogger(__name__)


@dataclass
class BatchResult:
    """What the store made of one batch."""

    new: int = 0
    duplicates: int = 0
    bounce_uids: list[int] = field(default_factory=list)  # recognized bounces (the ones that may be moved)
    new_bounces: int = 0  # of the new messages, how many are recognized bounces
    recovered: int = 0  # recipients a reply among the skipped mail made active again


class SyncTarget(Protocol):
    """Where synced messages go. `commit_batch` must store the messages and the folder position
    together (one transaction): that is what makes a sync resumable without loss or doubles."""

    def folder_state(self, account: str, folder: str) -> FolderState | None: ...

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
        """With `move`, the recognized bounces are also noted as to be moved, in the same
        transaction, until `moved` confirms them: a sync cut off before the MOVE does it next time.
        `replies`: header fields of ordinary mail the prefilter skipped that answer some message
        (a reply to our mail may recover a recipient, see bouncedesk.store.recovery)."""
        ...

    def unmoved(self, account: str, folder: str, uidvalidity: int) -> list[int]:
        """UIDs noted by `commit_batch(move=True)` and not confirmed by `moved` yet."""
        ...

    def moved(self, account: str, folder: str, uidvalidity: int, uids: Sequence[int]) -> None: ...

    def prepare(self, messages: Sequence[FetchedMessage]) -> None:
        """A head start: these messages come to `commit_batch` next but one (it may do nothing)."""

    def release(self) -> None:
        """The folder is done, or failed: free whatever `prepare` started."""


@dataclass(frozen=True)
class SyncProgress:
    """Messages looked at so far in one folder, of those this run has to look at."""

    account: str
    folder: str
    done: int
    total: int


ProgressCallback = Callable[[SyncProgress], None]


@dataclass
class SyncOptions:
    batch_size: int = 500  # UIDs per header fetch and per store transaction (at most)
    max_batch_bytes: int = 16 * 1024 * 1024  # bodies held in memory at once (at most, plus one message)
    prefilter: bool = True  # False: download every message whole
    move_bounces: bool = True  # move recognized bounces to the account's processed folder, if it has one
    read_replies: bool = True  # also read the reply fields of skipped mail (recovery), in the same fetch


@dataclass
class FolderReport:
    account: str
    folder: str
    uidvalidity: int = 0
    total: int = 0  # messages this run had to look at
    checked: int = 0  # looked at (headers read, or found gone meanwhile)
    fetched: int = 0  # downloaded whole
    new: int = 0  # new to the store
    duplicates: int = 0  # already in the store (same content)
    bounces: int = 0  # recognized bounces among the fetched
    new_bounces: int = 0  # recognized bounces new to the store
    moved: int = 0  # moved (or copied) to the processed folder
    recovered: int = 0  # recipients made active again by a reply to our mail
    resynced: bool = False  # UIDVALIDITY changed: read from the start
    cancelled: bool = False
    complete: bool = False
    error: str = ""  # the server refused this folder (e.g. it does not exist); the others go on

    def add(self, other: FolderReport) -> None:
        """Add another folder's counts (for account totals)."""
        for name in ("total", "checked", "fetched", "new", "duplicates", "bounces", "new_bounces", "moved",
                     "recovered"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.resynced = self.resynced or other.resynced
        self.cancelled = self.cancelled or other.cancelled


@dataclass
class AccountReport:
    account: str
    folders: list[FolderReport] = field(default_factory=list)
    reconnects: int = 0
    cancelled: bool = False
    sent: SentCountReport | None = None  # the Sent folder's per-day count, when one was asked for

    def folder(self, name: str) -> FolderReport | None:
        return next((f for f in self.folders if f.folder == name), None)

    @property
    def totals(self) -> FolderReport:
        t = FolderReport(self.account, "*")
        for f in self.folders:
            t.add(f)
        t.complete = bool(self.folders) and all(f.complete for f in self.folders)
        return t


def _chunks(seq: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _body_groups(candidates: Sequence[HeaderInfo], max_bytes: int, max_count: int) -> Iterator[list[int]]:
    """Split candidate UIDs (ascending) into groups whose total size stays under `max_bytes`."""
    group: list[int] = []
    size = 0
    for h in candidates:
        if group and (size + h.size > max_bytes or len(group) >= max_count):
            yield group
            group, size = [], 0
        group.append(h.uid)
        size += h.size
    if group:
        yield group


def sync_folder(
    session: ImapSession,
    account: Account,
    folder: str,
    target: SyncTarget,
    *,
    options: SyncOptions | None = None,
    clock: Callable[[], int] = wall_clock,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    report: FolderReport | None = None,
) -> FolderReport:
    """Bring one folder's new messages into the target; see the module docstring for the rules.

    Pass the `report` of an interrupted earlier attempt to keep counting in it (after a reconnect).
    """
    opts = options or SyncOptions()
    move_to = account.processed_folder if opts.move_bounces else None
    report = report if report is not None else FolderReport(account.name, folder)
    report.cancelled = report.complete = False
    base = report.checked
    info = session.select(folder, readonly=move_to is None)
    report.uidvalidity = info.uidvalidity
    state = target.folder_state(account.name, folder)
    start = 1
    if state is not None:
        if state.uidvalidity == info.uidvalidity:
            start = state.last_uid + 1
        else:
            report.resynced = True
            log.info(
                "%s/%s: UIDVALIDITY changed (%s -> %s); reading the folder again (no duplicates: by content)",
                account.name, folder, state.uidvalidity, info.uidvalidity,
            )
    if info.exists == 0 or (info.uidnext is not None and start >= info.uidnext and not report.resynced):
        uids: list[int] = []
    else:
        uids = session.uids_from(start)
    report.total = base + len(uids)
    if progress:
        progress(SyncProgress(account.name, folder, base, report.total))
    if not uids and (state is None or report.resynced):
        # Record the (new) UIDVALIDITY so the next run is incremental even for an empty folder.
        target.commit_batch(account.name, folder, info.uidvalidity, 0, [], clock())
    left = target.unmoved(account.name, folder, info.uidvalidity) if move_to else []
    if move_to and (uids or left) and not session.folder_exists(move_to):
        session.create_folder(move_to)
    if move_to and left:  # stored by a sync that was cut off before it could move them
        session.move(left, move_to)
        target.moved(account.name, folder, info.uidvalidity, left)
        report.moved += len(left)

    try:
        _sync_units(session, account.name, folder, info.uidvalidity, _units(session, uids, opts), target,
                    report, move_to, clock, progress, cancel)
    finally:
        target.release()
    if report.cancelled:
        return report
    report.complete = True
    return report


def _sync_units(
    session: ImapSession,
    account: str,
    folder: str,
    uidvalidity: int,
    units: Iterator[_Unit],
    target: SyncTarget,
    report: FolderReport,
    move_to: str | None,
    clock: Callable[[], int],
    progress: ProgressCallback | None,
    cancel: threading.Event | None,
) -> None:
    """Store the downloaded units in order, as a pipeline of three stages.

    While this thread stores unit k, a helper thread downloads unit k+2 and the target parses
    unit k+1 (in other processes, see `SyncTarget.prepare`): the network wait and the parsing
    hide behind the writes. Only one thread uses the connection at a time: the helper is
    joined before each move. Recognized bounces of unit k are moved to the processed folder
    (only after their commit) while the pipeline is at unit k+1, and before leaving.
    """
    to_move: list[int] = []

    def move_stored() -> None:
        if move_to and to_move:
            session.move(to_move, move_to)
            target.moved(account, folder, uidvalidity, to_move)
            report.moved += len(to_move)
        to_move.clear()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="imap-prefetch") as pool:
        unit = next(units, None)
        if unit is not None:
            target.prepare(unit.messages)
        ahead = pool.submit(next, units, None)
        while unit is not None:
            try:
                following = ahead.result()  # the connection is free from here on
            except BaseException:
                _commit(target, account, folder, uidvalidity, unit, clock, report, move_to)  # it is downloaded
                raise
            move_stored()
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                return
            if following is not None:
                target.prepare(following.messages)
                ahead = pool.submit(next, units, None)
            try:
                to_move.extend(_commit(target, account, folder, uidvalidity, unit, clock, report, move_to))
            except BaseException:
                _wait_quietly(ahead)
                raise
            if progress and unit.checked:
                progress(SyncProgress(account, folder, report.checked, report.total))
            unit = following
        _wait_quietly(ahead)
        move_stored()


def _commit(
    target: SyncTarget,
    account: str,
    folder: str,
    uidvalidity: int,
    unit: _Unit,
    clock: Callable[[], int],
    report: FolderReport,
    move_to: str | None,
) -> list[int]:
    """One unit into the target; its counts into the report; the UIDs to move (noted in the store)."""
    result = target.commit_batch(
        account, folder, uidvalidity, unit.last_uid, unit.messages, clock(), move=move_to is not None,
        replies=unit.replies,
    )
    report.fetched += len(unit.messages)
    report.new += result.new
    report.duplicates += result.duplicates
    report.bounces += len(result.bounce_uids)
    report.new_bounces += result.new_bounces
    report.recovered += result.recovered
    report.checked += unit.checked
    return result.bounce_uids


@dataclass
class _Unit:
    """What one store transaction takes: downloaded messages and the folder position after them."""

    messages: list[FetchedMessage]
    last_uid: int
    checked: int  # UIDs of the header chunk this unit completes (0 if more units follow)
    replies: list[ReplyHeader] = field(default_factory=list)  # skipped mail of the chunk that answers something


def _units(session: ImapSession, uids: Sequence[int], opts: SyncOptions) -> Iterator[_Unit]:
    """Header chunks -> prefilter -> size-bounded groups of whole messages, in UID order."""
    replies = opts.prefilter and opts.read_replies
    fields = (*PREFILTER_FIELDS, *REPLY_FIELDS) if replies else PREFILTER_FIELDS if opts.prefilter else ("Message-ID",)
    for chunk in _chunks(uids, max(1, opts.batch_size)):
        heads = session.fetch_headers(chunk, fields)
        candidates, skipped = [], []
        for u in chunk:
            if u in heads:
                (candidates if not opts.prefilter or may_be_bounce(heads[u].headers) else skipped).append(heads[u])
        answers = [r for h in skipped if (r := reply_header(h.headers)) is not None] if replies else []
        groups = list(_body_groups(candidates, opts.max_batch_bytes, opts.batch_size)) or [[]]
        for i, group in enumerate(groups):
            bodies = session.fetch_bodies(group)
            last = i == len(groups) - 1
            # The position after this group: everything up to it is stored or was not a candidate.
            yield _Unit(
                [bodies[u] for u in group if u in bodies],
                chunk[-1] if last else group[-1],
                len(chunk) if last else 0,  # vanished messages count as looked at
                answers if last else [],  # with the chunk's position: read again only if that is lost
            )


def _wait_quietly(future: Future) -> None:
    """Let a helper finish (it holds the connection) without masking the error being raised."""
    try:
        future.result()
    except BaseException:  # the caller's own error is the one that matters
        log.debug("prefetch failed while another error was raised", exc_info=True)


def sync_account(
    account: Account,
    credentials: Credentials,
    target: SyncTarget,
    *,
    options: SyncOptions | None = None,
    clock: Callable[[], int] = wall_clock,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    max_reconnects: int = 5,
    backoff: Backoff | None = None,
    session: ImapSession | None = None,
    sent_target: SentCountTarget | None = None,
) -> AccountReport:
    """Sync every watched folder of an account; on a lost connection reconnect (with backoff) and
    carry on from the last committed batch. Auth and setting errors are raised at once, and so
    is a first connection that fails (a one-off sync reports a server that is down or a wrong
    port at once; watch mode is the one that keeps trying).

    `cancel` (a threading.Event) is checked between batches and during waits; a cancelled run
    returns a report with `cancelled=True` and can simply be started again later.

    With a `sent_target`, the Sent folder is read first, on the same connection: its new messages
    counted per day and their headers recorded (see `bouncedesk.mail.sentcount`), so the bounces
    that follow are judged against mail we are known to have sent, even on a first sync. A Sent
    folder the server refuses is noted in `report.sent.error` and does not fail the sync.
    """
    report = AccountReport(account.name)
    backoff = backoff or Backoff()
    own_session = session is None
    pending: list[str | None] = list(account.folders)
    if sent_target is not None:
        pending.insert(0, None)  # None: the Sent folder, before the watched folders (provenance)
    connected = session is not None
    try:
        while pending:
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                return report
            try:
                if session is None:
                    session = connect(account.endpoint(), credentials, clock())
                    connected = True
                folder = pending[0]
                if folder is None:
                    count_sent_step(session, account, sent_target, report, clock, cancel)  # type: ignore[arg-type]
                    if report.cancelled:
                        return report
                    pending.pop(0)
                    backoff.reset()
                    continue
                part = report.folder(folder)
                if part is None:
                    part = FolderReport(account.name, folder)
                    report.folders.append(part)
                try:
                    sync_folder(
                        session, account, folder, target,
                        options=options, clock=clock, progress=progress, cancel=cancel, report=part,
                    )
                except (ImapNetworkError, AuthError, CertificateError):
                    raise
                except MailError as exc:  # the server refused this folder (no such folder, ...)
                    part.error = str(exc)
                    log.info("%s/%s: %s", account.name, folder, exc)  # the report carries it
                if part.cancelled:
                    report.cancelled = True
                    return report
                pending.pop(0)
                backoff.reset()
            except ImapNetworkError as exc:
                if not connected:
                    raise
                if report.reconnects >= max_reconnects:
                    raise MailError(f"{exc} (gave up after {report.reconnects} reconnects)") from exc
                report.reconnects += 1
                delay = backoff.next_delay()
                log.warning("%s: %s; reconnecting in %.1f s", account.name, exc, delay)
                if session is not None:
                    session.close()
                session = None
                own_session = True
                if cancel is not None:
                    if cancel.wait(delay):
                        report.cancelled = True
                        return report
                else:
                    time.sleep(delay)
        return report
    finally:
        if own_session and session is not None:
            session.close()


def count_sent_step(
    session: ImapSession,
    account: Account,
    target: SentCountTarget,
    report: AccountReport,
    clock: Callable[[], int],
    cancel: threading.Event | None,
) -> None:
    """The Sent-folder step of `sync_account` (counts and headers); network faults go to its
    reconnect loop."""
    from bouncedesk.mail.sentcount import SentCountReport, count_sent_folder  # it builds on this module

    if report.sent is None:
        report.sent = SentCountReport(account.name)
    try:
        count_sent_folder(session, account, target, clock=clock, cancel=cancel, report=report.sent)
    except (ImapNetworkError, AuthError, CertificateError):
        raise
    except MailError as exc:  # e.g. the chosen Sent folder does not exist: the bounce sync stands
        report.sent.error = str(exc)
        log.info("%s: reading sent mail: %s", account.name, exc)
    report.cancelled = report.sent.cancelled
