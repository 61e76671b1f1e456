"""The Mailings page and the dashboard's "Last mailings" panel on a real store: the mailings with
their rates and alerts, who bounced in the selected one, the way from there to the bounces, from
the dashboard to the mailing, the filter for single messages, and the alert levels in Settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from bouncedesk import store
from bouncedesk.dsn.sentmail import SOURCE_SENT_FOLDER, SentHeader
from bouncedesk.intake.ingest import Ingestor
from bouncedesk.intake.rows import Incoming
from bouncedesk.store.sent import add_sent_messages
from bouncedesk.store.settings import load_policy_settings
from bouncedesk.ui.views.mailings import AffectedModel, MailingsModel, read_mailings
from tests.bounces import dsn
from tests.gui.conftest import NOW

DAY = 86400
NEWS_AT = NOW - 3 * DAY
SALE_AT = NOW - DAY


def _fill(data_dir: Path) -> None:
    """A newsletter to 200 (2 hard, 1 soft: 1.5 %), a sale to 40 (4 hard, 1 blocked: 12.5 %), one invoice."""
    conn = store.connect(data_dir / "bouncedesk.sqlite3")
    try:
        heads = [
            SentHeader(
                f"<news{i}@shop.example>",
                NEWS_AT + i,
                "Our spring news",
                "news@shop.example",
                (f"reader{i}@example.com",),
                list_key="list:news.shop.example",
            )
            for i in range(200)
        ]
        heads += [
            SentHeader(
                f"<sale{i}@shop.example>",
                SALE_AT + i,
                "Sale: 70 % off",
                "deals@shop.example",
                (f"buyer{i}@example.org",),
            )
            for i in range(40)
        ]
        heads.append(SentHeader("<inv1@shop.example>", SALE_AT, "Your invoice 17", "billing@shop.example",
                                ("customer@example.net",)))  # fmt: skip
        add_sent_messages(conn, 0, heads, source=SOURCE_SENT_FOLDER)
        bounces = [dsn(f"reader{i}@example.com", "5.1.1", original_id=f"<news{i}@shop.example>", at=NEWS_AT + 600)
                   for i in (3, 4)]  # fmt: skip
        bounces.append(
            dsn("reader5@example.com", "4.2.2", original_id="<news5@shop.example>", at=NEWS_AT + 600)
        )
        bounces += [dsn(f"buyer{i}@example.org", "5.1.1", original_id=f"<sale{i}@shop.example>", at=SALE_AT + 600)
                    for i in range(4)]  # fmt: skip
        bounces.append(
            dsn("buyer9@example.org", "5.7.1", original_id="<sale9@shop.example>", at=SALE_AT + 600)
        )
        bounces.append(
            dsn("customer@example.net", "5.1.1", original_id="<inv1@shop.example>", at=SALE_AT + 600)
        )
        Ingestor(conn).ingest_batch([Incoming(b, f"t:{i}") for i, b in enumerate(bounces)], NOW - 3600)
    finally:
        conn.close()


@pytest.fixture
def mailings_gui(make_gui, data_dir):
    _fill(data_dir)
    return make_gui(data_dir)


def _texts(model, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_the_page_lists_mailings_with_rates_and_alerts_and_leads_to_the_bounces(mailings_gui):
    g = mailings_gui
    page = g.open("mailings")
    g.idle()
    m = page.model
    assert _texts(m, 1) == ["Sale: 70 % off", "Our spring news"]  # newest first; the single invoice left out
    assert _texts(m, 3) == ["40", "200"] and _texts(m, 4) == ["4", "2"] and _texts(m, 6) == ["1", "0"]
    assert _texts(m, 7) == ["12.5 %", "1.5 %"]
    assert _texts(m, 9) == ["Bounces ≥ 10 %", ""]
    assert "stop and clean the list" in m.index(0, 9).data(Qt.ItemDataRole.ToolTipRole)
    assert m.index(0, 9).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "1 with an alert" in page.view.subtitle.text()

    page.view.table.selectRow(0)
    g.idle()
    assert page.view.detail_title.text() == "Sale: 70 % off"
    assert "Bounced: 5 (12.5 %): 4 hard, 0 soft, 1 sender-side" in page.view.detail_summary.text()
    assert page.view.detail_alert.text().startswith("Bounce rate 10 % or more")
    assert _texts(page.affected, 0) == [f"buyer{i}@example.org" for i in range(4)] + ["buyer9@example.org"]
    assert (
        _texts(page.affected, 1)[-1] == "sender-side problem" and _texts(page.affected, 5)[0] == "suppressed"
    )

    page.view.affected.selectRow(4)
    with g.qtbot.waitSignal(page.openList) as sig:
        page.view.affected.doubleClicked.emit(page.affected.index(4, 0))
    assert sig.args == ["bounces", {"search": "buyer9@example.org"}]
    g.idle()
    assert g.c.current_page() == "bounces"
    assert g.c.bounces.view.search.text() == "buyer9@example.org"


def test_single_messages_show_with_all_and_the_models_pass_the_tester(mailings_gui, qtmodeltester):
    g = mailings_gui
    page = g.open("mailings")
    page.view.scope.setCurrentIndex(1)
    g.idle()
    assert _texts(page.model, 1) == ["Your invoice 17", "Sale: 70 % off", "Our spring news"]
    assert _texts(page.model, 7)[0] == "100.0 %" and _texts(page.model, 9)[0] == ""  # one recipient: no alert
    qtmodeltester.check(page.model, force_py=True)
    page.load_affected_now(page.model.rows[0].id)
    qtmodeltester.check(page.affected, force_py=True)
    empty = MailingsModel()
    qtmodeltester.check(empty, force_py=True)
    qtmodeltester.check(AffectedModel(), force_py=True)


def test_the_dashboard_shows_the_last_mailings_and_a_click_opens_the_mailing(mailings_gui):
    g = mailings_gui
    g.open("dashboard")
    g.idle()
    panel = g.c.dashboard.view.mailings_card
    assert panel.isVisible()
    rows = [panel.rows.itemAt(i).widget() for i in range(panel.rows.count())]
    texts = [" | ".join(lab.text() for lab in r.findChildren(type(panel.title))) for r in rows]
    assert len(rows) == 2 and "Sale: 70 % off" in texts[0] and "40 sent · 5 bounced (12.5 %)" in texts[0]
    assert "Bounces ≥ 10 %" in texts[0] and "Bounces ≥" not in texts[1]
    g.qtbot.mouseClick(rows[1], Qt.MouseButton.LeftButton)
    g.idle()
    page = g.c.mailings
    assert g.c.current_page() == "mailings" and page.selected_id() == page.model.rows[1].id
    assert page.view.detail_title.text() == "Our spring news"
    assert _texts(page.affected, 0) == ["reader3@example.com", "reader4@example.com", "reader5@example.com"]
    panel.all.click()
    g.idle()
    assert g.c.current_page() == "mailings"


def test_a_single_message_asked_for_from_elsewhere_switches_the_page_to_all(mailings_gui):
    g = mailings_gui
    invoice = next(m.id for m in read_mailings(g.ctx.conn, 1, 10).mailings if m.subject == "Your invoice 17")
    page = g.open("mailings", {"mailing": invoice})
    g.idle()
    assert page.view.scope.currentIndex() == 1 and page.selected_id() == invoice


def test_the_alert_levels_are_edited_in_settings_and_the_page_follows(mailings_gui):
    g = mailings_gui
    c = g.c.open_settings()
    tab = c.mailings
    assert (tab.warn.value(), tab.high.value(), tab.complaints.value(), tab.window_hours.value()) == (
        5,
        10,
        0.3,
        24,
    )
    tab.warn.setValue(1.0)
    tab.high.setValue(20.0)
    tab.complaints.setValue(0.1)
    assert c.save()
    s = load_policy_settings(g.ctx.conn)
    assert (s.mailing_warn_percent, s.mailing_high_percent, s.mailing_complaint_percent) == (1.0, 20.0, 0.1)
    page = g.open("mailings")
    g.idle()
    assert _texts(page.model, 9) == ["Bounces ≥ 1 %", "Bounces ≥ 1 %"]
    c = g.c.open_settings()
    c.mailings.warn.setValue(30.0)  # above the urgent level: refused with the policy's words
    assert not c.save() and "urgent" in c.d.error.text()
    c.d.reject()


def test_help_says_how_mailings_are_counted_and_where_the_alert_levels_come_from(mailings_gui):
    h = mailings_gui.c.open_help()
    text = h.text()
    assert "Mailings (your settings)" in text and "within 1 day" in text
    assert "Warning at 5 % bounces — Amazon SES" in text and "Urgent at 10 % bounces" in text
    assert "Alert at 0.3 % complaints — Since 2024 Google and Yahoo" in text
    h.view.close()


def test_an_empty_store_says_where_mailings_come_from_and_a_subject_stays_plain_text(make_gui, data_dir):
    g = make_gui(data_dir)
    page = g.open("mailings")
    g.idle()
    assert page.view.empty.isVisible() and "bouncedesk import --sent" in page.view.empty.text()
    assert not g.c.dashboard.view.mailings_card.isVisible()
    hostile = '<img src="http://x.example/p.png"><b>Sale</b>'
    add_sent_messages(g.ctx.conn, 0, [SentHeader(f"<h{i}@shop.example>", NOW - DAY, hostile, "a@shop.example",
                                                 (f"p{i}@example.com",)) for i in range(6)], source=SOURCE_SENT_FOLDER)  # fmt: skip
    g.ctx.notify("results")
    page.reload()
    g.idle()
    page.view.table.selectRow(0)
    g.idle()
    assert not page.view.empty.isVisible()
    assert page.view.detail_title.text() == hostile
    assert page.view.detail_title.textFormat() == Qt.TextFormat.PlainText
    assert "&lt;img" in page.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
