"""Fixtures for tests against real servers on loopback (Dovecot here)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from tests.integration.dovecot import Dovecot, TokenIntrospection, find_dovecot


def _need_dovecot() -> None:
    if find_dovecot() is None:
        msg = "dovecot is not installed (apt-get install dovecot-imapd, or `make system-deps` as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)


@pytest.fixture
def dovecot_factory() -> Iterator:
    """Start private Dovecot instances with chosen options; every one is stopped and removed after."""
    _need_dovecot()
    started: list[Dovecot] = []
    tokens: list[TokenIntrospection] = []

    def make(*, oauth: bool = False, **kwargs) -> Dovecot:
        if oauth:
            kwargs["oauth"] = TokenIntrospection()
            tokens.append(kwargs["oauth"])
        d = Dovecot(**kwargs)
        started.append(d)
        d.start()
        return d

    yield make
    for d in started:
        d.cleanup()
        deadline = time.monotonic() + 3
        while (left := d.processes()) and time.monotonic() < deadline:
            time.sleep(0.05)  # SIGKILLed children take a moment to be gone
        assert not left, f"dovecot left processes behind: {left}"
    for t in tokens:
        t.close()


@pytest.fixture
def dovecot(dovecot_factory) -> Dovecot:
    """A running Dovecot with one user, alice / alice-secret, plain IMAP and IMAPS on loopback."""
    return dovecot_factory()


@pytest.fixture
def mail_store(tmp_path, keyring_file):
    """A real store file and a real file-backed keyring, plus a helper to add an IMAP account."""
    from bouncedesk import config, store
    from bouncedesk.accounts.registry import add_account
    from bouncedesk.mail.accounts import Account
    from bouncedesk.mail.secrets import SecretStore

    data_dir = tmp_path / "data"
    conn = store.connect(config.store_path(data_dir))
    secrets = SecretStore.open()

    class MailStore:
        def __init__(self) -> None:
            self.conn, self.secrets, self.data_dir = conn, secrets, data_dir
            self.path = config.store_path(data_dir)

        def add(self, d: Dovecot, name: str = "work", *, password: str | None = None, tls: bool = False,
                pin: bool = False, **kw) -> Account:
            port, security = (d.tls_port, "tls") if tls else (d.port, "plain")
            acc = Account(name, "127.0.0.1", "alice", port=port, security=security,
                          tls_fingerprint=d.cert_fingerprint if pin else None, **kw)
            return add_account(conn, secrets, acc, password=password or d.users["alice"], now=1_710_000_000)

        def count(self, sql: str, *params) -> int:
            return conn.execute(sql, params).fetchone()[0]

    yield MailStore()
    conn.close()
