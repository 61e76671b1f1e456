"""Issue 14.4: corrections that apply backwards (user rules made from a bounce, previewed, undoable)."""

from __future__ import annotations

import json
import time

import pytest

from bouncedesk.act import corrections as cx
from bouncedesk.cli.main import main
from bouncedesk.errors import InputError
from bouncedesk.store import open_store
from bouncedesk.store.events import events_for
from bouncedesk.store.recipients import get_recipient
from tests.bounce_factory import bounce, ingest

NOW = 1_700_000_000
# A provider whose "account is blocked" means the mailbox is suspended for a while, not a dead address.
ODD = "550 5.1.1 <{r}> Account blocked by customer service ref QX{n}9A; try again later"
OTHER = [
    "452 4.2.2 Mailbox full: quota exceeded",
    "550 5.7.1 Service unavailable; client host [192.0.2.7] blocked using zen.spamhaus.org",
    "552 5.3.4 Message size exceeds fixed limit",
    "421 4.7.0 Try again later, closing connection",
    "550 5.7.26 Unauthenticated email is not accepted from this domain",
    "451 4.3.0 Temporary server error",
    "554 5.7.1 Message rejected as spam by content filter",
    "550 5.1.1 The email account that you tried to reach does not exist",
]


def seed(conn):
    """Three suppressed recipients at odd.example (dead-address words that are not), and others."""
    for i, name in enumerate(("ann", "bob", "cy")):
        r = f"{name}@odd.example"
        ingest(conn, bounce(r, at=NOW - 1000 + i, status="5.1.1", message_id=f"<o{i}@shop.example>",
                            diagnostic=ODD.format(r=r, n=1000 + i)), NOW)
    for i, diag in enumerate(OTHER + OTHER):
        r = f"u{i}@other{i}.example"
        status = diag.split()[1]
        ingest(conn, bounce(r, at=NOW - 900 + i, status=status, message_id=f"<x{i}@shop.example>",
                            diagnostic=diag), NOW)


def result_of(conn, email):
    return conn.execute("SELECT id FROM results WHERE email = ?", (email,)).fetchone()[0]


def state(conn, email):
    return get_recipient(conn, email).state


@pytest.fixture
def store(data_dir):
    conn = open_store(data_dir)
    seed(conn)
    yield conn
    conn.close()


def test_pattern_generalises_variable_parts():
    p = cx.derive_pattern("550 5.1.1 <ann@odd.example> Account blocked by customer service ref QX1009A; try later")
    assert p == r"account\s+blocked\s+by\s+customer\s+service\s+ref"
    p = cx.derive_pattern("550 5.1.1 <x@y.example>: Recipient address rejected: User unknown in virtual mailbox table")
    assert p == r"user\s+unknown\s+in\s+virtual\s+mailbox\s+table"
    p = cx.derive_pattern("554 mailbox 12345 of user joe@a.example locked (id a1b2c3) since 2024-01-01 by admin")
    assert "joe" not in p and "12345" not in p and "a1b2c3" not in p and r"\S+" in p
    assert cx.derive_host("dns; mx2.mail.odd.example", "ann@odd.example") == "odd.example"
    assert cx.derive_host("", "ann@Sub.Odd.example") == "sub.odd.example"
    assert cx.derive_host("dns; mx.provider.co.uk", "x@a.example") == "provider.co.uk"
    with pytest.raises(InputError):
        cx.derive_pattern("550 5.1.1 <a@b.example> 12345")


def test_suggestion_matches_its_own_bounce_and_overly_broad_patterns_are_refused(store):
    s = cx.suggest(store, result_of(store, "ann@odd.example"))
    assert s.host == "odd.example" and "account" in s.pattern
    assert cx.check_pattern(store, s.pattern, s.host) == 3
    with pytest.raises(InputError, match="almost any text"):
        cx.check_pattern(store, ".*")
    with pytest.raises(InputError, match="more than 20 %"):
        cx.check_pattern(store, r"5\.\d\.\d+\s+\S")  # most stored diagnostics have a 5.x.x code
    with pytest.raises(InputError, match="more than 20 %"):
        cx.check_pattern(store, "account blocked|mailbox|message")  # 3 + 2 + 4 of 19


def test_hostile_patterns_are_refused_or_linear(store):
    for bad in ["(?<=x)y", r"(a)\1", "x" * 600, "(", ""]:
        with pytest.raises(InputError):
            cx.compile_pattern(bad)
    rx = cx.compile_pattern("(a+)+$ z")  # catastrophic under backtracking; linear under RE2
    t = time.perf_counter()
    assert not rx.search("a" * 100_000 + "!")
    assert time.perf_counter() - t < 0.5


def test_preview_lists_exactly_the_changing_recipients_and_changes_nothing(store, data_dir):
    assert [state(store, f"{n}@odd.example") for n in ("ann", "bob", "cy")] == ["suppressed"] * 3
    events = store.execute("SELECT count(*) FROM events").fetchone()[0]
    plan = cx.plan_correct(store, data_dir, result_of(store, "ann@odd.example"), "suspend", NOW + 10)
    assert sorted((c.email, c.before, c.after) for c in plan.changes) == [
        (f"{n}@odd.example", "suppressed", "retrying") for n in ("ann", "bob", "cy")]
    assert plan.lines()[0] == "3 recipients change:"
    assert len(plan.messages) == 3
    # nothing changed: states, events, results, and no rules file
    assert [state(store, f"{n}@odd.example") for n in ("ann", "bob", "cy")] == ["suppressed"] * 3
    assert store.execute("SELECT count(*) FROM events").fetchone()[0] == events
    assert store.execute("SELECT count(*) FROM results WHERE reason = 'suspend'").fetchone()[0] == 0
    assert not cx.rules_file(data_dir).exists()


def test_apply_then_undo(store, data_dir):
    plan = cx.plan_correct(store, data_dir, result_of(store, "bob@odd.example"), "suspend", NOW + 10)
    done = cx.apply_plan(store, data_dir, plan, NOW + 10)
    assert "3 recipients changed" in done.message
    assert [state(store, f"{n}@odd.example") for n in ("ann", "bob", "cy")] == ["retrying"] * 3
    assert state(store, "u0@other0.example") == "retrying"  # untouched
    ev = events_for(store, get_recipient(store, "ann@odd.example").id)
    assert any(e.why.startswith("correction by you") for e in ev)
    rules = cx.list_rules(store, data_dir)
    assert [(r.id, r.reason, r.host, r.matches) for r in rules] == [(1, "suspend", "odd.example", 3)]
    assert cx.can_undo(store)
    # new bounces of the same kind are read with the correction too
    ingest(store, bounce("dee@odd.example", at=NOW - 500, status="5.1.1", message_id="<o9@shop.example>",
                         diagnostic=ODD.format(r="dee@odd.example", n=77)), NOW + 20)
    assert store.execute("SELECT reason FROM results WHERE email = 'dee@odd.example'").fetchone()[0] == "suspend"

    undone = cx.undo_last(store, data_dir, NOW + 30)
    assert "undo of" in undone.message
    assert not cx.rules_file(data_dir).exists()
    assert [state(store, f"{n}@odd.example") for n in ("ann", "bob", "cy", "dee")] == ["suppressed"] * 4
    ev = events_for(store, get_recipient(store, "ann@odd.example").id)
    assert any(e.why.startswith("correction undone by you") for e in ev)
    with pytest.raises(InputError, match="no correction to undo"):
        cx.undo_last(store, data_dir, NOW + 40)


def test_not_a_bounce(store, data_dir):
    plan = cx.plan_correct(store, data_dir, result_of(store, "cy@odd.example"), "not-a-bounce", NOW + 10)
    assert {c.after for c in plan.changes} == {"active"}
    cx.apply_plan(store, data_dir, plan, NOW + 10)
    assert store.execute("SELECT count(*) FROM results WHERE domain = 'odd.example'").fetchone()[0] == 0
    outcomes = {r[0] for r in store.execute(
        "SELECT outcome FROM messages WHERE orig_message_id IN ('<o0@shop.example>', '<o1@shop.example>', "
        "'<o2@shop.example>')")}
    assert outcomes == {"none"}
    assert state(store, "cy@odd.example") == "active"
    cx.undo_last(store, data_dir, NOW + 20)  # the messages hold no results now: undo still finds them
    assert state(store, "cy@odd.example") == "suppressed"
    assert store.execute("SELECT count(*) FROM results WHERE domain = 'odd.example'").fetchone()[0] == 3


def test_export_import_round_trip(store, data_dir, tmp_path):
    plan = cx.plan_add(store, data_dir, "suspend", r"account\s+blocked\s+by\s+customer", NOW, host="odd.example")
    cx.apply_plan(store, data_dir, plan, NOW)
    out = tmp_path / "rules.json"
    assert cx.export_rules(data_dir, out) == 1
    cx.apply_plan(store, data_dir, cx.plan_remove(store, data_dir, 1, NOW + 1), NOW + 1)
    assert cx.list_rules(store, data_dir) == []
    assert state(store, "ann@odd.example") == "suppressed"
    plan = cx.plan_import(store, data_dir, out, NOW + 2)
    assert len(plan.changes) == 3
    cx.apply_plan(store, data_dir, plan, NOW + 2)
    assert [(r.reason, r.pattern, r.host) for r in cx.list_rules(store, data_dir)] == [
        ("suspend", r"account\s+blocked\s+by\s+customer", "odd.example")]
    assert state(store, "ann@odd.example") == "retrying"
    # importing again adds nothing; a hostile file is refused whole
    assert cx.plan_import(store, data_dir, out, NOW + 3).changes == []
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"corrections": [{"reason": "suspend", "pattern": "(?<=a)b"}]}))
    with pytest.raises(InputError, match="not usable"):
        cx.plan_import(store, data_dir, bad, NOW + 4)


def test_a_broken_correction_in_the_file_is_skipped(store, data_dir, caplog):
    cx.rules_file(data_dir).write_text(json.dumps({"corrections": [
        {"id": 1, "reason": "suspend", "pattern": "(a)\\1"},
        {"id": 2, "reason": "suspend", "pattern": "account blocked", "host": "odd.example"}]}))
    from bouncedesk.classify.rules import load_rules

    load_rules.cache_clear()
    try:
        assert len(load_rules().corrections) == 1 and "skipped" in caplog.text
    finally:
        load_rules.cache_clear()


def test_cli(store, data_dir, tmp_path, capsys):
    rid = result_of(store, "ann@odd.example")
    assert main(["correct", str(rid), "--reason", "suspend"]) == 0
    out = capsys.readouterr().out
    assert "3 recipients change:" in out and "ann@odd.example: suppressed → retrying" in out and "--yes" in out
    assert state(store, "ann@odd.example") == "suppressed"
    assert main(["correct", str(rid), "--reason", "suspend", "--yes"]) == 0
    assert "3 recipients changed" in capsys.readouterr().out
    assert state(store, "ann@odd.example") == "retrying"
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "suspend" in out and "odd.example" in out and "account" in out
    assert main(["rules", "export", str(tmp_path / "r.json")]) == 0
    assert main(["rules", "remove", "1", "--yes"]) == 0
    assert state(store, "ann@odd.example") == "suppressed"
    assert main(["rules", "add", "--reason", "bogus", "--pattern", "x y"]) == 2
    assert main(["rules", "add", "--reason", "suspend", "--pattern", ".*"]) == 2
    assert "almost any text" in capsys.readouterr().err
    assert main(["rules", "import", str(tmp_path / "r.json"), "--yes"]) == 0
    assert state(store, "ann@odd.example") == "retrying"
    assert main(["rules", "undo", "--yes"]) == 0
    assert state(store, "ann@odd.example") == "suppressed"
    assert main(["rules", "add", "--reason", "not-a-bounce", "--pattern", "account blocked by customer",
                 "--host", "odd.example", "--yes"]) == 0
    assert state(store, "bob@odd.example") == "active"
