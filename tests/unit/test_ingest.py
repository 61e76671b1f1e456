"""Ingest into a real store file: identity and idempotence, unparseable mail, rollups, policy, reparse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.dsn.model import ParsedMessage
from bouncedesk.errors import InputError
from bouncedesk.intake.analysis import Analysis, analyze_message
from bouncedesk.intake.ingest import Ingestor, import_paths
from bouncedesk.intake.reparse import reparse_all
from bouncedesk.intake.rows import imap_incoming
from bouncedesk.store.rawcodec import decompress_raw
from tests import bounces
from tests.sent_mail import record_sent_for

T0 = 1_700_000_000
D = 86400
NOW = T0 + 3600


def message_set() -> dict[str, bytes]:
    """One message of each interesting kind."""
    return {
        "hard.eml": bounces.dsn("gone@example.com", "5.1.1", at=T0, serial=1),
        "soft.eml": bounces.dsn("away@example.com", "4.2.1", at=T0, serial=2),
        "full.eml": bounces.dsn("full@example.net", "4.2.2", at=T0 - D, serial=3),
        "blocked.eml": bounces.dsn("fine@example.org", "5.7.1", at=T0, serial=4),
        "delay.eml": bounces.dsn("slow@example.net", "4.4.7", action="delayed", at=T0, serial=5),
        "complaint.eml": bounces.complaint("angry@example.org", at=T0, serial=6),
        "lunch.eml": bounces.not_a_bounce(serial=7),
        "junk.eml": bounces.garbage(8),
    }


def write_set(folder: Path) -> dict[str, bytes]:
    """The message set as files."""
    msgs = message_set()
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in msgs.items():
        (folder / name).write_bytes(data)
    return msgs


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = store.connect(tmp_path / "s.sqlite3")
    record_sent_for(c, *message_set().values())  # the Sent folder holds what the set's bounces are about
    yield c
    c.close()


def snapshot(conn: sqlite3.Connection) -> dict:
    """Everything an import may change, comparable between runs."""
    out = store.store_counts(conn)
    out["states"] = sorted(tuple(r) for r in conn.execute("SELECT email, state, attempts, next_retry_at FROM recipients"))
    out["rollup"] = sorted(tuple(r) for r in conn.execute("SELECT * FROM daily_rollup"))
    out["alerts"] = sorted(tuple(r) for r in conn.execute("SELECT account_id, reason, count FROM sender_alerts"))
    return out


def check_rollups(conn: sqlite3.Connection) -> None:
    """The rollups hold exactly the counts of the stored results (plus unparseable messages)."""
    from_results = conn.execute(
        "SELECT at / 86400, kind, reason, domain, count(*) FROM results GROUP BY 1, 2, 3, 4"
        " UNION ALL SELECT received_at / 86400, 'unparseable', '', '', count(*) FROM messages"
        " WHERE outcome = 'unparseable' GROUP BY 1"
    ).fetchall()
    assert sorted(map(tuple, from_results)) == sorted(map(tuple, conn.execute("SELECT * FROM daily_rollup")))
    totals = conn.execute("SELECT day, kind, reason, sum(count) FROM daily_rollup GROUP BY 1, 2, 3").fetchall()
    assert sorted(map(tuple, totals)) == sorted(map(tuple, conn.execute("SELECT * FROM daily_totals")))


def test_import_twice_stores_once(conn: sqlite3.Connection, tmp_path: Path) -> None:
    write_set(tmp_path / "in")
    first = import_paths(conn, [str(tmp_path / "in")], NOW)
    assert (first.messages, first.new, first.duplicates, first.unparseable) == (8, 8, 0, 1)
    bounce_results = conn.execute("SELECT count(*) FROM results WHERE kind = 'bounce'").fetchone()[0]
    assert first.bounces == bounce_results >= 4
    before = snapshot(conn)
    again = import_paths(conn, [str(tmp_path / "in")], NOW + 60)
    assert (again.messages, again.new, again.duplicates, again.bounces, again.unparseable) == (8, 0, 8, 0, 0)
    assert snapshot(conn) == before
    check_rollups(conn)


def test_same_bytes_from_another_place_are_the_same_message(conn: sqlite3.Connection, tmp_path: Path) -> None:
    data = bounces.dsn("twice@example.com", "5.1.1", at=T0)
    store.add_account(conn, name="work", now=T0)
    (tmp_path / "a.eml").write_bytes(data)
    import_paths(conn, [str(tmp_path / "a.eml")], NOW)
    res = Ingestor(conn).ingest_batch([imap_incoming(1, "INBOX", 7, 42, data)], NOW)
    assert res.counts.duplicates == 1 and not res.items[0].new and res.items[0].is_report
    assert store.store_counts(conn)["messages"] == 1
    keys = sorted(r[0] for r in conn.execute("SELECT source_key FROM message_sources"))
    assert keys == [f"file:{tmp_path / 'a.eml'}", "imap:1:7:42:INBOX"]
    # A changed UIDVALIDITY re-reads the folder: still one message.
    Ingestor(conn).ingest_batch([imap_incoming(1, "INBOX", 8, 1, data)], NOW)
    assert store.store_counts(conn)["messages"] == 1


def test_unparseable_mail_is_kept_with_its_reason_and_bytes(conn: sqlite3.Connection, tmp_path: Path) -> None:
    msgs = write_set(tmp_path / "in")
    import_paths(conn, [str(tmp_path / "in")], NOW)
    row = conn.execute(
        "SELECT m.outcome, m.error, m.raw_size, r.data FROM messages m JOIN raw_messages r ON r.message_id = m.id"
        " JOIN message_sources s ON s.message_id = m.id WHERE s.path LIKE '%junk.eml'"
    ).fetchone()
    assert row["outcome"] == "unparseable" and row["error"]
    assert decompress_raw(row["data"]) == msgs["junk.eml"] and row["raw_size"] == len(msgs["junk.eml"])
    none = conn.execute(
        "SELECT m.outcome FROM messages m JOIN message_sources s ON s.message_id = m.id WHERE s.path LIKE '%lunch.eml'"
    ).fetchone()
    assert none["outcome"] == "none"


def test_policy_follows_each_result(conn: sqlite3.Connection, tmp_path: Path) -> None:
    write_set(tmp_path / "in")
    import_paths(conn, [str(tmp_path / "in")], NOW)

    def rec(email: str) -> store.Recipient:
        r = store.get_recipient(conn, email)
        assert r is not None, email
        return r

    assert rec("gone@example.com").state == "suppressed"
    assert rec("angry@example.org").state == "suppressed"
    away = rec("away@example.com")
    assert away.state == "retrying" and away.policy.next_retry_at == T0 + D
    assert (away.last_status, away.last_reason) == ("4.2.1", "suspend")
    assert rec("full@example.net").policy.next_retry_at == T0  # bounced a day earlier: due since T0
    assert rec("slow@example.net").state == "active" and rec("slow@example.net").delays == 1
    fine = rec("fine@example.org")
    assert fine.state == "active" and fine.policy.recent_bounces == ()
    alerts = conn.execute("SELECT reason, count FROM sender_alerts").fetchall()
    assert [tuple(a) for a in alerts] == [("blocked", 1)]
    due = [p.email for p in store.pending_retries(conn, NOW, due_only=True)]
    assert due == ["full@example.net"]
    assert [p.email for p in store.pending_retries(conn, NOW)] == ["full@example.net", "away@example.com"]
    temp = [r.email for r in store.list_recipients(conn, NOW, segment="temporarily-disabled")]
    assert temp == ["away@example.com"]
    ev = store.events_for(conn, away.id)
    assert [(e.actor, e.action) for e in ev] == [("policy", "retry-scheduled")]
    assert ev[0].result_id == away.last_result_id


def test_frequent_bouncer_is_flagged(conn: sqlite3.Connection) -> None:
    acc = store.add_account(conn, name="work", now=T0)
    items = [imap_incoming(acc.id, "INBOX", 1, i, bounces.dsn("often@example.com", "4.2.2", at=T0 + i * 5 * D))
             for i in range(3)]  # fmt: skip
    record_sent_for(conn, *(it.data for it in items))
    Ingestor(conn).ingest_batch(items, T0 + 20 * D)
    assert [r.email for r in store.list_recipients(conn, T0 + 20 * D, segment="frequent")] == ["often@example.com"]
    assert store.list_recipients(conn, T0 + 41 * D, segment="frequent") == []


def test_batch_joins_the_callers_transaction(conn: sqlite3.Connection) -> None:
    """IMAP stores messages and its folder position together: a failure keeps neither."""
    data = bounces.dsn("inner@example.com", "5.1.1", at=T0)
    record_sent_for(conn, data)
    acc = store.add_account(conn, name="work", now=T0)
    with pytest.raises(RuntimeError), store.transaction(conn):
        Ingestor(conn).ingest_batch([imap_incoming(acc.id, "INBOX", 1, 1, data)], NOW)
        store.save_folder_state(conn, acc.id, "INBOX", 1, 1, NOW)
        raise RuntimeError("connection lost")
    assert store.store_counts(conn)["messages"] == 0 and store.get_folder_state(conn, acc.id, "INBOX") is None
    with store.transaction(conn):
        Ingestor(conn).ingest_batch([imap_incoming(acc.id, "INBOX", 1, 1, data)], NOW)
        store.save_folder_state(conn, acc.id, "INBOX", 1, 1, NOW)
    assert store.store_counts(conn)["messages"] == 1 and store.get_folder_state(conn, acc.id, "INBOX").last_uid == 1
    assert store.get_recipient(conn, "inner@example.com").last_account_id == acc.id


def test_import_batches_are_bounded_by_count_and_by_bytes(conn: sqlite3.Connection, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Memory stays flat however big the messages: a batch ends at BATCH_SIZE messages or BATCH_BYTES."""
    import bouncedesk.intake.ingest as ingest

    parts = [bounces.dsn(f"b{i}@example.com", "5.1.1", at=T0 + i) for i in range(7)]
    box = tmp_path / "bounces.mbox"
    box.write_bytes(b"".join(b"From MAILER-DAEMON Tue Nov 14 22:13:20 2023\n" + p + b"\n" for p in parts))
    seen: list[int] = []
    monkeypatch.setattr(ingest, "BATCH_BYTES", 2 * max(len(p) for p in parts))  # two or three per batch
    counts = import_paths(conn, [str(box)], NOW, progress=lambda c: seen.append(c.messages))
    assert counts.new == 7 and len(seen) >= 3 and seen[-1] == 7
    assert all(b - a <= 3 for a, b in zip([0, *seen], seen, strict=False))
    monkeypatch.setattr(ingest, "BATCH_BYTES", 10**9)
    seen.clear()
    counts = import_paths(conn, [str(box)], NOW, batch_size=4, progress=lambda c: seen.append(c.messages))
    assert counts.duplicates == 7 and seen == [4, 7]


def test_mbox_positions_are_separate_sources(conn: sqlite3.Connection, tmp_path: Path) -> None:
    box = tmp_path / "bounces.mbox"
    parts = [bounces.dsn(f"m{i}@example.com", "5.1.1", at=T0 + i) for i in range(3)]
    box.write_bytes(b"".join(b"From MAILER-DAEMON Tue Nov 14 22:13:20 2023\n" + p + b"\n" for p in parts))
    counts = import_paths(conn, [str(box)], NOW)
    assert (counts.messages, counts.new, counts.bounces) == (3, 3, 3)
    keys = sorted(r[0] for r in conn.execute("SELECT source_key FROM message_sources"))
    assert keys == [f"file:{box}#{i}" for i in (1, 2, 3)]


def test_missing_path_stores_nothing(conn: sqlite3.Connection, tmp_path: Path) -> None:
    write_set(tmp_path / "in")
    with pytest.raises(InputError, match="no such file"):
        import_paths(conn, [str(tmp_path / "in"), str(tmp_path / "missing")], NOW)
    assert store.store_counts(conn)["messages"] == 0


def _old_parser(data: bytes) -> Analysis:
    """Stands in for an earlier parser release that could not read Exim-style DSNs of gone@."""
    if b"gone@example.com" in data:
        return Analysis(ParsedMessage(outcome="unparseable", error="old parser: no reader for this format"), [])
    return analyze_message(data)


def test_reparse_updates_results_and_keeps_user_actions(conn: sqlite3.Connection, tmp_path: Path) -> None:
    write_set(tmp_path / "in")
    import_paths(conn, [str(tmp_path / "in")], NOW, analyze=_old_parser)
    assert store.get_recipient(conn, "gone@example.com") is None
    store.apply_user_action(conn, "away@example.com", "pause", NOW + 10)
    store.apply_user_action(conn, "fine@example.org", "suppress", NOW + 20)
    check_rollups(conn)

    counts = reparse_all(conn, NOW + 100)
    assert counts.messages == 8 and counts.changed == 1
    assert counts.results_after == counts.results_before + 1
    assert store.get_recipient(conn, "gone@example.com").state == "suppressed"
    away = store.get_recipient(conn, "away@example.com")
    assert away.state == "paused" and away.policy.paused_state == "retrying"
    assert store.get_recipient(conn, "fine@example.org").state == "suppressed"
    check_rollups(conn)
    msg = conn.execute(
        "SELECT m.outcome, m.error FROM messages m JOIN message_sources s ON s.message_id = m.id"
        " WHERE s.path LIKE '%hard.eml'"
    ).fetchone()
    assert (msg["outcome"], msg["error"]) == ("report", "")
    # Reparsing again changes nothing.
    before = snapshot(conn)
    again = reparse_all(conn, NOW + 200)
    assert again.changed == 0 and snapshot(conn) == before
