"""Accounts that sign in with OAuth2: the store, the keyring and `mail.oauth` put together.

Sign-in itself (a browser, a token, the keyring); what the rest of the app reads of a sign-in is
`accounts.oauthconfig`. The store keeps, per account, which provider and
client ID it signed in with (setting `oauth.account.<id>`: endpoints and client ID only); the
refresh token and a client secret stay in the OS keyring; access tokens only in memory (one
`OAuthTokenProvider` per account and process, so the GUI's repeated syncs reuse them).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from bouncedesk import store
from bouncedesk.accounts.oauthconfig import (
    CLIENT_SECRET_KIND,
    CONFIG_KEY,
    account_id,
    cached_provider,
    forget,
    load_provider,
    save_config,
    token_provider,
)
from bouncedesk.accounts.registry import add_account, remove_account
from bouncedesk.errors import InputError
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.oauth import (
    REFRESH_KIND,
    BrowserOpener,
    SignInRequired,
    TokenSet,
    XOAuth2Auth,
    sign_in,
)
from bouncedesk.mail.providers import OAuthProvider, Preset, preset_for_address, split_address
from bouncedesk.mail.secrets import SecretStore

log = logging.getLogger(__name__)

def sign_in_account(
    conn: sqlite3.Connection,
    secrets: SecretStore,
    name: str,
    provider: OAuthProvider,
    now: int,
    *,
    login_hint: str | None = None,
    open_browser: BrowserOpener | None = None,
    show_url: Callable[[str], None] | None = None,
    timeout: float | None = None,
    cancel: threading.Event | None = None,
) -> TokenSet:
    """Run the browser flow for an existing account and keep the result (refresh token → keyring)."""
    account_id(conn, name)
    kw = {"timeout": timeout} if timeout else {}
    tokens = sign_in(provider, now, login_hint=login_hint, open_browser=open_browser, show_url=show_url,
                     cancel=cancel, **kw)
    keep_sign_in(conn, secrets, name, provider, tokens, now)
    return tokens


def keep_sign_in(conn: sqlite3.Connection, secrets: SecretStore, name: str, provider: OAuthProvider,
                 tokens: TokenSet, now: int) -> None:
    """Store a finished sign-in: refresh token and client secret to the keyring, the rest to settings."""
    if not tokens.refresh_token:
        raise SignInRequired(f"the sign-in of {name!r} gave no refresh token; sign in again")
    secrets.set(name, tokens.refresh_token, REFRESH_KIND)
    if provider.client_secret:
        secrets.set(name, provider.client_secret, CLIENT_SECRET_KIND)
    save_config(conn, name, provider, now)
    forget(name)
    tp = token_provider(conn, secrets, name)
    if tp is not None:
        tp.prime(tokens)


def add_oauth_account(
    conn: sqlite3.Connection,
    secrets: SecretStore,
    account: Account,
    provider: OAuthProvider,
    now: int,
    *,
    email: str | None = None,
    smtp: dict | None = None,
    open_browser: BrowserOpener | None = None,
    show_url: Callable[[str], None] | None = None,
    timeout: float | None = None,
    cancel: threading.Event | None = None,
) -> TokenSet:
    """Sign in first (nothing is stored if the user gives up), then add the account and keep the sign-in."""
    if account.auth_method == "password":
        raise InputError("an OAuth2 account needs auth method oauth2")
    if store.get_account(conn, account.name) is not None:
        raise InputError(f"an account named {account.name!r} exists already (remove it first, or pick another name)")
    kw = {"timeout": timeout} if timeout else {}
    tokens = sign_in(provider, now, login_hint=email or account.username, open_browser=open_browser,
                     show_url=show_url, cancel=cancel, **kw)
    add_account(conn, secrets, account, password=None, now=now)
    try:
        fields = dict(smtp or {})
        if email:
            fields.setdefault("address", email)
        if fields:
            store.update_account(conn, account_id(conn, account.name), **fields)
        keep_sign_in(conn, secrets, account.name, provider, tokens, now)
    except BaseException:
        remove_account(conn, secrets, account.name)
        raise
    return tokens


def move_sign_in(secrets: SecretStore, old: str, new: str) -> None:
    """An account was renamed: its keyring entries (stored by name) move with it."""
    for kind in (REFRESH_KIND, CLIENT_SECRET_KIND):
        value = secrets.get(old, kind)
        if value:
            secrets.set(new, value, kind)
            secrets.delete(old, kind)
    forget(old)


def sign_out(conn: sqlite3.Connection, secrets: SecretStore | None, name: str) -> None:
    """Forget an account's sign-in here, and ask the provider to revoke it where it can."""
    from bouncedesk.mail.oauth import revoke

    provider = load_provider(conn, name, secrets)
    if secrets is not None:
        refresh = secrets.get(name, REFRESH_KIND)
        if refresh and provider is not None:
            revoke(provider, refresh)
        for kind in (REFRESH_KIND, CLIENT_SECRET_KIND):
            secrets.delete(name, kind)
    row = store.get_account(conn, name)
    if row is not None:
        with store.transaction(conn):
            conn.execute("DELETE FROM settings WHERE key = ?", (CONFIG_KEY.format(id=row.id),))
    forget(name)


def smtp_auth_for(conn: sqlite3.Connection, secrets: SecretStore | None, name: str, username: str,
                  clock: Callable[[], int] | None = None) -> XOAuth2Auth:
    """XOAUTH2 for sending from an OAuth2 account (the SmtpAuth seam of mail.smtp)."""
    tp = token_provider(conn, secrets, name)
    if tp is None:
        raise SignInRequired(f"account {name!r} has not been signed in yet; sign in with its provider first")
    return XOAuth2Auth(username, tp, clock) if clock else XOAuth2Auth(username, tp)


def sign_in_state(conn: sqlite3.Connection, secrets: SecretStore | None, name: str) -> str:
    """'signed-in'; 'expired' (the provider refused the last renewal in this process: revoked);
    'signed-out' (configured, no refresh token); or 'none' (not an OAuth2 account). No network."""
    provider = load_provider(conn, name, None)
    if provider is None:
        return "none"
    if secrets is None or not secrets.get(name, REFRESH_KIND):
        return "signed-out"
    tp = cached_provider(name, provider)
    return "expired" if tp is not None and tp.problem else "signed-in"


def account_from_address(name: str, email: str, *, data_dir: Path | None = None, preset: Preset | None = None,
                         **overrides) -> tuple[Account, Preset | None]:
    """An Account filled from the preset of the address's domain; `overrides` (host, port, ...) win."""
    split_address(email)
    preset = preset or preset_for_address(email, data_dir)
    if preset is None and not overrides.get("host"):
        raise InputError(
            f"no preset for {email.rsplit('@', 1)[-1]}: give the IMAP server with --host (and --smtp-host to send)"
        )
    fields = {}
    if preset is not None:
        fields = {"host": preset.imap.host, "port": preset.imap.port, "security": preset.imap.security,
                  "auth_method": preset.auth_method, "username": preset.username_for(email)}
    else:
        fields = {"username": email}
    fields.update({k: v for k, v in overrides.items() if v not in (None, "", 0)})
    return Account(name=name, **fields), preset
