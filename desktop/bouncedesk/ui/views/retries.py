"""The Retries page: every scheduled retry, and Retry now / Suppress / Pause / Contact on a selection."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QWidget,
)

from bouncedesk.store.settings import load_policy_settings
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.models.tables import RetriesModel
from bouncedesk.ui.views.lists import ActionButtons, ListController, ListPageView, wire_buttons

_t = QCoreApplication.translate  # lupdate: -tr-function-alias translate+=_t


class RetriesController(ActionButtons, ListController):
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
        wire_buttons(self, self.buttons)
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
