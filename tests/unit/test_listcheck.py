"""`bouncedesk check`: a mailing list against a real store (recipients in every state, built through
the real ingest path and the actions API), address syntax, role accounts, typos, repeats, the cleaned
list byte for byte, and an inert findings report. Real CLI through bouncedesk.cli.main."""

from __future__ import annotations

import codecs
import csv
import json
import time
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.act.actions import Actions
from bouncedesk.cli.main import main
from bouncedesk.lists.listcheck import address_in_cell, edit_distance, invalid_reason, load_data, typo_of
from tests.bounce_factory import bounce, ingest

DAY = 86400
NOW = int(time.time())  # the CLI checks "bounced lately" against the real clock

SUPPRESSED = ["gone@example.com", "nobody@gmx.de", "manual@web.de"]  # two hard bounces, one by hand
INACTIVE = ["tired@example.org", "worn@gmail.com"]
PAUSED = ["paused@yahoo.de", "hold@t-online.de"]
RETRYING = ["full@gmail.com", "away@icloud.com"]
OLD = "old@example.net"  # one soft bounce 40 days ago: still retrying here, but not "bounced lately"


def _exhaust(conn, email: str, start: int) -> None:
    """Soft bounces until the last attempt bounces too (each attempt marked re-sent): inactive."""
    t = start
    for i in range(8):
        ingest(conn, bounce(email, at=t, bounce_id=f"<b{i}-{email}@mx.example.net>"), t + 60)
        if store.require_recipient(conn, email).state != "retrying":
            return
        Actions(conn).mark_resent(email, t + 2 * DAY)
        t += 3 * DAY


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        for i, e in enumerate(SUPPRESSED[:2]):
            ingest(conn, bounce(e, at=NOW - 5 * DAY + i, status="5.1.1", diagnostic="550 5.1.1 User unknown",
                                message_id=f"<hard-{i}@shop.example>"), NOW - 5 * DAY + 60)  # fmt: skip
        Actions(conn).suppress(SUPPRESSED[2], NOW - DAY, why="asked us to stop")
        for i, e in enumerate(INACTIVE):
            _exhaust(conn, e, NOW - 20 * DAY + i)
        for i, e in enumerate(PAUSED + RETRYING):
            ingest(conn, bounce(e, at=NOW - 2 * DAY + i, message_id=f"<soft-{i}@shop.example>"), NOW - 2 * DAY + 60)
        for e in PAUSED:
            Actions(conn).pause(e, NOW - DAY)
        ingest(conn, bounce(OLD, at=NOW - 40 * DAY, message_id="<old@shop.example>"), NOW - 40 * DAY + 60)
        states = {e: store.require_recipient(conn, e).state for e in SUPPRESSED + INACTIVE + PAUSED + RETRYING}
    finally:
        conn.close()
    assert states == {**dict.fromkeys(SUPPRESSED, "suppressed"), **dict.fromkeys(INACTIVE, "inactive"),
                      **dict.fromkeys(PAUSED, "paused"), **dict.fromkeys(RETRYING, "retrying")}  # fmt: skip
    return data_dir


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def check_json(capsys, src: Path, *extra: str) -> dict:
    code, out, err = run(capsys, "check", str(src), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def write_list(path: Path, emails: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(["Name", "E-Mail"])
        w.writerows([(f"P{i}", e) for i, e in enumerate(emails)])
    return path


def by_provider(report: dict) -> dict[str, dict]:
    return {p["title"]: p for p in report["providers"]}


def flagged(report: dict, category: str) -> list[str]:
    return [f["email"] for f in report["findings"] if f["category"] == category]


# --- store states, per provider ---------------------------------------------------------------


def test_each_store_state_is_counted_per_provider(capsys, seeded: Path, tmp_path: Path) -> None:
    everyone = SUPPRESSED + INACTIVE + PAUSED + RETRYING + [OLD, "new@gmail.com", "fresh@outlook.com"]
    rep = check_json(capsys, write_list(tmp_path / "list.csv", everyone))
    assert rep["addresses"] == len(everyone)
    assert sorted(flagged(rep, "suppressed")) == sorted(SUPPRESSED)
    assert sorted(flagged(rep, "inactive")) == sorted(INACTIVE)
    assert sorted(flagged(rep, "paused")) == sorted(PAUSED)
    assert sorted(flagged(rep, "retrying")) == sorted([*RETRYING, OLD])
    # every bounce within 30 days; not the one by hand (no bounce) nor the 40-day-old one
    assert sorted(flagged(rep, "recently_bounced")) == sorted(SUPPRESSED[:2] + INACTIVE + PAUSED + RETRYING)
    prov = by_provider(rep)
    assert [p["title"] for p in rep["providers"]] == ["Gmail", "Microsoft", "Yahoo/AOL", "Apple", "GMX/WEB.DE",
                                                     "T-Online", "Others"]  # fmt: skip
    assert (prov["Gmail"]["addresses"], prov["Gmail"]["inactive"], prov["Gmail"]["retrying"]) == (3, 1, 1)
    assert (prov["GMX/WEB.DE"]["suppressed"], prov["Yahoo/AOL"]["paused"], prov["T-Online"]["paused"]) == (2, 1, 1)
    assert (prov["Apple"]["retrying"], prov["Microsoft"]["addresses"]) == (1, 1)
    assert (prov["Others"]["suppressed"], prov["Others"]["inactive"], prov["Others"]["addresses"]) == (1, 1, 3)
    assert rep["totals"]["suppressed"] == 3 and rep["totals"]["invalid"] == 0
    why = {f["email"]: f["detail"] for f in rep["findings"] if f["category"] == "suppressed"}
    assert "5.1.1" in why["gone@example.com"]


def test_cleaned_list_leaves_out_what_not_to_mail_and_repeats(capsys, seeded: Path, tmp_path: Path) -> None:
    src = write_list(tmp_path / "list.csv", ["gone@example.com", "full@gmail.com", "ok@gmail.com", " OK@Gmail.com ",
                                             "tired@example.org", "hold@t-online.de", "info@firma.de"])  # fmt: skip
    dst = tmp_path / "clean.csv"
    code, out, _ = run(capsys, "check", str(src), "-o", str(dst))
    assert code == 0
    assert dst.read_bytes() == b"Name,E-Mail\r\nP1,full@gmail.com\r\nP2,ok@gmail.com\r\nP6,info@firma.de\r\n"
    assert "wrote 3 of 7 rows" in out and "left out 4" in out
    table = out.splitlines()
    assert table[0].split()[:4] == ["provider", "addresses", "suppressed", "inactive"]
    assert [line.split()[0] for line in table[1:5]] == ["Gmail", "T-Online", "Others", "total"]


# --- role accounts, syntax, typos, repeats ----------------------------------------------------


def test_role_accounts(capsys, data_dir: Path, tmp_path: Path) -> None:
    roles = ["info@firma.de", "ADMIN@shop.example", "noreply@gmail.com", "postmaster@web.de", "no-reply@x.at",
             "support+de@firma.de", "kontakt@verein.de"]  # fmt: skip
    people = ["anna.info@firma.de", "jones@x.com", "infos@firma.de", "sales.team.lead@x.com"]
    rep = check_json(capsys, write_list(tmp_path / "l.csv", roles + people))
    assert sorted(flagged(rep, "role")) == sorted(roles)
    assert rep["totals"]["role"] == len(roles)


VALID = ["a@b.de", "john.doe@example.com", "first.last+tag@sub.example.co.uk", '"john doe"@example.com',
         "o'brien@example.ie", "jörg@müller.de", "user@xn--mller-kva.de", "x@[192.0.2.1]", "x@[IPv6:2001:db8::1]",
         "!#$%&'*+/=?^_`{|}~-@example.org", "ユーザー@例え.jp", "a@" + "b" * 63 + ".de"]  # fmt: skip
INVALID = ["plainaddress", "@example.com", "user@", "a..b@example.com", ".a@example.com", "a.@example.com",
           "a b@example.com", "a@@example.com", "a@example", "a@-example.com", "a@example-.com", "a@exa_mple.com",
           "a@example..com", "a@example.123", "x" * 65 + "@example.com", "a@" + "b" * 64 + ".de",
           "a(b)@example.com", "a@[300.1.1.1]", "a\u00a0b@example.com", "a@example.com."]  # fmt: skip


@pytest.mark.parametrize("address", VALID)
def test_valid_addresses(address: str) -> None:
    assert invalid_reason(address) is None


@pytest.mark.parametrize("address", INVALID)
def test_invalid_addresses(address: str) -> None:
    assert invalid_reason(address)


def test_invalid_addresses_in_a_list(capsys, data_dir: Path, tmp_path: Path) -> None:
    valid = [v for v in VALID if '"' not in v]  # a quoted local part is checked above: CSV quoting is another story
    rep = check_json(capsys, write_list(tmp_path / "l.csv", valid + INVALID))
    assert flagged(rep, "invalid") == INVALID
    assert rep["totals"]["invalid"] == len(INVALID)


TYPOS = {"gmial.com": "gmail.com", "hotmial.com": "hotmail.com", "yaho.de": "yahoo.de", "gmx.dee": "gmx.de",
         "t-onlin.de": "t-online.de", "gmail.con": "gmail.com", "outlok.com": "outlook.com", "wbe.de": "web.de",
         "icloud.co": "icloud.com", "gmai.com": "gmail.com", "yahooo.de": "yahoo.de"}  # fmt: skip
REAL = ["gmail.com", "web.de", "gmx.net", "gmx.at", "gmail.de", "yahoo.fr", "hotmail.fr", "mail.de", "me.com",
        "mac.com", "example.com", "uni-koeln.de", "posteo.de", "mailbox.org", "web.com", "mail.com", "freenet.de",
        "firma.de", "shop.example", "gmx.ch", "aol.com", "live.de", "bund.de", "heise.de", "spiegel.de"]  # fmt: skip


def test_typos_of_large_domains_are_flagged_with_the_likely_domain(capsys, data_dir: Path, tmp_path: Path) -> None:
    data = load_data()
    assert {d: typo_of(d, data) for d in TYPOS} == TYPOS
    rep = check_json(capsys, write_list(tmp_path / "l.csv", [f"kunde@{d}" for d in TYPOS]))
    found = {f["email"].split("@")[1]: f["detail"] for f in rep["findings"] if f["category"] == "typo"}
    assert found == TYPOS


def test_real_domains_are_not_typos(capsys, data_dir: Path, tmp_path: Path) -> None:
    data = load_data()
    assert [d for d in REAL if typo_of(d, data)] == []
    rep = check_json(capsys, write_list(tmp_path / "l.csv", [f"kunde@{d}" for d in REAL]))
    assert rep["totals"]["typo"] == 0


def test_edit_distance() -> None:
    assert edit_distance("gmial.com", "gmail.com") == 1  # a swap counts once
    assert edit_distance("gmx.dee", "gmx.de") == 1
    assert edit_distance("yahoo.com", "gmail.com") == 3  # above the limit: limit + 1


def test_duplicates_case_insensitive_after_trimming(capsys, data_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "l.csv"
    src.write_bytes(b"email\nann@x.de\n  ANN@X.DE \n<Ann@x.de>\nbob@y.de\nmailto:Bob@Y.de\ncarl@z.de\n\"Ann\"@x.de\n")
    rep = check_json(capsys, src)
    assert [(f["row"], f["email"]) for f in rep["findings"] if f["category"] == "duplicate"] == [
        (2, "ANN@X.DE"), (3, "Ann@x.de"), (5, "Bob@Y.de"), (7, "Ann@x.de")]  # CSV unquotes "Ann"  # fmt: skip
    assert rep["addresses"] == 7
    assert address_in_cell(" Ann Smith <ann@x.de> ") == "ann@x.de"


# --- the cleaned list and the report ----------------------------------------------------------


def test_kept_rows_are_byte_identical_in_utf16_tab_lists(capsys, seeded: Path, tmp_path: Path) -> None:
    rows = ["Name\tE-Mail\tNote", '"Müller, Jörg"\tjoerg@müller.de\t"line one\r\nline two"', "Gone\tgone@example.com\tx",
            "Tippfehler\tanna@gmial.com\t", "Kaputt\tanna..b@web.de\t=1+1", "  Blank  \t  ok@gmx.de  \t ;,\" "]  # fmt: skip
    text = "\r\n".join(rows) + "\r\n"
    src = tmp_path / "unicode.txt"
    src.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    dst = tmp_path / "clean.txt"
    assert run(capsys, "check", str(src), "-o", str(dst))[0] == 0
    kept = [r for r in rows if not r.startswith("Gone")]
    assert dst.read_bytes() == codecs.BOM_UTF16_LE + ("\r\n".join(kept) + "\r\n").encode("utf-16-le")
    # and with --drop-invalid, the invalid and mistyped rows go too; the rest is unchanged
    assert run(capsys, "check", str(src), "-o", str(dst), "--drop-invalid")[0] == 0
    kept = [rows[0], rows[1], rows[5]]
    assert dst.read_bytes() == codecs.BOM_UTF16_LE + ("\r\n".join(kept) + "\r\n").encode("utf-16-le")


def test_a_latin1_list_read_again_counts_each_row_once(capsys, data_dir: Path, tmp_path: Path) -> None:
    body = b"".join(b"P%d;p%d@gmail.com\n" % (i, i) for i in range(3000)) + b"M\xfcller;m@web.de\n"
    src = tmp_path / "latin1.csv"
    src.write_bytes(b"Name;Email\n" + body)
    dst = tmp_path / "clean.csv"
    rep = check_json(capsys, src, "-o", str(dst))
    assert (rep["rows"], rep["addresses"], rep["kept"]) == (3001, 3001, 3001)
    assert dst.read_bytes() == src.read_bytes()


def test_findings_report_cells_are_inert(capsys, data_dir: Path, tmp_path: Path) -> None:
    hostile = ["=HYPERLINK(A1)@x.de", "+1@gmial.com", "@SUM(A1)", "-2+3@x", "\t=cmd@x.de"]
    src = write_list(tmp_path / "l.csv", [*hostile, "info@gmial.com"])
    report = tmp_path / "findings.csv"
    code, out, _ = run(capsys, "check", str(src), "--report", str(report))
    assert code == 0
    with report.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["email"][:1] == "'" or r["email"].lstrip()[:1] not in ("=", "+", "-", "@") for r in rows)
    emails = {r["email"] for r in rows}
    assert "'=HYPERLINK(A1)@x.de" in emails and "'+1@gmial.com" in emails
    assert {r["category"] for r in rows} >= {"invalid", "typo", "role"}


def test_bad_input_is_one_line(capsys, data_dir: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "missing.csv"))
    assert code == 2 and "cannot read" in err and "Traceback" not in err
