"""Opening the store: one SQLite file, WAL, explicit transactions, one connection per thread.

The store holds raw mail, so its files are the user's alone (0600 in a 0700 folder on POSIX),
and a damaged file is refused on open rather than written to (`bouncedesk doctor` repairs it).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bouncedesk import config
from bouncedesk.errors import DamagedStoreError, StoreError, damaged, system_fault
from bouncedesk.store.schema import migrate

# How long opening may spend on `PRAGMA quick_check` before it stops and trusts the rest:
# a 120 MB store takes ~0.11 s warm and ~1.3 s from a cold disk cache (measured here). Damage
# past the budget still surfaces as a one-line DamagedStoreError when it is read.
QUICK_CHECK_SECONDS = 0.5
SIDE_FILES = ("", "-wal", "-shm", "-journal")


def fault(exc: BaseException, path: str | os.PathLike[str] | None, what: str = "") -> StoreError:
    """The one-line error for a sqlite3/OS fault on the store at `path` (disk full, read-only,
    damaged, or else a plain StoreError carrying `what`)."""
    err = system_fault(exc, path)
    if isinstance(err, StoreError):
        return err
    if err is not None:
        return StoreError(str(err))
    return StoreError(f"{what or f'the store {path} failed'}: {exc}")


def _create_private(path: Path) -> None:
    """Create the store file 0600 before SQLite does (its -wal and -shm files copy that mode)."""
    if path.exists():
        for suffix in SIDE_FILES:
            config.make_private_file(f"{path}{suffix}")
        return
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True, mode=config.PRIVATE_DIR)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, config.PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(fd)


def quick_check(conn: sqlite3.Connection, path: str | os.PathLike[str], budget: float = QUICK_CHECK_SECONDS) -> bool:
    """Raise DamagedStoreError if SQLite's quick_check finds damage within `budget` seconds.

    Returns True when the whole file was checked, False when the budget ran out first.
    """
    deadline = time.monotonic() + budget
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 2000)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(3)").fetchall()]
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            return False
        raise
    finally:
        conn.set_progress_handler(None, 0)
    if rows != ["ok"]:
        findings = [str(r) for r in rows if not str(r).startswith("*** in database")] or [str(rows[0])]
        raise damaged(path, findings[0])
    return True


def connect(
    path: str | os.PathLike[str], *, upgrade: bool = True, check: bool | None = None
) -> sqlite3.Connection:
    """Open (creating if needed) the store at `path` and bring its schema up to date.

    The connection is in autocommit mode: group writes with `transaction(conn)`. Rows come
    back as sqlite3.Row. Use one connection per thread (the GUI's workers open their own).
    `check` (default: when upgrading, i.e. the app's main connection) runs a time-boxed
    quick_check first and refuses a damaged file. Faults of the disk (full, read-only) and of
    the file (damaged) come back as their own StoreError subclasses, with one line to show.
    """
    path = Path(path)
    if check is None:
        check = upgrade
    try:
        _create_private(path)
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    except (OSError, sqlite3.Error) as exc:
        raise fault(exc, path, f"cannot open the store {path}") from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0 and not conn.execute(
            "SELECT 1 FROM sqlite_master LIMIT 1"
        ).fetchone():
            # A new store: 8 KB pages hold the compressed raw messages with less overhead (measured
            # ~6 % less import CPU than 4 KB). Only possible before the first table exists.
            conn.execute("PRAGMA page_size = 8192")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"cannot switch the store {path} to WAL mode (got {mode})")
        for suffix in SIDE_FILES[1:]:
            config.make_private_file(f"{path}{suffix}")
        conn.execute("PRAGMA synchronous = NORMAL")
        # A 64 MB page cache keeps the hash and id indexes of a large import in memory.
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("PRAGMA foreign_keys = ON")
        if check:
            quick_check(conn, path)
        if upgrade:
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        err = system_fault(exc, path)
        raise (err or StoreError(f"{path} is not a usable BounceDesk store: {exc}")) from exc
    except OSError as exc:
        conn.close()
        raise fault(exc, path, f"cannot open the store {path}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def open_store(data_dir: str | os.PathLike[str] | None = None) -> sqlite3.Connection:
    """The user's store: `--data-dir` beats BOUNCEDESK_HOME beats the platform data folder."""
    return connect(config.store_path(data_dir))


def db_path(conn: sqlite3.Connection) -> str | None:
    """The file of a connection's main database (None for an in-memory one)."""
    try:
        for row in conn.execute("PRAGMA database_list"):
            if row[1] == "main":
                return row[2] or None
    except sqlite3.Error:
        return None
    return None


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error).

    Nested use joins the outer transaction, so store helpers can be combined atomically. A full
    disk, a read-only folder or a damaged file becomes its StoreError (the transaction is rolled
    back, so nothing half-written stays), so callers and the GUI's workers show one line.
    """
    if conn.in_transaction:
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise _mapped(conn, exc) from exc
    try:
        yield conn
    except BaseException as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite rolled back itself (e.g. after SQLITE_FULL)
        if isinstance(exc, sqlite3.Error | OSError):
            mapped = _mapped(conn, exc)
            if mapped is not exc:
                raise mapped from exc
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        raise _mapped(conn, exc) from exc


def _mapped(conn: sqlite3.Connection, exc: BaseException) -> BaseException:
    """Our error for a disk/file fault inside a transaction; any other exception unchanged."""
    return system_fault(exc, db_path(conn)) or exc


# --- doctor: check a store file and recover what can be read ---------------------------------


def check_store(path: str | os.PathLike[str], limit: int = 20) -> list[str]:
    """SQLite's full integrity_check of the file at `path`: [] when healthy, else its findings.

    Opens the file without creating, migrating or changing it.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"there is no store at {path}")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise fault(exc, path, f"cannot open the store {path}") from exc
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        err = system_fault(exc, path)
        if err is not None and not isinstance(err, DamagedStoreError):
            raise err from exc
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


class Recovery:
    """What `recover_store` did: where the damaged file was kept, rows copied and lost per table."""

    def __init__(self, backup: Path) -> None:
        self.backup = backup
        self.copied: dict[str, int] = {}
        self.lost: dict[str, int] = {}  # rows (or row ids) that could not be read
        self.dropped: dict[str, int] = {}  # copied rows whose parent row was lost
        self.notes: list[str] = []

    @property
    def total_copied(self) -> int:
        return sum(self.copied.values())

    @property
    def total_lost(self) -> int:
        return sum(self.lost.values()) + sum(self.dropped.values())


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _backup_copy(path: Path, now: float) -> Path:
    """A timestamped 0600 copy of the store (and its -wal) next to it, before anything touches it."""
    import shutil

    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(now))
    backup = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    for suffix in ("", "-wal"):
        src = Path(f"{path}{suffix}")
        if src.exists() and (suffix == "" or src.stat().st_size):
            dst = Path(f"{backup}{suffix}")
            fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, config.PRIVATE_FILE)
            os.close(fd)
            shutil.copyfile(src, dst)
            config.make_private_file(dst)
    return backup


def _readable_rows(src: sqlite3.Connection, table: str, cols: list[str], pk: list[str], rec: Recovery):
    """Every row of `table` that can still be read, skipping damaged pages.

    Rowid tables are read in rowid windows; where a window fails, row ids are probed one by one
    until the damage is passed. Tables without rowid are read forwards and backwards up to the
    damage. Unreadable row ids are counted in `rec.lost`.
    """
    collist = ", ".join(_q(c) for c in cols)
    t = _q(table)
    try:
        src.execute(f"SELECT rowid FROM {t} LIMIT 0")
        has_rowid = True
    except sqlite3.OperationalError:
        has_rowid = False
    if not has_rowid:
        try:
            for row in src.execute(f"SELECT {collist} FROM {t}"):
                yield tuple(row)
            return
        except sqlite3.DatabaseError:
            pass
        if pk:
            order = ", ".join(f"{_q(c)} DESC" for c in pk)
            try:
                for row in src.execute(f"SELECT {collist} FROM {t} ORDER BY {order}"):
                    yield tuple(row)
            except sqlite3.DatabaseError:
                pass
        rec.lost[table] = rec.lost.get(table, 0) + 1
        rec.notes.append(f"{table}: a damaged part was skipped (its row count is unknown)")
        return
    top = None
    for sql in (f"SELECT max(rowid) FROM {t}", f"SELECT rowid FROM {t} ORDER BY rowid DESC LIMIT 1"):
        try:
            r = src.execute(sql).fetchone()
            top = r[0] if r else None
            break
        except sqlite3.DatabaseError:
            continue
    window = f"SELECT rowid, {collist} FROM {t} WHERE rowid > ? ORDER BY rowid LIMIT 256"
    one = f"SELECT rowid, {collist} FROM {t} WHERE rowid = ?"
    pos = -(2**63)
    probes = 0
    while True:
        try:
            batch = src.execute(window, (pos,)).fetchall()
        except sqlite3.DatabaseError:
            if top is None or pos >= top or probes > 2_000_000:
                rec.lost[table] = rec.lost.get(table, 0) + 1
                rec.notes.append(f"{table}: rows after id {pos} could not be reached")
                return
            pos = max(pos + 1, 0) if pos < 0 else pos + 1
            probes += 1
            try:
                row = src.execute(one, (pos,)).fetchone()
                if row is not None:
                    yield tuple(row)[1:]
            except sqlite3.DatabaseError:
                rec.lost[table] = rec.lost.get(table, 0) + 1
            continue
        if not batch:
            return
        for row in batch:
            yield tuple(row)[1:]
        pos = batch[-1][0]


def _drop_orphans(dst: sqlite3.Connection, tables: list[str], rec: Recovery) -> None:
    """Rows whose parent was lost: cleared (nullable, SET NULL) or removed (CASCADE, NOT NULL)."""
    for _ in range(10):  # cascades settle in a few rounds
        changed = 0
        for table in tables:
            info = {r[1]: r for r in dst.execute(f"PRAGMA table_info({_q(table)})")}
            for fk in dst.execute(f"PRAGMA foreign_key_list({_q(table)})").fetchall():
                parent, col, pcol, on_delete = fk[2], fk[3], fk[4], (fk[6] or "").upper()
                if fk[1] != 0 or col not in info:  # composite keys: none in our schema
                    continue
                if pcol is None:
                    pks = [r[1] for r in dst.execute(f"PRAGMA table_info({_q(parent)})") if r[5]]
                    pcol = pks[0] if pks else "rowid"
                cond = f"{_q(col)} IS NOT NULL AND {_q(col)} NOT IN (SELECT {_q(pcol)} FROM {_q(parent)})"
                if on_delete == "SET NULL" or (on_delete != "CASCADE" and not info[col][3]):
                    n = dst.execute(f"UPDATE {_q(table)} SET {_q(col)} = NULL WHERE {cond}").rowcount
                else:
                    n = dst.execute(f"DELETE FROM {_q(table)} WHERE {cond}").rowcount
                    rec.dropped[table] = rec.dropped.get(table, 0) + max(n, 0)
                changed += max(n, 0)
        if not changed:
            return


def _table_names(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _plain_tables(conn: sqlite3.Connection) -> list[str]:
    """Tables holding rows of ours: not SQLite's own, not virtual tables nor their shadow tables
    (an FTS index is rebuilt from the rows, never copied)."""
    rows = conn.execute("PRAGMA table_list").fetchall()
    return [r[1] for r in rows if r[0] == "main" and r[2] == "table" and not r[1].startswith("sqlite_")]


def recover_store(path: str | os.PathLike[str], now: float) -> Recovery:
    """Back up a damaged store and replace it with a fresh one holding every readable row.

    The backup (`<store>.damaged-<UTC time>`, 0600) is taken first and never opened. The schema
    comes from the damaged file when it can be read (else the current one); rows are copied
    table by table past damaged pages; rows left without their parent are cleared or dropped.
    """
    from bouncedesk.store.schema import migrate as _migrate

    path = Path(path)
    if not path.is_file():
        raise StoreError(f"there is no store at {path}")
    try:
        rec = Recovery(_backup_copy(path, now))
    except OSError as exc:
        raise fault(exc, path, f"cannot back up {path}") from exc
    new = path.with_name(f"{path.name}.recovering")
    for suffix in SIDE_FILES:
        Path(f"{new}{suffix}").unlink(missing_ok=True)
    src = sqlite3.connect(path, isolation_level=None)
    try:
        try:
            schema = src.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            ).fetchall()
            version = src.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            schema, version = [], None
            rec.notes.append(f"the table list could not be read ({exc}); the current schema was used")
        _create_private(new)
        dst = sqlite3.connect(new, isolation_level=None)
        try:
            dst.execute("PRAGMA page_size = 8192")
            if schema:
                for kind, name, _tbl, sql in schema:
                    # A virtual table (the search index) makes its own shadow tables: skip those.
                    if kind == "table" and name not in _table_names(dst):
                        dst.execute(sql)
                dst.execute(f"PRAGMA user_version = {int(version or 0)}")
            else:
                _migrate(dst)
            tables = _plain_tables(dst)
            dst.execute("BEGIN")
            for table in tables:
                try:
                    src_cols = [r[1] for r in src.execute(f"PRAGMA table_info({_q(table)})")]
                except sqlite3.DatabaseError:
                    src_cols = []
                dst_info = dst.execute(f"PRAGMA table_info({_q(table)})").fetchall()
                cols = [r[1] for r in dst_info if r[1] in src_cols]
                pk = [r[1] for r in sorted(dst_info, key=lambda r: r[5]) if r[5] and r[1] in cols]
                if not cols:
                    rec.copied[table] = 0
                    continue
                ins = (f"INSERT OR IGNORE INTO {_q(table)} ({', '.join(_q(c) for c in cols)}) "
                       f"VALUES ({', '.join('?' * len(cols))})")  # fmt: skip
                n = 0
                for row in _readable_rows(src, table, cols, pk, rec):
                    try:
                        n += dst.execute(ins, row).rowcount
                    except sqlite3.Error:
                        rec.lost[table] = rec.lost.get(table, 0) + 1  # NOT NULL/CHECK broken by damage
                rec.copied[table] = n
            _drop_orphans(dst, tables, rec)
            if "search_state" in tables:  # the search index starts empty: the catch-up fills it again
                dst.execute("UPDATE search_state SET indexed_upto = 0")
            for table, n in rec.dropped.items():
                rec.copied[table] = rec.copied.get(table, 0) - n
            dst.execute("COMMIT")
            for kind, name, _tbl, sql in schema:
                if kind != "table":
                    try:
                        dst.execute(sql)
                    except sqlite3.Error as exc:
                        rec.notes.append(f"{kind} {name} could not be rebuilt: {exc}")
            problems = [r[0] for r in dst.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise StoreError(f"the recovered copy {new} is not sound: {problems[0]}")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise fault(exc, new, f"cannot write the recovered store {new}") from exc
    except OSError as exc:
        raise fault(exc, new, f"cannot write the recovered store {new}") from exc
    finally:
        src.close()
    # The old -wal and -shm belong to the damaged file (the backup has the -wal): a stale WAL
    # next to the new file would be replayed into it.
    for suffix in SIDE_FILES[1:]:
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(new, path)
    config.make_private_file(path)
    return rec
