"""The parse pool with real worker processes: same results as parsing here, and a worker that
dies or hangs costs time only: its part is re-run message by message in a fresh worker, every
message is still prepared and `close` returns. (Messages that kill or stall a worker themselves:
see test_dsn_adversarial.py.)"""

from __future__ import annotations

import contextlib
import os
import signal
import time

import pytest

from bouncedesk.intake.parsepool import ParsePool
from bouncedesk.intake.rows import prepare_message
from tests.integration import mailgen

pytestmark = [pytest.mark.timeout(90), pytest.mark.skipif(os.name != "posix", reason="signals")]


def _messages(n: int, tag: str, padding: int = 0) -> list[bytes]:
    return [mailgen.dsn(i, tag, padding=padding) if i % 3 else mailgen.ordinary(i, tag) for i in range(n)]


@pytest.fixture
def pool():
    p = ParsePool(2, timeout=5)
    p.start()
    yield p
    p.close()


def _closes_promptly(p: ParsePool) -> float:
    t = time.monotonic()
    p.close()
    return time.monotonic() - t


def test_workers_prepare_what_this_process_prepares(pool):
    datas = _messages(40, "pool")
    pending = pool.submit(datas)
    assert pending.result() == [prepare_message(d) for d in datas]
    assert pending.inline == 0
    assert len(pool.workers) == 2 and os.getpid() not in pool.workers


def test_two_batches_in_flight_come_back_in_their_own_order(pool):
    first, second = _messages(30, "one", padding=20_000), _messages(30, "two", padding=20_000)
    a, b = pool.submit(first), pool.submit(second)  # answers bigger than a pipe's buffer
    assert b.result() == [prepare_message(d) for d in second]  # collected out of order
    assert a.result() == [prepare_message(d) for d in first]
    assert a.inline == b.inline == 0


def test_a_killed_worker_costs_time_not_messages(pool):
    datas = _messages(200, "kill", padding=5_000)
    pool.submit(datas[:2]).result()  # the workers are up
    victim = pool.workers[0]
    pending = pool.submit(datas)
    os.kill(victim, signal.SIGKILL)
    assert pending.result() == [prepare_message(d) for d in datas]
    assert pending.rerun == 100 and pending.inline == pending.given_up == 0  # the victim's half, in a fresh worker
    assert len(pool.workers) == 2 and victim not in pool.workers  # the fresh worker took the victim's place
    after = pool.submit(datas[:10])
    assert after.result() == [prepare_message(d) for d in datas[:10]]
    assert after.inline == after.rerun == 0
    assert _closes_promptly(pool) < 10


def test_close_returns_with_work_queued_for_dead_workers(pool):
    pool.submit(_messages(2, "up")).result()
    for pid in pool.workers:
        os.kill(pid, signal.SIGKILL)
    big = _messages(60, "big", padding=200_000)  # megabytes for pipes nobody reads
    pendings = [pool.submit(big) for _ in range(3)]
    assert _closes_promptly(pool) < 10
    assert pendings[0].result() == [prepare_message(d) for d in big]
    assert pendings[0].inline == len(big)


def test_a_hung_worker_is_given_up_after_the_timeout(pool):
    datas = _messages(20, "hang")
    pool.submit(datas[:2]).result()
    stuck = pool.workers[1]
    os.kill(stuck, signal.SIGSTOP)
    try:
        t = time.monotonic()
        pending = pool.submit(datas)
        assert pending.result() == [prepare_message(d) for d in datas]
        assert 4 <= time.monotonic() - t < 30 and pending.rerun == 10 and pending.inline == 0
        assert stuck not in pool.workers
    finally:
        with contextlib.suppress(ProcessLookupError):  # it was killed, as it should be
            os.kill(stuck, signal.SIGCONT)
    assert _closes_promptly(pool) < 10


def test_without_workers_everything_is_parsed_here(monkeypatch):
    def no_processes(*_args, **_kwargs):
        raise OSError("no semaphores here")

    monkeypatch.setattr("bouncedesk.intake.parsepool._Worker", no_processes)  # a sandbox that forbids them
    p = ParsePool(2)
    datas = _messages(12, "none")
    try:
        pending = p.submit(datas)
        assert pending.result() == [prepare_message(d) for d in datas]
        assert pending.inline == len(datas) and p.workers == []
    finally:
        assert _closes_promptly(p) < 5


def _never_answers(jobs, answers) -> None:
    time.sleep(600)  # a worker hung before its first answer


def test_close_does_not_wait_for_a_worker_hung_while_booting(monkeypatch):
    monkeypatch.setattr("bouncedesk.intake.parsepool.serve", _never_answers)
    p = ParsePool(1, timeout=300)
    p.start()
    deadline = time.monotonic() + 30
    while not p._workers and time.monotonic() < deadline:
        time.sleep(0.05)
    hung = p._workers[0].proc
    assert not p.ready  # still waiting for the worker's first answer
    assert _closes_promptly(p) < 10
    assert not hung.is_alive() and p.ready
