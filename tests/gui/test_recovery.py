"""The detail pane says when and why a recipient recovered (a reply, a delivery report), and its
"Undo recovery" button puts the recipient back exactly, through the action hub."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from bouncedesk import store
from bouncedesk.dsn.reply import read_reply_header
from bouncedesk.store.recovery import recover_by_replies
from tests.bounce_factory import bounce, ingest
from tests.gui.conftest import DAY, NOW

ANN = "ann@example.org"
BOB = "bob@example.net"
T0 = NOW - 5 * DAY


def _reply(at: int) -> bytes:
    return (
        f"From: Ann <{ANN}>\nTo: mailer@shop.example\nSubject: Re: Your order <b>now</b>\n"
        f"Date: {format_datetime(datetime.fromtimestamp(at, UTC))}\nIn-Reply-To: <order-1@shop.example>\n\nThanks!\n"
    ).encode()


@pytest.fixture
def recovered(data_dir: Path) -> Path:
    """Ann recovered by a reply; Bob by a delivery report; both were retrying."""
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        ingest(conn, bounce(ANN, at=T0), T0 + 60)
        ingest(conn, bounce(BOB, at=T0, message_id="<order-2@shop.example>"), T0 + 60)
        assert recover_by_replies(conn, [read_reply_header(_reply(T0 + DAY))], T0 + 2 * DAY).recovered == 1
        ingest(conn, bounce(BOB, at=T0 + DAY, status="2.0.0", message_id="<order-2@shop.example>",
                            diagnostic="250 2.0.0 OK"), T0 + 2 * DAY)  # fmt: skip
    finally:
        conn.close()
    return data_dir


def _select(gui, email: str):
    page = gui.open("recipients")
    rid = store.require_recipient(gui.ctx.conn, email).id
    gui.qtbot.waitUntil(lambda: page.model.row_of_id(rid) >= 0, timeout=5000)
    page.select_rows([page.model.row_of_id(rid)])
    gui.idle()
    return page


def test_the_detail_pane_says_when_and_why_and_undo_puts_it_back(make_gui, recovered: Path) -> None:
    gui = make_gui(recovered)
    page = _select(gui, ANN)
    v = page.detail.view
    assert v.recovery_row.isVisible() and v.undo_recovery_button.isVisible()
    text = v.recovered.text()
    assert text.startswith("Recovered on ") and "the address replied to your mail on" in text
    assert "“Re: Your order <b>now</b>”" in text  # the reply's subject, as plain text
    assert v.recovered.textFormat() == Qt.TextFormat.PlainText
    assert "Active again (automatic)" in [
        v.timeline.topLevelItem(i).data(1, Qt.ItemDataRole.UserRole)
        for i in range(v.timeline.topLevelItemCount())
    ]
    bob = store.require_recipient(gui.ctx.conn, BOB).id
    retrying_before = next(e.before for e in store.events_for(gui.ctx.conn, bob) if e.action == "recovered")

    ann = store.require_recipient(gui.ctx.conn, ANN)
    before = next(e.before for e in store.events_for(gui.ctx.conn, ann.id) if e.action == "recovered")
    with gui.qtbot.waitSignal(gui.c.hub.finished, timeout=10_000) as sig:
        QTest.mouseClick(v.undo_recovery_button, Qt.MouseButton.LeftButton)
    gui.idle()
    assert sig.args[0].done == [ANN] and not sig.args[0].errors
    after = store.require_recipient(gui.ctx.conn, ANN)
    assert after.policy == before and after.state == "retrying"  # attempts and next retry as they were
    assert not v.recovery_row.isVisible()  # undone: no longer said

    # Bob's recovery (a delivery report) reads in its own words and was left alone.
    _select(gui, BOB)
    assert "a delivery report confirmed that your mail arrived (2.0.0)" in v.recovered.text()
    assert (
        store.require_recipient(gui.ctx.conn, BOB).state == "active" and retrying_before.state == "retrying"
    )


def test_the_recovery_line_in_german(make_gui, recovered: Path) -> None:
    gui = make_gui(recovered)
    gui.ctx.language = "de"
    page = _select(gui, BOB)
    assert page.detail.view.recovered.text().startswith("Wieder aktiv seit ")
    assert "Ein Zustellbericht bestätigt" in page.detail.view.recovered.text()


def test_the_settings_dialog_turns_recovery_by_reply_off_and_on(make_gui, recovered: Path) -> None:
    from bouncedesk.store.settings import load_policy_settings

    gui = make_gui(recovered)
    c = gui.c.open_settings()
    assert c.d.recover_on_reply.isChecked()  # on by default
    c.d.recover_on_reply.setChecked(False)
    assert c.save()
    assert load_policy_settings(gui.ctx.conn).recover_on_reply is False
    c = gui.c.open_settings()
    assert not c.d.recover_on_reply.isChecked()
    c.d.recover_on_reply.setChecked(True)
    assert c.save() and load_policy_settings(gui.ctx.conn).recover_on_reply is True


def test_the_help_says_what_recovers_and_what_never_does(make_gui, recovered: Path) -> None:
    from dataclasses import replace

    from bouncedesk.store.settings import load_policy_settings, save_policy_settings

    gui = make_gui(recovered)
    gui.window.act_help.trigger()
    gui.idle()
    text = gui.c.help_dialog.view.browser.toPlainText()
    assert "Recovery: when an address counts as working again" in text
    assert "A reply — the person answers your mail" in text and "marks nothing as read" in text
    assert "A suppressed address never recovers by itself" in text and "stays paused" in text
    assert "(Switched off under Settings.)" not in text
    save_policy_settings(
        gui.ctx.conn, replace(load_policy_settings(gui.ctx.conn), recover_on_reply=False), NOW
    )
    gui.c.help_dialog.reload()
    assert "(Switched off under Settings.)" in gui.c.help_dialog.view.browser.toPlainText()
