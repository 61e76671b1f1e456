"""Replies in a real Dovecot INBOX recover recipients: only a genuine reply to mail we sent to that
address does; forged ones change nothing; the messages are read as headers only and stay unseen."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from bouncedesk import store
from bouncedesk.intake.poller import sync_accounts
from bouncedesk.policy.recovery import RECOVERY_ACTOR
from bouncedesk.store.recovery import last_recovery
from tests.bounce_factory import bounce, ingest
from tests.sent_mail import sent

pytestmark = pytest.mark.imap

T0 = 1_790_000_000  # the soft bounces
DAY = 86400
NOW = T0 + 3 * DAY  # the sync
ANN = "ann@example.org"
BOB = "bob@example.net"
CARL = "carl@example.com"


def _reply(sender: str, names: str, at: int, subject: str) -> bytes:
    return (
        f"From: {sender.split('@')[0].title()} <{sender}>\r\nTo: Shop <mailer@shop.example>\r\n"
        f"Subject: {subject}\r\nDate: {format_datetime(datetime.fromtimestamp(at, UTC))}\r\n"
        f"Message-ID: <{subject.replace(' ', '-').replace(':', '')}-{at}@mail.test>\r\n"
        f"In-Reply-To: {names}\r\nReferences: {names}\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\nThanks, the parcel came. Talk soon.\r\n"
    ).encode()


def _retrying(conn, email: str, message_id: str) -> None:
    ingest(conn, bounce(email, at=T0, message_id=message_id), T0 + 60)  # records our sent copy too
    assert store.require_recipient(conn, email).state == "retrying"


@pytest.mark.parametrize("processed", [None, "Processed"])  # EXAMINE, and SELECT read-write
def test_only_a_genuine_reply_recovers_and_nothing_is_marked_read(dovecot, mail_store, processed):
    conn = mail_store.conn
    _retrying(conn, ANN, "<order-1@shop.example>")
    _retrying(conn, BOB, "<order-2@shop.example>")
    _retrying(conn, CARL, "<order-3@shop.example>")
    sent(conn, "<news-7@shop.example>", BOB, at=T0 - DAY)  # a message that went to Bob only
    dovecot.append([
        _reply(ANN, "<order-1@shop.example>", T0 + DAY, "Re: Your order"),  # genuine
        _reply(BOB, "<no-such-message@shop.example>", T0 + DAY, "Re: Hello"),  # names nothing we sent
        _reply(CARL, "<news-7@shop.example>", T0 + DAY, "Re: News"),  # our mail, but it went to Bob
        _reply(BOB, "<order-1@shop.example>", T0 + DAY, "Re: Your order"),  # Ann's message, From Bob
    ])  # fmt: skip
    mail_store.add(dovecot, processed_folder=processed)

    [report] = sync_accounts(conn, mail_store.secrets, clock=lambda: NOW)
    inbox = report.folder("INBOX")
    assert inbox.complete and inbox.checked == 4
    assert inbox.fetched == 0  # ordinary mail: headers only, never downloaded
    assert inbox.recovered == 1
    ann = store.require_recipient(conn, ANN)
    assert ann.state == "active" and ann.policy.attempts == 0 and ann.policy.next_retry_at is None
    at, why = last_recovery(conn, ann.id)
    assert at == NOW and why.startswith("replied on ") and why.endswith("'Re: Your order'")
    assert store.events_for(conn, ann.id, limit=1)[0].actor == RECOVERY_ACTOR
    for email in (BOB, CARL):
        assert store.require_recipient(conn, email).state == "retrying", email
    assert all(b"\\Seen" not in flags for flags in dovecot.flags("INBOX").values())
    assert len(dovecot.flags("INBOX")) == 4  # nothing moved away: replies are the user's mail

    # A full re-read (UIDVALIDITY forgotten) meets the same reply again: no second event.
    conn.execute("DELETE FROM folder_state")
    conn.commit()
    [again] = sync_accounts(conn, mail_store.secrets, clock=lambda: NOW + 60)
    assert again.folder("INBOX").recovered == 0
    events = [e.action for e in store.events_for(conn, ann.id)]
    assert events.count("recovered") == 1
