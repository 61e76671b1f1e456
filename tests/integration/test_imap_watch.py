"""Watch mode against a real Dovecot: IDLE wakes the watcher, polling works, reconnects after a crash."""

from __future__ import annotations

import random
import threading
import time

import pytest

from bouncedesk import store
from bouncedesk.intake.poller import watch
from bouncedesk.mail.backoff import Backoff
from bouncedesk.mail.watch import WatchOptions
from tests.integration import mailgen

pytestmark = pytest.mark.imap


class Watcher:
    """Runs poller.watch in its own thread with its own store connection, as the GUI does."""

    def __init__(self, ms, options: WatchOptions, backoff: Backoff | None = None) -> None:
        self.ms, self.options, self.backoff = ms, options, backoff
        self.cancel = threading.Event()
        self.rounds = 0
        self.round_done = threading.Event()
        self.retries: list[str] = []
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        conn = store.connect(self.ms.path)
        try:
            watch(conn, self.ms.secrets, "work", self.cancel, watch_options=self.options,
                  on_report=self._on_report, on_retry=lambda e, d: self.retries.append(str(e)),
                  backoff=self.backoff)
        except BaseException as exc:  # reported to the test, never lost
            self.errors.append(exc)
        finally:
            conn.close()

    def _on_report(self, report) -> None:
        self.rounds += 1
        self.round_done.set()

    def __enter__(self) -> Watcher:
        self.thread.start()
        assert self.round_done.wait(15), "the first sync did not finish"
        return self

    def __exit__(self, *exc) -> None:
        self.cancel.set()
        self.thread.join(10)
        assert not self.thread.is_alive(), "the watcher did not stop on cancel"
        assert not self.errors, self.errors


def _wait_for_messages(ms, n: int, timeout: float) -> float:
    """Seconds until the store (read through its own connection) holds n messages; fails after timeout."""
    t0 = time.monotonic()
    conn = store.connect(ms.path)
    try:
        while time.monotonic() - t0 < timeout:
            if conn.execute("SELECT count(*) FROM messages").fetchone()[0] >= n:
                return time.monotonic() - t0
            time.sleep(0.02)
    finally:
        conn.close()
    pytest.fail(f"{n} message(s) not in the store after {timeout} s")


def test_idle_wakes_the_watcher_when_a_bounce_arrives(dovecot, mail_store):
    mail_store.add(dovecot)
    # Polling every 10 minutes and IDLE refreshed every 25: only IDLE can bring the bounce in time.
    with Watcher(mail_store, WatchOptions(poll_interval=600, tick=0.2)) as w:
        assert w.rounds == 1
        dovecot.append([mailgen.dsn(1, "idle")])
        latency = _wait_for_messages(mail_store, 1, timeout=15)
        dovecot.append([mailgen.ordinary(1, "idle"), mailgen.dsn(2, "idle")])
        _wait_for_messages(mail_store, 2, timeout=15)
    assert w.rounds >= 2 and not w.retries
    print(f"IDLE: bounce in the store {latency:.2f} s after APPEND")


def test_polling_when_idle_is_off(dovecot, mail_store):
    mail_store.add(dovecot)
    with Watcher(mail_store, WatchOptions(idle=False, poll_interval=0.3, tick=0.1)):
        dovecot.append([mailgen.dsn(3, "poll")])
        _wait_for_messages(mail_store, 1, timeout=15)


def test_watcher_reconnects_after_the_server_crashes(dovecot, mail_store):
    mail_store.add(dovecot)
    backoff = Backoff(base=0.2, cap=1.0, rng=random.Random(7))
    with Watcher(mail_store, WatchOptions(poll_interval=600, tick=0.1), backoff) as w:
        dovecot.kill()
        time.sleep(0.8)  # the watcher finds the server gone and keeps retrying
        dovecot.start()
        dovecot.append([mailgen.dsn(4, "crash")])
        _wait_for_messages(mail_store, 1, timeout=20)
    assert w.retries, "the lost connection was never noticed"
    assert all("\n" not in r for r in w.retries)


def test_idle_is_reissued_when_its_time_is_up(dovecot, mail_store):
    mail_store.add(dovecot)
    # Each re-issue ends one IDLE and syncs again (the real period is 25 min, at most 29).
    with Watcher(mail_store, WatchOptions(idle_refresh=0.3, poll_interval=600, tick=0.1)) as w:
        deadline = time.monotonic() + 10
        while w.rounds < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert w.rounds >= 4
    log = (dovecot.root / "dovecot.log").read_text(errors="replace")
    assert log.count("Login: user=<alice>") == 1  # the same connection all along


def test_watcher_gives_up_on_a_refused_login(dovecot, mail_store):
    from bouncedesk.errors import AuthError

    mail_store.add(dovecot, password="not-the-password")
    w = Watcher(mail_store, WatchOptions(tick=0.1), Backoff(base=5.0))
    t0 = time.monotonic()
    w.thread.start()
    w.thread.join(10)
    assert not w.thread.is_alive() and time.monotonic() - t0 < 2.5  # no retry pause
    assert len(w.errors) == 1 and isinstance(w.errors[0], AuthError) and not w.retries
