"""The Suppressions page: suppressed addresses with why, unsuppress, and suppression lists imported
from and exported to mailing tools."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    Signal,
)
from PySide6.QtWidgets import (
    QWidget,
)

from bouncedesk.store.settings import load_policy_settings
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.models.tables import SuppressionsModel
from bouncedesk.ui.views.lists import ActionButtons, ListController, ListPageView, wire_buttons

_t = QCoreApplication.translate  # lupdate: -tr-function-alias translate+=_t


class SuppressionsController(ActionButtons, ListController):
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
        wire_buttons(self, self.buttons)
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
