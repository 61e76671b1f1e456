"""Account passwords and tokens live in the OS keyring, never in the store, config or logs.

`keyring` picks a backend itself. On a machine without an OS keyring it may fall back to a
plain-text file backend (keyrings.alt, if installed) without saying so; we refuse that unless the
user chose it explicitly (PYTHON_KEYRING_BACKEND or a keyringrc file) or the caller opts in to a
plain-text file, which then lives under the data dir with a name that says what it is. That file is
our own small backend (`PlainTextFileKeyring`), so the app needs no extra package for it.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.core
import keyring.errors
from keyring.backend import KeyringBackend

from bouncedesk.errors import SecretStoreError

log = logging.getLogger(__name__)

SERVICE = "BounceDesk"
PLAINTEXT_FILENAME = "secrets-PLAINTEXT-not-encrypted.json"
_ENV_BACKEND = "PYTHON_KEYRING_BACKEND"
# Kinds of secret an account can hold: the SMTP/IMAP password, OAuth2 tokens (mail.oauth keeps only
# the refresh token; access tokens stay in memory) and the client secret some providers want.
KINDS = ("password", "oauth-refresh-token", "oauth-access-token", "oauth-client-secret")


def secret_key(account: str, kind: str = "password") -> str:
    """The keyring user name for one secret of one account, e.g. 'work:password'."""
    if not account or not account.strip():
        raise SecretStoreError("an account name is needed to store its secret")
    if kind not in KINDS:
        raise SecretStoreError(f"unknown kind of secret: {kind!r} (one of {', '.join(KINDS)})")
    return f"{account.strip()}:{kind}"


def _backend_name(backend: KeyringBackend) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def is_plaintext(backend: KeyringBackend) -> bool:
    """True for file backends that keep secrets readable (or weakly protected) on disk."""
    if isinstance(backend, PlainTextFileKeyring):
        return True
    try:
        from keyrings.alt.file_base import FileBacked
    except ImportError:  # keyrings.alt not installed: no such backend can exist
        return False
    return isinstance(backend, FileBacked) or type(backend).__module__.startswith("keyrings.alt")


def _usable_parts(backend: KeyringBackend) -> list[KeyringBackend]:
    """The backends that would really hold a secret (a chainer is only as good as its members)."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, chainer.ChainerBackend):
        return [b for part in backend.backends for b in _usable_parts(part)]
    if isinstance(backend, fail.Keyring | null.Keyring):
        return []
    return [backend]


def _explicitly_configured() -> bool:
    """The user (or a test) named a backend: env var or keyringrc.cfg. Then we honour it."""
    if os.environ.get(_ENV_BACKEND):
        return True
    try:
        return keyring.core.load_config() is not None
    except Exception:  # a broken keyringrc: keyring itself will complain when used
        return False


class PlainTextFileKeyring(KeyringBackend):
    """Secrets in a JSON file readable by its owner only (0600, written whole and replaced atomically).

    Not encrypted, and named so; used only when the user chose it because there is no OS keyring.
    """

    priority = 0  # never chosen by keyring itself

    def __init__(self, file_path: str) -> None:
        super().__init__()
        self.file_path = file_path

    def _load(self) -> dict[str, dict[str, str]]:
        try:
            with open(self.file_path, encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise keyring.errors.KeyringError(f"cannot read {self.file_path}: {exc}") from exc
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        tmp = f"{self.file_path}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1, sort_keys=True)
        os.replace(tmp, self.file_path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data.setdefault(service, {})[username] = password
        self._save(data)

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if username not in data.get(service, {}):
            raise keyring.errors.PasswordDeleteError(f"no secret for {username!r}")
        del data[service][username]
        self._save(data)


def plaintext_backend(data_dir: Path) -> KeyringBackend:
    """The plain-text file under the data dir, only for callers who opted in."""
    return PlainTextFileKeyring(str(Path(data_dir) / PLAINTEXT_FILENAME))


@dataclass
class SecretStore:
    """Get, set and delete one account's secrets in a keyring backend checked for safety."""

    backend: KeyringBackend

    @classmethod
    def open(cls, data_dir: Path | None = None, allow_plaintext: bool = False) -> SecretStore:
        """The OS keyring, or (only with `allow_plaintext`) a clearly named file under `data_dir`.

        Raises SecretStoreError when there is no usable backend and plain text was not allowed.
        """
        try:
            backend = keyring.get_keyring()
        except Exception as exc:  # keyring raises plain exceptions for a bad PYTHON_KEYRING_BACKEND
            raise SecretStoreError(f"the keyring could not be loaded: {exc}") from exc
        if _explicitly_configured() and _usable_parts(backend):
            if is_plaintext(backend):
                log.warning("secrets are kept by %s, chosen in the keyring configuration", _backend_name(backend))
            return cls(backend)
        parts = _usable_parts(backend)
        if parts and not is_plaintext(parts[0]):
            return cls(backend)
        if allow_plaintext:
            if data_dir is None:
                raise SecretStoreError("plain-text secret storage needs a data folder")
            log.warning("no OS keyring: secrets go to a plain-text file in %s, as the user chose", data_dir)
            return cls(plaintext_backend(data_dir))
        found = "only a plain-text file keyring" if parts else "no keyring"
        raise SecretStoreError(
            f"{found} is available on this system ({_backend_name(backend)}); install or unlock the "
            "OS keyring (e.g. GNOME Keyring, KWallet, macOS Keychain, Windows Credential Manager), "
            "or explicitly allow storing passwords in a plain-text file"
        )

    @property
    def description(self) -> str:
        """Which backend holds the secrets, for the settings page (never the secrets)."""
        where = getattr(self.backend, "file_path", None)
        name = _backend_name(self.backend)
        return f"{name} ({where})" if where and is_plaintext(self.backend) else name

    def get(self, account: str, kind: str = "password") -> str | None:
        key = secret_key(account, kind)
        try:
            return self.backend.get_password(SERVICE, key)
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(f"the keyring refused to give the {kind} of account {account!r}: {exc}") from exc

    def require(self, account: str, kind: str = "password") -> str:
        """Like get, but a missing secret is an error the user can fix in the account settings."""
        value = self.get(account, kind)
        if value is None:
            raise SecretStoreError(f"no {kind} stored for account {account!r}; set it in the account settings")
        return value

    def set(self, account: str, secret: str, kind: str = "password") -> None:
        key = secret_key(account, kind)
        if not isinstance(secret, str) or secret == "":
            raise SecretStoreError(f"an empty {kind} cannot be stored for account {account!r}")
        try:
            self.backend.set_password(SERVICE, key, secret)
        except (keyring.errors.KeyringError, OSError) as exc:
            raise SecretStoreError(f"the keyring refused to store the {kind} of account {account!r}: {exc}") from exc
        path = getattr(self.backend, "file_path", None)
        if path and is_plaintext(self.backend):
            _restrict(Path(path))
        log.info("stored the %s of account %r in %s", kind, account, _backend_name(self.backend))

    def delete(self, account: str, kind: str = "password") -> bool:
        """Remove a secret; False when there was none."""
        key = secret_key(account, kind)
        try:
            self.backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as exc:
            raise SecretStoreError(f"the keyring refused to delete the {kind} of account {account!r}: {exc}") from exc
        return True


def _restrict(path: Path) -> None:
    """Owner-only permissions on a plain-text secrets file (best effort; no-op on Windows)."""
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass
