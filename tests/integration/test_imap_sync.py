"""Syncing real Dovecot mailboxes into a real store: incremental, resumable, never destructive."""

from __future__ import annotations

import hashlib
import random
import threading
import time

import pytest

from bouncedesk import store
from bouncedesk.errors import AuthError, MailError
from bouncedesk.intake.poller import sent_folder_fetcher, sync_accounts
from bouncedesk.mail.backoff import Backoff
from bouncedesk.mail.endpoint import CertificateError
from bouncedesk.mail.imap import FILED_KEYWORD
from bouncedesk.mail.sync import SyncOptions
from tests.integration import mailgen

pytestmark = pytest.mark.imap


def _sync(ms, **kw):
    reports = sync_accounts(ms.conn, ms.secrets, **kw)
    assert len(reports) == 1
    return reports[0]


def _stored_hashes(ms) -> set[bytes]:
    return {r[0] for r in ms.conn.execute("SELECT content_hash FROM messages")}


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def test_first_and_incremental_sync_of_corpus_and_ordinary_mail(dovecot, mail_store, corpus):
    files = sorted((corpus / "emails" / "bsd").iterdir())
    bounce_uids = dovecot.append(f.read_bytes() for f in files)
    plain_uids = dovecot.append(mailgen.ordinary(i, "c") for i in range(40))
    mail_store.add(dovecot)

    first = _sync(mail_store).folder("INBOX")
    served = dovecot.fetch_all()  # the bytes as the server hands them out (CRLF line ends)
    expected = {_sha(served[u]) for u in bounce_uids}
    assert first.complete and first.checked == len(files) + 40
    assert first.fetched == len(files)  # every corpus message downloaded, no ordinary one
    assert _stored_hashes(mail_store) == expected
    assert first.new == len(expected) and first.duplicates == len(files) - len(expected)
    assert first.new_bounces > 0.8 * len(files)
    # Nothing was marked read or deleted.
    assert all(not flags for flags in dovecot.flags().values())
    assert sorted(dovecot.uids()) == sorted(bounce_uids + plain_uids)

    new_bounces = dovecot.append(mailgen.dsn(i, "inc") for i in range(5))
    dovecot.append(mailgen.ordinary(i, "inc") for i in range(5))
    second = _sync(mail_store).folder("INBOX")
    assert (second.checked, second.fetched, second.new, second.new_bounces) == (10, 5, 5, 5)
    assert _stored_hashes(mail_store) == expected | {_sha(dovecot.fetch_all()[u]) for u in new_bounces}
    state = store.get_folder_state(mail_store.conn, 1, "INBOX")
    assert state.last_uid == max(dovecot.uids())

    third = _sync(mail_store).folder("INBOX")
    assert (third.checked, third.fetched, third.new) == (0, 0, 0)


def test_ten_thousand_messages_with_progress(dovecot, mail_store):
    msgs = mailgen.mixed(10_000, bounce_every=10, tag="big")
    dovecot.write_maildir(m for _, m in msgs)
    mail_store.add(dovecot)
    seen = []
    t0 = time.monotonic()
    report = _sync(mail_store, progress=seen.append).folder("INBOX")
    elapsed = time.monotonic() - t0
    assert report.complete and report.checked == 10_000
    assert report.new == 1_000 and report.new_bounces == 1_000 and report.fetched == 1_000
    assert mail_store.count("SELECT count(*) FROM messages") == 1_000
    assert seen[0].done == 0 and seen[-1].done == seen[-1].total == 10_000
    assert [p.done for p in seen] == sorted(p.done for p in seen) and len(seen) >= 10_000 // 500
    print(f"10,000-message first sync: {elapsed:.1f} s")


def test_uidvalidity_change_resyncs_without_duplicates(dovecot, mail_store):
    dovecot.append(mailgen.dsn(i, "uv") for i in range(10))
    dovecot.append(mailgen.ordinary(i, "uv") for i in range(10))
    mail_store.add(dovecot)
    assert _sync(mail_store).folder("INBOX").new == 10
    old = dovecot.uidvalidity()
    dovecot.set_uidvalidity(old + 1000)
    again = _sync(mail_store).folder("INBOX")
    assert again.resynced and again.checked == 20
    assert (again.new, again.duplicates) == (0, 10)
    assert mail_store.count("SELECT count(*) FROM messages") == 10
    assert store.get_folder_state(mail_store.conn, 1, "INBOX").uidvalidity == old + 1000
    assert _sync(mail_store).folder("INBOX").checked == 0  # incremental again under the new UIDVALIDITY


def test_message_expunged_by_another_client_during_sync(dovecot, mail_store):
    uids = dovecot.append(mailgen.dsn(i, "ex") for i in range(40))
    mail_store.add(dovecot)
    # When batch 1 is stored, batch 2 is downloaded and batch 3 may be (the pipeline runs ahead);
    # batch 4 is not yet.
    gone = [uids[31], uids[35]]

    def expunge_later_ones(p):
        if p.done == 10:
            with dovecot.client() as other:
                other.select_folder("INBOX")
                other.delete_messages(gone)
                other.expunge()

    report = _sync(mail_store, options=SyncOptions(batch_size=10), progress=expunge_later_ones).folder("INBOX")
    assert report.complete and report.checked == 40 and report.new == 38
    stored_ids = {r[0] for r in mail_store.conn.execute("SELECT message_id FROM messages")}
    assert "<dsn-ex31@mx.sender.example>" not in stored_ids and "<dsn-ex35@mx.sender.example>" not in stored_ids
    assert len(stored_ids) == 38


def test_server_killed_mid_sync_and_restarted(dovecot, mail_store):
    bounce_uids = dovecot.append(mailgen.dsn(i, "kill") for i in range(60))
    dovecot.append(mailgen.ordinary(i, "kill") for i in range(60))
    mail_store.add(dovecot)
    restarted = threading.Event()

    def crash_after_first_batch(p):
        if p.done == 20 and not restarted.is_set():
            dovecot.kill()
            threading.Timer(0.6, lambda: (dovecot.start(), restarted.set())).start()

    report = _sync(
        mail_store,
        options=SyncOptions(batch_size=20),
        progress=crash_after_first_batch,
        backoff=Backoff(base=0.2, cap=1.0, rng=random.Random(1)),
        max_reconnects=10,
    )
    assert restarted.is_set() and report.reconnects >= 1
    folder = report.folder("INBOX")
    assert folder.complete
    served = dovecot.fetch_all()
    assert _stored_hashes(mail_store) == {_sha(served[u]) for u in bounce_uids}  # nothing lost
    assert mail_store.count("SELECT count(*) FROM messages") == 60  # nothing doubled
    assert mail_store.count("SELECT count(*) FROM results WHERE kind = 'bounce'") == 60
    assert _sync(mail_store).folder("INBOX").checked == 0


def test_cancel_between_batches_then_resume(dovecot, mail_store):
    dovecot.append(mailgen.dsn(i, "cx") for i in range(40))
    mail_store.add(dovecot)
    cancel = threading.Event()

    def stop_after_two_batches(p):
        if p.done >= 20:
            cancel.set()

    first = _sync(mail_store, options=SyncOptions(batch_size=10), progress=stop_after_two_batches, cancel=cancel)
    assert first.cancelled and first.folder("INBOX").new == 20
    assert mail_store.count("SELECT count(*) FROM messages") == 20
    rest = _sync(mail_store, options=SyncOptions(batch_size=10)).folder("INBOX")
    assert rest.complete and (rest.checked, rest.new, rest.duplicates) == (20, 20, 0)


def test_wrong_password_gives_up_at_once(dovecot, mail_store):
    mail_store.add(dovecot, password="wrong-password")
    t0 = time.monotonic()
    with pytest.raises(AuthError, match="refused the login"):
        _sync(mail_store, backoff=Backoff(base=5.0))  # a retry would sleep >= 2.5 s
    assert time.monotonic() - t0 < 2.5
    # Dovecot logs the failed session when it ends: wait for it, then make sure it was the only one.
    log_file = dovecot.root / "dovecot.log"
    deadline = time.monotonic() + 5
    while "auth failed" not in log_file.read_text(errors="replace") and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    log = log_file.read_text(errors="replace")
    assert log.count("auth failed") == 1 and "(auth failed, 1 attempts" in log


def test_imaps_self_signed_refused_by_default_accepted_when_pinned(dovecot, mail_store):
    dovecot.append([mailgen.dsn(1, "tls")])
    mail_store.add(dovecot, "unpinned", tls=True)
    mail_store.add(dovecot, "pinned", tls=True, pin=True)
    with pytest.raises(CertificateError, match="not trusted"):
        sync_accounts(mail_store.conn, mail_store.secrets, ["unpinned"])
    report = sync_accounts(mail_store.conn, mail_store.secrets, ["pinned"])[0]
    assert report.folder("INBOX").new == 1


@pytest.mark.parametrize("server_has_move", [True, False], ids=["MOVE", "COPY"])
def test_move_to_processed_leaves_every_non_bounce_in_place(dovecot_factory, mail_store, server_has_move):
    caps = None
    if not server_has_move:
        caps = ("IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT NAMESPACE UIDPLUS CHILDREN UNSELECT "
                "LIST-EXTENDED ESEARCH SPECIAL-USE LITERAL+")  # fmt: skip
    d = dovecot_factory(capabilities=caps)
    bounces = [mailgen.dsn(i, "mv") for i in range(8)]
    ordinary = [mailgen.ordinary(i, "mv") for i in range(8)]
    auto_reply = (
        b"From: Karin <karin@friends.example>\r\nTo: team@sender.example\r\nSubject: Out of office: order 7\r\n"
        b"Auto-Submitted: auto-replied\r\nMessage-ID: <ooo-1@friends.example>\r\nDate: Mon, 4 Mar 2024 10:00:00 +0000\r\n"
        b"\r\nI am out of the office until Monday, 11 March.\r\n"
    )
    mixed = [m for pair in zip(bounces, ordinary, strict=True) for m in pair] + [auto_reply]
    d.append(mixed)
    before = d.fetch_all()
    mail_store.add(d, processed_folder="Processed")
    report = _sync(mail_store).folder("INBOX")
    assert report.new_bounces == 8 and report.moved == 8

    after_inbox = d.fetch_all()
    processed = d.fetch_all("Processed")
    bounce_hashes = {_sha(b) for u, b in before.items() if b.startswith(b"Return-Path: <>")}
    assert {_sha(b) for b in processed.values()} == bounce_hashes
    # Every non-bounce is where it was, byte for byte, with no flag added.
    non_bounces = {u: b for u, b in before.items() if _sha(b) not in bounce_hashes}
    assert len(non_bounces) == 9
    for uid, data in non_bounces.items():
        assert after_inbox[uid] == data
    flags = d.flags()
    assert all(not flags[u] for u in non_bounces)
    if server_has_move:
        assert set(after_inbox) == set(non_bounces)
    else:
        assert set(after_inbox) == set(before)  # COPY: originals stay, never \Deleted
        bounce_uids = set(before) - set(non_bounces)
        assert all(flags[u] == (FILED_KEYWORD.encode(),) for u in bounce_uids)  # only marked filed
        assert all(b"\\Seen" in f for f in d.flags("Processed").values())
    assert _sync(mail_store).folder("INBOX").moved == 0  # nothing moved twice
    # The server resets UIDVALIDITY: everything is read again, nothing is stored or filed twice.
    d.set_uidvalidity(d.uidvalidity() + 1000)
    again = _sync(mail_store).folder("INBOX")
    stored_before = 1 if server_has_move else 9  # the auto-reply, and with COPY the filed bounces
    assert again.resynced and (again.new, again.duplicates, again.moved) == (0, stored_before, 0)
    assert len(d.fetch_all("Processed")) == 8


def test_bounces_stored_before_a_crash_are_moved_by_the_next_sync(dovecot, mail_store):
    bounce_uids = dovecot.append(mailgen.dsn(i, "pm") for i in range(30))
    dovecot.append(mailgen.ordinary(i, "pm") for i in range(30))
    before = dovecot.fetch_all()
    bounce_hashes = {_sha(before[u]) for u in bounce_uids}
    mail_store.add(dovecot, processed_folder="Processed")

    def crash_after_first_batch(p):
        if p.done == 20:
            dovecot.kill()  # the first batch is stored; its MOVE has not been sent yet

    with pytest.raises(MailError):
        _sync(mail_store, options=SyncOptions(batch_size=20), progress=crash_after_first_batch, max_reconnects=0)
    dovecot.start()
    still_in_inbox = {_sha(b) for b in dovecot.fetch_all().values()} & bounce_hashes
    noted = mail_store.count("SELECT count(*) FROM pending_moves")
    assert still_in_inbox and noted >= 10  # stored, noted, not moved
    assert noted == len(still_in_inbox & _stored_hashes(mail_store))

    report = _sync(mail_store).folder("INBOX")
    assert report.complete and report.moved == 30
    assert {_sha(b) for b in dovecot.fetch_all("Processed").values()} == bounce_hashes
    assert {_sha(b) for b in dovecot.fetch_all().values()} == {_sha(before[u]) for u in before} - bounce_hashes
    assert mail_store.count("SELECT count(*) FROM pending_moves") == 0
    assert mail_store.count("SELECT count(*) FROM messages") == 30


def test_sent_folder_lookup_by_message_id(dovecot, mail_store):
    dovecot.append([mailgen.sent_message(i, "s") for i in (1, 11, 111)], folder="Sent")
    dovecot.append([mailgen.dsn(1, "s")])
    mail_store.add(dovecot)
    fetcher = sent_folder_fetcher(mail_store.data_dir, mail_store.secrets)  # as actions.py builds it
    got = fetcher.fetch_original("work", mailgen.original_message_id(1, "s"))
    assert got is not None and b"Message-ID: <orig-s1@sender.example>" in got
    assert b"order 1." in got and b"order 11." not in got
    assert fetcher.fetch_original("work", "orig-s11@sender.example") is not None  # brackets optional
    assert fetcher.fetch_original("work", "<no-such-id@sender.example>") is None


def test_messages_are_parsed_before_the_write_transaction(dovecot, mail_store, monkeypatch):
    import bouncedesk.intake.rows as rows  # where a fetched message is parsed into rows

    in_transaction = []
    real = rows.analyze_message

    def spy(data):
        in_transaction.append(mail_store.conn.in_transaction)
        return real(data)

    monkeypatch.setattr(rows, "analyze_message", spy)
    dovecot.append(mailgen.dsn(i, "lock") for i in range(3))
    mail_store.add(dovecot)
    assert _sync(mail_store).folder("INBOX").new == 3
    assert in_transaction == [False, False, False]  # the GUI's writes never wait for parsing
