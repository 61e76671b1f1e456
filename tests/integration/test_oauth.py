"""Sign-in with OAuth2 end to end, all real and on loopback: a local authorization server (PKCE,
refresh, revocation, introspection), the browser step driven over HTTP by the test, the app's
loopback receiver, Dovecot verifying bearer tokens against the server (oauth2 passdb with
introspection), aiosmtpd checking XOAUTH2 tokens with it, a real store and a real keyring file.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from imapclient import IMAPClient
from imapclient import exceptions as imapx

from bouncedesk import store
from bouncedesk.accounts.oauthconfig import token_provider
from bouncedesk.accounts.signin import add_oauth_account, sign_in_account, sign_in_state
from bouncedesk.errors import AuthError
from bouncedesk.intake.poller import sync_accounts
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.oauth import (
    REFRESH_KIND,
    LoopbackReceiver,
    SignInCancelled,
    SignInRequired,
    XOAuth2Auth,
    exchange_code,
    sign_in,
)
from bouncedesk.mail.secrets import SecretStore
from bouncedesk.mail.smtp import SmtpSettings, send_message
from tests.integration import mailgen
from tests.integration.conftest import _need_dovecot
from tests.integration.dovecot import running
from tests.integration.oauth_server import AuthServer, browse
from tests.integration.smtpd import RecordingHandler, free_port

pytestmark = pytest.mark.oauth

NOW = 1_760_000_000
HOUR = 3600


@pytest.fixture
def idp():
    server = AuthServer()
    yield server
    server.close()


@pytest.fixture
def oauth_dovecot(idp):
    """Dovecot whose oauth2 passdb asks `idp` (introspection) about every bearer token."""
    _need_dovecot()
    with running(oauth=idp) as d:
        yield d


class Browser:
    """The user's browser: GETs the authorization page and follows the redirect back to the app."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.pages: list[tuple[int, str]] = []

    def __call__(self, url: str) -> bool:
        self.urls.append(url)
        self.pages.append(browse(url))
        return True


@pytest.fixture
def log_file(tmp_path):
    """Everything logged, down to DEBUG (the app writes INFO and up), goes to a real file."""
    path = tmp_path / "logs" / "bouncedesk.log"
    path.parent.mkdir()
    handler = logging.FileHandler(path)
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old = root.level
    root.setLevel(logging.DEBUG)
    root.addHandler(handler)
    yield path
    root.removeHandler(handler)
    root.setLevel(old)
    handler.close()


def _files_under(*roots: Path) -> list[Path]:
    return [f for r in roots for f in r.rglob("*") if f.is_file()]


def _assert_no_token_in(files: list[Path], tokens: list[str]) -> None:
    assert tokens
    for f in files:
        data = f.read_bytes()
        for t in tokens:
            assert t.encode() not in data, f"a token leaked into {f}"
            assert base64.b64encode(t.encode())[:24] not in data, f"a base64 token leaked into {f}"


# --- the browser step alone ------------------------------------------------------------------------

def test_sign_in_with_pkce_and_loopback_redirect(idp):
    browser = Browser()
    tokens = sign_in(idp.provider(), NOW, login_hint="alice@example.test", open_browser=browser, timeout=10)
    assert tokens.refresh_token and tokens.access_token and tokens.expires_at == NOW + idp.lifetime
    assert idp.active(tokens.access_token) is not None
    assert idp.counts["code"] == 1 and idp.counts["pkce_refused"] == 0
    status, page = browser.pages[0]
    assert status == 200 and "You can close this window" in page and tokens.access_token not in page
    q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(browser.urls[0]).query))
    assert q["code_challenge_method"] == "S256" and q["redirect_uri"].startswith("http://127.0.0.1:")
    assert "access_token" not in repr(tokens) and tokens.refresh_token not in repr(tokens)


def test_code_is_useless_without_the_verifier(idp):
    """Someone who catches the redirect (another local app) cannot redeem the code without PKCE."""
    caught: dict = {}

    def steal(url: str) -> bool:
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        # Ask the server ourselves, and keep the redirect instead of letting the app see it.
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *a, **k):
                return None
        try:
            urllib.request.build_opener(NoRedirect).open(url, timeout=5)
        except urllib.error.HTTPError as exc:
            caught.update(dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(exc.headers["Location"]).query)))
        caught["redirect_uri"] = q["redirect_uri"]
        return True

    with pytest.raises(SignInCancelled, match="no answer"):
        sign_in(idp.provider(), NOW, open_browser=steal, timeout=0.5)
    with pytest.raises(AuthError):
        exchange_code(idp.provider(), caught["code"], "a-guessed-verifier-" + "x" * 30, caught["redirect_uri"], NOW)
    assert idp.counts["pkce_refused"] == 1 and idp.counts["code"] == 0


def test_receiver_ignores_a_forged_state_and_times_out(idp):
    with LoopbackReceiver() as r:
        r.start("the-real-state")
        status, page = browse(r.redirect_uri + "?code=evil&state=forged")
        assert status == 404 and "BounceDesk" in page
        with pytest.raises(SignInCancelled, match="within"):
            r.wait(0.3)
        status, page = browse(r.redirect_uri + "?code=good&state=the-real-state")
        assert status == 200 and r.wait(1) == {"code": "good", "state": "the-real-state"}


def test_refusal_in_the_browser_is_a_clear_cancel(idp):
    idp.deny = True
    browser = Browser()
    with pytest.raises(SignInCancelled, match="refused or cancelled"):
        sign_in(idp.provider(), NOW, open_browser=browser, timeout=10)
    assert "not completed" in browser.pages[0][1]


def test_cancel_while_waiting(idp):
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with pytest.raises(SignInCancelled, match="cancelled"):
        sign_in(idp.provider(), NOW, open_browser=lambda url: True, timeout=30, cancel=cancel)


# --- the whole chain: sign-in, IMAP sync, expiry, refresh, revocation --------------------------------

@pytest.fixture
def conn(tmp_path):
    (tmp_path / "home").mkdir()
    c = store.connect(tmp_path / "home" / "bouncedesk.sqlite3")
    yield c
    c.close()


def test_sync_across_expiry_and_revocation(oauth_dovecot, idp, conn, keyring_file, tmp_path, log_file):
    d = oauth_dovecot
    secrets = SecretStore.open()
    browser = Browser()
    account = Account("work", "127.0.0.1", "alice", port=d.port, security="plain", auth_method="xoauth2")
    add_oauth_account(conn, secrets, account, idp.provider(), NOW, email="alice@example.test", open_browser=browser)
    assert len(browser.urls) == 1 and sign_in_state(conn, secrets, "work") == "signed-in"
    refresh_token = secrets.get("work", REFRESH_KIND)
    assert refresh_token in idp.refresh

    d.append([mailgen.dsn(1, "oauth"), mailgen.ordinary(1, "oauth")])
    [report] = sync_accounts(conn, secrets, ["work"], clock=lambda: NOW)
    assert report.totals.new_bounces == 1
    assert idp.counts["refresh"] == 0  # the token from the sign-in itself was used
    assert idp.counts["introspect"] >= 1  # Dovecot really asked the authorization server
    first_token = token_provider(conn, secrets, "work").access_token(NOW)

    # An hour later the server no longer accepts the first access token ...
    idp.expire_access_tokens()
    with IMAPClient("127.0.0.1", port=d.port, ssl=False, timeout=10) as c, pytest.raises(imapx.LoginError):
        c.oauth2_login("alice", first_token)
    # ... and the app renews it by itself: no browser, the new mail arrives.
    d.append([mailgen.dsn(2, "oauth")])
    [report] = sync_accounts(conn, secrets, ["work"], clock=lambda: NOW + HOUR)
    assert report.totals.new_bounces == 1
    assert idp.counts["refresh"] == 1 and len(browser.urls) == 1
    # The provider rotated the refresh token: the keyring has the new one.
    assert secrets.get("work", REFRESH_KIND) != refresh_token and secrets.get("work", REFRESH_KIND) in idp.refresh

    # The user revokes the app's access at the provider: a clear "sign in again", nothing half-done.
    idp.revoke_all()
    d.append([mailgen.dsn(3, "oauth")])
    with pytest.raises(SignInRequired, match="sign in again"):
        sync_accounts(conn, secrets, ["work"], clock=lambda: NOW + HOUR + 60)
    assert idp.counts["refresh_refused"] == 1
    assert conn.execute("SELECT count(*) FROM results WHERE kind = 'bounce'").fetchone()[0] == 2

    # Signing in once more brings the account back; the waiting bounce comes in.
    sign_in_account(conn, secrets, "work", idp.provider(), NOW + 2 * HOUR, open_browser=browser)
    [report] = sync_accounts(conn, secrets, ["work"], clock=lambda: NOW + 2 * HOUR)
    assert report.totals.new_bounces == 1 and len(browser.urls) == 2

    # No token anywhere but the keyring: not in the store (nor its WAL), the logs or the data folder.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _assert_no_token_in(_files_under(tmp_path / "home", log_file.parent), idp.issued)
    keyring_text = keyring_file.read_text() if keyring_file.exists() else ""
    assert secrets.get("work", REFRESH_KIND)  # the keyring holds the current refresh token ...
    assert not any(t in keyring_text for t in idp.issued if t.startswith("at-"))  # ... and no access token
    assert "renewed the Test Identity sign-in" in log_file.read_text()


def test_server_refusing_a_cached_token_gets_a_fresh_one(oauth_dovecot, idp, conn, keyring_file):
    """The provider dropped an access token early (our clock says it is still good): one refresh, no error."""
    secrets = SecretStore.open()
    account = Account("work", "127.0.0.1", "alice", port=oauth_dovecot.port, security="plain", auth_method="oauth2")
    add_oauth_account(conn, secrets, account, idp.provider(), NOW, open_browser=Browser())
    idp.expire_access_tokens()
    oauth_dovecot.append([mailgen.dsn(7, "early")])
    [report] = sync_accounts(conn, secrets, ["work"], clock=lambda: NOW + 60)
    assert report.totals.new_bounces == 1 and idp.counts["refresh"] == 1


# --- SMTP XOAUTH2 against aiosmtpd -----------------------------------------------------------------

class XOAuth2Handler(RecordingHandler):
    """aiosmtpd handler with AUTH XOAUTH2, checking each bearer token at the authorization server."""

    def __init__(self, introspection_url: str) -> None:
        super().__init__()
        self.introspection_url = introspection_url
        self.users: list[str] = []

    def _introspect(self, token: str) -> dict:
        data = urllib.parse.urlencode({"token": token}).encode()
        with urllib.request.urlopen(self.introspection_url, data=data, timeout=5) as resp:
            return json.loads(resp.read())

    async def auth_XOAUTH2(self, server, args):  # noqa: N802 (aiosmtpd's naming)
        from aiosmtpd.smtp import AuthResult

        blob = base64.b64decode(args[1]) if len(args) > 1 else await server.challenge_auth("")
        fields = dict(p.split("=", 1) for p in blob.decode().split("\x01") if "=" in p)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        answer = await asyncio.get_running_loop().run_in_executor(None, self._introspect, token)
        if answer.get("active") and answer.get("username") == user.split("@")[0]:
            self.users.append(user)
            return AuthResult(success=True, auth_data=user)
        # RFC-style XOAUTH2 failure: an error challenge, the client's empty line, then 535.
        await server.challenge_auth(json.dumps({"status": "401", "schemes": "bearer"}))
        return AuthResult(success=False, handled=False, message="535 5.7.8 token refused")


@pytest.fixture
def xoauth2_smtp(idp):
    from aiosmtpd.controller import Controller

    handler = XOAuth2Handler(idp.url)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, auth_require_tls=False,
                            auth_exclude_mechanism=["LOGIN", "PLAIN"])
    controller.start()
    yield handler, port
    controller.stop()


def test_smtp_xoauth2_send_and_revocation(xoauth2_smtp, idp, conn, keyring_file):
    handler, port = xoauth2_smtp
    secrets = SecretStore.open()
    now = int(time.time())  # the SMTP seam reads the wall clock
    store.add_account(conn, now=now, name="shop", host="127.0.0.1", username="alice@example.test",
                      auth_method="oauth2", smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
                      smtp_username="alice@example.test", address="alice@example.test")
    sign_in_account(conn, secrets, "shop", idp.provider(), now, open_browser=Browser())

    from bouncedesk.act.actions import Actions

    actions = Actions(conn, secrets=secrets)
    acc = store.get_account(conn, "shop")
    settings, sender = actions.smtp_settings(acc)
    auth = actions.smtp_auth(acc, settings)  # the SmtpAuth seam: XOAUTH2 for an OAuth2 account
    assert isinstance(auth, XOAuth2Auth)
    msg = b"From: alice@example.test\r\nTo: bob@example.org\r\nSubject: hi\r\n\r\nhello\r\n"
    result = send_message(settings, auth, sender, ["bob@example.org"], msg)
    assert result.code == 250 and handler.received[-1].authenticated
    assert handler.users == ["alice@example.test"] and idp.counts["refresh"] == 0

    # Revoked at the provider: the server refuses the cached token, the refresh is refused: sign in again.
    idp.revoke_all()
    with pytest.raises(SignInRequired, match="sign in again"):
        send_message(settings, actions.smtp_auth(acc, settings), sender, ["bob@example.org"], msg)
    assert idp.counts["refresh_refused"] == 1
    assert len(handler.received) == 1


def test_smtp_refuses_without_xoauth2(idp, keyring_file):
    from tests.integration.smtpd import start_server

    srv = start_server("plain")  # PLAIN/LOGIN only
    try:
        tokens = type("T", (), {"access_token": lambda self, now: "x"})()
        with pytest.raises(AuthError, match="does not offer XOAUTH2"):
            send_message(SmtpSettings("127.0.0.1", srv.port, "plain"), XOAuth2Auth("a@b.c", tokens),
                         "a@b.c", ["x@y.z"], b"Subject: x\r\n\r\nx\r\n")
    finally:
        srv.stop()



def test_localhost_redirect_reaches_the_ipv4_listener(idp):
    """A provider configured with redirect_host=localhost (Microsoft) still lands on the 127.0.0.1 listener."""
    from dataclasses import replace

    browser = Browser()
    tokens = sign_in(replace(idp.provider(), redirect_host="localhost"), NOW, open_browser=browser, timeout=10)
    assert tokens.refresh_token and "redirect_uri=http%3A%2F%2Flocalhost%3A" in browser.urls[0]
    assert browser.pages[0][0] == 200


def test_an_idle_browser_connection_does_not_block_the_answer(idp):
    """Browsers open spare connections that never send a request; the answer must still get through."""
    import socket

    def browser(url: str) -> bool:
        redirect = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))["redirect_uri"]
        port = urllib.parse.urlsplit(redirect).port
        idle.append(socket.create_connection(("127.0.0.1", port)))  # says nothing
        browse(url)
        return True

    idle: list = []
    try:
        started = time.monotonic()
        tokens = sign_in(idp.provider(), NOW, open_browser=browser, timeout=10)
        assert tokens.refresh_token and time.monotonic() - started < 5
    finally:
        for s in idle:
            s.close()


def test_unreachable_provider_is_a_network_error(idp):
    """The token server is down: an ImapNetworkError (the kind watch mode retries), not "sign in again"."""
    from bouncedesk.mail.endpoint import ImapNetworkError
    from bouncedesk.mail.oauth import OAuthNetworkError, refresh_access_token

    tokens = sign_in(idp.provider(), NOW, open_browser=Browser(), timeout=10)
    provider = idp.provider()
    idp.close()
    with pytest.raises(OAuthNetworkError, match="cannot reach Test Identity") as exc:
        refresh_access_token(provider, tokens.refresh_token, NOW)
    assert isinstance(exc.value, ImapNetworkError) and tokens.refresh_token not in str(exc.value)


def _bounces(path: Path) -> int:
    c = store.connect(path)
    try:
        return c.execute("SELECT count(*) FROM results WHERE kind = 'bounce'").fetchone()[0]
    finally:
        c.close()


def _wait_until(cond, timeout: float, why=lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, f"timed out {why()}"
        time.sleep(0.05)


def test_watch_renews_the_sign_in_on_reconnect(oauth_dovecot, idp, conn, keyring_file, tmp_path):
    """Watch mode across an expired token and a server restart: it renews by itself, nobody is asked."""
    import random

    from bouncedesk.intake.poller import watch
    from bouncedesk.mail.backoff import Backoff
    from bouncedesk.mail.watch import WatchOptions

    d = oauth_dovecot
    secrets = SecretStore.open()
    browser = Browser()
    account = Account("work", "127.0.0.1", "alice", port=d.port, security="plain", auth_method="oauth2")
    add_oauth_account(conn, secrets, account, idp.provider(), NOW, open_browser=browser)
    path = tmp_path / "home" / "bouncedesk.sqlite3"
    clock = [NOW]
    cancel, errors, retries = threading.Event(), [], []

    def run() -> None:
        c = store.connect(path)
        try:
            watch(c, secrets, "work", cancel, watch_options=WatchOptions(poll_interval=600, tick=0.1),
                  clock=lambda: clock[0], on_retry=lambda e, delay: retries.append(str(e)),
                  backoff=Backoff(base=0.2, cap=1.0, rng=random.Random(3)))
        except BaseException as exc:
            errors.append(exc)
        finally:
            c.close()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    try:
        d.append([mailgen.dsn(1, "watch")])
        _wait_until(lambda: _bounces(path) == 1, 15)
        # An hour and a half later the token has expired at the provider and the server restarts.
        idp.expire_access_tokens()
        clock[0] = NOW + 90 * 60
        d.kill()
        d.start()
        d.append([mailgen.dsn(2, "watch")])
        _wait_until(lambda: _bounces(path) == 2, 20,
                    lambda: f"(errors {errors}, retries {retries}, idp {dict(idp.counts)}, alive {t.is_alive()})")
    finally:
        cancel.set()
        t.join(15)
    assert not errors and retries  # it did lose the connection, and came back on its own
    assert idp.counts["refresh"] == 1 and len(browser.urls) == 1



def test_oauthbearer_login_with_the_same_sign_in(oauth_dovecot, idp, conn, keyring_file):
    """RFC 7628 OAUTHBEARER instead of XOAUTH2: same token provider, same check at the server."""
    from bouncedesk.mail.endpoint import Credentials, ImapEndpoint
    from bouncedesk.mail.imap import connect

    secrets = SecretStore.open()
    account = Account("work", "127.0.0.1", "alice", port=oauth_dovecot.port, security="plain", auth_method="oauth2")
    add_oauth_account(conn, secrets, account, idp.provider(), NOW, open_browser=Browser())
    ep = ImapEndpoint("127.0.0.1", oauth_dovecot.port, "plain", "alice", auth_method="oauthbearer")
    before = idp.counts["introspect"]
    with connect(ep, Credentials(tokens=token_provider(conn, secrets, "work")), NOW) as s:
        assert s.select("INBOX").uidvalidity > 0
    assert idp.counts["introspect"] > before
    _wait_until(lambda: "method=OAUTHBEARER" in oauth_dovecot.log_tail(200), 5)  # Dovecot logs logins async
