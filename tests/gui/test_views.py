"""Every view opens on a real store and shows what the store holds; click-through, search,
segments, the detail pane, the log pane, and what the window remembers."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from bouncedesk.ui.mainwindow import PAGES
from tests.gui.conftest import NOW


def count(conn, sql: str, *params) -> int:
    return conn.execute(sql, params).fetchone()[0]


def test_every_view_opens_and_shows_the_store(gui):
    conn = gui.ctx.conn
    expected = {
        "retries": count(conn, "SELECT count(*) FROM recipients WHERE state = 'retrying' AND attempts < 4"),
        "recipients": count(conn, "SELECT count(*) FROM recipients"),
        "bounces": count(conn, "SELECT count(*) FROM results WHERE kind != 'delivered'"),
        "suppressions": count(conn, "SELECT count(*) FROM recipients WHERE state = 'suppressed'"),
    }
    assert all(expected.values()), expected
    for page in PAGES:
        c = gui.open(page)
        assert gui.window.stack.currentWidget() is gui.c.page_widget(page)
        assert gui.window.nav.currentRow() == PAGES.index(page)
        if page in expected:
            assert c.model.rowCount() == expected[page], page
            c.select_rows([0])
            email = c.model.data(c.model.index(0, 1 if page == "bounces" else 0))
            assert c.detail.view.email.text() == email
            assert c.detail.view.code.text()[:1] in "45"  # "4.2.2 — Mailbox full ..."
            assert not c.view.overlay.isVisible()


def test_dashboard_tiles_and_breakdowns_match_the_store(gui):
    conn = gui.ctx.conn
    d = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: d.data is not None and d.data.codes is not None)
    v = d.view
    assert v.tile_suppressed.value.text() == str(
        count(conn, "SELECT count(*) FROM recipients WHERE state='suppressed'")
    )
    week = count(
        conn, "SELECT count(*) FROM results WHERE kind='bounce' AND at >= ?", (NOW // 86400 - 6) * 86400
    )
    assert v.tile_week.value.text() == str(week)
    reasons = dict(conn.execute("SELECT reason, count(*) FROM results WHERE kind='bounce' GROUP BY reason"))
    assert {r.key: r.value for r in v.reasons.rows} == reasons
    codes = dict(conn.execute("SELECT status, count(*) FROM results WHERE kind='bounce' GROUP BY status"))
    assert {r.key: r.value for r in v.codes.rows} == codes
    # the sender-side alert (blocklisted IP) is shown with what to do
    assert v.alerts.count() == 1


def test_clicking_a_breakdown_bar_opens_the_filtered_list(gui):
    d = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: d.data is not None)
    row = next(i for i, r in enumerate(d.view.reasons.rows) if r.key == "userunknown")
    d.view.reasons.click_row(row)
    gui.idle()
    assert gui.c.current_page() == "bounces"
    b = gui.c.bounces
    n = count(gui.ctx.conn, "SELECT count(*) FROM results WHERE reason = 'userunknown'")
    assert b.model.rowCount() == n > 0
    assert {b.model.value(r, "reason") for r in range(n)} == {"userunknown"}
    assert b.chip.isVisible()
    b.chip.click()
    gui.idle()
    assert b.model.rowCount() > n


def test_search_and_state_filters_run_in_sql(gui):
    r = gui.open("recipients")
    r.view.search.setText("@mail3.example")
    r.apply_filter()
    gui.idle()
    assert r.model.rowCount() == count(
        gui.ctx.conn, "SELECT count(*) FROM recipients WHERE domain='mail3.example'"
    )
    r.state.setCurrentIndex(r.state.findData("suppressed"))
    gui.idle()
    n = count(
        gui.ctx.conn, "SELECT count(*) FROM recipients WHERE domain='mail3.example' AND state='suppressed'"
    )
    assert r.model.rowCount() == n > 0


def test_builtin_and_saved_segments(gui):
    r = gui.open("recipients")
    r.segment.setCurrentIndex(next(i for i in range(r.segment.count())
                                   if (r.segment.itemData(i) or {}).get("segment") == "temporarily-disabled"))  # fmt: skip
    gui.idle()
    n = count(
        gui.ctx.conn, "SELECT count(*) FROM recipients WHERE last_status = '4.2.1' AND state != 'active'"
    )
    assert r.model.rowCount() == n > 0
    r.view.search.setText("mail1")
    r.apply_filter()
    gui.idle()
    r.add_saved_segment("Disabled at mail1")
    gui.idle()
    saved = r.model.rowCount()
    r.segment.setCurrentIndex(0)
    r.view.search.clear()
    gui.idle()
    assert r.model.rowCount() > saved
    r.segment.setCurrentIndex(r.segment.findText("★ Disabled at mail1"))
    gui.idle()
    assert r.view.search.text() == "mail1" and r.model.rowCount() == saved


def test_raw_bounce_is_plain_text_and_timeline_lists_events(gui):
    b = gui.open("bounces")
    b.select_rows([0])
    view = b.detail.view
    view.tabs.setCurrentWidget(view.raw)
    assert isinstance(view.raw, QPlainTextEdit)
    assert "Final-Recipient" in view.raw.toPlainText()
    view.tabs.setCurrentWidget(view.timeline)
    assert view.timeline.topLevelItemCount() >= 1


def test_log_pane_shows_log_records(gui):
    gui.open("log")
    logging.getLogger("bouncedesk.test").warning("a line for the log pane")
    gui.qtbot.waitUntil(lambda: any("a line for the log pane" in x for x in gui.c.log.lines()))


def test_window_remembers_last_view_and_size(make_gui, seeded):
    g = make_gui(seeded, prefs="shared.ini")
    g.open("suppressions")
    geometry = g.window.saveGeometry()
    g.window.close()
    # (offscreen, the screen is 800x800 and restoreGeometry clamps sizes to it: compare what was saved)
    assert bytes(g.prefs.get("ui/geometry")) == bytes(geometry)
    g2 = make_gui(seeded, prefs="shared.ini")
    assert g2.c.current_page() == "suppressions"
    assert g2.window.nav.currentRow() == PAGES.index("suppressions")


def test_keyboard_shortcuts_switch_views(gui):
    from PySide6.QtTest import QTest

    gui.window.activateWindow()
    QTest.keyClick(gui.window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    gui.idle()
    assert gui.c.current_page() == "recipients"


def test_tab_order_goes_search_filters_buttons_list_detail(gui):
    r = gui.open("retries")
    v = r.view
    order = [v.search]
    w = v.search
    for _ in range(8):
        w = w.nextInFocusChain()
        while not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisibleTo(v):
            w = w.nextInFocusChain()
        order.append(w)
        if w is v.table:
            break
    assert order[1] is r.due_only
    assert order[2] is r.buttons["retry"]
    assert order[-1] is v.table


def test_column_widths_and_splitter_are_remembered(make_gui, seeded):
    g = make_gui(seeded, prefs="cols.ini")
    r = g.open("recipients")
    r.view.table.setColumnWidth(0, 333)
    g.window.close()
    g2 = make_gui(seeded, prefs="cols.ini")
    assert g2.c.recipients.view.table.columnWidth(0) == 333
