"""Checking a mailing list in the GUI: dropped on the window (the drop offers Check next to Scrub)
or from File ▸ Check a mailing list…; the result dialog's counts per provider, plain-text cells,
and "Save cleaned list…" writing the kept rows byte for byte. Real store, seeded through ingest."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel

from tests.gui.test_dialogs_and_files import drop


def _list(gui, tmp_path):
    conn = gui.ctx.conn
    suppressed = [r[0] for r in conn.execute("SELECT email FROM recipients WHERE state = 'suppressed' LIMIT 2")]
    retrying = [r[0] for r in conn.execute("SELECT email FROM recipients WHERE state = 'retrying' LIMIT 2")]
    src = tmp_path / "newsletter.csv"
    lines = ["Name;E-Mail"] + [f"P{i};{e}" for i, e in enumerate(suppressed + retrying)] + [
        "Typo;anna@gmial.com", "Broken;<b>bold</b>@@x.de", "Role;info@fresh.example", "Again;INFO@fresh.example",
        "Fine;new@gmail.com"]  # fmt: skip
    src.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return src, lines, suppressed, retrying


def test_dropped_list_offers_check_and_shows_the_report(gui, tmp_path, monkeypatch):
    src, lines, suppressed, retrying = _list(gui, tmp_path)
    drop(gui.window, [src])
    box = gui.c.list_choice
    assert box is not None and box.check_button.text() == "Check" and box.scrub_button.text() == "Scrub"
    box.check_button.click()
    gui.qtbot.waitUntil(lambda: gui.c.list_check_dialog is not None, timeout=10_000)
    dlg = gui.c.list_check_dialog
    rep = dlg.report
    assert (rep.addresses, rep.total("suppressed"), rep.total("retrying"), rep.total("typo"), rep.total("invalid"),
            rep.total("role"), rep.total("duplicate")) == (9, 2, 2, 1, 1, 1, 1)  # a repeat counts once: as a repeat  # fmt: skip
    t = dlg.table
    headers = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    col = {h: i for i, h in enumerate(headers)}
    rows = {t.item(r, 0).text(): r for r in range(t.rowCount())}
    assert list(rows) == ["Gmail", "Others", "Total"]
    assert t.item(rows["Total"], col["Suppressed"]).text() == "2"
    assert t.item(rows["Gmail"], col["Likely typos"]).text() == "0"  # gmial.com is not Gmail
    assert t.item(rows["Others"], col["Likely typos"]).text() == "1"
    # the list's text reaches Qt as plain text only
    cells = [dlg.findings.item(r, 1).text() for r in range(dlg.findings.rowCount())]
    assert "<b>bold</b>@@x.de" in cells and "anna@gmial.com" in cells
    assert all(lab.textFormat().name == "PlainText" for lab in dlg.findChildren(QLabel) if lab.text())

    out = tmp_path / "picked.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV (*.csv)"))
    dlg.drop_invalid.setChecked(True)
    dlg.save_button.click()
    gui.idle()
    kept = [ln for ln in lines if not any(x in ln for x in [*suppressed, "gmial", "@@", "INFO@"])]
    assert out.read_bytes() == ("\r\n".join(kept) + "\r\n").encode()
    assert "kept 4 of 9 rows, removed 5" in gui.c.last_file_result
    dlg.close()


def test_file_menu_checks_a_list_in_german(make_gui, seeded, tmp_path, monkeypatch):
    from bouncedesk.ui.i18n import install_language

    gui = make_gui(seeded)
    install_language("de")
    try:
        src, _lines, _s, _r = _list(gui, tmp_path)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(src), ""))
        assert gui.window.act_check_list.text()  # in the File menu
        file_menu = gui.window.menuBar().actions()[0].menu()
        assert gui.window.act_check_list in file_menu.actions()
        gui.window.act_check_list.trigger()
        gui.qtbot.waitUntil(lambda: gui.c.list_check_dialog is not None, timeout=10_000)
        dlg = gui.c.list_check_dialog
        assert dlg.save_button.text() == "Bereinigte Liste speichern…"
        headers = [dlg.table.horizontalHeaderItem(c).text() for c in range(dlg.table.columnCount())]
        assert "Gesperrt" in headers and "Anbieter" in headers
        dlg.close()
    finally:
        install_language("en")


def test_a_dropped_list_is_not_touched_on_cancel(gui, tmp_path):
    src, *_ = _list(gui, tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    drop(gui.window, [src])
    gui.c.list_choice.reject()
    gui.idle()
    assert sorted(p.name for p in tmp_path.iterdir()) == before and gui.c.list_check_dialog is None
