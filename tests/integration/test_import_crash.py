"""Crash consistency: a real `bouncedesk import` process killed with SIGKILL mid-way, then re-run.

The store must be intact after the kill, and the re-run must end with exactly the counts and
recipient states of an uninterrupted import of the same files.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests import bounces

N = 2000
T0 = 1_700_000_000
ROOT = Path(__file__).resolve().parents[2]


def make_inbox(folder: Path) -> None:
    folder.mkdir()
    for i in range(N):
        rcpt = f"r{i % 350}@d{i % 17}.example.com"
        at = T0 + i * 1800
        k = i % 9
        if k in (0, 1):
            data = bounces.dsn(rcpt, "4.2.1", at=at, serial=i)
        elif k == 2:
            data = bounces.dsn(rcpt, "4.2.2", at=at, serial=i)
        elif k == 3:
            data = bounces.dsn(rcpt, "5.1.1", at=at, serial=i)
        elif k == 4:
            data = bounces.dsn(rcpt, "5.7.1", at=at, serial=i)
        elif k == 5:
            data = bounces.dsn(rcpt, "4.4.7", action="delayed", at=at, serial=i)
        elif k == 6:
            data = bounces.dsn(rcpt, "2.0.0", action="delivered", at=at, serial=i)
        elif k == 7:
            data = bounces.complaint(rcpt, at=at, serial=i) if i % 2 else bounces.not_a_bounce(serial=i)
        else:
            data = bounces.garbage(i) if i % 5 == 0 else bounces.dsn(rcpt, "4.2.1", at=at, serial=i)
        (folder / f"{i:05d}.eml").write_bytes(data)


def import_cmd(data_dir: Path, inbox: Path) -> list[str]:
    return [sys.executable, "-m", "bouncedesk", "--data-dir", str(data_dir), "import", "--batch-size", "20", str(inbox)]


def env() -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT / "desktop"), e.get("PYTHONPATH", "")])
    return e


def snapshot(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
               for t in ("messages", "raw_messages", "message_sources", "results", "recipients", "events")}  # fmt: skip
        out["states"] = conn.execute(
            "SELECT email, state, attempts, next_retry_at, last_bounce_at, recent_bounces, bounces, complaints,"
            " delays, delivered, last_status, last_reason FROM recipients ORDER BY email"
        ).fetchall()
        out["rollup"] = conn.execute(
            "SELECT day, kind, reason, domain, count FROM daily_rollup WHERE kind != 'unparseable' ORDER BY 1, 2, 3, 4"
        ).fetchall()
        out["unparseable"] = conn.execute("SELECT count(*) FROM messages WHERE outcome = 'unparseable'").fetchone()[0]
        out["alerts"] = conn.execute("SELECT account_id, reason, count FROM sender_alerts ORDER BY 1, 2").fetchall()
        out["events"] = conn.execute(
            "SELECT r.email, e.action, e.from_state, e.to_state FROM events e JOIN recipients r ON r.id = e.recipient_id"
            " ORDER BY r.email, e.id"
        ).fetchall()
        return out
    finally:
        conn.close()


def committed_messages(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created or not migrated yet


def test_kill_9_mid_import_then_rerun_gives_the_same_store(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    make_inbox(inbox)

    ref_dir = tmp_path / "reference"
    done = subprocess.run(import_cmd(ref_dir, inbox), env=env(), capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    reference = snapshot(ref_dir / "bouncedesk.sqlite3")
    assert reference["messages"] == N  # every message kept, the unparseable ones too
    assert reference["unparseable"] > 0

    crash_dir = tmp_path / "crashed"
    db = crash_dir / "bouncedesk.sqlite3"
    proc = subprocess.Popen(import_cmd(crash_dir, inbox), env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while committed_messages(db) < N // 5 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.005)
        assert proc.poll() is None, "the import finished before it could be killed; raise N"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    partial = snapshot(db)  # integrity_check inside
    assert 0 < partial["messages"] < N
    # Committed batches are whole: every stored message has its raw bytes and source.
    assert partial["raw_messages"] == partial["messages"] == partial["message_sources"]

    again = subprocess.run(import_cmd(crash_dir, inbox), env=env(), capture_output=True, text=True, timeout=240)
    assert again.returncode == 0, again.stderr
    counts = dict(line.split() for line in again.stdout.splitlines())
    assert int(counts["duplicates"]) == partial["messages"]
    assert int(counts["new"]) == N - partial["messages"]
    assert snapshot(db) == reference
