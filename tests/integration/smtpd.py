"""A real aiosmtpd server on 127.0.0.1 for tests: plain, STARTTLS or implicit TLS, with AUTH.

Not a fake: smtplib talks to a real SMTP implementation over a real socket. The handler only
records what arrived and answers with a Postfix-style queue id, so tests can check both sides.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import ipaddress
import socket
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER = "mailer@example.test"
PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Cert:
    cert: Path
    key: Path
    sha256: str  # of the DER certificate, lower-case hex


def make_self_signed_cert(folder: Path, name: str = "localhost") -> Cert:
    """A fresh self-signed certificate for localhost and 127.0.0.1 (cryptography package)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / f"{name}.crt", folder / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    return Cert(cert_path, key_path, hashlib.sha256(der).hexdigest())


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    queue_id: str
    authenticated: bool


@dataclass
class RecordingHandler:
    """Accepts mail and remembers it. `rcpt_replies` maps a recipient to a forced reply
    (e.g. '451 4.2.1 Mailbox temporarily disabled'); `drop_after_data` closes the connection
    instead of answering the end of DATA (the message did arrive); `data_delay` holds the reply
    to the end of DATA back for that many seconds (a slow server, to kill a client mid-send)."""

    received: list[Received] = field(default_factory=list)
    rcpt_replies: dict[str, str] = field(default_factory=dict)
    drop_after_data: bool = False
    data_delay: float = 0.0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        forced = self.rcpt_replies.get(address)
        if forced:
            return forced
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        qid = f"Q{len(self.received) + 1:04d}X"
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or b"", qid,
                     bool(session.authenticated))
        )
        if self.data_delay:
            await asyncio.sleep(self.data_delay)
        if self.drop_after_data:
            server.transport.close()
            return "250 never seen"
        return f"250 2.0.0 Ok: queued as {qid}"


def make_authenticator(users: dict[str, str]):
    """Accepts exactly these user names and passwords (AUTH PLAIN and LOGIN)."""

    def authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and users.get(auth_data.login.decode()) == auth_data.password.decode()
        return AuthResult(success=ok, handled=False)

    return authenticator


@dataclass
class SmtpServer:
    """A running server and what it received; `stop()` frees the port."""

    controller: Controller
    handler: RecordingHandler
    host: str
    port: int

    def stop(self) -> None:
        self.controller.stop()


def start_server(
    mode: str = "plain",
    cert: Cert | None = None,
    auth: bool = True,
    exclude_mechanisms: tuple[str, ...] = (),
    handler: RecordingHandler | None = None,
    users: dict[str, str] | None = None,
) -> SmtpServer:
    """mode: 'plain' (AUTH allowed without TLS, loopback only), 'starttls' (TLS required
    before AUTH and MAIL), or 'tls' (implicit TLS from the first byte)."""
    handler = handler or RecordingHandler()
    port = free_port()
    kwargs: dict = {"hostname": "127.0.0.1", "port": port, "server_hostname": "smtp.example.test"}
    if auth:
        # aiosmtpd only counts STARTTLS as TLS; under implicit TLS the whole session is encrypted.
        kwargs.update(authenticator=make_authenticator(users or {USER: PASSWORD}), auth_require_tls=mode == "starttls",
                      auth_exclude_mechanism=list(exclude_mechanisms))
    if mode in ("starttls", "tls"):
        assert cert is not None
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert.cert, cert.key)
        if mode == "starttls":
            kwargs.update(tls_context=ctx, require_starttls=True)
        else:
            kwargs.update(ssl_context=ctx)
    controller = Controller(handler, **kwargs)
    controller.start()
    return SmtpServer(controller, handler, "127.0.0.1", port)
