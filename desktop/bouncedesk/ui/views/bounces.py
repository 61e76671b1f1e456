"""The Bounces page: every report that came back, by kind, provider and problem, and a search of the
server's words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QMenu,
    QPushButton,
    QWidget,
)

from bouncedesk.store.providers import describe_problem, provider_titles
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.models.tables import BouncesModel
from bouncedesk.ui.views.lists import ListController, ListPageView, verb_labels
from bouncedesk.ui.views.providers import provider_name
from bouncedesk.ui.views.searchwords import WordsSearch

_t = QCoreApplication.translate  # lupdate: -tr-function-alias translate+=_t

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
            parts.append(provider_name(e["provider"], provider_titles(self.ctx.conn).get(e["provider"], e["provider"])))
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
