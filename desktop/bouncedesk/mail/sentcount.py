"""Count the messages in an account's Sent folder per day, cheaply and incrementally (bounce rate).

Only INTERNALDATEs are fetched (UID FETCH n:* (INTERNALDATE)): no bodies, no headers, and the
folder is opened read-only (EXAMINE), so nothing is ever marked read. Per account the target
keeps the Sent folder's (UIDVALIDITY, last UID); a run counts only the UIDs above it, in batches,
and the target stores each batch's per-day counts together with the new position (one
transaction), so an interrupted run neither loses nor doubles a day. A changed UIDVALIDITY (or
a first count, or another Sent folder) means the old counts cannot be continued: the account's
days are counted again from scratch. A message deleted from Sent later stays counted: it was sent.

Like `sync`, this module knows nothing of the store: the caller passes a `SentCountTarget`.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from bouncedesk.mail.accounts import Account
from bouncedesk.mail.imap import ImapSession
from bouncedesk.mail.sent import sent_folder_of
from bouncedesk.mail.sync import FolderState, wall_clock

log = logging.getLogger(__name__)

DAY = 86400


class SentCountTarget(Protocol):
    """Where the per-day counts go. `commit_sent_counts` must save the counts and the position together."""

    def sent_position(self, account: str, folder: str) -> FolderState | None: ...

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
    ) -> None: ...


@dataclass
class SentCountReport:
    account: str
    folder: str = ""  # "" when the account has no Sent folder the server or the settings name
    uidvalidity: int = 0
    counted: int = 0  # messages counted in this run
    days: int = 0  # distinct days among them
    recounted: bool = False  # counted from scratch (first run, new UIDVALIDITY or another folder)
    cancelled: bool = False
    complete: bool = False
    error: str = ""


def day_counts(dates: Mapping[int, int]) -> Counter[int]:
    """{uid: epoch seconds} -> {UTC day number (epoch // 86400): messages}."""
    return Counter(at // DAY for at in dates.values())


def count_sent_folder(
    session: ImapSession,
    account: Account,
    target: SentCountTarget,
    *,
    clock: Callable[[], int] = wall_clock,
    batch_size: int = 5000,
    cancel: threading.Event | None = None,
    report: SentCountReport | None = None,
) -> SentCountReport:
    """Count the Sent folder's new messages per day into the target (see the module docstring)."""
    report = report if report is not None else SentCountReport(account.name)
    report.cancelled = report.complete = False
    folder = sent_folder_of(session, account)
    if folder is None:
        report.complete = True
        return report
    report.folder = folder
    info = session.select(folder, readonly=True)
    report.uidvalidity = info.uidvalidity
    state = target.sent_position(account.name, folder)
    replace = state is None or state.uidvalidity != info.uidvalidity
    start = 1 if replace else state.last_uid + 1  # type: ignore[union-attr]
    if replace:
        report.recounted = True
        if state is not None:
            log.info("%s/%s: UIDVALIDITY changed (%s -> %s); counting sent mail again",
                     account.name, folder, state.uidvalidity, info.uidvalidity)  # fmt: skip
    if info.exists == 0 or (info.uidnext is not None and start >= info.uidnext):
        uids: list[int] = []
    else:
        uids = session.uids_from(start)
    if not uids:
        if replace:  # record the (new) position; forget counts that belonged to the old UIDs
            target.commit_sent_counts(account.name, folder, info.uidvalidity, 0, {}, clock(), replace=True)
        report.complete = True
        return report
    days: set[int] = set()
    for i in range(0, len(uids), max(1, batch_size)):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            return report
        chunk = uids[i : i + batch_size]
        counts = day_counts(session.fetch_internal_dates(chunk))
        target.commit_sent_counts(account.name, folder, info.uidvalidity, chunk[-1], counts, clock(), replace=replace)
        replace = False  # only the first batch of a recount starts from scratch
        report.counted += sum(counts.values())
        days.update(counts)
    report.days = len(days)
    report.complete = True
    return report
