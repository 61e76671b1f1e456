"""A bounce's words reach Qt only as literal text: tooltips, the detail pane, lists, the log pane,
the status bar and the undo bar show `<h1>` and `<img src="/dev/zero">` as characters, never as markup
(and never load a resource — a rich-text `<img src="/dev/zero">` tooltip reads forever)."""

from __future__ import annotations

import logging

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from tests.gui.conftest import NOW, seed_bounces

HOSTILE = '<h1>big</h1><a href=x>link</a><img src="/dev/zero">'
RECIPIENT = "victim@mail.example"


def rendered(tip: str) -> str:
    """What a tooltip shows: Qt takes it as rich text if `mightBeRichText`, else as plain text."""
    if not QtGui.Qt.mightBeRichText(tip):  # (PySide6 has Qt::mightBeRichText in QtGui's Qt)
        return tip
    doc = QTextDocument()
    doc.setHtml(tip)
    assert "<img" not in doc.toHtml() and 'href="x"' not in doc.toHtml()  # no image, no link element
    return doc.toPlainText()


@pytest.fixture
def hostile(make_gui, data_dir):
    from bouncedesk.store.db import connect
    from tests.bounce_factory import bounce, ingest

    conn = connect(data_dir / "bouncedesk.sqlite3")
    seed_bounces(conn, 6)
    ingest(conn, bounce(RECIPIENT, at=NOW - 3600, status="5.1.1", diagnostic=f"550 5.1.1 {HOSTILE}"), NOW,
           key="test:hostile")  # fmt: skip
    diag = conn.execute("SELECT diagnostic FROM results WHERE email = ?", (RECIPIENT,)).fetchone()[0]
    conn.close()
    assert HOSTILE in diag  # the parser kept the stranger's text as it came
    return make_gui(data_dir), diag


def _row_of(model, email: str) -> int:
    for row in range(model.rowCount()):
        if model.value(row, "email") == email:
            return row
    raise AssertionError(f"{email} not in the list")


def test_bounces_list_tooltip_and_cell_show_the_characters(hostile) -> None:
    gui, diag = hostile
    page = gui.open("bounces")
    model = page.model
    row = _row_of(model, RECIPIENT)
    col = [c.key for c in model.spec.columns].index("diagnostic")
    idx = model.index(row, col)
    assert model.data(idx, Qt.ItemDataRole.DisplayRole) == diag  # item views paint display text plainly
    tip = model.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert rendered(tip) == diag
    # Show it for real, as a hover would: the tooltip label holds the literal text and paints.
    view = page.view.table
    QToolTip.showText(view.viewport().mapToGlobal(view.visualRect(idx).center()), tip, view.viewport())
    gui.qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    label = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QLabel) and w.isVisible()
                 and w.objectName() == "qtooltip_label")  # fmt: skip
    assert label.grab().width() > 0
    doc = QTextDocument()
    doc.setHtml(label.text())
    assert doc.toPlainText() == diag
    QToolTip.hideText()


def test_every_list_tooltip_is_inert(hostile) -> None:
    """Every column of every list: a tooltip, if any, renders to exactly the cell's text."""
    gui, _ = hostile
    for name in ("retries", "recipients", "bounces", "suppressions"):
        model = gui.open(name).model
        for row in range(min(model.rowCount(), 20)):
            for col in range(model.columnCount()):
                tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
                if tip is None:
                    continue
                c = model.spec.columns[col]
                raw = model.data(model.index(row, col), Qt.ItemDataRole.UserRole + 1)
                expected = c.tip(raw) if c.tip else model.data(model.index(row, col), Qt.ItemDataRole.DisplayRole)
                assert rendered(tip) == expected, (name, c.key)


def test_detail_pane_and_timeline_show_the_characters(hostile) -> None:
    gui, diag = hostile
    page = gui.open("bounces")
    page.select_rows([_row_of(page.model, RECIPIENT)])
    v = page.detail.view
    assert v.diagnostic.toPlainText() == diag
    for lab in v.findChildren(QLabel):
        if HOSTILE in lab.text():
            assert lab.textFormat() == Qt.TextFormat.PlainText
    assert v.timeline.topLevelItemCount() >= 1
    for i in range(v.timeline.topLevelItemCount()):
        item = v.timeline.topLevelItem(i)
        assert rendered(item.toolTip(1)).replace("\n", " · ") == item.text(1)
    v.tabs.setCurrentWidget(v.raw)
    assert HOSTILE in v.raw.toPlainText()


def test_log_status_bar_and_undo_bar_show_the_characters(hostile) -> None:
    gui, diag = hostile
    gui.open("log")
    logging.getLogger("bouncedesk.test").warning("server said %s", diag)
    gui.qtbot.waitUntil(lambda: any(diag in x for x in gui.c.log.lines()))
    gui.c.status(f"Could not retry: {diag}", error=True)
    assert gui.window.status_error.textFormat() == Qt.TextFormat.PlainText
    assert gui.window.status_error.text().endswith(diag)
    gui.window.undo_bar.offer(f"Suppressed {diag}")
    assert gui.window.undo_bar.text.textFormat() == Qt.TextFormat.PlainText
    gui.window.grab()  # paints with the text in it, no resource is loaded


def test_plain_tip_keeps_line_breaks_and_cuts_long_text(qapp) -> None:
    from bouncedesk.ui.format import MAX_TIP_CHARS, plain_tip

    assert plain_tip("") is None and plain_tip(None) is None
    assert rendered(plain_tip("a\n  <b>b</b> & c")) == "a\n  <b>b</b> & c"
    long = "x" * (MAX_TIP_CHARS + 50)
    assert rendered(plain_tip(long)) == "x" * MAX_TIP_CHARS + "…"


def test_disk_full_in_a_background_job_reaches_the_gui_as_one_line(ctx, qtbot, data_dir) -> None:
    """SQLite's real SQLITE_FULL (page limit) in a worker: the job's failed signal carries our line."""
    from bouncedesk.store.db import connect, transaction
    from bouncedesk.ui.workers import run_job

    def work() -> None:
        conn = connect(data_dir / "bouncedesk.sqlite3", upgrade=False)
        try:
            conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
            with transaction(conn):
                conn.execute("INSERT INTO settings(key, value, updated_at) VALUES ('pad', ?, 1)", ("x" * 200_000,))
        finally:
            conn.close()

    failures: list[str] = []
    run_job(ctx.pool, work, on_failed=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    ctx.drain()
    assert failures[0].startswith("disk full:") and "nothing was lost" in failures[0]
    assert "\n" not in failures[0] and "OperationalError" not in failures[0]
