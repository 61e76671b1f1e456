"""Secrets go to a real keyring backend; an unusable or silently plain-text one is refused."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest
from keyring.backends import chainer, fail
from keyrings.alt.file import PlaintextKeyring

from bouncedesk.errors import SecretStoreError
from bouncedesk.mail.secrets import PLAINTEXT_FILENAME, SERVICE, SecretStore, secret_key

SECRET = "s3cr3t-Pässword!"


def test_roundtrip_in_the_configured_file_keyring(keyring_file: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    store = SecretStore.open()
    assert store.get("work") is None
    store.set("work", SECRET)
    assert store.get("work") == SECRET
    assert store.require("work") == SECRET
    # It really went to the file the test chose, under the service name and per-account key.
    text = keyring_file.read_text(encoding="utf-8")
    assert SERVICE in text and "work" in text
    assert keyring.get_password(SERVICE, secret_key("work")) == SECRET
    # Other accounts and kinds are separate entries.
    store.set("home", "other", kind="oauth-refresh-token")
    assert store.get("home") is None
    assert store.get("home", kind="oauth-refresh-token") == "other"
    assert store.delete("work") is True
    assert store.get("work") is None
    assert store.delete("work") is False
    assert SECRET not in caplog.text


def test_missing_secret_says_where_to_set_it(keyring_file: Path) -> None:
    with pytest.raises(SecretStoreError, match="no password stored for account 'nobody'"):
        SecretStore.open().require("nobody")


def test_bad_names_and_empty_secrets_are_refused(keyring_file: Path) -> None:
    store = SecretStore.open()
    with pytest.raises(SecretStoreError):
        store.set("", SECRET)
    with pytest.raises(SecretStoreError):
        store.set("work", "")
    with pytest.raises(SecretStoreError, match="unknown kind"):
        store.get("work", kind="pin")


def _no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No env var and no keyringrc: the backend counts as auto-selected."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdgdata"))
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)


def test_fail_backend_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_config(tmp_path, monkeypatch)
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(SecretStoreError, match="no keyring is available"):
        SecretStore.open(tmp_path)


def test_explicitly_configured_fail_backend_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_config(tmp_path, monkeypatch)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(SecretStoreError, match="no keyring"):
        SecretStore.open(tmp_path)


def test_empty_chainer_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_config(tmp_path, monkeypatch)
    monkeypatch.setattr(keyring.backend, "_limit", lambda _backend: False)
    chain = chainer.ChainerBackend()
    assert chain.backends == []
    keyring.set_keyring(chain)
    with pytest.raises(SecretStoreError, match="no keyring is available"):
        SecretStore.open(tmp_path)


def test_silent_plaintext_fallback_is_refused_unless_opted_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_config(tmp_path, monkeypatch)
    auto = PlaintextKeyring()
    auto.file_path = str(tmp_path / "auto.cfg")
    keyring.set_keyring(auto)
    with pytest.raises(SecretStoreError, match="only a plain-text file keyring"):
        SecretStore.open(tmp_path)
    assert not (tmp_path / "auto.cfg").exists()

    store = SecretStore.open(tmp_path, allow_plaintext=True)
    store.set("work", SECRET)
    target = tmp_path / PLAINTEXT_FILENAME
    assert target.is_file() and not (tmp_path / "auto.cfg").exists()
    assert str(target) in store.description
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert SecretStore.open(tmp_path, allow_plaintext=True).get("work") == SECRET


def test_the_chosen_plaintext_file_needs_no_extra_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make run` installs only the app's own dependencies: the opt-in file works without keyrings.alt."""
    import sys

    _no_config(tmp_path, monkeypatch)
    for name in [m for m in sys.modules if m.startswith("keyrings.alt")] + ["keyrings.alt"]:
        monkeypatch.setitem(sys.modules, name, None)  # importing it now fails, as if not installed
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(SecretStoreError, match="no keyring"):
        SecretStore.open(tmp_path)
    store = SecretStore.open(tmp_path, allow_plaintext=True)
    store.set("work", SECRET)
    target = tmp_path / PLAINTEXT_FILENAME
    assert SecretStore.open(tmp_path, allow_plaintext=True).get("work") == SECRET
    assert store.delete("work") and SecretStore.open(tmp_path, allow_plaintext=True).get("work") is None
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
