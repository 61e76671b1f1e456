"""Mailings: the messages we sent, grouped into what the user sent as one (a newsletter issue, a
day's invoices), with counts of who bounced or complained per mailing.

Grouping (`group_pending`, called in the transaction that stores sent headers, and for sent
messages stored before mailings existed): a message with a campaign header belongs to the mailing
of that campaign; one with a List-Id to the mailing of that list that spans less than the window
(each issue of a list is a mailing of its own); any other to the mailing with the same subject
(whitespace and case folded; "Re:" and "Fwd:" kept, a reply is not the mailing) and the same
sender within the window. A mailing spans at most the window, from its first message to its last.
BounceDesk's own sends (retries, contact mails) are no mailing (mailing_id 0). Idempotent: a
message is grouped once; re-reading it only adds recipients it did not have.

Counts: results tied to a mailing's messages by verified (or user-trusted) evidence, each
recipient once — hard before sender-side before soft; complaints apart. Kept in `mailings` and
taken again for mailings the store's triggers marked stale (`refresh_counts`), so a list of
mailings costs the same at a thousand or a million results.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from bouncedesk.dsn.sentmail import SOURCE_BOUNCEDESK
from bouncedesk.policy.settings import HOUR
from bouncedesk.store.db import transaction

NO_MAILING = 0
MIN_LISTED = 5  # the list shows mailings to at least this many recipients unless asked for all
_BATCH = 5000
_MAX_SUBJECT_KEY = 300

# Results that count for a mailing: tied to one of its messages by evidence the user may act on.
_COUNTED = (
    "r.kind IN ('bounce', 'complaint') AND r.email IS NOT NULL AND r.review != 'dismissed'"
    " AND (r.trust = 'verified' OR r.review = 'trusted')"
)
_PER_RECIPIENT = (
    "SELECT r.email AS email,"
    " max(r.kind = 'bounce' AND r.hard = 1 AND r.side != 'sender') AS h,"
    " max(r.kind = 'bounce' AND r.side = 'sender') AS ss,"
    " max(r.kind = 'bounce') AS b,"
    " max(r.kind = 'complaint') AS c,"
    " max(r.id) AS last_id"
    " FROM sent_messages s JOIN results r ON r.sent_id = s.id"
    f" WHERE s.mailing_id = ? AND {_COUNTED} GROUP BY r.email"
)


def subject_key(subject: str) -> str:
    """A subject as the grouping compares it: whitespace folded, case ignored, bounded."""
    return " ".join(subject[: _MAX_SUBJECT_KEY * 4].split()).casefold()[:_MAX_SUBJECT_KEY]


def grouping_key(list_key: str, subject: str, sender: str) -> str:
    """The key messages of one mailing share (see the module docstring)."""
    if list_key:
        return list_key
    return f"subject:{subject_key(subject)}\n{sender.strip().lower()}"


def _windowed(key: str) -> bool:
    """Campaign ids name one mailing for good; lists and subjects recur, so they get the window."""
    return not key.startswith("campaign:")


@dataclass
class _Open:
    """A mailing being grouped into: its span and counts so far (written back at the end)."""

    id: int
    first: int | None
    last: int | None
    messages: int
    sent: int

    def fits(self, at: int | None, window: int | None) -> bool:
        if window is None or at is None or self.first is None or self.last is None:
            return True
        return max(self.last, at) - min(self.first, at) < window

    def take(self, at: int | None) -> None:
        self.messages += 1
        if at is not None:
            self.first = at if self.first is None else min(self.first, at)
            self.last = at if self.last is None else max(self.last, at)


class _Grouper:
    def __init__(self, conn: sqlite3.Connection, window: int) -> None:
        self.conn = conn
        self.window = window
        self.open: dict[int, _Open] = {}
        self.by_key: dict[tuple[int, str], list[int]] = {}

    def place(
        self, account: int, key: str, at: int | None, subject: str, sender: str, list_key: str
    ) -> _Open:
        window = self.window if _windowed(key) else None
        for mid in self.by_key.get((account, key), ()):
            m = self.open[mid]
            if m.fits(at, window):
                return m
        for row in self._candidates(account, key, at, window):
            m = self.open.get(row[0]) or _Open(*row)
            if m.fits(at, window):
                self._remember(account, key, m)
                return m
        (new_id,) = self.conn.execute(
            "INSERT INTO mailings(account_id, key, subject, sender, list_key, first_at, last_at) VALUES (?,?,?,?,?,?,?)"
            " RETURNING id",
            (account, key, subject[:998], sender[:320], list_key, at, at),
        ).fetchone()
        m = _Open(new_id, at, at, 0, 0)
        self._remember(account, key, m)
        return m

    def _candidates(self, account: int, key: str, at: int | None, window: int | None) -> list[tuple]:
        cols = "SELECT id, first_at, last_at, messages, sent FROM mailings WHERE account_id = ? AND key = ?"
        if window is None or at is None:
            return self.conn.execute(cols + " ORDER BY first_at DESC LIMIT 1", (account, key)).fetchall()
        return self.conn.execute(
            cols + " AND first_at > ? AND first_at < ? ORDER BY abs(first_at - ?) LIMIT 5",
            (account, key, at - window, at + window, at),
        ).fetchall()

    def _remember(self, account: int, key: str, m: _Open) -> None:
        if m.id not in self.open:
            self.open[m.id] = m
            self.by_key.setdefault((account, key), []).append(m.id)

    def write(self) -> None:
        self.conn.executemany(
            "UPDATE mailings SET first_at = ?, last_at = ?, messages = ?, sent = ?, stale = 1 WHERE id = ?",
            [(m.first, m.last, m.messages, m.sent, m.id) for m in self.open.values()],
        )


def group_pending(conn: sqlite3.Connection, window_hours: int) -> int:
    """Put every sent message not grouped yet into its mailing; returns how many were grouped.
    Joins the caller's transaction."""
    done = 0
    with transaction(conn):
        g = _Grouper(conn, int(window_hours) * HOUR)
        while True:
            rows = conn.execute(
                "SELECT id, account_id, list_key, subject, sender, sent_at, source FROM sent_messages"
                " WHERE mailing_id IS NULL ORDER BY id LIMIT ?",
                (_BATCH,),
            ).fetchall()
            if not rows:
                break
            placed: list[tuple[int, int]] = []
            for sid, account, list_key, subject, sender, at, source in rows:
                if source == SOURCE_BOUNCEDESK:
                    placed.append((NO_MAILING, sid))
                    continue
                m = g.place(account, grouping_key(list_key, subject, sender), at, subject, sender, list_key)
                m.take(at)
                placed.append((m.id, sid))
            for mailing, n in _recipients_per_mailing(conn, placed).items():
                g.open[mailing].sent += n
            conn.executemany("UPDATE sent_messages SET mailing_id = ? WHERE id = ?", placed)
            done += len(rows)
        g.write()
    return done


def _recipients_per_mailing(conn: sqlite3.Connection, placed: list[tuple[int, int]]) -> dict[int, int]:
    mailing_of = {sid: m for m, sid in placed if m != NO_MAILING}
    ids = sorted(mailing_of)
    out: dict[int, int] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for sid, n in conn.execute(
            f"SELECT sent_id, count(*) FROM sent_recipients WHERE sent_id IN ({','.join('?' * len(chunk))})"
            " GROUP BY sent_id",
            chunk,
        ):
            out[mailing_of[sid]] = out.get(mailing_of[sid], 0) + n
    return out


def add_recipients(conn: sqlite3.Connection, added: Mapping[int, int]) -> None:
    """Recipients newly stored for messages grouped before (a copy read again with more of them).
    The other counts stay: they come from results, not from the recipients."""
    with transaction(conn):
        conn.executemany(
            "UPDATE mailings SET sent = sent + ?"
            " WHERE id = (SELECT mailing_id FROM sent_messages WHERE id = ? AND mailing_id > 0)",
            [(n, sid) for sid, n in added.items() if n > 0],
        )


def refresh_counts(conn: sqlite3.Connection) -> int:
    """Count again the mailings marked stale; returns how many were counted."""
    with transaction(conn):
        todo = [r[0] for r in conn.execute("SELECT id FROM mailings WHERE stale = 1")]
        for mid in todo:
            hard, sender_side, soft, complaints = conn.execute(
                "SELECT coalesce(sum(h), 0), coalesce(sum(ss AND NOT h), 0), coalesce(sum(b AND NOT h AND NOT ss), 0),"
                f" coalesce(sum(c), 0) FROM ({_PER_RECIPIENT})",
                (mid,),
            ).fetchone()
            conn.execute(
                "UPDATE mailings SET hard = ?, sender_side = ?, soft = ?, complaints = ?, stale = 0 WHERE id = ?",
                (hard, sender_side, soft, complaints, mid),
            )
    return len(todo)


def bring_up_to_date(conn: sqlite3.Connection, window_hours: int) -> None:
    """Group what is not grouped yet and count what is stale: before mailings are shown."""
    with transaction(conn):
        group_pending(conn, window_hours)
        refresh_counts(conn)


def needs_update(conn: sqlite3.Connection) -> bool:
    """Whether bring_up_to_date would change anything (a reader can ask without writing)."""
    return (
        conn.execute("SELECT 1 FROM sent_messages WHERE mailing_id IS NULL LIMIT 1").fetchone() is not None
        or conn.execute("SELECT 1 FROM mailings WHERE stale = 1 LIMIT 1").fetchone() is not None
    )


# --- reading -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mailing:
    id: int
    account_id: int
    subject: str
    sender: str
    list_key: str
    first_at: int | None
    last_at: int | None
    messages: int
    sent: int
    hard: int
    soft: int
    sender_side: int
    complaints: int

    @property
    def bounced(self) -> int:
        """Recipients that bounced, each once."""
        return self.hard + self.soft + self.sender_side

    @property
    def list_id(self) -> str:
        """The campaign or list id without its kind ('' when grouped by subject)."""
        return self.list_key.partition(":")[2]


_COLUMNS = "id, account_id, subject, sender, list_key, first_at, last_at, messages, sent, hard, soft, sender_side, complaints"


def list_mailings(
    conn: sqlite3.Connection,
    *,
    since: int | None = None,
    min_sent: int = MIN_LISTED,
    limit: int = 500,
    account_id: int | None = None,
) -> list[Mailing]:
    """The newest mailings first (bounded by `limit`), with at least `min_sent` recipients."""
    where, args = ["sent >= ?"], [min_sent]
    if since is not None:
        where.append("first_at >= ?")
        args.append(since)
    if account_id is not None:
        where.append("account_id = ?")
        args.append(account_id)
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM mailings WHERE {' AND '.join(where)} ORDER BY first_at DESC, id DESC LIMIT ?",
        (*args, limit),
    )
    return [Mailing(*r) for r in rows]


def get_mailing(conn: sqlite3.Connection, mailing_id: int) -> Mailing | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM mailings WHERE id = ?", (mailing_id,)).fetchone()
    return Mailing(*row) if row else None


HARD, SENDER_SIDE, SOFT, COMPLAINT = "hard", "sender-side", "soft", "complaint"


@dataclass(frozen=True, slots=True)
class Affected:
    """A recipient of a mailing that bounced or complained, with the newest result about it."""

    email: str
    what: str  # hard | sender-side | soft | complaint (the worst, as counted)
    complained: bool
    result_id: int
    at: int
    status: str
    reason: str
    recipient_id: int | None
    state: str | None


def affected_recipients(conn: sqlite3.Connection, mailing_id: int, limit: int = 5000) -> list[Affected]:
    """Who of a mailing's recipients bounced or complained (hard ones first), at most `limit`."""
    rows = conn.execute(
        f"SELECT email, h, ss, b, c, last_id FROM ({_PER_RECIPIENT})"
        " ORDER BY h DESC, ss DESC, b DESC, email LIMIT ?",
        (mailing_id, limit),
    ).fetchall()
    detail: dict[int, tuple] = {}
    ids = [r[5] for r in rows]
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for rid, *rest in conn.execute(
            "SELECT r.id, r.at, r.status, r.reason, r.recipient_id, p.state FROM results r"
            f" LEFT JOIN recipients p ON p.id = r.recipient_id WHERE r.id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            detail[rid] = tuple(rest)
    out = []
    for email, h, ss, b, c, last_id in rows:
        what = HARD if h else SENDER_SIDE if ss else SOFT if b else COMPLAINT
        at, status, reason, recipient_id, state = detail.get(last_id, (0, "", "", None, None))
        out.append(Affected(email, what, bool(c), last_id, at, status, reason, recipient_id, state))
    return out
