"""File jobs the GUI runs on a worker: import bounces, import a suppression list, export, scrub, check.

Each opens its own store connection (one per thread) and returns a one-line summary.
"""

from __future__ import annotations

import re
from pathlib import Path

from bouncedesk.errors import InputError
from bouncedesk.lists.exports import scrub_csv, write_export
from bouncedesk.ui.context import open_writer

_ADDRESS = re.compile(r"[^\s<>\"',;:()\[\]]+@[^\s<>\"',;:()\[\]]+\.[^\s<>\"',;:()\[\]]+")
MAX_LIST_BYTES = 200 * 1024 * 1024


def read_address_list(path: str) -> list[str]:
    """Every distinct e-mail address in a text or CSV file, in file order (lower-cased)."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_LIST_BYTES:
            raise InputError(f"{Path(path).name} is too big for an address list ({size // 1048576} MB)")
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if b"\0" in data[:4096]:
        raise InputError(f"{Path(path).name} is not a text or CSV file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    seen: dict[str, None] = {}
    for m in _ADDRESS.finditer(text):
        seen.setdefault(m.group(0).lower().removeprefix("mailto:"), None)
    if not seen:
        raise InputError(f"found no e-mail address in {Path(path).name}")
    return list(seen)


def import_bounces(db_path: Path, paths: list[str], now: int) -> dict:
    from bouncedesk.intake.ingest import import_paths

    conn = open_writer(db_path)
    try:
        return import_paths(conn, paths, now).as_dict()
    finally:
        conn.close()


def export_suppressions(db_path: Path, path: str, now: int) -> int:
    conn = open_writer(db_path)
    try:
        return write_export(conn, "suppressions", "csv", path, now)
    finally:
        conn.close()


def scrub(db_path: Path, src: str, dst: str):
    conn = open_writer(db_path)
    try:
        return scrub_csv(conn, src, dst)
    finally:
        conn.close()


def check_list(db_path: Path, src: str, now: int, dst: str | None = None, drop_invalid: bool = False):
    """Check a mailing list (bouncedesk.lists.listcheck); with `dst`, write the cleaned list too."""
    from bouncedesk.lists.listcheck import check_list as check

    conn = open_writer(db_path)
    try:
        return check(conn, src, dst, now=now, drop_invalid=drop_invalid)
    finally:
        conn.close()


def scrubbed_name(src: str) -> str:
    p = Path(src)
    return str(p.with_name(f"{p.stem}-cleaned{p.suffix or '.csv'}"))


def looks_like_list(path: str) -> bool:
    """A dropped file is a mailing list to check or scrub (CSV/TXT), else bounce mail to import."""
    return Path(path).suffix.lower() in (".csv", ".tsv", ".txt")
