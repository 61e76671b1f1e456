"""Issue 14.4 in the GUI: "This is really" on a bounce → the pattern → the confirmation → applied;
the Settings tab lists the rule; undo."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from bouncedesk.act import corrections as cx
from bouncedesk.store.recipients import get_recipient
from tests.unit.test_corrections import NOW, result_of, seed


def states(conn):
    return [get_recipient(conn, f"{n}@odd.example").state for n in ("ann", "bob", "cy")]


def test_correct_a_bounce_from_the_list_then_undo_in_settings(qtbot, ctx, tmp_path):
    from bouncedesk.ui.dialogs.corrections import CorrectionsTab
    from bouncedesk.ui.dialogs.settings import SettingsController, SettingsDialog
    from bouncedesk.ui.prefs import Prefs
    from bouncedesk.ui.views.bounces import BouncesController

    seed(ctx.conn)
    page = BouncesController(ctx)
    qtbot.addWidget(page.view)
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 19)
    rid = result_of(ctx.conn, "ann@odd.example")
    row = next(r for r in range(page.model.rowCount()) if page.model.row_id(r) == rid)
    page.select_rows([row])

    # the context menu offers the glossary's reasons and "not a bounce"
    from bouncedesk.ui.dialogs.corrections import reason_choices

    assert ("mailbox disabled", "suspend") in reason_choices() and reason_choices()[-1][1] == "not-a-bounce"

    flow = page.correct(rid, "suspend")
    d = flow.dialog
    qtbot.waitUntil(d.isVisible)
    assert d.pattern.text() == r"account\s+blocked\s+by\s+customer\s+service\s+ref" and d.host.text() == "odd.example"
    d.pattern.setText(".*")  # too broad: refused in the dialog, nothing saved
    d.buttons.accepted.emit()
    assert "almost any text" in d.error.text() and flow.confirm is None
    d.pattern.setText(r"account\s+blocked\s+by\s+customer")
    d.buttons.accepted.emit()
    box = flow.confirm
    assert box is not None and box.isVisible()
    assert "3 recipient(s) change:" in box.text() and "ann@odd.example: suppressed → retrying" in box.text()
    assert states(ctx.conn) == ["suppressed"] * 3  # nothing changed before the confirmation
    with qtbot.waitSignal(flow.finished) as got:
        box.button(QMessageBox.StandardButton.Ok).click()
    assert "3 recipients changed" in got.args[0]
    assert states(ctx.conn) == ["retrying"] * 3

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    settings = SettingsController(ctx, dialog, Prefs(tmp_path / "prefs.ini"))
    tab = settings.corrections
    assert isinstance(tab, CorrectionsTab)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(tab)) == "Corrections"
    assert tab.table.rowCount() == 1
    assert [tab.table.item(0, c).text() for c in (0, 1, 2, 4)] == [
        r"account\s+blocked\s+by\s+customer", "odd.example", "mailbox disabled", "3"]
    assert tab.undo.isEnabled()
    tab._undo()
    assert "3 recipient(s) change:" in tab.flow_box.text()
    tab.flow_box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 0)
    assert states(ctx.conn) == ["suppressed"] * 3
    assert not cx.rules_file(ctx.data_dir).exists()
    assert not tab.undo.isEnabled()


def test_settings_tab_edit_delete_export_import(qtbot, ctx, tmp_path):
    from bouncedesk.ui.dialogs.corrections import CorrectionsTab

    seed(ctx.conn)
    cx.apply_plan(ctx.conn, ctx.data_dir, cx.plan_add(ctx.conn, ctx.data_dir, "suspend", "account blocked by customer",
                                                      NOW, host="odd.example"), NOW)  # fmt: skip
    tab = CorrectionsTab(ctx)
    qtbot.addWidget(tab)
    tab._export(str(tmp_path / "c.json"))
    assert "Wrote 1 correction" in tab.status.text()
    tab.table.setCurrentCell(0, 0)
    tab.table.item(0, 0).setText("(a)\\1")  # hostile edit: refused, nothing saved
    tab._save_edit()
    assert "not usable" in tab.status.text()
    tab.table.setCurrentCell(0, 0)
    tab._delete()
    tab.flow_box.button(QMessageBox.StandardButton.Ok).click()
    assert tab.table.rowCount() == 0 and states(ctx.conn) == ["suppressed"] * 3
    tab._import(str(tmp_path / "c.json"))
    tab.flow_box.button(QMessageBox.StandardButton.Ok).click()
    assert tab.table.rowCount() == 1 and states(ctx.conn) == ["retrying"] * 3
