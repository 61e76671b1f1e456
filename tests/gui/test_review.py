"""Needs review in the GUI: a forged bounce waits there and changes nothing; Trust (asked first)
lets it act and Undo puts it back; Dismiss keeps it as information; the banner for stores
that know no sent mail, and its "trust bounces without this check" (asked first, warned)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bouncedesk import store
from bouncedesk.store.db import connect
from bouncedesk.store.settings import load_policy_settings
from tests.bounce_factory import bounce, ingest
from tests.gui.conftest import DAY, NOW
from tests.sent_mail import sent

OURS = "ann@customer.example"
FORGED = "victim@elsewhere.example"


def make_store(data_dir: Path, *, with_sent: bool = True) -> None:
    """One genuine soft bounce of a message we sent (if `with_sent`), one forged hard bounce for an
    address we never mailed, naming a message we never sent."""
    conn = connect(data_dir / "bouncedesk.sqlite3")
    try:
        if with_sent:
            sent(conn, "<invoice-1042@shop.example>", OURS, at=NOW - 3 * DAY, subject="Invoice 1042")
            ingest(
                conn,
                bounce(OURS, at=NOW - 2 * DAY, message_id="<invoice-1042@shop.example>"),
                NOW,
                ours=False,
            )
        ingest(conn, bounce(FORGED, at=NOW - DAY, status="5.1.1", diagnostic="550 5.1.1 <b>no such user</b>",
                            message_id="<spoof-1@attacker.example>"), NOW, ours=False)  # fmt: skip
    finally:
        conn.close()


def waiting(conn) -> list[str]:
    return [r[0] for r in conn.execute("SELECT email FROM results WHERE review = 'pending' ORDER BY email")]


def state_of(conn, email: str) -> str | None:
    rec = store.get_recipient(conn, email)
    return rec.state if rec else None


@pytest.fixture
def review_gui(make_gui, data_dir):
    make_store(data_dir)
    return make_gui(data_dir)


def test_a_forged_bounce_waits_in_needs_review_and_changes_nothing(review_gui):
    gui = review_gui
    conn = gui.ctx.conn
    assert waiting(conn) == [FORGED]
    assert state_of(conn, OURS) == "retrying" and state_of(conn, FORGED) is None
    rc = gui.open("recipients")
    emails = [rc.model.value(i, "email") for i in range(rc.model.rowCount())]
    assert emails == [OURS]

    nav = gui.window.nav.item(4)
    assert nav.text() == "Needs review  (1)"  # the count badge
    r = gui.open("review")
    assert gui.window.stack.currentWidget() is r.view
    assert r.model.rowCount() == 1
    row = [r.model.data(r.model.index(0, c)) for c in range(r.model.columnCount())]
    headers = [r.model.headerData(c, Qt.Orientation.Horizontal) for c in range(r.model.columnCount())]
    assert headers == [
        "When",
        "Recipient",
        "Kind",
        "Code",
        "Reason",
        "Trust level",
        "Why it waits",
        "Bounce from",
    ]
    assert row[1:6] == [FORGED, "hard bounce", "5.1.1", "no such mailbox", "unverified"]
    assert row[6] == "Names no message you sent: it may be forged or about someone else's mail."
    assert row[7] == "mailer-daemon@mx.example.net"
    assert not r.view.banner.isVisible()  # sent mail is known: no banner
    assert not r.view.trust_button.isEnabled() and not r.view.dismiss_button.isEnabled()

    r.select_rows([0])
    assert r.view.trust_button.isEnabled() and r.view.dismiss_button.isEnabled()
    d = r.detail.view
    assert d.email.text() == FORGED
    assert d.evidence.isVisible() and d.evidence.text().startswith("Needs review — Names no message you sent")
    assert d.evidence.textFormat() == Qt.TextFormat.PlainText
    assert d.diagnostic.toPlainText().endswith("<b>no such user</b>")  # shown literally

    # The genuine bounce's detail says what ties it to our mail, with subject and local date.
    b = gui.open("bounces")
    b.select_rows(
        [b.model.row_of_id(conn.execute("SELECT id FROM results WHERE email = ?", (OURS,)).fetchone()[0])]
    )
    from bouncedesk.ui.format import local_date

    assert b.detail.view.evidence.text() == (
        f"Verified — Matches your message “Invoice 1042” sent {local_date(NOW - 3 * DAY)} to {OURS}."
    )


def test_trust_asks_first_then_acts_and_undo_puts_it_back(review_gui):
    gui = review_gui
    conn = gui.ctx.conn
    r = gui.open("review")
    r.select_rows([0])
    QTest.mouseClick(r.view.trust_button, Qt.MouseButton.LeftButton)
    box = gui.c.question
    assert box is not None and box.isVisible()
    assert "1 bounce will act as if verified" in box.text() and "1 recipient may change" in box.text()
    assert box.yes_button.text() == "Trust 1 bounce"

    # Cancel: nothing happens.
    with gui.qtbot.assertNotEmitted(gui.c.hub.finished, wait=200):
        box.button(box.StandardButton.Cancel).click()
    assert waiting(conn) == [FORGED] and state_of(conn, FORGED) is None

    QTest.mouseClick(r.view.trust_button, Qt.MouseButton.LeftButton)
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        gui.c.question.yes_button.click()
    gui.idle()
    out = sig.args[0]
    assert out.verb == "trust" and out.done == [FORGED] and not out.errors
    assert state_of(conn, FORGED) == "suppressed"  # a 5.1.1, now acted on as if verified
    assert waiting(conn) == []
    assert r.model.rowCount() == 0 and r.view.overlay.isVisible()
    assert gui.window.nav.item(4).text() == "Needs review"
    bar = gui.window.undo_bar
    assert bar.isVisible() and bar.button.isVisible()
    assert bar.text.text() == "Trusted 1 bounce · 1 recipient changed"
    assert gui.window.act_undo.isEnabled()
    res = conn.execute("SELECT review FROM results WHERE email = ?", (FORGED,)).fetchone()[0]
    assert res == "trusted"

    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        QTest.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    gui.idle()
    assert sig.args[0].done == [FORGED] and not sig.args[0].errors
    assert waiting(conn) == [FORGED]  # waits for review again
    assert state_of(conn, FORGED) == "active"
    assert r.model.rowCount() == 1
    assert gui.window.nav.item(4).text() == "Needs review  (1)"


def test_dismiss_removes_it_from_the_list_and_changes_nothing(review_gui):
    gui = review_gui
    conn = gui.ctx.conn
    recipients_before = conn.execute("SELECT count(*) FROM recipients").fetchone()[0]
    events_before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    r = gui.open("review")
    r.select_rows([0])
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        QTest.mouseClick(r.view.dismiss_button, Qt.MouseButton.LeftButton)
    gui.idle()
    assert sig.args[0].verb == "dismiss" and not sig.args[0].undoable
    assert r.model.rowCount() == 0 and waiting(conn) == []
    assert conn.execute("SELECT review FROM results WHERE email = ?", (FORGED,)).fetchone()[0] == "dismissed"
    assert state_of(conn, FORGED) is None
    assert conn.execute("SELECT count(*) FROM recipients").fetchone()[0] == recipients_before
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == events_before
    assert gui.window.undo_bar.text.text() == "Dismissed 1 bounce · no recipient changed"
    assert not gui.window.undo_bar.button.isVisible()


def test_banner_when_no_sent_mail_is_known_and_trusting_without_the_check(make_gui, data_dir):
    make_store(data_dir, with_sent=False)
    gui = make_gui(data_dir)
    conn = gui.ctx.conn
    r = gui.open("review")
    assert r.view.banner.isVisible()
    assert r.view.banner_text.text().startswith("BounceDesk has not read any sent mail yet")
    assert r.view.banner_text.textFormat() == Qt.TextFormat.PlainText
    assert r.view.banner_button.text() == "Trust bounces without this check…"

    QTest.mouseClick(r.view.banner_button, Qt.MouseButton.LeftButton)
    box = gui.c.question
    assert box.isVisible() and "Anyone who can send mail to the monitored mailbox" in box.text()
    assert box.defaultButton() is not box.yes_button  # the risky choice is never the default
    box.button(box.StandardButton.Cancel).click()
    gui.idle()
    assert load_policy_settings(conn).trust == "verified" and waiting(conn) == [FORGED]

    QTest.mouseClick(r.view.banner_button, Qt.MouseButton.LeftButton)
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        gui.c.question.yes_button.click()
    gui.idle()
    assert "1 waiting bounce acted" in sig.args[0].message
    assert load_policy_settings(conn).trust == "all"
    assert waiting(conn) == [] and state_of(conn, FORGED) == "suppressed"
    assert not r.view.banner.isVisible() and r.model.rowCount() == 0


def test_needs_review_in_german_uses_the_words_of_the_policy(qapp, data_dir, tmp_path):
    from bouncedesk.policy.provenance import word
    from bouncedesk.ui.app import GuiApp, setup_logging
    from bouncedesk.ui.context import AppContext
    from bouncedesk.ui.i18n import install_language
    from bouncedesk.ui.prefs import Prefs

    make_store(data_dir)
    ctx = AppContext.open(data_dir, clock=lambda: NOW)
    app = GuiApp(ctx, Prefs(tmp_path / "p.ini"), setup_logging(None))
    try:
        app.change_language("de")
        c = app.controller
        c.show_page("review")
        ctx.drain()
        assert app.window.nav.item(4).text() == "Zu prüfen  (1)"
        assert c.review.view.title.text() == "Zu prüfen"
        m = c.review.model
        assert m.data(m.index(0, 5)) == word("unverified", "de") == "unbestätigt"
        assert m.data(m.index(0, 6)).startswith("Nennt keine Nachricht, die Sie gesendet haben")
        c.review.select_rows([0])
        assert c.review.detail.view.evidence.text().startswith("Zu prüfen — Nennt keine Nachricht")
        assert c.review.view.trust_button.text() == "Anerkennen…"
    finally:
        install_language("en")
        app.shutdown()
        ctx.close()


def test_settings_trust_mode_and_history(make_gui, data_dir):
    make_store(data_dir)
    gui = make_gui(data_dir)
    c = gui.c.open_settings()
    d = c.d
    assert d.trust_buttons["verified"].isChecked()
    assert d.trust_buttons["verified"].text() == "Only verified bounces (recommended)"
    assert "anyone who can send mail" in d.trust_notes["all"].text()
    assert d.history_auto.isChecked() and d.history_auto.text().endswith("(13 days)")
    assert not d.history_value.isEnabled() and d.history_value.value() == 13
    d.history_auto.setChecked(False)
    d.history_value.setValue(36)
    d.history_unit.setCurrentIndex(d.history_unit.findData(1))  # hours
    d.trust_buttons["all"].setChecked(True)
    assert c.save()
    gui.idle()
    s = load_policy_settings(gui.ctx.conn)
    assert s.trust == "all" and s.history_hours == 36
    assert waiting(gui.ctx.conn) == []  # the new mode let the waiting bounce act
    assert state_of(gui.ctx.conn, FORGED) == "suppressed"
    # Saving other settings keeps the trust mode (it is part of the same policy).
    c = gui.c.open_settings()
    assert c.d.trust_buttons["all"].isChecked() and c.d.history_value.value() == 36
    c.d.max_attempts.setValue(5)
    assert c.save()
    assert load_policy_settings(gui.ctx.conn).trust == "all"
