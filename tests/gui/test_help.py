"""Help (F1) and the Suppressions list's "Why": the words come from the app's own sources of meaning."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from bouncedesk.classify.explain import explain_reason, known_reasons, term
from tests.gui.conftest import NOW


def open_help(gui):
    gui.window.act_help.trigger()
    gui.idle()
    h = gui.c.help_dialog
    assert h is not None and h.view.isVisible()
    return h


def test_help_opens_from_the_help_menu_with_f1(gui):
    w = gui.window
    help_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Help")
    assert w.act_help in help_menu.actions()
    assert w.act_help.shortcut() == QKeySequence("F1")
    h = open_help(gui)
    assert h.view.windowTitle() == "BounceDesk Help"
    assert open_help(gui) is h  # F1 again raises the same window


def test_help_names_every_reason_with_its_one_explanation(gui):
    text = open_help(gui).view.browser.toPlainText()
    for r in known_reasons():
        assert f"{term('reason', r)} — {explain_reason(r)}" in text
    assert "4.x.x — the server refused for now" in text and "5.x.x — the server refused" in text
    assert "x.2.x — Problem with the recipient's mailbox" in text
    for state in ("active", "retrying", "inactive", "suppressed", "paused"):
        assert f"{term('state', state)} — " in text
    assert "hard bounce — A bounce saying the address itself does not work" in text
    assert str(gui.ctx.data_dir) in text and "in the system keyring" in text
    assert "permanent" not in text.lower()  # the glossary: a class says what the server did, no more


def test_help_shows_the_schedule_the_user_set(gui):
    from bouncedesk import store
    from bouncedesk.policy.settings import PolicySettings

    h = open_help(gui)
    text = h.view.browser.toPlainText()
    assert "at most 4 times" in text
    assert "Attempt 1 — 1 day after the bounce" in text and "Attempt 4 — 7 days after attempt 3" in text
    assert "older than 13 days when it arrives is history" in text

    store.save_policy_settings(gui.ctx.conn, PolicySettings(schedule_hours=(6, 30, 96), max_attempts=3), NOW)
    gui.ctx.notify("settings")  # what the Settings dialog says after saving
    text = h.view.browser.toPlainText()
    assert "at most 3 times" in text
    assert "Attempt 1 — 6 hours after the bounce" in text
    assert "Attempt 2 — 30 hours after attempt 1" in text
    assert "Attempt 3 — 4 days after attempt 2" in text
    assert "Attempt 4" not in text
    assert "older than 132 hours when it arrives is history" in text  # 6 + 30 + 96


def test_help_in_german_uses_the_german_words(gui):
    from bouncedesk.ui.i18n import install_language

    install_language("de")
    gui.ctx.language = "de"
    try:
        h = open_help(gui)
        text = h.view.browser.toPlainText()
        assert h.view.windowTitle() == "BounceDesk-Hilfe"
        for r in known_reasons():
            assert f"{term('reason', r, 'de')} — {explain_reason(r, 'de')}" in text
        assert "Postfach existiert nicht" in text and "gesperrt — " in text and "in Wiederholung — " in text
        assert "5.x.x — Server hat abgelehnt" in text and "4.x.x — Server hat vorerst abgelehnt" in text
        assert "Versuch 1 — 1 Tag nach dem Bounce" in text and "höchstens 4-mal" in text
        assert "anerkennen — " in text and "bestätigt — " in text
        assert "Wiederholungen (Ihre Einstellungen)" in text
        assert "the server refused" not in text and "no such mailbox" not in text
    finally:
        install_language("en")
        gui.ctx.language = "en"


def test_help_shows_markup_as_text(gui, monkeypatch):
    from bouncedesk.ui.views import help as help_view

    real = help_view.term
    monkeypatch.setattr(help_view, "term", lambda g, k, lang="en": f"<b>{real(g, k, lang)}</b><img src='x'>")
    text = open_help(gui).view.browser.toPlainText()
    assert "<b>no such mailbox</b><img src='x'> — " in text
    assert "<b>active</b><img src='x'> — Mail goes out normally." in text


def test_suppressions_list_says_why_in_words(gui):
    from tests.gui.test_actions_ui import click_and_finish

    conn = gui.ctx.conn
    hard = conn.execute("SELECT email FROM recipients WHERE state = 'suppressed' ORDER BY email").fetchone()[0]
    r = gui.open("retries")
    r.select_rows([0])
    mine = r.model.value(0, "email")
    click_and_finish(gui, r.buttons["suppress"])

    s = gui.open("suppressions")
    m = s.model
    col = next(i for i, c in enumerate(m.spec.columns) if c.key == "why")
    shown = {m.value(i, "email"): m.data(m.index(i, col), Qt.ItemDataRole.DisplayRole) for i in range(m.rowCount())}
    assert shown[hard] == "no such mailbox, 5.1.1"
    assert shown[mine] == "by you"
    assert all(v and v != "5.1.1" for v in shown.values())
