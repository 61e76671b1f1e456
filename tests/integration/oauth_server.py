"""A small but real OAuth2 authorization server on loopback, for the sign-in tests.

It implements what the app and Dovecot talk to: /authorize (auto-approves as the configured user,
like a browser where that user is already signed in, and redirects to the app's loopback
address), /token (authorization_code with PKCE S256 verification, refresh_token with rotation),
/revoke (RFC 7009) and /introspect (RFC 7662, what Dovecot's oauth2 passdb and the SMTP test
server ask).
Token lifetimes follow the server's own switches (`expire_access_tokens`), so a test can make
the server reject a token the way a real provider does after an hour.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Grant:
    user: str
    client_id: str
    scope: str
    revoked: bool = False


@dataclass
class AuthServer:
    user: str = "alice"  # who is "signed in" in the browser
    client_id: str = "bounce-test-client"
    client_secret: str | None = None  # when set, /token requires it (like Google's desktop clients)
    lifetime: int = 3600
    rotate_refresh_tokens: bool = True
    deny: bool = False  # the user clicks "Cancel" on the consent page
    codes: dict[str, dict] = field(default_factory=dict)
    access: dict[str, Grant] = field(default_factory=dict)  # access token -> grant
    refresh: dict[str, Grant] = field(default_factory=dict)  # refresh token -> grant
    expired: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("authorize", "code", "refresh", "refresh_refused", "pkce_refused", "introspect", "revoke"), 0))
    issued: list[str] = field(default_factory=list)  # every token ever handed out (for leak checks)

    def __post_init__(self) -> None:
        outer = self
        self._lock = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                url = urllib.parse.urlsplit(self.path)
                q = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
                if url.path == "/authorize":
                    outer._authorize(self, q)
                else:
                    outer._json(self, 404, {"error": "not_found"})

            def do_POST(self) -> None:  # noqa: N802
                n = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in urllib.parse.parse_qs(self.rfile.read(n).decode()).items()}
                path = urllib.parse.urlsplit(self.path).path
                if path == "/token":
                    outer._token(self, form)
                elif path == "/introspect":
                    outer.counts["introspect"] += 1
                    grant = outer.active(form.get("token", ""))
                    body = {"active": True, "username": grant.user, "scope": grant.scope} if grant else {"active": False}
                    outer._json(self, 200, body)
                elif path == "/revoke":
                    outer.counts["revoke"] += 1
                    outer.revoke(form.get("token", ""))
                    outer._json(self, 200, {})
                else:
                    outer._json(self, 404, {"error": "not_found"})

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    # --- addresses ------------------------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The introspection URL (what tests/integration/dovecot.py's oauth option reads)."""
        return f"{self.base}/introspect"

    def provider_config(self, **extra) -> dict:
        """This server as an entry of oauth_providers.json."""
        return {
            "title": "Test Identity", "authorize_url": f"{self.base}/authorize", "token_url": f"{self.base}/token",
            "revoke_url": f"{self.base}/revoke", "scopes": ["mail", "offline_access"],
            "client_id": "", "client_secret_required": self.client_secret is not None, **extra,
        }  # fmt: skip

    def provider(self, client_id: str | None = None, client_secret: str | None = None):
        from bouncedesk.mail.providers import OAuthProvider

        return OAuthProvider.from_config("testidp", self.provider_config()).with_client(
            client_id or self.client_id, client_secret if client_secret is not None else self.client_secret
        )

    # --- switches for tests ---------------------------------------------------------------------
    def expire_access_tokens(self) -> None:
        """Every access token handed out so far is past its lifetime now."""
        with self._lock:
            self.expired.update(self.access)

    def revoke(self, token: str) -> None:
        """Revoke a refresh token (and the access tokens of its grant), or one access token."""
        with self._lock:
            grant = self.refresh.get(token) or self.access.get(token)
            if grant is not None:
                grant.revoked = True

    def revoke_all(self) -> None:
        with self._lock:
            for g in list(self.refresh.values()) + list(self.access.values()):
                g.revoked = True

    def active(self, token: str) -> Grant | None:
        with self._lock:
            grant = self.access.get(token)
            if grant is None or grant.revoked or token in self.expired:
                return None
            return grant

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    # --- endpoints ------------------------------------------------------------------------------
    @staticmethod
    def _json(h: BaseHTTPRequestHandler, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        h.send_response(status)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
        h.send_header("Cache-Control", "no-store")
        h.end_headers()
        h.wfile.write(data)

    def _redirect(self, h: BaseHTTPRequestHandler, target: str, params: dict) -> None:
        sep = "&" if "?" in target else "?"
        h.send_response(302)
        h.send_header("Location", target + sep + urllib.parse.urlencode(params))
        h.send_header("Content-Length", "0")
        h.end_headers()

    def _authorize(self, h: BaseHTTPRequestHandler, q: dict) -> None:
        self.counts["authorize"] += 1
        redirect = q.get("redirect_uri", "")
        if q.get("client_id") != self.client_id or not redirect.startswith(("http://127.0.0.1:", "http://localhost:")):
            self._json(h, 400, {"error": "invalid_request", "error_description": "unknown client or redirect"})
            return
        state = q.get("state", "")
        if q.get("response_type") != "code" or q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            self._redirect(h, redirect, {"error": "invalid_request", "state": state})
            return
        if self.deny:
            self._redirect(h, redirect, {"error": "access_denied", "state": state})
            return
        code = secrets.token_urlsafe(16)
        with self._lock:
            self.codes[code] = {"challenge": q["code_challenge"], "redirect_uri": redirect, "client_id": q["client_id"],
                                "scope": q.get("scope", ""), "user": self.user}
        self._redirect(h, redirect, {"code": code, "state": state})

    def _issue(self, grant: Grant, with_refresh: bool) -> dict:
        token = "at-" + secrets.token_urlsafe(24)
        body = {"access_token": token, "token_type": "Bearer", "expires_in": self.lifetime, "scope": grant.scope}
        with self._lock:
            self.access[token] = grant
            self.issued.append(token)
            if with_refresh:
                rt = "rt-" + secrets.token_urlsafe(24)
                self.refresh[rt] = grant
                self.issued.append(rt)
                body["refresh_token"] = rt
        return body

    def _client_ok(self, form: dict) -> bool:
        if form.get("client_id") != self.client_id:
            return False
        return self.client_secret is None or form.get("client_secret") == self.client_secret

    def _token(self, h: BaseHTTPRequestHandler, form: dict) -> None:
        if not self._client_ok(form):
            self._json(h, 401, {"error": "invalid_client"})
            return
        kind = form.get("grant_type")
        if kind == "authorization_code":
            with self._lock:
                entry = self.codes.pop(form.get("code", ""), None)  # a code works once
            verifier = form.get("code_verifier", "")
            expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if entry is None or entry["redirect_uri"] != form.get("redirect_uri"):
                self._json(h, 400, {"error": "invalid_grant", "error_description": "unknown or used code"})
                return
            if not verifier or expected != entry["challenge"]:
                self.counts["pkce_refused"] += 1
                self._json(h, 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
                return
            self.counts["code"] += 1
            self._json(h, 200, self._issue(Grant(entry["user"], entry["client_id"], entry["scope"]), True))
        elif kind == "refresh_token":
            rt = form.get("refresh_token", "")
            with self._lock:
                grant = self.refresh.get(rt)
            if grant is None or grant.revoked:
                self.counts["refresh_refused"] += 1
                self._json(h, 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."})
                return
            self.counts["refresh"] += 1
            body = self._issue(grant, self.rotate_refresh_tokens)
            if self.rotate_refresh_tokens:
                with self._lock:
                    del self.refresh[rt]  # the old one is spent
            self._json(h, 200, body)
        else:
            self._json(h, 400, {"error": "unsupported_grant_type"})


def browse(url: str, timeout: float = 10.0) -> tuple[int, str]:
    """What a browser does with the authorization URL: GET it and follow the redirect to the app.

    Returns the status and page text of the final (loopback) answer.
    """
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
