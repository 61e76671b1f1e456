"""Where and how safely to reach an IMAP server, and what goes wrong on the wire in one line.

`ImapEndpoint` and `Credentials` say where and as whom; `check_endpoint` refuses unsafe settings
(no plain text except to this machine); certificates are checked or pinned by fingerprint;
`translate_errors` turns every network, TLS and protocol fault into `ImapNetworkError` (retrying
later may help), `CertificateError` / `MailError` (a setting is wrong) or `AuthError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import imaplib
import ipaddress
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field

from imapclient import IMAPClient
from imapclient import exceptions as imapx

from bouncedesk.errors import AuthError, InputError, MailError
from bouncedesk.mail.tokens import AUTH_METHODS, TokenProvider

SECURITY_MODES = ("tls", "starttls", "plain")
DEFAULT_PORTS = {"tls": 993, "starttls": 143, "plain": 143}
CONNECT_TIMEOUT = 15.0
READ_TIMEOUT = 120.0

class ImapNetworkError(MailError):
    """The server could not be reached or the connection dropped; trying again later may work."""


class CertificateError(MailError):
    """The server's TLS certificate is not trusted (or not the pinned one); retrying will not help."""


@dataclass(frozen=True)
class ImapEndpoint:
    """Where and how to connect; no secret in here."""

    host: str
    port: int
    security: str = "tls"
    username: str = ""
    auth_method: str = "password"
    tls_fingerprint: str | None = None  # SHA-256 of the server certificate the user chose to trust
    ca_file: str | None = None  # an extra CA to trust (a company CA); None = the system's
    timeout: float = READ_TIMEOUT

    def __post_init__(self) -> None:
        check_endpoint(self.host, self.port, self.security, self.auth_method)
        if self.tls_fingerprint:
            object.__setattr__(self, "tls_fingerprint", normalize_fingerprint(self.tls_fingerprint))

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Credentials:
    """A password, or a token provider for XOAUTH2/OAUTHBEARER. Never logged (repr hides it)."""

    password: str | None = field(default=None, repr=False)
    tokens: TokenProvider | None = None


def is_loopback(host: str) -> bool:
    """Plain-text IMAP is only allowed to this machine."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_endpoint(host: str, port: int, security: str, auth_method: str = "password") -> None:
    """Reject settings that cannot work or would send a password in clear text."""
    if not host or any(c.isspace() for c in host):
        raise InputError(f"not a valid server name: {host!r}")
    if security not in SECURITY_MODES:
        raise InputError(f"unknown security {security!r}: use one of {', '.join(SECURITY_MODES)}")
    if not (0 < int(port) < 65536):
        raise InputError(f"not a valid port: {port}")
    if security == "plain" and not is_loopback(host):
        raise InputError(
            f"unencrypted IMAP is only allowed to this computer (localhost); use --security tls or starttls for {host}"
        )
    if auth_method not in AUTH_METHODS:
        raise InputError(f"unknown authentication {auth_method!r}: use one of {', '.join(AUTH_METHODS)}")


def normalize_fingerprint(text: str) -> str:
    """'SHA256:AB:CD:..' or 'abcd..' -> 64 lower-case hex digits, else InputError."""
    t = text.strip().lower()
    for prefix in ("sha256:", "sha-256:", "sha256 ", "sha256="):
        if t.startswith(prefix):
            t = t[len(prefix):]
    t = t.replace(":", "").replace(" ", "")
    if len(t) != 64 or any(c not in "0123456789abcdef" for c in t):
        raise InputError("a certificate fingerprint is 64 hex digits (SHA-256), e.g. as `openssl x509 -fingerprint -sha256` prints it")
    return t


def format_fingerprint(hex_digest: str) -> str:
    """64 hex digits -> 'AB:CD:...', how browsers and openssl show it."""
    h = hex_digest.upper()
    return ":".join(h[i:i + 2] for i in range(0, len(h), 2))


def tls_context(endpoint: ImapEndpoint) -> ssl.SSLContext:
    """Verification on (system CAs, host name) unless the user pinned one certificate."""
    if endpoint.tls_fingerprint:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE  # the pin below is the check: exactly this certificate
    else:
        ctx = ssl.create_default_context(cafile=endpoint.ca_file)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx


def peer_fingerprint(host: str, port: int, starttls: bool = False, timeout: float = CONNECT_TIMEOUT) -> str | None:
    """The SHA-256 of the certificate a server shows, fetched without trusting it (to offer a pin)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        if starttls:
            client = IMAPClient(host, port=port, ssl=False, timeout=timeout)
            client.starttls(ctx)
        else:
            client = IMAPClient(host, port=port, ssl=True, ssl_context=ctx, timeout=timeout)
        try:
            der = client.socket().getpeercert(binary_form=True)
        finally:
            with contextlib.suppress(Exception):
                client.shutdown()
        return hashlib.sha256(der).hexdigest() if der else None
    except Exception:  # best effort: only used to enrich an error message
        return None


@contextlib.contextmanager
def translate_errors(endpoint: ImapEndpoint, doing: str = "") -> Iterator[None]:
    """Turn socket, TLS and IMAP faults into our one-line errors."""
    where = endpoint.where
    what = f" while {doing}" if doing else ""
    try:
        yield
    except MailError:
        raise
    except socket.gaierror as exc:
        raise ImapNetworkError(f"cannot find the mail server {endpoint.host!r} (DNS: {exc.strerror or exc})") from exc
    except ConnectionRefusedError as exc:
        raise ImapNetworkError(f"{where} refused the connection: is the server running and the port right?") from exc
    except ssl.SSLCertVerificationError as exc:
        fp = peer_fingerprint(endpoint.host, endpoint.port, starttls=endpoint.security == "starttls")
        hint = (
            f"; if this is your own server, trust this certificate by its fingerprint: --trust-fingerprint {format_fingerprint(fp)}"
            if fp
            else ""
        )
        raise CertificateError(
            f"the TLS certificate of {where} is not trusted ({exc.verify_message or exc.reason}){hint}"
        ) from exc
    except ssl.SSLError as exc:
        hint = " (port 993 is usually --security tls, 143 is starttls)"
        raise MailError(f"TLS with {where} failed: {exc.reason or exc}{hint}") from exc
    except imapx.LoginError as exc:
        raise AuthError(f"{where} refused the login for {endpoint.username!r}: {_server_text(exc)}") from exc
    except TimeoutError as exc:
        raise ImapNetworkError(f"no answer from {where}{what} (timed out)") from exc
    except (imaplib.IMAP4.abort, imapx.IMAPClientAbortError) as exc:
        raise ImapNetworkError(f"the connection to {where} was lost{what}: {_server_text(exc)}") from exc
    except (ConnectionError, EOFError, OSError) as exc:
        raise ImapNetworkError(f"the connection to {where} failed{what}: {exc.strerror or exc}") from exc
    except (imaplib.IMAP4.error, imapx.IMAPClientError) as exc:
        raise MailError(f"{where} refused{what or ' a command'}: {_server_text(exc)}") from exc


def _server_text(exc: BaseException) -> str:
    text = str(exc).strip()
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    return text.splitlines()[0][:200] if text else type(exc).__name__
