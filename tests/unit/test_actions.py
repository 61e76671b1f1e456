"""Every action and its undo, on a real SQLite store seeded through the real ingest path.

Sending (retry, contact by SMTP) against a real server is in tests/integration/test_actions_send.py.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.act.actions import Actions
from bouncedesk.act.outcome import OriginalUnavailableError
from bouncedesk.act.retries import MANUAL, UNAVAILABLE, UNDONE
from bouncedesk.errors import InputError
from bouncedesk.policy.settings import HOUR
from tests.bounce_factory import SHOP, bounce, ingest

T0 = 1_717_000_000  # the first bounce
ANN = "ann@example.org"


class DictFetcher:
    """A Sent folder as a dict (the IMAP one is tested against Dovecot)."""

    def __init__(self, messages: dict[str, bytes] | None = None) -> None:
        self.messages = messages or {}
        self.asked: list[tuple[str, str]] = []

    def fetch_original(self, account_name: str, message_id: str) -> bytes | None:
        self.asked.append((account_name, message_id))
        return self.messages.get(message_id)


@pytest.fixture
def conn(tmp_path: Path):
    c = store.connect(tmp_path / "store.sqlite3")
    yield c
    c.close()


@pytest.fixture
def account(conn) -> store.Account:
    # Never contacted in these tests: nothing here reaches the point of talking SMTP.
    return store.add_account(conn, now=T0, name="shop", smtp_host="127.0.0.1", smtp_port=9, smtp_security="none",
                             smtp_username=SHOP, address=SHOP)


def soft_bounce(conn, *, at: int = T0, complete: bool = False, account_id: int | None = None) -> None:
    ingest(conn, bounce(ANN, at=at, complete=complete), at + 60, account_id=account_id)


def state(conn, address: str = ANN) -> store.Recipient:
    return store.require_recipient(conn, address)


def last_event(conn, address: str = ANN) -> store.Event:
    return store.events_for(conn, state(conn, address).id, limit=1)[0]


@pytest.mark.parametrize(
    ("first", "action", "expected"),
    [
        (None, "suppress", "suppressed"),
        ("suppress", "unsuppress", "active"),
        (None, "pause", "paused"),
        ("pause", "resume", "retrying"),
    ],
)
def test_state_actions_log_an_event_and_undo_restores_exactly(conn, first, action, expected) -> None:
    soft_bounce(conn)
    actions = Actions(conn)
    if first:
        getattr(actions, first)(ANN, T0 + 100)
    before = state(conn).policy
    out = getattr(actions, action)(ANN, T0 + 200, why="asked by the customer")
    assert out.state == expected == state(conn).state
    assert out.address == ANN and "→" in out.message
    ev = last_event(conn)
    assert (ev.actor, ev.action, ev.why, ev.at) == ("user", action, "asked by the customer", T0 + 200)
    assert ev.before == before and ev.after == state(conn).policy

    undone = actions.undo(ANN, T0 + 300)
    assert state(conn).policy == before
    assert undone.action == "undo" and undone.state == before.state
    ev_after = store.get_event(conn, ev.id)
    assert ev_after.undone_by == undone.event_id
    assert store.get_event(conn, undone.event_id).undoes == ev.id


def test_undo_walks_back_one_action_at_a_time(conn) -> None:
    soft_bounce(conn)
    actions = Actions(conn)
    actions.pause(ANN, T0 + 100)
    actions.resume(ANN, T0 + 200)
    assert actions.undo(ANN, T0 + 300).state == "paused"
    assert actions.undo(ANN, T0 + 400).state == "retrying"
    with pytest.raises(InputError, match="nothing to undo"):
        actions.undo(ANN, T0 + 500)


def test_undo_is_refused_when_news_came_in_after_the_action(conn) -> None:
    soft_bounce(conn)
    actions = Actions(conn)
    actions.pause(ANN, T0 + 100)
    # A new bounce arrives while paused: the state underneath moves on.
    ingest(conn, bounce(ANN, at=T0 + 3 * HOUR, status="5.1.1", diagnostic="550 5.1.1 No such user"), T0 + 4 * HOUR)
    paused = state(conn)
    assert paused.state == "paused"
    with pytest.raises(InputError, match="changed since the pause"):
        actions.undo(ANN, T0 + 5 * HOUR)
    assert state(conn).policy == paused.policy


def test_suppress_a_new_address_and_bad_input(conn) -> None:
    actions = Actions(conn)
    out = actions.suppress("Bob@Example.org", T0)
    assert out.address == "bob@example.org" and out.state == "suppressed"
    with pytest.raises(InputError, match="already suppressed"):
        actions.suppress("bob@example.org", T0 + 1)
    with pytest.raises(InputError, match="no recipient"):
        actions.pause("nobody@example.org", T0)
    with pytest.raises(InputError, match="not an e-mail address"):
        actions.resume("not-an-address", T0)
    with pytest.raises(InputError, match="not paused"):
        actions.resume("bob@example.org", T0)


def test_mark_resent_counts_an_attempt_and_undo_frees_it(conn) -> None:
    soft_bounce(conn)
    actions = Actions(conn)
    before = state(conn).policy
    t1 = T0 + 30 * HOUR
    out = actions.mark_resent(ANN, t1)
    rec = state(conn)
    assert (rec.state, rec.policy.attempts, rec.policy.last_retry_at) == ("retrying", 1, t1)
    assert rec.policy.next_retry_at == t1 + 48 * HOUR
    (attempt,) = actions.attempts(ANN)
    assert (attempt.id, attempt.status, attempt.attempt, attempt.sent_at) == (out.attempt_id, MANUAL, 1, t1)
    assert attempt.orig_message_id == "<order-1@shop.example>"
    ev = last_event(conn)
    assert (ev.action, ev.actor) == ("retry-sent", "user") and "by hand" in ev.why

    actions.undo(ANN, t1 + 60)
    assert state(conn).policy == before
    (undone,) = actions.attempts(ANN)
    assert undone.status == UNDONE and undone.key != attempt.key
    # The attempt number is free again, under a new row.
    again = actions.mark_resent(ANN, t1 + 120)
    assert again.attempt_id != attempt.id
    assert [a.attempt for a in actions.attempts(ANN)] == [1, 1]


def test_retry_without_original_is_recorded_as_unavailable(conn, account) -> None:
    soft_bounce(conn, complete=False, account_id=account.id)
    fetcher = DictFetcher()
    actions = Actions(conn, fetcher=fetcher)
    before = state(conn).policy
    with pytest.raises(OriginalUnavailableError, match="the Sent folder no longer has it"):
        actions.retry_now(ANN, T0 + 25 * HOUR)
    assert fetcher.asked == [("shop", "<order-1@shop.example>")]
    (attempt,) = actions.attempts(ANN)
    assert attempt.status == UNAVAILABLE and "original unavailable" in attempt.error
    assert state(conn).policy == before  # still due
    ev = last_event(conn)
    assert (ev.action, ev.actor) == ("retry-unavailable", "user")
    # The user sends it by hand and says so: the same attempt becomes 'manual'.
    actions.mark_resent(ANN, T0 + 26 * HOUR)
    (attempt2,) = actions.attempts(ANN)
    assert attempt2.id == attempt.id and attempt2.status == MANUAL
    assert state(conn).policy.attempts == 1


def test_retry_is_refused_for_paused_and_suppressed_without_a_trace(conn, account) -> None:
    soft_bounce(conn, complete=True, account_id=account.id)
    actions = Actions(conn)
    actions.pause(ANN, T0 + 1)
    with pytest.raises(InputError, match="paused"):
        actions.retry_now(ANN, T0 + 2)
    actions.suppress(ANN, T0 + 3)
    with pytest.raises(InputError, match="suppressed"):
        actions.retry_now(ANN, T0 + 4)
    with pytest.raises(InputError, match="suppressed"):
        actions.mark_resent(ANN, T0 + 4)
    assert actions.attempts(ANN) == []


def test_retry_needs_an_account_to_send_from(conn) -> None:
    soft_bounce(conn, complete=True)
    with pytest.raises(InputError, match="no account with an SMTP server"):
        Actions(conn).retry_now(ANN, T0 + 25 * HOUR)
    store.add_account(conn, now=T0, name="a", smtp_host="smtp.a.example", address="x@a.example")
    store.add_account(conn, now=T0, name="b", smtp_host="smtp.b.example", address="x@b.example")
    with pytest.raises(InputError, match="cannot tell which account"):
        Actions(conn).retry_now(ANN, T0 + 25 * HOUR)
    assert Actions(conn).attempts(ANN) == []


def test_contact_by_mailto_in_german_and_its_undo(conn, account) -> None:
    soft_bounce(conn, account_id=account.id)
    actions = Actions(conn)
    with pytest.raises(InputError, match="no alternative address"):
        actions.contact(ANN, T0 + 10)
    actions.set_contact(ANN, T0 + 20, alt_email="Ann.Private@Example.net", phone="+49 30 1234567", note="prefers phone")
    assert actions.contact_info(ANN) == {"alt_email": "ann.private@example.net", "phone": "+49 30 1234567",
                                         "note": "prefers phone"}
    actions.set_contact(ANN, T0 + 25, note="")  # clears only the note
    assert actions.contact_info(ANN)["phone"] == "+49 30 1234567" and actions.contact_info(ANN)["note"] == ""

    out = actions.contact(ANN, T0 + 30, lang="de", via="mailto")
    url = urllib.parse.urlsplit(out.mailto)
    assert url.scheme == "mailto" and url.path == "ann.private@example.net"
    q = urllib.parse.parse_qs(url.query)
    assert "kommen nicht an" in q["subject"][0] and "das Postfach ist voll" in q["body"][0]
    assert SHOP in q["body"][0]  # signed with the account's address
    row = conn.execute("SELECT channel, to_address, language, status FROM contact_attempts").fetchone()
    assert tuple(row) == ("mailto", "ann.private@example.net", "de", "handed to mail client")
    ev = last_event(conn)
    assert (ev.action, ev.actor, ev.at) == ("contact", "user", T0 + 30)

    undo = actions.undo(ANN, T0 + 40)
    assert store.get_event(conn, ev.id).undone_by == undo.event_id
    assert conn.execute("SELECT status FROM contact_attempts").fetchone()[0] == UNDONE
    with pytest.raises(InputError, match="no contact template"):
        actions.contact(ANN, T0 + 50, lang="fr")
    with pytest.raises(InputError, match="alternative address must differ"):
        actions.set_contact(ANN, T0 + 60, alt_email=ANN)


def test_run_due_with_an_injected_clock(conn, account) -> None:
    soft_bounce(conn, complete=False, account_id=account.id)  # no original: nothing is ever sent here
    actions = Actions(conn)
    early = actions.run_due(T0 + 23 * HOUR)
    assert (early.due, early.unavailable) == (0, 0)
    due = actions.run_due(T0 + 24 * HOUR)
    assert (due.due, due.unavailable, due.sent) == (1, 1, 0)
    assert due.problems and ANN in due.problems[0]
    assert [e.actor for e in store.events_for(conn, state(conn).id, limit=1)] == ["scheduler"]
    # Within the back-off it is not tried again; after it, it is.
    assert actions.run_due(T0 + 24 * HOUR + 600).skipped == 1
    assert actions.run_due(T0 + 25 * HOUR + 1).unavailable == 1
    assert len(actions.attempts(ANN)) == 1  # the same attempt row, claimed again


def test_run_due_settles_a_retried_recipient_without_new_bounce(conn) -> None:
    soft_bounce(conn)
    actions = Actions(conn)
    t1 = T0 + 24 * HOUR
    actions.mark_resent(ANN, t1)
    report = actions.run_due(t1 + 48 * HOUR)
    assert (report.settled, report.due) == (1, 0)
    assert state(conn).state == "active"
    assert last_event(conn).actor == "policy"
    # A settled recipient's retry-sent is no longer the state it had: undo refuses.
    with pytest.raises(InputError, match="changed since"):
        actions.undo(ANN, t1 + 49 * HOUR)
