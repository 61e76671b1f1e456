"""The result of checking a mailing list (bouncedesk.lists.listcheck): totals, a table per provider,
the invalid addresses and typos by row, and "Save cleaned list…".

Layout and filling only; the main controller runs the check and the save. Every address comes
from the user's file and is shown as plain text (table items and plain labels).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.lists.listcheck import CATEGORIES, OTHERS, ListReport
from bouncedesk.ui.widgets import plain_label

MAX_FINDINGS = 2000  # rows shown; the CLI's --report writes all of them


class ListCheckDialog(QDialog):
    """Shows one ListReport; `saveRequested(drop_invalid)` when the user wants the cleaned list."""

    saveRequested = Signal(bool)

    def __init__(self, report: ListReport, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(self.tr("Check a mailing list"))
        self.setMinimumSize(720, 460)
        self.resize(900, 560)
        titles = self.category_titles()
        self.heading = plain_label(
            self.tr("%1: %n address(es) checked.", "", report.addresses).replace("%1", name)
        )
        f = self.heading.font()
        f.setBold(True)
        self.heading.setFont(f)
        skip = report.total("suppressed") + report.total("inactive") + report.total("paused")
        self.summary = plain_label(
            self.tr("Not to mail (suppressed, inactive, paused): %1 · invalid: %2 · likely typos: %3 · repeated: %4")
            .replace("%1", str(skip)).replace("%2", str(report.total("invalid")))
            .replace("%3", str(report.total("typo"))).replace("%4", str(report.total("duplicate")))
        )  # fmt: skip
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(report.providers) + 1, 2 + len(CATEGORIES))
        self.table.setHorizontalHeaderLabels([self.tr("Provider"), self.tr("Addresses"),
                                              *(titles[c] for c in CATEGORIES)])  # fmt: skip
        self.table.setAccessibleName(self.tr("Findings per provider"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        rows = [(self.provider_title(k), c) for k, c in report.providers.items()]
        total = {"addresses": report.addresses, **{c: report.total(c) for c in CATEGORIES}}
        rows.append((self.tr("Total"), total))
        for r, (title, counts) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(title))
            for col, key in enumerate(("addresses", *CATEGORIES), start=1):
                item = QTableWidgetItem(str(counts.get(key, 0)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, col, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        shown = [f for f in report.findings if f.category in ("invalid", "typo")][:MAX_FINDINGS]
        self.findings = QTableWidget(len(shown), 3)
        self.findings.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Address"), self.tr("Problem")])
        self.findings.setAccessibleName(self.tr("Invalid addresses and likely typos"))
        self.findings.verticalHeader().hide()
        self.findings.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, fnd in enumerate(shown):
            problem = (self.tr("likely a typo of %1").replace("%1", fnd.detail) if fnd.category == "typo"
                       else self.tr("invalid: %1").replace("%1", self.reason(fnd.detail)))  # fmt: skip
            for col, text in enumerate((str(fnd.row), fnd.email, problem)):
                self.findings.setItem(r, col, QTableWidgetItem(text))
        self.findings.resizeColumnsToContents()
        self.findings.horizontalHeader().setStretchLastSection(True)
        self.findings.setVisible(bool(shown))
        self._fit_table()
        self.note = plain_label(
            self.tr("The cleaned list leaves out addresses not to mail and repeated rows; every other row "
                    "stays exactly as it is in your file.")
        )  # fmt: skip
        self.note.setWordWrap(True)
        self.note.setObjectName("Muted")
        self.drop_invalid = QCheckBox(self.tr("Also leave out invalid addresses and likely typos"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton(self.tr("Save cleaned list…"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(lambda: self.saveRequested.emit(self.drop_invalid.isChecked()))
        lay = QVBoxLayout(self)
        for w in (self.heading, self.summary, self.table, self.findings, self.note, self.drop_invalid, self.buttons):
            lay.addWidget(w)

    def _fit_table(self) -> None:
        """Every column and (up to 14) every row of the provider table in view, the Total row too."""
        t = self.table
        t.resizeColumnsToContents()
        rows = min(t.rowCount(), 14)
        t.setMinimumHeight(t.horizontalHeader().sizeHint().height() + rows * t.verticalHeader().defaultSectionSize()
                           + 2 * t.frameWidth() + 2)  # fmt: skip
        width = t.horizontalHeader().length() + 2 * t.frameWidth() + 40
        self.resize(min(max(900, width), 1240), max(560, t.minimumHeight() + 330))

    def provider_title(self, key: str) -> str:
        return self.tr("Others") if key == OTHERS else self.report.titles.get(key, key)

    def category_titles(self) -> dict[str, str]:
        return {
            "suppressed": self.tr("Suppressed"), "inactive": self.tr("Inactive"), "paused": self.tr("Paused"),
            "retrying": self.tr("Retrying"), "recently_bounced": self.tr("Bounced lately"),
            "role": self.tr("Role accounts"), "invalid": self.tr("Invalid"), "typo": self.tr("Likely typos"),
            "duplicate": self.tr("Repeated"),
        }  # fmt: skip

    def reason(self, text: str) -> str:
        """listcheck.invalid_reason's words in the UI language (unknown ones as they are)."""
        return {
            "empty": self.tr("empty"),
            "contains control characters or blanks": self.tr("contains control characters or blanks"),
            "no @": self.tr("no @"),
            "nothing before the @": self.tr("nothing before the @"),
            "nothing after the @": self.tr("nothing after the @"),
            "the part before the @ is not allowed": self.tr("the part before the @ is not allowed"),
            "the part before the @ is longer than 64 characters":
                self.tr("the part before the @ is longer than 64 characters"),
            "not a valid address literal": self.tr("not a valid address literal"),
            "not a valid domain": self.tr("not a valid domain"),
            "longer than 254 characters": self.tr("longer than 254 characters"),
        }.get(text, text)  # fmt: skip
