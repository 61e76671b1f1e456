"""The store's files and the disk's faults, for real: private modes, a damaged file refused on open
and recovered by `bouncedesk doctor`, a full disk and a read-only folder each in one line."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bouncedesk import config, store
from bouncedesk.cli.main import main
from bouncedesk.errors import DamagedStoreError, DiskFullError, ReadOnlyError, system_fault

T = 1_700_000_000
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _fill(conn, n: int, blob: int = 3000) -> None:
    """n messages with raw bytes, and a recipient and a bounce for each (many pages of each table)."""
    with store.transaction(conn):
        for i in range(1, n + 1):
            email = f"user{i:05d}@example.org"
            conn.execute(
                "INSERT INTO messages(id, content_hash, source_key, received_at, outcome, raw_size, parsed_at)"
                " VALUES (?,?,?,?,?,?,?)", (i, i.to_bytes(32, "big"), f"t:{i}", T, "report", blob, T))  # fmt: skip
            conn.execute("INSERT INTO raw_messages(message_id, data) VALUES (?, ?)", (i, bytes([i % 251]) * blob))
            conn.execute(
                "INSERT INTO recipients(id, email, domain, state, first_seen_at, updated_at) VALUES (?,?,?,?,?,?)",
                (i, email, "example.org", "suppressed", T, T),
            )
            conn.execute(
                "INSERT INTO results(message_id, idx, kind, recipient_id, email, domain, diagnostic, at)"
                " VALUES (?,?,?,?,?,?,?,?)", (i, 0, "bounce", i, email, "example.org", "550 5.1.1 unknown", T + i))  # fmt: skip


# --- 3. private files -----------------------------------------------------------------------------


@posix
def test_store_files_and_folders_are_private(data_dir: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        home = tmp_path / "fresh" / "home"  # created by BounceDesk: private
        conn = store.open_store(home)
        _fill(conn, 3)
        for name in ("bouncedesk.sqlite3", "bouncedesk.sqlite3-wal", "bouncedesk.sqlite3-shm"):
            assert _mode(home / name) == 0o600, name
        conn.close()
        assert _mode(home) == 0o700
        logs = config.log_dir(home)
        assert _mode(logs) == 0o700
        h = config.private_log_handler(logs)
        import logging

        h.emit(logging.LogRecord("t", logging.INFO, __file__, 1, "hello", None, None))
        h.doRollover()
        h.emit(logging.LogRecord("t", logging.INFO, __file__, 1, "again", None, None))
        h.close()
        assert sorted(p.name for p in logs.iterdir()) == ["bouncedesk.log", "bouncedesk.log.1"]
        assert {_mode(p) for p in logs.iterdir()} == {0o600}
    finally:
        os.umask(old)


@posix
def test_existing_store_files_are_tightened_but_a_named_folder_is_left(tmp_path: Path) -> None:
    home = tmp_path / "mine"
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    db = home / "bouncedesk.sqlite3"
    sqlite3.connect(db).close()
    os.chmod(db, 0o644)
    store.connect(db).close()
    assert _mode(db) == 0o600
    assert _mode(home) == 0o755  # a folder the user named may hold other things: not ours to narrow
    # The platform's own data folder is ours: tightened.
    own = tmp_path / "platform" / "BounceDesk"
    own.mkdir(parents=True)
    os.chmod(own, 0o755)
    config.make_private_dir(own)
    assert _mode(own) == 0o700


# --- 4. a damaged store -----------------------------------------------------------------------------


def _damage(db: Path, pages: range, page_size: int = 8192) -> None:
    """Overwrite whole pages in the middle of the file with garbage (as a bad disk or a crash might)."""
    with open(db, "r+b") as fh:
        for p in pages:
            fh.seek(p * page_size)
            fh.write(os.urandom(page_size))


@pytest.fixture
def damaged_store(data_dir: Path) -> Path:
    conn = store.open_store(data_dir)
    _fill(conn, 600)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    db = data_dir / "bouncedesk.sqlite3"
    n_pages = db.stat().st_size // 8192
    _damage(db, range(n_pages // 2, n_pages // 2 + 6))
    return db


def test_opening_a_damaged_store_is_one_line_and_exit_2(capsys, damaged_store: Path) -> None:
    before = damaged_store.read_bytes()
    for argv in (["recipients"], ["export", "bounces", "-o", "-"], ["import", str(damaged_store.parent / "none")]):
        code = main(argv)
        out, err = capsys.readouterr()
        if argv[0] == "import":
            continue  # a missing input path is reported before the store is touched
        assert code == 2, argv
        assert err.count("\n") == 1 and "Traceback" not in err
        assert str(damaged_store) in err and "damaged" in err and "bouncedesk doctor" in err
    assert damaged_store.read_bytes() == before  # refused: nothing was written into it


def test_damaged_store_through_a_real_process_has_no_traceback(damaged_store: Path) -> None:
    env = {**os.environ, "BOUNCEDESK_HOME": str(damaged_store.parent)}
    p = subprocess.run([sys.executable, "-m", "bouncedesk", "export", "bounces", "-o", "-"],
                       capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.startswith("bouncedesk: the store ") and p.stderr.count("\n") == 1


def test_doctor_backs_up_and_recovers_the_readable_rows(capsys, damaged_store: Path) -> None:
    original = damaged_store.read_bytes()
    assert main(["doctor"]) == 2
    out, err = capsys.readouterr()
    assert "is damaged" in out and "doctor --repair" in err
    assert damaged_store.read_bytes() == original  # checking changes nothing
    assert main(["doctor", "--repair"]) == 0
    out, _ = capsys.readouterr()
    backups = list(damaged_store.parent.glob("bouncedesk.sqlite3.damaged-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    if os.name == "posix":
        assert _mode(backups[0]) == 0o600 and _mode(damaged_store) == 0o600
    assert "recovered" in out and "lost" in out
    # The store opens again, is sound, and holds most of what was there.
    assert main(["doctor"]) == 0
    conn = store.open_store(damaged_store.parent)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("messages", "raw_messages", "recipients", "results")}  # fmt: skip
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    assert all(300 < n <= 600 for n in counts.values()), counts
    assert counts["raw_messages"] < 600 or counts["messages"] < 600  # the garbage pages did cost rows
    assert main(["export", "bounces", "-o", "-"]) == 0


def test_doctor_on_a_healthy_store(capsys, data_dir: Path) -> None:
    store.open_store(data_dir).close()
    assert main(["doctor", "--repair"]) == 0
    assert "healthy" in capsys.readouterr().out
    assert not list(data_dir.glob("*.damaged-*"))


def test_quick_check_on_open_is_time_boxed(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    conn = store.connect(db)
    _fill(conn, 300)
    assert store.db.quick_check(conn, db) is True
    assert store.db.quick_check(conn, db, budget=0.0) is False  # stopped: opening stays fast
    conn.close()
    t = time.perf_counter()
    store.connect(db).close()
    assert time.perf_counter() - t < 1.0


# --- 5. disk full and read-only -----------------------------------------------------------------------


def test_disk_full_by_page_limit_is_one_line_and_loses_nothing(capsys, data_dir: Path, tmp_path: Path) -> None:
    """SQLite's real SQLITE_FULL, reached by capping the file's pages (no mount needed)."""
    conn = store.open_store(data_dir)
    _fill(conn, 5)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(DiskFullError, match=r"^disk full: .*nothing was lost; free space and run again"):
        _fill_more(conn)
    assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 5  # rolled back, intact
    conn.close()
    assert system_fault(sqlite3.OperationalError("database or disk is full")).args[0].startswith("disk full:")


def _fill_more(conn) -> None:
    with store.transaction(conn):
        for i in range(100, 200):
            conn.execute(
                "INSERT INTO messages(id, content_hash, source_key, received_at, outcome, raw_size, parsed_at)"
                " VALUES (?,?,?,?,?,?,?)", (i, i.to_bytes(32, "big"), f"t:{i}", T, "report", 1, T))  # fmt: skip
            conn.execute("INSERT INTO raw_messages(message_id, data) VALUES (?, ?)", (i, b"x" * 9000))


def _mount_tmpfs(where: Path, size: str) -> bool:
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir(parents=True, exist_ok=True)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                       capture_output=True, timeout=30)  # fmt: skip
    return p.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)


@pytest.fixture
def small_disk(tmp_path: Path):
    where = tmp_path / "disk"
    if not _mount_tmpfs(where, "1m"):
        pytest.skip("cannot mount a small tmpfs here (needs root and mount rights)")
    yield where
    _umount(where)


def test_a_really_full_disk_is_one_line_exit_2_and_the_store_stays_sound(capsys, small_disk: Path,
                                                                         tmp_path: Path) -> None:  # fmt: skip
    """A 1 MB tmpfs: an import of incompressible mail runs out of space for real (ENOSPC)."""
    from tests import bounces

    home = small_disk / "home"
    assert main(["--data-dir", str(home), "recipients"]) == 0
    capsys.readouterr()
    inbox = tmp_path / "in"
    inbox.mkdir()
    for i in range(60):
        data = bounces.dsn(f"u{i}@example.com", "5.1.1", at=T + i)
        (inbox / f"{i}.eml").write_bytes(data + b"\n" + os.urandom(30000).hex().encode())
    code = main(["--data-dir", str(home), "import", str(inbox)])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("bouncedesk: disk full:") and "nothing was lost" in err and err.count("\n") == 1
    assert "Traceback" not in err
    shutil.rmtree(inbox)  # (not on the small disk; just tidy)
    conn = sqlite3.connect(home / "bouncedesk.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    # Fill what space is left, then export onto the full disk: one line too, no half file left behind.
    filler = small_disk / "pad"
    try:
        with open(filler, "wb") as fh:
            while True:
                fh.write(b"\0" * 65536)
    except OSError:
        pass
    capsys.readouterr()
    code = main(["--data-dir", str(home), "export", "bounces", "-o", str(small_disk / "out.csv")])
    _, err = capsys.readouterr()
    if code != 0:  # (an empty export may still fit)
        assert code == 2 and err.startswith("bouncedesk: disk full:") and err.count("\n") == 1
        assert not (small_disk / "out.csv.part").exists()


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A data folder with a store in it, then remounted read-only (a real EROFS, which binds root too)."""
    where = tmp_path / "ro"
    if not _mount_tmpfs(where, "8m"):
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights)")
    home = where / "home"
    conn = store.open_store(home)
    _fill(conn, 3)
    conn.close()  # the last close checkpoints and removes -wal and -shm
    p = subprocess.run(["mount", "-o", "remount,ro", str(where)], capture_output=True, timeout=30)
    if p.returncode != 0:
        _umount(where)
        pytest.skip("cannot remount read-only here")
    yield home
    _umount(where)


def test_a_read_only_data_folder_is_named_in_one_line(capsys, read_only_folder: Path) -> None:
    code = main(["--data-dir", str(read_only_folder), "recipients"])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"bouncedesk: the data folder {read_only_folder} is read-only:"), err
    with pytest.raises(ReadOnlyError):
        store.open_store(read_only_folder / "new-place")


def test_read_only_store_file_maps_to_read_only(tmp_path: Path) -> None:
    """Without root rights to mount: SQLite's own SQLITE_READONLY (a store opened mode=ro) is mapped too."""
    db = tmp_path / "s.sqlite3"
    store.connect(db).close()
    ro = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(ReadOnlyError, match=f"the data folder {tmp_path} is read-only"), store.transaction(ro):
        ro.execute("INSERT INTO settings(key, value, updated_at) VALUES ('k', '1', 1)")
    ro.close()


def test_damage_met_while_reading_is_one_line(tmp_path: Path) -> None:
    err = system_fault(sqlite3.DatabaseError("database disk image is malformed"), tmp_path / "s.sqlite3")
    assert isinstance(err, DamagedStoreError) and "bouncedesk doctor" in str(err)
