"""Turn paths the user names (files, mbox files, maildirs, directories) into raw messages.

Streams one message at a time so memory stays flat whatever the size of the input.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bouncedesk.errors import InputError

# An mbox separator line: "From sender Www Mmm dd hh:mm:ss yyyy" (the sender may be empty-ish).
_MBOX_FROM = re.compile(rb"^From \S*\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s")
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}


@dataclass(slots=True)
class RawMessage:
    """One message's bytes and where it came from (`path` or `path#N` inside an mbox)."""

    source: str
    path: str
    position: int  # 0 for a single-message file, N from 1 inside an mbox
    data: bytes


def iter_paths(paths: list[str]) -> Iterator[RawMessage]:
    """Yield every message below the given paths, in a stable (sorted) order.

    Raises InputError before yielding anything when a path is missing or unreadable.
    """
    for p in paths:
        if not os.path.exists(p):
            raise InputError(f"no such file or directory: {p}")
        if not os.access(p, os.R_OK):
            raise InputError(f"cannot read {p}: permission denied")
    visited: set[tuple[int, int]] = set()  # (st_dev, st_ino) of every directory already walked
    for p in paths:
        yield from _iter_one(Path(p), visited)


def _iter_one(path: Path, visited: set[tuple[int, int]]) -> Iterator[RawMessage]:
    """Walk `path`; each real directory is entered once, so symlink loops (a link to `.` or to
    a parent) cost one look, not an exponential walk."""
    if path.is_dir():
        try:
            st = path.stat()
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
        key = (st.st_dev, st.st_ino)
        if key in visited:
            return
        visited.add(key)
        if _is_maildir(path):
            for sub in ("cur", "new"):
                for f in _children(path / sub):
                    if f.is_file():
                        yield from _iter_file(f)
            return
        for child in _children(path):
            if child.name in _SKIP_NAMES or child.name.startswith("."):
                continue
            yield from _iter_one(child, visited)
    elif path.is_file():
        yield from _iter_file(path)


def _children(path: Path) -> list[Path]:
    try:
        return sorted(path.iterdir())
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _is_maildir(path: Path) -> bool:
    return all((path / sub).is_dir() for sub in ("cur", "new", "tmp"))


def _iter_file(path: Path) -> Iterator[RawMessage]:
    try:
        with open(path, "rb") as fh:
            head = fh.read(256)
            if not _MBOX_FROM.match(head):
                yield RawMessage(str(path), str(path), 0, head + fh.read())
                return
            fh.seek(0)
            if b"\r" in head and b"\n" not in head:
                # Old Mac line endings: lines cannot be streamed; such files are small, convert whole.
                fh = io.BytesIO(fh.read().replace(b"\r", b"\n"))
            messages = _split_mbox(fh)
            first = next(messages, None)
            second = next(messages, None)
            if second is None:
                # A single message with an envelope line is just a message.
                yield RawMessage(str(path), str(path), 0, first or b"")
                return
            yield RawMessage(f"{path}#1", str(path), 1, first or b"")
            yield RawMessage(f"{path}#2", str(path), 2, second)
            for n, data in enumerate(messages, start=3):
                yield RawMessage(f"{path}#{n}", str(path), n, data)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _split_mbox(fh) -> Iterator[bytes]:
    """Split an mbox on separator lines, un-escaping mboxrd '>From ' lines."""
    lines: list[bytes] = []
    started = False
    for line in fh:
        if _MBOX_FROM.match(line):
            if started:
                yield _join(lines)
            lines = []
            started = True
            continue
        if line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
            line = line[1:]
        lines.append(line)
    if started:
        yield _join(lines)


def _join(lines: list[bytes]) -> bytes:
    data = b"".join(lines)
    # The blank line before the next separator belongs to the mbox, not the message.
    if data.endswith(b"\n\n"):
        data = data[:-1]
    return data
