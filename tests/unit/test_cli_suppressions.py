"""`bouncedesk suppressions import` and `export suppressions --format TOOL` through cli.main on a real store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.cli.main import main

LISTS = Path(__file__).parent.parent / "fixtures" / "lists"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def state(data_dir: Path, email: str) -> str | None:
    conn = store.open_store(str(data_dir))
    try:
        rec = store.get_recipient(conn, email)
        return rec.state if rec else None
    finally:
        conn.close()


def test_import_a_mailchimp_export_then_export_it_for_ses(capsys, data_dir: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "suppressions", "import", str(LISTS / "mailchimp_cleaned.csv"))
    assert code == 0
    assert "Imported 2 addresses from Mailchimp: 1 invalid" in out
    assert "invalid: bad address@example.org" in out
    assert state(data_dir, "gone.away@example.com") == "suppressed"
    code, out, _ = run(capsys, "suppressions", "import", str(LISTS / "mailchimp_unsubscribed.csv"))
    assert "Imported 3 addresses from Mailchimp" in out

    # the reason says where it came from, in the tool's words
    conn = store.open_store(str(data_dir))
    why = conn.execute("SELECT e.why FROM events e JOIN recipients r ON r.id = e.recipient_id"
                       " WHERE r.email = 'angry@example.org'").fetchone()[0]  # fmt: skip
    conn.close()
    assert why == "imported from Mailchimp (unsubscribed: The emails are spam and should be reported)"

    again = run(capsys, "suppressions", "import", "--json", str(LISTS / "mailchimp_cleaned.csv"))[1]
    report = json.loads(again)
    assert report["suppressed"] == [] and len(report["already_suppressed"]) == 2

    out_file = tmp_path / "ses.csv"
    assert run(capsys, "export", "suppressions", "--format", "ses", "-o", str(out_file))[0] == 0
    rows = list(csv.reader(out_file.open(encoding="utf-8")))
    assert rows[0] == ["EmailAddress", "Reason"]
    # suppressed by the user: SES knows only BOUNCE and COMPLAINT
    assert ["gone.away@example.com", "COMPLAINT"] in rows and len(rows) == 1 + 5


def test_dry_run_changes_nothing_and_format_can_be_forced(capsys, data_dir: Path) -> None:
    code, out, _ = run(capsys, "suppressions", "import", "--dry-run", str(LISTS / "sendy_export.csv"))
    assert code == 0 and "Would import 3 addresses from Sendy: 1 not blocked in Sendy" in out
    assert state(data_dir, "una@example.com") is None
    code, _, err = run(capsys, "suppressions", "import", "--format", "ses", str(LISTS / "sendy_export.csv"))
    assert (
        code == 2
        and "sendy_export.csv: this is not a list from Amazon SES: it has no column 'EmailAddress'" in err
    )


def test_unknown_file_names_the_formats(capsys, data_dir: Path, tmp_path: Path) -> None:
    f = tmp_path / "people.csv"
    f.write_text("name,city\nAnn,Bremen\n")
    code, _, err = run(capsys, "suppressions", "import", str(f))
    assert code == 2 and "Mailchimp, Brevo, Sendy, listmonk, Mailjet, Amazon SES" in err
    assert len(err.strip().splitlines()) == 1


def test_undo_of_an_imported_suppression(capsys, data_dir: Path) -> None:
    run(capsys, "suppressions", "import", str(LISTS / "ses_suppressed.json"))
    assert state(data_dir, "bounced@example.com") == "suppressed"
    code, out, _ = run(capsys, "undo", "bounced@example.com")
    assert code == 0 and state(data_dir, "bounced@example.com") == "active"
    assert state(data_dir, "complained@example.net") == "suppressed"


@pytest.mark.parametrize("fmt", ["mailchimp", "brevo", "sendy", "listmonk", "mailjet", "ses", "plain"])
def test_export_in_each_format_imports_again(capsys, data_dir: Path, tmp_path: Path, fmt: str) -> None:
    from bouncedesk.lists import listformats as lf

    run(capsys, "suppressions", "import", str(LISTS / "brevo_blocked.json"))
    out_file = tmp_path / f"out-{fmt}"
    assert run(capsys, "export", "suppressions", "--format", fmt, "-o", str(out_file))[0] == 0
    data = out_file.read_bytes()
    assert lf.detect(data).key == fmt
    got = {e.email for e in lf.read(data)}
    assert got == {"hard.bounce@example.com", "spam.click@example.org", "left@example.net"}


def test_csv_and_json_exports_are_unchanged(capsys, data_dir: Path, tmp_path: Path) -> None:
    run(capsys, "suppressions", "import", str(LISTS / "plain.txt"))
    out_file = tmp_path / "s.csv"
    run(capsys, "export", "suppressions", "-o", str(out_file))
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert list(rows[0]) == ["email", "domain", "state", "why", "last_status", "last_reason", "bounces", "since",
                             "last_seen"]  # fmt: skip
    assert {r["email"] for r in rows} == {"one@example.com", "two@example.org", "three@example.net"}


def test_scrub_reads_tool_exports(capsys, data_dir: Path, tmp_path: Path) -> None:
    run(capsys, "suppress", "una@example.com")
    run(capsys, "suppress", "complained@example.net")
    src = LISTS / "sendy_export.csv"
    dst = tmp_path / "clean.csv"
    assert run(capsys, "scrub", str(src), "-o", str(dst))[0] == 0
    assert dst.read_bytes() == b"".join(
        line for line in src.read_bytes().splitlines(keepends=True) if b"una@example.com" not in line
    )
    dst_json = tmp_path / "clean.json"
    code, out, _ = run(capsys, "scrub", str(LISTS / "ses_suppressed.json"), "-o", str(dst_json))
    assert code == 0 and "dropped complained@example.net" in out
    doc = json.loads(dst_json.read_text())
    assert [d["EmailAddress"] for d in doc["SuppressedDestinationSummaries"]] == ["bounced@example.com"]
    mc_dst = tmp_path / "mc.csv"
    run(capsys, "suppress", "angry@example.org")
    code, out, _ = run(capsys, "scrub", str(LISTS / "mailchimp_unsubscribed.csv"), "-o", str(mc_dst))
    assert "e-mail column 'Email Address'" in out and "kept 2 of 3" in out
    assert mc_dst.read_bytes().startswith(b"\xef\xbb\xbf")
