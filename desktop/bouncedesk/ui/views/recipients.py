"""The Recipients page: every address a bounce was about, by state and saved segment."""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
)
from PySide6.QtWidgets import (
    QPushButton,
    QWidget,
)

from bouncedesk.policy.model import STATES
from bouncedesk.store.settings import get_setting, load_policy_settings, put_setting
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.models.tables import RecipientsModel
from bouncedesk.ui.views.lists import ActionButtons, ListController, ListPageView, wire_buttons

_t = QCoreApplication.translate  # lupdate: -tr-function-alias translate+=_t
SEGMENTS_KEY = "ui.saved_segments"

BUILTIN_SEGMENTS = (
    ("temporarily-disabled", QT_TRANSLATE_NOOP("Lists", "Temporarily disabled (4.2.1)")),
    ("reason:mailboxfull", QT_TRANSLATE_NOOP("Lists", "Mailbox full")),
    ("frequent", QT_TRANSLATE_NOOP("Lists", "Frequent bouncers")),
    ("sender-side", QT_TRANSLATE_NOOP("Lists", "Sender-side problems")),
    ("inactive", QT_TRANSLATE_NOOP("Lists", "Inactive")),
)

class RecipientsController(ActionButtons, ListController):
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
        wire_buttons(self, self.buttons)
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
