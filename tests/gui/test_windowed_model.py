"""The windowed table model: pages, sort and filter in SQL, stale loads dropped, qtmodeltester."""

from __future__ import annotations

from PySide6.QtCore import Qt

from bouncedesk.ui.models.tables import RecipientsModel
from bouncedesk.ui.models.windowed import PAGE_SIZE, IdRole
from tests.gui.conftest import add_recipients


def test_model_passes_qtmodeltester(qtmodeltester, ctx):
    add_recipients(ctx.conn, 600)
    model = RecipientsModel(ctx)
    model.reload(sync=True)
    assert model.rowCount() == 600
    qtmodeltester.check(model, force_py=True)


def test_rows_are_read_by_page_and_cached(ctx):
    add_recipients(ctx.conn, 3 * PAGE_SIZE + 5)
    model = RecipientsModel(ctx)
    model.reload(sync=True)
    assert model.page_reads == 0
    last = model.rowCount() - 1
    email = model.data(model.index(last, 0))
    assert email.startswith("user") and model.page_reads == 1
    model.data(model.index(last - 1, 3))
    assert model.page_reads == 1  # same page, from the cache
    model.data(model.index(0, 0))
    assert model.page_reads == 2


def test_sort_and_filter_run_in_sql_on_a_worker(qtbot, ctx):
    add_recipients(ctx.conn, 300)
    model = RecipientsModel(ctx)
    with qtbot.waitSignal(model.loaded, timeout=5000) as sig:
        model.sort(0, Qt.SortOrder.DescendingOrder)
    assert sig.args == [300]
    emails = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert emails == sorted(emails, reverse=True)

    with qtbot.waitSignal(model.loaded, timeout=5000) as sig:
        model.set_filter("domain = ?", ["example3.org"])
    assert sig.args[0] == len([i for i in range(300) if i % 7 == 3])
    assert all(model.data(model.index(r, 0)).endswith("@example3.org") for r in range(model.rowCount()))
    rid = model.data(model.index(0, 0), IdRole)
    assert model.row_of_id(rid) == 0


def test_a_stale_load_never_overwrites_a_newer_one(qtbot, ctx):
    add_recipients(ctx.conn, 200)
    model = RecipientsModel(ctx)
    model.set_filter("domain = ?", ["example1.org"])
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter("domain = ?", ["example2.org"])
    ctx.pool.waitForDone()
    qtbot.wait(20)
    assert model.rowCount() > 0
    assert {model.data(model.index(r, 0)).split("@")[1] for r in range(model.rowCount())} == {"example2.org"}
