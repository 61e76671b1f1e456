"""Contact a recipient another way: their other e-mail, phone and a note (editable), the notice
from the template (English or German), then "Send" through the account's SMTP server or "Open
in mail client" (mailto:). Every contact is recorded in the recipient's timeline.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.act.actions import Actions
from bouncedesk.act.notice import mailto_url, render_notice
from bouncedesk.errors import BounceDeskError
from bouncedesk.store.recipients import require_recipient
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.workers import run_job

_t = QCoreApplication.translate
log = logging.getLogger(__name__)


class ContactDialog(QDialog):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Contact recipient"))
        self.setMinimumWidth(640)
        self.who = QLabel()
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        f = self.who.font()
        f.setBold(True)
        self.who.setFont(f)
        self.why = QLabel()
        self.why.setObjectName("Muted")
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.alt_email = QLineEdit()
        self.alt_email.setPlaceholderText(self.tr("another address that reaches this person"))
        self.phone = QLineEdit()
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(60)
        self.save_details = QPushButton(self.tr("Save details"))
        self.save_details.setAutoDefault(False)
        details = QGroupBox(self.tr("How else to reach them"))
        df = QFormLayout(details)
        df.addRow(self.tr("Other &e-mail:"), self.alt_email)
        df.addRow(self.tr("&Phone:"), self.phone)
        df.addRow(self.tr("N&ote:"), self.note)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_details)
        df.addRow(save_row)

        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("Deutsch", "de")
        self.subject = QLabel()
        self.subject.setTextFormat(Qt.TextFormat.PlainText)
        self.subject.setWordWrap(True)
        self.body = QPlainTextEdit()
        self.body.setReadOnly(True)
        self.body.setMinimumHeight(140)
        notice = QGroupBox(self.tr("Notice"))
        nf = QFormLayout(notice)
        nf.addRow(self.tr("&Language:"), self.language)
        nf.addRow(self.tr("Subject:"), self.subject)
        nf.addRow(self.body)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.send = self.buttons.addButton(self.tr("&Send"), QDialogButtonBox.ButtonRole.ActionRole)
        self.send.setToolTip(self.tr("Send the notice through the account's SMTP server"))
        self.mailto = self.buttons.addButton(
            self.tr("Open in &mail client"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy = self.buttons.addButton(self.tr("&Copy text"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy.setToolTip(self.tr("Copy the address, subject and text, to paste into any mail program"))
        lay = QVBoxLayout(self)
        lay.addWidget(self.who)
        lay.addWidget(self.why)
        lay.addWidget(details)
        lay.addWidget(notice, 1)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)


class ContactController(QObject):
    contacted = Signal(str, str)  # address, one line: what happened

    def __init__(
        self, ctx: AppContext, dialog: ContactDialog, recipient_id: int, open_url=None, actions_factory=None
    ) -> None:
        super().__init__(dialog)
        self.ctx = ctx
        self.d = dialog
        # Builds Actions on the worker's own connection (the demo's use its local receiver); None:
        # the user's store and keyring, with the plain-text choice when there is no keyring.
        self.actions_factory = actions_factory
        self.plaintext = False  # the user chose the plain-text secrets file in this dialog
        self.keyring_question = None
        # Returns whether a program took the link (QDesktopServices.openUrl's answer).
        self.open_url = open_url or (lambda url: bool(QDesktopServices.openUrl(QUrl(url))))
        rec = require_recipient(ctx.conn, recipient_id)
        self.email = rec.email
        self.reason = rec.last_reason or ""
        self.last_mailto: str | None = None
        dialog.who.setText(rec.email)
        dialog.why.setText(
            " · ".join(
                x for x in (fmt.state(rec.state), rec.last_status or "", fmt.reason(rec.last_reason)) if x
            )
        )
        info = queries.contact_info(ctx.conn, rec.id)
        dialog.alt_email.setText(info["alt_email"])
        dialog.phone.setText(info["phone"])
        dialog.note.setPlainText(info["note"])
        dialog.language.setCurrentIndex(max(0, dialog.language.findData(ctx.language)))
        dialog.language.currentIndexChanged.connect(lambda _i: self._preview())
        dialog.save_details.clicked.connect(self.save_details)
        dialog.mailto.clicked.connect(self.open_in_client)
        dialog.copy.clicked.connect(self.copy_text)
        dialog.send.clicked.connect(self.send)
        dialog.buttons.rejected.connect(dialog.reject)
        self._preview()

    def _lang(self) -> str:
        return self.d.language.currentData()

    def _preview(self) -> None:
        n = render_notice(self._lang(), address=self.email, reason=self.reason)
        self.d.subject.setText(n.subject)
        self.d.body.setPlainText(n.body)

    def _say(self, ok: bool, text: str) -> None:
        from bouncedesk.ui import theme

        c = theme.colors()
        self.d.status.setText(text)
        self.d.status.setStyleSheet(f"color: {c.ok if ok else c.danger};")

    def save_details(self) -> bool:
        d = self.d
        try:
            out = Actions(self.ctx.conn).set_contact(
                self.email, self.ctx.now(), alt_email=d.alt_email.text().strip(), phone=d.phone.text().strip(),
                note=d.note.toPlainText().strip(),
            )  # fmt: skip
        except BounceDeskError as exc:
            self._say(False, str(exc))
            return False
        self._say(True, _t("ContactController", "Contact details saved."))
        self.ctx.notify("recipients")
        return bool(out)

    def _notice(self):
        return render_notice(self._lang(), address=self.email, reason=self.reason)

    def copy_text(self) -> str:
        """The notice as text on the clipboard: the other address, the subject, the body."""
        n = self._notice()
        to = self.d.alt_email.text().strip()
        text = (_t("ContactController", "To: %1").replace("%1", to) + "\n" if to else "")
        text += _t("ContactController", "Subject: %1").replace("%1", n.subject) + "\n\n" + n.body
        QGuiApplication.clipboard().setText(text)
        self._say(True, _t("ContactController", "The notice is on the clipboard: paste it into a message to %1.")
                  .replace("%1", to or _t("ContactController", "their other address")))  # fmt: skip
        return text

    def open_in_client(self) -> bool:
        """Hand the notice to the mail client; the contact is recorded only if one took it."""
        if not self.save_details():
            return False
        alt = self.d.alt_email.text().strip()
        if not alt:
            self._say(False, _t("ContactController", "Add another address that reaches this person first."))
            return False
        url = mailto_url(alt, self._notice())
        self.last_mailto = url
        if self.open_url(url) is False:  # a test double may return None: only a "no" counts
            log.warning("no mail client could open the notice for %s; nothing recorded", self.email)
            self._say(False, _t("ContactController", "No mail client could be opened on this computer. Use “Copy text” "
                                "and paste the notice into your mail program; no contact was recorded."))  # fmt: skip
            self.d.copy.setFocus()
            return False
        try:
            out = Actions(self.ctx.conn).contact(self.email, self.ctx.now(), lang=self._lang(), via="mailto")
        except BounceDeskError as exc:
            self._say(False, str(exc))
            return False
        self._say(
            True, _t("ContactController", "The notice is open in your mail client; the contact is recorded.")
        )
        log.info("Contact notice for %s handed to the mail client (to %s)", self.email, alt)
        self.ctx.notify("recipients")
        self.contacted.emit(self.email, out.message)
        return True

    def send(self) -> None:
        if not self.save_details():
            return
        self.d.send.setEnabled(False)
        self._say(True, _t("ContactController", "Sending…"))
        email, lang, now, data_dir = self.email, self._lang(), self.ctx.now(), str(self.ctx.data_dir)
        factory, plaintext = self.actions_factory, self.plaintext
        no_keyring: list[str] = []  # set on the worker when the keyring cannot be opened

        def work():
            from pathlib import Path

            from bouncedesk.accounts.registry import open_secrets
            from bouncedesk.errors import SecretStoreError
            from bouncedesk.store.db import open_store

            if factory is not None:
                acts = factory()
            else:
                conn = open_store(data_dir)

                def secrets():
                    try:
                        return open_secrets(conn, Path(data_dir), allow_plaintext=plaintext)
                    except SecretStoreError as exc:
                        no_keyring.append(str(exc))
                        raise

                acts = Actions(conn, data_dir=data_dir, secrets=secrets)
            try:
                return acts.contact(email, now, lang=lang, via="smtp")
            finally:
                acts.conn.close()

        run_job(self.ctx.pool, work, lambda out: self._sent(out, plaintext),
                lambda message: self._send_failed(message, no_keyring))  # fmt: skip

    def _send_with_file(self) -> None:
        self.plaintext = True
        self.send()

    def _sent(self, out, plaintext: bool = False) -> None:
        if plaintext:
            from bouncedesk.ui.views.accounts import remember_plaintext_secrets

            remember_plaintext_secrets(self.ctx)
        log.info("Contact notice for %s sent: %s", self.email, out.message)
        self.d.send.setEnabled(True)
        self._say(True, out.message)
        self.ctx.notify("recipients")
        self.contacted.emit(self.email, out.message)

    def _send_failed(self, message: str, no_keyring: list[str] | None = None) -> None:
        log.warning("Contact notice for %s could not be sent: %s", self.email, message)
        self.d.send.setEnabled(True)
        self._say(False, message)
        if no_keyring and not self.plaintext:
            from bouncedesk.ui.views.accounts import ask_plaintext_secrets

            self.keyring_question = ask_plaintext_secrets(self.d, self.ctx.data_dir, no_keyring[0],
                                                          self._send_with_file)  # fmt: skip
