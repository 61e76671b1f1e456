"""Text files of addresses as spreadsheets and mailing tools write them: encodings (BOMs,
UTF-16 without one), CSV dialects, an address in a cell, cells a spreadsheet shows as text, and a
file that appears whole or not at all. Shared by exports, the mailing tools' formats and `check`."""

from __future__ import annotations

import codecs
import csv
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

from bouncedesk.errors import InputError, system_fault

# What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"), also in the
# full-width forms some spreadsheets accept, and after leading blanks.
_FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")


def inert_cell(value):
    """A CSV cell a spreadsheet shows as text: formula-leading strings get a `'` in front.

    Numbers (our own counts and flags) and ordinary text pass unchanged.
    """
    if not isinstance(value, str) or not value:
        return value
    if value[0] in "\t\r" or value.lstrip()[:1] in _FORMULA_START:
        return "'" + value
    return value


@contextmanager
def output_file(path: str, encoding: str = "utf-8", errors: str = "strict") -> Iterator[TextIO]:
    """A text file written to `path.part` and renamed when complete ('-' is standard output)."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    tmp = f"{path}.part"
    try:
        fh = open(tmp, "w", encoding=encoding, errors=errors, newline="")  # noqa: SIM115 - closed below, then renamed
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        try:
            with fh:
                yield fh
            os.replace(tmp, path)  # a reader never sees half a file
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        # Disk full or a folder turned read-only midway: the partial file is gone, say so in one line.
        if exc.filename == tmp or exc.filename is None:
            exc.filename = path
        err = system_fault(exc)
        raise (err or InputError(f"cannot write {path}: {exc.strerror or exc}")) from exc


ADDRESS = re.compile(r"[^\s<>\"',;:()\[\]]+@[^\s<>\"',;:()\[\]]+\.[^\s<>\"',;:()\[\]]+")


@dataclass(frozen=True, slots=True)
class TextEncoding:
    """How a list is read and written back: `read` drops a BOM, which is written again when `bom`."""

    read: str
    write: str
    bom: bool
    errors: str = "strict"  # "surrogatepass" for UTF-16/32: even a lone surrogate is copied as it was

    def decode_sample(self, head: bytes) -> str:
        return head.decode(self.read, errors="ignore").removeprefix("\ufeff")


UNICODE_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)


def unicode_encoding(head: bytes) -> TextEncoding | None:
    """UTF-16/32 by its byte-order mark, or UTF-16 without one by its zero bytes (ASCII text in
    UTF-16 has a zero in every other byte); None for anything else (UTF-8, Latin-1, binary)."""
    for bom, read, write in UNICODE_BOMS:
        if head.startswith(bom):
            return TextEncoding(read, write, True, "surrogatepass")
    if len(head) >= 4 and b"\0" in head:
        even, odd = head[0::2].count(0) / len(head[0::2]), head[1::2].count(0) / len(head[1::2])
        if odd > 0.4 and even < 0.1:
            return TextEncoding("utf-16-le", "utf-16-le", False, "surrogatepass")
        if even > 0.4 and odd < 0.1:
            return TextEncoding("utf-16-be", "utf-16-be", False, "surrogatepass")
    return None


def sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        # One column, or too few rows to tell: a tab in the first line means tab-separated text.
        first = sample.split("\n", 1)[0]
        return csv.excel_tab if "\t" in first else csv.excel
