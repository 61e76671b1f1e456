"""The Providers page on a real store: providers with sent, bounced, rate and problems; the selected
provider's rate chart and its named problems with the fix and the page's name as plain text; the
way from a problem to the Bounces list filtered to it; hostile server words stay text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from bouncedesk import store
from bouncedesk.dsn.sentmail import SOURCE_SENT_FOLDER, SentHeader
from bouncedesk.intake.ingest import Ingestor
from bouncedesk.intake.rows import Incoming
from bouncedesk.store.sent import add_sent_messages
from bouncedesk.ui.mainwindow import PAGES
from bouncedesk.ui.views.providers import ProvidersModel
from tests.bounces import dsn
from tests.gui.conftest import NOW

DAY = 86400
HOSTILE = "<b>bold</b> <a href='https://evil.example'>click</a>"


def _fill(data_dir: Path) -> None:
    """Gmail: 50 sent, 2 hard + 3 Spamhaus; Microsoft: 20 sent, 1 S3150; others: 1 DMARC (nothing sent known)."""
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        heads = [SentHeader(f"<g{i}@shop.example>", NOW - 2 * DAY, "News", "news@shop.example", (f"g{i}@gmail.com",))
                 for i in range(50)]  # fmt: skip
        heads += [SentHeader(f"<m{i}@shop.example>", NOW - 2 * DAY, "News", "news@shop.example",
                             (f"m{i}@outlook.de",)) for i in range(20)]  # fmt: skip
        add_sent_messages(conn, 0, heads, source=SOURCE_SENT_FOLDER)
        msgs = [dsn(f"g{i}@gmail.com", "5.1.1", at=NOW - 2 * DAY + 600, original_id=f"<g{i}@shop.example>")
                for i in range(2)]  # fmt: skip
        msgs += [dsn(f"g{i}@gmail.com", "5.7.1", at=NOW - DAY + i, original_id=f"<g{i}@shop.example>",
                     diagnostic=f"554 5.7.1 Client host [198.51.100.9] blocked using zen.spamhaus.org {HOSTILE}")
                 for i in range(10, 13)]  # fmt: skip
        msgs.append(dsn("m1@outlook.de", "5.7.1", at=NOW - DAY, original_id="<m1@shop.example>",
                        diagnostic="550 5.7.1 Messages from [198.51.100.9] weren't sent: our block list (S3150)."))  # fmt: skip
        msgs.append(dsn("boss@firma.example", "5.7.1", at=NOW - DAY,
                        diagnostic="550 5.7.1 Email rejected per DMARC policy for shop.example"))  # fmt: skip
        Ingestor(conn).ingest_batch([Incoming(m, f"t:{i}") for i, m in enumerate(msgs)], NOW - 3600)
    finally:
        conn.close()


@pytest.fixture
def providers_gui(make_gui, data_dir):
    _fill(data_dir)
    return make_gui(data_dir)


def _texts(model, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_the_page_sits_after_mailings_before_accounts_with_an_icon(providers_gui):
    g = providers_gui
    assert PAGES.index("providers") == PAGES.index("accounts") - 1
    item = g.window.nav.item(PAGES.index("providers"))
    assert item.text() == "Providers" and not item.icon().isNull()


def test_the_page_lists_providers_with_rates_and_shows_the_named_problems(providers_gui, qtbot):
    g = providers_gui
    c = g.open("providers")
    m = c.model
    assert _texts(m, 0) == ["Gmail", "Microsoft", "Others"]
    assert _texts(m, 1) == ["50", "20", "–"]
    assert _texts(m, 2) == ["5", "1", "1"]
    assert _texts(m, 3) == ["10.0 %", "5.0 %", "–"]
    assert _texts(m, 8) == ["1", "1", "1"]
    g.idle()
    assert c.selected_key() == "gmail"
    qtbot.waitUntil(lambda: c.shown.detail is not None and c.shown.detail.health.key == "gmail")
    v = c.view
    assert v.detail_title.text() == "Gmail"
    assert "50 sent, 5 bounced (10.0 %)" in v.detail_summary.text()
    assert v.chart.isVisible() and not v.no_rate.isVisible()
    xs, ys = v.chart.curve.getData()
    assert len(xs) == 30 and np.nanmax(ys) == pytest.approx(4.0)  # 2 of 50 sent that day bounced
    assert c.view.chart.curve.opts["pen"].width() == 1
    assert _texts(c.problems, 0) == ["Spamhaus (ZEN)"]
    assert _texts(c.problems, 1) == ["3"]
    text = v.problem_text.text()
    assert "What to do:" in text and "Spamhaus IP and Domain Reputation Checker" in text
    assert "https://check.spamhaus.org/" in text  # the address as plain text, never a link
    # the servers' words are plain text: hostile markup shows as it is, nothing is a link
    assert v.problem_text.textFormat() == Qt.TextFormat.PlainText and HOSTILE in text
    assert v.problem_text.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert not v.problem_text.openExternalLinks()


def test_selecting_another_provider_shows_its_problem_and_no_rate_without_sent_mail(providers_gui, qtbot):
    g = providers_gui
    c = g.open("providers")
    g.idle()
    c.view.table.selectRow(1)
    g.idle()
    qtbot.waitUntil(lambda: c.shown.detail is not None and c.shown.detail.health.key == "microsoft")
    assert _texts(c.problems, 0) == ["Microsoft block list: your network (S3150)"]
    assert "Microsoft Outlook.com Sender Support" in c.view.problem_text.text()
    c.view.table.selectRow(2)
    g.idle()
    qtbot.waitUntil(lambda: c.shown.detail is not None and c.shown.detail.health.key == "others")
    assert _texts(c.problems, 0) == ["DMARC failed"]
    assert c.view.no_rate.isVisible() and not c.view.chart.isVisible()


def test_a_problem_opens_the_bounces_list_filtered_to_it(providers_gui, qtbot):
    g = providers_gui
    c = g.open("providers")
    g.idle()
    qtbot.waitUntil(lambda: c.shown.detail is not None)
    with qtbot.waitSignal(g.c.pageShown) as shown:
        c.open_bounces()
    assert shown.args == ["bounces"]
    g.idle()
    b = g.c.bounces
    assert b.extra["provider"] == "gmail" and b.extra["listing"] == "spamhaus-zen"
    qtbot.waitUntil(lambda: b.model.rowCount() == 3)
    assert "Gmail" in b.chip.text() and "Spamhaus (ZEN)" in b.chip.text()
    b.clear_extra()
    qtbot.waitUntil(lambda: b.model.rowCount() == 7)


def test_the_period_changes_what_is_counted(providers_gui, qtbot):
    g = providers_gui
    c = g.open("providers")
    g.now = NOW + 40 * DAY  # everything is older than the last 7 days now
    c.view.range.setCurrentIndex(0)
    g.idle()
    qtbot.waitUntil(lambda: c.model.rowCount() == 0)
    assert c.view.empty.isVisible()


def test_the_models_pass_the_model_tester(providers_gui, qtmodeltester):
    c = providers_gui.open("providers")
    providers_gui.idle()
    qtmodeltester.check(c.model)
    qtmodeltester.check(c.problems)
    assert isinstance(c.model, ProvidersModel)
