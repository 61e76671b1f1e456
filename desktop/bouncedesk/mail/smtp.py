"""Send one message through an account's SMTP server (smtplib), safely by default.

TLS (implicit, port 465) or STARTTLS (587) with certificate verification; plain text only
to a server on this machine. Every failure becomes a MailError (AuthError for refused
credentials) whose message says what to check, and says whether the message may have
been delivered anyway, so a caller never sends twice by mistake.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import re
import smtplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bouncedesk.errors import AuthError, BounceDeskError, InputError, MailError

log = logging.getLogger(__name__)

SECURITIES = ("tls", "starttls", "plain")
DEFAULT_PORTS = {"tls": 465, "starttls": 587, "plain": 25}
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class SendError(MailError):
    """The server (or the way to it) failed a send.

    `code` is the SMTP reply code when there was one; `temporary` says a later try may work
    (4xx replies, network faults); `maybe_delivered` says the message may have reached the
    server although we saw no reply (the connection broke after the end of DATA).
    """

    def __init__(self, message: str, code: int | None = None, temporary: bool = True, maybe_delivered: bool = False):
        super().__init__(message)
        self.code = code
        self.temporary = temporary
        self.maybe_delivered = maybe_delivered


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where and how to reach an account's SMTP server (no secrets here)."""

    host: str
    port: int | None = None  # None: the usual port for `security`
    security: str = "tls"  # tls (implicit), starttls, plain (only to this machine)
    username: str | None = None
    ca_file: str | None = None  # extra CA for a self-hosted server
    fingerprint: str | None = None  # pinned SHA-256 of the server certificate (hex, ':' allowed)
    timeout: float = 30.0
    helo_name: str | None = None  # None: smtplib's default (this host's FQDN)

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS.get(self.security, 465)


@dataclass(frozen=True, slots=True)
class SendResult:
    """What the server said when it took the message."""

    code: int
    reply: str
    queue_id: str | None
    refused: dict[str, str]  # recipients refused while others were accepted: address → reply


class SmtpAuth(Protocol):
    """How to log in once the connection is secure. XOAUTH2 plugs in here later."""

    def authenticate(self, smtp: smtplib.SMTP) -> None: ...


class NoAuth:
    """For servers that relay for us without a login (e.g. a local MTA)."""

    def authenticate(self, smtp: smtplib.SMTP) -> None:
        return None


@dataclass(slots=True)
class PasswordAuth:
    """AUTH with user name and password (smtplib picks CRAM-MD5, PLAIN or LOGIN)."""

    username: str
    password: str

    def __repr__(self) -> str:  # keep the password out of logs and tracebacks
        return f"PasswordAuth(username={self.username!r}, password=***)"

    def authenticate(self, smtp: smtplib.SMTP) -> None:
        smtp.login(self.username, self.password)


def is_local_host(host: str) -> bool:
    """True for names and addresses of this machine's loopback interface."""
    h = host.strip().strip("[]").lower()
    if h in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def normalize_fingerprint(value: str) -> str:
    """'SHA256:AB:CD:…' or 'abcd…' → lower-case hex (as mail.imap reads it); else InputError."""
    hexpart = re.sub(r"^sha-?256[:= ]", "", value.strip().lower())
    hexpart = re.sub(r"[\s:]", "", hexpart)
    if not re.fullmatch(r"[0-9a-f]{64}", hexpart):
        raise InputError("the pinned certificate fingerprint must be a SHA-256 hash (64 hex digits)")
    return hexpart


def certificate_fingerprint(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """Verification on; a CA file adds trust; a pinned fingerprint replaces CA trust."""
    if settings.fingerprint:
        normalize_fingerprint(settings.fingerprint)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE  # checked by the pin right after the handshake
        return ctx
    try:
        return ssl.create_default_context(cafile=settings.ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise MailError(f"cannot read the CA file {settings.ca_file}: {exc}") from exc


def _check_pin(smtp: smtplib.SMTP, settings: SmtpSettings) -> None:
    if not settings.fingerprint:
        return
    sock = smtp.sock
    der = sock.getpeercert(binary_form=True) if isinstance(sock, ssl.SSLSocket) else None
    want = normalize_fingerprint(settings.fingerprint)
    if not der or not hmac.compare_digest(certificate_fingerprint(der), want):
        raise SendError(
            f"the certificate of {settings.host} does not match the pinned fingerprint; "
            "someone may be intercepting the connection, or the server's certificate changed",
            temporary=False,
        )


def _where(settings: SmtpSettings) -> str:
    return f"{settings.host}:{settings.effective_port}"


def connect(settings: SmtpSettings, auth: SmtpAuth) -> smtplib.SMTP:
    """An open, secured and authenticated SMTP session. The caller quits it."""
    if settings.security not in SECURITIES:
        raise MailError(f"unknown SMTP security {settings.security!r} (one of {', '.join(SECURITIES)})")
    if settings.security == "plain" and not is_local_host(settings.host):
        raise MailError(
            f"refusing to talk to {settings.host} without encryption; use security 'tls' or 'starttls' "
            "(plain is only allowed for a server on this machine)"
        )
    where = _where(settings)
    smtp: smtplib.SMTP | None = None
    try:
        if settings.security == "tls":
            smtp = smtplib.SMTP_SSL(
                settings.host,
                settings.effective_port,
                local_hostname=settings.helo_name,
                timeout=settings.timeout,
                context=tls_context(settings),
            )
            _check_pin(smtp, settings)
        else:
            smtp = smtplib.SMTP(
                settings.host, settings.effective_port, local_hostname=settings.helo_name, timeout=settings.timeout
            )
            smtp.ehlo_or_helo_if_needed()
            if settings.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise SendError(
                        f"{where} does not offer STARTTLS; refusing to send without encryption "
                        "(check the port, or use security 'tls' on port 465)",
                        temporary=False,
                    )
                smtp.starttls(context=tls_context(settings))
                _check_pin(smtp, settings)
                smtp.ehlo()
        smtp.ehlo_or_helo_if_needed()
        if not isinstance(auth, NoAuth) and not smtp.has_extn("auth"):
            raise SendError(f"{where} does not offer AUTH; check the port and security settings", temporary=False)
        auth.authenticate(smtp)
        return smtp
    except Exception as exc:
        if smtp is not None:
            _close(smtp)
        translated = _translate(exc, settings, phase="connect")
        if translated is exc:
            raise
        raise translated from exc


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except Exception:
        try:
            smtp.close()
        except Exception:
            pass


def _reply_text(resp: bytes | str) -> str:
    return resp.decode("utf-8", "replace") if isinstance(resp, bytes) else str(resp)


def _translate(exc: BaseException, settings: SmtpSettings, phase: str) -> BaseException:
    """One of our errors with a message saying what to check; ours and unknown ones pass through."""
    if isinstance(exc, BounceDeskError):
        return exc
    where = _where(settings)
    if isinstance(exc, socket.gaierror):
        return SendError(f"cannot find the SMTP server {settings.host!r} (DNS lookup failed: {exc.strerror or exc})")
    if isinstance(exc, ConnectionRefusedError):
        return SendError(f"{where} refused the connection; check the host and port, and that the server is running")
    if isinstance(exc, TimeoutError):
        return SendError(f"{where} did not answer within {settings.timeout:g} s", maybe_delivered=phase == "data")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return SendError(
            f"the certificate of {where} could not be verified ({exc.verify_message or exc.reason}); "
            "for a self-hosted server, set its CA file or pin its fingerprint",
            temporary=False,
        )
    if isinstance(exc, ssl.SSLError):
        return SendError(
            f"TLS with {where} failed ({exc.reason or exc}); check the port and security "
            "('tls' for 465, 'starttls' for 587)",
            temporary=False,
        )
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return AuthError(
            f"{where} refused the user name or password ({exc.smtp_code} {_reply_text(exc.smtp_error)}); "
            "check them in the account settings"
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return SendError(f"{where}: {exc}", temporary=False)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return SendError(f"{where} closed the connection unexpectedly", maybe_delivered=phase == "data")
    if isinstance(exc, smtplib.SMTPResponseException):
        return _reply_error(where, exc.smtp_code, _reply_text(exc.smtp_error))
    if isinstance(exc, smtplib.SMTPException):
        return SendError(f"{where}: {exc}")
    if isinstance(exc, OSError):
        return SendError(f"cannot reach {where}: {exc.strerror or exc}", maybe_delivered=phase == "data")
    return exc


def _reply_error(where: str, code: int, text: str) -> SendError:
    if 400 <= code < 500:
        return SendError(f"{where} deferred the message ({code} {text}); it will be tried again", code=code)
    return SendError(f"{where} refused the message ({code} {text})", code=code, temporary=False)


_QUEUE_ID = (
    re.compile(r"queued as\s+<?([A-Za-z0-9][A-Za-z0-9._@\-]*)>?", re.I),  # Postfix, Sendmail-ish
    re.compile(r"\bid=([A-Za-z0-9][A-Za-z0-9._\-]*)", re.I),  # Exim
    re.compile(r"<([^<>\s]+)>\s*(?:queued|accepted)", re.I),
    re.compile(r"\bOK\s+\d+\s+(\S+)\s+-\s+gsmtp", re.I),  # Gmail: "OK 1718000000 abc-123 - gsmtp"
)


def parse_queue_id(reply: str) -> str | None:
    """The server's queue id from a 250 reply, when it states one in a common form."""
    for rx in _QUEUE_ID:
        m = rx.search(reply)
        if m:
            return m.group(1)
    return None


_CRLF = re.compile(rb"\r?\n")


def _needs_8bit(data: bytes) -> bool:
    return any(b > 127 for b in data)


def send_message(
    settings: SmtpSettings,
    auth: SmtpAuth,
    envelope_from: str,
    recipients: Sequence[str],
    data: bytes,
) -> SendResult:
    """Hand `data` to the server for `recipients`; the server's reply and queue id come back.

    Raises AuthError for refused credentials and SendError (a MailError) for anything else.
    """
    if not recipients:
        raise MailError("no recipient to send to")
    data = _CRLF.sub(b"\r\n", data)  # smtplib sends bytes as they are; SMTP wants CRLF lines
    smtp = connect(settings, auth)
    where = _where(settings)
    phase = "envelope"
    try:
        mail_opts: list[str] = []
        if _needs_8bit(data) and smtp.has_extn("8bitmime"):
            mail_opts.append("BODY=8BITMIME")
        if not all(a.isascii() for a in [envelope_from, *recipients]):
            if not smtp.has_extn("smtputf8"):
                raise SendError(f"{where} cannot take non-ASCII addresses (no SMTPUTF8)", temporary=False)
            mail_opts.append("SMTPUTF8")
        code, resp = smtp.mail(envelope_from, mail_opts)
        if code != 250:
            raise _reply_error(where, code, f"sender {envelope_from}: {_reply_text(resp)}")
        refused: dict[str, str] = {}
        last: tuple[int, str] = (0, "")
        for rcpt in recipients:
            code, resp = smtp.rcpt(rcpt)
            if code not in (250, 251):
                refused[rcpt] = f"{code} {_reply_text(resp)}"
                last = (code, _reply_text(resp))
        if len(refused) == len(recipients):
            smtp.rset()
            raise _reply_error(where, last[0], f"recipient {recipients[0]}: {last[1]}")
        phase = "data"
        code, resp = smtp.data(data)
        text = _reply_text(resp)
        if code != 250:
            raise _reply_error(where, code, text)
        log.info("%s accepted a message for %d recipient(s): %s", where, len(recipients) - len(refused), code)
        return SendResult(code=code, reply=text, queue_id=parse_queue_id(text), refused=refused)
    except Exception as exc:
        translated = _translate(exc, settings, phase=phase)
        if translated is exc:
            raise
        raise translated from exc
    finally:
        _close(smtp)


def check_login(settings: SmtpSettings, auth: SmtpAuth) -> str:
    """Connect, secure and log in, then quit: the account page's "Test" button."""
    smtp = connect(settings, auth)
    try:
        return f"{_where(settings)}: connected ({settings.security}) and logged in"
    finally:
        _close(smtp)
