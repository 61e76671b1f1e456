"""`bouncedesk account add --email ... --oauth ...`, `sync`, `account signin/signout` end to end:
the local authorization server as a third provider from <data dir>/oauth_providers.json, the
system-browser call answered by a test browser that speaks HTTP, Dovecot checking the tokens."""

from __future__ import annotations

import io
import json

import keyring
import pytest

from bouncedesk.cli.main import main
from tests.integration import mailgen
from tests.integration.conftest import _need_dovecot
from tests.integration.dovecot import running
from tests.integration.oauth_server import AuthServer, browse

pytestmark = [pytest.mark.oauth, pytest.mark.imap]


@pytest.fixture
def idp():
    server = AuthServer(client_secret="desktop-client-secret")  # like a Google desktop client
    yield server
    server.close()


@pytest.fixture
def d(idp):
    _need_dovecot()
    with running(oauth=idp) as dc:
        yield dc


@pytest.fixture
def browser(monkeypatch):
    """webbrowser.open answered by a real HTTP walk through the authorization page."""
    seen: list[str] = []

    def open_url(url: str, *a, **k) -> bool:
        seen.append(url)
        browse(url)
        return True

    monkeypatch.setattr("webbrowser.open", open_url)
    return seen


def run(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


def test_add_by_address_sign_in_sync_revoke_sign_in_again(d, idp, data_dir, keyring_file, browser, capsys, monkeypatch):
    (data_dir / "oauth_providers.json").write_text(json.dumps({"oauth_providers": {"testidp": idp.provider_config()}}))
    d.append([mailgen.dsn(1, "cli-oauth"), mailgen.ordinary(1, "cli-oauth")])

    rc, out, err = run(capsys, monkeypatch, "account", "add", "work", "--email", "alice@example.test",
                       "--host", "127.0.0.1", "--port", str(d.port), "--security", "plain", "--user", "alice",
                       "--oauth", "testidp", "--client-id", idp.client_id, "--client-secret-stdin",
                       stdin="desktop-client-secret\n")
    assert rc == 0, err
    assert "signed in with Test Identity" in out and len(browser) == 1
    assert "open this address" in err and "code_challenge=" in err  # the fallback when no browser opens
    assert keyring.get_password("BounceDesk", "work:oauth-client-secret") == "desktop-client-secret"
    assert keyring.get_password("BounceDesk", "work:oauth-refresh-token") in idp.refresh

    rc, out, err = run(capsys, monkeypatch, "account", "test", "work")
    assert rc == 0 and "logged in as alice" in out, err
    rc, out, err = run(capsys, monkeypatch, "sync")
    assert rc == 0, err
    assert "1 new bounces" in out
    # Each CLI run is a new process in real life; here the in-process cache is shared, so clear it to
    # make the next run renew the access token from the keyring, as a new process would.
    from bouncedesk.accounts.oauthconfig import forget

    forget("work")
    d.append([mailgen.dsn(2, "cli-oauth")])
    rc, out, err = run(capsys, monkeypatch, "sync")
    assert rc == 0 and "1 new bounces" in out, err
    assert idp.counts["refresh"] == 1 and len(browser) == 1

    idp.revoke_all()
    forget("work")
    rc, out, err = run(capsys, monkeypatch, "sync")
    assert rc == 2 and out == ""
    assert err.count("\n") == 1 and "sign in again" in err and "Traceback" not in err

    rc, out, err = run(capsys, monkeypatch, "account", "signin", "work")
    assert rc == 0 and "signed in account 'work'" in out, err
    assert len(browser) == 2 and "login_hint=alice%40example.test" in browser[-1]
    rc, out, err = run(capsys, monkeypatch, "sync")
    assert rc == 0 and "0 new bounces" in out, err

    # Tokens only in the keyring: nothing in the store, logs or any other file of the data folder.
    for f in data_dir.rglob("*"):
        if f.is_file():
            data = f.read_bytes()
            assert not any(t.encode() in data for t in idp.issued), f
            assert b"desktop-client-secret" not in data, f

    rc, out, err = run(capsys, monkeypatch, "account", "signout", "work")
    assert rc == 0 and idp.counts["revoke"] == 1
    assert keyring.get_password("BounceDesk", "work:oauth-refresh-token") is None
    rc, out, err = run(capsys, monkeypatch, "account", "remove", "work")
    assert rc == 0 and keyring.get_password("BounceDesk", "work:oauth-client-secret") is None


def test_add_by_address_uses_the_preset(data_dir, keyring_file, capsys, monkeypatch):
    rc, out, err = run(capsys, monkeypatch, "account", "add", "home", "--email", "someone@gmx.de", "--password-stdin",
                       stdin="app-pass\n")
    assert rc == 0, err
    assert "imap.gmx.net" in out and "IMAP" in err and "POP3/IMAP" in err  # guidance shown
    rc, out, _ = run(capsys, monkeypatch, "account", "list", "--json")
    row = json.loads(out)
    assert (row["host"], row["port"], row["security"], row["user"]) == ("imap.gmx.net", 993, "tls", "someone@gmx.de")
    from bouncedesk import store

    conn = store.open_store(None)
    try:
        acc = store.get_account(conn, "home")
        assert (acc.smtp_host, acc.smtp_port, acc.smtp_security, acc.address) == ("mail.gmx.net", 587, "starttls",
                                                                                 "someone@gmx.de")
    finally:
        conn.close()


def test_one_line_errors(data_dir, keyring_file, capsys, monkeypatch):
    rc, _, err = run(capsys, monkeypatch, "account", "add", "x", "--email", "me@unknown-domain.example")
    assert rc == 2 and "no preset" in err and err.count("\n") == 1
    rc, _, err = run(capsys, monkeypatch, "account", "add", "x", "--email", "me@gmail.com")
    assert rc == 2 and "client ID" in err
    rc, _, err = run(capsys, monkeypatch, "account", "add", "x", "--email", "not-an-address")
    assert rc == 2 and "not an e-mail address" in err
    rc, _, err = run(capsys, monkeypatch, "account", "add", "x", "--host", "imap.example.com")
    assert rc == 2 and "--email" in err


def test_headless_sign_in_in_separate_processes(d, idp, tmp_path):
    """--no-browser prints the address; the user opens it elsewhere. Each command is its own process,
    so the second one renews the access token from the keyring file, as a real run would."""
    import os
    import subprocess
    import sys

    home = tmp_path / "bd-home"
    home.mkdir()
    (home / "oauth_providers.json").write_text(json.dumps({"oauth_providers": {"testidp": idp.provider_config()}}))
    env = {**os.environ, "BOUNCEDESK_HOME": str(home), "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
           "XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    cmd = [sys.executable, "-m", "bouncedesk"]
    d.append([mailgen.dsn(1, "headless")])
    proc = subprocess.Popen(
        cmd + ["account", "add", "work", "--email", "alice@example.test", "--host", "127.0.0.1", "--port", str(d.port),
               "--security", "plain", "--user", "alice", "--oauth", "testidp", "--client-id", idp.client_id,
               "--client-secret-stdin", "--no-browser"],
        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        proc.stdin.write("desktop-client-secret\n")
        proc.stdin.flush()
        url = ""
        for line in proc.stderr:  # the address comes on its own line after the hint
            if line.startswith(idp.base + "/authorize?"):
                url = line.strip()
                break
        assert url, "no sign-in address printed"
        status, page = browse(url)
        assert status == 200 and "close this window" in page
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert proc.returncode == 0, err
    assert "signed in with Test Identity" in out

    run2 = subprocess.run(cmd + ["sync"], env=env, capture_output=True, text=True, timeout=60)
    assert run2.returncode == 0, run2.stderr
    assert "1 new bounces" in run2.stdout
    assert idp.counts["refresh"] == 1  # a new process: the access token was renewed, nobody was asked
    for f in home.rglob("*"):
        if f.is_file():
            assert not any(t.encode() in f.read_bytes() for t in idp.issued), f
