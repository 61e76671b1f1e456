"""Fixtures for tests against real servers on loopback (Dovecot here)."""

from __future__ import annotations

import os
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
        left = d.processes()
        assert not left, f"dovecot left processes behind: {left}"
    for t in tokens:
        t.close()


@pytest.fixture
def dovecot(dovecot_factory) -> Dovecot:
    """A running Dovecot with one user, alice / alice-secret, plain IMAP and IMAPS on loopback."""
    return dovecot_factory()
