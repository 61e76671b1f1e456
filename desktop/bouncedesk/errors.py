"""Domain errors: each carries a message a user can act on, never a traceback."""

from __future__ import annotations

import errno
import os
import sqlite3


class BounceDeskError(Exception):
    """Base of every expected fault; the CLI prints it on one line and exits 2."""


class InputError(BounceDeskError):
    """A path, file or argument the user gave cannot be used."""


class StoreError(BounceDeskError):
    """The local store cannot be opened or is from a newer version."""


class DiskFullError(StoreError):
    """No space left for the store or an output file; what was written before is intact."""


class ReadOnlyError(StoreError):
    """The data folder (or the store file in it) cannot be written."""


class DamagedStoreError(StoreError):
    """The store file is corrupt; `bouncedesk doctor` backs it up and recovers what it can."""


class MailError(BounceDeskError):
    """A mail server (IMAP or SMTP) could not be reached or refused us."""


class AuthError(MailError):
    """The server refused the credentials; retrying will not help."""


class SecretStoreError(BounceDeskError):
    """No usable OS keyring, or it refused to store or give a secret."""


# --- faults of the machine, mapped to our errors in this one place ------------------------------

_FULL = ("database or disk is full", "disk is full")
_READONLY = ("attempt to write a readonly database", "readonly database")
_CANT_OPEN = ("unable to open database file",)
_DAMAGED = ("database disk image is malformed", "malformed database schema")
_NOT_A_DB = ("file is not a database",)


def disk_full(detail: str) -> DiskFullError:
    return DiskFullError(f"disk full: {detail} (nothing was lost; free space and run again)")


def read_only(folder: str | os.PathLike[str], detail: str) -> ReadOnlyError:
    return ReadOnlyError(f"the data folder {folder} is read-only: {detail}")


def one_line(text: str, limit: int = 160) -> str:
    """`text` on one line, cut to `limit` characters (SQLite's findings span several lines)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def damaged(path: str | os.PathLike[str], detail: str) -> DamagedStoreError:
    detail = one_line(detail)
    return DamagedStoreError(
        f"the store {path} is damaged ({detail}); run 'bouncedesk doctor --repair' to back it up and "
        "recover what can be read"
    )


def _nearly_full(folder: str) -> bool:
    """Less than 256 KB free where the store lives: an I/O error there is the disk being full."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # (no statvfs on Windows)
        return False
    return st.f_bavail * st.f_frsize < 256 * 1024


def _writable(folder: str | os.PathLike[str]) -> bool:
    try:
        return os.access(folder, os.W_OK)
    except OSError:
        return False


def system_fault(exc: BaseException, path: str | os.PathLike[str] | None = None) -> BounceDeskError | None:
    """Our error for a fault of the disk or the store file (sqlite3 or OS), else None.

    `path` is the store file (or output file) concerned, when known; it names the folder in the
    read-only message. Disk full, read-only folder or file, and a damaged store each get one line
    a user can act on; anything else is left to the caller.
    """
    if isinstance(exc, BounceDeskError):
        return exc
    where = os.fspath(path) if path is not None else None
    folder = (os.path.dirname(where) or ".") if where else None
    if isinstance(exc, sqlite3.Error):
        text = str(exc)
        low = text.lower()
        code = getattr(exc, "sqlite_errorcode", None)
        if any(s in low for s in _FULL) or code == sqlite3.SQLITE_FULL:
            return disk_full(f"the store {where} could not grow" if where else text)
        if any(s in low for s in _READONLY) or code in (sqlite3.SQLITE_READONLY,):
            return read_only(folder or "of the store", text)
        if any(s in low for s in _NOT_A_DB) or code == sqlite3.SQLITE_NOTADB:
            return DamagedStoreError(
                f"{where or 'the file'} is not a usable BounceDesk store: {text} (if it is your store, "
                "'bouncedesk doctor --repair' backs it up and recovers what can be read)"
            )
        if any(s in low for s in _DAMAGED) or code == sqlite3.SQLITE_CORRUPT:
            return damaged(where or "file", text)
        if folder and (code == sqlite3.SQLITE_IOERR or "disk i/o error" in low) and _nearly_full(folder):
            return disk_full(f"the store {where} could not be written ({text})")
        if any(s in low for s in _CANT_OPEN) or code == sqlite3.SQLITE_CANTOPEN:
            if folder and not _writable(folder):
                return read_only(folder, text)
            return StoreError(f"cannot open the store {where or ''}: {text}".replace("  ", " "))
        return None
    if isinstance(exc, OSError):
        detail = exc.strerror or str(exc)
        name = exc.filename or where
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return disk_full(f"cannot write {name}: {detail}" if name else detail)
        if exc.errno == errno.EROFS:
            target = folder or (os.path.dirname(os.fspath(name)) if name else "")
            return read_only(target or ".", f"cannot write {name}: {detail}" if name else detail)
        if exc.errno in (errno.EACCES, errno.EPERM):
            if folder and (name is None or os.path.dirname(os.fspath(name)) in ("", folder)):
                return read_only(folder, f"cannot write {name}: {detail}")
            return BounceDeskError(f"cannot use {name}: {detail}" if name else detail)
        return None
    return None
