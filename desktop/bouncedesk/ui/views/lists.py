"""The list pages: Retries, Recipients, Bounces, Suppressions — each a table beside a detail pane.

`ListPageView` only lays out (header, filter row, action buttons, table | detail); each page's
controller owns its model, filter and behaviour. Filtering and sorting run in SQL on a worker
thread (the WindowedTableModel), so a search over a million rows never blocks the window.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
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

from bouncedesk.policy.model import STATES
from bouncedesk.store.providers import describe_problem, provider_titles
from bouncedesk.store.settings import get_setting, load_policy_settings, put_setting
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.models.tables import BouncesModel, RecipientsModel, RetriesModel, SuppressionsModel
from bouncedesk.ui.models.windowed import WindowedTableModel
from bouncedesk.ui.views.detail import DetailController, DetailView
from bouncedesk.ui.views.searchwords import WordsSearch
from bouncedesk.ui.widgets import ColumnFitter, Overlay, page_header, plain_label, setup_table

SEGMENTS_KEY = "ui.saved_segments"
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


def _wire_buttons(ctrl: ListController, buttons: dict[str, QPushButton]) -> None:
    for verb, b in buttons.items():
        if verb == "contact":
            b.clicked.connect(lambda _=False: ctrl._contact_selected())
        else:
            b.clicked.connect(lambda _=False, v=verb: ctrl.request(v))
        b.setEnabled(False)


class _ActionButtons:
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


# --- Retries ------------------------------------------------------------------------------------


class RetriesController(_ActionButtons, ListController):
    verbs = ("retry", "mark-resent", "suppress", "pause", "contact")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        view = ListPageView(
            _t("Lists", "Retries"),
            _t("Lists", "Every scheduled retry. Select one or many, then act with one click."),
            parent,
        )
        self._max = load_policy_settings(ctx.conn).max_attempts
        model = RetriesModel(ctx, lambda: self._max)
        self.due_only = QCheckBox(_t("Lists", "Due now only"))
        view.filters.addWidget(self.due_only)
        view.filters.addStretch(1)
        super().__init__(ctx, view, model)
        self.buttons = {
            "retry": view.add_button(
                _t("Lists", "Retry now"), _t("Lists", "Send the original again now (Ctrl+R)"), primary=True
            ),
            "suppress": view.add_button(
                _t("Lists", "Suppress"), _t("Lists", "Never send to these addresses (Ctrl+Shift+S)")
            ),
            "pause": view.add_button(
                _t("Lists", "Pause"), _t("Lists", "Stop retrying until resumed (Ctrl+P)")
            ),
            "contact": view.add_button(
                _t("Lists", "Contact…"), _t("Lists", "Reach this person another way (Ctrl+K)")
            ),
            "mark-resent": view.add_button(
                _t("Lists", "Mark as re-sent"),
                _t("Lists", "You sent the message again yourself: count this attempt as sent (Ctrl+Shift+M)"),
            ),
        }
        _wire_buttons(self, self.buttons)
        self.due_only.toggled.connect(lambda _c: self.reload())

    def show_detail(self, row_id: int) -> None:
        super().show_detail(row_id)
        why = queries.unavailable_reason(self.ctx.conn, row_id)  # "original unavailable: …", or ""
        if why:
            s = self.view.detail.summary
            s.setText(why + (" · " + s.text() if s.text() else ""))
            s.setVisible(True)

    def filter_sql(self) -> tuple[str, list]:
        settings = load_policy_settings(self.ctx.conn)
        self._max = settings.max_attempts
        w1, p1 = queries.pending_retry_filter(self.ctx.now(), settings, due_only=self.due_only.isChecked())
        w2, p2 = queries.recipient_filter(
            self.ctx.conn, self.ctx.now(), settings, search=self.view.search.text()
        )
        return f"({w1}) AND ({w2})", p1 + p2

    def empty_text(self) -> str:
        if self.view.search.text() or self.due_only.isChecked():
            return _t("Lists", "No retry matches.")
        return _t(
            "Lists",
            "No retries are scheduled. Soft bounces (mailbox full, temporarily disabled) show up here.",
        )

    def count_text(self, n: int) -> str:
        return _t("Lists", "%n retry(s)", None, n)

    def set_filters(self, flt: dict) -> None:
        self.due_only.blockSignals(True)
        self.due_only.setChecked(bool(flt.get("due_only")))
        self.due_only.blockSignals(False)
        super().set_filters(flt)


# --- Recipients ---------------------------------------------------------------------------------

BUILTIN_SEGMENTS = (
    ("temporarily-disabled", QT_TRANSLATE_NOOP("Lists", "Temporarily disabled (4.2.1)")),
    ("reason:mailboxfull", QT_TRANSLATE_NOOP("Lists", "Mailbox full")),
    ("frequent", QT_TRANSLATE_NOOP("Lists", "Frequent bouncers")),
    ("sender-side", QT_TRANSLATE_NOOP("Lists", "Sender-side problems")),
    ("inactive", QT_TRANSLATE_NOOP("Lists", "Inactive")),
)


class RecipientsController(_ActionButtons, ListController):
    verbs = ("retry", "suppress", "unsuppress", "pause", "resume", "contact")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        view = ListPageView(
            _t("Lists", "Recipients"),
            _t("Lists", "Everyone a bounce was about, with their current state."),
            parent,
        )
        model = RecipientsModel(ctx)
        self.state = view.add_combo(
            _t("Lists", "State:"), [(_t("Lists", "Any state"), "")] + [(fmt.state(s), s) for s in STATES]
        )
        self.segment = view.add_combo(_t("Lists", "Segment:"), [])
        self.save_segment = QPushButton(_t("Lists", "Save segment…"))
        self.save_segment.setToolTip(_t("Lists", "Keep this search and filter as a named segment"))
        view.filters.addWidget(self.save_segment)
        super().__init__(ctx, view, model)
        self.buttons = {
            "retry": view.add_button(
                _t("Lists", "Retry now"), _t("Lists", "Send the original again now (Ctrl+R)")
            ),
            "suppress": view.add_button(
                _t("Lists", "Suppress"), _t("Lists", "Never send to these addresses (Ctrl+Shift+S)")
            ),
            "unsuppress": view.add_button(_t("Lists", "Unsuppress"), _t("Lists", "Allow sending again")),
            "pause": view.add_button(
                _t("Lists", "Pause"), _t("Lists", "Stop retrying until resumed (Ctrl+P)")
            ),
            "resume": view.add_button(_t("Lists", "Resume"), _t("Lists", "Continue where it was paused")),
            "contact": view.add_button(
                _t("Lists", "Contact…"), _t("Lists", "Reach this person another way (Ctrl+K)")
            ),
        }
        _wire_buttons(self, self.buttons)
        self.fill_segments()
        self.state.currentIndexChanged.connect(lambda _i: self.reload())
        self.segment.currentIndexChanged.connect(self._segment_chosen)
        self.save_segment.clicked.connect(self._save_segment)

    def fill_segments(self) -> None:
        self.segment.blockSignals(True)
        self.segment.clear()
        self.segment.addItem(_t("Lists", "Everyone"), {})
        for key, label in BUILTIN_SEGMENTS:
            self.segment.addItem(_t("Lists", label), {"segment": key})
        for s in self.saved_segments():
            self.segment.addItem("★ " + s["name"], s)
        self.segment.blockSignals(False)

    def saved_segments(self) -> list[dict]:
        return list(get_setting(self.ctx.conn, SEGMENTS_KEY, []) or [])

    def add_saved_segment(self, name: str) -> dict:
        seg = {
            "name": name,
            "search": self.view.search.text().strip(),
            "state": self.state.currentData() or "",
            "segment": (self.segment.currentData() or {}).get("segment", ""),
        }
        segs = [s for s in self.saved_segments() if s["name"] != name] + [seg]
        put_setting(self.ctx.conn, SEGMENTS_KEY, segs, self.ctx.now())
        self.fill_segments()
        self.segment.setCurrentIndex(self.segment.findText("★ " + name))
        return seg

    def _save_segment(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(
            self.view, _t("Lists", "Save segment"), _t("Lists", "Name of the segment:")
        )
        if ok and name.strip():
            self.add_saved_segment(name.strip())

    def _segment_chosen(self, _i: int) -> None:
        data = self.segment.currentData() or {}
        if "name" in data:  # a saved one: it brings its own search and state
            self.view.search.blockSignals(True)
            self.view.search.setText(data.get("search", ""))
            self.view.search.blockSignals(False)
            self.state.blockSignals(True)
            self.state.setCurrentIndex(max(0, self.state.findData(data.get("state", ""))))
            self.state.blockSignals(False)
        self.reload()

    def filter_sql(self) -> tuple[str, list]:
        settings = load_policy_settings(self.ctx.conn)
        seg = (self.segment.currentData() or {}).get("segment", "")
        return queries.recipient_filter(
            self.ctx.conn, self.ctx.now(), settings,
            search=self.view.search.text(), state=self.state.currentData() or "", segment=seg,
        )  # fmt: skip

    def count_text(self, n: int) -> str:
        return _t("Lists", "%n recipient(s)", None, n)

    def set_filters(self, flt: dict) -> None:
        self.state.blockSignals(True)
        self.state.setCurrentIndex(max(0, self.state.findData(flt.get("state", ""))))
        self.state.blockSignals(False)
        self.segment.blockSignals(True)
        idx = 0
        if flt.get("segment"):
            idx = next((i for i in range(self.segment.count())
                        if (self.segment.itemData(i) or {}).get("segment") == flt["segment"]), 0)  # fmt: skip
        self.segment.setCurrentIndex(idx)
        self.segment.blockSignals(False)
        super().set_filters(flt)


# --- Bounces ------------------------------------------------------------------------------------

KIND_FILTERS = ("", "bounce", "hard", "soft", "complaint", "delay", "auto-reply")


class BouncesController(ListController):
    """Every bounce, delay, complaint and auto-reply as it came in; the detail shows that message."""

    verbs = ("retry", "suppress", "pause", "contact")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        view = ListPageView(
            _t("Lists", "Bounces"),
            _t("Lists", "Every report that came back, the newest arrival first."),
            parent,
        )
        model = BouncesModel(ctx)
        self.words = WordsSearch(ctx, view)  # the server's words and subjects (full-text)
        view.filters.addWidget(self.words.field, 2)
        kinds = [(_t("Lists", "All kinds"), ""), (_t("Lists", "All bounces (hard and soft)"), "bounce")]
        self.kind = view.add_combo(_t("Lists", "Kind:"), kinds + [(fmt.kind(k), k) for k in KIND_FILTERS[2:]])
        self.extra: dict = {}
        self.chip = QPushButton()
        self.chip.setObjectName("Chip")
        self.chip.setToolTip(_t("Lists", "Remove this filter"))
        self.chip.hide()
        view.filters.addWidget(self.chip)
        view.filters.addStretch(1)
        super().__init__(ctx, view, model)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.chip.clicked.connect(self.clear_extra)
        self.words.field.textChanged.connect(lambda _text: self._search_timer.start())
        self.words.field.returnPressed.connect(self.apply_filter)
        self.words.indexing.connect(self.view.overlay.say)

    def reload(self, *, sync: bool = False, head: bool = True) -> None:
        # A store from before the search index is indexed first (once, in a worker).
        if self.words.ensure_index(lambda: self.reload(sync=sync, head=head)):
            super().reload(sync=sync, head=head)

    def filter_sql(self) -> tuple[str, list]:
        where, params = queries.bounce_filter(
            search=self.view.search.text(), kind=self.kind.currentData() or "", **self.extra
        )
        words = self.words.condition()
        if words is not None:
            where, params = f"({where}) AND {words[0]}", [*params, *words[1]]
        return where, params

    def show_detail(self, row_id: int) -> None:
        self.detail.show(None, result_id=row_id)

    def _context_menu(self, pos) -> None:
        """The recipient actions, and "This is really: <reason>" for the bounce under the mouse (a correction)."""
        if not self.selected_rows():
            return
        from bouncedesk.ui.dialogs.corrections import reason_choices

        menu = QMenu(self.view)
        names = verb_labels()
        for verb in self.verbs:
            menu.addAction(names[verb], lambda v=verb: self.request(v))
        rid = self.model.row_id(self.view.table.indexAt(pos).row()) if self.view.table.indexAt(pos).isValid() \
            else self.selected_ids()[0]
        self.correction_menu = menu.addMenu(_t("Lists", "This is really"))
        for label, key in reason_choices():
            self.correction_menu.addAction(label, lambda k=key: self.correct(rid, k))
        menu.exec(self.view.table.viewport().mapToGlobal(pos))

    def correct(self, result_id: int, reason: str):
        """Start a correction of this bounce (pattern → confirmation → applied); returns the flow."""
        from bouncedesk.ui.dialogs.corrections import CorrectionFlow

        self.correction = CorrectionFlow(self.ctx, self.view, result_id, reason)
        self.correction.finished.connect(lambda msg: msg and self.view.overlay.say(msg))
        self.correction.start()
        return self.correction

    def selected_recipient_ids(self) -> list[int]:
        ids = self.selected_ids()
        if not ids:
            return []
        conn = self.ctx.conn
        out: list[int] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            out += [
                r[0]
                for r in conn.execute(
                    f"SELECT DISTINCT recipient_id FROM results WHERE id IN ({','.join('?' * len(chunk))})"
                    " AND recipient_id IS NOT NULL",
                    chunk,
                )
            ]
        return sorted(set(out))

    def _contact_selected(self) -> None:
        ids = self.selected_recipient_ids()
        if len(ids) == 1:
            self.contactRequested.emit(ids[0])

    def count_text(self, n: int) -> str:
        if self.words.active:
            return self.words.count_text(n)
        return _t("Lists", "%n report(s)", None, n)

    def empty_text(self) -> str:
        return self.words.empty_text() if self.words.active else super().empty_text()

    def set_filters(self, flt: dict) -> None:
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(max(0, self.kind.findData(flt.get("kind", ""))))
        self.kind.blockSignals(False)
        self.extra = {
            k: flt[k] for k in ("reason", "status", "domain", "since", "until", "provider", "listing")
            if flt.get(k) is not None
        }
        self._show_chip()
        super().set_filters(flt)

    def _show_chip(self) -> None:
        parts = []
        e = self.extra
        if e.get("reason"):
            parts.append(fmt.reason(e["reason"]))
        if e.get("status"):
            parts.append(e["status"])
        if e.get("domain"):
            parts.append("@" + e["domain"])
        if e.get("provider"):
            parts.append(provider_titles(self.ctx.conn).get(e["provider"], e["provider"]))
        if e.get("listing"):
            parts.append(describe_problem(e["listing"], e.get("reason", ""), self.ctx.language).name)
        if e.get("since") is not None:
            if e.get("until") is not None and e["until"] - e["since"] <= 86400:
                parts.append(fmt.local_date(e["since"] + 43200))
            else:
                parts.append(_t("Lists", "since %1").replace("%1", fmt.local_date(e["since"])))
        self.chip.setText(" · ".join(parts) + "  ✕")
        self.chip.setVisible(bool(parts))

    def clear_extra(self) -> None:
        self.extra = {}
        self.chip.hide()
        self.reload()


# --- Suppressions -------------------------------------------------------------------------------


class SuppressionsController(_ActionButtons, ListController):
    verbs = ("unsuppress",)
    importRequested = Signal()
    exportRequested = Signal()
    scrubRequested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        view = ListPageView(
            _t("Lists", "Suppressions"),
            _t(
                "Lists",
                "Addresses you never send to. Drop a CSV mailing list on the window to get a cleaned copy.",
            ),
            parent,
        )
        model = SuppressionsModel(ctx)
        view.filters.addStretch(1)
        super().__init__(ctx, view, model)
        self.buttons = {
            "unsuppress": view.add_button(
                _t("Lists", "Unsuppress"), _t("Lists", "Allow sending to these addresses again")
            )
        }
        _wire_buttons(self, self.buttons)
        self.import_button = view.add_button(
            _t("Lists", "Import list…"),
            _t("Lists", "Suppress every address in a text or CSV file, or in a suppression list exported from "
                        "Mailchimp, Brevo, Sendy, listmonk, Mailjet or Amazon SES (found from its columns)"),
        )  # fmt: skip
        self.export_button = view.add_button(
            _t("Lists", "Export…"),
            _t("Lists", "Save the suppression list as CSV, JSON or in the format of your mailing tool"),
        )
        self.scrub_button = view.add_button(_t("Lists", "Scrub a mailing list…"), _t("Lists", "Save a copy of a CSV list without the addresses not to mail"))  # fmt: skip
        self.import_button.clicked.connect(self.importRequested)
        self.export_button.clicked.connect(self.exportRequested)
        self.scrub_button.clicked.connect(self.scrubRequested)

    def filter_sql(self) -> tuple[str, list]:
        settings = load_policy_settings(self.ctx.conn)
        return queries.recipient_filter(
            self.ctx.conn, self.ctx.now(), settings, search=self.view.search.text()
        )

    def empty_text(self) -> str:
        return (
            _t("Lists", "No suppressed addresses.")
            if not self.view.search.text()
            else _t("Lists", "No suppressed address matches.")
        )

    def count_text(self, n: int) -> str:
        return _t("Lists", "%n suppressed address(es)", None, n)
