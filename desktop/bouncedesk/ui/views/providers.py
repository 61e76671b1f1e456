"""The Providers page: per receiving provider (Gmail, Microsoft, ... and your own) what was sent,
what bounced, the bounce rate and complaints; for the selected provider its rate over time and the
sender-side problems named precisely (which blocklist, which check failed) with the fix and the
name of the delisting page, and a way to those bounces.

Everything comes from the small per-provider rollups (store.providers), so the page costs the same
at a thousand or a million results. The servers' words are shown as plain, selectable text only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.classify.receivers import OTHERS
from bouncedesk.store.providers import (
    DAY,
    Problem,
    ProviderDetail,
    ProviderHealth,
    detail,
    needs_backfill,
    overview,
    period,
)
from bouncedesk.ui import format as fmt
from bouncedesk.ui.charts import RateChart
from bouncedesk.ui.context import AppContext, open_reader, open_writer
from bouncedesk.ui.models.rows import RowsModel
from bouncedesk.ui.models.windowed import Column
from bouncedesk.ui.queries import DailySeries
from bouncedesk.ui.widgets import ColumnFitter, page_header, plain_label, setup_table
from bouncedesk.ui.workers import run_job

_t = QCoreApplication.translate
RANGES = (7, 30, 90, 365)
DEFAULT_DAYS = 30


def provider_name(key: str, title: str) -> str:
    """A provider as the user reads it: the data's title, "Others" in the UI's language."""
    return _t("Providers", "Others") if key == OTHERS else title


def rate_text(rate: float | None) -> str:
    return fmt.percent(None if rate is None else rate * 100)


# --- loading (worker threads) ----------------------------------------------------------------------


def _overview(path, now: int, days: int) -> list[ProviderHealth]:
    """Fill in results stored before provider health first (only then a writer), then read."""
    conn = open_reader(path)
    try:
        todo = needs_backfill(conn)
        if not todo:
            return overview(conn, now, days, fill=False)
    finally:
        conn.close()
    conn = open_writer(path)
    try:
        return overview(conn, now, days)
    finally:
        conn.close()


def _detail(path, key: str, now: int, days: int, lang: str) -> ProviderDetail:
    conn = open_reader(path)
    try:
        return detail(conn, key, now, days, lang, fill=False)
    finally:
        conn.close()


# --- models ----------------------------------------------------------------------------------------


class ProvidersModel(RowsModel):
    """One row per provider with data in the period (a handful: never windowed)."""

    def headers(self) -> list[str]:
        return [
            _t("Providers", "Provider"), _t("Providers", "Sent"), _t("Providers", "Bounced"),
            _t("Providers", "Bounce rate"), _t("Providers", "Hard"), _t("Providers", "Soft"),
            _t("Providers", "Sender-side"), _t("Providers", "Complaints"), _t("Providers", "Problems"),
        ]  # fmt: skip

    def title(self, h: ProviderHealth) -> str:
        return provider_name(h.key, h.title)

    def cell(self, row: int, col: int) -> str:
        h = self.rows[row]
        values = (self.title(h), fmt.count(h.sent) if h.sent else "–", fmt.count(h.bounces), rate_text(h.rate), fmt.count(h.hard),
                  fmt.count(h.soft), fmt.count(h.sender_side), fmt.count(h.complaints), fmt.count(h.problems))  # fmt: skip
        return values[col]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[index.row()].key
        return None

    def row_of(self, key: str | None) -> int:
        return next((i for i, h in enumerate(self.rows) if h.key == key), -1)


class ProblemsModel(RowsModel):
    """The selected provider's named sender-side problems, most frequent first."""

    def headers(self) -> list[str]:
        return [_t("Providers", "Problem"), _t("Providers", "Bounces"), _t("Providers", "First seen"),
                _t("Providers", "Last seen")]  # fmt: skip

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        p = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (p.name, fmt.count(p.count), fmt.local_date(p.first_at), fmt.local_date(p.last_at))[
                index.column()
            ]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return p.key
        return None


# --- the page --------------------------------------------------------------------------------------


def _selectable(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ProvidersView(QWidget):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header, self.title, self.subtitle = page_header(
            self.tr("Providers"),
            self.tr("Per receiving provider: what you sent, what bounced, and sender-side problems named "
                    "precisely (which blocklist, which check failed) with the fix."),
        )  # fmt: skip
        self.range = QComboBox()
        for days in RANGES:
            self.range.addItem(self.tr("Last %n day(s)", "", days), days)
        self.range.setCurrentIndex(RANGES.index(DEFAULT_DAYS))
        self.range.setAccessibleName(self.tr("Period"))
        top = QHBoxLayout()
        top.addWidget(header, 1)
        top.addWidget(self.range, 0, Qt.AlignmentFlag.AlignTop)

        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Providers"))
        self.empty = plain_label(self.tr("No sent mail or bounces in this period."))
        self.empty.setObjectName("Muted")
        self.empty.hide()

        self.detail_title = plain_label()
        self.detail_title.setObjectName("CardTitle")
        self.detail_summary = _selectable(plain_label())
        self.chart = RateChart()
        self.chart.setAccessibleName(self.tr("Bounce rate over time"))
        self.no_rate = plain_label(self.tr("No sent mail is known for this provider: no bounce rate."))
        self.no_rate.setObjectName("Muted")
        self.no_rate.hide()
        self.problems = QTableView()
        self.problems.setAccessibleName(self.tr("Sender-side problems"))
        self.no_problems = plain_label(self.tr("No sender-side problems at this provider in this period."))
        self.no_problems.setObjectName("Muted")
        self.problem_text = _selectable(plain_label())
        self.problem_text.setAccessibleName(self.tr("What to do"))
        self.show_bounces = QPushButton(self.tr("Show these bounces"))
        self.show_bounces.setToolTip(
            self.tr("Open Bounces filtered to this problem (double-click does the same)")
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.show_bounces)

        middle = QHBoxLayout()
        chart_box = QVBoxLayout()
        chart_box.addWidget(self.chart, 1)
        chart_box.addWidget(self.no_rate)
        self.chart.setMinimumWidth(340)
        middle.addLayout(chart_box, 2)
        problems_box = QVBoxLayout()
        problems_box.addWidget(self.problems, 1)
        problems_box.addWidget(self.no_problems)
        middle.addLayout(problems_box, 3)
        lower = QWidget()
        lw = QVBoxLayout(lower)
        lw.setContentsMargins(0, 6, 0, 0)
        lw.addWidget(self.detail_title)
        lw.addWidget(self.detail_summary)
        lw.addLayout(middle, 2)
        lw.addWidget(self.problem_text, 1)
        lw.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([200, 500])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 12)
        lay.addLayout(top)
        lay.addWidget(self.empty)
        lay.addWidget(self.splitter, 1)


@dataclass
class _Shown:
    key: str | None = None
    detail: ProviderDetail | None = None


class ProvidersController(QObject):
    """Loads the providers off the GUI thread; the selected one shows its rate and named problems."""

    openList = Signal(str, dict)
    loaded = Signal()  # the providers are listed
    detailLoaded = Signal()  # the selected provider's rate and problems are shown

    def __init__(self, ctx: AppContext, view: ProvidersView) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.model = ProvidersModel(self)
        self.problems = ProblemsModel(self)
        self.shown = _Shown()
        self._gen = 0
        self._gen_detail = 0
        self._dirty = True
        view.table.setModel(self.model)
        view.problems.setModel(self.problems)
        setup_table(view.table)
        setup_table(view.problems)
        # Every column at least as wide as its header (German ones are long); the name takes the rest.
        self.columns = ColumnFitter(view.table, [
            Column("provider", "", "", width=150, stretch=True), *(Column(k, "", "", width=80) for k in (
                "sent", "bounced", "rate", "hard", "soft", "sender_side", "complaints", "problems")),
        ])  # fmt: skip
        self.problem_columns = ColumnFitter(view.problems, [
            Column("problem", "", "", width=220, stretch=True), Column("bounces", "", "", width=70),
            Column("first", "", "", width=100), Column("last", "", "", width=100),
        ])  # fmt: skip
        for t in (view.table, view.problems):
            t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._selected(cur.row()))
        view.problems.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self._show_problem(cur.row())
        )
        view.problems.doubleClicked.connect(lambda _i: self.open_bounces())
        view.show_bounces.clicked.connect(self.open_bounces)
        view.range.currentIndexChanged.connect(lambda _i: self.reload())
        ctx.signals.changed.connect(self._store_changed)
        self._show_detail(None)

    @property
    def days(self) -> int:
        return int(self.view.range.currentData() or DEFAULT_DAYS)

    # --- loading ---------------------------------------------------------------------------

    def activate(self) -> None:
        if self._dirty:
            self.reload()

    def set_filters(self, flt: dict) -> None:
        """From elsewhere: {"provider": key} selects that provider."""
        self.shown.key = flt.get("provider") or self.shown.key
        self.reload()

    def _store_changed(self, _what: str) -> None:
        self._dirty = True
        if self.view.isVisible():
            self.reload()

    def reload(self, *, sync: bool = False) -> None:
        self._dirty = False
        self._gen += 1
        gen, path, now, days = self._gen, self.ctx.db_path, self.ctx.now(), self.days
        if sync:
            self._show(gen, overview(self.ctx.conn, now, days))
            return
        run_job(self.ctx.pool, lambda: _overview(path, now, days), lambda rows: self._show(gen, rows))

    def _show(self, gen: int, rows: list[ProviderHealth]) -> None:
        if gen != self._gen:
            return
        want = self.shown.key
        self.model.set_rows(rows)
        self.view.empty.setVisible(not rows)
        self.view.subtitle.setText(self.tr("%n provider(s) in this period", "", len(rows)))
        row = self.model.row_of(want)
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.view.table.selectRow(row)
        else:
            self._show_detail(None)
        self.loaded.emit()

    def selected_key(self) -> str | None:
        rows = self.view.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].key if rows else None

    # --- the selected provider ---------------------------------------------------------------

    def _selected(self, row: int) -> None:
        h = self.model.rows[row] if 0 <= row < len(self.model.rows) else None
        self.shown.key = h.key if h else self.shown.key
        if h is None:
            self._show_detail(None)
            return
        self._gen_detail += 1
        gen, path, now, days, lang = (
            self._gen_detail,
            self.ctx.db_path,
            self.ctx.now(),
            self.days,
            self.ctx.language,
        )
        run_job(self.ctx.pool, lambda: _detail(path, h.key, now, days, lang), lambda d: self._loaded(gen, d))

    def _loaded(self, gen: int, d: ProviderDetail) -> None:
        if gen != self._gen_detail:
            return
        self._show_detail(d)
        self.detailLoaded.emit()

    def _show_detail(self, d: ProviderDetail | None) -> None:
        v = self.view
        self.shown.detail = d
        for w in (v.detail_title, v.detail_summary, v.chart, v.problems, v.problem_text, v.show_bounces):
            w.setVisible(d is not None)
        v.no_rate.hide()
        v.no_problems.hide()
        if d is None:
            self.problems.set_rows([])
            return
        h = d.health
        v.detail_title.setText(self.model.title(h))
        v.detail_summary.setText(
            self.tr("%1 sent, %2 bounced (%3): %4 hard, %5 soft, %6 sender-side; complaints: %7")
            .replace("%1", fmt.count(h.sent)).replace("%2", fmt.count(h.bounces)).replace("%3", rate_text(h.rate))
            .replace("%4", fmt.count(h.hard)).replace("%5", fmt.count(h.soft)).replace("%6", fmt.count(h.sender_side))
            .replace("%7", fmt.count(h.complaints))
        )  # fmt: skip
        days = np.array([s for s, _, _ in d.series], dtype=np.int64)
        sent = np.array([n for _, n, _ in d.series], dtype=np.int64)
        bounced = np.array([b for _, _, b in d.series], dtype=np.int64)
        series = DailySeries(
            days, {"hard": bounced, "soft": np.zeros_like(bounced)}, sent if sent.any() else None
        )
        has_rate = bool(len(days)) and v.chart.set_series(series)
        v.chart.setVisible(has_rate)
        v.no_rate.setVisible(not has_rate)
        self.problems.set_rows(d.problems)
        v.problems.setVisible(bool(d.problems))
        v.no_problems.setVisible(not d.problems)
        v.show_bounces.setVisible(bool(d.problems))
        if d.problems:
            v.problems.selectRow(0)
            self._show_problem(0)
        else:
            v.problem_text.setText("")
            v.problem_text.hide()

    def problem_text(self, p: Problem) -> str:
        """The fix, the page's name (and address as plain text) and the servers' own words."""
        lines = [p.name, "", self.tr("What to do: %1").replace("%1", p.fix)]
        if p.page:
            page = p.page + (f" — {p.url}" if p.url else "")
            lines.append(self.tr("Where: %1").replace("%1", page))
        if p.examples:
            lines += ["", self.tr("The servers' words:")]
            lines += [f"• {w}" for w in p.examples]
        return "\n".join(lines)

    def _show_problem(self, row: int) -> None:
        p = self.problems.rows[row] if 0 <= row < len(self.problems.rows) else None
        self.view.problem_text.setText(self.problem_text(p) if p else "")
        self.view.problem_text.setVisible(p is not None)
        self.view.show_bounces.setEnabled(p is not None)

    def selected_problem(self) -> Problem | None:
        rows = self.view.problems.selectionModel().selectedRows()
        return self.problems.rows[rows[0].row()] if rows else None

    def open_bounces(self) -> None:
        """Bounces, filtered to the selected provider and problem in the period shown."""
        p, d = self.selected_problem(), self.shown.detail
        if p is None or d is None:
            return
        first, _last = period(self.ctx.now(), self.days)
        self.openList.emit("bounces", {"provider": d.health.key, "listing": p.key, "since": first * DAY})
