"""Where BounceDesk keeps its files: platformdirs defaults, one override."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "BounceDesk"
HOME_ENV = "BOUNCEDESK_HOME"


def resources_dir() -> Path:
    """The bundled resources (rules, icons, translations, demo seeds).

    Looked up next to the source tree, in an installed share folder, or inside a frozen bundle.
    """
    import sys

    here = Path(__file__).resolve()
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "resources")
    candidates += [here.parents[2] / "resources", here.parent / "resources", Path(sys.prefix) / "share" / "bouncedesk"]
    for c in candidates:
        if (c / "rules").is_dir():
            return c
    return candidates[0]


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the store; `--data-dir` beats `BOUNCEDESK_HOME` beats platformdirs."""
    chosen = override or os.environ.get(HOME_ENV)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Log files live under the data dir when it is overridden, else in the platform log dir."""
    chosen = override or os.environ.get(HOME_ENV)
    path = Path(chosen) / "logs" if chosen else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_path(override: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(override) / "bouncedesk.sqlite3"
