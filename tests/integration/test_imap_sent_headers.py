"""Reading the headers of a real Dovecot Sent folder (provenance): what we sent, to whom.

Headers only, read-only, incremental; a UIDVALIDITY change re-reads without duplicates; an account
counted by an older version gets the headers of its old messages; a hostile header stays cheap;
bounces are judged against the sent mail read first in the same sync, and bounces that came
before their sent copy was known are applied once it is.
"""

from __future__ import annotations

import threading

import pytest

from bouncedesk import store
from bouncedesk.accounts.registry import credentials_for, load_account
from bouncedesk.dsn.sentmail import MAX_HEADER_BYTES, MAX_RECIPIENTS
from bouncedesk.intake.poller import SENT_HEADERS_SUFFIX, StoreSyncTarget, sync_accounts
from bouncedesk.mail.imap import connect
from bouncedesk.mail.sentcount import count_sent_folder, read_sent_headers
from tests.integration import mailgen

pytestmark = pytest.mark.imap

NOW = 1_773_000_000
DAY = 86400


def _sync(ms):
    [report] = sync_accounts(ms.conn, ms.secrets, clock=lambda: NOW)
    return report


def _sent(ms) -> dict[str, tuple]:
    """message_id key -> (subject, sender, source, folder, uidvalidity, uid, sent_at, recipients)."""
    rows = ms.conn.execute(
        "SELECT s.message_id, s.subject, s.sender, s.source, s.folder, s.uidvalidity, s.uid, s.sent_at,"
        " (SELECT group_concat(email, ' ') FROM (SELECT email FROM sent_recipients r WHERE r.sent_id = s.id"
        "  ORDER BY email)) FROM sent_messages s"
    ).fetchall()
    return {r[0]: (*r[1:8], tuple((r[8] or "").split())) for r in rows}


# 2026-03-02 10:00 UTC; the Date headers below say so too, so sent_at is that time.
SENT_AT = 1_772_445_600
DATE = "Mon, 02 Mar 2026 11:00:00 +0100"


def _first_batch() -> list[bytes]:
    return [
        mailgen.sent_with(
            "<Odd.CASE-1@Sender.Example>",
            to='"Doe, Jane" <Jane.Doe@Example.com>, bob@example.net',
            cc="Carla <carla@example.org>", bcc="dieter@beispiel.de",
            subject="=?utf-8?q?Ihre_Bestellung_=C3=BCber_3_B=C3=BCcher?=", sender="Shop Team <Team@Sender.example>",
            date=DATE,
        ),  # fmt: skip
        mailgen.sent_with("<plain-2@sender.example>", to="emma@example.com", subject="Invoice 2", date=DATE),
        mailgen.sent_with(None, to="nobody@example.com", subject="no Message-ID", date=DATE),  # counted, not known
    ]


def test_sent_headers_are_recorded_read_only_and_incrementally(dovecot, mail_store, monkeypatch):
    import bouncedesk.intake.poller

    calls: list[int] = []
    real = bouncedesk.intake.poller.recheck_pending
    monkeypatch.setattr(bouncedesk.intake.poller, "recheck_pending", lambda conn, now: calls.append(now) or real(conn, now))
    dovecot.append(_first_batch(), folder="Sent")
    mail_store.add(dovecot)

    first = _sync(mail_store)
    assert first.sent is not None and first.sent.complete and not first.sent.error
    assert (first.sent.counted, first.sent.headers, first.sent.recounted) == (3, 2, True)
    uv = dovecot.uidvalidity("Sent")
    uids = dovecot.uids("Sent")
    assert _sent(mail_store) == {
        "<odd.case-1@sender.example>": (
            "Ihre Bestellung über 3 Bücher", "team@sender.example", "sent-folder", "Sent", uv, uids[0], SENT_AT,
            ("bob@example.net", "carla@example.org", "dieter@beispiel.de", "jane.doe@example.com"),
        ),
        "<plain-2@sender.example>": (
            "Invoice 2", "team@sender.example", "sent-folder", "Sent", uv, uids[1], SENT_AT, ("emma@example.com",),
        ),
    }  # fmt: skip
    assert all(not flags for flags in dovecot.flags("Sent").values())  # \Seen stays unset: headers only, EXAMINE
    assert calls == [NOW]  # judged again once, after the Sent step

    dovecot.append([mailgen.sent_with("<new-3@sender.example>", to="felix@example.com", date=DATE),
                    mailgen.sent_with("<new-4@sender.example>", to="greta@example.com", cc="Hans <hans@example.com>",
                                      date=DATE)], folder="Sent")  # fmt: skip
    before = _sent(mail_store)
    second = _sync(mail_store)
    assert (second.sent.counted, second.sent.headers, second.sent.recounted) == (2, 2, False)
    after = _sent(mail_store)
    assert set(after) == set(before) | {"<new-3@sender.example>", "<new-4@sender.example>"}
    assert {k: after[k] for k in before} == before  # the earlier records are as they were
    assert after["<new-4@sender.example>"][-1] == ("greta@example.com", "hans@example.com")
    assert all(not flags for flags in dovecot.flags("Sent").values())

    third = _sync(mail_store)
    assert (third.sent.counted, third.sent.headers) == (0, 0) and _sent(mail_store) == after
    assert sum(store.sent_counts(mail_store.conn).values()) == 5
    pos = store.get_folder_state(mail_store.conn, 1, "Sent" + SENT_HEADERS_SUFFIX)
    assert (pos.uidvalidity, pos.last_uid) == (uv, max(dovecot.uids("Sent")))
    assert len(calls) == 3  # once per sync

    # Once per pass, not per batch; a pass with nothing new on the same target does not judge again.
    dovecot.append([mailgen.sent_with(f"<batch-{i}@sender.example>", to="x@example.com") for i in range(3)],
                   folder="Sent")  # fmt: skip
    account = load_account(mail_store.conn, "work")
    target = StoreSyncTarget(mail_store.conn)
    with connect(account.endpoint(), credentials_for(account, mail_store.secrets), 0) as session:
        assert count_sent_folder(session, account, target, batch_size=1, clock=lambda: NOW + 1).headers == 3
        assert count_sent_folder(session, account, target, batch_size=1, clock=lambda: NOW + 2).headers == 0
    assert calls == [NOW, NOW, NOW, NOW + 1]


def test_a_first_sync_reads_sent_mail_before_the_bounces_so_they_act_at_once(dovecot, mail_store):
    mine = (0, 3, 6)  # 5.1.1 user unknown: suppressed at once
    dovecot.append([mailgen.sent_message(i, "p") for i in mine], folder="Sent")
    dovecot.append([mailgen.dsn(i, "p", hard=True) for i in mine])
    dovecot.append([mailgen.dsn(7, "forged", hard=True)])  # names a message never sent
    mail_store.add(dovecot)

    report = _sync(mail_store)
    assert report.sent.headers == 3 and report.folder("INBOX").new_bounces == 4
    rows = mail_store.conn.execute(
        "SELECT email, trust, review, evidence, recipient_id IS NOT NULL FROM results WHERE kind = 'bounce'"
        " ORDER BY email").fetchall()  # fmt: skip
    verified = {mailgen.bounce_recipient(i, "p") for i in mine}
    for email, trust, review, evidence, linked in rows:
        if email in verified:
            assert (trust, review, evidence, linked) == ("verified", "", "message-id", 1), email
        else:
            assert email == mailgen.bounce_recipient(7, "forged") and review == "pending" and not linked
    states = dict(mail_store.conn.execute("SELECT email, state FROM recipients"))
    assert set(states) == verified and set(states.values()) == {"suppressed"}


def test_a_bounce_that_came_before_its_sent_copy_was_known_acts_once_it_is(dovecot, mail_store):
    dovecot.append([mailgen.dsn(3, "late", hard=True)])
    dovecot.create_folder("Sent")
    mail_store.add(dovecot)
    _sync(mail_store)
    email = mailgen.bounce_recipient(3, "late")
    assert mail_store.conn.execute("SELECT review FROM results WHERE email = ?", (email,)).fetchone()[0] == "pending"
    assert store.get_recipient(mail_store.conn, email) is None  # waiting: it moved nothing

    dovecot.append([mailgen.sent_message(3, "late")], folder="Sent")  # the copy shows up (another client)
    report = _sync(mail_store)
    assert report.sent.headers == 1 and report.folder("INBOX").new == 0
    row = mail_store.conn.execute("SELECT trust, review, evidence FROM results WHERE email = ?", (email,)).fetchone()
    assert tuple(row) == ("verified", "", "message-id")
    assert store.get_recipient(mail_store.conn, email).state == "suppressed"


def test_a_new_uidvalidity_reads_the_headers_again_without_duplicates(dovecot, mail_store):
    dovecot.append(_first_batch(), folder="Sent")
    mail_store.add(dovecot)
    _sync(mail_store)
    before, counts = _sent(mail_store), store.sent_counts(mail_store.conn)
    n_rcpts = mail_store.count("SELECT count(*) FROM sent_recipients")

    old = dovecot.uidvalidity("Sent")
    dovecot.set_uidvalidity(old + 77, folder="Sent")
    again = _sync(mail_store)
    assert (again.sent.recounted, again.sent.counted, again.sent.headers) == (True, 3, 2)
    after = _sent(mail_store)
    assert set(after) == set(before) and mail_store.count("SELECT count(*) FROM sent_messages") == 2
    assert mail_store.count("SELECT count(*) FROM sent_recipients") == n_rcpts
    assert {k: v[-1] for k, v in after.items()} == {k: v[-1] for k, v in before.items()}
    assert store.sent_counts(mail_store.conn) == counts  # counted from scratch, not doubled
    pos = store.get_folder_state(mail_store.conn, 1, "Sent" + SENT_HEADERS_SUFFIX)
    assert pos.uidvalidity == old + 77


def _forget_headers(ms) -> None:
    """What a store counted by the version before provenance looks like: counts and a count
    position, no sent messages and no header position."""
    with store.transaction(ms.conn):
        ms.conn.execute("DELETE FROM sent_messages")
        ms.conn.execute("DELETE FROM folder_state WHERE folder = ?", ("Sent" + SENT_HEADERS_SUFFIX,))


def test_an_account_counted_before_gets_the_headers_of_its_old_sent_mail_without_counting_twice(dovecot, mail_store):
    dovecot.append([mailgen.sent_message(i, "old") for i in range(7)], folder="Sent")
    mail_store.add(dovecot)
    _sync(mail_store)
    counts = store.sent_counts(mail_store.conn)
    assert sum(counts.values()) == 7
    _forget_headers(mail_store)
    dovecot.append([mailgen.sent_message(i, "new") for i in range(2)], folder="Sent")

    # Cut off after the first batch: the next run goes on where the headers stopped.
    account = load_account(mail_store.conn, "work")
    creds = credentials_for(account, mail_store.secrets)
    target = StoreSyncTarget(mail_store.conn)
    cancel = threading.Event()
    real_commit = target.commit_sent_counts

    def commit_then_cancel(*args, **kw):
        real_commit(*args, **kw)
        cancel.set()

    target.commit_sent_counts = commit_then_cancel
    with connect(account.endpoint(), creds, 0) as session:
        cut = count_sent_folder(session, account, target, batch_size=3, cancel=cancel)
    assert cut.cancelled and cut.catch_up and cut.headers == 3 and cut.counted == 0
    assert mail_store.count("SELECT count(*) FROM sent_messages") == 3
    assert store.sent_counts(mail_store.conn) == counts

    resumed = _sync(mail_store)
    assert resumed.sent.catch_up and not resumed.sent.recounted
    assert (resumed.sent.headers, resumed.sent.counted) == (6, 2)  # 4 old ones left, and the 2 new ones
    keys = {r[0] for r in mail_store.conn.execute("SELECT message_id FROM sent_messages")}
    assert keys == {mailgen.original_message_id(i, "old") for i in range(7)} | {
        mailgen.original_message_id(i, "new") for i in range(2)}  # fmt: skip
    assert sum(store.sent_counts(mail_store.conn).values()) == 9  # 7 counted before + 2 new, none twice
    assert not _sync(mail_store).sent.catch_up


def _hostile() -> list[bytes]:
    many = ",\r\n ".join(f"person{i:06d}@list.example" for i in range(40_000))  # ~1 MB of To
    nested = "(" * 1_000_000  # 1 MB of comment that never closes: the stdlib address parser recurses on it
    return [
        # The huge field comes before the Message-ID: it is behind the cap, found by a second look.
        mailgen.sent_with("<hostile-1@sender.example>", to=many, subject="big list", date=DATE),
        mailgen.sent_with("<hostile-2@sender.example>", to="ok@example.com", cc=nested, date=DATE),
        mailgen.sent_with("<hostile-3@sender.example>", to="sub@example.com", subject="=?x" * 350_000, date=DATE),
        mailgen.sent_with("<after-4@sender.example>", to="after@example.com", subject="after", date=DATE),
    ]


def test_a_hostile_one_megabyte_header_is_capped_and_does_not_break_the_sync(dovecot, mail_store):
    msgs = _hostile()
    assert all(len(m) > 1_000_000 for m in msgs[:3])
    dovecot.append(msgs, folder="Sent")
    mail_store.add(dovecot)

    account = load_account(mail_store.conn, "work")
    with connect(account.endpoint(), credentials_for(account, mail_store.secrets), 0) as session:
        session.select("Sent", readonly=True)
        found = read_sent_headers(session, dovecot.uids("Sent"))
    assert len(found) == 4 and all(len(f.headers) <= MAX_HEADER_BYTES + 100 for f in found.values())

    report = _sync(mail_store)
    assert report.sent.complete and not report.sent.error and report.sent.counted == 4
    sent = _sent(mail_store)
    assert set(sent) == {f"<hostile-{i}@sender.example>" for i in (1, 2, 3)} | {"<after-4@sender.example>"}
    big = sent["<hostile-1@sender.example>"][-1]  # the list as far as the cap goes
    assert 1000 < len(big) <= MAX_RECIPIENTS and all(a.endswith("@list.example") for a in big)
    assert sent["<hostile-2@sender.example>"][-1] == ("ok@example.com",)
    assert sent["<hostile-3@sender.example>"][-1] == ("sub@example.com",)
    assert sent["<after-4@sender.example>"][:1] == ("after",)
    assert all(not flags for flags in dovecot.flags("Sent").values())
