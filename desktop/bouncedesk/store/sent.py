"""Messages sent per day (from the Sent folder's dates), for the bounce rate: `sent_daily`.

The Sent folder's own read position lives in `folder_state` under a key of its own
(`sent_position_key`), so it never mixes with a watched folder of the same name.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bouncedesk.dsn.msgid import id_domain, message_id_key, message_id_keys
from bouncedesk.dsn.sentmail import MAX_RECIPIENTS, SOURCE_SENT_FOLDER, SentHeader
from bouncedesk.policy.provenance import Evidence, OwnIdentity, SentMatch, judge
from bouncedesk.store.accounts import FolderState, get_folder_state, save_folder_state
from bouncedesk.store.db import transaction
from bouncedesk.store.mailings import add_recipients, group_pending
from bouncedesk.store.providers import count_sent_recipients
from bouncedesk.store.settings import load_policy_settings

_POSITION_SUFFIX = "\tsent-count"  # a tab: no real folder name has one


def sent_position_key(folder: str) -> str:
    """The `folder_state.folder` value under which the Sent folder's count position is kept."""
    return folder + _POSITION_SUFFIX


def get_sent_position(conn: sqlite3.Connection, account_id: int, folder: str) -> FolderState | None:
    return get_folder_state(conn, account_id, sent_position_key(folder))


def add_sent_counts(
    conn: sqlite3.Connection, account_id: int, counts: Mapping[int, int], *, replace: bool = False
) -> None:
    """Add messages sent per day (day = epoch seconds // 86400) to an account's counts.

    `replace` first forgets every count of the account (a recount from scratch). Joins the
    caller's transaction, so counts and the read position can be saved together.
    """
    with transaction(conn):
        if replace:
            conn.execute("DELETE FROM sent_daily WHERE account_id = ?", (account_id,))
        conn.executemany(
            "INSERT INTO sent_daily(day, account_id, count) VALUES (?, ?, ?)"
            " ON CONFLICT(day, account_id) DO UPDATE SET count = count + excluded.count",
            [(int(day), account_id, int(n)) for day, n in sorted(counts.items()) if n],
        )


def save_sent_counts(
    conn: sqlite3.Connection,
    account_id: int,
    folder: str,
    uidvalidity: int,
    last_uid: int,
    counts: Mapping[int, int],
    now: int,
    *,
    replace: bool = False,
    headers: Iterable[SentHeader] = (),
) -> None:
    """Counts and headers of a batch of the Sent folder and the position after it, in one transaction."""
    with transaction(conn):
        add_sent_counts(conn, account_id, counts, replace=replace)
        add_sent_messages(conn, account_id, headers, source=SOURCE_SENT_FOLDER, folder=folder, uidvalidity=uidvalidity)
        save_folder_state(conn, account_id, sent_position_key(folder), uidvalidity, last_uid, now)


def sent_counts(conn: sqlite3.Connection, account_id: int | None = None) -> dict[int, int]:
    """{day: messages sent} for one account, or summed over all."""
    if account_id is None:
        rows = conn.execute("SELECT day, sum(count) FROM sent_daily GROUP BY day ORDER BY day")
    else:
        rows = conn.execute("SELECT day, count FROM sent_daily WHERE account_id = ? ORDER BY day", (account_id,))
    return {int(d): int(n) for d, n in rows}


# --- what we sent: headers of the Sent folder and of BounceDesk's own mail -------------------
# (`source` is one of dsn.sentmail's SOURCE_* names, which this module re-exports)


def add_sent_messages(
    conn: sqlite3.Connection,
    account_id: int,
    headers: Iterable[SentHeader],
    *,
    source: str,
    folder: str | None = None,
    uidvalidity: int | None = None,
) -> int:
    """Record messages we sent; returns how many were new. A Message-ID seen again (a copy in two
    folders, a re-read after a UIDVALIDITY change) adds its recipients to the first record.
    New messages are grouped into mailings (store.mailings) in the same transaction.
    Joins the caller's transaction."""
    fresh: set[int] = set()
    added: dict[int, int] = {}  # recipients newly stored per message
    counted: list[tuple[int | None, str]] = []  # (sent_at, email) newly stored, counted per provider
    with transaction(conn):
        last_id = conn.execute("SELECT coalesce(max(id), 0) FROM sent_messages").fetchone()[0]
        for h in headers:
            key = message_id_key(h.message_id)
            if key is None:
                continue
            # One statement: a new row, or the known one (its place in the folder brought up to date).
            (sent_id,) = conn.execute(
                "INSERT INTO sent_messages(account_id, message_id, sent_at, subject, sender, source, folder,"
                " uidvalidity, uid, list_key) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(account_id, message_id)"
                " DO UPDATE SET"
                " folder = coalesce(excluded.folder, folder), uidvalidity = coalesce(excluded.uidvalidity, uidvalidity),"
                " uid = coalesce(excluded.uid, uid) RETURNING id",
                (account_id, key, h.sent_at, (h.subject or "")[:998], (h.sender or "").strip().lower()[:320],
                 source, folder, uidvalidity, h.uid, h.list_key),
            ).fetchone()  # fmt: skip
            if sent_id > last_id:
                fresh.add(sent_id)
            emails = {e.strip().strip("<>").lower() for e in h.recipients[:MAX_RECIPIENTS]}
            if sent_id <= last_id or sent_id in added:  # seen before: only recipients it did not have count
                rows = conn.execute("SELECT email FROM sent_recipients WHERE sent_id = ?", (sent_id,))
                have = {r[0] for r in rows}
                counted += [(h.sent_at, e) for e in emails if "@" in e and e not in have]
            else:
                counted += [(h.sent_at, e) for e in emails if "@" in e]
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO sent_recipients(sent_id, email) VALUES (?, ?)",
                [(sent_id, e) for e in sorted(emails) if "@" in e],
            )
            added[sent_id] = added.get(sent_id, 0) + conn.total_changes - before
        # to mailings of messages grouped before; new ones are grouped next
        add_recipients(conn, {sid: n for sid, n in added.items() if sid not in fresh})
        count_sent_recipients(conn, counted)
        group_pending(conn, load_policy_settings(conn).mailing_window_hours)
    return len(fresh)


def find_sent(conn: sqlite3.Connection, keys: Iterable[str]) -> dict[str, list[SentMatch]]:
    """The messages we sent under these Message-ID keys (see dsn.msgid.message_id_key)."""
    ks = sorted(set(keys))
    found: dict[str, list[SentMatch]] = {}
    for i in range(0, len(ks), 500):
        chunk = ks[i : i + 500]
        rows = conn.execute(
            "SELECT s.id, s.message_id, s.sent_at, group_concat(r.email, ' ') FROM sent_messages s"
            " LEFT JOIN sent_recipients r ON r.sent_id = s.id"
            f" WHERE s.message_id IN ({','.join('?' * len(chunk))}) GROUP BY s.id",
            chunk,
        )
        for sid, key, at, emails in rows:
            found.setdefault(key, []).append(SentMatch(sid, key, frozenset((emails or "").split()), at))
    return found


def own_identity(conn: sqlite3.Connection) -> OwnIdentity:
    """Our addresses (accounts, senders of our sent mail) and their domains plus our Message-ID domains."""
    addresses: set[str] = set()
    for address, username in conn.execute("SELECT address, username FROM accounts"):
        for a in (address, username):
            if a and "@" in a:
                addresses.add(a.strip().lower())
    addresses.update(r[0] for r in conn.execute("SELECT DISTINCT sender FROM sent_messages WHERE sender LIKE '%@%'"))
    domains = {a.rpartition("@")[2] for a in addresses}
    # Message-ID domains we use (often the provider's, not ours): a bounded sample of recent ones.
    domains.update(id_domain(r[0]) for r in conn.execute(
        "SELECT message_id FROM sent_messages ORDER BY id DESC LIMIT 2000"))  # fmt: skip
    domains.discard("")
    return OwnIdentity(frozenset(addresses), frozenset(domains))


def sent_known(conn: sqlite3.Connection) -> bool:
    """Whether any sent mail is known at all (else every bounce waits for review)."""
    return conn.execute("SELECT 1 FROM sent_messages LIMIT 1").fetchone() is not None


@dataclass(frozen=True, slots=True)
class SentMessage:
    id: int
    account_id: int
    message_id: str
    sent_at: int | None
    subject: str
    sender: str
    source: str
    recipients: tuple[str, ...]


def get_sent_message(conn: sqlite3.Connection, sent_id: int) -> SentMessage | None:
    row = conn.execute(
        "SELECT id, account_id, message_id, sent_at, subject, sender, source FROM sent_messages WHERE id = ?",
        (sent_id,),
    ).fetchone()
    if row is None:
        return None
    emails = tuple(r[0] for r in conn.execute(
        "SELECT email FROM sent_recipients WHERE sent_id = ? ORDER BY email", (sent_id,)))  # fmt: skip
    return SentMessage(*tuple(row), emails)


class SentIndex:
    """What provenance needs to judge a batch of bounces: sent messages looked up once, cached."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.own = own_identity(conn)
        self._found: dict[str, list[SentMatch]] = {}
        self._asked: set[str] = set()

    @staticmethod
    def keys_of(orig_message_id: str | None, refs: str | None) -> tuple[str | None, list[str]]:
        return message_id_key(orig_message_id), message_id_keys(refs)

    def prefetch(self, keys: Iterable[str | None]) -> None:
        new = {k for k in keys if k} - self._asked
        if new:
            self._asked |= new
            self._found.update(find_sent(self.conn, new))

    def judge(self, email: str | None, at: int, orig_message_id: str | None, refs: str | None,
              orig_sender: str | None) -> Evidence:  # fmt: skip
        """See policy.provenance.judge."""
        okey, rkeys = self.keys_of(orig_message_id, refs)
        self.prefetch([okey, *rkeys])
        return judge(email, at, okey, rkeys, orig_sender, self._found, self.own)
