"""What the CLI's tables print: an address is never cut silently (whole, or visibly elided in the
middle with "…"; --json always whole), columns stay aligned, empty lists say so, and `import`
names the files it could not read. Real store files, real commands through cli.main."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bouncedesk.cli.common import MAX_CELL, elide, format_table, shown, text_width
from bouncedesk.cli.main import main
from tests.bounce_factory import bounce, original

NOW = int(time.time())
LONG = "a.very.long.local.part.that.goes.on.and.on@mail.subdomain.example-company.com"  # > MAX_CELL
MEDIUM = "firstname.middlename.lastname@example-company.org"  # > 40 (the old cut), < MAX_CELL
SHORT = "ann@example.org"
SOFT = [LONG, MEDIUM, SHORT]


def _mail(tmp_path: Path, addresses: list[str], status: str, *, sent: bool) -> list[str]:
    """Bounce files (and, with `sent`, the sent messages they are about) for `import`."""
    args = []
    for i, addr in enumerate(addresses):
        at = NOW - 3600 - i
        mid = f"<m{i}.{status}@shop.example>"
        b = tmp_path / f"b-{status}-{i}.eml"
        b.write_bytes(bounce(addr, at=at, status=status, message_id=mid, diagnostic=f"550 {status} no"))
        args.append(str(b))
        if sent:
            s = tmp_path / f"s-{status}-{i}.eml"
            s.write_bytes(original(addr, mid, at - 600))
            args[:0] = ["--sent", str(s)]
    return args


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store_dir(tmp_path: Path, data_dir: Path, capsys) -> Path:
    """Soft bounces (retrying) for three addresses of different lengths, all verified."""
    assert main(["import", *_mail(tmp_path, SOFT, "4.2.2", sent=True)]) == 0
    capsys.readouterr()
    return data_dir


def assert_never_cut_silently(text: str, address: str, width: int = MAX_CELL) -> None:
    """`address` is in `text` whole, or (when longer than `width`) elided in its middle."""
    if text_width(address) <= width:
        assert address in text, (address, text)
        return
    cut = elide(address, width)
    head, tail = cut.split("…")
    assert cut in text and address.startswith(head) and address.endswith(tail) and len(cut) == width


def assert_no_silent_prefix(lines: list[str], column: int, addresses: list[str]) -> None:
    """No cell in the address column is a bare prefix of an address (the old fault: "…@o")."""
    for line in lines[1:]:
        cell = line.split()[column]
        assert cell in addresses or "…" in cell, cell


def assert_aligned(lines: list[str], title: str) -> None:
    col = lines[0].index(title)
    for line in lines[1:]:
        assert line[col - 1] == " " and line[col] != " ", (title, line)


def test_recipients_shows_every_address_whole_or_visibly_elided(capsys, store_dir: Path) -> None:
    code, out, _ = run(capsys, "recipients")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["recipient", "state", "bounces"]
    for addr in SOFT:
        assert_never_cut_silently(out, addr)
    assert MEDIUM in out  # 50 characters: the column widens instead of cutting it at 40
    assert_no_silent_prefix(lines, 0, SOFT)
    assert_aligned(lines, "state")
    assert_aligned(lines, "status")
    # Programs read --json: always the whole address.
    _, out, _ = run(capsys, "recipients", "--json")
    assert {json.loads(x)["recipient"] for x in out.splitlines()} == set(SOFT)


def test_the_column_is_only_as_wide_as_the_longest_address_shown(capsys, store_dir: Path) -> None:
    _, out, _ = run(capsys, "recipients", "--search", "ann@")
    lines = out.splitlines()
    assert len(lines) == 2 and lines[1].startswith(SHORT + " ")
    assert lines[0].index("state") == len(SHORT) + 1  # not a fixed 40, not the longest in the store


def test_retries_table_never_cuts_an_address_silently(capsys, store_dir: Path) -> None:
    code, out, _ = run(capsys, "retries")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["recipient", "status", "reason", "attempt", "due"]
    for addr in SOFT:
        assert_never_cut_silently(out, addr)
    assert_no_silent_prefix(lines, 0, SOFT)
    assert_aligned(lines, "attempt")
    _, out, _ = run(capsys, "retries", "--json")
    assert {json.loads(x)["recipient"] for x in out.splitlines()} == set(SOFT)


def test_review_table_never_cuts_an_address_silently(capsys, tmp_path: Path, data_dir: Path) -> None:
    assert main(["import", *_mail(tmp_path, SOFT, "5.1.1", sent=False)]) == 0  # unverified: all wait
    code, out, _ = run(capsys, "review")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["id", "at", "address", "kind"]
    for addr in SOFT:
        assert_never_cut_silently(out, addr)
    assert_no_silent_prefix(lines[:-1], 2, SOFT)
    assert_aligned(lines[:-1], "kind")
    assert lines[-1].startswith("3 bounces waiting for review")
    _, out, _ = run(capsys, "review", "--json")
    assert {json.loads(x)["address"] for x in out.splitlines()} == set(SOFT)


def test_empty_lists_say_so(capsys, store_dir: Path) -> None:
    assert run(capsys, "attempts", SHORT) == (0, f"no retry attempts for {SHORT}\n", "")
    assert run(capsys, "attempts", SHORT, "--json") == (0, "", "")  # JSON lines: none is nothing
    assert run(capsys, "recipients", "--state", "paused")[1] == "no recipients (state paused)\n"
    assert run(capsys, "retries", "--due")[1] == "no retries due now\n"  # the bounces are an hour old


def test_attempts_table_after_a_retry_was_counted(capsys, store_dir: Path) -> None:
    assert run(capsys, "mark-resent", LONG)[0] == 0
    code, out, _ = run(capsys, "attempts", LONG)
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["attempt", "status", "updated"]
    assert lines[1].split()[0] == "1" and len(lines) == 2


def test_parse_table_elides_a_long_recipient_in_the_middle(capsys, tmp_path: Path) -> None:
    f = tmp_path / "long.eml"
    f.write_bytes(bounce(MEDIUM, at=NOW))
    code, out, _ = run(capsys, "parse", str(f))
    row = out.splitlines()[1]
    assert code == 0
    assert_never_cut_silently(row, MEDIUM, width=32)  # the streamed table keeps its fixed widths
    assert out.splitlines()[0].index("code") == row.index("4.2.2")


def test_import_lists_unparseable_files_with_reasons_capped(capsys, tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "real.eml").write_bytes(bounce(SHORT, at=NOW - 60))
    for i in range(25):
        (folder / f"note{i:02}.txt").write_bytes(f"shopping list {i}\n".encode())
    code, out, err = run(capsys, "import", str(folder))
    assert code == 0
    assert dict(line.split() for line in out.splitlines())["unparseable"] == "25"
    lines = err.splitlines()
    assert lines[0].startswith("25 unparseable messages")
    listed = [x for x in lines if x.startswith("  ") and x.endswith("not an e-mail message: no header lines")]
    assert len(listed) == 20 and listed[0] == f"  {folder / 'note00.txt'}: not an e-mail message: no header lines"
    assert "  ... and 5 more (all of them: bouncedesk import --json)" in lines
    # A second import stores nothing new, so it names nothing.
    _, out, err = run(capsys, "import", str(folder))
    assert "unparseable messages" not in err


def test_import_json_includes_every_unparseable_file(capsys, tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for i in range(25):
        (folder / f"note{i:02}.txt").write_bytes(f"shopping list {i}\n".encode())
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 40)
    code, out, err = run(capsys, "import", "--json", str(folder))
    report = json.loads(out)
    assert code == 0 and report["unparseable"] == 26 and err == ""
    files = {Path(f["source"]).name: f["error"] for f in report["unparseable_files"]}
    assert len(files) == 26 and files["blob.bin"] == "not an e-mail message: binary data"
    assert files["note24.txt"] == "not an e-mail message: no header lines"


def test_table_helpers() -> None:
    assert elide("abcdefghij", 10) == "abcdefghij"
    assert elide("abcdefghijk", 7) == "abc…ijk"
    assert text_width("日本") == 4 and text_width(elide("日本語のアドレス@example.jp", 11)) <= 11
    assert shown("evil\x1b[2J\r\nname\u202e") == "evil\ufffd[2J\ufffd\ufffdname\ufffd"
    lines = format_table(("a", "b", "c"), [("日本", "x", "tail text"), ("ab", "\x07", "")], right=(1,))
    assert lines == ["a    b c", "日本 x tail text", "ab   \ufffd"]
    long = "x" * 100
    assert format_table(("a", "b"), [(long, long)])[1] == elide(long, MAX_CELL) + " " + long  # last column whole
