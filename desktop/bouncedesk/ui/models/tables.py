"""The lists the app shows, each a WindowedTableModel over the store's tables.

Headers are English here and translated at display time (context "Columns").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries, theme
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.models.windowed import Column, TableSpec, WindowedTableModel

DESC = Qt.SortOrder.DescendingOrder
MIDDLE = Qt.TextElideMode.ElideMiddle  # addresses: both the name and the domain stay visible
ASC = Qt.SortOrder.AscendingOrder


def _code(v) -> str:
    return v or "—"


class _StateColors(WindowedTableModel):
    """Colours the `state` column by state."""

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, col: Column, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and col.key == "state":
            return theme.state_color(self.row_values(index.row())[index.column() + 1] or "")
        return None


def retries_spec(max_attempts: Callable[[], int], now: Callable[[], int]) -> TableSpec:
    return TableSpec(
        source="recipients",
        id_sql="id",
        columns=(
            Column("email", QT_TRANSLATE_NOOP("Columns", "Recipient"), "email", width=160, elide=MIDDLE,
                   stretch=True),
            Column("status", QT_TRANSLATE_NOOP("Columns", "Code"), "last_status", fmt=_code, width=56),
            Column("reason", QT_TRANSLATE_NOOP("Columns", "Reason"), "last_reason", fmt=fmt.reason, width=130,
                   drop=2),
            Column("attempt", QT_TRANSLATE_NOOP("Columns", "Attempt"), "attempts",
                   fmt=lambda a: fmt.attempt_of(a, max_attempts()), align_right=True, width=70),
            Column("due", QT_TRANSLATE_NOOP("Columns", "Next due"), "next_retry_at",
                   fmt=lambda t: fmt.due(t, now()), tip=fmt.local_time, width=90),
            Column("last", QT_TRANSLATE_NOOP("Columns", "Last bounce"), "last_failure_at", fmt=fmt.local_time,
                   width=125, drop=1),
        ),
        default_sort=(4, ASC),
    )  # fmt: skip


def recipients_spec() -> TableSpec:
    return TableSpec(
        source="recipients",
        id_sql="id",
        columns=(
            Column("email", QT_TRANSLATE_NOOP("Columns", "Recipient"), "email", width=160, elide=MIDDLE,
                   stretch=True),
            Column("state", QT_TRANSLATE_NOOP("Columns", "State"), "state", fmt=fmt.state, width=90),
            Column("status", QT_TRANSLATE_NOOP("Columns", "Code"), "last_status", fmt=_code, width=56),
            Column("reason", QT_TRANSLATE_NOOP("Columns", "Reason"), "last_reason", fmt=fmt.reason, width=130,
                   drop=3),
            Column("bounces", QT_TRANSLATE_NOOP("Columns", "Bounces"), "bounces", align_right=True, width=60,
                   drop=2),
            Column("last", QT_TRANSLATE_NOOP("Columns", "Last seen"), "last_seen_at", fmt=fmt.local_time, width=125,
                   drop=1),
        ),
        default_sort=(5, DESC),
    )  # fmt: skip


def suppressions_spec() -> TableSpec:
    return TableSpec(
        source="recipients",
        id_sql="id",
        where="state = 'suppressed'",
        columns=(
            Column("email", QT_TRANSLATE_NOOP("Columns", "Recipient"), "email", width=160, elide=MIDDLE,
                   stretch=True),
            # The same words as the export and scrub: "no such mailbox, 5.1.1", "by you".
            Column("why", QT_TRANSLATE_NOOP("Columns", "Why"), queries.SUPPRESSION_WHY_SQL,
                   fmt=queries.suppression_why_text, width=130),
            Column("status", QT_TRANSLATE_NOOP("Columns", "Code"), "last_status", fmt=_code, width=56),
            Column("since", QT_TRANSLATE_NOOP("Columns", "Since"), "last_event_at", fmt=fmt.local_time, width=125,
                   drop=2),
            Column("bounces", QT_TRANSLATE_NOOP("Columns", "Bounces"), "bounces", align_right=True, width=60,
                   drop=1),
        ),
        default_sort=(3, DESC),
    )  # fmt: skip


# A bounce shows as hard or soft; other kinds as they are.
_KIND_SQL = (
    "CASE WHEN r.kind = 'bounce' AND r.hard THEN 'hard' WHEN r.kind = 'bounce' THEN 'soft' ELSE r.kind END"
)


def bounces_spec() -> TableSpec:
    return TableSpec(
        source="results r",
        id_sql="r.id",
        where="r.kind != 'delivered'",
        columns=(
            Column("at", QT_TRANSLATE_NOOP("Columns", "When"), "r.at", fmt=fmt.local_time, width=125, drop=3),
            Column("email", QT_TRANSLATE_NOOP("Columns", "Recipient"), "r.email", width=160, elide=MIDDLE,
                   stretch=True),
            Column("kind", QT_TRANSLATE_NOOP("Columns", "Kind"), _KIND_SQL, fmt=fmt.kind, width=95),
            Column("status", QT_TRANSLATE_NOOP("Columns", "Code"), "r.status", fmt=_code, width=56),
            Column("reason", QT_TRANSLATE_NOOP("Columns", "Reason"), "r.reason", fmt=fmt.reason, width=130,
                   drop=2),
            Column("diagnostic", QT_TRANSLATE_NOOP("Columns", "Server said"), "substr(r.diagnostic, 1, 200)",
                   sort_sql=None, width=220, drop=1),
        ),
        # Newest first in the order they arrived (by id): no sort over a million rows. Click "When"
        # to sort by the bounces' own dates.
        default_sort=(-1, DESC),
    )


class RetriesModel(_StateColors):
    def __init__(self, ctx: AppContext, max_attempts: Callable[[], int], parent=None) -> None:
        super().__init__(ctx, retries_spec(max_attempts, ctx.now), parent)


class RecipientsModel(_StateColors):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, recipients_spec(), parent)


class SuppressionsModel(WindowedTableModel):
    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, suppressions_spec(), parent)


class BouncesModel(WindowedTableModel):
    """Every result except proofs of delivery: bounces, delays, complaints, auto-replies."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(ctx, bounces_spec(), parent)

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, col: Column, role: int):
        if role == Qt.ItemDataRole.ForegroundRole and col.key == "kind":
            kind = self.row_values(index.row())[index.column() + 1]
            return QColor(theme.kind_text_color(kind)) if kind in theme.KIND_ORDER else None
        return None
