"""Work off the GUI thread: short jobs on a QThreadPool, long-running ones as a QObject in a QThread.

Short jobs (load a list's ids, a dashboard query, test a connection) are `Job`s: a QRunnable
with a separate signals QObject, because a QRunnable cannot emit. Jobs are kept referenced
until their result has been delivered on the GUI thread, so nothing is collected mid-flight.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from bouncedesk.errors import BounceDeskError

log = logging.getLogger(__name__)


class JobSignals(QObject):
    done = Signal(object)  # the function's return value
    failed = Signal(str)  # a message a user can read
    finished = Signal()  # after done or failed


class Job(QRunnable):
    """Run `fn()` on a pool thread; results come back through `signals` on the GUI thread."""

    _alive: set[Job] = set()

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = JobSignals()
        self.signals.finished.connect(lambda: Job._alive.discard(self))

    def run(self) -> None:
        try:
            result = self.fn()
        except BounceDeskError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # an unexpected fault: log it, tell the user in one line
            log.error("background job failed: %s\n%s", exc, traceback.format_exc())
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)
        self.signals.finished.emit()


def run_job(
    pool: QThreadPool,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
) -> Job:
    """Start `fn` on `pool`; `on_done(result)` / `on_failed(message)` run on the GUI thread."""
    job = Job(fn)
    if on_done is not None:
        job.signals.done.connect(on_done)
    if on_failed is not None:
        job.signals.failed.connect(on_failed)
    Job._alive.add(job)
    pool.start(job)
    return job


class SyncWorker(QObject):
    """One sync pass over the accounts, on its own QThread with its own store connection.

    Created on the GUI thread, moved to a QThread; `run` is started by the thread's `started`
    signal. Progress and the outcome come back as queued signals. `cancel()` is safe from any
    thread: the sync checks the flag between batches and leaves the store consistent.
    """

    progress = Signal(str, str, int, int)  # account, folder, done, total
    finished = Signal(object)  # a SyncSummary
    failed = Signal(str)

    def __init__(self, db_path, data_dir, names: list[str] | None, clock, secrets_factory=None) -> None:
        super().__init__()
        import threading

        self.db_path = db_path
        self.data_dir = data_dir
        self.names = names
        self.clock = clock
        self.secrets_factory = secrets_factory
        self.cancel_event = threading.Event()

    def cancel(self) -> None:
        self.cancel_event.set()

    def run(self) -> None:
        from bouncedesk.accounts import registry
        from bouncedesk.intake import poller
        from bouncedesk.ui.context import open_writer

        summary = SyncSummary()
        conn = None
        try:
            conn = open_writer(self.db_path)
            secrets = (
                self.secrets_factory(conn)
                if self.secrets_factory
                else registry.open_secrets(conn, self.data_dir)
            )

            def on_progress(p) -> None:
                self.progress.emit(p.account, p.folder, p.done, p.total)

            reports = poller.sync_accounts(
                conn, secrets, self.names, progress=on_progress, cancel=self.cancel_event, clock=self.clock
            )
            for r in reports:
                t = r.totals
                summary.accounts.append(r.account)
                summary.checked += t.checked
                summary.new += t.new
                summary.bounces += t.bounces
                summary.cancelled = summary.cancelled or r.cancelled
        except BounceDeskError as exc:
            summary.error = str(exc)
        except Exception as exc:  # unexpected: logged with its traceback, shown in one line
            log.error("sync failed: %s\n%s", exc, traceback.format_exc())
            summary.error = f"{type(exc).__name__}: {exc}"
        finally:
            if conn is not None:
                conn.close()
        summary.cancelled = summary.cancelled or self.cancel_event.is_set()
        if summary.error:
            self.failed.emit(summary.error)
        self.finished.emit(summary)


class SyncSummary:
    def __init__(self) -> None:
        self.accounts: list[str] = []
        self.checked = 0
        self.new = 0
        self.bounces = 0
        self.cancelled = False
        self.error = ""


def start_in_thread(worker: QObject, parent: QObject | None = None):
    """Move `worker` to a new QThread and start it; returns the thread.

    worker.finished → thread.quit is a DirectConnection: the queued default deadlocked shutdown
    here (DESIGN.md). Callers join with `thread.wait()`.
    """
    from PySide6.QtCore import Qt, QThread

    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    return thread
