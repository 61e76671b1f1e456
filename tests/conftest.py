"""Shared test setup: Qt offscreen unless --onscreen, the corpus location, a temp data dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--onscreen", action="store_true", help="show Qt windows instead of rendering offscreen")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--onscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


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
