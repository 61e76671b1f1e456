"""Runs syncs for the GUI: one at a time, on a worker thread, with progress, cancel and an interval.

The window never waits for the network: it gets signals. `shutdown()` cancels and joins the
thread, so closing the app mid-sync loses at most the batch in flight (the sync is resumable).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from bouncedesk.ui.context import AppContext
from bouncedesk.ui.workers import SyncSummary, SyncWorker, start_in_thread

log = logging.getLogger(__name__)


class SyncController(QObject):
    started = Signal()
    progress = Signal(str, str, int, int)  # account, folder, done, total
    finished = Signal(object)  # SyncSummary
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QObject | None = None, secrets_factory=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.secrets_factory = secrets_factory
        self.worker: SyncWorker | None = None
        self.thread: QThread | None = None
        self.last: SyncSummary | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)

    @property
    def running(self) -> bool:
        return self.thread is not None

    def set_interval(self, minutes: int) -> None:
        """Sync every `minutes` (0 = only when asked)."""
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def _tick(self) -> None:
        from bouncedesk.store.accounts import list_accounts

        if not self.running and list_accounts(self.ctx.conn):
            self.start()

    def start(self, names: list[str] | None = None) -> bool:
        """Start a sync unless one is running; False if one is."""
        if self.running:
            return False
        worker = SyncWorker(self.ctx.db_path, self.ctx.data_dir, names, self.ctx.clock, self.secrets_factory)
        worker.progress.connect(self.progress)
        worker.failed.connect(self.failed)
        worker.finished.connect(self._done)
        self.worker = worker
        self.thread = start_in_thread(worker)
        log.info("sync started")
        self.started.emit()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            log.info("sync: cancel requested")
            self.worker.cancel()

    def _done(self, summary: SyncSummary) -> None:
        if self.thread is not None:
            self.thread.wait()
        self.thread = None
        self.worker = None
        self.last = summary
        if summary.error:
            log.warning("sync stopped: %s", summary.error)
        else:
            log.info(
                "sync %s: %d messages looked at, %d new, %d bounces",
                "cancelled" if summary.cancelled else "done", summary.checked, summary.new, summary.bounces,
            )  # fmt: skip
        self.ctx.notify("results")
        self.finished.emit(summary)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Cancel a running sync and join its thread."""
        self.timer.stop()
        if self.worker is not None:
            self.worker.cancel()
        if self.thread is not None:
            self.thread.wait(timeout_ms)
