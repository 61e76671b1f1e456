"""`bouncedesk parse` as a user runs it: real files, mbox, maildir, directories, bad paths."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bounces"
KEYS = {"source", "index", "kind", "recipient", "status", "status_source", "reply_code", "reason", "hard", "side",
        "action_hint", "action", "diagnostic", "remote_mta", "reporting_mta", "original_message_id",
        "original_subject", "original_to", "arrival_date"}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bouncedesk", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_json_rows_have_every_documented_key_and_one_row_per_result(tmp_path):
    p = run("parse", "--json", str(FIXTURES / "exim-text-two-recipients.eml"))
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["index"] for r in rows] == [1, 2]
    for r in rows:
        assert r.keys() >= KEYS
        assert r["source"].endswith("exim-text-two-recipients.eml")
    assert rows[0]["original_message_id"] == "<news-march@shop.test>"


def test_directory_is_read_recursively_and_non_bounce_gets_a_none_row(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    shutil.copy(FIXTURES / "qmail-text.eml", sub / "q.eml")
    (tmp_path / "plain.eml").write_bytes(b"From: a@x.test\nTo: b@y.test\nSubject: hi\n\nhello\n")
    p = run("parse", "--json", str(tmp_path))
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    by_src = {Path(r["source"]).name: r for r in rows}
    assert by_src["q.eml"]["kind"] == "bounce" and by_src["q.eml"]["reason"] == "hostunknown"
    assert by_src["plain.eml"]["kind"] == "none" and by_src["plain.eml"]["index"] == 0


def test_mbox_messages_are_numbered_from_one(tmp_path):
    mbox = tmp_path / "bounces.mbox"
    parts = []
    for name in ("qmail-text.eml", "arf-complaint.eml", "delivered-dsn.eml"):
        body = (FIXTURES / name).read_bytes().replace(b"\nFrom ", b"\n>From ")
        parts.append(b"From MAILER-DAEMON Thu Mar  5 12:00:00 2026\n" + body + b"\n")
    mbox.write_bytes(b"".join(parts))
    p = run("parse", "--json", str(mbox))
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [(r["source"].rsplit("#", 1)[1], r["kind"]) for r in rows] == [
        ("1", "bounce"), ("2", "complaint"), ("3", "delivered")]


def test_maildir_is_read(tmp_path):
    md = tmp_path / "Maildir"
    for d in ("cur", "new", "tmp"):
        (md / d).mkdir(parents=True)
    shutil.copy(FIXTURES / "postfix-dsn-userunknown.eml", md / "new" / "1700000000.1.host")
    p = run("parse", "--json", str(md))
    [row] = [json.loads(line) for line in p.stdout.splitlines()]
    assert row["recipient"] == "anna.berg@kunde.test" and row["status"] == "5.1.1"


def test_unparseable_row_carries_the_reason(tmp_path):
    bad = tmp_path / "empty.eml"
    bad.write_bytes(b"")
    p = run("parse", "--json", str(bad))
    [row] = [json.loads(line) for line in p.stdout.splitlines()]
    assert row["kind"] == "unparseable" and row["index"] == 0 and row["error"]


def test_table_output_is_readable():
    p = run("parse", str(FIXTURES / "postfix-dsn-userunknown.eml"))
    assert p.returncode == 0
    assert "anna.berg@kunde.test" in p.stdout and "5.1.1" in p.stdout and "userunknown" in p.stdout


def test_missing_path_is_one_line_and_exit_2(tmp_path):
    p = run("parse", str(tmp_path / "nope.eml"))
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "no such file" in p.stderr
    assert "Traceback" not in p.stderr


def test_unreadable_path_is_exit_2(tmp_path):
    f = tmp_path / "locked.eml"
    f.write_bytes(b"x")
    f.chmod(0)
    try:
        if os.access(f, os.R_OK):  # root reads everything; nothing to test then
            return
        p = run("parse", str(f))
        assert p.returncode == 2 and "cannot read" in p.stderr
    finally:
        f.chmod(0o644)


def test_bare_cr_file_with_envelope_line_is_one_message(tmp_path):
    body = (FIXTURES / "qmail-text.eml").read_bytes()
    f = tmp_path / "mac.eml"
    f.write_bytes((b"From MAILER-DAEMON Thu Mar  5 12:00:00 2026\n" + body).replace(b"\n", b"\r"))
    p = run("parse", "--json", str(f))
    [row] = [json.loads(line) for line in p.stdout.splitlines()]
    assert row["source"] == str(f)
    assert (row["kind"], row["recipient"], row["reason"]) == ("bounce", "dieter@ghost.test", "hostunknown")


def test_parallel_parse_gives_the_same_rows_in_the_same_order(tmp_path):
    names = sorted(p.name for p in FIXTURES.glob("*.eml"))
    for i in range(260):  # above the size where worker processes start
        shutil.copy(FIXTURES / names[i % len(names)], tmp_path / f"m{i:04d}.eml")
    serial = run("parse", "--json", "--jobs", "1", str(tmp_path))
    parallel = run("parse", "--json", "--jobs", "2", str(tmp_path))
    assert serial.returncode == parallel.returncode == 0
    assert parallel.stdout == serial.stdout
    assert len(serial.stdout.splitlines()) > 260
