"""Settings: retry schedule and maximum attempts, the action per reason and per status code,
sync interval, language, theme and data folder.

Policy settings are the store's (shared with the CLI); language, theme and data folder are
per-user UI preferences (QSettings). Bad values are refused with the policy's own message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.classify.codes import describe
from bouncedesk.errors import BounceDeskError, InputError
from bouncedesk.policy.model import ACTIONS
from bouncedesk.policy.provenance import TRUST_ALL, TRUST_MODES, TRUST_PLAUSIBLE, TRUST_VERIFIED
from bouncedesk.policy.settings import HOUR, PolicySettings
from bouncedesk.store.settings import get_setting, load_policy_settings, put_setting, save_policy_settings
from bouncedesk.ui import format as fmt
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.dialogs.mailing_settings import MailingSettingsTab
from bouncedesk.ui.i18n import LANGUAGES
from bouncedesk.ui.prefs import Prefs

_t = QCoreApplication.translate
SYNC_INTERVAL_KEY = "sync.interval_minutes"
DEFAULT_SYNC_MINUTES = 15


def action_labels() -> dict[str, str]:
    return {
        "retry": _t("Settings", "retry on schedule"),
        "suppress": _t("Settings", "suppress"),
        "sender-alert": _t("Settings", "alert me (sender-side)"),
        "record": _t("Settings", "only record"),
        "wait": _t("Settings", "wait (auto-reply)"),
        "recover": _t("Settings", "mark delivered"),
    }


def trust_choices() -> dict[str, tuple[str, str]]:
    """The three trust modes: (choice, one-line explanation), as `bouncedesk review --set-trust` names them.

    "verified", "plausible" and "Needs review" are policy.provenance's words (German: "bestätigt",
    "plausibel", "Zu prüfen"); the translations keep them.
    """
    return {
        TRUST_VERIFIED: (
            _t("Settings", "Only verified bounces (recommended)"),
            _t("Settings", "A bounce acts only when it names a message you sent to that address. "
                           "The others wait in Needs review."),
        ),
        TRUST_PLAUSIBLE: (
            _t("Settings", "Verified and plausible bounces"),
            _t("Settings", "Also bounces that only carry your domain or your address, "
                           "but no message BounceDesk knows you sent."),
        ),
        TRUST_ALL: (
            _t("Settings", "All bounces, without this check"),
            _t("Settings", "Warning: anyone who can send mail to your monitored mailbox can then change your "
                           "recipients. Only for mailboxes whose sent mail BounceDesk cannot read."),
        ),
    }  # fmt: skip


def sync_interval(conn) -> int:
    return int(get_setting(conn, SYNC_INTERVAL_KEY, DEFAULT_SYNC_MINUTES) or 0)


class SettingsDialog(QDialog):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumSize(620, 520)
        self.resize(720, 600)  # room for the action tables; fits a 1366×768 screen
        self.schedule = QLineEdit()
        self.schedule.setToolTip(self.tr("Hours to wait before each retry, e.g. 24, 48, 72, 168"))
        self.max_attempts = QSpinBox()
        self.max_attempts.setRange(3, 5)
        self.frequent_count = QSpinBox()
        self.frequent_count.setRange(1, 100)
        self.frequent_days = QSpinBox()
        self.frequent_days.setRange(1, 365)
        freq = QHBoxLayout()
        freq.addWidget(self.frequent_count)
        freq.addWidget(QLabel(self.tr("bounces within")))
        freq.addWidget(self.frequent_days)
        freq.addWidget(QLabel(self.tr("days")))
        freq.addStretch(1)
        retry = QWidget()
        rf = QFormLayout(retry)
        rf.addRow(self.tr("Retry after (hours):"), self.schedule)
        rf.addRow(self.tr("Maximum attempts:"), self.max_attempts)
        rf.addRow(self.tr("Frequent bouncer:"), freq)
        self.recover_on_reply = QCheckBox(self.tr("A reply to your mail makes a retrying or inactive address active "
                                                  "again"))
        self.recover_on_reply.setToolTip(self.tr("Only a reply from the address itself that answers a message you "
                                                 "sent to it counts. Suppressed and paused addresses never change "
                                                 "by themselves."))
        rf.addRow(self.recover_on_reply)
        hint = QLabel(self.tr("After the last attempt bounces too, the address becomes inactive."))
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        rf.addRow(hint)

        self.reasons = QTableWidget(0, 2)
        self.reasons.setHorizontalHeaderLabels([self.tr("Reason"), self.tr("Action")])
        self.reasons.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.reasons.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.reasons.verticalHeader().hide()
        self.codes = QTableWidget(0, 2)
        self.codes.setHorizontalHeaderLabels([self.tr("Status code"), self.tr("Action")])
        self.codes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.codes.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.codes.verticalHeader().hide()
        for table in (self.reasons, self.codes):  # room for a combo box in each row
            table.verticalHeader().setDefaultSectionSize(max(30, table.fontMetrics().height() + 14))
            table.setWordWrap(False)
        self.new_code = QLineEdit()
        self.new_code.setPlaceholderText("4.2.1")
        self.add_code = QPushButton(self.tr("Add code"))
        self.remove_code = QPushButton(self.tr("Remove code"))
        coderow = QHBoxLayout()
        coderow.addWidget(self.new_code)
        coderow.addWidget(self.add_code)
        coderow.addWidget(self.remove_code)
        coderow.addStretch(1)
        actions = QWidget()
        al = QVBoxLayout(actions)
        lead = QLabel(self.tr("What BounceDesk does with a bounce, by its reason. An action for a status "
                              "code comes first."))  # fmt: skip
        lead.setWordWrap(True)
        al.addWidget(lead)
        al.addWidget(self.reasons, 3)
        al.addWidget(self.codes, 2)
        al.addLayout(coderow)

        self.sync_minutes = QSpinBox()
        self.sync_minutes.setRange(0, 24 * 60)
        self.sync_minutes.setSuffix(self.tr(" min"))
        self.sync_minutes.setSpecialValueText(self.tr("only when I click Sync now"))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.theme = QComboBox()
        for code, name in (
            ("system", self.tr("Like the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(name, code)
        self.data_dir = QLineEdit()
        self.browse = QPushButton(self.tr("Choose…"))
        drow = QHBoxLayout()
        drow.addWidget(self.data_dir, 1)
        drow.addWidget(self.browse)
        general = QWidget()
        gf = QFormLayout(general)
        gf.addRow(self.tr("Sync every:"), self.sync_minutes)
        gf.addRow(self.tr("Language:"), self.language)
        gf.addRow(self.tr("Theme:"), self.theme)
        gf.addRow(self.tr("Data folder:"), drow)
        note = QLabel(self.tr("A new data folder is used from the next start."))
        note.setObjectName("Muted")
        gf.addRow(note)

        self.trust_group = QButtonGroup(self)
        self.trust_buttons: dict[str, QRadioButton] = {}
        self.trust_notes: dict[str, QLabel] = {}
        checking = QWidget()
        cl = QVBoxLayout(checking)
        intro = QLabel(self.tr("Which bounces may change your recipients by themselves? "
                               "The others wait in Needs review until you decide."))  # fmt: skip
        intro.setWordWrap(True)
        cl.addWidget(intro)
        for mode in TRUST_MODES:
            b = QRadioButton()
            note = QLabel()
            note.setObjectName("Muted")
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 6)
            self.trust_group.addButton(b)
            self.trust_buttons[mode] = b
            self.trust_notes[mode] = note
            cl.addWidget(b)
            cl.addWidget(note)
        cl.addSpacing(8)
        self.history_auto = QCheckBox()
        self.history_value = QSpinBox()
        self.history_value.setRange(1, 9999)
        self.history_unit = QComboBox()
        self.history_unit.addItem(_t("Settings", "days"), 24)  # "Tage", not the "Tagen" of "within … days"
        self.history_unit.addItem(_t("Settings", "hours"), 1)
        history = QLabel(self.tr("A soft bounce that is already older than this when it arrives is history: "
                                 "it is recorded, but no retry is scheduled for it."))  # fmt: skip
        history.setWordWrap(True)
        cl.addWidget(history)
        hrow = QHBoxLayout()
        older = QLabel(self.tr("Older than:"))
        older.setBuddy(self.history_value)
        hrow.addWidget(older)
        hrow.addWidget(self.history_value)
        hrow.addWidget(self.history_unit)
        hrow.addStretch(1)
        cl.addLayout(hrow)
        cl.addWidget(self.history_auto)
        cl.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.addTab(general, self.tr("General"))
        self.tabs.addTab(retry, self.tr("Retries"))
        self.tabs.addTab(actions, self.tr("Actions"))
        self.tabs.addTab(checking, self.tr("Checking bounces"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)


class SettingsController(QObject):
    languageChanged = Signal(str)
    themeChanged = Signal(str)
    syncIntervalChanged = Signal(int)
    saved = Signal()

    def __init__(self, ctx: AppContext, dialog: SettingsDialog, prefs: Prefs) -> None:
        super().__init__(dialog)
        self.ctx = ctx
        self.d = dialog
        self.prefs = prefs
        s = load_policy_settings(ctx.conn)
        d = dialog
        d.schedule.setText(", ".join(str(h) for h in s.schedule_hours))
        d.max_attempts.setValue(s.max_attempts)
        d.frequent_count.setValue(s.frequent_count)
        d.frequent_days.setValue(s.frequent_days)
        d.recover_on_reply.setChecked(s.recover_on_reply)
        self._fill_reasons(s)
        for code, action in sorted(s.code_actions.items()):
            self._add_code_row(code, action)
        self._fill_trust(s)
        self._size_action_columns()
        d.sync_minutes.setValue(sync_interval(ctx.conn))
        d.language.setCurrentIndex(max(0, d.language.findData(ctx.language)))
        d.theme.setCurrentIndex(max(0, d.theme.findData(prefs.theme)))
        d.data_dir.setText(str(prefs.get("store/data_dir", "") or ctx.data_dir))
        from bouncedesk.ui.dialogs.corrections import CorrectionsTab

        self.corrections = CorrectionsTab(ctx)
        d.tabs.addTab(self.corrections, self.tr("Corrections"))
        self.mailings = MailingSettingsTab(s)  # grouping window and alert levels of mailings
        d.tabs.addTab(self.mailings, self.tr("Mailings"))
        d.add_code.clicked.connect(self._add_code)
        d.remove_code.clicked.connect(lambda: d.codes.removeRow(d.codes.currentRow()))
        d.browse.clicked.connect(self._browse)
        d.buttons.accepted.connect(self.save)
        d.buttons.rejected.connect(d.reject)

    def _fill_trust(self, s: PolicySettings) -> None:
        d = self.d
        for mode, (choice, note) in trust_choices().items():
            d.trust_buttons[mode].setText(choice)
            d.trust_notes[mode].setTextFormat(Qt.TextFormat.PlainText)
            d.trust_notes[mode].setText(note)
        d.trust_buttons.get(s.trust, d.trust_buttons[TRUST_VERIFIED]).setChecked(True)
        from bouncedesk.ui import theme

        d.trust_notes[TRUST_ALL].setStyleSheet(f"color: {theme.colors().danger};")
        auto = s.history_hours is None
        d.history_auto.setChecked(auto)
        self._show_history(s.history_span // HOUR)
        d.history_value.setEnabled(not auto)
        d.history_unit.setEnabled(not auto)
        d.history_auto.toggled.connect(self._history_auto_toggled)
        d.schedule.textChanged.connect(lambda _t: self._update_span_text())
        d.max_attempts.valueChanged.connect(lambda _v: self._update_span_text())
        self._update_span_text()

    def _show_history(self, hours: int) -> None:
        d = self.d
        days = hours % 24 == 0
        d.history_unit.setCurrentIndex(0 if days else 1)
        d.history_value.setValue(hours // 24 if days else hours)

    def _schedule_span_hours(self) -> int | None:
        """The span of the retry schedule as typed now (None while it is not a valid schedule)."""
        try:
            hours = tuple(int(x) for x in self.d.schedule.text().replace(";", ",").split(",") if x.strip())
            return (
                PolicySettings(schedule_hours=hours, max_attempts=self.d.max_attempts.value()).history_span
                // HOUR
            )
        except (ValueError, BounceDeskError):
            return None

    def _update_span_text(self) -> None:
        d = self.d
        span = self._schedule_span_hours()
        text = _t("Settings", "As long as the retry schedule lasts")
        if span is not None:
            shown = (_t("Settings", "%n day(s)", None, span // 24) if span % 24 == 0
                     else _t("Settings", "%n hour(s)", None, span))  # fmt: skip
            text += f" ({shown})"
            if d.history_auto.isChecked():
                self._show_history(span)
        d.history_auto.setText(text)

    def _history_auto_toggled(self, on: bool) -> None:
        self.d.history_value.setEnabled(not on)
        self.d.history_unit.setEnabled(not on)
        self._update_span_text()

    def trust_mode(self) -> str:
        return next((m for m, b in self.d.trust_buttons.items() if b.isChecked()), TRUST_VERIFIED)

    def history_hours(self) -> int | None:
        d = self.d
        if d.history_auto.isChecked():
            return None
        return d.history_value.value() * int(d.history_unit.currentData())

    def _size_action_columns(self) -> None:
        """The action column as wide as its longest choice, so no choice is cut ("retry on sch…")."""
        probe = self._combo("")
        probe.addItem(_t("Settings", "depends on the bounce (default)"), "")
        probe.ensurePolished()
        width = probe.sizeHint().width() + 12
        probe.deleteLater()
        for table in (self.d.reasons, self.d.codes):
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
            table.setColumnWidth(1, width)

    def _combo(self, action: str) -> QComboBox:
        c = QComboBox()
        c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key, label in action_labels().items():
            if key in ACTIONS:
                c.addItem(label, key)
        c.setCurrentIndex(max(0, c.findData(action)))
        return c

    def _fill_reasons(self, s: PolicySettings) -> None:
        from bouncedesk.classify.explain import explain_reason, known_reasons
        from bouncedesk.ui.format import plain_tip

        t = self.d.reasons
        skip = {"delivered", "vacation", "feedback"}
        reasons = [r for r in known_reasons() if r not in skip]
        t.setRowCount(len(reasons))
        for i, r in enumerate(reasons):
            item = QTableWidgetItem(fmt.reason(r))  # the words the lists show, not the classifier's name
            item.setToolTip(plain_tip(explain_reason(r, self.ctx.language)))
            item.setData(0x0100, r)
            t.setItem(i, 0, item)
            combo = self._combo(s.reason_actions.get(r, ""))
            if r not in s.reason_actions:
                combo.insertItem(0, _t("Settings", "depends on the bounce (default)"), "")
                combo.setCurrentIndex(0)
            t.setCellWidget(i, 1, combo)

    def _add_code_row(self, code: str, action: str) -> None:
        t = self.d.codes
        i = t.rowCount()
        t.insertRow(i)
        from bouncedesk.ui.format import plain_tip

        item = QTableWidgetItem(f"{code}  {describe(code, self.ctx.language)}")
        item.setToolTip(plain_tip(item.text()))  # the whole text where the column cuts it
        item.setData(0x0100, code)
        t.setItem(i, 0, item)
        t.setCellWidget(i, 1, self._combo(action))

    def _add_code(self) -> None:
        from bouncedesk.classify.codes import is_valid

        code = self.d.new_code.text().strip()
        if not is_valid(code):
            self.d.error.setText(_t("Settings", "“%1” is not a status code like 4.2.1.").replace("%1", code))
            return
        self._add_code_row(code, "retry")
        self.d.new_code.clear()

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self.d, _t("Settings", "Data folder"), self.d.data_dir.text())
        if path:
            self.d.data_dir.setText(path)

    def policy(self) -> PolicySettings:
        d = self.d
        try:
            hours = tuple(int(x) for x in d.schedule.text().replace(";", ",").split(",") if x.strip())
        except ValueError as exc:
            raise InputError(
                _t("Settings", "The retry schedule is a list of whole hours, like 24, 48, 72.")
            ) from exc
        reason_actions = {}
        for i in range(d.reasons.rowCount()):
            action = d.reasons.cellWidget(i, 1).currentData()
            if action:
                reason_actions[d.reasons.item(i, 0).data(0x0100)] = action
        code_actions = {d.codes.item(i, 0).data(0x0100): d.codes.cellWidget(i, 1).currentData()
                        for i in range(d.codes.rowCount())}  # fmt: skip
        current = load_policy_settings(self.ctx.conn)
        return PolicySettings(
            schedule_hours=hours, max_attempts=d.max_attempts.value(), frequent_count=d.frequent_count.value(),
            frequent_days=d.frequent_days.value(), reason_actions=reason_actions, code_actions=code_actions,
            temp_disabled_codes=current.temp_disabled_codes, trust=self.trust_mode(),
            history_hours=self.history_hours(), recover_on_reply=d.recover_on_reply.isChecked(),
            **self.mailings.values(),
        )  # fmt: skip

    def save(self) -> bool:
        d = self.d
        try:
            policy = self.policy()
        except BounceDeskError as exc:
            d.error.setText(str(exc))
            return False
        now = self.ctx.now()
        trust_before = load_policy_settings(self.ctx.conn).trust
        save_policy_settings(self.ctx.conn, policy, now)
        if policy.trust != trust_before:
            from bouncedesk.act.review import recheck_pending

            recheck_pending(self.ctx.conn, now)  # waiting bounces the new setting lets act, act now
        minutes = d.sync_minutes.value()
        put_setting(self.ctx.conn, SYNC_INTERVAL_KEY, minutes, now)
        self.syncIntervalChanged.emit(minutes)
        folder = d.data_dir.text().strip()
        if folder and folder != str(self.ctx.data_dir):
            self.prefs.set("store/data_dir", folder)
        lang = d.language.currentData()
        theme = d.theme.currentData()
        if theme != self.prefs.theme:
            self.prefs.theme = theme
            self.themeChanged.emit(theme)
        self.ctx.notify("settings")
        self.saved.emit()
        d.accept()
        if lang != self.ctx.language:
            self.prefs.language = lang
            self.languageChanged.emit(lang)
        return True
