"""The Mailings page (what was sent as one mailing: recipients, bounces, complaints, rates, alerts;
for the selected mailing who bounced, with a way to that person's bounces) and the dashboard's
compact "Last mailings" panel.

Both read the `mailings` table (store.mailings), which keeps its counts, so the page costs the
same at a thousand or a million results; a worker first groups new sent mail and counts mailings
that changed, when there are any.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.policy.mailings import BOUNCE_HIGH, BOUNCE_WARN, MailingAlert, mailing_alert, percent
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.mailings import (
    COMPLAINT,
    HARD,
    MIN_LISTED,
    SENDER_SIDE,
    Affected,
    Mailing,
    affected_recipients,
    bring_up_to_date,
    list_mailings,
    needs_update,
)
from bouncedesk.store.settings import load_policy_settings
from bouncedesk.ui import format as fmt
from bouncedesk.ui import theme
from bouncedesk.ui.context import AppContext, open_reader, open_writer
from bouncedesk.ui.models.rows import RowsModel
from bouncedesk.ui.models.windowed import Column
from bouncedesk.ui.widgets import Card, ColumnFitter, page_header, plain_label, setup_table
from bouncedesk.ui.workers import run_job

_t = QCoreApplication.translate
PAGE_LIMIT = 500  # mailings the page lists (newest first)
PANEL_LIMIT = 5  # on the dashboard


# --- words -----------------------------------------------------------------------------------------


def rate_text(part: int, whole: int) -> str:
    return fmt.percent(percent(part, whole))


def short_alert_text(alert: MailingAlert, s: PolicySettings) -> str:
    """The alert for a table cell ('' when the mailing is fine): "Bounces ≥ 10 %"."""
    parts = []
    if alert.bounce:
        level = s.mailing_high_percent if alert.bounce == BOUNCE_HIGH else s.mailing_warn_percent
        parts.append(_t("Mailings", "Bounces ≥ %1 %").replace("%1", fmt.decimal(level)))
    if alert.complaints:
        parts.append(_t("Mailings", "Complaints ≥ %1 %").replace("%1", fmt.decimal(s.mailing_complaint_percent)))
    return " · ".join(parts)


def alert_text(alert: MailingAlert, s: PolicySettings) -> str:
    """The alert in words ('' when the mailing is fine)."""
    parts = []
    if alert.bounce == BOUNCE_HIGH:
        parts.append(_t("Mailings", "Bounce rate %1 % or more: stop and clean the list").replace(
            "%1", fmt.decimal(s.mailing_high_percent)))  # fmt: skip
    elif alert.bounce == BOUNCE_WARN:
        parts.append(_t("Mailings", "Bounce rate %1 % or more").replace("%1", fmt.decimal(s.mailing_warn_percent)))
    if alert.complaints:
        parts.append(
            _t("Mailings", "Complaints %1 % or more").replace("%1", fmt.decimal(s.mailing_complaint_percent))
        )
    return " · ".join(parts)


def alert_color(alert: MailingAlert) -> str | None:
    c = theme.colors()
    return {BOUNCE_HIGH: c.danger, BOUNCE_WARN: c.warn_text or c.warn}.get(alert.level)


def what_text(what: str) -> str:
    return {
        HARD: _t("Mailings", "hard bounce"), SENDER_SIDE: _t("Mailings", "sender-side problem"),
        COMPLAINT: _t("Mailings", "complaint"),
    }.get(what, _t("Mailings", "soft bounce"))  # fmt: skip


# --- loading (worker threads) ----------------------------------------------------------------------


@dataclass
class MailingsData:
    settings: PolicySettings
    mailings: list[Mailing]


def _ready(path, min_sent: int, limit: int) -> MailingsData:
    """Group and count what changed (only then a writer), then read the newest mailings."""
    conn = open_reader(path)
    try:
        stale = needs_update(conn)
    finally:
        conn.close()
    conn = open_writer(path) if stale else open_reader(path)
    try:
        return read_mailings(conn, min_sent, limit, update=stale)
    finally:
        conn.close()


def read_mailings(
    conn: sqlite3.Connection, min_sent: int, limit: int, *, update: bool = True
) -> MailingsData:
    settings = load_policy_settings(conn)
    if update:
        bring_up_to_date(conn, settings.mailing_window_hours)
    return MailingsData(settings, list_mailings(conn, min_sent=min_sent, limit=limit))


def _affected(path, mailing_id: int) -> list[Affected]:
    conn = open_reader(path)
    try:
        return affected_recipients(conn, mailing_id)
    finally:
        conn.close()


# --- models ----------------------------------------------------------------------------------------


class MailingsModel(RowsModel):
    """The listed mailings (bounded: PAGE_LIMIT), read-only."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = PolicySettings()
        self.alerts: list[MailingAlert] = []

    def headers(self) -> list[str]:
        return [
            _t("Mailings", "Sent on"), _t("Mailings", "Subject"), _t("Mailings", "Sender"),
            _t("Mailings", "Recipients"), _t("Mailings", "Hard"), _t("Mailings", "Soft"),
            _t("Mailings", "Sender-side"), _t("Mailings", "Bounce rate"), _t("Mailings", "Complaints"),
            _t("Mailings", "Alert"),
        ]  # fmt: skip

    def set_rows(self, data: MailingsData) -> None:
        self.beginResetModel()
        self.rows, self.settings = data.mailings, data.settings
        self.alerts = [mailing_alert(m.sent, m.bounced, m.complaints, data.settings) for m in data.mailings]
        self.endResetModel()

    def cell(self, row: int, col: int) -> str:
        m, a = self.rows[row], self.alerts[row]
        values = (
            fmt.local_time(m.first_at), m.subject, m.sender, fmt.count(m.sent), str(m.hard),
            str(m.soft), str(m.sender_side), rate_text(m.bounced, m.sent), str(m.complaints),
            short_alert_text(a, self.settings),
        )  # fmt: skip
        return values[col]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(r, c)
        if role == Qt.ItemDataRole.ForegroundRole and c in (7, 9):
            color = alert_color(self.alerts[r])
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.ToolTipRole and c in (1, 2, 9):
            return fmt.plain_tip(alert_text(self.alerts[r], self.settings) if c == 9 else self.cell(r, c))
        if role == Qt.ItemDataRole.TextAlignmentRole and 3 <= c <= 8:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.rows[r].id
        return None

    def row_of(self, mailing_id: int) -> int:
        return next((i for i, m in enumerate(self.rows) if m.id == mailing_id), -1)


class AffectedModel(RowsModel):
    """The selected mailing's recipients that bounced or complained (bounded by affected_recipients)."""

    def headers(self) -> list[str]:
        return [
            _t("Mailings", "Recipient"), _t("Mailings", "What"), _t("Mailings", "Code"),
            _t("Mailings", "Reason"), _t("Mailings", "When"), _t("Mailings", "State now"),
        ]  # fmt: skip

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        a = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            what = what_text(a.what)
            if a.complained and a.what != COMPLAINT:
                what += " + " + what_text(COMPLAINT)
            return (a.email, what, a.status, fmt.reason(a.reason), fmt.local_time(a.at), fmt.state(a.state))[
                index.column()
            ]
        if role == Qt.ItemDataRole.UserRole:
            return a.email
        return None


# --- the page --------------------------------------------------------------------------------------


class MailingsView(QWidget):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header, self.title, self.subtitle = page_header(
            self.tr("Mailings"),
            self.tr("What you sent as one mailing (read from your Sent folder), how many of its recipients "
                    "bounced or complained, and whether the rates call for action."),
        )  # fmt: skip
        self.scope = QComboBox()
        self.scope.addItem(self.tr("Mailings to %n or more recipients", "", MIN_LISTED), MIN_LISTED)
        self.scope.addItem(self.tr("All, also single messages"), 1)
        self.scope.setAccessibleName(self.tr("Which mailings"))
        top = QHBoxLayout()
        top.addWidget(header, 1)
        top.addWidget(self.scope, 0, Qt.AlignmentFlag.AlignTop)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Mailings"))
        self.empty = plain_label(self.tr("No mailings yet. BounceDesk reads them from the Sent folder of your "
                                         "accounts at each sync; a Sent folder kept in files: bouncedesk import --sent FILE."))  # fmt: skip
        self.empty.setObjectName("Muted")
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.detail_title = plain_label()
        self.detail_title.setObjectName("CardTitle")
        self.detail_title.setWordWrap(True)
        self.detail_summary = plain_label()
        self.detail_summary.setWordWrap(True)
        self.detail_alert = plain_label()
        self.detail_alert.setWordWrap(True)
        self.affected = QTableView()
        self.affected.setAccessibleName(self.tr("Recipients who bounced or complained"))
        self.show_bounces = QPushButton(self.tr("Show their bounces"))
        self.show_bounces.setToolTip(
            self.tr("Open Bounces for the selected recipient (double-click does the same)")
        )
        self.show_recipient = QPushButton(self.tr("Show recipient"))
        self.show_recipient.setToolTip(self.tr("Open Recipients for the selected address"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.show_bounces)
        buttons.addWidget(self.show_recipient)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 6, 0, 0)
        ll.addWidget(self.detail_title)
        ll.addWidget(self.detail_summary)
        ll.addWidget(self.detail_alert)
        ll.addWidget(self.affected, 1)
        ll.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 12)
        lay.addLayout(top)
        lay.addWidget(self.empty)
        lay.addWidget(self.splitter, 1)


class MailingsController(QObject):
    """Loads the mailings off the GUI thread; a selected mailing shows its affected recipients."""

    openList = Signal(str, dict)
    loaded = Signal()  # the mailings are listed
    affectedLoaded = Signal()  # the selected mailing's recipients are shown

    def __init__(self, ctx: AppContext, view: MailingsView) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.model = MailingsModel(self)
        self.affected = AffectedModel(self)
        self._gen = 0
        self._gen_aff = 0  # the newest load of the selected mailing's recipients
        self._dirty = True
        self._want: int | None = None  # a mailing to select once loaded (from the dashboard)
        view.table.setModel(self.model)
        view.affected.setModel(self.affected)
        setup_table(view.table)
        # Subject takes the spare width; on a narrow window the sender and the split counts give way
        # (the detail below the table still shows them), so date, rate and alert stay readable.
        mid = Qt.TextElideMode.ElideMiddle
        self.columns = ColumnFitter(view.table, [
            Column("sent_on", "", "", width=140), Column("subject", "", "", width=220, stretch=True),
            Column("sender", "", "", width=170, elide=mid, drop=1), Column("sent", "", "", width=84),
            Column("hard", "", "", width=50, drop=4), Column("soft", "", "", width=50, drop=2),
            Column("sender_side", "", "", width=90, drop=3), Column("rate", "", "", width=90),
            Column("complaints", "", "", width=90, drop=5), Column("alert", "", "", width=150),
        ])  # fmt: skip
        setup_table(view.affected)
        self.affected_columns = ColumnFitter(view.affected, [
            Column("recipient", "", "", width=240, elide=mid, stretch=True), Column("what", "", "", width=150),
            Column("code", "", "", width=60), Column("reason", "", "", width=170), Column("when", "", "", width=130),
            Column("state", "", "", width=90),
        ])  # fmt: skip
        view.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.affected.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._selected(cur.row()))
        view.affected.doubleClicked.connect(lambda _i: self.open_bounces())
        view.show_bounces.clicked.connect(self.open_bounces)
        view.show_recipient.clicked.connect(self.open_recipient)
        view.scope.currentIndexChanged.connect(lambda _i: self.reload())
        ctx.signals.changed.connect(self._store_changed)
        self._show_detail(None)

    # --- loading ---------------------------------------------------------------------------

    def activate(self) -> None:
        if self._dirty:
            self.reload()

    def set_filters(self, flt: dict) -> None:
        """From the dashboard: {"mailing": id} selects that mailing."""
        self._want = flt.get("mailing")
        if self._want is not None and self.model.row_of(self._want) >= 0 and not self._dirty:
            self._select_wanted()
        else:
            self.reload()

    def _store_changed(self, _what: str) -> None:
        self._dirty = True
        if self.view.isVisible():
            self.reload()

    def reload(self, *, sync: bool = False) -> None:
        self._dirty = False
        self._gen += 1
        gen, path = self._gen, self.ctx.db_path
        min_sent = int(self.view.scope.currentData() or MIN_LISTED)
        if sync:
            self._show(gen, read_mailings(self.ctx.conn, min_sent, PAGE_LIMIT))
            return
        run_job(self.ctx.pool, lambda: _ready(path, min_sent, PAGE_LIMIT), lambda d: self._show(gen, d),
                self._failed)  # fmt: skip

    def _failed(self, message: str) -> None:
        """A store fault (a full disk, a locked file) in one line where the count stands."""
        self.view.subtitle.setText(message)
        self.view.subtitle.show()

    def _show(self, gen: int, data: MailingsData) -> None:
        if gen != self._gen:
            return
        current = self.selected_id()
        self.model.set_rows(data)
        self.view.empty.setVisible(not data.mailings)
        warn = sum(1 for a in self.model.alerts if a)
        self.view.subtitle.setText(
            self.tr("%n mailing(s)", "", len(data.mailings))
            + (" · " + self.tr("%n with an alert", "", warn) if warn else "")
        )
        self.view.subtitle.show()
        self._select_wanted(current)
        self.loaded.emit()

    def _select_wanted(self, current: int | None = None) -> None:
        """Select the mailing asked for from elsewhere, else the one selected before a reload."""
        want, self._want = self._want, None
        target = want if want is not None else current
        row = self.model.row_of(target) if target is not None else -1
        if row < 0 and want is not None and self.view.scope.currentIndex() == 0:
            self._want = want
            self.view.scope.setCurrentIndex(1)  # a small mailing: list them all (reloads)
            return
        if row >= 0:
            self.view.table.selectRow(row)
            self.view.table.scrollTo(self.model.index(row, 0))
        else:
            self.view.table.clearSelection()
            self._show_detail(None)

    def selected_id(self) -> int | None:
        rows = self.view.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].id if rows else None

    # --- the selected mailing ------------------------------------------------------------------

    def _selected(self, row: int) -> None:
        m = self.model.rows[row] if 0 <= row < len(self.model.rows) else None
        self._show_detail(m, self.model.alerts[row] if m is not None else None)
        if m is None:
            return
        self._gen_aff += 1
        gen, path = self._gen_aff, self.ctx.db_path
        run_job(self.ctx.pool, lambda: _affected(path, m.id), lambda rows: self._show_affected(gen, rows))

    def load_affected_now(self, mailing_id: int) -> None:
        """The selected mailing's recipients read on this thread (tests, the self-test)."""
        self._gen_aff += 1
        self._show_affected(self._gen_aff, affected_recipients(self.ctx.conn, mailing_id))

    def _show_affected(self, gen: int, rows: list[Affected]) -> None:
        if gen != self._gen_aff:
            return
        self.affected.set_rows(rows)
        self.view.show_bounces.setEnabled(bool(rows))
        self.view.show_recipient.setEnabled(bool(rows))
        if rows:
            self.view.affected.selectRow(0)
        self.affectedLoaded.emit()

    def _show_detail(self, m: Mailing | None, alert: MailingAlert | None = None) -> None:
        v = self.view
        if m is None:
            v.detail_title.setText(self.tr("Select a mailing to see who bounced or complained."))
            for w in (v.detail_summary, v.detail_alert):
                w.clear()
            self.affected.set_rows([])
            v.show_bounces.setEnabled(False)
            v.show_recipient.setEnabled(False)
            return
        v.detail_title.setText(m.subject or self.tr("(no subject)"))
        summary = (
            self.tr("%n recipient(s)", "", m.sent) + " · " + self.tr("from %1").replace("%1", m.sender or "–")
            + " · " + fmt.local_time(m.first_at)
            + (" – " + fmt.local_time(m.last_at) if m.last_at and m.last_at != m.first_at else "")
            + "\n" + self.tr("Bounced: %1: %2 hard, %3 soft, %4 sender-side · Complaints: %5 (%6)")
            .replace("%1", f"{m.bounced} ({rate_text(m.bounced, m.sent)})").replace("%2", str(m.hard))
            .replace("%3", str(m.soft)).replace("%4", str(m.sender_side)).replace("%5", str(m.complaints))
            .replace("%6", rate_text(m.complaints, m.sent))
        )  # fmt: skip
        if m.list_id:
            kind = self.tr("Campaign") if m.list_key.startswith("campaign:") else self.tr("List-Id")
            summary += f"\n{kind}: {m.list_id}"
        v.detail_summary.setText(summary)
        text = alert_text(alert, self.model.settings) if alert else ""
        v.detail_alert.setText(text)
        color = alert_color(alert) if alert else None
        v.detail_alert.setStyleSheet(f"color: {color}; font-weight: 600;" if color else "")

    def selected_email(self) -> str | None:
        rows = self.view.affected.selectionModel().selectedRows()
        return self.affected.rows[rows[0].row()].email if rows else None

    def open_bounces(self) -> None:
        email = self.selected_email()
        if email:
            self.openList.emit("bounces", {"search": email})

    def open_recipient(self) -> None:
        email = self.selected_email()
        if email:
            self.openList.emit("recipients", {"search": email})


# --- the dashboard's panel -------------------------------------------------------------------------


class MailingsPanel(Card):
    """Layout only: the last mailings with their rates; a row leads to the mailing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_t("Mailings", "Last mailings"), parent)
        self.all = QPushButton(_t("Mailings", "All mailings"))
        self.all.setFlat(True)
        self.all.setObjectName("Link")
        self.header.addWidget(self.all)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(4)
        self.body.addLayout(self.rows)
        self.hide()


class MailingsPanelController(QObject):
    """Fills the dashboard's panel off the GUI thread; a click opens the mailing on the Mailings page."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, panel: MailingsPanel, open_list) -> None:
        super().__init__(panel)
        self.ctx = ctx
        self.panel = panel
        self.open_list = open_list  # the dashboard's openList signal: (page, filter)
        self.data: MailingsData | None = None
        self._gen = 0
        panel.all.clicked.connect(lambda: self.open_list.emit("mailings", {}))

    def reload(self, *, sync: bool = False) -> None:
        self._gen += 1
        gen, path = self._gen, self.ctx.db_path
        if sync:
            self._show(gen, read_mailings(self.ctx.conn, MIN_LISTED, PANEL_LIMIT))
            return
        run_job(self.ctx.pool, lambda: _ready(path, MIN_LISTED, PANEL_LIMIT), lambda d: self._show(gen, d))

    def _show(self, gen: int, data: MailingsData) -> None:
        if gen != self._gen:
            return
        self.data = data
        lay = self.panel.rows
        while lay.count():
            w = lay.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        for m in data.mailings:
            lay.addWidget(
                self._row(m, mailing_alert(m.sent, m.bounced, m.complaints, data.settings), data.settings)
            )
        self.panel.setVisible(bool(data.mailings))
        self.loaded.emit()

    def _row(self, m: Mailing, alert: MailingAlert, s: PolicySettings) -> QWidget:
        row = QWidget()
        row.setCursor(Qt.CursorShape.PointingHandCursor)
        row.setObjectName("MailingRow")
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        date = plain_label(fmt.local_date(m.first_at))
        date.setObjectName("Muted")
        subject = plain_label(m.subject or _t("Mailings", "(no subject)"))
        subject.setMinimumWidth(120)
        numbers = plain_label(
            _t("Mailings", "%1 sent · %2 bounced (%3) · complaints: %4")
            .replace("%1", fmt.count(m.sent)).replace("%2", str(m.bounced))
            .replace("%3", rate_text(m.bounced, m.sent)).replace("%4", str(m.complaints))
        )  # fmt: skip
        lay.addWidget(date)
        lay.addWidget(subject, 1)
        lay.addWidget(numbers)
        words = short_alert_text(alert, s)
        if words:
            flag = plain_label(words)
            flag.setStyleSheet(f"color: {alert_color(alert)}; font-weight: 600;")
            lay.addWidget(flag)
        row.setToolTip(fmt.plain_tip(f"{m.subject}\n{m.sender}"))
        row.mouseReleaseEvent = lambda _e, mid=m.id: self.open_list.emit("mailings", {"mailing": mid})  # type: ignore[method-assign]
        return row
