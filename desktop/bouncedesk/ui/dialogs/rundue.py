"""Run due retries asks first: who gets which message again, attempt k of N, since when.

Nothing is sent from here: the dialog only shows `Actions.due_preview` and, when the user
agrees, the main controller hands "send these N" to the action hub. Cancel sends nothing.
Every text a bounce or a sent message brought (address, subject) is shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.ui import format as fmt
from bouncedesk.ui.widgets import plain_label

MAX_ROWS = 2000  # a preview, not a report: the count says how many more there are


class RunDueDialog(QDialog):
    """Layout and filling only; the caller decides what "Send" does."""

    def __init__(self, items: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = list(items)
        n = len(self.items)
        self.setWindowTitle(self.tr("Run due retries"))
        self.setMinimumSize(640, 380)
        self.resize(820, 480)
        self.heading = plain_label(self.tr("%n retry(s) are due now.", "", n))
        f = self.heading.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.heading.setFont(f)
        dates = [i.bounce_at for i in self.items if i.bounce_at is not None]
        self.oldest = plain_label(
            self.tr("The oldest bounce among them arrived %1.").replace("%1", fmt.local_time(min(dates)))
            if dates else ""
        )  # fmt: skip
        self.oldest.setObjectName("Muted")
        self.oldest.setVisible(bool(dates))
        self.explain = plain_label(
            self.tr("Each recipient gets your own copy of the message again, from your sent mail. "
                    "Nothing is sent until you click Send.")
        )  # fmt: skip
        self.explain.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels([self.tr("Recipient"), self.tr("Message"), self.tr("Attempt"),
                                   self.tr("Bounced")])  # fmt: skip
        self.list.setAccessibleName(self.tr("Retries that would be sent"))
        h = self.list.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.list.setColumnWidth(0, 240)
        rows = []
        for it in self.items[:MAX_ROWS]:
            subject = it.subject or self.tr("(no subject)")
            row = QTreeWidgetItem([it.email, subject, fmt.attempt_of(it.attempt - 1, it.max_attempts),
                                   fmt.local_time(it.bounce_at)])  # fmt: skip
            row.setToolTip(0, fmt.plain_tip(it.email) or "")
            row.setToolTip(1, fmt.plain_tip(subject) or "")
            rows.append(row)
        self.list.addTopLevelItems(rows)
        self.more = plain_label(self.tr("… and %n more.", "", n - MAX_ROWS) if n > MAX_ROWS else "")
        self.more.setObjectName("Muted")
        self.more.setVisible(n > MAX_ROWS)
        self.buttons = QDialogButtonBox()
        self.send = self.buttons.addButton(
            self.tr("Send %n retry(s)", "", n), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.send.setDefault(True)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.setSpacing(8)
        lay.addWidget(self.heading)
        lay.addWidget(self.oldest)
        lay.addWidget(self.explain)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.more)
        lay.addWidget(self.buttons)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def rows(self) -> list[list[str]]:
        """The texts of the list, row by row (for tests and the self-test)."""
        return [
            [self.list.topLevelItem(i).text(c) for c in range(4)]
            for i in range(self.list.topLevelItemCount())
        ]
