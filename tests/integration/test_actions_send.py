"""Retries and contact notices sent through a real aiosmtpd server on loopback, password from a real
file keyring: success with Resent-* fields, auth failure, server down, STARTTLS with a pinned
certificate, a connection lost after DATA, and a real kill -9 in the middle of a send."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.act.actions import SMTP_PIN_KEY, Actions
from bouncedesk.act.outcome import OriginalUnavailableError
from bouncedesk.act.resend import attempt_key, resent_message_id
from bouncedesk.act.retries import FAILED, SENDING, SENT, STALE_AFTER, UNDONE, UNKNOWN
from bouncedesk.errors import AuthError, InputError
from bouncedesk.mail.secrets import SecretStore
from bouncedesk.mail.smtp import SendError
from bouncedesk.policy.settings import HOUR
from tests.bounce_factory import SHOP, bounce, ingest, original
from tests.integration.smtpd import PASSWORD, USER, free_port, make_self_signed_cert, start_server

ROOT = Path(__file__).resolve().parents[2]
T0 = 1_717_000_000
DUE = T0 + 24 * HOUR
ANN = "ann@example.org"
BOB = "bob@example.org"
MID = "<order-1@shop.example>"


class SentCopies:
    """Our own Sent folder as the retry code sees it: the copy of each message we sent, by Message-ID."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def fetch_original(self, account_name: str, message_id: str) -> bytes | None:
        self.asked.append(message_id)
        return original(ANN, MID, T0 - 600, subject="Our own copy") if message_id.lower() == MID.lower() else None


@pytest.fixture
def server():
    srv = start_server("plain")
    yield srv
    srv.stop()


@pytest.fixture
def conn(tmp_path: Path):
    c = store.connect(tmp_path / "store.sqlite3")
    yield c
    c.close()


@pytest.fixture
def secrets(keyring_file: Path) -> SecretStore:
    s = SecretStore.open()
    s.set("shop", PASSWORD)
    return s


def add_account(conn, port: int, security: str = "none") -> store.Account:
    return store.add_account(conn, now=T0, name="shop", smtp_host="127.0.0.1", smtp_port=port,
                             smtp_security=security, smtp_username=USER, address=SHOP)


def seed(conn, account: store.Account, address: str = ANN, complete: bool = True) -> None:
    ingest(conn, bounce(address, at=T0, complete=complete), T0 + 60, account_id=account.id)


def test_due_retry_resends_the_original_with_resent_fields(conn, server, secrets) -> None:
    acc = add_account(conn, server.port)
    seed(conn, acc)
    actions = Actions(conn, secrets=secrets, fetcher=SentCopies())
    report = actions.run_due(DUE)
    assert (report.due, report.sent, report.failed) == (1, 1, 0), report.problems

    (got,) = server.handler.received
    assert got.mail_from == SHOP and got.rcpt_tos == [ANN] and got.authenticated
    msg = message_from_bytes(got.data, policy=default)
    (attempt,) = actions.attempts(ANN)
    assert msg["Resent-To"] == ANN and msg["Resent-From"] == SHOP
    assert msg["Resent-Message-ID"] == resent_message_id(attempt_key(ANN, 1, MID), SHOP, attempt.id)
    assert msg["Resent-Date"] == "Thu, 30 May 2024 16:26:40 +0000"
    assert msg["Message-ID"] == MID and msg["Bcc"] is None
    assert "your order has shipped" in msg.get_content()
    assert list(msg.keys())[:4] == ["Resent-Date", "Resent-From", "Resent-To", "Resent-Message-ID"]

    assert (attempt.status, attempt.attempt, attempt.sent_at) == (SENT, 1, DUE)
    assert got.queue_id in attempt.smtp_reply and report.outcomes[0].queue_id == got.queue_id
    rec = store.require_recipient(conn, ANN)
    assert (rec.state, rec.policy.attempts, rec.policy.next_retry_at) == ("retrying", 1, DUE + 48 * HOUR)
    ev = store.events_for(conn, rec.id, limit=1)[0]
    assert (ev.actor, ev.action) == ("scheduler", "retry-sent") and got.queue_id in ev.why
    # Nothing more is due until the next step of the schedule.
    assert actions.run_due(DUE + HOUR).due == 0
    assert len(server.handler.received) == 1


def test_undo_of_a_sent_retry_restores_the_schedule_and_a_new_retry_gets_a_new_id(conn, server, secrets) -> None:
    acc = add_account(conn, server.port)
    seed(conn, acc)
    actions = Actions(conn, secrets=secrets, fetcher=SentCopies())
    before = store.require_recipient(conn, ANN).policy
    actions.retry_now(ANN, DUE)
    out = actions.undo(ANN, DUE + 60)
    assert "cannot be recalled" in out.message
    assert store.require_recipient(conn, ANN).policy == before
    assert [a.status for a in actions.attempts(ANN)] == [UNDONE]
    actions.retry_now(ANN, DUE + 120)
    first, second = (message_from_bytes(r.data) for r in server.handler.received)
    assert first["Resent-Message-ID"] != second["Resent-Message-ID"]
    assert [a.status for a in actions.attempts(ANN)] == [SENT, UNDONE]


def test_only_our_own_copy_is_resent_never_the_one_in_the_bounce(conn, server, secrets) -> None:
    """The bounce brings back a whole "original"; what goes out is our Sent-folder copy."""
    acc = add_account(conn, server.port)
    seed(conn, acc, complete=True)
    fetcher = SentCopies()
    Actions(conn, secrets=secrets, fetcher=fetcher).retry_now(ANN, DUE)
    (got,) = server.handler.received
    assert message_from_bytes(got.data)["Subject"] == "Our own copy" and fetcher.asked == [MID]
    ev = store.events_for(conn, store.require_recipient(conn, ANN).id, limit=1)[0]
    assert "Sent folder" in ev.why


def test_auth_failure_is_recorded_stays_due_and_the_same_attempt_succeeds_later(conn, server, secrets) -> None:
    acc = add_account(conn, server.port)
    seed(conn, acc)
    secrets.set("shop", "not the password")
    actions = Actions(conn, secrets=secrets, fetcher=SentCopies())
    before = store.require_recipient(conn, ANN).policy
    with pytest.raises(AuthError, match="refused the user name or password"):
        actions.retry_now(ANN, DUE)
    (failed,) = actions.attempts(ANN)
    assert failed.status == FAILED and "refused the user name or password" in failed.error
    assert "not the password" not in failed.error
    assert store.require_recipient(conn, ANN).policy == before
    assert server.handler.received == []
    ev = store.events_for(conn, store.require_recipient(conn, ANN).id, limit=1)[0]
    assert ev.action == "retry-failed"

    secrets.set("shop", PASSWORD)
    actions.retry_now(ANN, DUE + 60)
    (sent,) = actions.attempts(ANN)
    assert sent.id == failed.id and sent.status == SENT and sent.error == ""
    assert len(server.handler.received) == 1


def test_server_down_fails_once_per_account_and_sends_when_it_is_back(conn, secrets) -> None:
    acc = add_account(conn, free_port())  # nothing listens there
    seed(conn, acc, ANN)
    seed(conn, acc, BOB)
    actions = Actions(conn, secrets=secrets, fetcher=SentCopies())
    report = actions.run_due(DUE)
    assert (report.due, report.failed, report.skipped, report.sent) == (2, 1, 1, 0)
    assert "refused the connection" in report.problems[0] and "not tried" in report.problems[1]
    assert store.require_recipient(conn, ANN).policy.attempts == 0  # still due
    # Ann waits out the back-off after her failure; Bob, not tried before, is tried now.
    again = actions.run_due(DUE + 600)
    assert (again.skipped, again.failed) == (1, 1)
    assert [a.status for a in actions.attempts(BOB)] == [FAILED]

    srv = start_server("plain")
    try:
        store.update_account(conn, acc.id, smtp_port=srv.port)
        report = actions.run_due(DUE + 2 * HOUR)
        assert (report.sent, report.failed) == (2, 0), report.problems
        assert sorted(r.rcpt_tos[0] for r in srv.handler.received) == [ANN, BOB]
    finally:
        srv.stop()


def test_starttls_with_a_pinned_certificate_from_the_settings(conn, secrets, tmp_path: Path) -> None:
    cert = make_self_signed_cert(tmp_path / "tls")
    srv = start_server("starttls", cert)
    try:
        acc = add_account(conn, srv.port, security="starttls")
        seed(conn, acc)
        actions = Actions(conn, secrets=secrets, fetcher=SentCopies())
        with pytest.raises(SendError, match="could not be verified"):
            actions.retry_now(ANN, DUE)
        store.put_setting(conn, SMTP_PIN_KEY.format(id=acc.id), "not-a-fingerprint", DUE)
        with pytest.raises(InputError, match="64 hex digits"):
            actions.retry_now(ANN, DUE + 30)
        assert [a.status for a in actions.attempts(ANN)] == [FAILED]  # a settings error: nothing was sent
        store.put_setting(conn, SMTP_PIN_KEY.format(id=acc.id), cert.sha256, DUE)
        out = actions.retry_now(ANN, DUE + 60)
        assert out.queue_id == srv.handler.received[0].queue_id
        assert [a.status for a in actions.attempts(ANN)] == [SENT]
    finally:
        srv.stop()


def test_lost_connection_after_data_is_unknown_and_never_resent_by_itself(conn, server, secrets) -> None:
    acc = add_account(conn, server.port)
    seed(conn, acc)
    server.handler.drop_after_data = True
    actions = Actions(conn, secrets=secrets, fetcher=SentCopies())
    with pytest.raises(SendError):
        actions.retry_now(ANN, DUE)
    (attempt,) = actions.attempts(ANN)
    assert attempt.status == UNKNOWN
    report = actions.run_due(DUE + 2 * HOUR)
    assert (report.skipped, report.sent) == (1, 0) and "mark-resent" in report.problems[0]
    with pytest.raises(InputError, match="may have gone out"):
        actions.retry_now(ANN, DUE + 2 * HOUR)
    assert len(server.handler.received) == 1
    # The user checked and decides it went out.
    actions.mark_resent(ANN, DUE + 3 * HOUR)
    assert [a.status for a in actions.attempts(ANN)] == ["manual"]
    assert store.require_recipient(conn, ANN).policy.attempts == 1


def test_force_resends_an_unknown_attempt_on_purpose(conn, server, secrets) -> None:
    acc = add_account(conn, server.port)
    seed(conn, acc)
    server.handler.drop_after_data = True
    actions = Actions(conn, secrets=secrets, fetcher=SentCopies())
    with pytest.raises(SendError):
        actions.retry_now(ANN, DUE)
    server.handler.drop_after_data = False
    actions.retry_now(ANN, DUE + 60, force=True)
    assert len(server.handler.received) == 2
    assert [a.status for a in actions.attempts(ANN)] == [SENT]


_SENDER_SCRIPT = """
import sys
from keyrings.alt.file import PlaintextKeyring
from bouncedesk import store
from bouncedesk.act.actions import Actions
from bouncedesk.mail.secrets import SecretStore
db, keyfile, now, copy = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
backend = PlaintextKeyring()
backend.file_path = keyfile


class SentCopy:
    def fetch_original(self, account_name, message_id):
        with open(copy, "rb") as fh:
            return fh.read()


Actions(store.connect(db), secrets=SecretStore(backend), fetcher=SentCopy()).retry_now("ann@example.org", now)
"""


def test_kill_9_during_a_send_never_sends_twice(tmp_path: Path, conn, server, secrets, keyring_file: Path) -> None:
    acc = add_account(conn, server.port)
    seed(conn, acc)
    server.handler.data_delay = 30  # the server holds its answer to the end of DATA
    copy = tmp_path / "sent-copy.eml"
    copy.write_bytes(original(ANN, MID, T0 - 600))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "desktop"), str(ROOT)]))
    proc = subprocess.Popen(
        [sys.executable, "-c", _SENDER_SCRIPT, str(tmp_path / "store.sqlite3"), str(keyring_file), str(DUE),
         str(copy)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 20
        while not server.handler.received and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert server.handler.received, proc.stderr.read().decode() if proc.poll() is not None else "no message"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL

    actions = Actions(conn, secrets=secrets, fetcher=SentCopies())
    (attempt,) = actions.attempts(ANN)
    assert attempt.status == SENDING
    with pytest.raises(InputError, match="being sent right now"):
        actions.retry_now(ANN, DUE + 60)
    server.handler.data_delay = 0
    report = actions.run_due(DUE + STALE_AFTER)
    assert (report.interrupted, report.sent, report.skipped) == (1, 0, 1)
    assert actions.attempts(ANN)[0].status == UNKNOWN
    assert len(server.handler.received) == 1  # exactly once


def test_contact_notice_by_smtp(conn, server, secrets) -> None:
    acc = add_account(conn, server.port)
    seed(conn, acc)
    actions = Actions(conn, secrets=secrets, fetcher=SentCopies())
    actions.set_contact(ANN, T0 + 10, alt_email="ann.private@example.net")
    out = actions.contact(ANN, T0 + 20, lang="en", via="smtp", sender_name="The Shop")
    (got,) = server.handler.received
    assert got.rcpt_tos == ["ann.private@example.net"] and out.queue_id == got.queue_id
    msg = message_from_bytes(got.data, policy=default)
    assert msg["To"] == "ann.private@example.net" and ANN in msg["Subject"]
    assert "the mailbox is full" in msg.get_content() and "The Shop" in msg.get_content()
    row = conn.execute("SELECT channel, status FROM contact_attempts").fetchone()
    assert tuple(row) == ("smtp", "sent")
    assert "cannot be recalled" in actions.undo(ANN, T0 + 30).message


@pytest.mark.imap
def test_cli_smtp_setup_retry_and_undo_end_to_end(tmp_path: Path, dovecot, keyring_file: Path, capsys,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI as a user runs it: an IMAP account whose Sent folder (real Dovecot) holds the message,
    the sent mail and the bounce imported from files, a retry through real SMTP, undo, a bad password."""
    import io

    from bouncedesk.cli.main import main

    password = dovecot.users["alice"]
    at = int(time.time()) - 3600
    sent_copy = original(ANN, MID, at - 600, subject="Straight from Sent")
    dovecot.append([sent_copy], folder="Sent")
    (tmp_path / "sent.eml").write_bytes(sent_copy)
    (tmp_path / "bounce.eml").write_bytes(bounce(ANN, at=at))
    home = str(tmp_path / "home")
    srv = start_server("plain", users={"alice": password})
    try:
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
        assert main(["account", "add", "shop", "--data-dir", home, "--host", "127.0.0.1", "--port", str(dovecot.port),
                     "--security", "plain", "--user", "alice", "--sent-folder", "Sent", "--password-stdin"]) == 0
        assert main(["smtp", "shop", "--data-dir", home, "--host", "127.0.0.1", "--port", str(srv.port),
                     "--security", "plain", "--address", SHOP, "--test"]) == 0
        assert "logged in" in capsys.readouterr().out
        assert main(["import", "--data-dir", home, "--sent", str(tmp_path / "sent.eml"),
                     str(tmp_path / "bounce.eml")]) == 0
        capsys.readouterr()
        assert main(["retry", ANN, "--data-dir", home]) == 0
        out = capsys.readouterr().out
        (got,) = srv.handler.received
        assert f"server queue id {got.queue_id}" in out and got.rcpt_tos == [ANN]
        assert message_from_bytes(got.data)["Subject"] == "Straight from Sent"
        assert main(["undo", ANN, "--data-dir", home]) == 0
        assert "cannot be recalled" in capsys.readouterr().out
        # A wrong password is one line on stderr and exit 2, and nothing is sent.
        SecretStore.open().set("shop", "wrong")
        assert main(["retry", ANN, "--data-dir", home]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "refused the login" in err
        assert len(srv.handler.received) == 1
    finally:
        srv.stop()


@pytest.mark.imap
def test_retry_finds_the_original_in_the_dovecot_sent_folder(dovecot, tmp_path: Path, keyring_file: Path) -> None:
    """The composed path: open_actions → Sent-folder fetcher (real IMAP) → SMTP (real aiosmtpd)."""
    from bouncedesk.accounts.registry import add_account as add_imap_account
    from bouncedesk.act.actions import open_actions
    from bouncedesk.mail.accounts import Account

    password = dovecot.users["alice"]
    dovecot.append([original(ANN, MID, T0 - 600, subject="Straight from Sent")], folder="Sent")
    actions = open_actions(str(tmp_path / "home"))
    conn = actions.conn
    add_imap_account(conn, SecretStore.open(), Account("shop", "127.0.0.1", "alice", port=dovecot.port,
                                                       security="plain", sent_folder="Sent"),
                     password=password, now=T0)
    srv = start_server("plain", users={"alice": password})
    try:
        acc = store.get_account(conn, "shop")
        store.update_account(conn, acc.id, smtp_host="127.0.0.1", smtp_port=srv.port, smtp_security="none",
                             address=SHOP)
        seed(conn, acc, complete=False)  # the bounce brought back headers only
        out = actions.retry_now(ANN, DUE)
        (got,) = srv.handler.received
        msg = message_from_bytes(got.data)
        assert msg["Subject"] == "Straight from Sent" and msg["Resent-To"] == ANN
        assert out.queue_id == got.queue_id
        # An original the Sent folder does not have either: recorded as unavailable, nothing sent.
        ingest(conn, bounce(BOB, at=T0, complete=False, message_id="<other@shop.example>"), T0 + 60,
               account_id=acc.id)
        with pytest.raises(OriginalUnavailableError):
            actions.retry_now(BOB, DUE)
        assert len(srv.handler.received) == 1
    finally:
        srv.stop()
        conn.close()
