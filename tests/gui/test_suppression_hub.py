"""The Suppressions page's import (a mailing tool's export, found from its columns) and export (a
format chosen) — through the real controller, hub and store."""

from __future__ import annotations

import csv
from pathlib import Path

from bouncedesk import store
from bouncedesk.lists import listformats as lf

LISTS = Path(__file__).parent.parent / "fixtures" / "lists"


def test_import_a_mailchimp_export_with_summary_then_undo(gui) -> None:
    gui.open("suppressions")
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        gui.c.import_suppressions(str(LISTS / "mailchimp_cleaned.csv"))
    gui.idle()
    b = sig.args[0]
    assert sorted(b.done) == ["gone.away@example.com", "no.such.user@example.net"]
    assert b.message == "Imported 2 addresses from Mailchimp: 1 invalid (bad address@example.org)"
    assert gui.window.undo_bar.isVisible() and "Imported 2 addresses" in gui.window.undo_bar.text.text()
    assert store.get_recipient(gui.ctx.conn, "gone.away@example.com").state == "suppressed"

    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as again:
        gui.c.import_suppressions(str(LISTS / "mailchimp_cleaned.csv"))
    gui.idle()
    assert "2 already suppressed" in again.args[0].message

    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000):
        gui.window.undo_bar.button.click()  # the last undoable batch: the first import
    gui.idle()
    assert store.get_recipient(gui.ctx.conn, "gone.away@example.com").state == "active"


def test_an_unknown_file_names_the_formats(gui, tmp_path: Path) -> None:
    f = tmp_path / "people.csv"
    f.write_text("name,city\nAnn,Bremen\n")
    gui.c.import_suppressions(str(f))
    assert "Mailchimp, Brevo, Sendy, listmonk, Mailjet, Amazon SES" in gui.window.status_error.text()


def test_export_in_a_chosen_format(gui, tmp_path: Path) -> None:
    n = gui.ctx.conn.execute("SELECT count(*) FROM recipients WHERE state = 'suppressed'").fetchone()[0]
    assert n > 0
    keys = [k for k, _f in gui.c.export_formats()]
    assert keys[:2] == ["csv", "json"] and {
        "mailchimp",
        "brevo",
        "sendy",
        "listmonk",
        "mailjet",
        "ses",
        "plain",
    } <= set(keys)
    out = tmp_path / "brevo.csv"
    gui.c.export_suppressions(str(out), "brevo")
    gui.idle()
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == n and {r["EMAIL_BLACKLISTED"] for r in rows} == {"Yes"}
    assert {r["REASON"] for r in rows} == {"hardBounce"}  # the seeded store's suppressions are hard bounces
    assert lf.detect(out.read_bytes()).key == "brevo"
    assert f"{n} addresses exported" in gui.c.last_file_result


def test_buttons_say_what_they_do_in_german(make_gui, data_dir: Path) -> None:
    from bouncedesk.ui.i18n import install_language

    g = make_gui(data_dir)
    install_language("de")
    try:
        from PySide6.QtCore import QCoreApplication

        assert QCoreApplication.translate("Lists", "Export…") == "Exportieren…"
        assert QCoreApplication.translate("Actions", "Imported %n address(es) from %1", None, 3) == (
            "3 Adressen aus %1 importiert"
        )
    finally:
        install_language("en")
    assert g.c.pages["suppressions"].export_button.text()
