"""The list pages: Retries, Recipients, Bounces, Suppressions — each a table beside a detail pane.

`ListPageView` only lays out (header, filter row, action buttons, table | detail); each page's
controller owns its model, filter and behaviour. Filtering and sorting run in SQL on a worker
thread (the WindowedTableModel), so a search over a million rows never blocks the window.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.ui.context import AppContext
from bouncedesk.ui.models.windowed import WindowedTableModel
from bouncedesk.ui.views.detail import DetailController, DetailView
from bouncedesk.ui.widgets import ColumnFitter, Overlay, page_header, plain_label, setup_table

_t = QCoreApplication.translate  # lupdate: -tr-function-alias translate+=_t


class ListPageView(QWidget):
    """Layout only: header, filter row, action row, table and detail pane side by side."""

    def __init__(self, title: str, subtitle: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header, self.title, self.subtitle = page_header(title, subtitle)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search address or domain (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setMinimumWidth(260)
        self.filters = QHBoxLayout()
        self.filters.setSpacing(8)
        self.filters.addWidget(self.search, 2)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(6)
        self.count = plain_label()
        self.count.setObjectName("Muted")
        self.table = QTableView()
        self.overlay = Overlay(self.table.viewport())
        self.detail = DetailView()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        action_row = QHBoxLayout()
        action_row.addLayout(self.actions)
        action_row.addStretch(1)
        action_row.addWidget(self.count)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 12)
        lay.setSpacing(10)
        lay.addWidget(header)
        lay.addLayout(self.filters)
        lay.addLayout(action_row)
        lay.addWidget(self.splitter, 1)

    def fix_tab_order(self) -> None:
        """Tab goes search → filters → action buttons → list → detail, whatever the creation order."""
        chain: list[QWidget] = []
        for lay in (self.filters, self.actions):
            for i in range(lay.count()):
                w = lay.itemAt(i).widget()
                if w is not None and w.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(w, QLabel):
                    chain.append(w)
        chain += [self.table, self.detail.tabs]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def add_button(self, text: str, tip: str = "", primary: bool = False) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        if primary:
            b.setProperty("primary", True)
        self.actions.addWidget(b)
        return b

    def add_combo(self, label: str, items: list[tuple[str, object]]) -> QComboBox:
        lab = QLabel(label)
        c = QComboBox()
        for text, data in items:
            c.addItem(text, data)
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        lab.setBuddy(c)
        c.setAccessibleName(label.rstrip(":"))
        self.filters.addWidget(lab)
        self.filters.addWidget(c)
        return c


class ListController(QObject):
    """What every list page does: model, debounced search, selection → detail, overlay, actions."""

    actionRequested = Signal(str, list)  # verb, recipient ids
    contactRequested = Signal(int)
    selectionChanged = Signal()

    verbs: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, view: ListPageView, model: WindowedTableModel) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.model = model
        self._dirty = True
        self._activated = False
        view.table.setModel(model)
        setup_table(view.table, [c.width for c in model.spec.columns])
        self.columns = ColumnFitter(view.table, model.spec.columns)
        col, order = model.sort_state
        view.table.horizontalHeader().setSortIndicator(col, order)
        view.table.setSortingEnabled(True)  # the model sorts in SQL (and ignores a sort it has)
        view.splitter.setSizes([680, 400])
        self.detail = DetailController(ctx, view.detail)
        self.detail.contactRequested.connect(self.contactRequested)
        self.detail.actionRequested.connect(self.actionRequested)  # "Undo recovery"
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filter)
        view.search.textChanged.connect(lambda _t: self._search_timer.start())
        view.search.returnPressed.connect(self.apply_filter)
        model.loaded.connect(self._loaded)
        model.partial.connect(lambda _n: self.view.overlay.say(""))
        model.loadFailed.connect(
            lambda m: view.overlay.say(self.tr("Could not load the list: %1").replace("%1", m))
        )
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        view.table.selectionModel().selectionChanged.connect(self._selection_changed)
        view.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.table.customContextMenuRequested.connect(self._context_menu)
        view.table.doubleClicked.connect(lambda _i: self.view.detail.tabs.setCurrentIndex(1))
        ctx.signals.changed.connect(self._store_changed)
        self._kept_ids: list[int] = []
        self._current_id: int | None = None

    # --- loading -------------------------------------------------------------------------------

    def activate(self) -> None:
        """The page is shown: load if never loaded or the store changed meanwhile."""
        self._activated = True
        if self._dirty:
            self.reload()

    def reload(self, *, sync: bool = False, head: bool = True) -> None:
        """Re-read the list with the current filter; `head=False` keeps rows and scroll until done."""
        self._dirty = False
        self.view.overlay.say(self.tr("Loading…") if not self.model.rowCount() else "")
        where, params = self.filter_sql()
        self.model.filter.where, self.model.filter.params = where or "1", list(params)
        self.model.reload(sync=sync, head=head)

    def apply_filter(self) -> None:
        self.reload()

    def filter_sql(self) -> tuple[str, list]:
        return "1", []

    def _store_changed(self, what: str) -> None:
        self._dirty = True
        if self.view.isVisible():
            self.reload(head=False)

    def _loaded(self, n: int) -> None:
        self.view.overlay.say("" if n else self.empty_text())
        self.view.count.setText(self.count_text(n))
        if n and not self.view.table.selectionModel().hasSelection() and self._current_id is None:
            self.detail.clear()

    def empty_text(self) -> str:
        return self.tr("Nothing matches.")

    def count_text(self, n: int) -> str:
        return self.tr("%n row(s)", "", n)

    # --- selection -----------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.table.selectionModel().selectedRows()})

    def selected_ids(self) -> list[int]:
        return [self.model.row_id(r) for r in self.selected_rows()]

    def selected_recipient_ids(self) -> list[int]:
        """Recipients of the selected rows (the ids themselves for recipient lists)."""
        return self.selected_ids()

    def select_rows(self, rows: list[int]) -> None:
        sm = self.view.table.selectionModel()
        sm.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for r in rows:
            sm.select(self.model.index(r, 0), flags)
        if rows:
            sm.setCurrentIndex(self.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.table.scrollTo(self.model.index(rows[0], 0))

    def _remember_selection(self) -> None:
        rows = self.selected_rows()
        self._kept_ids = [self.model.row_id(r) for r in rows[:200]]

    def _restore_selection(self) -> None:
        rows = [r for r in (self.model.row_of_id(i) for i in self._kept_ids) if r >= 0]
        if rows:
            self.select_rows(rows)
        self._kept_ids = []

    def _selection_changed(self, *_args) -> None:
        rows = self.selected_rows()
        if len(rows) >= 1:
            rid = self.model.row_id(rows[-1] if len(rows) == 1 else rows[0])
            self._current_id = rid
            self.show_detail(rid)
        else:
            self._current_id = None
            self.detail.clear()
        self.update_buttons()
        self.selectionChanged.emit()

    def show_detail(self, row_id: int) -> None:
        self.detail.show(row_id)

    def update_buttons(self) -> None:
        """Enable action buttons when something is selected."""

    # --- actions -------------------------------------------------------------------------------

    def request(self, verb: str) -> None:
        ids = self.selected_recipient_ids()
        if ids:
            self.actionRequested.emit(verb, ids)

    def _context_menu(self, pos) -> None:
        if not self.selected_rows() or not self.verbs:
            return
        menu = QMenu(self.view)
        names = verb_labels()
        for verb in self.verbs:
            menu.addAction(names[verb], lambda v=verb: self.request(v))
        menu.exec(self.view.table.viewport().mapToGlobal(pos))

    def focus_search(self) -> None:
        self.view.search.setFocus()
        self.view.search.selectAll()

    def set_filters(self, flt: dict) -> None:
        """Open with a filter from elsewhere (the dashboard); unknown keys are ignored."""
        if "search" in flt:
            self.view.search.blockSignals(True)
            self.view.search.setText(flt["search"])
            self.view.search.blockSignals(False)
        self.reload()


def verb_labels() -> dict[str, str]:
    return {
        "retry": _t("Lists", "Retry now"), "suppress": _t("Lists", "Suppress"), "unsuppress": _t("Lists", "Unsuppress"),
        "pause": _t("Lists", "Pause"), "resume": _t("Lists", "Resume"), "contact": _t("Lists", "Contact…"),
        "mark-resent": _t("Lists", "Mark as re-sent"),
    }  # fmt: skip


def wire_buttons(ctrl: ListController, buttons: dict[str, QPushButton]) -> None:
    for verb, b in buttons.items():
        if verb == "contact":
            b.clicked.connect(lambda _=False: ctrl._contact_selected())
        else:
            b.clicked.connect(lambda _=False, v=verb: ctrl.request(v))
        b.setEnabled(False)


class ActionButtons:
    """Mixin: enable the page's action buttons only with a selection; Contact needs exactly one."""

    buttons: dict[str, QPushButton]

    def update_buttons(self) -> None:
        n = len(self.selected_rows())  # type: ignore[attr-defined]
        for verb, b in self.buttons.items():
            b.setEnabled(n == 1 if verb == "contact" else n > 0)

    def _contact_selected(self) -> None:
        ids = self.selected_recipient_ids()  # type: ignore[attr-defined]
        if len(ids) == 1:
            self.contactRequested.emit(ids[0])  # type: ignore[attr-defined]
