"""A big sync parses in worker processes: the store must end up exactly as with inline parsing,
and a worker that dies must cost time only, never a message."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing.forkserver
import os
import signal
import time

import pytest

from bouncedesk import store
from bouncedesk.accounts.registry import add_account, load_account
from bouncedesk.intake import poller
from bouncedesk.intake.poller import sync_accounts
from bouncedesk.mail.sync import SyncOptions
from tests.integration import mailgen
from tests.integration.proctree import children

pytestmark = pytest.mark.imap

NOW = 1_710_000_000
_MESSAGE_COLUMNS = "content_hash, outcome, format, error, subject, sender, message_id, bounce_at, orig_message_id"
_RESULT_COLUMNS = "idx, kind, email, status, status_source, reason, hard, side, action_hint, diagnostic, at"


def _contents(conn) -> tuple[list, list]:
    msgs = conn.execute(f"SELECT {_MESSAGE_COLUMNS} FROM messages ORDER BY content_hash").fetchall()
    results = conn.execute(
        f"SELECT m.content_hash, {', '.join('r.' + c for c in _RESULT_COLUMNS.split(', '))}"
        " FROM results r JOIN messages m ON m.id = r.message_id ORDER BY m.content_hash, r.idx"
    ).fetchall()
    return msgs, results


def _workers() -> list[int]:
    """PIDs of the fork server's children: the parse workers."""
    server = getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None)
    return children(server) if server else []


@pytest.fixture
def mailbox(dovecot, corpus):
    """Dovecot holding 60 corpus messages, 60 generated ones and 20 ordinary messages."""
    files = sorted((corpus / "emails" / "bsd").iterdir())[::7][:60]  # every kind of server, spread
    dovecot.bounce_uids = dovecot.append(f.read_bytes() for f in files)
    dovecot.bounce_uids += dovecot.append(mailgen.dsn(i, "par") for i in range(60))
    dovecot.append(mailgen.ordinary(i, "par") for i in range(20))
    return dovecot


def _served_hashes(d) -> set[bytes]:
    served = d.fetch_all()
    return {hashlib.sha256(served[u]).digest() for u in d.bounce_uids}


def test_parallel_parse_stores_exactly_what_inline_parse_stores(mailbox, mail_store, tmp_path, monkeypatch):
    monkeypatch.setattr(poller, "PARALLEL_FROM", 10**9)  # inline
    mail_store.add(mailbox)
    inline = sync_accounts(mail_store.conn, mail_store.secrets, clock=lambda: NOW, options=SyncOptions(batch_size=50))
    expected = _contents(mail_store.conn)

    monkeypatch.setattr(poller, "PARALLEL_FROM", 1)
    other = store.connect(tmp_path / "other.sqlite3")
    add_account(other, mail_store.secrets, load_account(mail_store.conn, "work"), password=mailbox.users["alice"],
                now=NOW)
    try:
        parallel = sync_accounts(other, mail_store.secrets, clock=lambda: NOW, options=SyncOptions(batch_size=50))
        assert parallel[0].totals.new == inline[0].totals.new == len(_served_hashes(mailbox))
        assert _contents(other) == expected
        assert len(expected[1]) >= 100
    finally:
        other.close()
    assert _workers() == []  # the workers ended with the folder


def test_a_killed_parse_worker_costs_time_not_messages(mailbox, mail_store, monkeypatch, caplog):
    monkeypatch.setattr(poller, "PARALLEL_FROM", 1)
    mail_store.add(mailbox)
    killed: list[int] = []

    def kill_workers(p):
        if p.done and not killed:
            deadline = time.monotonic() + 30
            while not _workers() and time.monotonic() < deadline:
                time.sleep(0.05)  # the workers boot in the background; batches meanwhile parse here
            killed.extend(_workers())
            for pid in killed:
                os.kill(pid, signal.SIGKILL)

    with caplog.at_level(logging.WARNING, logger="bouncedesk.intake.parsepool"):
        report = sync_accounts(mail_store.conn, mail_store.secrets, clock=lambda: NOW,
                               options=SyncOptions(batch_size=20), progress=kill_workers)[0].totals
    assert killed  # there were workers to kill
    assert report.complete and report.checked == 140 and report.fetched == 120
    stored = {r[0] for r in mail_store.conn.execute("SELECT content_hash FROM messages")}
    assert stored == _served_hashes(mailbox)  # nothing lost
    assert mail_store.count("SELECT count(*) FROM messages WHERE outcome = 'unparseable'") == 0
    assert any("parse worker" in r.getMessage() for r in caplog.records)
