"""Forged, foreign and genuine bounces, end to end with real parts: a Dovecot Sent folder and INBOX,
a sync, an aiosmtpd sink for retries. Only the genuine bounce of a message in the Sent folder acts,
and what a retry sends is our Sent-folder copy, never a message carried inside a bounce."""

from __future__ import annotations

from email import message_from_bytes

import pytest

from bouncedesk import store
from bouncedesk.act import review
from bouncedesk.act.actions import Actions
from bouncedesk.act.outcome import OriginalUnavailableError
from bouncedesk.errors import InputError
from bouncedesk.intake.poller import sent_folder_fetcher, sync_accounts
from tests import bounces
from tests.bounce_factory import SHOP, bounce, original
from tests.integration.smtpd import start_server

pytestmark = pytest.mark.imap

T0 = 1_790_000_000
DAY = 86400
ANN, BOB, CAROL, DAVE = "ann@example.org", "bob@example.org", "carol@example.net", "dave@example.net"


def test_only_the_genuine_bounce_acts_and_nothing_forged_reaches_the_sink(dovecot, mail_store) -> None:
    # What we really sent: an order to Ann and a newsletter to Bob (the Sent folder).
    dovecot.append([
        original(ANN, "<order-1@shop.example>", T0 - 600, subject="Invoice 1042"),
        original(BOB, "<news-9@shop.example>", T0 - 600, subject="Our news"),
    ], folder="Sent")  # fmt: skip
    dovecot.append([
        # Genuine: Ann's mailbox is full; the bounce names our order.
        bounce(ANN, at=T0, status="4.2.2"),
        # Forged: a soft bounce for Bob whose attached "original" is from us, back-dated a week,
        # with a body we never wrote and a Message-ID that is not in the Sent folder.
        bounce(BOB, at=T0 - 7 * DAY, status="4.2.2", message_id="<evil-1@shop.example>"),
        # Forged: it names our real order to Ann, but claims Bob bounced it.
        bounce(BOB, at=T0, status="4.2.2", message_id="<order-1@shop.example>", bounce_id="<f2@mx.example.net>"),
        # Foreign: a DSN and a complaint about addresses we never mailed.
        bounces.dsn(CAROL, "5.1.1", at=T0),
        bounces.complaint(DAVE, at=T0),
    ])  # fmt: skip
    mail_store.add(dovecot, name="shop", sent_folder="Sent")
    conn = mail_store.conn
    sync_accounts(conn, mail_store.secrets, clock=lambda: T0 + 60)

    assert store.require_recipient(conn, ANN).state == "retrying"
    for nobody in (BOB, CAROL, DAVE):
        assert store.get_recipient(conn, nobody) is None, nobody
    waiting = sorted((i.email, i.trust) for i in review.review_items(conn))
    assert waiting == [(BOB, "plausible"), (BOB, "plausible"), (CAROL, "unverified"), (DAVE, "unverified")]
    (ann_result,) = conn.execute("SELECT trust, evidence FROM results WHERE email = ?", (ANN,)).fetchall()
    assert tuple(ann_result) == ("verified", "message-id")

    sink = start_server("plain", users={"alice": dovecot.users["alice"]})
    try:
        acc = store.get_account(conn, "shop")
        store.update_account(conn, acc.id, smtp_host="127.0.0.1", smtp_port=sink.port, smtp_security="none",
                             address=SHOP)
        fetcher = sent_folder_fetcher(mail_store.data_dir, mail_store.secrets)
        actions = Actions(conn, secrets=mail_store.secrets, fetcher=fetcher)
        # Nothing forged can be retried, whatever the user clicks ...
        with pytest.raises(InputError):
            actions.retry_now(BOB, T0 + 2 * DAY)
        # ... and even trusted by hand, a forged bounce has no copy of ours to re-send.
        review.trust_results(conn, [i.result_id for i in review.review_items(conn) if i.email == BOB], T0 + 120)
        assert store.require_recipient(conn, BOB).state == "retrying"
        with pytest.raises(OriginalUnavailableError, match="no message you sent to bob@example.org"):
            actions.retry_now(BOB, T0 + 2 * DAY)
        assert sink.handler.received == []
        # run-due sends exactly one message: our own copy, to Ann.
        report = actions.run_due(T0 + 2 * DAY)
        assert (report.sent, report.skipped) == (1, 1), report.problems  # Bob: unavailable an hour ago
        (got,) = sink.handler.received
        msg = message_from_bytes(got.data)
        assert got.rcpt_tos == [ANN] and msg["Subject"] == "Invoice 1042" and msg["Resent-To"] == ANN
        assert b"your order has shipped" in got.data
    finally:
        sink.stop()
