"""The dashboard's bounce-rate chart: hidden until the Sent folder's daily counts are known, then the
rate per day in percent with warning lines at 5 % and 10 % — from stored counts, and end to end
from a real Dovecot Sent folder counted by the sync."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pyqtgraph as pg
import pytest

from bouncedesk import store
from tests.bounce_factory import bounce
from tests.gui.conftest import DAY, NOW
from tests.integration import mailgen


def _bounces_per_day(conn) -> dict[int, int]:
    """Bounces per UTC day, counted from the results themselves (not from the chart's rollup)."""
    return dict(conn.execute("SELECT at / 86400, count(*) FROM results WHERE kind = 'bounce' GROUP BY 1"))


def _warning_lines(chart) -> dict[float, str]:
    return {
        it.value(): it.label.textItem.toPlainText()
        for it in chart.getPlotItem().items
        if isinstance(it, pg.InfiniteLine)
    }


def _reload(gui, d) -> None:
    old = d.data
    d.reload()
    gui.qtbot.waitUntil(lambda: d.data is not old, timeout=10_000)
    gui.idle()


def test_rate_chart_appears_with_the_right_percentages_once_sent_counts_exist(gui):
    d = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: d.data is not None)
    assert d.data.series.sent is None and d.view.rate_card.isHidden()  # nothing counted yet: no chart

    conn = gui.ctx.conn
    bounces = _bounces_per_day(conn)
    today = NOW // DAY
    yesterday, two, three = today - 1, today - 2, today - 3
    assert bounces[yesterday] and bounces[two] and bounces[three]
    # Sent counts chosen so the days land below, on and above the warning lines.
    sent = {yesterday: bounces[yesterday] * 8, two: bounces[two] * 20, three: bounces[three] * 100, today - 25: 50}
    store.add_sent_counts(conn, 1, {yesterday: sent[yesterday], two: 5})
    store.add_sent_counts(conn, 2, {two: sent[two] - 5, three: sent[three], today - 25: 50})  # summed over accounts
    _reload(gui, d)

    rate = d.view.rate
    assert d.view.rate_card.isVisible()
    x, y = rate.curve.getData()
    days = d.data.series.days
    assert len(x) == len(days) == 30 and np.allclose(x, days + DAY / 2)
    got = {int(day) // DAY: v for day, v in zip(days, y, strict=True) if np.isfinite(v)}
    expected = {day: 100.0 * bounces.get(day, 0) / n for day, n in sent.items() if today - 29 <= day <= today}
    assert got.keys() == expected.keys()  # days without a sent count have no point (not 0 %)
    for day, pct in expected.items():
        assert got[day] == pytest.approx(pct)
    assert got[yesterday] == pytest.approx(12.5) and got[two] == pytest.approx(5.0) and got[three] == pytest.approx(1.0)
    assert _warning_lines(rate) == {5.0: "5 %", 10.0: "10 %"}
    lo, hi = rate.getPlotItem().viewRange()[1]
    assert lo == 0 and hi >= 12.5  # the highest day and both lines are in view

    # Counts for the other days arrive (another sync): the chart follows.
    store.add_sent_counts(conn, 1, {yesterday: bounces[yesterday] * 12})
    _reload(gui, d)
    _, y2 = rate.curve.getData()
    assert y2[-2] == pytest.approx(100.0 * bounces[yesterday] / (bounces[yesterday] * 20))
    gui.window.grab().save(str(gui.ctx.db_path.parent / "rate.png"))  # renders offscreen without error


@pytest.mark.imap
def test_sync_counts_the_sent_folder_and_the_dashboard_shows_the_rate(make_gui, data_dir, dovecot, keyring_file):
    from bouncedesk.accounts.registry import add_account
    from bouncedesk.mail.accounts import Account
    from bouncedesk.mail.secrets import SecretStore

    yesterday = datetime.fromtimestamp(NOW - DAY + 10 * 3600, UTC)
    with dovecot.client() as c:
        for i in range(25):
            c.append("Sent", mailgen.sent_message(i, "rate"), msg_time=yesterday)
    # Two hard bounces dated yesterday in the inbox: 2 of 25 sent = 8 %.
    dovecot.append([
        bounce(f"gone{i}@rate.example", at=NOW - DAY + 14 * 3600, status="5.1.1",
               diagnostic="550 5.1.1 User unknown", message_id=f"<rate{i}@shop.example>")
        for i in range(2)
    ])  # fmt: skip
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        acc = Account("work", "127.0.0.1", "alice", port=dovecot.port, security="plain")
        add_account(conn, SecretStore.open(), acc, password=dovecot.users["alice"], now=NOW - 2 * DAY)
    finally:
        conn.close()
    gui = make_gui(data_dir)
    d = gui.open("dashboard")
    gui.qtbot.waitUntil(lambda: d.data is not None)
    assert d.view.rate_card.isHidden()

    gui.window.act_sync.trigger()
    with gui.qtbot.waitSignal(gui.c.sync.finished, timeout=60_000) as sig:
        pass
    assert not sig.args[0].error
    assert store.sent_counts(gui.ctx.conn) == {NOW // DAY - 1: 25}
    gui.open("dashboard")
    _reload(gui, d)
    assert d.view.rate_card.isVisible()
    _, y = d.view.rate.curve.getData()
    day = NOW // DAY - 1
    bounced = _bounces_per_day(gui.ctx.conn).get(day, 0)
    assert bounced == 2 and y[-2] == pytest.approx(100.0 * bounced / 25)
    assert not np.isfinite(y[:-2]).any() and not np.isfinite(y[-1])  # only the counted day has a point
