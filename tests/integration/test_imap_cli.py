"""`bouncedesk account ...` and `bouncedesk sync` end to end: real Dovecot, real store, real keyring file."""

from __future__ import annotations

import io
import json

import keyring
import pytest

from bouncedesk.cli.main import main
from tests.integration import mailgen

pytestmark = pytest.mark.imap


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def _add(capsys, monkeypatch, d, name="work", password="alice-secret", *extra: str):
    return run(capsys, monkeypatch, "account", "add", name, "--host", "127.0.0.1", "--port", str(d.port),
               "--security", "plain", "--user", "alice", "--password-stdin", *extra, stdin=password + "\n")


def test_account_add_list_test_sync_remove(dovecot, data_dir, keyring_file, capsys, monkeypatch):
    dovecot.append([mailgen.dsn(i, "cli") for i in range(3)] + [mailgen.ordinary(i, "cli") for i in range(4)])
    rc, out, err = _add(capsys, monkeypatch, dovecot, "work", "alice-secret", "--processed-folder", "Bounces")
    assert rc == 0, err
    # The password is in the keyring, never in the store, logs or config (plain or base64).
    assert keyring.get_password("BounceDesk", "work:password") == "alice-secret"
    for f in data_dir.rglob("*"):
        if f.is_file():
            assert b"alice-secret" not in f.read_bytes() and b"YWxpY2Utc2VjcmV0" not in f.read_bytes(), f

    rc, out, _ = run(capsys, monkeypatch, "account", "list", "--json")
    row = json.loads(out)
    assert (row["name"], row["port"], row["security"], row["processed_folder"]) == ("work", dovecot.port, "plain", "Bounces")

    rc, out, err = run(capsys, monkeypatch, "account", "test", "work")
    assert rc == 0, err
    assert "logged in as alice" in out and "IDLE" in out and "sent folder: Sent" in out
    assert "'Bounces' will be created" in out

    rc, out, err = run(capsys, monkeypatch, "sync")
    assert rc == 0, err
    assert out.strip() == "work/INBOX: 7 checked, 3 fetched, 3 new bounces, 0 duplicates, 3 moved"
    assert sorted(dovecot.uids("Bounces")) == [1, 2, 3] and len(dovecot.uids()) == 4

    rc, out, _ = run(capsys, monkeypatch, "sync", "--json")
    assert json.loads(out)["checked"] == 0

    rc, out, _ = run(capsys, monkeypatch, "account", "remove", "work")
    assert rc == 0
    assert keyring.get_password("BounceDesk", "work:password") is None
    rc, out, err = run(capsys, monkeypatch, "sync")
    assert rc == 2 and "no mail account" in err


@pytest.mark.parametrize(
    ("case", "expect"),
    [
        ("password", "refused the login for 'alice'"),
        ("port", "refused the connection"),
        ("certificate", "--trust-fingerprint"),
        ("plain-remote", "only allowed to this computer"),
    ],
)
def test_account_faults_are_one_line_and_exit_2(dovecot, data_dir, keyring_file, capsys, monkeypatch, case, expect):
    from tests.integration.dovecot import free_port

    if case == "password":
        _add(capsys, monkeypatch, dovecot, "work", "not-the-password")
    elif case == "port":
        run(capsys, monkeypatch, "account", "add", "work", "--host", "127.0.0.1", "--port", str(free_port()),
            "--security", "plain", "--user", "alice", "--password-stdin", stdin="x\n")
    elif case == "certificate":
        run(capsys, monkeypatch, "account", "add", "work", "--host", "127.0.0.1", "--port", str(dovecot.tls_port),
            "--user", "alice", "--password-stdin", stdin="alice-secret\n")
    else:
        rc, out, err = run(capsys, monkeypatch, "account", "add", "work", "--host", "mail.example.com",
                           "--security", "plain", "--user", "alice", "--password-stdin", stdin="x\n")
        assert rc == 2 and expect in err and len(err.strip().splitlines()) == 1
        return
    for command in (("account", "test", "work"), ("sync",)):
        rc, out, err = run(capsys, monkeypatch, *command)
        assert rc == 2, (command, out, err)
        assert expect in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_pinned_account_from_the_fingerprint_the_error_offered(dovecot, data_dir, keyring_file, capsys, monkeypatch):
    run(capsys, monkeypatch, "account", "add", "self", "--host", "127.0.0.1", "--port", str(dovecot.tls_port),
        "--user", "alice", "--password-stdin", stdin="alice-secret\n")
    rc, _, err = run(capsys, monkeypatch, "account", "test", "self")
    offered = err.split("--trust-fingerprint", 1)[1].split()[0]
    rc, _, err = run(capsys, monkeypatch, "account", "add", "pinned", "--host", "127.0.0.1", "--port",
                     str(dovecot.tls_port), "--user", "alice", "--password-stdin", "--trust-fingerprint", offered,
                     stdin="alice-secret\n")
    assert rc == 0, err
    rc, out, err = run(capsys, monkeypatch, "account", "test", "pinned")
    assert rc == 0 and "(tls)" in out, err


def test_no_keyring_means_no_account_and_a_clear_message(dovecot, data_dir, capsys, monkeypatch):
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    rc, out, err = _add(capsys, monkeypatch, dovecot)
    assert rc == 2 and "keyring" in err and len(err.strip().splitlines()) == 1
    rc, out, _ = run(capsys, monkeypatch, "account", "list", "--json")
    assert out == ""  # the password was refused, so the account was not half-made


def test_a_missing_folder_is_reported_and_the_others_are_synced(dovecot, data_dir, keyring_file, capsys, monkeypatch):
    dovecot.append([mailgen.dsn(1, "mf")])
    dovecot.append([mailgen.dsn(2, "mf")], folder="Bounces")
    _add(capsys, monkeypatch, dovecot, "work", "alice-secret", "--folder", "INBOX", "--folder", "Typo",
         "--folder", "Bounces")
    rc, out, err = run(capsys, monkeypatch, "account", "test", "work")
    assert rc == 0 and "watched folder 'Typo' does not exist" in out
    rc, out, err = run(capsys, monkeypatch, "sync")
    assert rc == 2
    assert "work/INBOX: 1 checked, 1 fetched, 1 new bounces" in out
    assert "work/Bounces: 1 checked, 1 fetched, 1 new bounces" in out
    assert err.strip().startswith("bouncedesk: work/Typo:") and len(err.strip().splitlines()) == 1
