"""The store commands end to end through cli.main: import, recipients, retries, export, scrub, bad input."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.cli.main import main
from tests import bounces

T = int(time.time()) - 3 * 86400  # three days ago: soft bounces that old are still retried


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for i, (rcpt, code) in enumerate([
        ("gone@example.com", "5.1.1"), ("nobody@example.net", "5.1.1"), ("away@example.com", "4.2.1"),
        ("full@example.org", "4.2.2"), ("fine@example.org", "5.7.1"),
    ]):  # fmt: skip
        (d / f"{i}.eml").write_bytes(bounces.dsn(rcpt, code, at=T + i))
    (d / "junk.eml").write_bytes(bounces.garbage())
    sent = tmp_path / "sent"  # what the bounces are about, as the user's Sent folder holds it
    sent.mkdir()
    for i, f in enumerate(sorted(d.glob("[0-9].eml"))):
        (sent / f"{i}.eml").write_bytes(_sent_copy(f.read_bytes()))
    return d


def _sent_copy(bounce: bytes) -> bytes:
    """The returned original inside one of our test DSNs (its message/rfc822 part)."""
    return bounce.split(b"Content-Type: message/rfc822\n\n", 1)[1].rsplit(b"\n--", 1)[0]


def sent_of(inbox: Path) -> str:
    return str(inbox.parent / "sent")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_counts_and_is_idempotent(capsys, inbox: Path, data_dir: Path) -> None:
    code, out, _ = run(capsys, "import", "--sent", sent_of(inbox), str(inbox))
    assert code == 0
    lines = dict(line.split() for line in out.splitlines())
    assert lines == {"messages": "6", "new": "6", "duplicates": "0", "bounces": "5", "unparseable": "1",
                     "review": "0", "sent": "5"}
    code, out, _ = run(capsys, "import", "--json", "--sent", sent_of(inbox), str(inbox))
    again = json.loads(out)
    assert (again["messages"], again["new"], again["duplicates"], again["bounces"]) == (6, 0, 6, 0)


def test_data_dir_before_or_after_the_command(capsys, inbox: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run(capsys, "--data-dir", str(a), "import", "--sent", sent_of(inbox), str(inbox))[0] == 0
    assert run(capsys, "import", "--data-dir", str(b), "--sent", sent_of(inbox), str(inbox / "0.eml"))[0] == 0
    assert (a / "bouncedesk.sqlite3").is_file() and (b / "bouncedesk.sqlite3").is_file()
    _, out, _ = run(capsys, "recipients", "--data-dir", str(b), "--json")
    assert [json.loads(x)["recipient"] for x in out.splitlines()] == ["gone@example.com"]


def test_recipients_and_retries(capsys, inbox: Path, data_dir: Path) -> None:
    run(capsys, "import", "--sent", sent_of(inbox), str(inbox))
    _, out, _ = run(capsys, "recipients", "--state", "suppressed", "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert sorted(r["recipient"] for r in rows) == ["gone@example.com", "nobody@example.net"]
    assert all(r["state"] == "suppressed" and r["status"] == "5.1.1" for r in rows)
    _, out, _ = run(capsys, "recipients", "--segment", "temporarily-disabled")
    assert "away@example.com" in out and "full@example.org" not in out
    _, out, _ = run(capsys, "retries", "--json")
    rows = [json.loads(x) for x in out.splitlines()]
    assert [r["recipient"] for r in rows] == ["away@example.com", "full@example.org"]
    assert rows[0] == {"recipient": "away@example.com", "status": "4.2.1", "reason": "suspend", "attempt": 1,
                       "max_attempts": 4, "due": store.iso(T + 2 + 86400)}  # fmt: skip
    _, out, _ = run(capsys, "retries", "--due")  # the bounces are three days old: due since two days
    assert out.splitlines()[0].split() == ["recipient", "status", "reason", "attempt", "due"]
    assert "away@example.com" in out and "1/4" in out


def test_export_csv_and_json_read_back(capsys, inbox: Path, data_dir: Path, tmp_path: Path) -> None:
    run(capsys, "import", "--sent", sent_of(inbox), str(inbox))
    out_csv = tmp_path / "supp.csv"
    code, out, _ = run(capsys, "export", "suppressions", "--format", "csv", "-o", str(out_csv))
    assert code == 0 and "2 suppressions" in out
    with open(out_csv, newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames[0] == "email"
        rows = list(reader)
    assert sorted(r["email"] for r in rows) == ["gone@example.com", "nobody@example.net"]
    assert {r["last_status"] for r in rows} == {"5.1.1"}
    out_json = tmp_path / "bounces.json"
    run(capsys, "export", "bounces", "--format", "json", "-o", str(out_json))
    data = json.loads(out_json.read_text())
    assert len(data) == 5 and list(data[0])[0] == "email"
    assert {d["email"] for d in data} >= {"fine@example.org", "away@example.com"}
    out_retries = tmp_path / "retries.csv"
    run(capsys, "export", "retries", "-o", str(out_retries))
    assert out_retries.read_text().splitlines()[0] == "email,status,reason,attempt,max_attempts,due"
    empty = tmp_path / "inactive.csv"
    run(capsys, "export", "inactive", "-o", str(empty))
    assert empty.read_text().splitlines() == ["email,domain,state,why,last_status,last_reason,bounces,since,last_seen"]


def test_scrub_drops_do_not_send_addresses_and_keeps_the_rest(capsys, inbox: Path, data_dir: Path,
                                                              tmp_path: Path) -> None:  # fmt: skip
    run(capsys, "import", "--sent", sent_of(inbox), str(inbox))
    conn = store.open_store()
    store.apply_user_action(conn, "full@example.org", "pause", T + 100)
    conn.close()
    src = tmp_path / "list.csv"
    src.write_bytes(
        "\ufeffName;E-Mail;City\n"
        "Gone Person;GONE@example.com;Köln\n"
        "Paused;<full@example.org>;Bonn\n"
        "Happy;happy@example.com;Berlin\n"
        "No mail;;Hamburg\n"
        "Away;away@example.com;Essen\n".encode()
    )
    dst = tmp_path / "clean.csv"
    code, out, _ = run(capsys, "scrub", str(src), "-o", str(dst))
    assert code == 0
    assert "dropped gone@example.com: suppressed" in out and "5.1.1" in out
    assert "dropped full@example.org: paused" in out
    assert "kept 3 of 5 rows, dropped 2 (1 paused, 1 suppressed); e-mail column 'E-Mail'" in out
    text = dst.read_text(encoding="utf-8-sig")
    assert text.splitlines() == ["Name;E-Mail;City", "Happy;happy@example.com;Berlin", "No mail;;Hamburg",
                                 "Away;away@example.com;Essen"]  # fmt: skip


def test_scrub_finds_an_unnamed_address_column(capsys, inbox: Path, data_dir: Path, tmp_path: Path) -> None:
    run(capsys, "import", "--sent", sent_of(inbox), str(inbox))
    src = tmp_path / "bare.csv"
    src.write_text("1,gone@example.com,x\n2,ok@example.com,y\n")
    dst = tmp_path / "out.csv"
    _, out, _ = run(capsys, "scrub", "--quiet", str(src), "-o", str(dst))
    assert "column 2" in out and "dropped" in out and "gone@" not in out.split("kept")[0]
    assert dst.read_text().splitlines() == ["2,ok@example.com,y"]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["import", "/no/such/dir"], "no such file or directory"),
        (["recipients", "--segment", "purple"], "unknown segment"),
        (["recipients", "--state", "sleepy"], "unknown state"),
        (["recipients", "--segment", "account:nobody"], "no account named"),
        (["scrub", "/no/such.csv", "-o", "/tmp/x.csv"], "cannot read"),
        (["export", "suppressions", "-o", "/no/such/dir/out.csv"], "cannot write"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, data_dir: Path, argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err and "Traceback" not in err


def test_scrub_of_a_file_without_addresses(capsys, data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "numbers.csv"
    src.write_text("a,b\n1,2\n3,4\n")
    code, _, err = run(capsys, "scrub", str(src), "-o", str(tmp_path / "o.csv"))
    assert code == 2 and "no column of e-mail addresses" in err
    assert not (tmp_path / "o.csv").exists()


def test_store_from_a_newer_version_is_one_line(capsys, data_dir: Path) -> None:
    import sqlite3

    conn = store.open_store()
    conn.close()
    raw = sqlite3.connect(data_dir / "bouncedesk.sqlite3")
    raw.execute("PRAGMA user_version = 999")
    raw.close()
    code, _, err = run(capsys, "retries")
    assert code == 2 and "newer BounceDesk" in err and len(err.strip().splitlines()) == 1


def test_scrub_keeps_latin1_bytes_and_streams_big_lists(capsys, inbox: Path, data_dir: Path, tmp_path: Path) -> None:
    run(capsys, "import", "--sent", sent_of(inbox), str(inbox))
    src = tmp_path / "big.csv"
    lines = ["email,name"] + [f"user{i}@example.com,Jos\xe9 {i}" for i in range(30000)]
    lines.insert(20000, "nobody@example.net,Gone")
    src.write_bytes(("\r\n".join(lines) + "\r\n").encode("latin-1"))
    dst = tmp_path / "clean.csv"
    code, out, _ = run(capsys, "scrub", str(src), "-o", str(dst))
    assert code == 0 and "kept 30000 of 30001 rows, dropped 1 (1 suppressed)" in out
    expected = [ln for ln in lines if not ln.startswith("nobody@")]
    assert dst.read_bytes() == ("\r\n".join(expected) + "\r\n").encode("latin-1")
