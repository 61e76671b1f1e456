"""Add or edit a mail account: server, security, login (password → OS keyring), folders picked
from the server, processed folder, SMTP for retries; "Test connection" says in plain words
what works. The password never touches the store, the log or QSettings.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from bouncedesk import poller
from bouncedesk import store as st
from bouncedesk.errors import BounceDeskError, InputError
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.imap import Credentials
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.workers import run_job

log = logging.getLogger(__name__)
_t = QCoreApplication.translate

SECURITY = (("tls", 993), ("starttls", 143), ("plain", 143))
SMTP_SECURITY = (("tls", 465), ("starttls", 587), ("plain", 25))
_TO_STORE = {"tls": "ssl", "starttls": "starttls", "plain": "none"}
_FROM_STORE = {v: k for k, v in _TO_STORE.items()}


class AccountDialog(QDialog):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mail account"))
        self.setMinimumWidth(560)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Office"))
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("imap.example.com"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(993)
        self.security = QComboBox()
        for key, label in (("tls", self.tr("TLS (recommended)")), ("starttls", self.tr("STARTTLS")),
                           ("plain", self.tr("None (only on this computer)"))):  # fmt: skip
            self.security.addItem(label, key)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("kept in the system keyring"))
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText(
            self.tr("optional: SHA-256 of a self-signed certificate you trust")
        )
        hostrow = QHBoxLayout()
        hostrow.addWidget(self.host, 1)
        hostrow.addWidget(QLabel(self.tr("Port:")))
        hostrow.addWidget(self.port)

        imap = QGroupBox(self.tr("Incoming mail (IMAP) — where bounces arrive"))
        f = QFormLayout(imap)
        f.addRow(self.tr("&Name:"), self.name)
        server_label = QLabel(self.tr("&Server:"))
        server_label.setBuddy(self.host)
        f.addRow(server_label, hostrow)
        f.addRow(self.tr("S&ecurity:"), self.security)
        f.addRow(self.tr("&User name:"), self.username)
        f.addRow(self.tr("&Password:"), self.password)
        f.addRow(self.tr("Certificate:"), self.fingerprint)

        self.folders = QListWidget()
        self.folders.setMaximumHeight(120)
        self.folders.setAccessibleName(self.tr("Folders to read bounces from"))
        self.processed = QComboBox()
        self.processed.setEditable(True)
        self.sent = QComboBox()
        self.sent.setEditable(True)
        fold = QGroupBox(self.tr("Folders"))
        ff = QFormLayout(fold)
        ff.addRow(self.tr("Read bounces from:"), self.folders)
        ff.addRow(self.tr("Move processed bounces to:"), self.processed)
        ff.addRow(self.tr("Sent folder:"), self.sent)

        self.smtp_host = QLineEdit()
        self.smtp_host.setPlaceholderText(self.tr("smtp.example.com (for retries and notices)"))
        self.smtp_port = QSpinBox()
        self.smtp_port.setRange(1, 65535)
        self.smtp_port.setValue(465)
        self.smtp_security = QComboBox()
        for key, label in (
            ("tls", self.tr("TLS")),
            ("starttls", self.tr("STARTTLS")),
            ("plain", self.tr("None")),
        ):
            self.smtp_security.addItem(label, key)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("you@example.com"))
        smtprow = QHBoxLayout()
        smtprow.addWidget(self.smtp_host, 1)
        smtprow.addWidget(QLabel(self.tr("Port:")))
        smtprow.addWidget(self.smtp_port)
        smtp = QGroupBox(self.tr("Outgoing mail (SMTP) — optional"))
        sf = QFormLayout(smtp)
        sf.addRow(self.tr("Server:"), smtprow)
        sf.addRow(self.tr("Security:"), self.smtp_security)
        sf.addRow(self.tr("Send as:"), self.address)

        self.test_button = QPushButton(self.tr("&Test connection"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        testrow = QHBoxLayout()
        testrow.addWidget(self.test_button)
        testrow.addWidget(self.result, 1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        lay = QVBoxLayout(self)
        lay.addWidget(imap)
        lay.addWidget(fold)
        lay.addWidget(smtp)
        lay.addLayout(testrow)
        lay.addWidget(self.buttons)


class AccountController(QObject):
    """Fills, tests and saves the dialog. `saved` carries the account name."""

    saved = Signal(str)
    tested = Signal(bool, str)  # ok, plain-language result

    def __init__(
        self, ctx: AppContext, dialog: AccountDialog, existing: str | None = None, secrets_factory=None
    ) -> None:
        super().__init__(dialog)
        self.ctx = ctx
        self.d = dialog
        self.existing = existing
        self.secrets_factory = secrets_factory or (lambda: poller.open_secrets(ctx.conn, ctx.data_dir))
        self._port_touched = False
        dialog.security.currentIndexChanged.connect(self._security_changed)
        dialog.smtp_security.currentIndexChanged.connect(self._smtp_security_changed)
        dialog.test_button.clicked.connect(self.test)
        dialog.buttons.accepted.connect(self.save)
        dialog.buttons.rejected.connect(dialog.reject)
        self._set_folders(["INBOX"], checked={"INBOX"})
        if existing:
            self._load(existing)
        from bouncedesk.ui.oauth_signin import AccountSignIn  # "Sign in with Google / Microsoft"

        self.signin = AccountSignIn(self)

    def _security_changed(self, _i: int) -> None:
        self.d.port.setValue(dict(SECURITY)[self.d.security.currentData()])

    def _smtp_security_changed(self, _i: int) -> None:
        self.d.smtp_port.setValue(dict(SMTP_SECURITY)[self.d.smtp_security.currentData()])

    def _set_folders(self, names: list[str], checked: set[str]) -> None:
        d = self.d
        d.folders.clear()
        for n in names:
            it = QListWidgetItem(n)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Checked if n in checked else Qt.CheckState.Unchecked)
            d.folders.addItem(it)
        for combo in (d.processed, d.sent):
            cur = combo.currentText()
            combo.clear()
            combo.addItem("")
            combo.addItems(names)
            combo.setCurrentText(cur)

    def _load(self, name: str) -> None:
        row = st.get_account(self.ctx.conn, name)
        if row is None:
            return
        acc = poller.load_account(self.ctx.conn, name)
        d = self.d
        d.name.setText(acc.name)
        d.host.setText(acc.host)
        d.security.setCurrentIndex(max(0, d.security.findData(acc.security)))
        d.port.setValue(acc.port)
        d.username.setText(acc.username)
        d.fingerprint.setText(acc.tls_fingerprint or "")
        self._set_folders(list(acc.folders), set(acc.folders))
        d.processed.setCurrentText(acc.processed_folder or "")
        d.sent.setCurrentText(acc.sent_folder or "")
        d.smtp_host.setText(row.smtp_host or "")
        if row.smtp_security:
            d.smtp_security.setCurrentIndex(
                max(0, d.smtp_security.findData(_FROM_STORE.get(row.smtp_security)))
            )
        if row.smtp_port:
            d.smtp_port.setValue(row.smtp_port)
        d.address.setText(row.address or "")
        d.password.setPlaceholderText(_t("AccountController", "unchanged (kept in the system keyring)"))

    def account(self) -> Account:
        """The dialog's values as an Account; InputError with a clear message when one is wrong."""
        d = self.d
        folders = [d.folders.item(i).text() for i in range(d.folders.count())
                   if d.folders.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip
        if not d.host.text().strip():
            raise InputError(_t("AccountController", "Enter the IMAP server's name."))
        return Account(
            name=d.name.text().strip(),
            host=d.host.text().strip(),
            username=d.username.text().strip(),
            port=d.port.value(),
            security=d.security.currentData(),
            folders=tuple(folders) or ("INBOX",),
            sent_folder=d.sent.currentText().strip() or None,
            processed_folder=d.processed.currentText().strip() or None,
            tls_fingerprint=d.fingerprint.text().strip() or None,
            auth_method=self.signin.auth_method(),
        )

    def _password(self, acc: Account) -> str:
        pw = self.d.password.text()
        if pw:
            return pw
        if self.existing:
            return self.secrets_factory().require(self.existing)
        raise InputError(_t("AccountController", "Enter the password."))

    # --- test --------------------------------------------------------------------------------

    def test(self) -> None:
        try:
            acc = self.account()
            creds = self.signin.credentials() or Credentials(password=self._password(acc))
        except BounceDeskError as exc:
            self._show_result(False, str(exc))
            return
        self.d.test_button.setEnabled(False)
        self.d.result.setText(_t("AccountController", "Connecting…"))
        now = self.ctx.now()
        run_job(
            self.ctx.pool,
            lambda: poller.check_account(acc, creds, now),
            self._tested,
            lambda m: self._show_result(False, m),
        )

    def _tested(self, check: poller.AccountCheck) -> None:
        checked = {self.d.folders.item(i).text() for i in range(self.d.folders.count())
                   if self.d.folders.item(i).checkState() == Qt.CheckState.Checked}  # fmt: skip
        self._set_folders(check.folders, checked or {"INBOX"})
        if check.sent_folder and not self.d.sent.currentText():
            self.d.sent.setCurrentText(check.sent_folder)
        parts = [
            _t(
                "AccountController",
                "Connected and logged in. The server has %n folder(s).",
                None,
                len(check.folders),
            )
        ]
        if check.sent_folder:
            parts.append(_t("AccountController", "Sent folder: %1.").replace("%1", check.sent_folder))
        if check.missing_folders:
            parts.append(
                _t("AccountController", "Not on the server: %1.").replace(
                    "%1", ", ".join(check.missing_folders)
                )
            )
        if check.processed_folder_exists is False:
            parts.append(_t("AccountController", "The processed folder will be created on the first sync."))
        self._show_result(True, " ".join(parts))

    def _show_result(self, ok: bool, text: str) -> None:
        from bouncedesk.ui import theme

        c = theme.colors()
        self.d.test_button.setEnabled(True)
        self.d.result.setText(("✓ " if ok else "✗ ") + text)
        self.d.result.setStyleSheet(f"color: {c.ok if ok else c.danger};")
        self.tested.emit(ok, text)

    # --- save --------------------------------------------------------------------------------

    def save(self) -> bool:
        try:
            acc = self.account()
            self._save(acc)
        except BounceDeskError as exc:
            self._show_result(False, str(exc))
            return False
        self.saved.emit(acc.name)
        self.ctx.notify("accounts")
        self.d.accept()
        return True

    def _save(self, acc: Account) -> None:
        conn, now, d = self.ctx.conn, self.ctx.now(), self.d
        smtp = {
            "smtp_host": d.smtp_host.text().strip() or None,
            "smtp_port": d.smtp_port.value() if d.smtp_host.text().strip() else None,
            "smtp_security": _TO_STORE[d.smtp_security.currentData()] if d.smtp_host.text().strip() else None,
            "smtp_username": acc.username if d.smtp_host.text().strip() else None,
            "address": d.address.text().strip() or None,
        }
        pw = d.password.text()
        if not self.existing:
            secrets = self.secrets_factory()
            poller.add_account(conn, secrets, acc, password=pw, now=now)
            row = st.get_account(conn, acc.name)
            st.update_account(conn, row.id, **smtp)
            self.signin.after_save(acc.name)
            log.info("account %r added", acc.name)
            return
        row = st.get_account(conn, self.existing)
        if row is None:
            raise InputError(_t("AccountController", "The account was removed meanwhile."))
        secrets = None
        if acc.auth_method == "password" and (pw or acc.name != self.existing):
            secrets = self.secrets_factory()
            secret = pw or secrets.require(self.existing)
            secrets.set(acc.name, secret)
            if acc.name != self.existing:
                secrets.delete(self.existing)
        elif acc.name != self.existing:
            self.signin.renamed(self.existing, acc.name)  # the sign-in's keyring entries follow the name
        with st.transaction(conn):
            st.update_account(
                conn, row.id, name=acc.name, host=acc.host, port=acc.port, security=_TO_STORE[acc.security],
                username=acc.username, folders=list(acc.folders), sent_folder=acc.sent_folder,
                processed_folder=acc.processed_folder, **smtp,
            )  # fmt: skip
            key = poller.IMAP_PIN_KEY.format(id=row.id)  # where the poller reads the pin from
            if acc.tls_fingerprint:
                st.put_setting(conn, key, acc.tls_fingerprint, now)
            else:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        self.signin.after_save(acc.name)
        log.info("account %r saved", acc.name)
