"""Recovery: a later delivery report or a genuine reply makes a retrying or inactive recipient active
again, as an undoable event; forged or older evidence and suppressed or paused recipients never move."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.act.actions import Actions
from bouncedesk.dsn.reply import read_reply_header, reply_header
from bouncedesk.intake.ingest import Ingestor, import_paths
from bouncedesk.intake.rows import Incoming
from bouncedesk.policy.model import ACTIVE, INACTIVE, PAUSED, RETRYING, SUPPRESSED, RecipientState
from bouncedesk.policy.recovery import RECOVERY_ACTOR, apply_reply, recovery_parts, reply_why
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.policy.story import recovery_text
from bouncedesk.store.recovery import last_recovery, recover_by_replies
from bouncedesk.store.settings import load_policy_settings, save_policy_settings
from tests.bounce_factory import bounce, ingest
from tests.sent_mail import sent

T0 = 1_790_000_000
D = 86400
ANN = "ann@example.org"
BOB = "bob@example.net"
DEFAULT = PolicySettings()


# --- the pure policy step ------------------------------------------------------------------------


def _retrying(**kw) -> RecipientState:
    return RecipientState(state=RETRYING, attempts=1, next_retry_at=T0 + 2 * D, last_bounce_at=T0,
                          last_retry_at=T0 + D, last_event_at=T0 + D, recent_bounces=(T0,), reason="4.2.2", **kw)  # fmt: skip


def test_a_newer_reply_recovers_retrying_and_inactive() -> None:
    for before in (_retrying(), replace(_retrying(), state=INACTIVE, next_retry_at=None)):
        t = apply_reply(before, T0 + 3 * D, "Re: your order", T0 + 4 * D, DEFAULT)
        assert t.state.state == ACTIVE and t.state.attempts == 0 and t.state.next_retry_at is None
        assert [e.kind for e in t.effects] == ["recovered"]
        assert t.effects[0].why == "replied on 2026-09-24 14:13 UTC to 'Re: your order'"
        assert t.state.recent_bounces == before.recent_bounces  # `frequent` keeps its own window


def test_a_reply_never_recovers_suppressed_paused_or_active() -> None:
    for st in (SUPPRESSED, ACTIVE):
        before = RecipientState(state=st, last_event_at=T0)
        assert apply_reply(before, T0 + D, "Re: x", T0 + 2 * D, DEFAULT).effects == ()
    paused = replace(_retrying(), state=PAUSED, paused_state=RETRYING)
    t = apply_reply(paused, T0 + 3 * D, "Re: x", T0 + 4 * D, DEFAULT)
    assert t.state == paused and t.effects == ()


def test_a_reply_older_than_the_bounce_or_the_last_event_changes_nothing() -> None:
    before = _retrying()
    assert apply_reply(before, T0 - 60, "Re: x", T0 + 4 * D, DEFAULT).effects == ()  # before the bounce
    assert apply_reply(before, T0 + D, "Re: x", T0 + 4 * D, DEFAULT).effects == ()  # same second as the retry
    assert apply_reply(before, T0 + D + 1, "Re: x", T0 + 4 * D, DEFAULT).effects != ()


def test_the_same_reply_twice_recovers_once_and_the_setting_turns_it_off() -> None:
    first = apply_reply(_retrying(), T0 + 3 * D, "Re: x", T0 + 4 * D, DEFAULT)
    assert apply_reply(first.state, T0 + 3 * D, "Re: x", T0 + 4 * D, DEFAULT).effects == ()
    off = replace(DEFAULT, recover_on_reply=False)
    assert apply_reply(_retrying(), T0 + 3 * D, "Re: x", T0 + 4 * D, off).effects == ()
    assert PolicySettings.from_json(off.to_json()).recover_on_reply is False


def test_a_future_dated_reply_counts_as_now() -> None:
    t = apply_reply(_retrying(), T0 + 400 * D, "Re: x", T0 + 4 * D, DEFAULT)
    assert t.state.last_event_at == T0 + 4 * D


def test_why_texts_read_back_in_both_languages() -> None:
    why = reply_why(T0, "Re: it's\x00 \u202e\n here")  # hostile subject: no control characters, no quote end
    kind, parts = recovery_parts(why)
    assert kind == "reply" and "\x00" not in parts["subject"] and "\n" not in parts["subject"]
    assert "'" not in parts["subject"] and parts["subject"].startswith("Re: it’s")
    en = recovery_text(T0 + D, why, T0 + D, "en", UTC)
    de = recovery_text(T0 + D, why, T0 + D, "de", UTC)
    assert en.startswith("Recovered on 22 Sep at 14:13: the address replied to your mail on 21 Sep at 14:13")
    assert de.startswith(
        "Wieder aktiv seit 22. Sept. um 14:13 Uhr: Die Adresse hat am 21. Sept. um 14:13 Uhr"
    )
    assert recovery_text(T0, "delivery confirmed (2.0.0)", T0, "en", UTC).endswith(
        "your mail arrived (2.0.0)."
    )


def test_reply_headers_are_read_only_when_tied_to_something() -> None:
    head = (b"From: Ann <ann@example.org>\r\nSubject: Re: order\r\nDate: Thu, 24 Sep 2026 10:00:00 +0000\r\n"
            b"In-Reply-To: <Order-1@Shop.Example>\r\nReferences: <a@x> <order-1@shop.example>\r\n\r\n")  # fmt: skip
    r = reply_header(head)
    assert r is not None and r.sender == ANN and r.refs == ("<order-1@shop.example>", "<a@x>")
    assert (
        reply_header(
            head.replace(
                b"In-Reply-To: <Order-1@Shop.Example>\r\nReferences: <a@x> <order-1@shop.example>\r\n", b""
            )
        )
        is None
    )
    assert reply_header(head.replace(b"Date: Thu, 24 Sep 2026 10:00:00 +0000\r\n", b"")) is None
    assert reply_header(head.replace(b"From: Ann <ann@example.org>", b"From: a@x.org, b@y.org")) is None
    # The body is never read: a field-like line there is no header.
    assert read_reply_header(b"From: a@x.org\n\nIn-Reply-To: <order-1@shop.example>\n") is None


# --- a real store: replies, delivery reports, undo -------------------------------------------


@pytest.fixture
def conn(tmp_path: Path):
    c = store.connect(tmp_path / "store.sqlite3")
    yield c
    c.close()


def _reply(sender: str, in_reply_to: str, at: int, subject: str = "Re: Your order") -> bytes:
    return (
        f"From: Someone <{sender}>\nTo: mailer@shop.example\nSubject: {subject}\n"
        f"Date: {format_datetime(datetime.fromtimestamp(at, UTC))}\nMessage-ID: <reply-{sender}-{at}@mail.test>\n"
        f"In-Reply-To: {in_reply_to}\nReferences: {in_reply_to}\n\nThanks, got it.\n"
    ).encode()


def _soft(conn: sqlite3.Connection, email: str = ANN, at: int = T0) -> None:
    ingest(conn, bounce(email, at=at), at + 60)
    assert store.require_recipient(conn, email).state == RETRYING


def test_a_genuine_reply_recovers_forged_ones_do_not(conn: sqlite3.Connection) -> None:
    _soft(conn, ANN)
    _soft(conn, BOB)
    sent(conn, "<news-7@shop.example>", BOB, at=T0 + D)  # a message that went to Bob, not Ann
    forged = [
        read_reply_header(_reply(ANN, "<nothing-we-sent@shop.example>", T0 + 2 * D)),  # names no sent mail
        read_reply_header(_reply(ANN, "<news-7@shop.example>", T0 + 2 * D)),  # sent mail, but to Bob
    ]
    counts = recover_by_replies(conn, forged, T0 + 3 * D)
    assert (counts.replies, counts.verified, counts.unverified, counts.recovered) == (2, 0, 2, 0)
    assert store.require_recipient(conn, ANN).state == RETRYING
    genuine = read_reply_header(_reply(ANN, "<order-1@shop.example>", T0 + 2 * D))
    assert recover_by_replies(conn, [genuine], T0 + 3 * D).recovered == 1
    ann = store.require_recipient(conn, ANN)
    assert ann.state == ACTIVE and ann.policy.reason == "replied"
    at, why = last_recovery(conn, ann.id)
    assert at == T0 + 3 * D and why.startswith("replied on ")
    assert store.require_recipient(conn, BOB).state == RETRYING  # Bob did not reply


def test_undo_puts_the_recipient_back_exactly_and_the_reply_does_not_come_back(
    conn: sqlite3.Connection,
) -> None:
    _soft(conn, ANN)
    before = store.require_recipient(conn, ANN).policy
    reply = read_reply_header(_reply(ANN, "<order-1@shop.example>", T0 + 2 * D))
    assert recover_by_replies(conn, [reply], T0 + 3 * D).recovered == 1
    Actions(conn).undo(ANN, T0 + 4 * D)
    after = store.require_recipient(conn, ANN)
    assert after.policy == before  # state, attempts, next retry, counters of the cycle
    assert last_recovery(conn, after.id) is None  # undone: the pane no longer says it recovered
    # The same reply read again (a re-sync) is remembered: it does not recover a second time.
    assert recover_by_replies(conn, [reply], T0 + 5 * D).recovered == 0
    assert store.require_recipient(conn, ANN).policy == before


def test_suppressed_and_paused_recipients_are_never_recovered_by_a_reply(conn: sqlite3.Connection) -> None:
    ingest(conn, bounce(ANN, at=T0, status="5.1.1", diagnostic="550 5.1.1 no such user"), T0 + 60)
    _soft(conn, BOB)
    store.apply_user_action(conn, BOB, "pause", T0 + 100)
    replies = [read_reply_header(_reply(e, "<order-1@shop.example>", T0 + 2 * D)) for e in (ANN, BOB)]
    assert recover_by_replies(conn, replies, T0 + 3 * D).recovered == 0
    assert store.require_recipient(conn, ANN).state == SUPPRESSED
    assert store.require_recipient(conn, BOB).state == PAUSED


def test_recover_on_reply_off_changes_nothing(conn: sqlite3.Connection) -> None:
    _soft(conn, ANN)
    save_policy_settings(conn, replace(load_policy_settings(conn), recover_on_reply=False), T0)
    reply = read_reply_header(_reply(ANN, "<order-1@shop.example>", T0 + 2 * D))
    counts = recover_by_replies(conn, [reply], T0 + 3 * D)
    assert counts.verified == 1 and counts.recovered == 0
    assert store.require_recipient(conn, ANN).state == RETRYING


def test_a_reply_in_an_imported_mbox_recovers_once(conn: sqlite3.Connection, tmp_path: Path) -> None:
    _soft(conn, ANN)
    mbox = tmp_path / "inbox.mbox"
    body = _reply(ANN, "<order-1@shop.example>", T0 + 2 * D)
    mbox.write_bytes(b"From ann@example.org Thu Sep 24 10:00:00 2026\n" + body + b"\n")
    counts = import_paths(conn, [str(mbox)], T0 + 3 * D)
    assert counts.recovered == 1
    assert store.require_recipient(conn, ANN).state == ACTIVE
    assert import_paths(conn, [str(mbox)], T0 + 4 * D).recovered == 0  # the same file again: nothing new
    rec = store.require_recipient(conn, ANN)
    assert [e.action for e in store.events_for(conn, rec.id)].count("recovered") == 1


def test_a_delivered_report_recovers_as_an_undoable_event(conn: sqlite3.Connection) -> None:
    _soft(conn, ANN)
    before = store.require_recipient(conn, ANN).policy
    ingest(conn, bounce(ANN, at=T0 + 2 * D, status="2.0.0", diagnostic="250 2.0.0 OK"), T0 + 2 * D + 60)
    rec = store.require_recipient(conn, ANN)
    assert rec.state == ACTIVE
    ev = store.events_for(conn, rec.id, limit=1)[0]
    assert (ev.actor, ev.action, ev.why) == (RECOVERY_ACTOR, "recovered", "delivery confirmed (2.0.0)")
    Actions(conn).undo(ANN, T0 + 3 * D)
    assert store.require_recipient(conn, ANN).policy == before


def test_a_forged_delivered_report_recovers_nobody_and_waits_for_review(conn: sqlite3.Connection) -> None:
    _soft(conn, ANN)
    forged = bounce(ANN, at=T0 + 2 * D, status="2.0.0", message_id="<not-ours@elsewhere.test>",
                    diagnostic="250 OK")  # fmt: skip
    Ingestor(conn).ingest_batch([Incoming(forged, "test:forged")], T0 + 2 * D + 60)
    assert store.require_recipient(conn, ANN).state == RETRYING
    review = conn.execute("SELECT review FROM results WHERE kind = 'delivered'").fetchone()[0]
    assert review == "pending"


def test_a_paused_recipient_ignores_a_delivery_report(conn: sqlite3.Connection) -> None:
    _soft(conn, ANN)
    store.apply_user_action(conn, ANN, "pause", T0 + 100)
    before = store.require_recipient(conn, ANN).policy
    ingest(conn, bounce(ANN, at=T0 + 2 * D, status="2.0.0", diagnostic="250 2.0.0 OK"), T0 + 2 * D + 60)
    assert store.require_recipient(conn, ANN).policy == before


# --- `frequent` decays over its window, everywhere it is counted -------------------------------


def test_frequent_decays_and_follows_a_changed_window(conn: sqlite3.Connection) -> None:
    for k in range(3):  # three counted bounces within 30 days: frequent
        ingest(conn, bounce(ANN, at=T0 + k * D, bounce_id=f"<b{k}@mx.example.net>"), T0 + k * D + 60)
    frequent = lambda now: store.segment_counts(conn, now)["frequent"]  # noqa: E731
    listed = lambda now: [r.email for r in store.list_recipients(conn, now, segment="frequent")]  # noqa: E731
    assert frequent(T0 + 3 * D) == 1 and listed(T0 + 3 * D) == [ANN]
    assert frequent(T0 + 31 * D) == 0 and listed(T0 + 31 * D) == []  # the window passed: no longer frequent
    # A longer window applies to the stored recipients at once, not only after their next bounce.
    save_policy_settings(conn, replace(load_policy_settings(conn), frequent_days=60), T0 + 31 * D)
    assert frequent(T0 + 31 * D) == 1
    save_policy_settings(conn, replace(load_policy_settings(conn), frequent_count=4), T0 + 31 * D)
    assert frequent(T0 + 31 * D) == 0  # only three bounces counted


@pytest.fixture
def cli_conn(tmp_path: Path):
    """The store a `--data-dir tmp_path` CLI opens."""
    from bouncedesk.config import store_path

    c = store.connect(store_path(tmp_path))
    yield c
    c.close()


def test_the_cli_lists_recoveries_with_when_and_why(
    cli_conn: sqlite3.Connection, tmp_path: Path, capsys
) -> None:
    from bouncedesk.cli.main import main

    conn = cli_conn
    _soft(conn, ANN)
    recover_by_replies(
        conn, [read_reply_header(_reply(ANN, "<order-1@shop.example>", T0 + 2 * D))], T0 + 3 * D
    )
    assert main(["recoveries", "--data-dir", str(tmp_path), "--json"]) == 0
    line = capsys.readouterr().out.strip()
    assert (
        line.startswith('{"recipient": "ann@example.org", "at": "2026-09-24T14:13:20Z"')
        and '"undone": false' in line
    )
    assert main(["recoveries", "Ann@Example.org", "--data-dir", str(tmp_path), "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert "Wieder aktiv seit" in out and "„Re: Your order“" in out
    assert main(["undo", ANN, "--data-dir", str(tmp_path)]) == 0  # the CLI's undo takes it back
    assert store.require_recipient(conn, ANN).state == RETRYING
    capsys.readouterr()
    main(["recoveries", "--data-dir", str(tmp_path)])
    assert "(undone)" in capsys.readouterr().out


def test_a_reparse_keeps_a_recovery_by_reply(conn: sqlite3.Connection) -> None:
    from bouncedesk.intake.reparse import rebuild_recipients

    _soft(conn, ANN)
    _soft(conn, BOB)
    reply = read_reply_header(_reply(ANN, "<order-1@shop.example>", T0 + 2 * D))
    assert recover_by_replies(conn, [reply], T0 + 3 * D).recovered == 1
    ids = [store.require_recipient(conn, e).id for e in (ANN, BOB)]
    with conn:  # what a reparse or a correction does to the recipients its results touch
        rebuild_recipients(conn, ids, T0 + 4 * D, load_policy_settings(conn))
    assert store.require_recipient(conn, ANN).state == ACTIVE  # no stored result holds the reply: replayed
    assert store.require_recipient(conn, BOB).state == RETRYING


def test_bouncedesk_import_says_who_recovered(cli_conn: sqlite3.Connection, tmp_path: Path, capsys) -> None:
    from bouncedesk.cli.main import main

    real_now = int(time.time())  # the CLI's clock
    _soft(cli_conn, ANN, at=real_now - 5 * D)
    mbox = tmp_path / "replies.mbox"
    reply = _reply(ANN, "<order-1@shop.example>", real_now - 2 * D)
    mbox.write_bytes(b"From x Thu Sep 24 10:00:00 2026\n" + reply + b"\n")
    assert main(["import", str(mbox), "--data-dir", str(tmp_path)]) == 0
    assert "1 recipient active again after a reply to your mail" in capsys.readouterr().err
    assert store.require_recipient(cli_conn, ANN).state == ACTIVE


def test_a_hostile_reply_header_is_read_bounded() -> None:
    refs = b" ".join(b"<m%d@x.test>" % i for i in range(200_000))  # ~2.6 MB of References
    head = (
        b"From: ann@example.org\r\nDate: Thu, 24 Sep 2026 10:00:00 +0000\r\nReferences: " + refs + b"\r\n\r\n"
    )
    r = reply_header(head)
    assert r is None or len(r.refs) <= 50  # cut at the header cap: never every Message-ID
    nested = b"From: " + b"(" * 50_000 + b"ann@example.org\r\nIn-Reply-To: <a@b>\r\nDate: x\r\n\r\n"
    assert reply_header(nested) is None  # no readable Date (and no clean From): nothing to act on
