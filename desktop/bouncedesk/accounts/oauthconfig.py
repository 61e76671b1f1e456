"""OAuth2 sign-ins of accounts as the rest of the app reads them: which provider an account signs
in with (setting `oauth.account.<id>`: endpoints and client ID only) and one token provider per
account and process, so repeated syncs reuse the access token. Signing in is `accounts.signin`.
"""

from __future__ import annotations

import sqlite3
import threading

from bouncedesk import store
from bouncedesk.errors import InputError
from bouncedesk.mail.oauth import OAuthTokenProvider, SignInRequired
from bouncedesk.mail.providers import OAuthProvider
from bouncedesk.mail.secrets import SecretStore

CONFIG_KEY = "oauth.account.{id}"
CLIENT_SECRET_KIND = "oauth-client-secret"

_providers: dict[tuple[str, str, str], OAuthTokenProvider] = {}
_providers_lock = threading.Lock()


def account_id(conn: sqlite3.Connection, name: str) -> int:
    row = store.get_account(conn, name)
    if row is None:
        raise InputError(f"no account named {name!r}")
    return row.id


def save_config(conn: sqlite3.Connection, name: str, provider: OAuthProvider, now: int) -> None:
    """Remember how the account signs in (no secret: endpoints, scopes, client ID)."""
    store.put_setting(conn, CONFIG_KEY.format(id=account_id(conn, name)), provider.to_config(), now)


def load_provider(conn: sqlite3.Connection, name: str, secrets: SecretStore | None) -> OAuthProvider | None:
    """The provider an account signed in with, client secret from the keyring; None if never signed in."""
    row = store.get_account(conn, name)
    if row is None:
        return None
    data = store.get_setting(conn, CONFIG_KEY.format(id=row.id))
    if not data:
        return None
    provider = OAuthProvider.from_config(str(data.get("name") or "oauth"), data)
    if provider.client_secret_required and secrets is not None:
        provider = provider.with_client(None, secrets.get(name, CLIENT_SECRET_KIND))
    return provider


def token_provider(conn: sqlite3.Connection, secrets: SecretStore | None, name: str) -> OAuthTokenProvider | None:
    """The (shared, in-process) token provider of an OAuth2 account; None when it has no sign-in config."""
    provider = load_provider(conn, name, secrets)
    if provider is None:
        return None
    if secrets is None:
        raise SignInRequired(f"account {name!r} signs in with {provider.title}, and there is no keyring to read it from")
    key = (name, provider.token_url, provider.client_id)
    with _providers_lock:
        tp = _providers.get(key)
        if tp is None:
            tp = _providers[key] = OAuthTokenProvider(provider, name, secrets)
        else:
            tp.provider, tp.secrets = provider, secrets  # the client secret may have changed
        return tp


def cached_provider(name: str, provider: OAuthProvider) -> OAuthTokenProvider | None:
    """The token provider this process already made for the account's sign-in, if any."""
    with _providers_lock:
        return _providers.get((name, provider.token_url, provider.client_id))


def forget(name: str) -> None:
    """Drop cached access tokens of an account (removed, or signed out)."""
    with _providers_lock:
        for key in [k for k in _providers if k[0] == name]:
            del _providers[key]
