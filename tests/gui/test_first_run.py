"""First start: an empty store offers the demo once; a store with mail never does."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from bouncedesk import config
from bouncedesk.store import connect
from bouncedesk.ui.app import offer_demo, store_is_empty
from bouncedesk.ui.prefs import Prefs


def _answer(qtbot, text: str) -> None:
    """Click the button with this text on the modal box once it is up."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        [btn] = [b for b in box.buttons() if b.text() == text]
        btn.click()

    QTimer.singleShot(0, click)


def test_empty_store_offers_the_demo_once(qtbot, tmp_path):
    prefs = Prefs(tmp_path / "prefs.ini")
    data = tmp_path / "data"
    data.mkdir()
    assert store_is_empty(data)
    _answer(qtbot, "Open the demo data")
    assert offer_demo(prefs, data) is True
    # Asked once: the next start goes straight to the user's own (still empty) store.
    assert offer_demo(prefs, data) is False


def test_declining_the_demo_is_remembered(qtbot, tmp_path):
    prefs = Prefs(tmp_path / "prefs.ini")
    _answer(qtbot, "Start with my own mailbox")
    assert offer_demo(prefs, tmp_path) is False
    assert prefs.get("first_run/asked", False, bool) is True


def test_a_store_with_mail_is_never_replaced_by_the_demo(qtbot, tmp_path):
    conn = connect(config.store_path(tmp_path))
    conn.execute("INSERT INTO accounts(name, host, port, security, username, created_at) "
                 "VALUES ('shop', 'imap.example.test', 993, 'ssl', 'me', 0)")
    conn.close()
    assert not store_is_empty(tmp_path)
    assert offer_demo(Prefs(tmp_path / "prefs.ini"), tmp_path) is False
