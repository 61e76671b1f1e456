"""`bouncedesk search` end to end: bounces synced from a real Dovecot or imported from files, then
found by their server's words through the CLI (--json and the table), the index kept by the sync."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from bouncedesk.cli.main import main
from tests.bounce_factory import bounce
from tests.integration import mailgen


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def _lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


@pytest.mark.imap
def test_synced_bounces_are_found_by_their_words(dovecot, data_dir, keyring_file, capsys, monkeypatch):
    dovecot.append([mailgen.dsn(i, "fts") for i in range(6)] + [mailgen.ordinary(i, "fts") for i in range(3)])
    rc, _out, err = run(capsys, monkeypatch, "account", "add", "work", "--host", "127.0.0.1", "--port",
                        str(dovecot.port), "--security", "plain", "--user", "alice", "--password-stdin",
                        stdin="alice-secret\n")  # fmt: skip
    assert rc == 0, err
    rc, out, err = run(capsys, monkeypatch, "sync")
    assert rc == 0, err
    # The sync's own batches indexed what they stored: nothing is left for the catch-up.
    conn = sqlite3.connect(data_dir / "bouncedesk.sqlite3")
    try:
        top = conn.execute("SELECT max(id) FROM results").fetchone()[0]
        assert conn.execute("SELECT indexed_upto FROM search_state").fetchone()[0] == top
    finally:
        conn.close()

    rc, out, err = run(capsys, monkeypatch, "search", "mailbox", "--json")
    assert rc == 0, err
    hits = _lines(out)
    assert len(hits) == 4
    assert all("Mailbox" in h["snippet"] for h in hits)
    assert [h["at"] for h in hits] == sorted((h["at"] for h in hits), reverse=True)
    assert {h["code"] for h in hits} == {"4.2.2", "5.2.1"}

    rc, out, _ = run(
        capsys, monkeypatch, "search", "mailbox", "ful", "--json"
    )  # the last word as typed so far
    assert [h["code"] for h in _lines(out)] == ["4.2.2", "4.2.2"]

    rc, out, _ = run(capsys, monkeypatch, "search", "mailbox", "--json", "--limit", "3")
    lines = _lines(out)
    assert len(lines) == 4 and lines[-1] == {"more": True, "shown": 3}

    rc, out, _ = run(capsys, monkeypatch, "search", "mailbox", "--limit", "3")
    assert "the newest 3 matches; there are more" in out


def test_imported_files_then_search_table_is_inert(tmp_path, data_dir, capsys, monkeypatch):
    files = tmp_path / "in"
    files.mkdir()
    at = 1_772_445_600
    (files / "a.eml").write_bytes(
        bounce(
            "ann@one.example",
            at=at,
            status="5.7.1",
            diagnostic="554 5.7.1 listed at zen.spamhaus.org \x1b[31mRED\x1b[0m",
        )
    )
    (files / "b.eml").write_bytes(bounce("bob@two.example", at=at + 60, status="4.2.2",
                                         diagnostic="452 4.2.2 Mailbox quota exceeded"))  # fmt: skip
    rc, _out, err = run(capsys, monkeypatch, "import", str(files))
    assert rc == 0, err

    rc, out, err = run(capsys, monkeypatch, "search", "spamhaus")
    assert rc == 0, err
    assert "ann@one.example" in out and "bob@two.example" not in out
    assert "\x1b" not in out  # a server's escape sequence never reaches the terminal
    assert out.strip().endswith("1 match")

    rc, out, _ = run(capsys, monkeypatch, "search", "quota", "--json")
    [hit] = _lines(out)
    assert hit["recipient"] == "bob@two.example" and hit["reason"] and hit["kind"] == "bounce"

    rc, out, _ = run(capsys, monkeypatch, "search", "--reindex", "--status")
    assert rc == 0
    assert "search index rebuilt: 2 results" in out and "search index: complete" in out
    assert "view bounces: result_id" in out and "view daily_counts:" in out

    rc, out, err = run(capsys, monkeypatch, "search", '"', "*")
    assert rc == 2 and "say what to search for" in err
    rc, out, err = run(capsys, monkeypatch, "search", "x", "--limit", "0")
    assert rc == 2 and "--limit" in err
