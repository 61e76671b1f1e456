"""Files out of the store: do-not-send exports (CSV/JSON) and scrubbing a mailing-list CSV.

CSV files start with an `email` column so mailing tools can import them as suppression lists.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

from bouncedesk.errors import InputError
from bouncedesk.store.queries import do_not_send, export_rows

# Columns of each export when there are no rows to take them from.
EXPORT_COLUMNS = {
    "suppressions": ["email", "domain", "state", "why", "last_status", "last_reason", "bounces", "since", "last_seen"],
    "inactive": ["email", "domain", "state", "why", "last_status", "last_reason", "bounces", "since", "last_seen"],
    "retries": ["email", "status", "reason", "attempt", "max_attempts", "due"],
    "bounces": ["email", "at", "status", "reply_code", "reason", "hard", "side", "diagnostic",
                "original_message_id", "original_subject"],
}  # fmt: skip


@contextmanager
def _output(path: str) -> Iterator[TextIO]:
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    tmp = f"{path}.part"
    try:
        fh = open(tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below, then renamed
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with fh:
            yield fh
        os.replace(tmp, path)  # a reader never sees half a file
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_export(conn: sqlite3.Connection, what: str, fmt: str, path: str, now: int) -> int:
    """Write one export; returns the number of rows. InputError for an unknown kind or format."""
    if what not in EXPORT_COLUMNS:
        raise InputError(f"cannot export {what!r} (choose {', '.join(EXPORT_COLUMNS)})")
    if fmt not in ("csv", "json"):
        raise InputError(f"unknown export format {fmt!r} (choose csv or json)")
    rows = export_rows(conn, what, now)
    n = 0
    with _output(path) as out:
        if fmt == "csv":
            w = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS[what], extrasaction="ignore", lineterminator="\n")
            w.writeheader()
            for row in rows:
                w.writerow(row)
                n += 1
        else:
            out.write("[")
            for row in rows:
                out.write(("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False))
                n += 1
            out.write("\n]\n")
    return n


# --- scrub ------------------------------------------------------------------------------------

_ADDRESS = re.compile(r"[^\s<>\"',;:()\[\]]+@[^\s<>\"',;:()\[\]]+\.[^\s<>\"',;:()\[\]]+")
_EMAIL_HEADERS = ("email", "emailaddress", "mail", "mailaddress", "address", "emailadresse", "e-mail")


@dataclass(slots=True)
class ScrubReport:
    column: str
    rows: int = 0
    kept: int = 0
    no_address: int = 0
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # (email, state, why)
    by_state: Counter = field(default_factory=Counter)


def _address_in(cell: str) -> str | None:
    m = _ADDRESS.search(cell or "")
    return m.group(0).lower().removeprefix("mailto:") if m else None


def _find_column(header: list[str], sample: list[list[str]], wanted: str | None) -> tuple[int, bool]:
    """Index of the e-mail column, and whether the first row is a header."""
    if wanted:
        names = [h.strip().lower() for h in header]
        if wanted.strip().lower() not in names:
            raise InputError(f"no column named {wanted!r} (columns: {', '.join(header)})")
        return names.index(wanted.strip().lower()), True
    norm = [re.sub(r"[\s_\-.]", "", h.strip().lower()) for h in header]
    for pref in _EMAIL_HEADERS:
        if pref.replace("-", "") in norm:
            return norm.index(pref.replace("-", "")), True
    for i, name in enumerate(norm):
        if "email" in name or "mail" in name:
            return i, True
    # No telling header: the column whose cells hold addresses; the first row is data if it has one.
    has_header = not any(_address_in(c) for c in header)
    rows = sample if has_header else [header, *sample]
    best, best_hits = -1, 0
    for i in range(max((len(r) for r in rows), default=0)):
        hits = sum(1 for r in rows if i < len(r) and _address_in(r[i]))
        if hits > best_hits:
            best, best_hits = i, hits
    if best < 0:
        raise InputError("found no column of e-mail addresses (name it with --column)")
    return best, has_header


def _read_text(path: str) -> tuple[str, bool]:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if b"\0" in data[:4096]:
        raise InputError(f"{path} is not a text (CSV) file")
    try:
        return data.decode("utf-8-sig"), data.startswith(b"\xef\xbb\xbf")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), False


def scrub_csv(conn: sqlite3.Connection, src: str, dst: str, *, column: str | None = None) -> ScrubReport:
    """Copy a mailing-list CSV without the addresses the store says not to mail.

    Keeps every other row and column as they were (same delimiter and header).
    """
    text, bom = _read_text(src)
    if not text.strip():
        raise InputError(f"{src} is empty")
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"{src} is not a readable CSV file: {exc}") from exc
    rows = [r for r in rows if r]
    idx, has_header = _find_column(rows[0], rows[1:51], column)
    header, body = (rows[0], rows[1:]) if has_header else (None, rows)
    blocked = do_not_send(conn)
    report = ScrubReport(column=header[idx] if header else f"column {idx + 1}")
    terminator = "\r\n" if "\r\n" in sample else "\n"
    with _output(dst) as out:
        if bom:
            out.write("\ufeff")
        w = csv.writer(out, delimiter=dialect.delimiter, quotechar=dialect.quotechar or '"', lineterminator=terminator)
        if header is not None:
            w.writerow(header)
        for r in body:
            report.rows += 1
            email = _address_in(r[idx]) if idx < len(r) else None
            if email is None:
                report.no_address += 1
            elif email in blocked:
                state, why = blocked[email]
                report.dropped.append((email, state, why))
                report.by_state[state] += 1
                continue
            w.writerow(r)
            report.kept += 1
    return report
