"""The Settings dialog's "Mailings" tab: how sent mail is grouped into mailings and at which rates a
mailing raises an alert (policy settings; their sources are cited in the help page)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

from bouncedesk.policy.settings import PolicySettings


def _percent_box(value: float, decimals: int) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(decimals)
    box.setRange(10.0**-decimals, 100.0)
    box.setSingleStep(10.0 ** -(decimals - 1) if decimals > 1 else 0.5)
    box.setSuffix(" %")
    box.setValue(value)
    return box


class MailingSettingsTab(QWidget):
    """Layout and values only; the dialog's controller saves them with the other policy settings."""

    def __init__(self, s: PolicySettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_hours = QSpinBox()
        self.window_hours.setRange(1, 24 * 31)
        self.window_hours.setSuffix(self.tr(" h"))
        self.window_hours.setValue(int(s.mailing_window_hours))
        self.warn = _percent_box(float(s.mailing_warn_percent), 1)
        self.high = _percent_box(float(s.mailing_high_percent), 1)
        self.complaints = _percent_box(float(s.mailing_complaint_percent), 2)
        lead = QLabel(self.tr("Messages with the same subject and sender belong to one mailing while they were "
                              "sent within this time; a List-Id or campaign header groups them first."))  # fmt: skip
        lead.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(lead)
        form.addRow(self.tr("A mailing spans at most:"), self.window_hours)
        form.addRow(self.tr("Warn at a bounce rate of:"), self.warn)
        form.addRow(self.tr("Urgent at a bounce rate of:"), self.high)
        form.addRow(self.tr("Alert at a complaint rate of:"), self.complaints)
        note = QLabel(self.tr("Defaults: 5 % and 10 % bounces, 0.3 % complaints — the levels at which large "
                              "mail services review or stop senders (see Help). Mailings to fewer than 20 "
                              "recipients raise no alert."))  # fmt: skip
        note.setObjectName("Muted")
        note.setWordWrap(True)
        form.addRow(note)

    def values(self) -> dict[str, Any]:
        """The tab's fields as PolicySettings keyword arguments."""
        return {
            "mailing_window_hours": self.window_hours.value(),
            "mailing_warn_percent": round(self.warn.value(), 1),
            "mailing_high_percent": round(self.high.value(), 1),
            "mailing_complaint_percent": round(self.complaints.value(), 2),
        }
