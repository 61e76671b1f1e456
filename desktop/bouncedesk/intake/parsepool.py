"""Prepare messages for the store (parse, classify, compress) in worker processes, beside the
process that downloads and stores them.

A first sync of a big mailbox is bound by parsing: one core parses while the other waits. With
this pool the sync's own process only fetches, writes and moves, and the workers parse the next
batch meanwhile. Workers are never forked from the caller: the sync may run inside the GUI, whose
threads a fork would copy in an unknown state. On POSIX they come from multiprocessing's fork
server (a clean process, started once, that has imported the parser already: a new worker
costs milliseconds, not the 0.2 s CPU of a fresh interpreter); on Windows they are spawned.

Each message has a time budget (analysis.PARSE_BUDGET) that the parser checks as it goes. A
worker that dies or hangs on a part anyway (a crash, or a stall the checks cannot see) costs
only time and the one message that caused it: its part is run again message by message in a
fresh worker, each message given MESSAGE_TIMEOUT; a message that kills or stalls that worker too
is stored as unparseable with the reason (kept for `bouncedesk reparse`), the others normally.
Only when no worker can be had at all (none start, or the pool is closed) does the caller parse
a part itself, still within the per-message budget. `Pending.result` never loses a message, and
`close` always returns. That is why this is
not a `ProcessPoolExecutor`: after a worker is killed, CPython 3.11's executor can block forever
in its shutdown (and again at interpreter exit) on a queue nobody reads. Here each worker has
its own two pipes and nothing else holds their ends, so a dead worker shows at once as a broken
pipe or end of file.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import multiprocessing.connection
import os
import queue
import threading
import time
from collections.abc import Sequence

from bouncedesk.intake.analysis import PARSE_BUDGET
from bouncedesk.intake.parseworker import given_up, prepare_part, serve
from bouncedesk.intake.rows import PreparedMessage

log = logging.getLogger(__name__)

PART_TIMEOUT = 60.0  # seconds a worker may take for one part (a few hundred messages, each within its budget)
MESSAGE_TIMEOUT = 3 * PARSE_BUDGET  # seconds a worker may take for one message when a failed part is re-run
_STOP = None  # tells the sender thread to end
CLOSED = "closed"  # why a worker is out of use after `close`


class WorkerLost(Exception):
    """A worker died, hung or failed before answering."""


class _Worker:
    """One worker process: jobs go down one pipe, answers come up another."""

    def __init__(self, ctx: multiprocessing.context.BaseContext) -> None:
        jobs_out, self.jobs = ctx.Pipe(duplex=False)  # (reader for the worker, writer for us)
        self.answers, answers_in = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=serve, args=(jobs_out, answers_in), name="bouncedesk-parse", daemon=True)
        self.proc.start()
        jobs_out.close()  # the worker's ends now live only in the worker: its death breaks the pipes
        answers_in.close()
        self.lost: str | None = None  # why the worker can no longer be used

    def fail(self, why: str) -> None:
        """Take the worker out of use and end it (it may be hung)."""
        if not self.lost:
            self.lost = why
            if why != CLOSED:
                log.warning("parse worker %s lost (%s)", self.proc.pid, why)
        if self.proc.is_alive():
            self.proc.kill()


class Pending:
    """The prepared messages of one submitted batch, in submission order."""

    def __init__(self, pool: ParsePool, datas: Sequence[bytes], parts: list[tuple[int, int, _Worker | None, int]]) -> None:
        self._pool = pool
        self._datas = datas
        self._parts = parts
        self.inline = 0  # messages parsed here because no worker could be had
        self.rerun = 0  # messages re-run one by one because their part's worker failed
        self.given_up = 0  # messages stored unparseable because they killed or stalled a worker

    def result(self) -> list[PreparedMessage]:
        out: list[PreparedMessage] = []
        for start, end, worker, job in self._parts:
            part = None
            if worker is not None:
                try:
                    part = self._pool.answer(worker, job)
                except WorkerLost as exc:
                    log.warning("a parse worker failed (%s); its %d messages are parsed one by one", exc, end - start)
                    part = self._one_by_one(self._datas[start:end], worker)
            if part is None:
                part = prepare_part(self._datas[start:end], self._pool.budget)
                self.inline += end - start
            out.extend(part)
        return out

    def _one_by_one(self, datas: Sequence[bytes], worker: _Worker | None) -> list[PreparedMessage]:
        """Each message on its own (in `worker` while it lasts, else in a fresh one), to find the one
        that took the part's worker down."""
        out: list[PreparedMessage] = []
        for data in datas:
            if worker is None or worker.lost:
                worker = self._pool.replace_worker()
            if worker is None:  # no worker to be had: parse it here, within its budget
                out.extend(prepare_part([data], self._pool.budget))
                self.inline += 1
                continue
            try:
                out.extend(self._pool.answer(worker, self._pool.send(worker, [data]), self._pool.message_timeout))
                self.rerun += 1
            except WorkerLost as exc:
                if str(exc) == CLOSED:
                    out.extend(prepare_part([data], self._pool.budget))
                    self.inline += 1
                    continue
                log.warning("message given up: %s", exc)
                out.append(given_up(data, f"the parser did not finish it ({exc}); kept for reparse"))
                self.given_up += 1
        return out


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # Imported once by the fork server, inherited by every worker: the main module (without it,
    # each worker would import it again) and the worker's code with the rules compiled.
    ctx.set_forkserver_preload(["__main__", "bouncedesk.intake.parseworker"])
    return ctx


class ParsePool:
    """Up to `jobs` worker processes. `start` boots them in the background (the first boot of the
    fork server takes ~0.2 s, which the caller spends parsing itself); `ready` says when they
    take work; `close` ends them.

    Two threads move the data, so that neither the caller nor a worker ever waits on a full pipe:
    one writes the jobs, one reads the answers as they come (unpickling them while the caller
    writes to the store).
    """

    def __init__(self, jobs: int = 0, *, timeout: float = PART_TIMEOUT, message_timeout: float = MESSAGE_TIMEOUT,
                 budget: float | None = PARSE_BUDGET) -> None:
        self.jobs = max(1, jobs or min(os.cpu_count() or 1, 4))
        self.timeout = timeout  # for a whole part
        self.message_timeout = message_timeout  # for one message of a part that is re-run
        self.budget = budget  # each message's cooperative time budget (see analysis.PARSE_BUDGET)
        self._ctx: multiprocessing.context.BaseContext | None = None
        self._workers: list[_Worker] = []
        self._ids = itertools.count()
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._answers: dict[int, object] = {}  # job -> prepared messages, or the worker's exception
        self._arrived = threading.Condition()
        self._closing = threading.Event()
        self._threads: list[threading.Thread] = []
        self._boot: threading.Thread | None = None
        self._booted = threading.Event()

    def start(self) -> None:
        """Boot the workers without waiting for them (once)."""
        if self._boot is None:
            self._boot = threading.Thread(target=self._start, name="parse-pool-boot", daemon=True)
            self._boot.start()

    @property
    def ready(self) -> bool:
        """The workers are up (or could not start: then `submit` parses in the caller's process)."""
        return self._booted.is_set()

    @property
    def workers(self) -> list[int]:
        """Process IDs of the workers in use."""
        return [w.proc.pid for w in self._workers if not w.lost and w.proc.pid is not None]

    def submit(self, datas: Sequence[bytes]) -> Pending:
        """Start preparing `datas` (split across the workers); collect with `.result()`."""
        self.start()
        self._booted.wait()
        usable = [w for w in self._workers if not w.lost]
        step = max(1, -(-len(datas) // max(1, len(usable))))
        parts: list[tuple[int, int, _Worker | None, int]] = []
        for n, start in enumerate(range(0, len(datas), step)):
            end = min(start + step, len(datas))
            worker = usable[n] if n < len(usable) else None
            job = self.send(worker, datas[start:end]) if worker is not None else -1
            parts.append((start, end, worker, job))
        return Pending(self, datas, parts)

    def answer(self, worker: _Worker, job: int, timeout: float | None = None) -> list[PreparedMessage]:
        """The worker's answer to `job`; `WorkerLost` if it died, hung (no answer within `timeout`, by
        default the part timeout) or failed on it."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        with self._arrived:
            while job not in self._answers:
                if worker.lost:
                    raise WorkerLost(worker.lost)
                if self._closing.is_set():
                    raise WorkerLost(CLOSED)
                if time.monotonic() > deadline:
                    worker.fail(f"no answer within {timeout:g} s")
                    raise WorkerLost(worker.lost)
                if not self._arrived.wait(min(1.0, max(0.01, deadline - time.monotonic()))) \
                        and not worker.proc.is_alive():
                    worker.fail(f"the worker ended (exit code {worker.proc.exitcode})")
            result = self._answers.pop(job)
        if isinstance(result, BaseException):
            raise WorkerLost(f"the worker failed: {result!r}")
        return result  # type: ignore[return-value]

    def send(self, worker: _Worker, datas: Sequence[bytes]) -> int:
        """Queue `datas` for `worker`; the job number to collect its `answer` by."""
        job = next(self._ids)
        self._outbox.put((worker, job, list(datas)))
        return job

    def replace_worker(self) -> _Worker | None:
        """A fresh worker in place of a lost one (None when the pool is closing or none can start)."""
        if self._closing.is_set() or self._ctx is None:
            return None
        try:
            worker = _Worker(self._ctx)
        except Exception as exc:
            log.warning("cannot start a parse worker (%s)", exc)
            return None
        self._workers.append(worker)  # the answer reader picks it up on its next round
        if self._closing.is_set():  # closed meanwhile: `close` may not have seen it
            worker.fail(CLOSED)
        return worker

    def _start(self) -> None:
        try:
            ctx = self._ctx = _context()
            for _ in range(self.jobs):
                self._workers.append(_Worker(ctx))  # one by one: a failure still ends those started
            for target in (self._write_jobs, self._read_answers):
                thread = threading.Thread(target=target, name="parse-pool" + target.__name__.replace("_", "-"), daemon=True)
                thread.start()
                self._threads.append(thread)
            for w in self._workers:  # a round trip: the worker runs and has the parser loaded
                self.answer(w, self.send(w, []))
        except Exception as exc:  # e.g. no semaphores in a sandbox, or a frozen app without its hook
            if not self._closing.is_set():
                log.warning("cannot start parse workers (%s); parsing in this process", exc)
            for w in self._workers:
                w.fail(CLOSED if self._closing.is_set() else f"the workers could not start: {exc}")
        finally:
            self._booted.set()

    def _write_jobs(self) -> None:
        while (item := self._outbox.get()) is not _STOP:
            worker, job, datas = item
            if worker.lost:
                continue
            try:
                worker.jobs.send((job, datas, self.budget))
            except (OSError, ValueError) as exc:  # the worker is gone (broken pipe) or closed
                self._lose(worker, f"cannot send it work ({exc.__class__.__name__})")

    def _read_answers(self) -> None:
        while not self._closing.is_set():
            live = {w.answers: w for w in self._workers if not w.lost}
            if not live:  # all lost for now: a replacement may come (see replace_worker)
                self._closing.wait(0.2)
                continue
            for conn in multiprocessing.connection.wait(list(live), timeout=0.5):
                try:
                    job, result = conn.recv()
                except (EOFError, OSError) as exc:  # the worker died: nothing else holds its pipe's end
                    self._lose(live[conn], f"the worker ended ({exc.__class__.__name__})")
                    continue
                with self._arrived:
                    self._answers[job] = result
                    self._arrived.notify_all()

    def _lose(self, worker: _Worker, why: str) -> None:
        with self._arrived:
            worker.fail(why)
            self._arrived.notify_all()

    def close(self, timeout: float = 5.0) -> None:
        """End the workers (unfinished work is dropped: whoever waits on it parses it itself)."""
        self._closing.set()
        with self._arrived:
            self._arrived.notify_all()  # a boot waiting on a worker's first answer gives up
        if self._boot is not None:
            self._boot.join()
        for w in self._workers:
            self._lose(w, CLOSED)  # first: a send blocked on a live worker then fails at once
        self._outbox.put(_STOP)
        for thread in self._threads:
            thread.join(timeout)
        for w in self._workers:
            w.proc.join(timeout)
            for conn in (w.jobs, w.answers):
                conn.close()
        self._workers = []
        self._answers.clear()
