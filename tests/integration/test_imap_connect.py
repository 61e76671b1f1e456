"""Connecting to a real Dovecot: log-in methods, TLS trust, pinning and the one-line errors."""

from __future__ import annotations

import threading
import time

import pytest

from bouncedesk.errors import AuthError, InputError, MailError
from bouncedesk.mail.endpoint import (
    CertificateError,
    Credentials,
    ImapEndpoint,
    ImapNetworkError,
    format_fingerprint,
)
from bouncedesk.mail.imap import connect
from bouncedesk.mail.tokens import StaticToken
from tests.integration.dovecot import free_port

pytestmark = pytest.mark.imap
NOW = 1_710_000_000


def _plain(d, user="alice", **kw) -> ImapEndpoint:
    return ImapEndpoint("127.0.0.1", d.port, "plain", user, **kw)


def _log(d) -> str:
    return (d.root / "dovecot.log").read_text(errors="replace")


def _log_after_disconnect(d, before: str, marker: str = "Disconnected") -> str:
    """Dovecot's new log lines once it has written the end of our session (it does so asynchronously)."""
    deadline = time.monotonic() + 15
    while marker not in _log(d)[len(before):] and time.monotonic() < deadline:
        time.sleep(0.05)
    return _log(d)[len(before):]


def test_password_login_lists_folders_and_capabilities(dovecot):
    with connect(_plain(dovecot), Credentials(password="alice-secret"), NOW) as s:
        assert s.has("IDLE") and s.has("MOVE")
        names = {n for n, _ in s.list_folders()}
        assert {"INBOX", "Sent"} <= names
        assert s.find_sent_folder() == "Sent"  # through SPECIAL-USE \Sent, not by name luck
        assert s.select("INBOX").uidvalidity > 0


def test_wrong_password_is_an_auth_error_with_one_line(dovecot):
    with pytest.raises(AuthError) as err:
        connect(_plain(dovecot), Credentials(password="nope"), NOW)
    msg = str(err.value)
    assert "\n" not in msg and "alice" in msg and f"127.0.0.1:{dovecot.port}" in msg


def test_refused_port_is_a_network_error(dovecot):
    port = free_port()
    with pytest.raises(ImapNetworkError, match="refused the connection"):
        connect(ImapEndpoint("127.0.0.1", port, "plain", "alice"), Credentials(password="x"), NOW)


def test_unknown_host_is_a_dns_error():
    ep = ImapEndpoint("no-such-host.invalid", 993, "tls", "alice")
    with pytest.raises(ImapNetworkError, match="cannot find the mail server"):
        connect(ep, Credentials(password="x"), NOW)


def test_plain_text_only_to_this_computer():
    with pytest.raises(InputError, match="only allowed to this computer"):
        ImapEndpoint("mail.example.com", 143, "plain", "alice")


def test_tls_against_a_plain_port_says_tls_failed(dovecot):
    ep = ImapEndpoint("127.0.0.1", dovecot.port, "tls", "alice")
    with pytest.raises(MailError, match="TLS") as err:
        connect(ep, Credentials(password="alice-secret"), NOW)
    assert not isinstance(err.value, AuthError)


def test_self_signed_certificate_refused_by_default_and_error_offers_the_pin(dovecot):
    ep = ImapEndpoint("127.0.0.1", dovecot.tls_port, "tls", "alice")
    before = _log(dovecot)
    with pytest.raises(CertificateError) as err:
        connect(ep, Credentials(password="alice-secret"), NOW)
    assert format_fingerprint(dovecot.cert_fingerprint) in str(err.value)
    log = _log_after_disconnect(dovecot, before)
    # Dovecot logged the end of our session, and no authentication ever reached it.
    assert "Disconnected" in log
    assert "auth failed" not in log and "Login:" not in log
    assert "attempts in" not in log.replace("no auth attempts in", "")  # e.g. "1 attempts in 0 secs"


def test_pinned_certificate_is_accepted_over_tls_and_starttls(dovecot):
    pin = format_fingerprint(dovecot.cert_fingerprint)
    for port, security in ((dovecot.tls_port, "tls"), (dovecot.port, "starttls")):
        ep = ImapEndpoint("127.0.0.1", port, security, "alice", tls_fingerprint=pin)
        with connect(ep, Credentials(password="alice-secret"), NOW) as s:
            assert s.select("INBOX").exists == 0


def test_wrong_pin_refused_before_the_password_is_sent(dovecot):
    wrong = "00" * 32
    ep = ImapEndpoint("127.0.0.1", dovecot.tls_port, "tls", "alice", tls_fingerprint=wrong)
    before = _log(dovecot)
    with pytest.raises(CertificateError, match="not the one you trusted"):
        connect(ep, Credentials(password="alice-secret"), NOW)
    log = _log_after_disconnect(dovecot, before)
    # Dovecot logged the end of our session, and no authentication ever reached it.
    assert "Disconnected" in log
    assert "auth failed" not in log and "Login:" not in log
    assert "attempts in" not in log.replace("no auth attempts in", "")  # e.g. "1 attempts in 0 secs"


def test_default_verification_accepts_a_certificate_from_a_trusted_ca(dovecot):
    # Verification stays on; trusting the test certificate as a CA proves the host-name check passes.
    ep = ImapEndpoint("127.0.0.1", dovecot.tls_port, "tls", "alice", ca_file=str(dovecot.cert))
    with connect(ep, Credentials(password="alice-secret"), NOW) as s:
        assert s.has("IDLE")


def test_xoauth2_and_oauthbearer_with_a_static_token(dovecot_factory):
    d = dovecot_factory(oauth=True)
    d.oauth.tokens["token-for-alice"] = "alice"
    for method in ("xoauth2", "oauthbearer", "oauth2"):
        ep = _plain(d, auth_method=method)
        with connect(ep, Credentials(tokens=StaticToken("token-for-alice")), NOW) as s:
            assert s.select("INBOX").uidvalidity > 0
    assert d.oauth.requests >= 3  # Dovecot really asked the token endpoint each time
    with pytest.raises(AuthError):
        connect(_plain(d, auth_method="xoauth2"), Credentials(tokens=StaticToken("revoked")), NOW)


def test_expunged_by_another_client_between_header_and_body_fetch(dovecot):
    from tests.integration import mailgen

    uids = dovecot.append([mailgen.dsn(i, "x") for i in range(3)])
    with connect(_plain(dovecot), Credentials(password="alice-secret"), NOW) as s:
        s.select("INBOX")
        heads = s.fetch_headers(uids, ["Subject"])
        assert sorted(heads) == uids
        with dovecot.client() as other:
            other.select_folder("INBOX")
            other.delete_messages([uids[1]])
            other.expunge()
        bodies = s.fetch_bodies(uids)
    assert sorted(bodies) == [uids[0], uids[2]]
    assert all(b.data.startswith(b"Return-Path") for b in bodies.values())


def test_idle_wakes_on_new_mail_and_honours_cancel(dovecot):
    from tests.integration import mailgen

    with connect(_plain(dovecot), Credentials(password="alice-secret"), NOW) as s:
        s.select("INBOX")
        t0 = time.monotonic()
        assert s.wait_for_mail(0.5) is False  # nothing arrives: times out
        assert time.monotonic() - t0 < 3
        timer = threading.Timer(0.3, lambda: dovecot.append([mailgen.dsn(1, "idle")]))
        timer.start()
        t0 = time.monotonic()
        assert s.wait_for_mail(20) is True
        assert time.monotonic() - t0 < 5
        timer.join()
        cancel = threading.Event()
        threading.Timer(0.2, cancel.set).start()
        t0 = time.monotonic()
        assert s.wait_for_mail(20, cancel, tick=0.1) is False
        assert time.monotonic() - t0 < 3
        s.noop()  # the connection is still usable after IDLE


def test_idle_notices_a_dead_server(dovecot):
    with connect(_plain(dovecot), Credentials(password="alice-secret"), NOW) as s:
        s.select("INBOX")
        threading.Timer(0.3, dovecot.kill).start()
        with pytest.raises(ImapNetworkError):
            s.wait_for_mail(20, tick=0.1)
