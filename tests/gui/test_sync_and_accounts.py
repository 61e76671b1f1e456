"""Sync from the window against a real Dovecot on loopback: the worker thread's signals, progress,
cancel and resume, the status bar; the account dialog's Test connection and save (password to
the keyring, never the store). Fixtures: tests/integration (the test Dovecot)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bouncedesk import store
from bouncedesk.accounts.registry import add_account
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.secrets import SecretStore
from tests.integration import mailgen

pytestmark = pytest.mark.imap


def _add(data_dir, dovecot, name: str = "work") -> None:
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        acc = Account(name, "127.0.0.1", "alice", port=dovecot.port, security="plain")
        add_account(conn, SecretStore.open(), acc, password=dovecot.users["alice"], now=1_767_000_000)
    finally:
        conn.close()


def test_sync_runs_in_a_worker_with_progress_and_updates_the_views(make_gui, data_dir, dovecot, keyring_file):
    msgs = mailgen.mixed(300, bounce_every=3, tag="gui")
    dovecot.write_maildir(m for _, m in msgs)
    n_bounces = sum(1 for is_bounce, _ in msgs if is_bounce)
    _add(data_dir, dovecot)
    gui = make_gui(data_dir)
    progress: list[tuple] = []
    gui.c.sync.progress.connect(lambda *a: progress.append(a))
    with gui.qtbot.waitSignal(gui.c.sync.started, timeout=5000):
        gui.window.act_sync.trigger()
    assert gui.window.progress.isVisible() and gui.window.cancel_button.isVisible()
    assert not gui.window.act_sync.isEnabled()  # one sync at a time
    with gui.qtbot.waitSignal(gui.c.sync.finished, timeout=60_000) as sig:
        pass
    summary = sig.args[0]
    assert not summary.error and not summary.cancelled
    assert summary.checked == 300 and summary.bounces == n_bounces
    assert progress and progress[-1][2:] == (300, 300)
    assert [p[2] for p in progress] == sorted(p[2] for p in progress)
    assert gui.c.sync.thread is None  # joined
    assert not gui.window.progress.isVisible() and gui.window.act_sync.isEnabled()
    assert "work" in gui.window.status_sync.text()
    gui.idle()
    r = gui.open("bounces")
    assert (
        r.model.rowCount()
        == gui.ctx.conn.execute("SELECT count(*) FROM results WHERE kind != 'delivered'").fetchone()[0]
    )
    assert r.model.rowCount() >= n_bounces


def test_sync_can_be_cancelled_and_resumes_where_it_stopped(make_gui, data_dir, dovecot, keyring_file):
    dovecot.write_maildir(m for _, m in mailgen.mixed(4000, bounce_every=4, tag="cx"))
    _add(data_dir, dovecot)
    gui = make_gui(data_dir)

    def cancel_on_first_progress(account, folder, done, total):
        if done > 0:
            QTest.mouseClick(gui.window.cancel_button, Qt.MouseButton.LeftButton)

    gui.c.sync.progress.connect(cancel_on_first_progress)
    gui.window.act_sync.trigger()
    with gui.qtbot.waitSignal(gui.c.sync.finished, timeout=60_000) as sig:
        pass
    first = sig.args[0]
    assert first.cancelled and not first.error
    assert 0 < first.checked < 4000
    assert gui.c.sync.thread is None
    assert "cancel" in gui.window.statusBar().currentMessage().lower()
    gui.c.sync.progress.disconnect(cancel_on_first_progress)

    gui.window.act_sync.trigger()
    with gui.qtbot.waitSignal(gui.c.sync.finished, timeout=60_000) as sig:
        pass
    second = sig.args[0]
    assert not second.cancelled and first.checked + second.checked == 4000
    state = gui.ctx.conn.execute("SELECT last_uid FROM folder_state").fetchone()[0]
    assert state == max(dovecot.uids())


def test_wrong_password_is_one_clear_line_in_the_status_bar(make_gui, data_dir, dovecot, keyring_file):
    _add(data_dir, dovecot)
    SecretStore.open().set("work", "not-the-password")
    gui = make_gui(data_dir)
    gui.window.act_sync.trigger()
    with gui.qtbot.waitSignal(gui.c.sync.finished, timeout=30_000) as sig:
        pass
    assert sig.args[0].error
    text = gui.window.status_error.text()
    assert text.startswith("Sync stopped:") and "\n" not in text and "Traceback" not in text


def test_account_dialog_tests_the_connection_and_saves_the_password_in_the_keyring(
    make_gui, data_dir, dovecot, keyring_file
):
    dovecot.create_folder("Bounces")
    gui = make_gui(data_dir)
    acc_page = gui.open("accounts")
    assert acc_page.view.empty.isVisible()
    QTest.mouseClick(acc_page.view.add, Qt.MouseButton.LeftButton)
    c = gui.c.account_dialog
    d = c.d
    d.name.setText("Office")
    d.host.setText("127.0.0.1")
    d.security.setCurrentIndex(d.security.findData("plain"))
    d.port.setValue(dovecot.port)
    d.username.setText("alice")
    d.password.setText("wrong")
    with gui.qtbot.waitSignal(c.tested, timeout=30_000) as sig:
        QTest.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    ok, text = sig.args
    assert not ok and text and "\n" not in text

    d.password.setText(dovecot.users["alice"])
    with gui.qtbot.waitSignal(c.tested, timeout=30_000) as sig:
        QTest.mouseClick(d.test_button, Qt.MouseButton.LeftButton)
    ok, text = sig.args
    assert ok, text
    names = [d.folders.item(i).text() for i in range(d.folders.count())]
    assert "INBOX" in names and "Bounces" in names  # picked from the server
    d.processed.setCurrentText("Bounces")
    assert c.save()
    gui.idle()
    assert SecretStore.open().get("Office") == dovecot.users["alice"]
    dump = "\n".join(gui.ctx.conn.iterdump())
    assert dovecot.users["alice"] not in dump  # never in the store
    row = store.get_account(gui.ctx.conn, "Office")
    assert row.processed_folder == "Bounces" and row.port == dovecot.port
    assert acc_page.view.list.topLevelItemCount() == 1

    # edit: the dialog opens filled, an empty password keeps the stored one
    c2 = gui.c.open_account("Office")
    assert c2.d.host.text() == "127.0.0.1" and c2.d.password.text() == ""
    c2.d.name.setText("Front desk")
    assert c2.save()
    assert SecretStore.open().get("Front desk") == dovecot.users["alice"]
    assert SecretStore.open().get("Office") is None
