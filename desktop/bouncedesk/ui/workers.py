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
