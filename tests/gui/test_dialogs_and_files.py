"""Settings, language switch, list scrubbing by drag and drop, suppression import/export, and
Run due retries from the toolbar."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest

from bouncedesk import store
from bouncedesk.act.actions import Actions
from bouncedesk.store.settings import load_policy_settings
from bouncedesk.ui.format import local_time
from tests.gui.conftest import NOW, actions_factory


def test_settings_dialog_saves_the_policy_and_refuses_bad_input(gui):
    c = gui.c.open_settings()
    d = c.d
    assert d.isVisible() and d.max_attempts.value() == load_policy_settings(gui.ctx.conn).max_attempts
    d.schedule.setText("12, twenty")
    assert not c.save()
    assert "whole hours" in d.error.text() and d.isVisible()
    d.schedule.setText("12, 36, 96")
    d.max_attempts.setValue(5)
    d.new_code.setText("4.7.0")
    d.add_code.click()
    row = next(i for i in range(d.codes.rowCount()) if d.codes.item(i, 0).data(0x0100) == "4.7.0")
    combo = d.codes.cellWidget(row, 1)
    combo.setCurrentIndex(combo.findData("suppress"))
    d.sync_minutes.setValue(30)
    assert c.save()
    s = load_policy_settings(gui.ctx.conn)
    assert s.schedule_hours == (12, 36, 96) and s.max_attempts == 5 and s.code_actions["4.7.0"] == "suppress"
    assert gui.c.sync.timer.interval() == 30 * 60_000 and gui.c.sync.timer.isActive()


def test_the_whole_window_switches_to_german_and_back(qapp, seeded, tmp_path):
    from bouncedesk.ui.app import GuiApp, setup_logging
    from bouncedesk.ui.context import AppContext
    from bouncedesk.ui.i18n import install_language
    from bouncedesk.ui.prefs import Prefs

    ctx = AppContext.open(seeded, clock=lambda: NOW)
    prefs = Prefs(tmp_path / "p.ini")
    app = GuiApp(ctx, prefs, setup_logging(None))
    try:
        app.change_language("de")
        w = app.window
        assert ctx.language == "de" and prefs.language == "de"
        assert [w.nav.item(i).text() for i in range(3)] == ["Übersicht", "Wiederholungen", "Empfänger"]
        assert w.act_undo.text() == "Rückgängig"
        r = app.controller.retries
        assert r.buttons["suppress"].text() == "Sperren"
        app.controller.show_page("retries")
        ctx.drain()
        assert r.view.count.text().endswith("Wiederholungen") or r.view.count.text().endswith("Wiederholung")
        app.change_language("en")
        assert app.window.nav.item(1).text() == "Retries"
    finally:
        install_language("en")
        app.shutdown()
        ctx.close()


def test_every_ui_string_is_translated_to_german():
    import xml.etree.ElementTree as ET

    from tools.update_translations import TRANSLATIONS, extract

    wanted = set(extract())
    root = ET.parse(TRANSLATIONS / "bouncedesk_de.ts").getroot()
    have = {}
    for ctx in root.iter("context"):
        for m in ctx.iter("message"):
            tr = m.find("translation")
            forms = [f.text for f in tr.iter("numerusform")]
            done = tr.get("type") != "unfinished" and (all(forms) if forms else bool(tr.text))
            have[(ctx.findtext("name"), m.findtext("source"))] = done
    missing = sorted(k for k in wanted if not have.get(k))
    assert not missing, f"{len(missing)} strings without German: {missing[:5]}"


def drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    ev = QDropEvent(QPoint(200, 200).toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(ev)


def test_dropping_a_csv_list_saves_a_scrubbed_copy(gui, tmp_path):
    conn = gui.ctx.conn
    suppressed = [
        r[0] for r in conn.execute("SELECT email FROM recipients WHERE state = 'suppressed' LIMIT 3")
    ]
    active = [r[0] for r in conn.execute("SELECT email FROM recipients WHERE state = 'active' LIMIT 2")]
    src = tmp_path / "newsletter.csv"
    rows = [("Name", "E-Mail")] + [
        (f"P{i}", e) for i, e in enumerate(suppressed + active + ["new@fresh.example"])
    ]
    with src.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    drop(gui.window, [src])
    gui.c.list_choice.scrub_button.click()  # the drop asks: Check or Scrub
    gui.idle()
    out = tmp_path / "newsletter-cleaned.csv"
    kept = [r[1] for r in csv.reader(out.open(encoding="utf-8"))][1:]
    assert kept == active + ["new@fresh.example"]
    assert "kept 3 of 6" in gui.c.last_file_result


def test_import_a_suppression_list_then_undo(gui, tmp_path):
    f = tmp_path / "blocklist.txt"
    f.write_text(
        "Please never mail:\nspam.trap@list.example\n<old.customer@mail2.example>; other@x.example\n"
    )
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        gui.c.import_suppressions(str(f))
    gui.idle()
    assert sorted(sig.args[0].done) == [
        "old.customer@mail2.example",
        "other@x.example",
        "spam.trap@list.example",
    ]
    for e in sig.args[0].done:
        assert store.get_recipient(gui.ctx.conn, e).state == "suppressed"
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000):
        gui.window.undo_bar.button.click()
    gui.idle()
    assert store.get_recipient(gui.ctx.conn, "spam.trap@list.example").state == "active"


def test_import_of_a_file_without_addresses_says_so(gui, tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("nothing here\n")
    gui.c.import_suppressions(str(f))
    assert "no e-mail address" in gui.window.status_error.text()


def test_export_suppressions_writes_csv(gui, tmp_path):
    out = tmp_path / "supp.csv"
    gui.c.export_suppressions(str(out))
    gui.idle()
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    n = gui.ctx.conn.execute("SELECT count(*) FROM recipients WHERE state='suppressed'").fetchone()[0]
    assert len(rows) == n > 0 and {r["state"] for r in rows} == {"suppressed"}
    assert str(n) in gui.c.last_file_result


def open_run_due(gui):
    """Trigger Run due retries from the toolbar and wait for its preview dialog."""
    gui.c.run_due_dialog = None
    button = gui.window.toolbar.widgetForAction(gui.window.act_run_due)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    gui.qtbot.waitUntil(lambda: gui.c.run_due_dialog is not None and gui.c.run_due_dialog.isVisible(), timeout=10_000)
    return gui.c.run_due_dialog


def due_emails(conn) -> list[str]:
    return sorted(p.email for p in store.pending_retries(conn, NOW, due_only=True))


def test_run_due_retries_from_the_toolbar_asks_first_then_sends(make_gui, data_dir, smtp_store, sent_folder):
    gui = make_gui(data_dir, actions_factory=actions_factory(data_dir, sent_folder))
    due = due_emails(gui.ctx.conn)
    assert due
    d = open_run_due(gui)
    n = len(due)
    assert d.heading.text() == f"{n} retries are due now." and d.send.text() == f"Send {n} retries"
    rows = d.rows()
    assert sorted(r[0] for r in rows) == due
    assert all(r[1] == "Your order" and r[2] == "1 of 4" and r[3] for r in rows)
    preview = Actions(gui.ctx.conn).due_preview(NOW)
    oldest = local_time(min(p.bounce_at for p in preview))
    assert d.oldest.text() == f"The oldest bounce among them arrived {oldest}."
    assert smtp_store.handler.received == []  # asking sends nothing
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=30_000) as sig:
        QTest.mouseClick(d.send, Qt.MouseButton.LeftButton)
    gui.idle()
    assert sorted(sig.args[0].done) == due
    assert sorted(m.rcpt_tos[0] for m in smtp_store.handler.received) == due
    assert f"{n} sent, 0 failed, 0 without original" in gui.window.undo_bar.text.text()


def test_run_due_retries_cancel_sends_nothing(make_gui, data_dir, smtp_store, sent_folder):
    gui = make_gui(data_dir, actions_factory=actions_factory(data_dir, sent_folder))
    before = due_emails(gui.ctx.conn)
    d = open_run_due(gui)
    with gui.qtbot.assertNotEmitted(gui.c.hub.finished, wait=300):
        QTest.mouseClick(d.cancel, Qt.MouseButton.LeftButton)
        gui.idle()
    assert smtp_store.handler.received == [] and sent_folder.asked == []
    assert gui.ctx.conn.execute("SELECT count(*) FROM retry_attempts").fetchone()[0] == 0
    assert due_emails(gui.ctx.conn) == before
    assert gui.window.statusBar().currentMessage() == "Nothing was sent."


def test_run_due_retries_without_an_original_says_so(make_gui, data_dir, smtp_store):
    """No Sent folder copy: nothing is sent (never the bounce's copy) and the status says why, once."""
    from tests.gui.conftest import DictFetcher

    gui = make_gui(data_dir, actions_factory=actions_factory(data_dir, DictFetcher()))
    n = len(due_emails(gui.ctx.conn))
    d = open_run_due(gui)
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=30_000):
        d.send.click()
    gui.idle()
    assert smtp_store.handler.received == []
    text = gui.window.undo_bar.text.text()
    assert f"0 sent, 0 failed, {n} without original" in text
    assert f"{n} recipients (" in text  # the same cause said once, for all of them


def test_run_due_retries_with_nothing_due_says_so_without_a_dialog(make_gui, data_dir):
    gui = make_gui(data_dir)
    gui.c.run_due_dialog = None
    gui.window.act_run_due.trigger()
    gui.idle()
    assert gui.c.run_due_dialog is None
    assert gui.window.statusBar().currentMessage() == "No retries are due now."
