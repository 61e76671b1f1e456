"""Counting a real Dovecot Sent folder per day during a sync: first run, incremental, new UIDVALIDITY."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bouncedesk import store
from bouncedesk.intake.poller import StoreSyncTarget, sync_accounts
from bouncedesk.mail.sentcount import count_sent_folder
from tests.integration import mailgen

pytestmark = pytest.mark.imap

DAY = 86400
A = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday; the days below are UTC days
MINUS_2 = timezone(timedelta(hours=-2))
PLUS_9 = timezone(timedelta(hours=9))


def _day(t: datetime) -> int:
    return int(t.timestamp()) // DAY


def _append_sent(dovecot, times: list[datetime], tag: str) -> None:
    """APPEND to Sent with chosen internal dates (the date the server stored each message)."""
    with dovecot.client() as c:
        for i, t in enumerate(times):
            c.append("Sent", mailgen.sent_message(i, tag), msg_time=t)


def _sync(ms):
    [report] = sync_accounts(ms.conn, ms.secrets, clock=lambda: 1_773_000_000)
    return report


def test_sent_folder_is_counted_per_utc_day_first_incrementally_and_again_after_uidvalidity_changes(
    dovecot, mail_store
):
    day_a, day_b, day_c = _day(A), _day(A) + 1, _day(A) + 2
    _append_sent(dovecot, [
        A.replace(hour=9),
        A.replace(hour=18),
        datetime(2026, 3, 1, 23, 30, tzinfo=MINUS_2),  # 01:30 UTC on day A, not March 1st
        (A + timedelta(days=1)).replace(hour=12),
        datetime(2026, 3, 4, 8, 0, tzinfo=PLUS_9),  # 23:00 UTC on day B
    ], "a")  # fmt: skip
    dovecot.append([mailgen.dsn(1, "a"), mailgen.dsn(2, "a")])
    mail_store.add(dovecot)

    first = _sync(mail_store)
    assert first.folder("INBOX").new_bounces == 2  # the bounce sync itself is unchanged
    assert first.sent is not None and first.sent.folder == "Sent" and not first.sent.error
    assert (first.sent.counted, first.sent.days, first.sent.recounted) == (5, 2, True)
    assert store.sent_counts(mail_store.conn) == {day_a: 3, day_b: 2}
    assert all(not flags for flags in dovecot.flags("Sent").values())  # nothing marked read

    # Incremental: only the UIDs above the stored position are read, and they add to their days.
    _append_sent(dovecot, [(A + timedelta(days=1)).replace(hour=7), (A + timedelta(days=2)).replace(hour=10),
                           (A + timedelta(days=2)).replace(hour=11)], "b")  # fmt: skip
    second = _sync(mail_store)
    assert (second.sent.counted, second.sent.recounted) == (3, False)
    assert store.sent_counts(mail_store.conn) == {day_a: 3, day_b: 3, day_c: 2}
    pos = store.get_sent_position(mail_store.conn, 1, "Sent")
    assert pos.last_uid == max(dovecot.uids("Sent")) and pos.uidvalidity == dovecot.uidvalidity("Sent")
    assert _sync(mail_store).sent.counted == 0  # nothing new: nothing counted twice
    assert store.sent_counts(mail_store.conn) == {day_a: 3, day_b: 3, day_c: 2}

    # A new UIDVALIDITY: the old UIDs mean nothing, so the days are counted from scratch (not doubled).
    old = dovecot.uidvalidity("Sent")
    dovecot.set_uidvalidity(old + 500, folder="Sent")
    third = _sync(mail_store)
    assert (third.sent.counted, third.sent.recounted) == (8, True)
    assert store.sent_counts(mail_store.conn) == {day_a: 3, day_b: 3, day_c: 2}
    assert store.get_sent_position(mail_store.conn, 1, "Sent").uidvalidity == old + 500
    # The bounce sync's position of INBOX is its own, untouched by the count.
    assert store.get_folder_state(mail_store.conn, 1, "INBOX").last_uid == max(dovecot.uids())


def test_count_goes_in_batches_and_an_emptied_sent_folder_after_a_reset_clears_old_days(dovecot, mail_store):
    from bouncedesk.accounts.registry import credentials_for, load_account
    from bouncedesk.mail.imap import connect

    times = [A + timedelta(hours=7 * i) for i in range(12)]  # 12 messages over 4 days
    _append_sent(dovecot, times, "c")
    mail_store.add(dovecot)
    account = load_account(mail_store.conn, "work")
    target = StoreSyncTarget(mail_store.conn)
    commits: list[int] = []
    real_commit = target.commit_sent_counts

    def counting_commit(*args, **kw):
        commits.append(args[3])  # the position after each batch
        return real_commit(*args, **kw)

    target.commit_sent_counts = counting_commit  # observe, not replace: the store still gets every batch
    creds = credentials_for(account, mail_store.secrets)
    with connect(account.endpoint(), creds, 0) as session:
        report = count_sent_folder(session, account, target, batch_size=5)
    uids = dovecot.uids("Sent")
    assert report.complete and report.counted == 12 and commits == [uids[4], uids[9], uids[11]]
    expected: dict[int, int] = {}
    for t in times:
        expected[_day(t)] = expected.get(_day(t), 0) + 1
    assert store.sent_counts(mail_store.conn) == expected

    # The folder is emptied and rebuilt (new UIDVALIDITY): the old days go, the position is recorded.
    with dovecot.client() as c:
        c.select_folder("Sent")
        c.delete_messages(c.search("ALL"))
        c.expunge()
    dovecot.set_uidvalidity(dovecot.uidvalidity("Sent") + 1, folder="Sent")
    with connect(account.endpoint(), creds, 0) as session:
        report = count_sent_folder(session, account, target)
    assert report.recounted and report.counted == 0
    assert store.sent_counts(mail_store.conn) == {}
    assert store.get_sent_position(mail_store.conn, 1, "Sent").uidvalidity == dovecot.uidvalidity("Sent")


def test_watch_mode_counts_the_sent_folder_on_every_pass(dovecot, mail_store):
    from bouncedesk.mail.watch import WatchOptions
    from tests.integration.test_imap_watch import Watcher

    _append_sent(dovecot, [A.replace(hour=9), A.replace(hour=10)], "w")
    mail_store.add(dovecot)
    with Watcher(mail_store, WatchOptions(idle=False, poll_interval=0.3, tick=0.1)) as w:
        assert store.sent_counts(mail_store.conn) == {_day(A): 2}  # the first pass counted them
        seen = w.rounds
        _append_sent(dovecot, [(A + timedelta(days=1)).replace(hour=9)], "w2")
        deadline = time.monotonic() + 15
        while w.rounds < seen + 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    assert store.sent_counts(mail_store.conn) == {_day(A): 2, _day(A) + 1: 1}
