"""Shared test setup: Qt offscreen unless --onscreen, the corpus location, a temp data dir."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _find_corpus() -> Path:
    """../shared/corpus beside this checkout; for a clone made elsewhere (a temp dir) the one
    beside the checkout it was cloned from; BOUNCEDESK_CORPUS overrides both."""
    if os.environ.get("BOUNCEDESK_CORPUS"):
        return Path(os.environ["BOUNCEDESK_CORPUS"])
    here = ROOT.parent / "shared" / "corpus"
    if here.is_dir():
        return here
    try:
        origin = subprocess.run(["git", "-C", str(ROOT), "remote", "get-url", "origin"],
                                capture_output=True, text=True, timeout=10).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        origin = ""
    if origin and Path(origin).is_dir():
        beside = Path(origin).resolve().parent / "shared" / "corpus"
        if beside.is_dir():
            return beside
    return here


CORPUS = _find_corpus()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--onscreen", action="store_true", help="show Qt windows instead of rendering offscreen")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--onscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the `corpus` fixture is marked `corpus`, so hosted CI (which has no
    ../shared/corpus) can deselect them all with `-m "not corpus"`."""
    for item in items:
        if "corpus" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)


@pytest.fixture
def corpus() -> Path:
    if not (CORPUS / "gold.jsonl").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus missing at {CORPUS}")
        pytest.skip(f"corpus missing at {CORPUS}")
    return CORPUS


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh BOUNCEDESK_HOME per test, so no test touches the user's real store."""
    d = tmp_path / "home"
    d.mkdir()
    monkeypatch.setenv("BOUNCEDESK_HOME", str(d))
    return d


@pytest.fixture
def keyring_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real file-backed keyring in a temp dir, chosen the standard way (PYTHON_KEYRING_BACKEND).

    Returns the path of the keyring file. The user's own keyring is never touched.
    """
    import keyring.core

    kdir = tmp_path / "keyring"
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(kdir / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(kdir / "config"))
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    backend = keyring.core.get_keyring()
    path = kdir / "keyring_pass.cfg"
    backend.file_path = str(path)  # XDG_* only counts on Linux; this holds everywhere
    return path


@pytest.fixture(autouse=True)
def _own_user_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts without a chosen user-rules file (set_user_rules_path keeps its choice in the
    environment, for parse workers): one test's corrections never leak into the next."""
    monkeypatch.delenv("BOUNCEDESK_USER_RULES", raising=False)
