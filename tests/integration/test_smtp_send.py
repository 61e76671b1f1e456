"""mail.smtp against a real aiosmtpd server on loopback: success, AUTH, failures, STARTTLS, TLS."""

from __future__ import annotations

from collections.abc import Iterator
from email import message_from_bytes
from pathlib import Path

import pytest

from bouncedesk.errors import AuthError, InputError, MailError
from bouncedesk.mail.smtp import (
    NoAuth,
    PasswordAuth,
    SendError,
    SmtpSettings,
    check_login,
    parse_queue_id,
    send_message,
)
from tests.integration.smtpd import PASSWORD, USER, Cert, free_port, make_self_signed_cert, start_server

MESSAGE = (
    b"From: Mailer <mailer@example.test>\n"
    b"To: Ann <ann@example.org>\n"
    b"Subject: Newsletter\n"
    b"Message-ID: <orig-1@example.test>\n"
    b"MIME-Version: 1.0\n"
    b"Content-Type: text/plain; charset=utf-8\n"
    b"Content-Transfer-Encoding: 8bit\n"
    b"\n"
    b"Gr\xc3\xbc\xc3\x9fe!\n"
    b".a line starting with a dot\n"
)


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> Cert:
    return make_self_signed_cert(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def plain_server() -> Iterator:
    srv = start_server("plain")
    yield srv
    srv.stop()


@pytest.fixture
def starttls_server(cert: Cert) -> Iterator:
    srv = start_server("starttls", cert)
    yield srv
    srv.stop()


def _settings(srv, security: str = "plain", **kw) -> SmtpSettings:
    return SmtpSettings(host=srv.host, port=srv.port, security=security, username=USER, timeout=10, **kw)


def test_plain_send_on_loopback_with_auth_returns_queue_id(plain_server) -> None:
    result = send_message(_settings(plain_server), PasswordAuth(USER, PASSWORD), USER, ["ann@example.org"], MESSAGE)
    (got,) = plain_server.handler.received
    assert result.code == 250
    assert result.queue_id == got.queue_id
    assert got.authenticated
    assert got.mail_from == USER and got.rcpt_tos == ["ann@example.org"]
    # The body arrived intact: 8-bit text, CRLF lines, the leading dot un-stuffed by the server.
    msg = message_from_bytes(got.data)
    assert msg["Message-ID"] == "<orig-1@example.test>"
    assert msg.get_payload(decode=True).decode("utf-8").splitlines() == ["Grüße!", ".a line starting with a dot"]


def test_auth_login_only_server(tmp_path: Path) -> None:
    srv = start_server("plain", exclude_mechanisms=("PLAIN",))
    try:
        send_message(_settings(srv), PasswordAuth(USER, PASSWORD), USER, ["ann@example.org"], MESSAGE)
        assert len(srv.handler.received) == 1 and srv.handler.received[0].authenticated
    finally:
        srv.stop()


def test_wrong_password_is_an_auth_error_and_nothing_is_sent(plain_server) -> None:
    with pytest.raises(AuthError, match="refused the user name or password") as info:
        send_message(_settings(plain_server), PasswordAuth(USER, "wrong"), USER, ["ann@example.org"], MESSAGE)
    assert "wrong" not in str(info.value)
    assert plain_server.handler.received == []
    assert "wrong" not in repr(PasswordAuth(USER, "wrong"))


def test_server_down_is_connection_refused() -> None:
    port = free_port()  # nothing listens there
    settings = SmtpSettings(host="127.0.0.1", port=port, security="plain", timeout=5)
    with pytest.raises(SendError, match="refused the connection") as info:
        send_message(settings, NoAuth(), USER, ["ann@example.org"], MESSAGE)
    assert info.value.temporary and not info.value.maybe_delivered


def test_unknown_host_is_a_dns_error() -> None:
    settings = SmtpSettings(host="no-such-host.invalid", security="tls", timeout=5)
    with pytest.raises(SendError, match="cannot find the SMTP server 'no-such-host.invalid'"):
        send_message(settings, NoAuth(), USER, ["ann@example.org"], MESSAGE)


def test_plain_to_a_remote_host_is_refused_before_connecting() -> None:
    settings = SmtpSettings(host="smtp.example.org", security="plain")
    with pytest.raises(MailError, match="without encryption"):
        send_message(settings, PasswordAuth(USER, PASSWORD), USER, ["ann@example.org"], MESSAGE)


def test_temporary_and_permanent_recipient_replies(plain_server) -> None:
    plain_server.handler.rcpt_replies.update(
        {"full@example.org": "452 4.2.2 Mailbox full", "gone@example.org": "550 5.1.1 No such user"}
    )
    auth = PasswordAuth(USER, PASSWORD)
    with pytest.raises(SendError, match="deferred") as temp:
        send_message(_settings(plain_server), auth, USER, ["full@example.org"], MESSAGE)
    assert temp.value.code == 452 and temp.value.temporary and "4.2.2 Mailbox full" in str(temp.value)
    with pytest.raises(SendError, match="refused the message") as perm:
        send_message(_settings(plain_server), auth, USER, ["gone@example.org"], MESSAGE)
    assert perm.value.code == 550 and not perm.value.temporary
    # One of two refused: the other is delivered and the refusal reported.
    result = send_message(_settings(plain_server), auth, USER, ["gone@example.org", "ann@example.org"], MESSAGE)
    assert set(result.refused) == {"gone@example.org"}
    assert [r.rcpt_tos for r in plain_server.handler.received] == [["ann@example.org"]]


def test_connection_lost_after_data_means_maybe_delivered(plain_server) -> None:
    plain_server.handler.drop_after_data = True
    with pytest.raises(SendError) as info:
        send_message(_settings(plain_server), PasswordAuth(USER, PASSWORD), USER, ["ann@example.org"], MESSAGE)
    assert info.value.maybe_delivered
    assert len(plain_server.handler.received) == 1  # it did arrive: a blind retry would send it twice


def test_starttls_with_the_servers_ca(starttls_server, cert: Cert) -> None:
    settings = _settings(starttls_server, "starttls", ca_file=str(cert.cert))
    result = send_message(settings, PasswordAuth(USER, PASSWORD), USER, ["ann@example.org"], MESSAGE)
    assert result.queue_id == starttls_server.handler.received[0].queue_id
    assert starttls_server.handler.received[0].authenticated


def test_starttls_verifies_the_certificate_by_default(starttls_server) -> None:
    with pytest.raises(SendError, match="could not be verified") as info:
        send_message(_settings(starttls_server, "starttls"), PasswordAuth(USER, PASSWORD), USER, ["a@b.example"], MESSAGE)
    assert not info.value.temporary
    assert starttls_server.handler.received == []


def test_starttls_with_a_pinned_fingerprint(starttls_server, cert: Cert) -> None:
    pin = ":".join(cert.sha256[i : i + 2].upper() for i in range(0, 64, 2))
    ok = _settings(starttls_server, "starttls", fingerprint=pin)
    assert "logged in" in check_login(ok, PasswordAuth(USER, PASSWORD))
    assert "logged in" in check_login(_settings(starttls_server, "starttls", fingerprint="SHA256:" + pin),
                                      PasswordAuth(USER, PASSWORD))
    with pytest.raises(InputError, match="64 hex digits"):
        check_login(_settings(starttls_server, "starttls", fingerprint="abc"), PasswordAuth(USER, PASSWORD))
    bad = _settings(starttls_server, "starttls", fingerprint="0" * 64)
    with pytest.raises(SendError, match="does not match the pinned fingerprint"):
        send_message(bad, PasswordAuth(USER, PASSWORD), USER, ["ann@example.org"], MESSAGE)
    assert starttls_server.handler.received == []


def test_starttls_required_but_not_offered(plain_server) -> None:
    with pytest.raises(SendError, match="does not offer STARTTLS"):
        send_message(_settings(plain_server, "starttls"), PasswordAuth(USER, PASSWORD), USER, ["a@b.example"], MESSAGE)


def test_implicit_tls(cert: Cert) -> None:
    srv = start_server("tls", cert)
    try:
        settings = _settings(srv, "tls", ca_file=str(cert.cert))
        result = send_message(settings, PasswordAuth(USER, PASSWORD), USER, ["ann@example.org"], MESSAGE)
        assert result.queue_id == srv.handler.received[0].queue_id
        # Speaking TLS to it without trusting its certificate fails clearly.
        with pytest.raises(SendError, match="could not be verified"):
            send_message(_settings(srv, "tls"), PasswordAuth(USER, PASSWORD), USER, ["ann@example.org"], MESSAGE)
    finally:
        srv.stop()


def test_implicit_tls_against_a_starttls_port_is_a_tls_error(starttls_server, cert: Cert) -> None:
    settings = _settings(starttls_server, "tls", ca_file=str(cert.cert))
    with pytest.raises(SendError, match="TLS with .* failed"):
        send_message(settings, PasswordAuth(USER, PASSWORD), USER, ["ann@example.org"], MESSAGE)


@pytest.mark.parametrize(
    ("reply", "qid"),
    [
        ("2.0.0 Ok: queued as 4XyZ12abC", "4XyZ12abC"),
        ("OK id=1tAbCd-000123-Xy", "1tAbCd-000123-Xy"),
        ("2.0.0 OK  1718000000 a640c23a62f3a-5a1b2c3d4e5f - gsmtp", "a640c23a62f3a-5a1b2c3d4e5f"),
        ("2.0.0 Ok: <abc.123@mx.example> queued", "abc.123@mx.example"),
        ("Message accepted for delivery", None),
    ],
)
def test_queue_id_forms(reply: str, qid: str | None) -> None:
    assert parse_queue_id(reply) == qid
