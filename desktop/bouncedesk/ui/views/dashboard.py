"""The dashboard: tiles, bounces per day (7/30/90/365 days), the bounce rate, and breakdowns by
reason, status code and domain. Every tile and bar leads to the matching list, filtered.

Numbers come from the daily rollup (kept in the insert transaction) and are loaded on a worker
thread, so opening the dashboard on a store of a million results stays instant.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.classify.codes import describe
from bouncedesk.classify.explain import capitalized, explain_reason, next_step
from bouncedesk.store.settings import load_policy_settings
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries, theme
from bouncedesk.ui.charts import BarList, BarRow, DailyBarsChart, Legend, RateChart
from bouncedesk.ui.context import AppContext, open_reader
from bouncedesk.ui.views.mailings import MailingsPanel, MailingsPanelController
from bouncedesk.ui.widgets import Card, Tile, page_header
from bouncedesk.ui.workers import run_job

RANGES = (7, 30, 90, 365)
DAY = 86400


class DashboardView(QWidget):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header, self.title, self.subtitle = page_header(self.tr("Dashboard"))
        self.range_buttons = QButtonGroup(self)
        ranges = QHBoxLayout()
        ranges.setSpacing(4)
        for days in RANGES:
            b = QPushButton(self.tr("%n day(s)", "", days))
            b.setCheckable(True)
            b.setProperty("days", days)
            b.setToolTip(self.tr("Show the last %n day(s)", "", days))
            self.range_buttons.addButton(b, days)
            ranges.addWidget(b)
        top = QHBoxLayout()
        top.addWidget(header, 1)
        top.addLayout(ranges)

        self.tile_today = Tile(self.tr("Bounces today"))
        self.tile_week = Tile(self.tr("Bounces, last 7 days"))
        self.tile_due = Tile(self.tr("Retries due now"))
        self.tile_suppressed = Tile(self.tr("Suppressed"))
        self.tile_inactive = Tile(self.tr("Inactive"))
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for t in (self.tile_today, self.tile_week, self.tile_due, self.tile_suppressed, self.tile_inactive):
            tiles.addWidget(t, 1, Qt.AlignmentFlag.AlignTop)  # equal widths, tops in one line

        # An empty store: say what to do instead of drawing an empty chart.
        self.empty_card = Card(self.tr("No bounces yet"))
        self.empty_card.setObjectName("EmptyState")
        why = QLabel(self.tr("BounceDesk shows here how many of your e-mails bounced, why, and what to do. "
                             "Bring in bounces one of these ways:"))  # fmt: skip
        why.setWordWrap(True)
        self.empty_card.body.addWidget(why)
        steps = QHBoxLayout()
        steps.setSpacing(8)
        self.add_account = QPushButton(self.tr("Add a mail account…"))
        self.add_account.setProperty("primary", True)
        self.add_account.setToolTip(self.tr("Connect the mailbox that receives your bounces"))
        self.import_files = QPushButton(self.tr("Import bounce files…"))
        self.import_files.setToolTip(self.tr("Read bounces from files, an mbox or a maildir"))
        self.open_demo = QPushButton(self.tr("Open the demo data"))
        self.open_demo.setToolTip(self.tr("Look around in 90 days of demo bounces, in a separate window"))
        for b in (self.add_account, self.import_files, self.open_demo):
            steps.addWidget(b)
        steps.addStretch(1)
        self.empty_card.body.addLayout(steps)
        self.empty_card.hide()

        self.alerts_card = Card(self.tr("Sender-side problems"))
        self.alerts_card.setObjectName("AlertBox")
        self.alerts_card.setMaximumWidth(380)
        hint = QLabel(self.tr("Your sending setup, not the recipients: fix these and the bounces stop."))
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        self.alerts_card.body.addWidget(hint)
        self.alerts = QVBoxLayout()
        self.alerts.setSpacing(10)
        self.alerts_card.body.addLayout(self.alerts)
        self.alerts_card.body.addStretch(1)
        self.alerts_card.hide()

        labels = {
            "hard": self.tr("Hard"), "soft": self.tr("Soft"),
            "complaint": self.tr("Complaint"), "delay": self.tr("Delay"),
        }  # fmt: skip
        self.chart_card = Card(self.tr("Bounces per day"))
        self.chart_card.header.addWidget(Legend([(theme.kind_color(k), labels[k]) for k in theme.KIND_ORDER]))
        self.chart = DailyBarsChart(labels)
        self.chart.setAccessibleName(self.tr("Bounces per day"))
        self.chart.setMinimumHeight(220)
        self.chart.setMaximumHeight(300)
        self.chart_card.body.addWidget(self.chart)
        self.rate_card = Card(self.tr("Bounce rate (bounces per sent message)"))
        self.rate = RateChart()
        self.rate_card.body.addWidget(self.rate)
        self.rate_card.hide()
        self.mailings_card = MailingsPanel()  # the last mailings and their alerts (ui.views.mailings)

        self.reasons_card = Card(self.tr("Top reasons"))
        self.reasons = BarList()
        self.reasons.setAccessibleName(self.tr("Top reasons"))
        self.reasons_card.body.addWidget(self.reasons)
        self.codes_card = Card(self.tr("Top status codes"))
        self.codes = BarList()
        self.codes.setAccessibleName(self.tr("Top status codes"))
        self.codes_card.body.addWidget(self.codes)
        self.domains_card = Card(self.tr("Top recipient domains"))
        self.domains = BarList()
        self.domains.setAccessibleName(self.tr("Top recipient domains"))
        self.domains_card.body.addWidget(self.domains)
        for w in (self.reasons, self.codes, self.domains):
            w.empty_text = self.tr("No bounces in this period")
        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.reasons_card, 0, 0)
        grid.addWidget(self.codes_card, 0, 1)
        grid.addWidget(self.domains_card, 0, 2)
        # the codes carry the longest words (a registry text after the code), domains the shortest
        for col, stretch in enumerate((5, 7, 4)):
            grid.setColumnStretch(col, stretch)

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(20, 14, 20, 16)
        lay.setSpacing(12)
        lay.addLayout(top)
        lay.addLayout(tiles)
        lay.addWidget(self.empty_card)
        middle = QHBoxLayout()
        middle.setSpacing(10)
        middle.addWidget(self.chart_card, 1)
        middle.addWidget(self.alerts_card)
        lay.addLayout(middle)
        lay.addWidget(self.mailings_card)
        lay.addWidget(self.rate_card)
        self.breakdowns = QWidget()
        self.breakdowns.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.breakdowns)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)


def _short_code_text(code: str, lang: str) -> str:
    """The registry's text for a code without the class in brackets ("Mailbox full")."""
    from bouncedesk.classify.codes import lookup

    info = lookup(code)
    return info.text(lang) if info else ""


@dataclass
class DashboardData:
    days: int
    series: queries.DailySeries
    tiles: queries.Tiles
    reasons: list[tuple[str, int]]
    domains: list[tuple[str, int]]
    codes: list[tuple[str, int]] | None = None  # filled in second: it reads results, not the rollup


def load_dashboard(conn, now: int, days: int) -> DashboardData:
    """Everything the rollup answers fast; the status codes come after (see load_codes)."""
    settings = load_policy_settings(conn)
    return DashboardData(
        days=days,
        series=queries.daily_series(conn, now, days),
        tiles=queries.tiles(conn, now, settings, days),
        reasons=queries.breakdown(conn, now, days, "reason"),
        domains=queries.breakdown(conn, now, days, "domain"),
    )


def load_codes(conn, now: int, days: int) -> list[tuple[str, int]]:
    return queries.breakdown_codes(conn, now, days)


class DashboardController(QObject):
    """Loads the numbers off the GUI thread and turns clicks into filtered lists."""

    # The main window opens lists for these: (page name, filter dict)
    openList = Signal(str, dict)
    loaded = Signal()  # tiles, chart, reasons and domains are shown
    codesLoaded = Signal()  # and the status codes

    def __init__(self, ctx: AppContext, view: DashboardView, days: int = 30) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.days = days
        self.data: DashboardData | None = None
        self._codes: tuple[int, list] = (0, [])
        self._gen = 0
        self._dirty = True
        view.range_buttons.button(days).setChecked(True)
        view.range_buttons.idClicked.connect(self.set_range)
        view.tile_today.clicked.connect(lambda: self._open_bounces(since=self._today()))
        view.tile_week.clicked.connect(
            lambda: self._open_bounces(since=self._today() - 6 * DAY, kind="bounce")
        )
        view.tile_due.clicked.connect(lambda: self.openList.emit("retries", {"due_only": True}))
        view.tile_suppressed.clicked.connect(lambda: self.openList.emit("suppressions", {}))
        view.tile_inactive.clicked.connect(lambda: self.openList.emit("recipients", {"state": "inactive"}))
        view.reasons.clicked.connect(
            lambda k: self._open_bounces(reason=k, since=self._since(), kind="bounce")
        )
        view.codes.clicked.connect(lambda k: self._open_bounces(status=k, since=self._since(), kind="bounce"))
        view.domains.clicked.connect(
            lambda k: self._open_bounces(domain=k, since=self._since(), kind="bounce")
        )
        view.chart.dayClicked.connect(lambda d: self._open_bounces(since=d, until=d + DAY))
        view.add_account.clicked.connect(lambda: self._trigger("act_add_account"))
        view.import_files.clicked.connect(lambda: self._trigger("act_import"))
        view.open_demo.clicked.connect(self.open_demo)
        view.open_demo.setVisible(not ctx.demo)
        ctx.signals.changed.connect(self._store_changed)
        self.mailings = MailingsPanelController(ctx, view.mailings_card, self.openList)

    def _today(self) -> int:
        return self.ctx.now() // DAY * DAY

    def _since(self) -> int:
        return self._today() - (self.days - 1) * DAY

    def _trigger(self, action: str) -> None:
        """The empty state's buttons do what the window's menu entries do (File → Import, …)."""
        act = getattr(self.view.window(), action, None)
        if act is not None:
            act.trigger()

    def open_demo(self) -> bool:
        """The demo in a second BounceDesk (`--demo`: a temporary store); this one stays as it is."""
        import sys

        from PySide6.QtCore import QProcess

        args = ["--demo"] if getattr(sys, "frozen", False) else ["-m", "bouncedesk", "--demo"]
        return bool(QProcess.startDetached(sys.executable, args)[0])

    def _open_bounces(self, **flt) -> None:
        self.openList.emit("bounces", flt)

    def set_range(self, days: int) -> None:
        self.days = days
        self.view.range_buttons.button(days).setChecked(True)
        self.reload()

    def activate(self) -> None:
        if self._dirty:
            self.reload()

    def _store_changed(self, what: str) -> None:
        self._dirty = True
        if self.view.isVisible():
            self.reload()

    def reload(self, *, sync: bool = False) -> None:
        self._dirty = False
        self._gen += 1
        gen, days, now, path = self._gen, self.days, self.ctx.now(), self.ctx.db_path
        if sync:
            self._show(gen, load_dashboard(self.ctx.conn, now, days))
            self._show_codes(gen, load_codes(self.ctx.conn, now, days))
            self.mailings.reload(sync=True)
            return

        def work(fn):
            conn = open_reader(path)
            try:
                return fn(conn, now, days)
            finally:
                conn.close()

        # Two jobs: the rollup numbers paint at once; the codes (a scan of results) follow.
        run_job(self.ctx.pool, lambda: work(load_dashboard), lambda d: self._show(gen, d))
        run_job(self.ctx.pool, lambda: work(load_codes), lambda c: self._show_codes(gen, c))
        self.mailings.reload()

    def _show(self, gen: int, data: DashboardData) -> None:
        if gen != self._gen:
            return
        self.data = data
        if self._codes[0] == gen:
            data.codes = self._codes[1]
        v = self.view
        lang = self.ctx.language
        t = data.tiles
        v.tile_today.set_value(t.bounces_today)
        v.tile_week.set_value(t.bounces_week)
        v.tile_due.set_value(t.retries_due)
        v.tile_due.setToolTip(self.tr("%n retry(s) scheduled in total", "", t.retries_pending))
        v.tile_suppressed.set_value(t.suppressed)
        v.tile_inactive.set_value(t.inactive)
        v.subtitle.setText(
            self.tr("%n recipient(s) known", "", t.recipients)
            + (" · " + self.tr("%n paused", "", t.paused) if t.paused else "")
        )
        v.subtitle.show()
        self._show_alerts(t.alerts, lang)
        v.chart.set_series(data.series)
        empty = t.recipients == 0 and not int(data.series.total().sum()) and not data.reasons
        v.empty_card.setVisible(empty)
        v.chart_card.setVisible(not empty)
        v.breakdowns.setVisible(not empty)
        v.rate_card.setVisible(v.rate.set_series(data.series) and not empty)
        v.reasons.set_rows(
            [
                BarRow(k, fmt.reason(k) or self.tr("unknown"), n, explain_reason(k, lang))
                for k, n in data.reasons
            ]
        )
        v.domains.set_rows([BarRow(k, k or self.tr("(none)"), n) for k, n in data.domains])
        self.loaded.emit()

    def _show_codes(self, gen: int, codes: list[tuple[str, int]]) -> None:
        if gen != self._gen:
            return
        lang = self.ctx.language
        self.view.codes.set_rows(
            [BarRow(k, _short_code_text(k, lang) or describe(k, lang), n, describe(k, lang), code=k or "—")
             for k, n in codes]
        )
        self._codes = (gen, codes)
        if self.data is not None:
            self.data.codes = codes
        self.codesLoaded.emit()

    def _show_alerts(self, alerts: list[queries.Alert], lang: str) -> None:
        lay = self.view.alerts
        while lay.count():
            w = lay.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for a in alerts[:3]:
            head = QLabel(
                self.tr("%1 · %n time(s)", "", a.count).replace("%1", capitalized(fmt.reason(a.reason)))
                + (f" · {a.account}" if a.account else "")
            )
            head.setTextFormat(Qt.TextFormat.PlainText)
            f = head.font()
            f.setBold(True)
            head.setFont(f)
            head.setCursor(Qt.CursorShape.PointingHandCursor)
            head.mousePressEvent = lambda _e, r=a.reason: self._open_bounces(  # type: ignore[method-assign]
                reason=r, since=self._since(), kind="bounce"
            )  # a click shows those bounces, like the other tiles
            what = QLabel(next_step(a.reason, lang))
            what.setTextFormat(Qt.TextFormat.PlainText)
            what.setWordWrap(True)
            box = QWidget()
            box.setToolTip(explain_reason(a.reason, lang))
            bl = QVBoxLayout(box)
            bl.setContentsMargins(0, 0, 0, 0)
            bl.setSpacing(2)
            bl.addWidget(head)
            bl.addWidget(what)
            lay.addWidget(box)
        if len(alerts) > 3:
            more = QPushButton(self.tr("and %n more", "", len(alerts) - 3))
            more.setFlat(True)
            more.setObjectName("Link")
            more.setToolTip(self.tr("Everyone whose last bounce was a sender-side problem"))
            more.clicked.connect(lambda: self.openList.emit("recipients", {"segment": "sender-side"}))
            lay.addWidget(more)
        self.view.alerts_card.setVisible(bool(alerts))
