"""One-click actions through the UI — buttons, shortcuts, menus — and their undo, for one
recipient and for a multi-selection; Retry now against a real aiosmtpd on loopback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bouncedesk import store
from tests.gui.conftest import NOW, actions_factory


def state_of(conn, email: str) -> str:
    return conn.execute("SELECT state FROM recipients WHERE email = ?", (email,)).fetchone()[0]


def finish(gui):
    """Wait for the action batch to come back and the lists to reload."""
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        pass
    gui.idle()
    return sig.args[0]


def click_and_finish(gui, button):
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    gui.idle()
    return sig.args[0]


def test_suppress_a_multi_selection_then_undo_from_the_undo_bar(gui):
    r = gui.open("retries")
    before = r.model.rowCount()
    r.select_rows([0, 1, 2])
    emails = [r.model.value(i, "email") for i in (0, 1, 2)]
    assert all(state_of(gui.ctx.conn, e) == "retrying" for e in emails)
    assert r.buttons["suppress"].isEnabled() and not r.buttons["contact"].isEnabled()

    out = click_and_finish(gui, r.buttons["suppress"])
    assert sorted(out.done) == sorted(emails) and not out.errors
    assert [state_of(gui.ctx.conn, e) for e in emails] == ["suppressed"] * 3
    bar = gui.window.undo_bar
    assert bar.isVisible() and "3" in bar.text.text() and bar.button.isVisible()
    assert r.model.rowCount() == before - 3  # they left the retries list
    assert gui.window.act_undo.isEnabled()

    out = click_and_finish(gui, bar.button)
    assert sorted(out.done) == sorted(emails)
    assert [state_of(gui.ctx.conn, e) for e in emails] == ["retrying"] * 3
    assert r.model.rowCount() == before
    assert not gui.window.act_undo.isEnabled()


def test_pause_by_shortcut_and_undo_from_the_edit_menu(gui):
    r = gui.open("retries")
    r.select_rows([0])
    email = r.model.value(0, "email")
    r.view.table.setFocus()
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000):
        QTest.keyClick(gui.window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    gui.idle()
    assert state_of(gui.ctx.conn, email) == "paused"
    ev = store.last_user_event(gui.ctx.conn, store.get_recipient(gui.ctx.conn, email).id)
    assert ev is not None and ev.action == "pause" and ev.actor == "user"

    edit = next(a for a in gui.window.menuBar().actions() if a.text() == "&Edit").menu()
    assert gui.window.act_undo in edit.actions()
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000):
        gui.window.act_undo.trigger()
    gui.idle()
    assert state_of(gui.ctx.conn, email) == "retrying"


def test_unsuppress_and_resume_from_the_recipients_page(gui):
    r = gui.open("recipients")
    r.state.setCurrentIndex(r.state.findData("suppressed"))
    gui.idle()
    r.select_rows([0])
    email = r.model.value(0, "email")
    click_and_finish(gui, r.buttons["unsuppress"])
    assert state_of(gui.ctx.conn, email) == "active"
    assert r.model.row_of_id(store.get_recipient(gui.ctx.conn, email).id) == -1  # filter: suppressed only


def test_an_action_that_does_not_apply_says_why(gui):
    r = gui.open("recipients")
    r.state.setCurrentIndex(r.state.findData("suppressed"))
    gui.idle()
    r.select_rows([0])
    out = click_and_finish(gui, r.buttons["pause"])
    assert not out.done and out.errors
    assert gui.window.undo_bar.isVisible() and not gui.window.undo_bar.button.isVisible()
    assert gui.window.status_error.text()


def test_retry_now_without_a_mail_server_fails_clearly(gui):
    r = gui.open("retries")
    r.select_rows([0])
    email = r.model.value(0, "email")
    attempts = store.get_recipient(gui.ctx.conn, email).policy.attempts
    out = click_and_finish(gui, r.buttons["retry"])
    assert out.errors and "SMTP" in out.errors[0][1]
    assert store.get_recipient(gui.ctx.conn, email).policy.attempts == attempts


def test_retry_now_sends_through_smtp_and_undo_restores_the_schedule(make_gui, data_dir, smtp_store, sent_folder):
    gui = make_gui(data_dir, actions_factory=actions_factory(data_dir, sent_folder))
    r = gui.open("retries")
    r.select_rows([0])
    email = r.model.value(0, "email")
    before = store.get_recipient(gui.ctx.conn, email).policy
    out = click_and_finish(gui, r.buttons["retry"])
    assert out.done == [email], out.errors
    got = smtp_store.handler.received
    assert len(got) == 1 and got[0].rcpt_tos == [email]
    assert b"Resent-To:" in got[0].data
    assert len(sent_folder.asked) == 1  # our own copy, from the Sent folder
    after = store.get_recipient(gui.ctx.conn, email).policy
    assert after.attempts == before.attempts + 1 and after.next_retry_at > NOW
    # the detail pane's timeline shows the retry
    r.select_rows([r.model.row_of_id(store.get_recipient(gui.ctx.conn, email).id)])
    items = [
        r.detail.view.timeline.topLevelItem(i).data(1, Qt.ItemDataRole.UserRole)
        for i in range(r.detail.view.timeline.topLevelItemCount())
    ]
    assert "Retry sent" in items

    out = click_and_finish(gui, gui.window.undo_bar.button)
    assert out.done == [email]
    assert store.get_recipient(gui.ctx.conn, email).policy == before
    assert len(smtp_store.handler.received) == 1  # undo never sends


def test_contact_dialog_records_a_mailto_contact_and_undo_withdraws_it(gui):
    r = gui.open("retries")
    r.select_rows([0])
    email = r.model.value(0, "email")
    opened: list[str] = []
    gui.c.open_url = opened.append
    QTest.mouseClick(r.buttons["contact"], Qt.MouseButton.LeftButton)
    c = gui.c.contact_dialog
    assert c is not None and c.d.isVisible() and c.d.who.text() == email
    c.d.alt_email.setText("other.address@home.example")
    c.d.phone.setText("+49 30 1234567")
    c.d.language.setCurrentIndex(c.d.language.findData("de"))
    assert c.d.subject.text() and c.d.body.toPlainText()
    QTest.mouseClick(c.d.mailto, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0].startswith("mailto:other.address@home.example?")
    conn = gui.ctx.conn
    rid = store.get_recipient(conn, email).id
    row = conn.execute(
        "SELECT channel, to_address, language FROM contact_attempts WHERE recipient_id = ?", (rid,)
    ).fetchone()
    assert tuple(row) == ("mailto", "other.address@home.example", "de")
    assert (
        conn.execute("SELECT phone FROM contacts WHERE recipient_id = ?", (rid,)).fetchone()[0]
        == "+49 30 1234567"
    )
    c.d.reject()
    gui.idle()
    r.select_rows([r.model.row_of_id(rid)])
    assert r.detail.view.alt_email.text() == "other.address@home.example"
    events = [
        r.detail.view.timeline.topLevelItem(i).data(1, Qt.ItemDataRole.UserRole)
        for i in range(r.detail.view.timeline.topLevelItemCount())
    ]
    assert "Contacted" in events

    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000):
        gui.window.act_undo.trigger()
    gui.idle()
    status = conn.execute("SELECT status FROM contact_attempts WHERE recipient_id = ?", (rid,)).fetchone()[0]
    assert status == "undone"


def test_a_forged_bounce_never_puts_its_own_message_on_the_wire(make_gui, data_dir, smtp_store, sent_folder):
    """A stranger's soft bounce carrying an "original" from our address: for a customer we mailed it
    waits for review and Retry now sends our Sent-folder copy; for an address we never mailed it
    makes no retry at all. The stranger's bytes reach the SMTP server in no case."""
    from tests.bounce_factory import bounce, ingest

    victim, stranger = "person000@mail0.example", "stranger@elsewhere.example"
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    for addr, mid in ((victim, "<evil-1@shop.example>"), (stranger, "<evil-2@shop.example>")):
        forged = bounce(addr, at=NOW - 60, status="4.2.2", message_id=mid)
        forged = forged.replace(b"your order has shipped.", b"pay now at http://evil.example/")
        ingest(conn, forged, NOW, ours=False)
    conn.close()
    gui = make_gui(data_dir, actions_factory=actions_factory(data_dir, sent_folder))
    r = gui.open("retries")
    emails = [r.model.value(i, "email") for i in range(r.model.rowCount())]
    assert stranger not in emails and victim in emails
    r.select_rows([emails.index(victim)])
    out = click_and_finish(gui, r.buttons["retry"])
    assert out.done == [victim], out.errors
    (got,) = smtp_store.handler.received
    assert b"evil.example" not in got.data and b"your order has shipped" in got.data
    assert store.get_recipient(gui.ctx.conn, stranger) is None
