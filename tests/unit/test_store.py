"""The store on real SQLite files: migrations, recipients and their event log, queries, accounts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bouncedesk import store
from bouncedesk.errors import InputError, StoreError
from bouncedesk.policy import PolicySettings, RecipientState, is_retry_due
from bouncedesk.store.recipients import STATE_COLUMNS, state_values
from bouncedesk.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate

T0 = 1_700_000_000
D = 86400


def _schema(path: Path) -> list[tuple]:
    db = sqlite_utils.Database(str(path))
    try:
        return sorted(
            db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
        )
    finally:
        db.close()


def _seed(conn: sqlite3.Connection, version: int) -> None:
    """Rows a store of `version` could hold (written with v1's columns only)."""
    conn.execute("INSERT INTO accounts(id, name, host, created_at) VALUES (1, 'work', 'imap.example.org', 1)")
    conn.execute(
        "INSERT INTO messages(id, content_hash, source_key, received_at, outcome, raw_size, parsed_at)"
        " VALUES (1, x'00', 'file:/a', ?, 'report', 3, ?)",
        (T0, T0),
    )
    conn.execute("INSERT INTO raw_messages(message_id, data) VALUES (1, x'789c')")
    conn.execute("INSERT INTO recipients(id, email, domain, state, first_seen_at, updated_at)"
                 " VALUES (1, 'a@example.com', 'example.com', 'suppressed', ?, ?)", (T0, T0))  # fmt: skip
    conn.execute("INSERT INTO results(id, message_id, idx, kind, recipient_id, email, domain, reason, at)"
                 " VALUES (1, 1, 1, 'bounce', 1, 'a@example.com', 'example.com', 'userunknown', ?)", (T0,))  # fmt: skip
    conn.executemany(
        "INSERT INTO daily_rollup(day, kind, reason, domain, count) VALUES (?, 'bounce', 'userunknown', ?, ?)",
        [(T0 // D, "example.com", 1), (T0 // D, "example.net", 4), (T0 // D + 1, "example.com", 2)],
    )
    if version >= 2:  # from v2 on, the ingest keeps the totals next to the domain rollup
        conn.executemany("INSERT INTO daily_totals(day, kind, reason, count) VALUES (?, 'bounce', 'userunknown', ?)",
                         [(T0 // D, 5), (T0 // D + 1, 2)])  # fmt: skip


@pytest.mark.parametrize("start", range(SCHEMA_VERSION))
def test_migrates_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    store.connect(fresh).close()
    old = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(old, isolation_level=None)
    assert migrate(conn, target=start) == start
    if start >= 1:
        _seed(conn, start)
    conn.close()

    conn = store.connect(old)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert _schema(old) == _schema(fresh)
    if start >= 1:
        rec = store.get_recipient(conn, "a@example.com")
        assert rec is not None and rec.state == "suppressed"
        assert store.store_counts(conn)["results"] == 1
        # The domain-less totals: derived by v2 from what v1 had, or kept since.
        totals = conn.execute("SELECT day, count FROM daily_totals ORDER BY day").fetchall()
        assert [tuple(r) for r in totals] == [(T0 // D, 5), (T0 // D + 1, 2)]
    # v4's sent counts start empty (nothing was counted before) and take counts at once.
    assert store.sent_counts(conn) == {}
    if start >= 1:
        store.add_sent_counts(conn, 1, {T0 // D: 40})
        assert store.sent_counts(conn, 1) == {T0 // D: 40}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_migrations_are_listed_once_each() -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION and len(set(map(id, MIGRATIONS))) == SCHEMA_VERSION


def test_store_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    store.connect(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = _schema(path)
    with pytest.raises(StoreError, match="newer BounceDesk"):
        store.connect(path)
    assert _schema(path) == before


def test_a_file_that_is_no_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("shopping list: milk, eggs\n" * 200)
    with pytest.raises(StoreError, match="not a usable BounceDesk store"):
        store.connect(path)


def test_wal_mode_and_foreign_keys(tmp_path: Path) -> None:
    conn = store.connect(tmp_path / "s.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_open_store_follows_data_dir_override(data_dir: Path, tmp_path: Path) -> None:
    store.open_store().close()
    assert (data_dir / "bouncedesk.sqlite3").is_file()
    other = tmp_path / "elsewhere"
    store.open_store(other).close()
    assert (other / "bouncedesk.sqlite3").is_file()


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = store.connect(tmp_path / "s.sqlite3")
    yield c
    c.close()


def test_user_actions_are_logged_with_before_and_after(conn: sqlite3.Connection) -> None:
    rec, t, ev = store.apply_user_action(conn, "Someone@Example.COM", "suppress", T0, create=True)
    assert rec.email == "someone@example.com" and rec.state == "suppressed"
    rec, _, ev2 = store.apply_user_action(conn, "someone@example.com", "unsuppress", T0 + 60, why="asked by phone")
    assert rec.state == "active"
    events = store.events_for(conn, rec.id)
    assert [(e.actor, e.action, e.from_state, e.to_state) for e in events] == [
        ("user", "unsuppress", "suppressed", "active"),
        ("user", "suppress", "active", "suppressed"),
    ]
    assert events[0].why == "asked by phone" and events[0].at == T0 + 60
    assert events[0].before.state == "suppressed" and events[0].after.state == "active"
    # Undo the unsuppress by putting back its `before` state.
    last = store.last_user_event(conn, rec.id)
    assert last is not None and last.id == ev2
    undo = store.restore_state(conn, rec.id, last.before, T0 + 120, why="undo unsuppress", undoes=last.id)
    assert store.get_recipient(conn, rec.id).state == "suppressed"
    assert store.get_event(conn, ev2).undone_by == undo
    assert store.last_user_event(conn, rec.id).id == ev  # the undone action and the undo are skipped


def test_actions_on_unknown_or_bad_addresses_are_input_errors(conn: sqlite3.Connection) -> None:
    with pytest.raises(InputError, match="no recipient"):
        store.apply_user_action(conn, "nobody@example.com", "pause", T0)
    with pytest.raises(InputError, match="not an e-mail address"):
        store.apply_user_action(conn, "no address", "pause", T0, create=True)
    store.ensure_recipient(conn, "x@example.com", T0)
    with pytest.raises(InputError, match="not suppressed"):
        store.apply_user_action(conn, "x@example.com", "unsuppress", T0)
    assert store.events_for(conn, store.get_recipient(conn, "x@example.com").id) == []


def test_retry_sent_and_settle(conn: sqlite3.Connection) -> None:
    rec = store.ensure_recipient(conn, "r@example.com", T0)
    rec, t, _ = store.record_retry_sent(conn, "r@example.com", T0, actor="run-due")
    assert rec.state == "retrying" and rec.policy.attempts == 1 and rec.policy.next_retry_at == T0 + 48 * 3600
    assert store.settle_due(conn, T0 + 48 * 3600 - 1) == 0
    assert store.settle_due(conn, T0 + 48 * 3600) == 1
    rec = store.get_recipient(conn, rec.id)
    assert rec.state == "active"
    assert [e.action for e in store.events_for(conn, rec.id)] == ["recovered", "retry-sent"]


def test_policy_settings_are_kept_in_the_store(conn: sqlite3.Connection) -> None:
    assert store.load_policy_settings(conn) == PolicySettings()
    custom = PolicySettings(max_attempts=5, code_actions={"4.2.1": "suppress"})
    store.save_policy_settings(conn, custom, T0)
    assert store.load_policy_settings(conn) == custom


def test_accounts_and_folder_state(conn: sqlite3.Connection) -> None:
    cols = {c.name for c in sqlite_utils.Database(conn)["accounts"].columns}
    assert not any("pass" in c for c in cols)
    acc = store.add_account(conn, name="work", host="imap.example.org", port=993, username="me",
                            folders=["INBOX", "Bounces"], now=T0)  # fmt: skip
    assert acc.folders == ["INBOX", "Bounces"] and store.get_account(conn, "work").id == acc.id
    with pytest.raises(InputError, match="exists already"):
        store.add_account(conn, name="work", now=T0)
    with pytest.raises(InputError):
        store.add_account(conn, name="x", security="maybe", now=T0)
    store.save_folder_state(conn, acc.id, "INBOX", 42, 100, T0)
    store.save_folder_state(conn, acc.id, "INBOX", 42, 180, T0 + 5)
    fs = store.get_folder_state(conn, acc.id, "INBOX")
    assert (fs.uidvalidity, fs.last_uid, fs.synced_at) == (42, 180, T0 + 5)
    store.delete_account(conn, acc.id)
    assert store.get_folder_state(conn, acc.id, "INBOX") is None and store.list_accounts(conn) == []


def test_pending_moves_are_kept_per_uidvalidity_and_go_with_their_account(conn: sqlite3.Connection) -> None:
    acc = store.add_account(conn, name="work", now=T0)
    with store.transaction(conn):
        store.add_pending_moves(conn, acc.id, "INBOX", 7, [5, 3, 9, 3])
        store.add_pending_moves(conn, acc.id, "Other", 7, [1])
    assert store.pending_moves(conn, acc.id, "INBOX", 7) == [3, 5, 9]
    store.clear_pending_moves(conn, acc.id, "INBOX", 7, [5])
    assert store.pending_moves(conn, acc.id, "INBOX", 7) == [3, 9]
    # A new UIDVALIDITY: the old UIDs name nothing any more.
    assert store.pending_moves(conn, acc.id, "INBOX", 8) == []
    assert store.pending_moves(conn, acc.id, "INBOX", 7) == []
    assert store.pending_moves(conn, acc.id, "Other", 7) == [1]
    store.delete_account(conn, acc.id)
    assert conn.execute("SELECT count(*) FROM pending_moves").fetchone()[0] == 0


def test_sent_counts_add_up_recount_and_go_with_their_account(conn: sqlite3.Connection) -> None:
    a = store.add_account(conn, name="a", now=T0)
    b = store.add_account(conn, name="b", now=T0)
    day = T0 // D
    store.add_sent_counts(conn, a.id, {day: 3, day + 1: 2})
    store.add_sent_counts(conn, a.id, {day + 1: 4, day + 2: 0})  # incremental: adds; a zero day is no row
    store.add_sent_counts(conn, b.id, {day: 10})
    assert store.sent_counts(conn, a.id) == {day: 3, day + 1: 6}
    assert store.sent_counts(conn) == {day: 13, day + 1: 6}
    # A recount replaces the account's days (all of them), not the other account's.
    store.save_sent_counts(conn, a.id, "Sent", 7, 25, {day + 5: 1}, T0 + 9, replace=True)
    assert store.sent_counts(conn, a.id) == {day + 5: 1} and store.sent_counts(conn, b.id) == {day: 10}
    pos = store.get_sent_position(conn, a.id, "Sent")
    assert (pos.uidvalidity, pos.last_uid, pos.synced_at) == (7, 25, T0 + 9)
    # Kept apart from the bounce sync's position of a folder with the same name.
    assert store.get_folder_state(conn, a.id, "Sent") is None
    # A failing transaction keeps neither the counts nor the position.
    with pytest.raises(sqlite3.IntegrityError), store.transaction(conn):
        store.save_sent_counts(conn, a.id, "Sent", 7, 30, {day + 6: 2}, T0 + 10)
        conn.execute("INSERT INTO accounts(id, name, created_at) VALUES (?, 'a', 0)", (a.id,))
    assert store.sent_counts(conn, a.id) == {day + 5: 1} and store.get_sent_position(conn, a.id, "Sent").last_uid == 25
    store.delete_account(conn, a.id)
    assert store.sent_counts(conn) == {day: 10} and store.get_sent_position(conn, a.id, "Sent") is None


_times = st.one_of(st.none(), st.integers(T0 - 10 * D, T0 + 10 * D))
_states = st.builds(
    RecipientState,
    state=st.sampled_from(["active", "retrying", "inactive", "suppressed", "paused"]),
    attempts=st.integers(0, 6),
    next_retry_at=_times,
    last_bounce_at=_times,
    last_retry_at=_times,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(states=st.lists(_states, min_size=1, max_size=25), offset=st.integers(-5 * D, 5 * D))
def test_pending_retries_query_agrees_with_the_policy(conn: sqlite3.Connection, states, offset: int) -> None:
    conn.execute("DELETE FROM recipients")
    cols = ", ".join(STATE_COLUMNS)
    for i, s in enumerate(states):
        conn.execute(
            f"INSERT INTO recipients(id, email, domain, {cols}, first_seen_at, updated_at)"
            f" VALUES (?, ?, 'example.com', {', '.join('?' * len(STATE_COLUMNS))}, 0, 0)",
            (i + 1, f"r{i}@example.com", *state_values(s)),
        )
    now = T0 + offset
    policy = PolicySettings()
    due = {p.recipient_id for p in store.pending_retries(conn, now, due_only=True)}
    expected = {i + 1 for i, s in enumerate(states) if is_retry_due(s, now, policy)}
    assert due == expected
    assert store.count_pending_retries(conn, now, due_only=True) == len(expected)
    pending = store.pending_retries(conn, now)
    assert due <= {p.recipient_id for p in pending}
    assert [p.due_at for p in pending] == sorted(p.due_at for p in pending)


def test_segments(conn: sqlite3.Connection) -> None:
    rows = [
        ("a@one.example", "retrying", "4.2.1", "suspend", None),
        ("b@one.example", "suppressed", "5.1.1", "userunknown", None),
        ("c@two.example", "inactive", "4.2.2", "mailboxfull", T0 + D),
        ("d@two.example", "active", "4.2.1", "suspend", T0 - 1),
        ("e@two.example", "retrying", "4.7.0", "suspend", None),
    ]
    for email, state, status, reason, freq in rows:
        conn.execute(
            "INSERT INTO recipients(email, domain, state, last_status, last_reason, frequent_until, first_seen_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0)",
            (email, email.split("@")[1], state, status, reason, freq),
        )

    def seg(name: str) -> list[str]:
        return [r.email for r in store.list_recipients(conn, T0, segment=name, order="email")]

    assert seg("temporarily-disabled") == ["a@one.example", "e@two.example"]
    assert seg("frequent") == ["c@two.example"]
    assert seg("reason:suspend") == ["a@one.example", "d@two.example", "e@two.example"]
    assert seg("status:4.2.1") == ["a@one.example", "d@two.example"]
    assert seg("status:4") == ["a@one.example", "c@two.example", "d@two.example", "e@two.example"]
    assert seg("domain:ONE.example") == ["a@one.example", "b@one.example"]
    assert seg("suppressed") == ["b@one.example"]
    assert store.count_recipients(conn, T0, state="retrying", segment="domain:two.example") == 1
    counts = store.segment_counts(conn, T0)
    assert counts["all"] == 5 and counts["retrying"] == 2 and counts["temporarily-disabled"] == 2
    assert set(store.do_not_send(conn)) == {"b@one.example", "c@two.example"}
    with pytest.raises(InputError, match="unknown segment"):
        seg("bogus")
    with pytest.raises(InputError, match="no account"):
        seg("account:nope")
