"""Search over the server's words and subjects on a real SQLite store filled through the real ingest."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.intake.analysis import Analysis, analyze_message
from bouncedesk.intake.reparse import reparse_all
from bouncedesk.store import introspect
from bouncedesk.store import search as fts
from bouncedesk.store.db import recover_store
from bouncedesk.store.schema import migrate
from tests.bounce_factory import bounce, ingest

T0 = 1_767_225_600


def _integrity(conn: sqlite3.Connection) -> None:
    """FTS5 compares the index with the text it reads from `search_docs`: any stale entry fails."""
    conn.execute("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")


def _fill(conn: sqlite3.Connection, items: list[tuple[str, str]]) -> None:
    for i, (rcpt, diag) in enumerate(items):
        status = diag.split()[1] if diag[:1] in "45" else "5.0.0"
        ingest(conn, bounce(rcpt, at=T0 + i * 60, status=status, diagnostic=diag,
                            message_id=f"<m{i}@shop.example>"), T0 + 7200)  # fmt: skip


@pytest.fixture()
def conn(tmp_path: Path):
    c = store.connect(tmp_path / "s.sqlite3")
    yield c
    c.close()


@pytest.fixture()
def filled(conn):
    _fill(conn, [
        ("ann@one.example", "550 5.1.1 <ann@one.example>: Recipient address rejected: User unknown"),
        ("bob@two.example", "452 4.2.2 Mailbox full, try again later"),
        ("cat@three.example", "554 5.7.1 Client host rejected: listed at zen.spamhaus.org"),
        ("dan@four.example", "452 4.2.2 Mailbox quota exceeded"),
        ("eve@five.example", "550 5.1.1 Benutzer unbekannt – Postfach gelöscht"),
    ])  # fmt: skip
    return conn


def _emails(answer: fts.SearchAnswer) -> list[str]:
    return [h.recipient for h in answer.hits]


HOSTILE = ['"', '""', '"mailbox', "*", "mail*", "AND", "OR NOT", "-", "-mailbox", "words:full", "NEAR(a b)",
           "^full", "(", ")", "{words}: x", "mailbox AND", "'; DROP TABLE results; --", "\x00", "\u202e",
           "a" * 5000, " ".join(["mailbox"] * 100)]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_only_words(filled, text: str) -> None:
    answer = fts.search(filled, text)  # never an FTS5 syntax error
    assert isinstance(answer.hits, list)
    assert filled.execute("SELECT count(*) FROM results").fetchone()[0] == 5


def test_query_quotes_every_word_and_prefixes_the_last() -> None:
    assert fts.fts_query('mail "box" AND -xy') == '"mail" """box""" "AND" "-xy"*'
    assert fts.fts_query("mailbox fu") == '"mailbox" "fu"'  # too short to stand for every word it starts
    assert fts.fts_query("- * :") == ""  # punctuation alone can match nothing
    assert fts.fts_query("full", prefix=False) == '"full"'
    assert len(fts.words(" ".join(f"w{i}" for i in range(40)))) == fts.MAX_WORDS


def test_operators_typed_are_searched_as_words(filled) -> None:
    # "AND" is not an operator here: no result says "and", so nothing matches.
    assert fts.search(filled, "mailbox AND full").hits == []
    assert _emails(fts.search(filled, "mailbox full")) == ["bob@two.example"]


def test_prefix_of_the_last_word(filled) -> None:
    assert _emails(fts.search(filled, "mailb")) == ["dan@four.example", "bob@two.example"]
    assert _emails(fts.search(filled, "spamh")) == ["cat@three.example"]
    assert fts.search(filled, "mailb", 5).hits[0].kind == "bounce"


def test_codes_addresses_and_diacritics(filled) -> None:
    assert _emails(fts.search(filled, "5.7.1")) == ["cat@three.example"]
    assert _emails(fts.search(filled, "ann@one.example")) == ["ann@one.example"]
    assert _emails(fts.search(filled, "geloscht")) == ["eve@five.example"]  # ö found as o


def test_newest_first_with_limit_and_more(filled) -> None:
    answer = fts.search(filled, "order", limit=2)
    assert answer.more
    assert len(answer.hits) == 2
    assert [h.at for h in answer.hits] == sorted((h.at for h in answer.hits), reverse=True)
    assert answer.hits[0].recipient == "eve@five.example"
    whole = fts.search(filled, "order", limit=10)
    assert not whole.more and len(whole.hits) == 5
    assert [h.result_id for h in whole.hits] == sorted((h.result_id for h in whole.hits), reverse=True)


def test_snippet_is_plain_text_of_the_match(filled) -> None:
    hit = fts.search(filled, "spamhaus").hits[0]
    assert "spamhaus" in hit.snippet
    assert "<" not in hit.snippet.replace("<ann", "")  # no highlight markup added
    assert hit.code == "5.7.1" and hit.subject == "Your order"


def test_subject_is_searched(filled) -> None:
    assert len(fts.search(filled, "your order").hits) == 5


def _forget_index(conn: sqlite3.Connection) -> None:
    """The index as a store from before it has it: empty, nothing marked as indexed."""
    conn.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
    conn.execute("UPDATE search_state SET indexed_upto = 0")


def test_import_batch_indexes_its_own_results(conn) -> None:
    _fill(conn, [("ann@one.example", "550 5.1.1 User unknown")])
    assert fts.behind(conn) == 0
    assert _emails(fts.search(conn, "unknown", up_to_date=False)) == ["ann@one.example"]
    _integrity(conn)


def test_big_backlog_is_left_to_catch_up(conn, monkeypatch) -> None:
    _fill(conn, [("ann@one.example", "550 5.1.1 User unknown")])
    _forget_index(conn)
    monkeypatch.setattr(fts, "INLINE_MAX", 1)
    _fill(conn, [("bob@two.example", "550 5.1.1 User unknown here too")])
    assert fts.behind(conn) == 2  # the batch did not take on the backlog
    assert fts.search(conn, "unknown", up_to_date=False).hits == []
    assert fts.catch_up(conn) == 2
    assert fts.behind(conn) == 0
    assert _emails(fts.search(conn, "unknown", up_to_date=False)) == ["bob@two.example", "ann@one.example"]
    assert fts.catch_up(conn) == 0
    _integrity(conn)


def test_catch_up_in_chunks_reports_progress(conn) -> None:
    _fill(conn, [(f"u{i}@x.example", f"550 5.1.1 user{i} unknown") for i in range(7)])
    _forget_index(conn)
    seen: list[tuple[int, int]] = []
    assert fts.catch_up(conn, chunk=3, progress=lambda d, t: seen.append((d, t))) == 7
    assert seen == [(3, 7), (6, 7), (7, 7)]
    _integrity(conn)


def test_deleted_result_leaves_no_stale_hit(filled) -> None:
    fts.catch_up(filled)
    rid = fts.search(filled, "spamhaus").hits[0].result_id
    filled.execute("DELETE FROM results WHERE id = ?", (rid,))
    _integrity(filled)
    assert fts.search(filled, "spamhaus").hits == []


def test_deleted_newest_id_reused_gets_indexed(filled) -> None:
    fts.catch_up(filled)
    top = filled.execute("SELECT max(id) FROM results").fetchone()[0]
    filled.execute("DELETE FROM results WHERE id = ?", (top,))
    assert fts.indexed_upto(filled) == top - 1  # the mark followed the deleted newest row back
    _fill(filled, [("zed@six.example", "550 5.1.1 Zebra mailbox gone")])
    assert filled.execute("SELECT max(id) FROM results").fetchone()[0] == top  # SQLite reused the id
    assert _emails(fts.search(filled, "zebra")) == ["zed@six.example"]
    _integrity(filled)


def test_deleted_message_takes_its_words_along(filled) -> None:
    fts.catch_up(filled)
    mid = fts.search(filled, "quota").hits[0].message_id
    filled.execute("DELETE FROM messages WHERE id = ?", (mid,))
    _integrity(filled)
    assert fts.search(filled, "quota").hits == []


def test_changed_subject_and_words_are_reindexed(filled) -> None:
    fts.catch_up(filled)
    hit = fts.search(filled, "quota").hits[0]
    filled.execute("UPDATE messages SET orig_subject = 'Winter catalogue' WHERE id = ?", (hit.message_id,))
    filled.execute("UPDATE results SET diagnostic = 'a new text' WHERE id = ?", (hit.result_id,))
    _integrity(filled)
    assert _emails(fts.search(filled, "catalogue")) == ["dan@four.example"]
    assert fts.search(filled, "quota").hits == []
    assert _emails(fts.search(filled, "new text")) == ["dan@four.example"]
    filled.execute("DELETE FROM results WHERE id = ?", (hit.result_id,))  # as a re-parse does after
    _integrity(filled)
    assert fts.search(filled, "catalogue").hits == []


def test_reparse_leaves_no_stale_hits(filled) -> None:
    fts.catch_up(filled)
    assert len(fts.search(filled, "mailbox").hits) == 2

    def reworded(data: bytes) -> Analysis:
        a = analyze_message(data)
        results = [(dataclasses.replace(f, diagnostic=(f.diagnostic or "").replace("Mailbox", "Inbox")), v)
                   for f, v in a.results]  # fmt: skip
        return Analysis(a.parsed, results)

    counts = reparse_all(filled, T0 + 9000, analyze=reworded)
    assert counts.changed == 2
    assert fts.behind(filled) == 0  # the re-parse indexed its new results itself
    _integrity(filled)
    assert fts.search(filled, "mailbox").hits == []
    assert _emails(fts.search(filled, "inbox")) == ["dan@four.example", "bob@two.example"]
    _integrity(filled)


def test_rebuild_and_optimize_keep_the_answers(filled) -> None:
    fts.catch_up(filled)
    before = fts.search(filled, "5.1.1").hits
    assert fts.rebuild(filled) == 5
    fts.optimize(filled)
    _integrity(filled)
    assert fts.search(filled, "5.1.1").hits == before


def test_old_store_is_indexed_after_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = store.connect(path)
    _fill(conn, [("ann@one.example", "550 5.1.1 Mailbox unavailable")])
    conn.close()
    # Take the store back to version 8: no index, no views, as an earlier BounceDesk left it.
    raw = sqlite3.connect(path, isolation_level=None)
    for kind, name in raw.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger') OR name = 'search_index'"
        " OR name = 'search_state'"
    ).fetchall():
        raw.execute(f"DROP {'TABLE' if kind == 'table' else kind.upper()} IF EXISTS {name}")
    raw.execute("PRAGMA user_version = 8")
    raw.close()
    conn = store.connect(path)
    try:
        assert introspect.index_present(conn)
        assert fts.behind(conn) == 1
        assert _emails(fts.search(conn, "unavailable")) == ["ann@one.example"]
        _integrity(conn)
    finally:
        conn.close()


def test_recovered_store_indexes_again(tmp_path: Path) -> None:
    """`doctor --repair` copies rows, never the index: the copy starts unindexed and catches up."""
    path = tmp_path / "r.sqlite3"
    conn = store.connect(path)
    _fill(
        conn,
        [
            ("ann@one.example", "554 5.7.1 listed at zen.spamhaus.org"),
            ("bob@two.example", "452 Mailbox full"),
        ],
    )
    conn.close()
    rec = recover_store(path, T0)
    assert rec.copied["results"] == 2 and "search_index_data" not in rec.copied
    conn = store.connect(path)
    try:
        assert fts.behind(conn) == 2
        assert _emails(fts.search(conn, "spamhaus")) == ["ann@one.example"]
        _integrity(conn)
    finally:
        conn.close()


def test_stable_views_exist_and_answer(filled) -> None:
    views = introspect.stable_views(filled)
    assert sorted(views) == sorted(introspect.STABLE_VIEWS)
    assert {"date", "recipient", "kind", "code", "reason", "hard", "side", "server_words", "subject",
            "account"} <= set(views["bounces"])  # fmt: skip
    filled.execute("UPDATE recipients SET state = 'suppressed' WHERE email = 'ann@one.example'")
    for name in introspect.STABLE_VIEWS:
        rows = filled.execute(f"SELECT * FROM {name}").fetchall()
        assert rows, name
    row = filled.execute("SELECT * FROM bounces WHERE recipient = 'cat@three.example'").fetchone()
    assert (
        row["code"] == "5.7.1" and "spamhaus" in row["server_words"] and row["date"].startswith("2026-01-01")
    )
    assert filled.execute("SELECT recipient FROM suppressions").fetchall()[0][0] == "ann@one.example"
    assert filled.execute("SELECT sum(count) FROM daily_counts").fetchone()[0] == 5


def test_match_condition_filters_sql_lists(filled) -> None:
    fts.catch_up(filled)
    cond = fts.match_condition("mailbox", limit=1)
    assert cond is not None
    sql, params = cond
    ids = [r[0] for r in filled.execute(f"SELECT r.id FROM results r WHERE {sql}", params)]
    assert len(ids) == 1
    assert fts.match_condition("  * - ") is None


def test_migration_from_fresh_keeps_sqlite_utils_pragma_off(filled) -> None:
    introspect.stable_views(filled)
    assert filled.execute("PRAGMA recursive_triggers").fetchone()[0] == 0
    assert migrate(filled) == store.SCHEMA_VERSION
