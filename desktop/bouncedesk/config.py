"""Where BounceDesk keeps its files: platformdirs defaults, one override."""

from __future__ import annotations

import logging
import logging.handlers
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


PRIVATE_DIR = 0o700  # the store and logs hold raw mail: only the user may read them
PRIVATE_FILE = 0o600
POSIX = os.name == "posix"


def make_private_dir(path: Path, *, tighten: bool = True) -> Path:
    """Create `path` (and parents) with the folder itself 0700 on POSIX.

    `tighten` also narrows an existing folder's mode; callers pass False for a folder the user
    named that may hold other things (only a folder we create is made private then).
    """
    existed = path.is_dir()
    try:
        path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    except OSError as exc:
        from bouncedesk.errors import StoreError, system_fault

        err = system_fault(exc)
        raise (err or StoreError(f"cannot create the folder {path}: {exc.strerror or exc}")) from exc
    if POSIX and (tighten or not existed):
        try:
            st = path.stat()
            if st.st_uid == os.getuid() and st.st_mode & 0o077:
                os.chmod(path, PRIVATE_DIR)
        except OSError:
            pass  # not ours to change (or a read-only medium): the store says so when it writes
    return path


def make_private_file(path: str | os.PathLike[str]) -> None:
    """Narrow an existing file of ours to 0600 (POSIX); missing files and foreign owners are left."""
    if not POSIX:
        return
    try:
        st = os.stat(path)
        if st.st_uid == os.getuid() and st.st_mode & 0o077:
            os.chmod(path, PRIVATE_FILE)
    except OSError:
        pass


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the store; `--data-dir` beats `BOUNCEDESK_HOME` beats platformdirs.

    Created 0700. The platform's own folder is tightened if it exists with a wider mode; a
    folder the user named is only made private when BounceDesk creates it.
    """
    chosen = override or os.environ.get(HOME_ENV)
    return make_private_dir(data_dir_path(override), tighten=not chosen)


def data_dir_path(override: str | os.PathLike[str] | None = None) -> Path:
    """Where `data_dir` is, without creating it (for readers that only look for a file there)."""
    chosen = override or os.environ.get(HOME_ENV)
    return Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Log files live under the data dir when it is overridden, else in the platform log dir.

    The log folder is always ours (0700), and log files found in it are narrowed to 0600.
    """
    chosen = override or os.environ.get(HOME_ENV)
    if chosen:
        make_private_dir(Path(chosen), tighten=False)
    path = Path(chosen) / "logs" if chosen else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    make_private_dir(path)
    for f in path.glob("*.log*"):
        make_private_file(f)
    return path


STORE_FILE = "bouncedesk.sqlite3"


def store_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The store file, its folder created (0700) if needed; `data_dir_path(...) / STORE_FILE` names
    it without creating anything."""
    return data_dir(override) / STORE_FILE


def private_log_handler(directory: Path, name: str = "bouncedesk.log", **kw) -> logging.Handler:
    """A rotating log file whose files (and rotated copies) are created 0600 on POSIX."""
    return _PrivateRotatingFileHandler(
        str(Path(directory) / name), maxBytes=kw.get("maxBytes", 2_000_000),
        backupCount=kw.get("backupCount", 3), encoding="utf-8",
    )  # fmt: skip


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    def _open(self):  # type: ignore[override]
        if POSIX:
            fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
            os.close(fd)
            make_private_file(self.baseFilename)
        return super()._open()
