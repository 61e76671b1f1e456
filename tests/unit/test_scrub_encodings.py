"""`scrub` reads the lists people really have: Excel's "Unicode Text" (UTF-16 with a BOM, tab
separated), UTF-8 with a BOM, tab-separated text. Whatever the encoding, the cleaned list is the
user's file minus the dropped rows, byte for byte, in the encoding it came in."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from bouncedesk.cli.main import main

GONE = "gone@example.com"
LATER = "later@example.net"

# Excel's Unicode Text: tabs, CRLF, quotes only where a cell holds a tab, a quote or a line break.
ROWS = [
    "Name\tE-Mail\tNotiz\r\n",
    "Jürgen Groß\tjuergen@example.de\t=SUM(A1:A3)\r\n",
    f"Gone, Person\t{GONE}\tsays \"bye\"\r\n",
    '"Ann\tTab"\tann@example.org\t"two\r\nlines"\r\n',
    "\r\n",
    f"Paul\t{LATER}\t+49 170 1234567\r\n",
    "山田 太郎\tyamada@example.jp\t日本語のメモ 😀\r\n",
    "Carl, Jr.\tcarl@example.net\t-5, \"vip\"",
]
KEPT = [r for r in ROWS if GONE not in r and LATER not in r]


@pytest.fixture
def blocked(data_dir: Path, capsys) -> Path:
    """A real store in which two addresses are suppressed (through the CLI)."""
    assert main(["suppress", GONE, "--why", "asked us to stop"]) == 0
    assert main(["suppress", LATER]) == 0
    capsys.readouterr()
    return data_dir


def _scrub(capsys, src: Path, *extra: str) -> tuple[int, bytes, str, str]:
    dst = src.with_name("clean" + src.suffix)
    code = main(["scrub", str(src), "-o", str(dst), *extra])
    out, err = capsys.readouterr()
    return code, (dst.read_bytes() if dst.exists() else b""), out, err


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),  # what Excel writes on Windows
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),  # no BOM: told by the zero bytes of ASCII text
        ("utf-8", codecs.BOM_UTF8),  # Excel's "CSV UTF-8"
        ("utf-8", b""),
        ("utf-32-le", codecs.BOM_UTF32_LE),
    ],
)
def test_kept_rows_are_byte_identical_in_the_lists_own_encoding(capsys, blocked, tmp_path, encoding, bom) -> None:
    src = tmp_path / "list.txt"
    src.write_bytes(bom + "".join(ROWS).encode(encoding))
    code, clean, out, err = _scrub(capsys, src)
    assert code == 0, err
    assert clean == bom + "".join(KEPT).encode(encoding)
    assert f"dropped {GONE}: suppressed" in out and f"dropped {LATER}: suppressed" in out
    assert "kept 4 of 6 rows, dropped 2 (2 suppressed)" in out and "e-mail column 'E-Mail'" in out


def test_a_lone_surrogate_in_utf16_is_copied_as_it_was(capsys, blocked, tmp_path) -> None:
    """Broken UTF-16 in a cell the user owns is their business: copied, not repaired or refused."""
    text = "email\tnote\r\nann@example.org\tbroken \ud800 here\r\n" + f"{GONE}\tx\r\n"
    src = tmp_path / "list.txt"
    src.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass"))
    code, clean, _out, err = _scrub(capsys, src)
    assert code == 0, err
    expected = "email\tnote\r\nann@example.org\tbroken \ud800 here\r\n"
    assert clean == codecs.BOM_UTF16_LE + expected.encode("utf-16-le", "surrogatepass")


def test_a_single_column_utf16_list_without_header(capsys, blocked, tmp_path) -> None:
    src = tmp_path / "one.txt"
    src.write_bytes(codecs.BOM_UTF16_LE + f"ann@example.org\r\n{GONE}\r\nbob@example.org\r\n".encode("utf-16-le"))
    code, clean, out, err = _scrub(capsys, src)
    assert code == 0, err
    assert clean == codecs.BOM_UTF16_LE + "ann@example.org\r\nbob@example.org\r\n".encode("utf-16-le")
    assert "kept 2 of 3 rows" in out


def test_tab_separated_utf8_with_commas_in_cells(capsys, blocked, tmp_path) -> None:
    rows = ["name\temail\r\n", "Doe, Jane\tjane@example.org\r\n", f"Gone, G.\t{GONE}\r\n"]
    src = tmp_path / "list.tsv"
    src.write_bytes("".join(rows).encode())
    code, clean, out, err = _scrub(capsys, src, "--column", "email")
    assert code == 0, err
    assert clean == "".join(rows[:2]).encode()


def test_a_utf16_file_cut_mid_character_is_one_line_not_a_traceback(capsys, blocked, tmp_path) -> None:
    src = tmp_path / "cut.txt"
    src.write_bytes(codecs.BOM_UTF16_LE + f"email\r\nann@example.org\r\n{GONE}\r\n".encode("utf-16-le")[:-1])
    code, clean, out, err = _scrub(capsys, src)
    assert code == 2 and out == "" and clean == b""
    assert err.startswith("bouncedesk: ") and "UTF-16-LE" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), codecs.BOM_UTF16_LE])
def test_binary_or_empty_files_are_still_refused(capsys, blocked, tmp_path, data) -> None:
    src = tmp_path / "x.csv"
    src.write_bytes(data)
    code, _clean, _out, err = _scrub(capsys, src)
    assert code == 2 and ("not a text (CSV) file" in err or "is empty" in err)
