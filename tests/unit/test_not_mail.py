"""Bytes that are not an e-mail message at all (random data, a PDF, a note) come out as
`unparseable` with a reason a user understands, never as an ordinary non-bounce; real mail,
whatever its body holds, parses as before."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bouncedesk.cli.main import main
from bouncedesk.dsn import parse_message
from bouncedesk.dsn.mime import normalize_newlines
from bouncedesk.dsn.sniff import BINARY, NO_HEADERS, not_mail_reason
from bouncedesk.intake.sources import iter_paths
from tests.bounce_factory import bounce

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bounces"


def _random(seed: int, size: int = 20 * 1024) -> bytes:
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize("seed", range(40))
def test_random_bytes_are_binary_data(seed: int) -> None:
    parsed = parse_message(_random(seed))
    assert parsed.outcome == "unparseable" and parsed.error == BINARY


@pytest.mark.parametrize(
    "data",
    [
        b"X-Lucky: first line\n" + _random(1),  # a header-shaped first line does not make random bytes mail
        b"Subject: " + _random(2, 300).replace(b"\n", b"") + b"\nFrom: " + _random(3).replace(b"\n", b"") + b"\n",
        b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n" + _random(4),  # an mbox envelope line, then junk
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 200 >>\nstream\n" + _random(5, 4000),
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + _random(6, 4000),  # a .docx / .xlsx (zip)
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random(7, 4000),
        "From: a\n".encode("utf-16-le") * 50,  # mail saved as UTF-16 is not readable mail either
    ],
    ids=["header-then-random", "two-headers-binary-values", "mbox-junk", "pdf", "zip", "png", "utf16"],
)
def test_binary_files_are_binary_data(data: bytes) -> None:
    parsed = parse_message(data)
    assert parsed.outcome == "unparseable" and parsed.error == BINARY, parsed.error


@pytest.mark.parametrize(
    "data",
    [
        b"hello world\nthis is just a note\n",
        b"name,email\nAnn,ann@example.org\n",
        b"\n\nFrom: late@example.org\nSubject: headers after blank lines\n\nbody\n",
        b"<html><body>Undeliverable</body></html>\n",
    ],
)
def test_text_without_a_header_block_has_no_header_lines(data: bytes) -> None:
    parsed = parse_message(data)
    assert parsed.outcome == "unparseable" and parsed.error == NO_HEADERS


def test_real_mail_with_binary_body_or_iso2022_headers_is_still_mail() -> None:
    """Only where the header block should be does binary mean 'not mail': a clean header block with
    a raw 8-bit/binary body, or ESC sequences of ISO-2022-JP in a header, is mail."""
    binary_body = (b"From: a@example.org\nTo: b@example.org\nSubject: file\nContent-Transfer-Encoding: binary\n"
                   b"Content-Type: application/octet-stream\n\n" + _random(8))  # fmt: skip
    assert not_mail_reason(binary_body) is None
    assert parse_message(binary_body).outcome == "none"
    jis = b"From: a@example.jp\nSubject: \x1b$B%F%9%H\x1b(B\nTo: b@example.jp\n\nhello\n"
    assert not_mail_reason(jis) is None
    mbox = b"From MAILER-DAEMON Thu Jan  1 00:00:00 2024\n" + bounce("ann@example.org", at=1_700_000_000)
    assert not_mail_reason(mbox) is None
    assert parse_message(bounce("ann@example.org", at=1_700_000_000).replace(b"\n", b"\r\n")).outcome == "report"


def test_every_fixture_bounce_passes_the_check() -> None:
    for raw in iter_paths([str(FIXTURES)]):
        assert not_mail_reason(normalize_newlines(raw.data)) is None, raw.source


def test_no_corpus_message_is_taken_for_non_mail(corpus: Path) -> None:
    """The check only ever turns away input the parser could not read anyway."""
    flagged = [raw.source for raw in iter_paths([str(corpus / "emails")])
               if not_mail_reason(normalize_newlines(raw.data)) is not None]  # fmt: skip
    assert flagged == []


def test_parse_and_import_say_which_files_are_not_mail(tmp_path: Path, data_dir: Path, capsys) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "bounce.eml").write_bytes(bounce("ann@example.org", at=1_700_000_000))
    (folder / "random.bin").write_bytes(_random(9))
    (folder / "notes.txt").write_bytes(b"call Ann back\n")

    assert main(["parse", "--json", str(folder)]) == 0
    rows = {Path(r["source"]).name: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows["random.bin"]["kind"] == "unparseable" and rows["random.bin"]["error"] == BINARY
    assert rows["notes.txt"]["kind"] == "unparseable" and rows["notes.txt"]["error"] == NO_HEADERS
    assert rows["bounce.eml"]["kind"] == "bounce"

    assert main(["import", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert dict(line.split() for line in out.splitlines())["unparseable"] == "2"
    assert "2 unparseable messages" in err
    assert f"  {folder / 'random.bin'}: {BINARY}" in err.splitlines()
    assert f"  {folder / 'notes.txt'}: {NO_HEADERS}" in err.splitlines()
