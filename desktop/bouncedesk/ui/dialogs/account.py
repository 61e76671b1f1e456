"""Add or edit a mail account: server, security, login (password → OS keyring), folders picked
from the server, processed folder, SMTP for retries; "Test connection" says in plain words
what works. The password never touches the store, the log or QSettings.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bouncedesk import store as st
from bouncedesk.accounts import registry
from bouncedesk.errors import BounceDeskError, InputError
from bouncedesk.mail.accounts import Account
from bouncedesk.mail.endpoint import Credentials
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.workers import run_job

log = logging.getLogger(__name__)
_t = QCoreApplication.translate

SECURITY = (("tls", 993), ("starttls", 143), ("plain", 143))
SMTP_SECURITY = (("tls", 465), ("starttls", 587), ("plain", 25))
_TO_STORE = {"tls": "ssl", "starttls": "starttls", "plain": "none"}
_FROM_STORE = {v: k for k, v in _TO_STORE.items()}


class _Body(QScrollArea):
    """The dialog's fields, scrolling only when they would not fit on the screen (a 768 px laptop
    with the server details and a sign-in box open): its size hint is its content's, capped."""

    MAX_HEIGHT = 500  # with the buttons and a test result: well inside 768 px minus title bar and panel

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's naming)
        w = self.widget()
        if w is None:
            return QSize(600, 300)
        width = max(600, w.sizeHint().width())
        lay = w.layout()
        height = lay.heightForWidth(width) if lay is not None and lay.hasHeightForWidth() else -1
        height = height if height > 0 else w.sizeHint().height()
        bar = self.verticalScrollBar().sizeHint().width() if height > self.MAX_HEIGHT else 0
        return QSize(width + bar + 2, min(height + 2, self.MAX_HEIGHT))


class AccountDialog(QDialog):
    """Layout only: address and password first; the server details folded away until wanted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mail account"))
        self.setMinimumWidth(600)
        intro = QLabel(self.tr("Enter the address that receives your bounces. For well-known providers "
                               "BounceDesk fills in the servers."))  # fmt: skip
        intro.setWordWrap(True)
        intro.setObjectName("Muted")
        self.address = QLineEdit()  # the account's address: the servers come from it; retries are sent as it
        self.address.setPlaceholderText(self.tr("you@example.com"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("kept in the system keyring"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Office"))
        self.preset_note = QLabel()  # "Gmail: servers filled in" and what the provider asks for
        self.preset_note.setTextFormat(Qt.TextFormat.PlainText)
        self.preset_note.setWordWrap(True)
        self.preset_note.setObjectName("Muted")
        self.preset_note.hide()
        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        top.addRow(self.tr("&E-mail address:"), self.address)
        top.addRow(self.tr("&Password:"), self.password)
        top.addRow(self.tr("&Name:"), self.name)

        # --- server details (folded) ---
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
        self.username.setPlaceholderText(self.tr("usually the e-mail address"))
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText(self.tr("optional: SHA-256 of a self-signed certificate"))
        self.fingerprint.setToolTip(self.tr("Only for a server with a self-signed certificate you trust"))
        hostrow = QHBoxLayout()
        hostrow.addWidget(self.host, 1)
        hostrow.addWidget(QLabel(self.tr("Port:")))
        hostrow.addWidget(self.port)
        imap = QGroupBox(self.tr("Incoming mail (IMAP)"))
        f = QFormLayout(imap)
        server_label = QLabel(self.tr("&Server:"))
        server_label.setBuddy(self.host)
        f.addRow(server_label, hostrow)
        f.addRow(self.tr("S&ecurity:"), self.security)
        f.addRow(self.tr("&User name:"), self.username)
        f.addRow(self.tr("Certificate:"), self.fingerprint)

        self.smtp_host = QLineEdit()
        self.smtp_host.setPlaceholderText(self.tr("smtp.example.com"))
        self.smtp_host.setToolTip(self.tr("For retries and notices; leave empty if BounceDesk should not send"))
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
        smtprow = QHBoxLayout()
        smtprow.addWidget(self.smtp_host, 1)
        smtprow.addWidget(QLabel(self.tr("Port:")))
        smtprow.addWidget(self.smtp_port)
        smtp = QGroupBox(self.tr("Outgoing mail (SMTP), for retries"))
        sf = QFormLayout(smtp)
        sf.addRow(self.tr("Server:"), smtprow)
        sf.addRow(self.tr("Security:"), self.smtp_security)

        self.folders = QListWidget()
        self.folders.setMinimumHeight(70)
        self.folders.setMaximumHeight(100)
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

        self.use_signin = QCheckBox(self.tr("Sign in with a provider (OAuth2) instead of a password"))
        self.details = QWidget()
        dl = QVBoxLayout(self.details)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(imap)
        dl.addWidget(smtp)
        dl.addWidget(fold)
        dl.addWidget(self.use_signin)
        self.details.hide()
        self.details_toggle = QToolButton()
        self.details_toggle.setText(self.tr("Server details"))
        self.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.details_toggle.setCheckable(True)
        self.details_toggle.setAutoRaise(True)
        self.details_toggle.setStyleSheet("QToolButton { border: none; background: transparent; }")
        self.details_toggle.setToolTip(self.tr("IMAP and SMTP servers, ports, security, folders"))
        self.details_summary = QLabel()  # "imap.gmail.com · TLS" while folded
        self.details_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.details_summary.setObjectName("Muted")
        togglerow = QHBoxLayout()
        togglerow.addWidget(self.details_toggle)
        togglerow.addWidget(self.details_summary)
        togglerow.addStretch(1)

        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(0, 0, 6, 0)
        self.body.addWidget(intro)
        self.body.addLayout(top)
        self.body.addWidget(self.preset_note)
        self.signin_slot = self.body.count()  # the sign-in box goes here (AccountSignIn adds it)
        self.body.addLayout(togglerow)
        self.body.addWidget(self.details)
        self.body.addStretch(1)
        self.scroll = _Body()
        self.scroll.setWidget(body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.test_button = QPushButton(self.tr("&Test connection"))
        self.result = QLabel()  # below the fields, full width: a long error wraps, never squeezes them
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        bottom = QHBoxLayout()
        bottom.addWidget(self.test_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        lay = QVBoxLayout(self)
        lay.addWidget(self.scroll, 1)
        lay.addWidget(self.result)
        lay.addLayout(bottom)
        self.details_toggle.toggled.connect(self.show_details)

    def show_details(self, on: bool) -> None:
        self.details_toggle.setChecked(on)
        self.details_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.details.setVisible(on)
        self.details_summary.setVisible(not on)
        self.grow()

    def place_signin(self, box: QWidget) -> None:
        """Move the sign-in box (added by oauth_signin at the dialog's top) under the address fields."""
        self.layout().removeWidget(box)
        self.body.insertWidget(self.signin_slot, box)

    def grow(self) -> None:
        """Take the height the fields now need (up to the cap), never less than the user gave."""
        self.scroll.widget().layout().activate()
        self.scroll.updateGeometry()
        self.layout().activate()
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))


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
        self.secrets_factory = secrets_factory or (lambda: registry.open_secrets(ctx.conn, ctx.data_dir))
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
        dialog.place_signin(self.signin.view)
        self._preset = None
        self._filled: dict[str, str] = {}  # what the last preset wrote, so another address may replace it
        dialog.address.textChanged.connect(lambda _t: self._address_changed())
        dialog.use_signin.toggled.connect(lambda _on: self._update_signin())
        self.signin.ctl.state_changed.connect(lambda _s: self._update_signin())
        for w in (dialog.host, dialog.port, dialog.security):
            sig = w.textChanged if isinstance(w, QLineEdit) else (
                w.valueChanged if isinstance(w, QSpinBox) else w.currentIndexChanged)
            sig.connect(lambda *_a: self._update_summary())
        self._address_changed()
        self._update_summary()

    # --- the address decides -------------------------------------------------------------------

    def _fields(self) -> dict[str, QLineEdit]:
        d = self.d
        return {"host": d.host, "username": d.username, "smtp_host": d.smtp_host, "name": d.name}

    def _address_changed(self) -> None:
        """Typed or pasted: a known provider's servers and sign-in, at once (not only on leaving the field)."""
        from bouncedesk.mail.providers import preset_for_address

        d = self.d
        try:
            preset = preset_for_address(d.address.text(), self.ctx.data_dir) if "@" in d.address.text() else None
        except BounceDeskError:
            preset = None
        if preset is not None and preset is not self._preset and self._filled:
            for key, w in self._fields().items():  # the previous preset's values give way, typed ones stay
                if w.text() == self._filled.get(key):
                    w.clear()
        self._preset = preset
        if preset is not None:
            self.signin.apply_preset()
            self._filled = {k: w.text() for k, w in self._fields().items()}
            note = _t("AccountController", "%1: the servers are filled in.").replace("%1", preset.title)
            if preset.auth_method != "oauth2" or preset.app_password:
                note += " " + preset.help(self.signin.view.language)
            d.preset_note.setText(note)
        d.preset_note.setVisible(preset is not None)
        self._update_signin()

    def _update_signin(self) -> None:
        """Provider sign-in only where it applies: the address's provider, an account signed in that
        way, or when asked for in the server details."""
        from bouncedesk.ui.oauth_signin import EXPIRED, PENDING, SIGNED_IN, WAITING

        d, view = self.d, self.signin.view
        wanted = self._preset.oauth_provider if self._preset is not None else None
        active = self.signin.ctl.state in (SIGNED_IN, EXPIRED, PENDING, WAITING)
        manual = d.use_signin.isChecked()
        for name, b in view.buttons.items():
            b.setVisible(manual or active or name == wanted)
        view.setVisible(manual or active or wanted in view.buttons)
        d.grow()

    def _update_summary(self) -> None:
        d = self.d
        host = d.host.text().strip()
        if host:
            text = f"{host}:{d.port.value()} · {d.security.currentText()}"
        else:
            text = _t("AccountController", "not filled in yet")
        d.details_summary.setText(text)

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
        acc = registry.load_account(self.ctx.conn, name)
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
            d.show_details(True)
            d.host.setFocus()
            raise InputError(_t("AccountController", "Enter the IMAP server's name."))
        return Account(
            name=d.name.text().strip() or d.address.text().strip() or d.host.text().strip(),
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
        self.d.result.setStyleSheet("")
        self.d.result.setText(_t("AccountController", "Connecting…"))
        self.d.result.show()
        now = self.ctx.now()
        run_job(
            self.ctx.pool,
            lambda: registry.check_account(acc, creds, now),
            self._tested,
            lambda m: self._show_result(False, m),
        )

    def _tested(self, check: registry.AccountCheck) -> None:
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
        self.d.result.show()
        self.d.grow()
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
            registry.add_account(conn, secrets, acc, password=pw, now=now)
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
            key = registry.IMAP_PIN_KEY.format(id=row.id)  # where the poller reads the pin from
            if acc.tls_fingerprint:
                st.put_setting(conn, key, acc.tls_fingerprint, now)
            else:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        self.signin.after_save(acc.name)
        log.info("account %r saved", acc.name)
