"""Search text is matched literally: `%` and `_` are characters, not LIKE wildcards (CLI and GUI filters)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.cli.main import main
from bouncedesk.store.queries import like_contains, like_escape, list_recipients
from bouncedesk.store.settings import load_policy_settings
from bouncedesk.ui import queries as ui_queries

T = 1_700_000_000
ADDRESSES = ["ann@example.com", "bob_smith@example.com", "bobxsmith@example.com", "100%real@example.org",
             "back\\slash@example.net", "carl@other.example"]  # fmt: skip


@pytest.fixture
def conn(data_dir: Path):
    c = store.open_store(data_dir)
    with store.transaction(c):
        for i, email in enumerate(ADDRESSES, start=1):
            c.execute(
                "INSERT INTO recipients(email, domain, state, last_status, first_seen_at, updated_at, last_seen_at)"
                " VALUES (?,?,?,?,?,?,?)", (email, email.split("@")[1], "suppressed", "5.1.1", T, T, T + i))  # fmt: skip
        c.execute("INSERT INTO messages(id, content_hash, source_key, received_at, outcome, raw_size, parsed_at)"
                  " VALUES (1, x'00', 'k', 1, 'report', 1, 1)")  # fmt: skip
        for i, email in enumerate(ADDRESSES):
            c.execute("INSERT INTO results(message_id, idx, kind, email, domain, status, at) VALUES (1,?,?,?,?,?,?)",
                      (i, "bounce", email, email.split("@")[1], "5.1.1" if i else "5.x.1", T))  # fmt: skip
    yield c
    c.close()


def _cli(capsys, *args: str) -> list[str]:
    assert main(["recipients", "--json", *args]) == 0
    return sorted(json.loads(x)["recipient"] for x in capsys.readouterr().out.splitlines())


def test_cli_search_is_literal(capsys, conn) -> None:
    assert _cli(capsys, "--search=%") == ["100%real@example.org"]
    assert _cli(capsys, "--search=_") == ["bob_smith@example.com"]
    assert _cli(capsys, "--search=bob_smith") == ["bob_smith@example.com"]
    assert _cli(capsys, "--search=\\") == ["back\\slash@example.net"]
    assert _cli(capsys, "--search=@example.com") == ["ann@example.com", "bob_smith@example.com",
                                                      "bobxsmith@example.com"]  # fmt: skip
    assert _cli(capsys, "--search=BOB") == ["bob_smith@example.com", "bobxsmith@example.com"]


def test_status_segment_is_literal(capsys, conn) -> None:
    assert _cli(capsys, "--segment=status:5") == sorted(ADDRESSES)
    assert _cli(capsys, "--segment=status:_") == []


def _ids(c: sqlite3.Connection, table: str, where: str, params: list) -> list[str]:
    col = "r.email" if table == "results r" else "email"
    return sorted(r[0] for r in c.execute(f"SELECT {col} FROM {table} WHERE {where}", params))


def test_gui_filters_are_literal(conn) -> None:
    settings = load_policy_settings(conn)
    for text, expected in (("%", ["100%real@example.org"]), ("_", ["bob_smith@example.com"]),
                           ("@example.com", ["ann@example.com", "bob_smith@example.com", "bobxsmith@example.com"]),
                           ("example.org", ["100%real@example.org"])):  # fmt: skip
        w, p = ui_queries.recipient_filter(conn, T, settings, search=text)
        assert _ids(conn, "recipients", w, p) == expected, text
        w, p = ui_queries.bounce_filter(search=text)
        assert _ids(conn, "results r", w, p) == expected, text
    w, p = ui_queries.bounce_filter(status="5._")
    assert _ids(conn, "results r", w, p) == []
    w, p = ui_queries.bounce_filter(status="5")
    assert len(_ids(conn, "results r", w, p)) == len(ADDRESSES)
    w, p = ui_queries.bounce_filter(status="5.x")
    assert _ids(conn, "results r", w, p) == ["ann@example.com"]


def test_like_helpers() -> None:
    assert like_escape("a%b_c\\d") == "a\\%b\\_c\\\\d"
    assert like_contains("%") == "%\\%%"


def test_store_search_helper_is_literal(conn) -> None:
    assert [r.email for r in list_recipients(conn, T, search="%")] == ["100%real@example.org"]
    assert [r.email for r in list_recipients(conn, T, search="bobx")] == ["bobxsmith@example.com"]
