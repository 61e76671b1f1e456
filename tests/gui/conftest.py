"""GUI test fixtures: a fresh store per test, an AppContext whose worker pool is joined after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

NOW = 1_767_225_600  # 2026-01-01 00:00:00 UTC: tests run on a fixed clock


@pytest.fixture
def ctx(qapp, data_dir: Path) -> Iterator:
    from bouncedesk.ui.context import AppContext

    c = AppContext.open(data_dir, clock=lambda: NOW)
    yield c
    c.close()
    assert c.pool.activeThreadCount() == 0


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
