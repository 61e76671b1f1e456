"""GUI test fixtures: a fresh store per test (filled through the real ingest path where a test
needs bounces), the app's window and controller, and every thread and pool joined after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

NOW = 1_767_225_600  # 2026-01-01 00:00:00 UTC: tests run on a fixed clock
DAY = 86400

# (status, server's words): soft, hard, sender-side, temporarily disabled
KINDS = (
    ("4.2.2", "452 4.2.2 Mailbox full, try again later"),
    ("5.1.1", "550 5.1.1 <{r}>: Recipient address rejected: User unknown"),
    ("5.7.1", "554 5.7.1 Service unavailable; client host blocked using a DNS blocklist"),
    ("4.2.1", "450 4.2.1 Mailbox temporarily disabled"),
)


def add_recipients(conn, n: int, now: int = NOW, state: str = "retrying") -> None:
    """n recipients written straight into the store's table (model tests need rows, not a story)."""
    conn.executemany(
        "INSERT INTO recipients(email, domain, state, attempts, next_retry_at, last_status, last_reason, bounces,"
        " last_seen_at, last_failure_at, first_seen_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        [
            (f"user{i:05d}@example{i % 7}.org", f"example{i % 7}.org", state, i % 3, now + (i % 50) * 3600,
             "4.2.2", "mailboxfull", 1 + i % 4, now - i * 60, now - i * 60, now - 86400, now)
            for i in range(n)
        ],
    )  # fmt: skip


def seed_bounces(
    conn, n: int = 40, now: int = NOW, account_id: int | None = None, start: int = 0
) -> list[str]:
    """n bounces (one per recipient) over the last 20 days, ingested the way an import does."""
    from tests.bounce_factory import bounce, ingest

    out = []
    for i in range(start, start + n):
        status, diag = KINDS[i % len(KINDS)]
        r = f"person{i:03d}@mail{i % 5}.example"
        at = now - (i % 20) * DAY - 3600
        data = bounce(
            r, at=at, status=status, diagnostic=diag.format(r=r), message_id=f"<order-{i}@shop.example>"
        )
        ingest(conn, data, now, account_id=account_id, key=f"test:{i}")
        out.append(r)
    return out


@pytest.fixture
def ctx(qapp, data_dir: Path) -> Iterator:
    from bouncedesk.ui.context import AppContext

    c = AppContext.open(data_dir, clock=lambda: NOW)
    yield c
    c.close()
    assert c.pool.activeThreadCount() == 0


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    """A store with 40 bounces of four kinds (soft, hard, sender-side, 4.2.1)."""
    from bouncedesk.store.db import connect

    conn = connect(data_dir / "bouncedesk.sqlite3")
    try:
        seed_bounces(conn)
    finally:
        conn.close()
    return data_dir


class Gui:
    """The window and controller as `bouncedesk` builds them, on a test clock and prefs file."""

    def __init__(self, qtbot, data_dir: Path, prefs_path: Path, **kw) -> None:
        from bouncedesk.ui.app import setup_logging
        from bouncedesk.ui.context import AppContext
        from bouncedesk.ui.controller import MainController
        from bouncedesk.ui.i18n import install_language
        from bouncedesk.ui.mainwindow import MainWindow
        from bouncedesk.ui.prefs import Prefs

        install_language("en")  # as the app does: English has its plural forms ("1 bounce", "2 bounces")
        self.qtbot = qtbot
        self.ctx = AppContext.open(data_dir, clock=lambda: self.now)
        self.now = NOW
        self.prefs = Prefs(prefs_path)
        self.window = MainWindow()
        self.window.resize(1280, 820)
        qtbot.addWidget(self.window)
        self.c = MainController(self.ctx, self.window, self.prefs, setup_logging(None), **kw)
        self.window.show()

    def idle(self) -> None:
        """Wait for every background job and deliver its results."""
        for _ in range(20):
            self.ctx.pool.waitForDone()
            self.qtbot.wait(5)
            if self.ctx.pool.activeThreadCount() == 0:
                self.ctx.pool.waitForDone()
                self.qtbot.wait(5)
                if self.ctx.pool.activeThreadCount() == 0:
                    return

    def open(self, page: str, flt: dict | None = None):
        self.c.show_page(page, flt)
        self.idle()
        return self.c.pages[page]

    def close(self) -> None:
        self.c.shutdown()
        self.window.close()
        self.ctx.close()
        assert self.ctx.pool.activeThreadCount() == 0
        assert self.c.sync.thread is None or self.c.sync.thread.isFinished()


@pytest.fixture
def make_gui(qtbot, tmp_path: Path):
    made: list[Gui] = []

    def make(data_dir: Path, prefs: str = "", **kw) -> Gui:
        g = Gui(qtbot, data_dir, tmp_path / (prefs or f"prefs{len(made)}.ini"), **kw)
        made.append(g)
        g.idle()
        return g

    yield make
    for g in made:
        g.close()


@pytest.fixture
def gui(make_gui, seeded: Path) -> Gui:
    return make_gui(seeded)


class DictFetcher:
    """A Sent folder as a dict of Message-ID → our own copy (the IMAP one is tested against Dovecot)."""

    def __init__(self, messages: dict[str, bytes] | None = None) -> None:
        self.messages = {k.strip("<>").lower(): v for k, v in (messages or {}).items()}
        self.asked: list[tuple[str, str]] = []

    def fetch_original(self, account_name: str, message_id: str) -> bytes | None:
        self.asked.append((account_name, message_id))
        return self.messages.get(message_id.strip("<>").lower())


def seeded_originals(n: int, now: int = NOW, start: int = 0) -> dict[str, bytes]:
    """What the Sent folder holds for `seed_bounces(n)`: each bounced message as we sent it."""
    from tests.bounce_factory import original

    out = {}
    for i in range(start, start + n):
        r = f"person{i:03d}@mail{i % 5}.example"
        at = now - (i % 20) * DAY - 3600
        out[f"<order-{i}@shop.example>"] = original(r, f"<order-{i}@shop.example>", at - 600)
    return out


def actions_factory(data_dir: Path, fetcher: DictFetcher):
    """The GUI's actions on a worker's own connection, with originals from `fetcher` (no IMAP)."""
    from bouncedesk.act.actions import Actions
    from bouncedesk.store.db import open_store

    return lambda: Actions(open_store(str(data_dir)), fetcher=fetcher, data_dir=str(data_dir))


@pytest.fixture
def sent_folder(smtp_store, data_dir: Path) -> DictFetcher:
    """The Sent folder of `smtp_store`'s account, served from a dict."""
    return DictFetcher(seeded_originals(8))


@pytest.fixture
def smtp_store(data_dir: Path, keyring_file):
    """An account whose SMTP server is a real aiosmtpd on loopback; its password in a file keyring."""
    from bouncedesk import store
    from bouncedesk.mail.secrets import SecretStore
    from tests.integration.smtpd import PASSWORD, USER, start_server

    srv = start_server("plain")
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    acc = store.add_account(conn, now=NOW, name="shop", host="imap.shop.example", username=USER,
                            smtp_host="127.0.0.1", smtp_port=srv.port, smtp_security="none", smtp_username=USER,
                            address="mailer@shop.example")  # fmt: skip
    seed_bounces(conn, 8, account_id=acc.id)
    conn.close()
    SecretStore.open().set("shop", PASSWORD)
    yield srv
    srv.stop()


# The real Dovecot fixtures of the integration tests (H4's), reused for the sync and account tests.
from tests.integration.conftest import dovecot, dovecot_factory  # noqa: E402, F401
