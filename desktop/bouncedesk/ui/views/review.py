"""Needs review: bounces that would change a recipient but are not tied to mail we sent.

They wait here and change nothing until the user decides: **Trust** (they act as if verified;
undoable through the action hub's undo) or **Dismiss** (not about our mail; kept as
information). The words — "verified", "needs review", why a bounce waits — come from
`policy.provenance`, the one source the CLI, the detail pane and both languages read.
`ReviewPageView` only lays out; `ReviewController` owns the model and the behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMenu, QPushButton, QVBoxLayout, QWidget

from bouncedesk.act.review import count_review, review_notice
from bouncedesk.policy.provenance import REVIEW_PENDING, describe_evidence, word
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.models.windowed import Column, TableSpec, WindowedTableModel
from bouncedesk.ui.views.lists import ListController, ListPageView
from bouncedesk.ui.widgets import plain_label

_t = QCoreApplication.translate
_SEP = "\x1f"  # joins the parts of the "why it waits" cell (never in an evidence code or a number)

# A bounce shows as hard or soft; other kinds as they are (as in the Bounces list).
_KIND_SQL = (
    "CASE WHEN r.kind = 'bounce' AND r.hard THEN 'hard' WHEN r.kind = 'bounce' THEN 'soft' ELSE r.kind END"
)
_WHY_SQL = (
    f"coalesce(r.evidence, '') || '{_SEP}' || coalesce(r.email, '') || '{_SEP}' || coalesce(s.sent_at, '')"
    f" || '{_SEP}' || coalesce(s.subject, '')"
)


def _code(v) -> str:
    return v or "—"


def why_text(packed: str | None, lang: str) -> str:
    """The sentence of a "why it waits" cell (evidence code, address, sent date, subject packed in SQL)."""
    code, email, sent_at, subject = ((packed or "").split(_SEP, 3) + ["", "", "", ""])[:4]
    date = fmt.local_date(int(sent_at)) if sent_at.strip().lstrip("-").isdigit() else None
    return describe_evidence(code, lang, subject=subject or None, date=date, email=email or None)


def review_spec(lang: str) -> TableSpec:
    return TableSpec(
        source="results r JOIN messages m ON m.id = r.message_id LEFT JOIN sent_messages s ON s.id = r.sent_id",
        id_sql="r.id",
        where=f"r.review = '{REVIEW_PENDING}'",
        columns=(
            Column("at", QT_TRANSLATE_NOOP("Columns", "When"), "r.at", fmt=fmt.local_time, width=125, drop=4),
            Column("email", QT_TRANSLATE_NOOP("Columns", "Recipient"), "r.email", width=170,
                   elide=Qt.TextElideMode.ElideMiddle),
            Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), _KIND_SQL, fmt=fmt.kind, width=90, drop=3),
            Column("status", QT_TRANSLATE_NOOP("Columns", "Code"), "r.status", fmt=_code, width=50),
            Column("reason", QT_TRANSLATE_NOOP("Columns", "Reason"), "r.reason", fmt=fmt.reason, width=120,
                   drop=5),
            Column("trust", QT_TRANSLATE_NOOP("Columns", "Trust level"), "r.trust", fmt=lambda v: word(v or "", lang),
                   width=90, drop=2),
            # the sentence is long: it takes the spare width, is cut at its end, and its tooltip (the
            # model's, for texts over 30 characters) and the detail pane say it whole
            Column("why", QT_TRANSLATE_NOOP("Columns", "Why it waits"), _WHY_SQL, sort_sql="r.evidence",
                   fmt=lambda v: why_text(v, lang), width=160, stretch=True),
            Column("sender", QT_TRANSLATE_NOOP("Columns", "Bounce from"), "m.sender", width=200,
                   elide=Qt.TextElideMode.ElideMiddle, drop=1),
        ),
        default_sort=(0, Qt.SortOrder.DescendingOrder),
    )  # fmt: skip


class ReviewModel(WindowedTableModel):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, review_spec(ctx.language), parent)


class ReviewPageView(ListPageView):
    """Layout only: the list page plus a banner above the list for stores that know no sent mail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Needs review"),
            self.tr("Bounces that would change a recipient but name no message you sent. They change "
                    "nothing until you trust them."),
            parent,
        )  # fmt: skip
        self.banner = QFrame()
        self.banner.setObjectName("AlertBox")
        self.banner_text = plain_label()
        self.banner_text.setWordWrap(True)
        self.banner_button = QPushButton(self.tr("Trust bounces without this check…"))
        self.banner_button.setToolTip(
            self.tr("Let every bounce change recipients, whether or not it names a message you sent")
        )
        bl = QHBoxLayout(self.banner)
        bl.setContentsMargins(14, 10, 14, 10)
        bl.setSpacing(12)
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.banner_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.banner.hide()
        lay = self.layout()
        assert isinstance(lay, QVBoxLayout)
        lay.insertWidget(1, self.banner)
        self.trust_button = self.add_button(
            self.tr("Trust…"),
            self.tr("These bounces are about your mail: let them act as if verified"),
            primary=True,
        )
        self.dismiss_button = self.add_button(
            self.tr("Dismiss"), self.tr("Not about your mail: keep them as information, change nothing")
        )
        self.filters.addStretch(1)

    def fix_tab_order(self) -> None:
        """The banner's button first (when shown), then the list page's usual order."""
        super().fix_tab_order()
        QWidget.setTabOrder(self.banner_button, self.search)


class ReviewController(ListController):
    """The Needs review list: select bounces, then Trust or Dismiss them (the main controller asks first)."""

    trustRequested = Signal(list)  # result ids
    dismissRequested = Signal(list)  # result ids
    trustAllRequested = Signal()  # the banner's "trust bounces without this check"
    countChanged = Signal(int)

    verbs: tuple[str, ...] = ()  # no recipient actions here: these bounces have no recipient yet

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        view = ReviewPageView(parent)
        super().__init__(ctx, view, ReviewModel(ctx))
        self.view: ReviewPageView = view
        self.buttons = {"trust": view.trust_button, "dismiss": view.dismiss_button}
        view.trust_button.clicked.connect(lambda _=False: self._emit(self.trustRequested))
        view.dismiss_button.clicked.connect(lambda _=False: self._emit(self.dismissRequested))
        view.banner_button.clicked.connect(self.trustAllRequested)
        view.splitter.setSizes([760, 340])  # the list is wide (why each bounce waits); the pane repeats it
        self.update_buttons()
        self.update_banner()

    def _emit(self, signal) -> None:
        ids = self.selected_ids()
        if ids:
            signal.emit(ids)

    def update_buttons(self) -> None:
        n = len(self.selected_rows())
        for b in self.buttons.values():
            b.setEnabled(n > 0)

    def update_banner(self) -> None:
        text = review_notice(self.ctx.conn, self.ctx.language)
        self.view.banner_text.setText(text)
        self.view.banner.setVisible(bool(text))

    def count(self) -> int:
        return count_review(self.ctx.conn)

    def reload(self, *, sync: bool = False, head: bool = True) -> None:
        self.update_banner()
        super().reload(sync=sync, head=head)

    def _loaded(self, n: int) -> None:
        super()._loaded(n)
        self.update_buttons()
        self.countChanged.emit(n if not self.view.search.text().strip() else self.count())

    def filter_sql(self) -> tuple[str, list]:
        return queries.bounce_filter(search=self.view.search.text())

    def show_detail(self, row_id: int) -> None:
        self.detail.show(None, result_id=row_id)

    def selected_recipient_ids(self) -> list[int]:
        return []

    def empty_text(self) -> str:
        if self.view.search.text().strip():
            return self.tr("No waiting bounce matches.")
        return self.tr("Nothing waits for review. A bounce that names no message you sent would wait here "
                       "before it changes anything.")  # fmt: skip

    def count_text(self, n: int) -> str:
        return self.tr("%n bounce(s) waiting", "", n)

    def _context_menu(self, pos) -> None:
        if not self.selected_rows():
            return
        menu = QMenu(self.view)
        menu.addAction(self.tr("Trust…"), lambda: self._emit(self.trustRequested))
        menu.addAction(self.tr("Dismiss"), lambda: self._emit(self.dismissRequested))
        menu.exec(self.view.table.viewport().mapToGlobal(pos))
