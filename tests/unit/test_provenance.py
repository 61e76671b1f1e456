"""Provenance: only bounces tied to mail we sent move a recipient; the rest wait for review.

Real SQLite store, real ingest path, self-written bounces (tests/bounces.py, tests/bounce_factory.py).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.act import review
from bouncedesk.act.actions import Actions
from bouncedesk.errors import InputError
from bouncedesk.intake.ingest import Ingestor
from bouncedesk.intake.reparse import reparse_all
from bouncedesk.intake.rows import Incoming
from bouncedesk.policy.provenance import (
    EV_BEFORE_SENT,
    EV_MESSAGE_ID,
    EV_NONE,
    EV_OTHER_RECIPIENT,
    EV_OWN_DOMAIN,
    EV_OWN_SENDER,
    EV_REFERENCES,
    PLAUSIBLE,
    REVIEW_DISMISSED,
    REVIEW_PENDING,
    UNVERIFIED,
    VERIFIED,
    OwnIdentity,
    SentMatch,
    describe_evidence,
    judge,
)
from tests import bounces
from tests.bounce_factory import bounce
from tests.sent_mail import sent

T0 = 1_790_000_000
D = 86400
ANN, BOB, EVE = "ann@example.org", "bob@example.org", "eve@example.net"


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = store.connect(tmp_path / "s.sqlite3")
    yield c
    c.close()


def take(conn: sqlite3.Connection, data: bytes, now: int) -> None:
    Ingestor(conn).ingest_batch([Incoming(data, f"test:{hash(data)}")], now)


def results(conn: sqlite3.Connection) -> list[tuple]:
    return [tuple(r) for r in conn.execute(
        "SELECT email, trust, review, evidence, recipient_id IS NOT NULL FROM results ORDER BY id")]  # fmt: skip


# --- the pure judgement ----------------------------------------------------------------------

SENT = {"<m1@shop.example>": [SentMatch(1, "<m1@shop.example>", frozenset({ANN}), T0)]}
OWN = OwnIdentity(frozenset({"news@shop.example"}), frozenset({"shop.example"}))


@pytest.mark.parametrize(
    ("email", "at", "orig", "refs", "sender", "trust", "code"),
    [
        (ANN, T0 + 60, "<m1@shop.example>", [], None, VERIFIED, EV_MESSAGE_ID),
        (ANN, T0 + 60, None, ["<x@y.example>", "<m1@shop.example>"], None, VERIFIED, EV_REFERENCES),
        (BOB, T0 + 60, "<m1@shop.example>", [], None, PLAUSIBLE, EV_OTHER_RECIPIENT),
        (ANN, T0 - 5 * D, "<m1@shop.example>", [], None, PLAUSIBLE, EV_BEFORE_SENT),
        (ANN, T0, "<never@shop.example>", [], None, PLAUSIBLE, EV_OWN_DOMAIN),
        (ANN, T0, "<x@elsewhere.example>", [], "news@shop.example", PLAUSIBLE, EV_OWN_SENDER),
        (ANN, T0, "<x@elsewhere.example>", [], "someone@elsewhere.example", UNVERIFIED, EV_NONE),
        (ANN, T0, None, [], None, UNVERIFIED, EV_NONE),
    ],
)
def test_judge(email, at, orig, refs, sender, trust, code) -> None:
    ev = judge(email, at, orig, refs, sender, SENT, OWN)
    assert (ev.trust, ev.code) == (trust, code)
    assert (ev.sent_id == 1) == (code in (EV_MESSAGE_ID, EV_REFERENCES, EV_OTHER_RECIPIENT, EV_BEFORE_SENT))


def test_evidence_words_in_both_languages() -> None:
    en = describe_evidence(EV_MESSAGE_ID, "en", subject="Invoice 1042", date="3 Dec", email=ANN)
    de = describe_evidence(EV_MESSAGE_ID, "de", subject="Invoice 1042", date="3 Dec", email=ANN)
    assert "Invoice 1042" in en and ANN in en and en.startswith("Matches your message")
    assert "Invoice 1042" in de and de.startswith("Passt zu Ihrer Nachricht")
    assert describe_evidence("bogus-code") == describe_evidence(EV_NONE)


# --- ingest ----------------------------------------------------------------------------------


def test_genuine_bounce_acts_and_forged_ones_wait(conn: sqlite3.Connection) -> None:
    sent(conn, "<order-1@shop.example>", ANN, at=T0 - 600, subject="Your order")
    take(conn, bounce(ANN, at=T0, status="5.1.1", diagnostic="550 5.1.1 no such user"), T0 + 60)
    assert store.require_recipient(conn, ANN).state == "suppressed"
    # A forged DSN and an ARF complaint for addresses we never mailed: stored, nothing moves.
    take(conn, bounces.dsn(EVE, "5.1.1", at=T0), T0 + 60)
    take(conn, bounces.complaint(BOB, at=T0), T0 + 60)
    assert store.get_recipient(conn, EVE) is None and store.get_recipient(conn, BOB) is None
    assert results(conn) == [
        (ANN, VERIFIED, "", EV_MESSAGE_ID, 1),
        (EVE, UNVERIFIED, REVIEW_PENDING, EV_NONE, 0),
        (BOB, UNVERIFIED, REVIEW_PENDING, EV_NONE, 0),
    ]
    assert sorted(i.email for i in review.review_items(conn)) == [BOB, EVE]
    assert review.count_review(conn) == 2


def test_forged_soft_bounce_with_our_address_as_sender_schedules_nothing(conn: sqlite3.Connection) -> None:
    """The relay attack: a 4.2.2 bounce whose attached "original" claims to be from us."""
    sent(conn, "<order-1@shop.example>", ANN, at=T0 - 600)
    forged = bounce(ANN, at=T0, status="4.2.2", message_id="<forged-77@shop.example>")
    take(conn, forged, T0 + 60)
    assert store.get_recipient(conn, ANN) is None
    ((_email, trust, rev, code, linked),) = results(conn)
    assert (trust, rev, code, linked) == (PLAUSIBLE, REVIEW_PENDING, EV_OWN_DOMAIN, 0)
    assert store.pending_retries(conn, T0 + 10 * D) == []


def test_trust_acts_undo_puts_it_back_and_dismiss_changes_nothing(conn: sqlite3.Connection) -> None:
    take(conn, bounces.dsn(EVE, "5.1.1", at=T0), T0 + 60)
    take(conn, bounces.dsn(BOB, "5.1.1", at=T0), T0 + 60)
    eve, bob = sorted(review.review_items(conn), key=lambda i: i.email != EVE)
    out = review.trust_results(conn, [eve.result_id], T0 + 120)
    assert (out.count, out.moved) == (1, 1)
    assert store.require_recipient(conn, EVE).state == "suppressed"
    ev = store.events_for(conn, store.require_recipient(conn, EVE).id)[-1]
    assert (ev.actor, ev.action) == ("user", "trust")
    Actions(conn).undo(EVE, T0 + 180)
    assert store.require_recipient(conn, EVE).state == "active"
    assert [i.email for i in review.review_items(conn)].count(EVE) == 1  # waiting again
    review.dismiss_results(conn, [bob.result_id], T0 + 200)
    assert store.get_recipient(conn, BOB) is None
    assert conn.execute("SELECT review FROM results WHERE id = ?", (bob.result_id,)).fetchone()[0] == REVIEW_DISMISSED
    with pytest.raises(InputError, match="nothing to dismiss"):
        review.dismiss_results(conn, [bob.result_id], T0 + 200)


def test_a_bounce_before_its_sent_copy_is_verified_once_the_copy_is_known(conn: sqlite3.Connection) -> None:
    take(conn, bounce(ANN, at=T0, status="4.2.2"), T0 + 60)
    assert store.get_recipient(conn, ANN) is None
    assert review.review_notice(conn)  # no sent mail known at all: said once, clearly
    sent(conn, "<order-1@shop.example>", ANN, at=T0 - 600)
    assert review.review_notice(conn) == ""
    assert review.recheck_pending(conn, T0 + 120) == 1
    rec = store.require_recipient(conn, ANN)
    assert rec.state == "retrying" and rec.policy.next_retry_at == T0 + D
    assert results(conn) == [(ANN, VERIFIED, "", EV_MESSAGE_ID, 1)]


def test_trust_setting_all_lets_every_bounce_act(conn: sqlite3.Connection) -> None:
    store.save_policy_settings(conn, replace(store.load_policy_settings(conn), trust="all"), T0)
    take(conn, bounces.dsn(EVE, "5.1.1", at=T0), T0 + 60)
    assert store.require_recipient(conn, EVE).state == "suppressed"
    assert review.count_review(conn) == 0 and review.review_notice(conn) == ""


def test_reparse_keeps_trust_decisions_and_untrusted_stays_inert(conn: sqlite3.Connection) -> None:
    take(conn, bounces.dsn(EVE, "5.1.1", at=T0), T0 + 60)
    take(conn, bounces.dsn(BOB, "5.1.1", at=T0), T0 + 60)
    eve = next(i for i in review.review_items(conn) if i.email == EVE)
    review.trust_results(conn, [eve.result_id], T0 + 120)
    conn.execute("UPDATE results SET diagnostic = 'changed'")  # make reparse rewrite every result
    reparse_all(conn, T0 + 300)
    assert store.require_recipient(conn, EVE).state == "suppressed"
    assert store.get_recipient(conn, BOB) is None
    assert sorted(r[:3] for r in results(conn)) == [(BOB, UNVERIFIED, REVIEW_PENDING), (EVE, UNVERIFIED, "trusted")]


# --- time: old news schedules nothing -------------------------------------------------------


def test_soft_bounce_older_than_the_schedule_is_history(conn: sqlite3.Connection) -> None:
    sent(conn, "<order-1@shop.example>", ANN, BOB, at=T0 - 600)
    span = store.load_policy_settings(conn).history_span
    assert span == (24 + 48 + 72 + 168) * 3600
    take(conn, bounce(ANN, at=T0, status="4.2.2"), T0 + span + 3600)  # arrived 13 days late
    take(conn, bounce(BOB, at=T0, status="4.2.2"), T0 + span - 3600)  # just inside the span
    ann, bob = store.require_recipient(conn, ANN), store.require_recipient(conn, BOB)
    assert ann.state == "active" and ann.bounces == 1
    assert "not retried" in store.events_for(conn, ann.id)[-1].why
    assert bob.state == "retrying"
    # Reparse judges by when the bounce arrived, not by today: the same verdicts.
    conn.execute("UPDATE results SET diagnostic = 'changed'")
    reparse_all(conn, T0 + 400 * D)
    assert store.require_recipient(conn, ANN).state == "active"
    assert store.require_recipient(conn, BOB).state in ("retrying", "active")  # settled long after, at most


def test_run_due_dry_run_and_max(conn: sqlite3.Connection) -> None:
    for i in range(3):
        addr = f"p{i}@example.org"
        sent(conn, f"<order-{i}@shop.example>", addr, at=T0 - 600, subject=f"Order {i}")
        take(conn, bounce(addr, at=T0, status="4.2.2", message_id=f"<order-{i}@shop.example>"), T0 + 60)
    actions = Actions(conn)
    preview = actions.due_preview(T0 + 2 * D)
    assert sorted(p.subject for p in preview) == ["Order 0", "Order 1", "Order 2"]
    assert all(p.bounce_at == T0 and p.attempt == 1 for p in preview)
    events_before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    report = actions.run_due(T0 + 2 * D, dry_run=True, max_sends=2)
    assert (report.due, len(report.planned), report.deferred, report.sent) == (3, 2, 1, 0)
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == events_before
    assert conn.execute("SELECT count(*) FROM retry_attempts").fetchone()[0] == 0
    # No SMTP account: each try fails with the same cause, said once.
    report = actions.run_due(T0 + 2 * D, max_sends=2)
    assert (report.failed, report.deferred) == (2, 1)
    (line,) = report.grouped_problems()
    assert line.startswith("2 recipients (") and "no account with an SMTP server" in line
