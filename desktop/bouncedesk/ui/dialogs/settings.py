"""Settings: retry schedule and maximum attempts, the action per reason and per status code,
sync interval, language, theme and data folder.

Policy settings are the store's (shared with the CLI); language, theme and data folder are
per-user UI preferences (QSettings). Bad values are refused with the policy's own message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
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
from bouncedesk.policy.settings import PolicySettings
from bouncedesk.store.settings import get_setting, load_policy_settings, put_setting, save_policy_settings
from bouncedesk.ui import format as fmt
from bouncedesk.ui.context import AppContext
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


def sync_interval(conn) -> int:
    return int(get_setting(conn, SYNC_INTERVAL_KEY, DEFAULT_SYNC_MINUTES) or 0)


class SettingsDialog(QDialog):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumSize(620, 520)
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
        hint = QLabel(self.tr("After the last attempt bounces too, the address becomes inactive."))
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        rf.addRow(hint)

        self.reasons = QTableWidget(0, 2)
        self.reasons.setHorizontalHeaderLabels([self.tr("Reason"), self.tr("Action")])
        self.reasons.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.reasons.verticalHeader().hide()
        self.codes = QTableWidget(0, 2)
        self.codes.setHorizontalHeaderLabels([self.tr("Status code"), self.tr("Action")])
        self.codes.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.codes.verticalHeader().hide()
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
        al.addWidget(QLabel(self.tr("A status code's action beats its reason's.")))
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

        self.tabs = QTabWidget()
        self.tabs.addTab(general, self.tr("General"))
        self.tabs.addTab(retry, self.tr("Retries"))
        self.tabs.addTab(actions, self.tr("Actions"))
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
        self._fill_reasons(s)
        for code, action in sorted(s.code_actions.items()):
            self._add_code_row(code, action)
        d.sync_minutes.setValue(sync_interval(ctx.conn))
        d.language.setCurrentIndex(max(0, d.language.findData(ctx.language)))
        d.theme.setCurrentIndex(max(0, d.theme.findData(prefs.theme)))
        d.data_dir.setText(str(prefs.get("store/data_dir", "") or ctx.data_dir))
        d.add_code.clicked.connect(self._add_code)
        d.remove_code.clicked.connect(lambda: d.codes.removeRow(d.codes.currentRow()))
        d.browse.clicked.connect(self._browse)
        d.buttons.accepted.connect(self.save)
        d.buttons.rejected.connect(d.reject)

    def _combo(self, action: str) -> QComboBox:
        c = QComboBox()
        for key, label in action_labels().items():
            if key in ACTIONS:
                c.addItem(label, key)
        c.setCurrentIndex(max(0, c.findData(action)))
        return c

    def _fill_reasons(self, s: PolicySettings) -> None:
        from bouncedesk.classify.explain import known_reasons

        t = self.d.reasons
        skip = {"delivered", "vacation", "feedback"}
        reasons = [r for r in known_reasons() if r not in skip]
        t.setRowCount(len(reasons))
        for i, r in enumerate(reasons):
            item = QTableWidgetItem(f"{fmt.reason(r)}  ({r})")
            item.setData(0x0100, r)
            t.setItem(i, 0, item)
            combo = self._combo(s.reason_actions.get(r, ""))
            if r not in s.reason_actions:
                combo.insertItem(0, _t("Settings", "automatic (by the classifier)"), "")
                combo.setCurrentIndex(0)
            t.setCellWidget(i, 1, combo)

    def _add_code_row(self, code: str, action: str) -> None:
        t = self.d.codes
        i = t.rowCount()
        t.insertRow(i)
        item = QTableWidgetItem(f"{code}  {describe(code, self.ctx.language)}")
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
            temp_disabled_codes=current.temp_disabled_codes,
        )  # fmt: skip

    def save(self) -> bool:
        d = self.d
        try:
            policy = self.policy()
        except BounceDeskError as exc:
            d.error.setText(str(exc))
            return False
        now = self.ctx.now()
        save_policy_settings(self.ctx.conn, policy, now)
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
