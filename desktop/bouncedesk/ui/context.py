"""What every view and controller shares: where the store is, the GUI thread's connection,
the worker pool, the clock and the UI language. Built once by `ui.app`, handed down.

One SQLite connection per thread: the GUI thread uses `conn`; workers call `open_reader()`
or `open_writer()` inside their own thread and close it when done.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal

from bouncedesk.clock import wall_clock
from bouncedesk.store.db import connect


def open_reader(path: Path) -> sqlite3.Connection:
    """A read-only connection for a worker thread (never migrates, refuses writes)."""
    conn = connect(path, upgrade=False)
    conn.execute("PRAGMA query_only = 1")
    return conn


def open_writer(path: Path) -> sqlite3.Connection:
    """A read-write connection for a worker thread that changes the store (sync, import)."""
    return connect(path, upgrade=False)


class StoreSignals(QObject):
    """Told whenever something changed the store, so views reload what they show."""

    changed = Signal(str)  # what changed: "results", "recipients", "accounts", "settings", "suppressions"


@dataclass
class AppContext:
    db_path: Path
    data_dir: Path
    conn: sqlite3.Connection
    clock: Callable[[], int] = wall_clock
    language: str = "en"
    pool: QThreadPool = field(default_factory=QThreadPool)
    signals: StoreSignals = field(default_factory=StoreSignals)
    demo: bool = False

    @classmethod
    def open(cls, data_dir: Path, *, clock: Callable[[], int] = wall_clock, demo: bool = False) -> AppContext:
        db_path = Path(data_dir) / "bouncedesk.sqlite3"
        conn = connect(db_path)
        pool = QThreadPool()
        pool.setMaxThreadCount(2)
        return cls(db_path=db_path, data_dir=Path(data_dir), conn=conn, clock=clock, pool=pool, demo=demo)

    def now(self) -> int:
        return self.clock()

    def notify(self, what: str) -> None:
        self.signals.changed.emit(what)

    closed: bool = False

    def drain(self, rounds: int = 50) -> None:
        """Wait for every short job and deliver its result; results may start follow-up jobs."""
        from PySide6.QtCore import QCoreApplication

        for _ in range(rounds):
            self.pool.waitForDone()
            QCoreApplication.processEvents()
            if self.pool.activeThreadCount() == 0:
                self.pool.waitForDone()
                QCoreApplication.processEvents()
                if self.pool.activeThreadCount() == 0:
                    return

    def close(self) -> None:
        """Finish every short job, then close the GUI thread's connection (views stop reading)."""
        self.drain()
        self.closed = True
        self.pool.waitForDone()
        self.conn.close()
