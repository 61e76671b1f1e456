"""The demo's user data (demo.userfiles): a correction applied through the corrections API, lists
imported from Mailchimp and Brevo through the import API, and files to try (a newsletter list that
"check" finds every kind of problem in, a Mailchimp export not yet imported). Real store, real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from bouncedesk import store
from bouncedesk.act import corrections
from bouncedesk.act.actions import Actions
from bouncedesk.demo import build_demo_store
from bouncedesk.demo.userfiles import (
    BREVO_BLOCKLIST,
    CORRECTED_REASON,
    LIST_FILE,
    MAILCHIMP_CLEANED,
    MAILCHIMP_UNSUBSCRIBED,
)
from bouncedesk.lists.listcheck import CATEGORIES, check_list
from bouncedesk.lists.listformats import COMPLAINT, read_file, suppress_entries
from bouncedesk.store.queries import do_not_send, suppression_why, suppression_why_sql

NOW = 1_740_000_000
DAY = 86400
FILES = (MAILCHIMP_CLEANED, BREVO_BLOCKLIST, MAILCHIMP_UNSUBSCRIBED, LIST_FILE)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo-user")
    summary = build_demo_store(folder, NOW, 7, sent_folder=False)
    conn = store.connect(summary.path)
    yield summary, folder, conn
    conn.close()


def test_the_correction_is_the_users_rule_and_moved_the_misread_recipients(built):
    summary, folder, conn = built
    rules = corrections.list_rules(conn, folder)
    assert [(r.id, r.reason, r.host) for r in rules] == [(summary.user.correction_rule, CORRECTED_REASON, "")]
    rule = rules[0]
    assert rule.matches >= 3 and rule.source is not None and rule.created == NOW
    # Every stored bounce the rule matches now reads as the corrected reason ...
    hit = [rid for rid, _mid, diag, hosts in corrections._stored(conn)
           if corrections._matcher(rule.pattern, rule.host)(hosts, diag)]  # fmt: skip
    reasons = {r[0] for r in conn.execute(
        f"SELECT DISTINCT reason FROM results WHERE id IN ({','.join('?' * len(hit))})", hit)}  # fmt: skip
    assert reasons == {CORRECTED_REASON}
    # ... and the recipients it moved say why in their timeline, and are no longer mailed.
    assert summary.user.corrected
    for email in summary.user.corrected:
        rec = store.get_recipient(conn, email)
        assert rec.state == "suppressed", email
        whys = [
            r[0] for r in conn.execute("SELECT why FROM events WHERE recipient_id = ? ORDER BY id", (rec.id,))
        ]
        assert whys[-1].startswith(corrections.CORRECTED_WHY), whys
    assert corrections.can_undo(conn)  # the user may take it back


@pytest.mark.parametrize(("name", "tool", "first_why"), [
    (MAILCHIMP_CLEANED, "Mailchimp", "imported from Mailchimp (cleaned)"),
    (BREVO_BLOCKLIST, "Brevo", "imported from Brevo (hardBounce)"),
])  # fmt: skip
def test_the_old_tools_lists_were_imported_with_their_why(built, name, tool, first_why):
    summary, folder, conn = built
    fmt, entries = read_file(str(folder / name))
    assert fmt.name == tool
    assert summary.user.imported[name] == 5
    whys = []
    for e in entries:
        rec = store.get_recipient(conn, e.email)
        assert rec is not None and rec.state == "suppressed", e.email
        why = conn.execute(
            "SELECT why FROM events WHERE recipient_id = ? AND to_state = 'suppressed' ORDER BY id DESC LIMIT 1",
            (rec.id,)).fetchone()[0]  # fmt: skip
        whys.append(why)
    imported = [w for w in whys if w.startswith("imported from ")]
    assert len(imported) == 5 and imported[0] == first_why
    assert all(w.startswith(f"imported from {tool} (") for w in imported)
    # The Suppressions list, the export and scrub say so too (not just "by you").
    key = conn.execute(f"SELECT {suppression_why_sql('recipients')} FROM recipients WHERE email = ?",
                       (entries[0].email,)).fetchone()[0]  # fmt: skip
    assert (
        suppression_why(key) == first_why and suppression_why(key, "de") == "importiert aus" + first_why[13:]
    )
    assert do_not_send(conn)[entries[0].email] == ("suppressed", first_why)
    # Importing the same file again finds nothing new (each was suppressed once, no duplicates).
    again = suppress_entries(Actions(conn), entries, NOW, tool, dry_run=True)
    assert again.suppressed == [] and len(again.already) == len(entries)


def test_the_mailchimp_unsubscribe_export_waits_to_be_imported(built):
    _summary, folder, conn = built
    fmt, entries = read_file(str(folder / MAILCHIMP_UNSUBSCRIBED))
    assert fmt.key == "mailchimp" and len(entries) == 5
    assert all(store.get_recipient(conn, e.email) is None for e in entries)
    assert [e.reason for e in entries].count(COMPLAINT) == 1  # "The emails are spam": a complaint
    r = suppress_entries(Actions(conn), entries, NOW, fmt.name, dry_run=True)
    assert len(r.suppressed) == 5 and not r.invalid and not r.already


def test_check_finds_every_kind_of_problem_in_the_newsletter_list(built):
    _summary, folder, conn = built
    report = check_list(conn, str(folder / LIST_FILE), now=NOW)
    assert report.column == "E-Mail" and report.rows == report.addresses >= 30
    totals = {c: report.total(c) for c in CATEGORIES}
    assert all(n >= 1 for n in totals.values()), totals
    assert totals["invalid"] == 2 and totals["typo"] == 2 and totals["duplicate"] == 1
    typos = {f.email: f.detail for f in report.findings if f.category == "typo"}
    assert typos == {"hanna.frank@gmial.com": "gmail.com", "felix.braun@hotmial.de": "hotmail.de"}
    # The imported addresses are on it, and the check knows them as suppressed.
    suppressed = {f.email for f in report.findings if f.category == "suppressed"}
    assert {"ines.kowalski@quickmail.test", "sina.pavlova@yoomail.test"} <= suppressed
    assert len(report.providers) >= 5  # the large providers get their own rows


def test_same_now_and_seed_same_files(built, tmp_path: Path):
    summary, folder, _conn = built
    again = build_demo_store(tmp_path, NOW, 7, sent_folder=False)
    assert again.user.files == summary.user.files == list(FILES)
    for name in (*FILES, corrections.rules_file(folder).name):
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
