"""The mail accounts: kept in the store (never a password), secrets in the OS keyring.

The one API both the CLI (`bouncedesk account …`) and the GUI's account dialogs call:
add_account / remove_account / list_accounts / load_account, open_secrets, credentials_for (a
password or an OAuth2 token provider for a connection), check_account (connect, log in, list
folders).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bouncedesk import store
from bouncedesk.accounts.oauthconfig import CONFIG_KEY, forget, token_provider
from bouncedesk.errors import AuthError, InputError
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.endpoint import Credentials
from bouncedesk.mail.imap import connect
from bouncedesk.mail.secrets import KINDS, SecretStore
from bouncedesk.mail.sent import sent_folder_of
from bouncedesk.mail.tokens import StaticToken, TokenProvider

# The store says ssl/none where the CLI and the mail layer say tls/plain.
_SECURITY_TO_STORE = {"tls": "ssl", "starttls": "starttls", "plain": "none"}
_SECURITY_FROM_STORE = {v: k for k, v in _SECURITY_TO_STORE.items()}
_AUTH_TO_STORE = {"password": "password", "oauth2": "oauth2", "xoauth2": "oauth2", "oauthbearer": "oauth2"}
# The store has no column for a pinned certificate yet: it lives in settings, per account id.
IMAP_PIN_KEY = "imap.tls_fingerprint.{id}"
PLAINTEXT_SECRETS_KEY = "secrets.allow_plaintext"

TokenProviderFactory = Callable[[Account], TokenProvider]


def _from_row(conn: sqlite3.Connection, row: store.Account) -> Account:
    return Account(
        name=row.name,
        host=row.host,
        username=row.username,
        port=row.port or 0,
        security=_SECURITY_FROM_STORE.get(row.security, row.security),
        auth_method=row.auth_method,
        folders=tuple(row.folders or ("INBOX",)),
        sent_folder=row.sent_folder,
        processed_folder=row.processed_folder,
        tls_fingerprint=store.get_setting(conn, IMAP_PIN_KEY.format(id=row.id)),
    )


def list_accounts(conn: sqlite3.Connection) -> list[Account]:
    return [_from_row(conn, r) for r in store.list_accounts(conn)]


def load_account(conn: sqlite3.Connection, name: str) -> Account:
    row = store.get_account(conn, name)
    if row is None:
        known = ", ".join(r.name for r in store.list_accounts(conn)) or "none yet (bouncedesk account add)"
        raise InputError(f"no account named {name!r}; accounts: {known}")
    return _from_row(conn, row)


def open_secrets(conn: sqlite3.Connection, data_dir: Path | None, allow_plaintext: bool = False) -> SecretStore:
    """The OS keyring; a plain-text file only if the user opted in (now or before, remembered)."""
    remembered = bool(store.get_setting(conn, PLAINTEXT_SECRETS_KEY, False))
    return SecretStore.open(data_dir=data_dir, allow_plaintext=allow_plaintext or remembered)


def add_account(
    conn: sqlite3.Connection,
    secrets: SecretStore | None,
    account: Account,
    *,
    password: str | None,
    now: int,
    remember_plaintext: bool = False,
) -> Account:
    """Store a new account; its password goes to the keyring (never the store).

    A password account needs a password; the keyring write comes first so a keyring failure
    leaves no half-made account behind.
    """
    if store.get_account(conn, account.name) is not None:
        raise InputError(f"an account named {account.name!r} exists already (remove it first, or pick another name)")
    if account.auth_method == "password":
        if not password:
            raise InputError(f"account {account.name!r} needs a password (--password-stdin)")
        if secrets is None:
            raise InputError("no secret store to keep the password in")
        secrets.set(account.name, password)
    try:
        with store.transaction(conn):
            row = store.add_account(
                conn,
                now=now,
                name=account.name,
                host=account.host,
                port=account.port,
                security=_SECURITY_TO_STORE[account.security],
                username=account.username,
                auth_method=_AUTH_TO_STORE[account.auth_method],
                folders=list(account.folders),
                sent_folder=account.sent_folder,
                processed_folder=account.processed_folder,
            )
            if account.tls_fingerprint:
                store.put_setting(conn, IMAP_PIN_KEY.format(id=row.id), account.tls_fingerprint, now)
            if remember_plaintext:
                store.put_setting(conn, PLAINTEXT_SECRETS_KEY, True, now)
    except BaseException:
        if account.auth_method == "password" and secrets is not None:
            secrets.delete(account.name)
        raise
    return _from_row(conn, row)


def remove_account(conn: sqlite3.Connection, secrets: SecretStore | None, name: str) -> None:
    """Forget the account, its sync positions and its secrets. Mail it brought in stays in the store."""
    row = store.get_account(conn, name)
    if row is None:
        raise InputError(f"no account named {name!r}")
    with store.transaction(conn):
        conn.execute("DELETE FROM settings WHERE key IN (?, ?)", (IMAP_PIN_KEY.format(id=row.id), CONFIG_KEY.format(id=row.id)))
        store.delete_account(conn, row.id)
    forget(name)
    if secrets is not None:
        for kind in KINDS:
            secrets.delete(name, kind)


def credentials_for(
    account: Account,
    secrets: SecretStore | None,
    tokens: TokenProviderFactory | None = None,
    conn: sqlite3.Connection | None = None,
) -> Credentials:
    """Password from the keyring, or a token provider for OAuth2 accounts.

    An OAuth2 account signed in through `accounts.signin` (needs `conn`) gets a provider that
    refreshes its access token; otherwise an access token stored in the keyring is used as-is.
    """
    if account.auth_method == "password":
        if secrets is None:
            raise AuthError(f"no keyring to read the password of {account.name!r} from")
        return Credentials(password=secrets.require(account.name))
    if tokens is not None:
        return Credentials(tokens=tokens(account))
    if conn is not None:
        provider = token_provider(conn, secrets, account.name)
        if provider is not None:
            return Credentials(tokens=provider)
    if secrets is None:
        raise AuthError(f"account {account.name!r} needs a sign-in, and there is no keyring")
    return Credentials(tokens=StaticToken(secrets.require(account.name, "oauth-access-token")))


@dataclass
class AccountCheck:
    """What `account test` found."""

    capabilities: list[str]
    folders: list[str]
    sent_folder: str | None
    missing_folders: list[str]
    processed_folder_exists: bool | None


def check_account(account: Account, credentials: Credentials, now: int) -> AccountCheck:
    """Connect, log in, list folders: every fault comes out as one clear MailError/AuthError."""
    with connect(account.endpoint(timeout=30), credentials, now) as s:
        names = [n for n, _ in s.list_folders()]
        sent = sent_folder_of(s, account)
        lower = {n.lower() for n in names}
        missing = [f for f in account.folders if f.lower() not in lower]
        processed = account.processed_folder.lower() in lower if account.processed_folder else None
        return AccountCheck(sorted(s.capabilities), names, sent, missing, processed)
