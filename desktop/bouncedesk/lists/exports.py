"""Files out of the store: do-not-send exports (CSV/JSON) and scrubbing a mailing-list CSV.

CSV files start with an `email` column so mailing tools can import them as suppression lists.
Every text cell of an export is made inert for spreadsheets (a bounce's fields are written by
strangers: `=HYPERLINK(...)` must stay text); `scrub` copies the user's own rows byte for byte.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TextIO

from bouncedesk.errors import InputError
from bouncedesk.lists import listformats
from bouncedesk.lists.csvtext import (
    ADDRESS,
    TextEncoding,
    inert_cell,
    output_file,
    sniff_dialect,
    unicode_encoding,
)
from bouncedesk.store.queries import do_not_send, export_rows

# Columns of each export when there are no rows to take them from.
EXPORT_COLUMNS = {
    "suppressions": ["email", "domain", "state", "why", "last_status", "last_reason", "bounces", "since", "last_seen"],
    "inactive": ["email", "domain", "state", "why", "last_status", "last_reason", "bounces", "since", "last_seen"],
    "retries": ["email", "status", "reason", "attempt", "max_attempts", "due"],
    "bounces": ["email", "at", "status", "reply_code", "reason", "hard", "side", "diagnostic",
                "original_message_id", "original_subject"],
}  # fmt: skip


def write_export(
    conn: sqlite3.Connection, what: str, fmt: str, path: str, now: int, *, include_inactive: bool = False
) -> int:
    """Write one export; returns the number of rows. InputError for an unknown kind or format.

    Besides csv and json, suppressions and inactive addresses go out in a mailing tool's own format
    (`listformats.KEYS`: mailchimp, brevo, ...); `include_inactive` adds the inactive ones there."""
    if what not in EXPORT_COLUMNS:
        raise InputError(f"cannot export {what!r} (choose {', '.join(EXPORT_COLUMNS)})")
    if fmt in listformats.FORMATS:
        if what not in ("suppressions", "inactive"):
            raise InputError(f"the {fmt} format holds suppressions or inactive addresses, not {what}")
        entries = listformats.store_entries(
            conn, include_inactive=include_inactive, inactive_only=what == "inactive"
        )
        with output_file(path) as out:
            return listformats.write(fmt, entries, out, now=now)
    if fmt not in ("csv", "json"):
        raise InputError(f"unknown export format {fmt!r} (choose csv, json or {', '.join(listformats.KEYS)})")
    rows = export_rows(conn, what, now)
    n = 0
    with output_file(path) as out:
        if fmt == "csv":
            # CRLF (RFC 4180): with "\n" alone the csv module leaves a lone "\r" in a field unquoted,
            # and a stranger's "\r" would then start a row of its own in a spreadsheet.
            w = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS[what], extrasaction="ignore", lineterminator="\r\n")
            w.writeheader()
            for row in rows:
                w.writerow({k: inert_cell(v) for k, v in row.items()})
                n += 1
        else:
            out.write("[")
            for row in rows:
                out.write(("," if n else "") + "\n" + json.dumps(row, ensure_ascii=False))
                n += 1
            out.write("\n]\n")
    return n


# --- scrub ------------------------------------------------------------------------------------

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
    m = ADDRESS.search(cell or "")
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


def _sample(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(65536)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc


def scrub_csv(conn: sqlite3.Connection, src: str, dst: str, *, column: str | None = None) -> ScrubReport:
    """Copy a mailing-list CSV without the addresses the store says not to mail.

    Streams the file (any size); keeps every other row and column as they were (see `filter_list`).
    """
    report = ScrubReport(column="")
    head = _sample(src)  # a file that cannot be read says so before the store is asked
    if unicode_encoding(head) is None and b"\0" in head:
        raise InputError(f"{src} is not a text (CSV) file")
    blocked = do_not_send(conn)

    def keep(cell: str | None) -> bool:
        report.rows += 1
        email = _address_in(cell) if cell is not None else None
        if email is None:
            report.no_address += 1
        elif email in blocked:
            state, why = blocked[email]
            report.dropped.append((email, state, why))
            report.by_state[state] += 1
            return False
        report.kept += 1
        return True

    def restart() -> None:
        report.rows = report.kept = report.no_address = 0
        report.dropped.clear()
        report.by_state.clear()

    column, as_json = _list_format_hint(head, column)
    if as_json:
        return _scrub_json(src, dst, keep, report)
    report.column = filter_list(src, dst, keep, column=column, restart=restart, head=head)
    return report


def filter_list(src: str, dst: str | None, keep, *, column: str | None = None, restart=None,
                head: bytes | None = None) -> str:
    """Stream a mailing-list CSV, asking `keep(cell)` about each data row (`cell`: the text of its
    e-mail column, None when the row is too short); the kept rows go to `dst` byte for byte (None:
    nowhere). Returns the e-mail column's name. A file that turns out not to be UTF-8 is read again as
    Latin-1: `restart()` is called first, so `keep` can forget what it saw.

    Reads the same delimiter (comma, semicolon, tab, bar) and encoding it writes: UTF-16 or UTF-32 as
    their byte-order mark says (Excel's "Unicode Text"), UTF-8 with or without BOM, else Latin-1,
    which reads any bytes. Shared by `scrub` and `check` (bouncedesk.lists.listcheck). `head`: the file's
    first 64 KB when the caller has read them already.
    """
    if head is None:
        head = _sample(src)
    enc = unicode_encoding(head)
    if enc is None and b"\0" in head:
        raise InputError(f"{src} is not a text (CSV) file")
    if enc is not None:
        try:
            return _filter(src, dst, column, enc, head, keep)
        except UnicodeDecodeError as exc:  # e.g. a UTF-16 file cut off in the middle of a character
            raise InputError(f"{src} is not readable as {enc.write.upper()}: {exc.reason}") from exc
    if not head.strip():
        raise InputError(f"{src} is empty")
    try:
        return _filter(src, dst, column, TextEncoding("utf-8-sig", "utf-8", head.startswith(codecs.BOM_UTF8)), head,
                       keep)  # fmt: skip
    except UnicodeDecodeError:  # not UTF-8 after all: read it again, from the start, as Latin-1
        if restart is not None:
            restart()
        return _filter(src, dst, column, TextEncoding("latin-1", "latin-1", False), head, keep)


class _RecordLines:
    """Feeds a csv.reader line by line and keeps the text of the record it is reading."""

    def __init__(self, fh: TextIO) -> None:
        self._fh = fh
        self._buf: list[str] = []

    def __iter__(self) -> _RecordLines:
        return self

    def __next__(self) -> str:
        line = next(self._fh)
        self._buf.append(line)
        return line

    def take(self) -> str:
        """The raw text since the last call (one record, with its line end)."""
        text = "".join(self._buf)
        self._buf.clear()
        return text


@contextmanager
def _nowhere() -> Iterator[TextIO]:
    yield io.StringIO()


def _filter(src: str, dst: str | None, column: str | None, enc: TextEncoding, head: bytes, keep) -> str:
    sample = enc.decode_sample(head)
    if not sample.strip():
        raise InputError(f"{src} is empty")
    dialect = sniff_dialect(sample)
    first_rows = [r for r in csv.reader(io.StringIO(sample, newline=""), dialect) if r]
    if len(head) == 65536:
        first_rows = first_rows[:-1] or first_rows  # the sample's last row may be cut short
    first_rows = first_rows[:51]
    idx, has_header = _find_column(first_rows[0], first_rows[1:], column)
    name = first_rows[0][idx] if has_header else f"column {idx + 1}"
    sink = _nowhere() if dst is None else output_file(dst, enc.write, enc.errors)
    with open(src, encoding=enc.read, errors=enc.errors, newline="") as fin, sink as out:
        if enc.bom:
            out.write("\ufeff")
        # The kept rows are the user's own text: copied as read (quoting, blanks, line ends and
        # all), never re-serialised, so the cleaned list differs only by the rows dropped.
        lines = _RecordLines(fin)
        reader = csv.reader(lines, dialect)
        header_pending = has_header
        try:
            for r in reader:
                raw = lines.take()
                if not r:
                    out.write(raw)
                    continue
                if header_pending:
                    out.write(raw)
                    header_pending = False
                    continue
                if keep(r[idx] if idx < len(r) else None):
                    out.write(raw)
            out.write(lines.take())
        except csv.Error as exc:
            raise InputError(f"{src} is not a readable CSV file (line {reader.line_num}): {exc}") from exc
    return name


# --- mailing tools' own lists (bouncedesk.lists.listformats) ------------------------------------------


def _list_format_hint(head: bytes, column: str | None) -> tuple[str | None, bool]:
    """The e-mail column of a mailing tool's export (listformats.detect) and whether the list is
    JSON (SES's or Brevo's); the user's --column wins, a list no tool made is read as before."""
    enc = unicode_encoding(head)
    text = enc.decode_sample(head) if enc is not None else head.decode("utf-8", "ignore").removeprefix("\ufeff")
    if text.lstrip().startswith(("{", "[")):
        return column, True
    if column is None:
        try:
            fmt = listformats.detect(text)
        except InputError:
            return None, False
        first = text.split("\n", 1)[0].lower()
        if fmt.key not in ("plain", "ses") and fmt.email_column and fmt.email_column.lower() in first:
            return fmt.email_column, False  # SES's bulk file may have no header: found by its content
    return column, False


def _scrub_json(src: str, dst: str, keep, report: ScrubReport) -> ScrubReport:
    """An SES (SuppressedDestinationSummaries) or Brevo (contacts) JSON list without the addresses not
    to mail; every other entry is kept as it was (the file is written back as indented JSON)."""
    try:
        with open(src, "rb") as fh:
            doc = json.loads(listformats.decode(fh.read()))
    except (OSError, ValueError) as exc:
        raise InputError(f"{src} is not a readable JSON list: {exc}") from exc
    key = listformats.json_format(doc)
    if key is None:
        raise InputError(f"{src} is not a JSON list BounceDesk knows (SES suppressed destinations, Brevo contacts)")
    items, name = ("SuppressedDestinationSummaries", "EmailAddress") if key == "ses" else ("contacts", "email")
    report.column = name
    doc[items] = [it for it in doc[items] if keep(str(it.get(name, "")) if isinstance(it, dict) else None)]
    with output_file(dst) as out:
        out.write(json.dumps(doc, indent=4, ensure_ascii=False) + "\n")
    return report
