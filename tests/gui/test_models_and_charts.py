"""Every custom model through qtmodeltester on a real store; the dashboard's chart after new
bounces arrive (files dropped on the window go through the real import)."""

from __future__ import annotations

import numpy as np
import pytest

from bouncedesk.ui.models.tables import BouncesModel, RecipientsModel, RetriesModel, SuppressionsModel
from tests.bounce_factory import bounce
from tests.gui.conftest import DAY, NOW


@pytest.mark.parametrize("make", [
    lambda ctx: RetriesModel(ctx, lambda: 4), RecipientsModel, SuppressionsModel, BouncesModel,
], ids=["retries", "recipients", "suppressions", "bounces"])  # fmt: skip
def test_each_model_passes_qtmodeltester(qtmodeltester, qapp, seeded, make):
    from bouncedesk.ui.context import AppContext

    ctx = AppContext.open(seeded, clock=lambda: NOW)
    try:
        model = make(ctx)
        model.reload(sync=True)
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
        qtmodeltester.check(model)  # and Qt's own QAbstractItemModelTester
    finally:
        ctx.close()


def test_chart_shows_new_bounces_after_they_arrive(gui, tmp_path):
    d = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: d.data is not None)
    chart = d.view.chart
    days = d.data.series.days
    assert len(days) == 30 and days[-1] == NOW // DAY * DAY
    hard_before = chart.bar_heights("hard").copy()
    soft_before = chart.bar_heights("soft").copy()
    conn = gui.ctx.conn
    rollup_hard = conn.execute(
        "SELECT coalesce(sum(count), 0) FROM daily_rollup WHERE kind='bounce' AND reason='userunknown'"
    ).fetchone()[0]
    assert hard_before.sum() == rollup_hard

    # three new hard bounces dated yesterday, dropped on the window as files
    files = []
    for i in range(3):
        p = tmp_path / f"new{i}.eml"
        p.write_bytes(bounce(f"late{i}@new.example", at=NOW - DAY + 600, status="5.1.1",
                             diagnostic="550 5.1.1 User unknown", message_id=f"<late{i}@shop.example>"))  # fmt: skip
        files.append(str(p))
    old = d.data
    gui.window.filesDropped.emit(files)
    gui.qtbot.waitUntil(lambda: d.data is not old, timeout=10_000)
    gui.idle()
    hard_after = chart.bar_heights("hard")
    diff = hard_after - hard_before
    assert diff[-2] == 3 and np.count_nonzero(diff) == 1  # yesterday's bar grew by three
    assert np.array_equal(chart.bar_heights("soft"), soft_before)
    assert "3" in gui.c.last_file_result


def test_range_switch_reloads_the_chart(gui):
    d = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: d.data is not None)
    d.view.range_buttons.button(7).click()
    gui.qtbot.waitUntil(lambda: d.data.days == 7)
    assert len(d.view.chart.bar_heights("soft")) == 7
    d.view.range_buttons.button(365).click()
    gui.qtbot.waitUntil(lambda: d.data.days == 365)
    assert len(d.view.chart.bar_heights("soft")) == 365
