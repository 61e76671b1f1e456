"""Read an account's Sent folder cheaply and incrementally: messages per day (the bounce rate) and
the headers provenance needs (what we sent, to whom), never a body.

One pass per sync: `UID FETCH n:* (UID INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID TO CC BCC
DATE SUBJECT FROM LIST-ID X-CAMPAIGN-ID ...)]<0.64K>)` in batches, on a folder opened read-only (EXAMINE): nothing is ever
marked read, and a huge or hostile header costs at most `MAX_HEADER_BYTES` per message. Per account
the target keeps the Sent folder's (UIDVALIDITY, last UID) for the counts and another for the
headers; a run reads only the UIDs above them, and the target stores each batch's per-day
counts, its headers and the new positions together (one transaction), so an interrupted run
neither loses nor doubles a day or a message. A changed UIDVALIDITY (or a first run, or another
Sent folder) means the old counts cannot be continued: the account's days are counted again from
scratch and the headers read again (the store keys them by Message-ID, so nothing doubles). An
account counted before headers were read (an older version) has a count position but no header
position: its headers are read from UID 1 while the counts go on from their own position. A
message deleted from Sent later stays counted (it was sent) and stays known.

Like `sync`, this module knows nothing of the store: the caller passes a `SentCountTarget`.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bouncedesk.clock import wall_clock
from bouncedesk.dsn.sentmail import (
    CAMPAIGN_FIELDS,
    LIST_FIELDS,
    MAX_HEADER_BYTES,
    SentHeader,
    drop_partial_field,
    sent_header,
)
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.imap import ImapSession, SentHeaderData
from bouncedesk.mail.position import FolderState
from bouncedesk.mail.sent import sent_folder_of

log = logging.getLogger(__name__)

DAY = 86400
SENT_FIELDS = ("Message-ID", "To", "Cc", "Bcc", "Date", "Subject", "From", *LIST_FIELDS, *CAMPAIGN_FIELDS)
_MAX_ID_BYTES = 4096  # the second look for a Message-ID behind a header cut off at MAX_HEADER_BYTES
BATCH_SIZE = 500  # UIDs per fetch and per store transaction: at most BATCH_SIZE * MAX_HEADER_BYTES held


class SentCountTarget(Protocol):
    """Where the per-day counts and the headers go. `commit_sent_counts` must save the counts, the
    headers and both positions together (one transaction)."""

    def sent_position(self, account: str, folder: str) -> FolderState | None:
        """Up to where the days are counted."""
        ...

    def sent_headers_position(self, account: str, folder: str) -> FolderState | None:
        """Up to where the headers are read (None: never, e.g. counted by an older version)."""
        ...

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
        """Counts up to `last_uid`, headers up to `headers_through` (None: the same UID)."""
        ...

    def sent_folder_read(self, account: str, new_headers: int, now: int) -> None:
        """A pass over the Sent folder is complete (once per sync, after its last commit)."""
        ...


@dataclass
class SentCountReport:
    account: str
    folder: str = ""  # "" when the account has no Sent folder the server or the settings name
    uidvalidity: int = 0
    counted: int = 0  # messages counted in this run
    days: int = 0  # distinct days among them
    headers: int = 0  # messages whose headers were read in this run (with a usable Message-ID)
    recounted: bool = False  # counted from scratch (first run, new UIDVALIDITY or another folder)
    catch_up: bool = False  # headers read from UID 1 for messages counted before (an older version)
    cancelled: bool = False
    complete: bool = False
    error: str = ""
    _days: set[int] = field(default_factory=set, repr=False)


def day_counts(dates: Mapping[int, int]) -> Counter[int]:
    """{uid: epoch seconds} -> {UTC day number (epoch // 86400): messages}."""
    return Counter(at // DAY for at in dates.values())


def count_sent_folder(
    session: ImapSession,
    account: Account,
    target: SentCountTarget,
    *,
    clock: Callable[[], int] = wall_clock,
    batch_size: int = BATCH_SIZE,
    cancel: threading.Event | None = None,
    report: SentCountReport | None = None,
) -> SentCountReport:
    """Count the Sent folder's new messages per day and read their headers into the target
    (see the module docstring)."""
    report = report if report is not None else SentCountReport(account.name)
    report.cancelled = report.complete = False
    folder = sent_folder_of(session, account)
    if folder is None:
        report.complete = True
        return report
    report.folder = folder
    info = session.select(folder, readonly=True)
    uv = report.uidvalidity = info.uidvalidity
    state = target.sent_position(account.name, folder)
    replace = state is None or state.uidvalidity != uv
    counted_to = 0 if replace else state.last_uid  # type: ignore[union-attr]
    heads = None if replace else target.sent_headers_position(account.name, folder)
    read_to = heads.last_uid if heads is not None and heads.uidvalidity == uv else 0
    read_to = min(read_to, counted_to)
    if replace:
        report.recounted = True
        if state is not None:
            log.info("%s/%s: UIDVALIDITY changed (%s -> %s); counting sent mail again",
                     account.name, folder, state.uidvalidity, uv)  # fmt: skip
    elif read_to < counted_to:
        report.catch_up = True
        log.info("%s/%s: reading the headers of sent mail counted before (UIDs %d to %d)",
                 account.name, folder, read_to + 1, counted_to)  # fmt: skip
    start = read_to + 1
    if info.exists == 0 or (info.uidnext is not None and start >= info.uidnext):
        uids: list[int] = []
    else:
        uids = session.uids_from(start)
    if not uids and (replace or read_to < counted_to):  # record the positions; forget old UIDs' counts
        target.commit_sent_counts(account.name, folder, uv, counted_to, {}, clock(), replace=replace,
                                  headers_through=counted_to)  # fmt: skip
    for i in range(0, len(uids), max(1, batch_size)):
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            return report
        chunk = uids[i : i + max(1, batch_size)]
        found = read_sent_headers(session, chunk)
        # Only UIDs above the count position are counted: those below were counted before.
        counts = day_counts({u: f.internal_date for u, f in found.items()
                             if u > counted_to and f.internal_date is not None})  # fmt: skip
        mails = [m for m in (sent_header(f.headers, truncated=f.truncated, internal_date=f.internal_date, uid=f.uid)
                          for f in found.values()) if m is not None]
        last = chunk[-1]
        target.commit_sent_counts(account.name, folder, uv, max(last, counted_to), counts, clock(), replace=replace,
                                  headers=mails, headers_through=last)  # fmt: skip
        replace = False  # only the first batch of a recount starts from scratch
        report.counted += sum(counts.values())
        report.headers += len(mails)
        report._days.update(counts)
    report.days = len(report._days)
    report.complete = True
    target.sent_folder_read(account.name, report.headers, clock())
    return report


def read_sent_headers(session: ImapSession, uids: Sequence[int]) -> dict[int, SentHeaderData]:
    """The capped header fields and INTERNALDATE of each message. A header cut off at the cap loses
    its unfinished end; if its Message-ID was not before the cut, a second, small look fetches it."""
    found = session.fetch_header_fields(uids, SENT_FIELDS, MAX_HEADER_BYTES, with_date=True)
    cut: dict[int, bytes] = {}
    for u, f in found.items():
        if f.truncated:
            f.headers, f.truncated = drop_partial_field(f.headers), False
            if _MESSAGE_ID_FIELD.search(f.headers) is None:
                cut[u] = f.headers
    if cut:
        ids = session.fetch_header_fields(list(cut), ("Message-ID",), _MAX_ID_BYTES)
        for u, rest in cut.items():
            if u in ids and not ids[u].truncated:
                found[u].headers = ids[u].headers.strip() + b"\r\n" + rest
    return found


_MESSAGE_ID_FIELD = re.compile(rb"(?im)^message-id[ \t]*:")
