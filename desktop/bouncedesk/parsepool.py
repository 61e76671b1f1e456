"""Prepare messages for the store (parse, classify, compress) in worker processes, beside the
process that downloads and stores them.

A first sync of a big mailbox is bound by parsing: one core parses while the other waits. With
this pool the sync's own process only fetches, writes and moves, and the workers parse the next
batch meanwhile. Workers are never forked from the caller: the sync may run inside the GUI, whose
threads a fork would copy in an unknown state. On POSIX they come from multiprocessing's fork
server (a clean process, started once, that has imported the parser already: a new worker
costs milliseconds, not the 0.2 s CPU of a fresh interpreter); on Windows they are spawned.
A worker that dies or cannot start costs only time: the caller then parses the batch itself
(`Pending.result` never loses a message).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from bouncedesk.ingest import PreparedMessage
from bouncedesk.parseworker import prepare_part

log = logging.getLogger(__name__)


class Pending:
    """The prepared messages of one submitted batch, in submission order."""

    def __init__(self, datas: Sequence[bytes], parts: list[tuple[int, int, Future | None]]) -> None:
        self._datas = datas
        self._parts = parts
        self.inline = 0  # messages parsed here because a worker failed or none could start

    def result(self) -> list[PreparedMessage]:
        out: list[PreparedMessage] = []
        for start, end, future in self._parts:
            part = None
            if future is not None:
                try:
                    part = future.result()
                except Exception as exc:  # a dead or unstartable worker: parse here instead
                    log.warning("a parse worker failed (%s); parsing %d messages here", exc, end - start)
            if part is None:
                part = prepare_part(self._datas[start:end])
                self.inline += end - start
            out.extend(part)
        return out


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # Imported once by the fork server, inherited by every worker: the main module (without it,
    # each worker would import it again) and the worker's code with the rules compiled.
    ctx.set_forkserver_preload(["__main__", "bouncedesk.parseworker"])
    return ctx


class ParsePool:
    """Up to `jobs` worker processes. `start` boots them in the background (the first boot of the
    fork server takes ~0.2 s, which the caller spends parsing itself); `ready` says when they
    take work; `close` ends them."""

    def __init__(self, jobs: int = 0) -> None:
        self.jobs = max(1, jobs or min(os.cpu_count() or 1, 4))
        self._executor: ProcessPoolExecutor | None = None
        self._broken = False
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

    def submit(self, datas: Sequence[bytes]) -> Pending:
        """Start preparing `datas` (split across the workers); collect with `.result()`."""
        self.start()
        self._booted.wait()
        executor = self._executor
        step = max(1, -(-len(datas) // self.jobs))
        parts: list[tuple[int, int, Future | None]] = []
        for start in range(0, len(datas), step):
            end = min(start + step, len(datas))
            future = None
            if executor is not None and not self._broken:
                try:
                    future = executor.submit(prepare_part, list(datas[start:end]))
                except Exception as exc:  # broken pool: this and later batches are parsed here
                    log.warning("parse workers unavailable (%s); parsing in this process", exc)
                    self._broken = True
            parts.append((start, end, future))
        return Pending(datas, parts)

    def _start(self) -> None:
        try:
            executor = ProcessPoolExecutor(self.jobs, mp_context=_context())
            executor.submit(int).result()  # the workers run: the fork server is up
            self._executor = executor
        except Exception as exc:  # e.g. no semaphores in a sandbox, or a frozen app without its hook
            log.warning("cannot start parse workers (%s); parsing in this process", exc)
            self._broken = True
        finally:
            self._booted.set()

    def close(self) -> None:
        if self._boot is not None:
            self._boot.join()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
