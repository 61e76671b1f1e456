"""Sign in with Google, Microsoft (or any provider in the data file): the OAuth2 installed-app flow.

The system browser opens the provider's page (RFC 8252): the app never sees the password. The
answer comes back to a one-shot HTTP listener on 127.0.0.1 with an ephemeral port; PKCE (S256,
RFC 7636) and a random `state` make a stolen or forged redirect useless. The refresh token goes
to the OS keyring; access tokens live only in memory and are refreshed before they expire. Only
when the provider refuses the refresh token (revoked, expired, password changed) is the user
asked again, with a `SignInRequired` error that says so.
"""

from __future__ import annotations

import base64
import hashlib
import html
import http.client
import json
import logging
import secrets as pysecrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bouncedesk.errors import AuthError, MailError
from bouncedesk.mail.endpoint import ImapNetworkError
from bouncedesk.mail.providers import OAuthProvider
from bouncedesk.mail.secrets import SecretStore

log = logging.getLogger(__name__)

REFRESH_KIND = "oauth-refresh-token"
SIGN_IN_TIMEOUT = 300.0  # seconds the browser step may take
HTTP_TIMEOUT = 30.0
REFRESH_MARGIN = 300  # refresh this many seconds before the access token expires
DEFAULT_LIFETIME = 3600  # when a token answer has no expires_in

BrowserOpener = Callable[[str], object]


class SignInRequired(AuthError):
    """The provider no longer accepts the stored sign-in (revoked, expired or never made): sign in again."""


class SignInCancelled(MailError):
    """The user closed or refused the sign-in page, or it timed out; nothing was stored."""


class OAuthError(MailError):
    """The provider's token endpoint refused a request for a reason other than a revoked sign-in."""


class OAuthNetworkError(ImapNetworkError):
    """The provider could not be reached; like a dropped connection, trying again later may work."""


@dataclass(frozen=True)
class TokenSet:
    """What a token endpoint gave. repr never shows a token."""

    access_token: str = field(repr=False)
    expires_at: int  # UTC epoch seconds
    refresh_token: str | None = field(default=None, repr=False)
    scope: str = ""


# --- PKCE and the authorization URL ----------------------------------------------------------------

def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def pkce_challenge(verifier: str) -> str:
    """S256 code challenge of a verifier (RFC 7636 section 4.2)."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def make_pkce() -> tuple[str, str]:
    """A fresh (verifier, challenge): 64 random bytes give a 86-character verifier (43-128 allowed)."""
    verifier = _b64url(pysecrets.token_bytes(64))
    return verifier, pkce_challenge(verifier)


def authorization_url(provider: OAuthProvider, redirect_uri: str, state: str, challenge: str,
                      login_hint: str | None = None) -> str:
    """The page the browser opens."""
    params = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": redirect_uri,
        "scope": " ".join(provider.scopes),
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **dict(provider.authorize_params),
    }
    if login_hint:
        params["login_hint"] = login_hint
    sep = "&" if "?" in provider.authorize_url else "?"
    return provider.authorize_url + sep + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


# --- the loopback receiver -------------------------------------------------------------------------

_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>BounceDesk</title></head>
<body style="font-family: sans-serif; margin: 3em;"><h1>{title}</h1><p>{text}</p></body></html>"""


class LoopbackReceiver:
    """A one-shot HTTP listener on 127.0.0.1 (ephemeral port) for the provider's redirect.

    Serves from `start()` until the request carrying `state` arrives (or close()). Requests
    without our state (a favicon, a stray visit) get a 404 and do not end the wait. Each request
    has its own thread with a read timeout, so a browser's idle pre-connection cannot block it.
    """

    def __init__(self, redirect_host: str = "127.0.0.1") -> None:
        self.redirect_host = redirect_host
        self._result: dict[str, str] | None = None
        self._done = threading.Event()
        self._expected_state: str | None = None
        outer = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 10  # seconds a connection may sit idle

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                query = urllib.parse.urlsplit(self.path).query
                params = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
                with outer._lock:
                    ours = not outer._done.is_set() and params.get("state") == outer._expected_state
                    if ours:
                        outer._result = params
                        outer._done.set()
                if not ours:
                    self._reply(404, "Not here", "This address only takes the answer of a BounceDesk sign-in.")
                    return
                if "code" in params:
                    self._reply(200, "Signed in", "BounceDesk has your sign-in. You can close this window.")
                else:
                    self._reply(200, "Sign-in not completed",
                                "The sign-in was not completed. You can close this window and try again in BounceDesk.")

            def _reply(self, status: int, title: str, text: str) -> None:
                body = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:  # the query holds the code: never log it
                pass

        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def redirect_uri(self) -> str:
        return f"http://{self.redirect_host}:{self.port}/"

    def start(self, state: str) -> None:
        self._expected_state = state
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="oauth-loopback", daemon=True)
        self._thread.start()

    def wait(self, timeout: float, cancel: threading.Event | None = None) -> dict[str, str]:
        """The redirect's query parameters; SignInCancelled on timeout or cancel."""
        deadline = time.monotonic() + timeout
        while not self._done.wait(0.1):
            if cancel is not None and cancel.is_set():
                raise SignInCancelled("the sign-in was cancelled")
            if time.monotonic() >= deadline:
                raise SignInCancelled(f"no answer from the sign-in page within {timeout:.0f} s; please try again")
        return dict(self._result or {})

    def close(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(5)
        self._server.server_close()

    def __enter__(self) -> LoopbackReceiver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- the token endpoint ----------------------------------------------------------------------------

def _post(provider: OAuthProvider, form: dict[str, str], doing: str) -> dict:
    """POST a form to the token endpoint; our errors for every failure, never a token in a message."""
    form = {**form, "client_id": provider.client_id}
    if provider.client_secret:
        form["client_secret"] = provider.client_secret
    req = urllib.request.Request(
        provider.token_url,
        data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT) as resp:
            return _json(resp.read(), provider, doing)
    except urllib.error.HTTPError as exc:
        body = _json(exc.read() or b"{}", provider, doing, strict=False)
        code = str(body.get("error") or f"HTTP {exc.code}")
        desc = str(body.get("error_description") or "").splitlines()[0:1]
        detail = f"{code}: {desc[0]}" if desc else code
        if code == "invalid_grant":
            if form["grant_type"] == "authorization_code":
                raise SignInRequired(f"{provider.title} refused the sign-in ({detail}); please sign in again") from None
            raise SignInRequired(f"{provider.title} no longer accepts this sign-in ({detail}); sign in again") from None
        if code in ("invalid_client", "unauthorized_client"):
            raise OAuthError(f"{provider.title} refused the app's client ID ({detail}); check it in the account settings") from None
        raise OAuthError(f"{provider.title} refused {doing} ({detail})") from None
    except (OSError, http.client.HTTPException) as exc:  # URLError, timeouts, resets, TLS, cut-off answers
        reason = getattr(exc, "reason", exc)
        raise OAuthNetworkError(f"cannot reach {provider.title}'s sign-in server while {doing}: {reason}") from None


def _json(raw: bytes, provider: OAuthProvider, doing: str, strict: bool = True) -> dict:
    try:
        data = json.loads(raw.decode("utf-8"))
        if isinstance(data, dict):
            return data
    except (UnicodeDecodeError, ValueError):
        pass
    if strict:
        raise OAuthError(f"{provider.title} gave an answer that is not JSON while {doing}")
    return {}


def _token_set(data: dict, provider: OAuthProvider, now: int) -> TokenSet:
    token = data.get("access_token")
    if not token or str(data.get("token_type", "bearer")).lower() != "bearer":
        raise OAuthError(f"{provider.title} gave no bearer access token")
    try:
        lifetime = int(data.get("expires_in") or DEFAULT_LIFETIME)
    except (TypeError, ValueError):
        lifetime = DEFAULT_LIFETIME
    return TokenSet(str(token), now + max(0, lifetime), data.get("refresh_token") or None, str(data.get("scope") or ""))


def exchange_code(provider: OAuthProvider, code: str, verifier: str, redirect_uri: str, now: int) -> TokenSet:
    """Trade the authorization code (and the PKCE verifier) for tokens."""
    data = _post(provider, {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                            "code_verifier": verifier}, "signing in")
    return _token_set(data, provider, now)


def refresh_access_token(provider: OAuthProvider, refresh_token: str, now: int) -> TokenSet:
    """A new access token from the refresh token; SignInRequired when the provider refuses it."""
    data = _post(provider, {"grant_type": "refresh_token", "refresh_token": refresh_token}, "renewing the sign-in")
    return _token_set(data, provider, now)


def revoke(provider: OAuthProvider, token: str) -> bool:
    """Tell the provider to forget a token (RFC 7009), where it has an endpoint. Best effort."""
    if not provider.revoke_url:
        return False
    req = urllib.request.Request(provider.revoke_url, data=urllib.parse.urlencode({"token": token}).encode(),
                                 headers={"Content-Type": "application/x-www-form-urlencoded"}, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT):
            return True
    except (urllib.error.URLError, OSError):
        return False


# --- the whole browser flow ------------------------------------------------------------------------

def sign_in(
    provider: OAuthProvider,
    now: int,
    *,
    login_hint: str | None = None,
    open_browser: BrowserOpener | None = None,
    show_url: Callable[[str], None] | None = None,
    timeout: float = SIGN_IN_TIMEOUT,
    cancel: threading.Event | None = None,
) -> TokenSet:
    """Open the browser at the provider, wait for the redirect, exchange the code. Stores nothing.

    `show_url` gets the address too (the CLI prints it, for when no browser opens). `now` dates
    the token's expiry.
    """
    provider.check_client()
    verifier, challenge = make_pkce()
    state = pysecrets.token_urlsafe(24)
    with LoopbackReceiver(provider.redirect_host) as receiver:
        receiver.start(state)
        url = authorization_url(provider, receiver.redirect_uri, state, challenge, login_hint)
        if show_url is not None:
            show_url(url)
        opener = open_browser or webbrowser.open
        log.info("opening the %s sign-in page in the browser", provider.title)
        opened = opener(url)
        if opened is False and show_url is None:
            raise SignInCancelled("no web browser could be opened for the sign-in")
        params = receiver.wait(timeout, cancel)
    if params.get("state") != state:  # the receiver only accepts ours; checked again on purpose
        raise SignInCancelled("the sign-in answer did not belong to this sign-in; please try again")
    if "code" not in params:
        err = params.get("error", "no code")
        desc = params.get("error_description", "")
        if err == "access_denied":
            raise SignInCancelled(f"the sign-in with {provider.title} was refused or cancelled in the browser")
        raise SignInCancelled(f"{provider.title} did not complete the sign-in ({err}{': ' + desc if desc else ''})")
    tokens = exchange_code(provider, params["code"], verifier, receiver.redirect_uri, now)
    if not tokens.refresh_token:
        raise OAuthError(
            f"{provider.title} gave no refresh token, so BounceDesk would have to ask again within the hour; "
            "check that the app may keep access (offline access)"
        )
    log.info("signed in with %s", provider.title)
    return tokens


# --- the token provider the mail code uses ---------------------------------------------------------

class OAuthTokenProvider:
    """`mail.tokens.TokenProvider` for one account: memory cache, refresh before expiry, keyring.

    Thread-safe (the GUI syncs in a worker while a retry sends from another). The refresh token
    is read from the keyring when needed and written back when the provider rotates it.
    """

    def __init__(self, provider: OAuthProvider, account: str, secrets: SecretStore,
                 margin: int = REFRESH_MARGIN) -> None:
        self.provider = provider
        self.account = account
        self.secrets = secrets
        self.margin = margin
        self._cached: TokenSet | None = None
        self._lock = threading.Lock()
        self.problem: str | None = None  # why the last renewal failed (shown by the GUI), None when fine

    def __repr__(self) -> str:
        return f"OAuthTokenProvider({self.provider.name!r}, account={self.account!r})"

    def prime(self, tokens: TokenSet) -> None:
        """Use a token just received by a sign-in (saves one refresh)."""
        with self._lock:
            self._cached = tokens
            self.problem = None

    def invalidate(self) -> None:
        """Forget the cached access token (the server refused it): the next call refreshes."""
        with self._lock:
            self._cached = None

    def expires_at(self) -> int | None:
        with self._lock:
            return self._cached.expires_at if self._cached else None

    def access_token(self, now: int) -> str:
        with self._lock:
            if self._cached is not None and now < self._cached.expires_at - self.margin:
                return self._cached.access_token
            refresh = self.secrets.get(self.account, REFRESH_KIND)
            if not refresh:
                self.problem = f"account {self.account!r} is not signed in with {self.provider.title}; sign in again"
                raise SignInRequired(self.problem)
            try:
                fresh = refresh_access_token(self.provider, refresh, now)
            except SignInRequired as exc:
                self._cached = None
                self.problem = f"account {self.account!r}: {exc}"
                raise SignInRequired(self.problem) from None
            if fresh.refresh_token and fresh.refresh_token != refresh:
                self.secrets.set(self.account, fresh.refresh_token, REFRESH_KIND)  # rotated by the provider
            self._cached = fresh
            self.problem = None
            log.info("renewed the %s sign-in of account %r", self.provider.title, self.account)
            return fresh.access_token


# --- SMTP ----------------------------------------------------------------------------------------

def xoauth2_string(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response (before base64)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


@dataclass
class XOAuth2Auth:
    """`mail.smtp.SmtpAuth` that logs in with AUTH XOAUTH2 and a token from a TokenProvider."""

    username: str
    tokens: object  # a mail.tokens.TokenProvider
    clock: Callable[[], int] = field(default=lambda: int(time.time()))

    def authenticate(self, smtp) -> None:
        import smtplib

        offered = smtp.esmtp_features.get("auth", "").upper().split()
        if "XOAUTH2" not in offered:
            raise AuthError(f"the SMTP server does not offer XOAUTH2 sign-in (it offers: {' '.join(offered) or 'none'})")
        try:
            self._auth(smtp, self.tokens.access_token(self.clock()))
            return
        except smtplib.SMTPAuthenticationError as exc:
            invalidate = getattr(self.tokens, "invalidate", None)
            if invalidate is None:
                raise _refused(exc) from None
            invalidate()
        # Refused a token we thought valid: once more with a fresh one (a revoked sign-in comes out
        # of the token provider as SignInRequired, which says what to do).
        try:
            self._auth(smtp, self.tokens.access_token(self.clock()))
        except smtplib.SMTPAuthenticationError as exc:
            raise _refused(exc) from None

    def _auth(self, smtp, token: str) -> None:
        calls = []

        def respond(challenge: bytes | None = None) -> str:
            calls.append(challenge)
            return xoauth2_string(self.username, token) if len(calls) == 1 else ""  # "" ends an error challenge

        smtp.auth("XOAUTH2", respond, initial_response_ok=True)


def _refused(exc) -> AuthError:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return AuthError(
        f"the SMTP server refused the sign-in token ({exc.smtp_code} {text}); "
        "if this happens again, sign in again in the account settings"
    )
