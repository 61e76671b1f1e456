"""Issue 12 behaviour, with real widgets, a real store and (where something is sent) real servers:
rebuilding the window, the detail pane after actions, the mail client that is not there,
"original unavailable", the period of the sender-side tile, the suppression "why", the log."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest

from tests.gui.conftest import NOW


def state_of(conn, email: str) -> str:
    return conn.execute("SELECT state FROM recipients WHERE email = ?", (email,)).fetchone()[0]


def click_and_finish(gui, button):
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    gui.idle()
    return sig.args[0]


# --- rebuilding the window (language, theme) -------------------------------------------------------


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record) -> None:
        self.lines.append(record.getMessage() + (str(record.exc_info[1]) if record.exc_info else ""))


def test_language_and_theme_switch_leave_no_dead_view_behind_and_keep_undo(qtbot, seeded, tmp_path, capfd):
    from PySide6.QtWidgets import QApplication

    from bouncedesk import store
    from bouncedesk.ui import theme
    from bouncedesk.ui.app import GuiApp, configure_pyqtgraph, setup_logging
    from bouncedesk.ui.context import AppContext
    from bouncedesk.ui.i18n import install_language
    from bouncedesk.ui.prefs import Prefs

    ctx = AppContext.open(seeded, clock=lambda: NOW)
    app = GuiApp(ctx, Prefs(tmp_path / "p.ini"), setup_logging(None))
    collect = _Collect()
    logging.getLogger().addHandler(collect)
    try:
        c = app.controller
        c.show_page("retries")
        ctx.drain()
        r = c.retries
        r.select_rows([0])
        email = r.model.value(0, "email")
        with qtbot.waitSignal(c.hub.finished, timeout=10_000):
            r.buttons["suppress"].click()
        ctx.drain()
        assert state_of(ctx.conn, email) == "suppressed"

        app.change_language("de")
        app.change_theme("dark")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the old windows are gone
        ctx.drain()
        w, c = app.window, app.controller
        # The undo offer survives both rebuilds: the bar says what can be undone, Edit → Undo works.
        assert w.act_undo.isEnabled()
        assert w.undo_bar.isVisibleTo(w) and w.undo_bar.button.isVisibleTo(w)
        assert "1" in w.undo_bar.text.text()

        # A change that every page hears about: an account added, a recipient paused.
        store.add_account(ctx.conn, now=NOW, name="later", host="imap.later.example", username="u")
        ctx.notify("accounts")
        ctx.notify("recipients")
        ctx.drain()
        assert [c.accounts.view.list.topLevelItem(i).text(0) for i in range(c.accounts.view.list.topLevelItemCount())] == ["later"]

        with qtbot.waitSignal(c.hub.finished, timeout=10_000):
            assert c.undo()
        ctx.drain()
        assert state_of(ctx.conn, email) == "retrying"
        out = capfd.readouterr()
        assert "RuntimeError" not in out.err and "already deleted" not in out.err
        assert not any("already deleted" in line for line in collect.lines)
    finally:
        logging.getLogger().removeHandler(collect)
        install_language("en")
        configure_pyqtgraph(theme.apply_theme(QApplication.instance(), "light"))
        app.shutdown()
        ctx.close()


# --- detail pane and buttons after an action ---------------------------------------------------------


def test_after_suppress_the_detail_pane_and_buttons_follow_what_is_left(gui):
    r = gui.open("retries")
    r.select_rows([0])
    email = r.model.value(0, "email")
    assert r.detail.recipient_id is not None and r.view.detail.badge.text() == "retrying"
    click_and_finish(gui, r.buttons["suppress"])
    assert state_of(gui.ctx.conn, email) == "suppressed"
    # The row left the Retries list: nothing is selected, the pane no longer says "retrying",
    # and no button (nor menu action) offers to act on nothing.
    assert not r.selected_rows()
    assert not r.view.detail.content.isVisible() and r.detail.recipient_id is None
    assert not any(b.isEnabled() for b in r.buttons.values())
    assert not gui.window.act_suppress.isEnabled() and not gui.window.act_retry.isEnabled()


def test_after_pause_the_detail_pane_shows_the_new_state(gui):
    p = gui.open("recipients")
    p.select_rows([0])
    email = p.model.value(0, "email")
    click_and_finish(gui, p.buttons["pause"])
    assert state_of(gui.ctx.conn, email) == "paused"
    row = p.model.row_of_id(p.detail.recipient_id)
    assert p.model.value(row, "email") == email and p.selected_rows() == [row]
    assert p.view.detail.badge.text() == "paused"
    assert p.buttons["resume"].isEnabled()


# --- Contact: no mail client, copy text, a failed send is logged ---------------------------------------


def _contact_dialog(gui, email_row: int = 0):
    r = gui.open("retries")
    r.select_rows([email_row])
    email = r.model.value(email_row, "email")
    gui.c.open_contact(gui.c.retries.selected_recipient_ids()[0])
    c = gui.c.contact_dialog
    c.d.alt_email.setText("other.address@home.example")
    return c, email


def test_open_in_mail_client_without_a_client_says_so_and_offers_the_text(gui):
    from PySide6.QtGui import QGuiApplication

    c, email = _contact_dialog(gui)
    c.open_url = lambda url: False  # what QDesktopServices.openUrl answers when no launcher exists
    QTest.mouseClick(c.d.mailto, Qt.MouseButton.LeftButton)
    text = c.d.status.text()
    assert "No mail client" in text and "open in your mail client" not in text
    conn = gui.ctx.conn
    assert conn.execute("SELECT count(*) FROM contact_attempts").fetchone()[0] == 0  # nothing claimed
    assert not gui.c.hub.can_undo()

    QTest.mouseClick(c.d.copy, Qt.MouseButton.LeftButton)
    clip = QGuiApplication.clipboard().text()
    assert clip.startswith("To: other.address@home.example\nSubject: " + c.d.subject.text())
    assert c.d.body.toPlainText() in clip
    assert "clipboard" in c.d.status.text()

    c.open_url = lambda url: True  # a client took it: now, and only now, it is recorded
    QTest.mouseClick(c.d.mailto, Qt.MouseButton.LeftButton)
    assert "open in your mail client" in c.d.status.text()
    assert conn.execute("SELECT count(*) FROM contact_attempts").fetchone()[0] == 1
    c.d.reject()


def test_a_failed_contact_send_is_logged(make_gui, data_dir, smtp_store, caplog):
    from bouncedesk.mail.secrets import SecretStore

    SecretStore.open().set("shop", "not-the-password")  # the real server refuses the login
    gui = make_gui(data_dir)
    c, email = _contact_dialog(gui)
    with caplog.at_level(logging.INFO):
        QTest.mouseClick(c.d.send, Qt.MouseButton.LeftButton)
        gui.qtbot.waitUntil(lambda: c.d.send.isEnabled(), timeout=15_000)
    assert not smtp_store.handler.received
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any(f"Contact notice for {email} could not be sent" in line for line in lines), lines
    assert c.d.status.text() and "sent" not in c.d.status.text().split(":")[0]
    c.d.reject()


# --- "original unavailable" and Mark as re-sent ---------------------------------------------------------


def test_original_unavailable_is_explained_and_mark_as_resent_is_one_undoable_click(
    make_gui, data_dir, smtp_store
):
    from bouncedesk import store
    from tests.gui.conftest import DictFetcher, actions_factory

    empty_sent_folder = DictFetcher({})  # the Sent folder no longer has any original
    gui = make_gui(data_dir, actions_factory=actions_factory(data_dir, empty_sent_folder))
    r = gui.open("retries")
    r.select_rows([0])
    email = r.model.value(0, "email")
    out = click_and_finish(gui, r.buttons["retry"])
    assert out.errors and not smtp_store.handler.received
    r.select_rows([r.model.row_of_id(store.get_recipient(gui.ctx.conn, email).id)])
    assert r.view.detail.summary.text().startswith("original unavailable:")
    assert r.buttons["mark-resent"].isEnabled() and gui.window.act_mark_resent.isEnabled()
    before = store.get_recipient(gui.ctx.conn, email).policy

    out = click_and_finish(gui, r.buttons["mark-resent"])
    assert out.done == [email] and not out.errors
    after = store.get_recipient(gui.ctx.conn, email).policy
    assert after.attempts == before.attempts + 1
    assert "original unavailable" not in r.view.detail.summary.text()
    assert gui.window.undo_bar.isVisible() and "re-sent" in gui.window.undo_bar.text.text()
    assert not smtp_store.handler.received  # marking never sends

    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000):
        gui.window.act_undo.trigger()
    gui.idle()
    assert store.get_recipient(gui.ctx.conn, email).policy.attempts == before.attempts


# --- the dashboard's sender-side problems follow the period and lead to the bounces -------------------


def test_sender_side_problems_follow_the_period_and_click_through(make_gui, seeded):
    from bouncedesk.store.db import connect
    from tests.bounce_factory import bounce, ingest
    from tests.gui.conftest import DAY

    conn = connect(seeded / "bouncedesk.sqlite3")
    try:  # old mail imported today: SPF failures from 2015 are history, not a current problem
        for i in range(5):
            r = f"old{i}@archive.example"
            data = bounce(r, at=1_430_000_000 + i * DAY, status="5.7.26",
                          diagnostic="550 5.7.26 Unauthenticated email: SPF check failed", message_id=f"<old-{i}@shop.example>")
            ingest(conn, data, NOW, key=f"old:{i}")
    finally:
        conn.close()
    gui = make_gui(seeded)
    d = gui.open("dashboard")
    for days in (7, 30, 365):
        d.set_range(days)
        gui.idle()
        alerts = {a.reason: a.count for a in d.data.tiles.alerts}
        reasons = dict(d.data.reasons)
        assert alerts and all(reasons.get(k) == n for k, n in alerts.items()), (days, alerts, reasons)
        assert "authfailure" not in alerts
    stored = dict(gui.ctx.conn.execute("SELECT reason, sum(count) FROM sender_alerts GROUP BY reason").fetchall())
    assert stored.get("authfailure") == 5  # the all-time table has them; the tile does not show them as current

    d.set_range(7)
    gui.idle()
    reason = d.data.tiles.alerts[0].reason
    head = d.view.alerts.itemAt(0).widget().findChildren(type(d.view.alerts_card.findChild(type(d.view.subtitle))))[0]
    with gui.qtbot.waitSignal(gui.c.pageShown, timeout=5000):
        QTest.mouseClick(head, Qt.MouseButton.LeftButton)
    gui.idle()
    b = gui.c.bounces
    assert gui.c.current_page() == "bounces" and b.extra["reason"] == reason
    assert b.extra["since"] == NOW // DAY * DAY - 6 * DAY
    assert b.model.rowCount() == d.data.tiles.alerts[0].count


# --- the suppression "why": the same plain words in the list, the export and scrub ---------------------


def test_suppression_why_is_plain_and_the_same_everywhere(gui, seeded, tmp_path, capsys):
    import csv

    from bouncedesk.cli.main import main
    from bouncedesk.ui.queries import SUPPRESSION_WHY_SQL, suppression_why_text

    conn = gui.ctx.conn
    hard = conn.execute("SELECT email FROM recipients WHERE state = 'suppressed' ORDER BY email").fetchone()[0]
    r = gui.open("retries")
    r.select_rows([0])
    mine = r.model.value(0, "email")
    click_and_finish(gui, r.buttons["suppress"])

    keys = dict(conn.execute(f"SELECT email, {SUPPRESSION_WHY_SQL} FROM recipients WHERE state = 'suppressed'"))
    assert suppression_why_text(keys[hard]) == "no such mailbox, 5.1.1"
    assert suppression_why_text(keys[mine]) == "by you"

    out = tmp_path / "supp.csv"
    gui.c.export_suppressions(str(out))
    gui.idle()
    rows = {row["email"]: row["why"] for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows[hard] == "no such mailbox, 5.1.1" and rows[mine] == "by you"

    src, dst = tmp_path / "list.csv", tmp_path / "clean.csv"
    src.write_text(f"email,name\n{hard},A\n{mine},B\nkeep@example.org,C\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--data-dir", str(seeded), "scrub", str(src), "-o", str(dst)]) == 0
    printed = capsys.readouterr().out
    assert f"dropped {hard}: suppressed (no such mailbox, 5.1.1)" in printed
    assert f"dropped {mine}: suppressed (by you)" in printed


# --- the log pane ------------------------------------------------------------------------------------------


def test_the_log_says_what_happened_to_whom_and_opens_at_the_left(gui, caplog):
    r = gui.open("retries")
    r.select_rows([0])
    email = r.model.value(0, "email")
    with caplog.at_level(logging.INFO):
        click_and_finish(gui, r.buttons["suppress"])
        with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000):
            gui.c.undo()
        gui.idle()
    lines = [rec.getMessage() for rec in caplog.records]
    assert f"Suppressed {email}" in lines
    assert f"Undid “suppressed” for {email}" in lines
    assert not any("address(es)" in line for line in lines)

    logging.getLogger("bouncedesk.test").warning("x" * 600)  # a long last line
    pane = gui.open("log")
    gui.qtbot.waitUntil(lambda: any("Suppressed " + email in line for line in pane.lines()))
    pane._refill()  # as after a rebuild (language or theme): the pane is made anew
    assert pane.view.text.horizontalScrollBar().value() == 0


# --- the welcome dialog ----------------------------------------------------------------------------------


def test_start_with_my_own_mailbox_opens_add_account_and_the_demo_keeps_its_own_prefs(qtbot, data_dir, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from bouncedesk.ui.app import GuiApp, after_welcome, demo_prefs, first_run_choice, setup_logging
    from bouncedesk.ui.context import AppContext
    from bouncedesk.ui.prefs import Prefs

    user = Prefs(tmp_path / "user.ini")
    user.theme = "dark"
    user.set("ui/last_page", "retries")

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        [b] = [b for b in box.buttons() if b.text() == "Start with my own mailbox"]
        b.click()

    QTimer.singleShot(0, answer)
    choice = first_run_choice(user, data_dir)
    assert choice is False
    ctx = AppContext.open(data_dir, clock=lambda: NOW)
    app = GuiApp(ctx, user, setup_logging(None))
    try:
        after_welcome(app, choice)
        assert app.controller.current_page() == "accounts"
        assert app.controller.account_dialog is not None and app.controller.account_dialog.d.isVisible()
        app.controller.account_dialog.d.reject()
    finally:
        app.shutdown()
        ctx.close()

    last = user.get("ui/last_page")
    demo_dir = tmp_path / "demo"
    demo_dir.mkdir()
    p = demo_prefs(user, demo_dir)
    assert p.theme == "dark"  # it starts looking like the user's app...
    p.set("ui/last_page", "bounces")
    p.set("ui/geometry", b"demo")
    p.theme = "light"
    p.sync()
    user.sync()  # ...but what the demo session changes stays in its own folder
    assert user.get("ui/last_page") == last and user.theme == "dark" and user.get("ui/geometry") is None
