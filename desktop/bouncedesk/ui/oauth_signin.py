"""'Sign in with Google / Microsoft' for the account dialog: buttons, the sign-in state, and a
clear message when a sign-in expired or was revoked.

`OAuthSignInView` only lays out widgets (one button per provider in the data file, so a third
provider gets its button without code); `OAuthSignInController` runs the browser flow on the
thread pool and keeps the result: at once for an existing account, else when the dialog saves.
Tokens never pass through QSettings, the store or the log.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.errors import BounceDeskError
from bouncedesk.mail.oauth import SignInCancelled, SignInRequired, TokenSet, sign_in
from bouncedesk.mail.providers import OAuthProvider, oauth_providers
from bouncedesk.ui.workers import run_job

log = logging.getLogger(__name__)
_t = QCoreApplication.translate

SIGNED_IN, SIGNED_OUT, PENDING, EXPIRED, WAITING = "signed-in", "signed-out", "pending", "expired", "waiting"


class OAuthSignInView(QGroupBox):
    """Layout only: provider buttons, the app's client ID/secret, the state line, Cancel."""

    def __init__(self, providers: dict[str, OAuthProvider], language: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sign in with your provider (OAuth2)"), parent)
        self.providers = providers
        self.language = language
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, p in providers.items():
            b = QPushButton(self.tr("Sign in with %1").replace("%1", p.title))
            b.setObjectName(f"signin-{name}")
            b.setAccessibleName(b.text())
            self.buttons[name] = b
            row.addWidget(b)
        row.addStretch(1)
        self.cancel = QPushButton(self.tr("Cancel sign-in"))
        self.cancel.setVisible(False)
        row.addWidget(self.cancel)

        self.client_id = QLineEdit()
        self.client_id.setPlaceholderText(self.tr("client ID of your registered app"))
        self.client_secret = QLineEdit()
        self.client_secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.client_secret.setPlaceholderText(self.tr("only if the provider needs one (Google desktop clients)"))
        self.help = QLabel()
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setAccessibleName(self.tr("Sign-in state"))

        form = QFormLayout()
        form.addRow(self.tr("App client ID:"), self.client_id)
        form.addRow(self.tr("Client secret:"), self.client_secret)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.state)
        lay.addLayout(form)
        lay.addWidget(self.help)


class OAuthSignInController(QObject):
    """Runs the sign-in in the background and shows where it stands.

    `signed_in(provider name)` after a successful browser step; `failed(message)` otherwise.
    `pending` holds (provider, tokens) until `keep()` stores them for an account.
    """

    signed_in = Signal(str)
    failed = Signal(str)
    state_changed = Signal(str)

    def __init__(self, ctx, view: OAuthSignInView, *, email: Callable[[], str] | None = None,
                 account: str | None = None, secrets_factory=None,
                 open_browser: Callable[[str], object] | None = None, timeout: float = 300.0) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.v = view
        self.email = email or (lambda: "")
        self.account = account
        self.secrets_factory = secrets_factory
        self.open_browser = open_browser
        self.timeout = timeout
        self.pending: tuple[OAuthProvider, TokenSet] | None = None
        self.provider_name: str | None = None
        self.state = SIGNED_OUT
        self._cancel: threading.Event | None = None
        for name, b in view.buttons.items():
            b.clicked.connect(lambda _=False, n=name: self.begin(n))
            b.installEventFilter(self)
        view.cancel.clicked.connect(self.cancel)
        self._show_help(next(iter(view.providers), None))
        if account:
            self.refresh_state()
        else:
            self._set_state(SIGNED_OUT, _t("OAuthSignIn", "Not signed in."))

    @classmethod
    def create(cls, ctx, parent: QWidget | None = None, **kw) -> tuple[OAuthSignInView, OAuthSignInController]:
        view = OAuthSignInView(oauth_providers(ctx.data_dir), getattr(ctx, "language", "en"), parent)
        return view, cls(ctx, view, **kw)

    # --- showing -------------------------------------------------------------------------------

    def _show_help(self, name: str | None) -> None:
        p = self.v.providers.get(name) if name else None
        if p is None:
            return
        self.v.help.setText(p.help(self.v.language))
        if p.client_id and not self.v.client_id.text():
            self.v.client_id.setPlaceholderText(p.client_id)
        self.v.client_secret.setEnabled(p.client_secret_required)

    def _set_state(self, state: str, text: str) -> None:
        from bouncedesk.ui import theme

        self.state = state
        c = theme.colors()
        color = {SIGNED_IN: c.ok, PENDING: c.ok, EXPIRED: c.danger}.get(state)
        self.v.state.setText(text)
        self.v.state.setStyleSheet(f"color: {color};" if color else "")
        waiting = state == WAITING
        self.v.cancel.setVisible(waiting)
        for b in self.v.buttons.values():
            b.setEnabled(not waiting)
        self.state_changed.emit(state)

    def refresh_state(self) -> None:
        """Show whether the existing account is signed in (from the keyring; no network)."""
        from bouncedesk.accounts.oauthconfig import load_provider
        from bouncedesk.accounts.signin import sign_in_state

        secrets = self._secrets(quiet=True)
        state = sign_in_state(self.ctx.conn, secrets, self.account) if self.account else "none"
        provider = load_provider(self.ctx.conn, self.account, None) if self.account else None
        if state == "signed-in" and provider is not None:
            self.provider_name = provider.name
            self._set_state(SIGNED_IN, _t("OAuthSignIn", "Signed in with %1.").replace("%1", provider.title))
        elif state in ("signed-out", "expired") and provider is not None:
            self.show_problem(SignInRequired(f"not signed in with {provider.title}"))
        else:
            self._set_state(SIGNED_OUT, _t("OAuthSignIn", "Not signed in."))

    def show_problem(self, exc: BaseException | str) -> None:
        """The sync or a send said the sign-in is gone: say so plainly and offer the buttons."""
        if isinstance(exc, SignInRequired) or "sign in again" in str(exc):
            self._set_state(EXPIRED, _t("OAuthSignIn", "Your sign-in has expired or was revoked. "
                                                       "Click a sign-in button to sign in again."))
        else:
            self._set_state(SIGNED_OUT, str(exc))

    # --- doing ---------------------------------------------------------------------------------

    def _secrets(self, quiet: bool = False):
        if self.secrets_factory is None:
            from bouncedesk.accounts import registry

            self.secrets_factory = lambda: registry.open_secrets(self.ctx.conn, self.ctx.data_dir)
        try:
            return self.secrets_factory()
        except BounceDeskError:
            if quiet:
                return None
            raise

    def provider(self, name: str) -> OAuthProvider:
        base = self.v.providers[name]
        secret = self.v.client_secret.text().strip() or None
        return base.with_client(self.v.client_id.text().strip() or None, secret)

    def begin(self, name: str) -> None:
        """Open the browser at `name`'s sign-in page; the answer arrives in the background."""
        self._show_help(name)
        try:
            provider = self.provider(name)
            provider.check_client()
        except BounceDeskError as exc:
            self._set_state(SIGNED_OUT, str(exc))
            self.failed.emit(str(exc))
            return
        self._cancel = threading.Event()
        cancel, now, hint = self._cancel, self.ctx.now(), self.email().strip() or None
        self._set_state(WAITING, _t("OAuthSignIn", "Waiting for the sign-in in your browser…"))

        def work():
            try:
                return sign_in(provider, now, login_hint=hint, open_browser=self.open_browser,
                               timeout=self.timeout, cancel=cancel)
            except BounceDeskError as exc:
                return exc

        run_job(self.ctx.pool, work, lambda result: self._finished(name, provider, result),
                lambda message: self._failed(message))

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _failed(self, message: str) -> None:
        self._set_state(SIGNED_OUT, message)
        self.failed.emit(message)

    def _finished(self, name: str, provider: OAuthProvider, result) -> None:
        self._cancel = None
        if isinstance(result, BaseException):
            text = str(result)
            if isinstance(result, SignInCancelled):
                text = _t("OAuthSignIn", "Sign-in not completed: %1").replace("%1", text)
            self._set_state(SIGNED_OUT, text)
            self.failed.emit(str(result))
            return
        self.pending = (provider, result)
        self.provider_name = name
        if self.account:
            try:
                self.keep(self.account)
            except BounceDeskError as exc:
                self._failed(str(exc))
                return
            self._set_state(SIGNED_IN, _t("OAuthSignIn", "Signed in with %1.").replace("%1", provider.title))
        else:
            self._set_state(PENDING, _t("OAuthSignIn", "Signed in with %1; the sign-in is kept when you save.")
                            .replace("%1", provider.title))
        self.signed_in.emit(name)

    def keep(self, account: str) -> bool:
        """Store the pending sign-in for `account` (refresh token to the keyring). False if none."""
        from bouncedesk.accounts.signin import keep_sign_in

        if self.pending is None:
            return False
        provider, tokens = self.pending
        keep_sign_in(self.ctx.conn, self._secrets(), account, provider, tokens, self.ctx.now())
        self.pending = None
        self.account = account
        log.info("account %r signed in with %s", account, provider.title)
        return True

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's naming)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Enter:
            for name, b in self.v.buttons.items():
                if b is obj:
                    self._show_help(name)
        return False


class AccountSignIn:
    """The account dialog's OAuth2 part: the sign-in box, the address → preset fill-in, and the few
    answers the dialog's controller asks for (auth method, test credentials, keep on save)."""

    def __init__(self, account_ctl) -> None:
        self.a = account_ctl
        d = account_ctl.d
        self.view, self.ctl = OAuthSignInController.create(
            account_ctl.ctx, d, email=lambda: d.address.text() or d.username.text(),
            account=account_ctl.existing, secrets_factory=account_ctl.secrets_factory,
        )
        d.layout().insertWidget(1, self.view)
        d.address.editingFinished.connect(self.apply_preset)
        self.ctl.signed_in.connect(lambda _name: self.apply_preset())

    def uses_oauth(self) -> bool:
        return self.ctl.pending is not None or self.ctl.state in (SIGNED_IN, EXPIRED)

    def auth_method(self) -> str:
        return "oauth2" if self.uses_oauth() else "password"

    def credentials(self):
        """Credentials for "Test connection" with the sign-in (None: use the password)."""
        from bouncedesk.accounts.oauthconfig import token_provider
        from bouncedesk.mail.endpoint import Credentials
        from bouncedesk.mail.tokens import StaticToken

        if self.ctl.pending is not None:
            return Credentials(tokens=StaticToken(self.ctl.pending[1].access_token))
        if self.uses_oauth() and self.a.existing:
            tp = token_provider(self.a.ctx.conn, self.ctl._secrets(), self.a.existing)
            return Credentials(tokens=tp) if tp is not None else None
        return None

    def renamed(self, old: str, new: str) -> None:
        from bouncedesk.accounts.signin import move_sign_in

        move_sign_in(self.ctl._secrets(), old, new)
        self.ctl.account = new

    def after_save(self, name: str) -> None:
        """Keep a pending sign-in for the saved account and mark the account as OAuth2."""
        from bouncedesk import store

        self.ctl.keep(name)
        if self.uses_oauth():
            row = store.get_account(self.a.ctx.conn, name)
            if row is not None and row.auth_method != "oauth2":
                store.update_account(self.a.ctx.conn, row.id, auth_method="oauth2")

    def apply_preset(self) -> None:
        """A typed address of a known provider fills the empty server fields (and says what it needs)."""
        from bouncedesk.mail.providers import preset_for_address

        d = self.a.d
        try:
            preset = preset_for_address(d.address.text(), self.a.ctx.data_dir)
        except BounceDeskError:
            return
        if preset is None:
            return
        if not d.host.text().strip():
            d.host.setText(preset.imap.host)
            d.security.setCurrentIndex(max(0, d.security.findData(preset.imap.security)))
            d.port.setValue(preset.imap.port)
        if not d.username.text().strip():
            d.username.setText(preset.username_for(d.address.text().strip()))
        if not d.smtp_host.text().strip():
            d.smtp_host.setText(preset.smtp.host)
            d.smtp_security.setCurrentIndex(max(0, d.smtp_security.findData(preset.smtp.security)))
            d.smtp_port.setValue(preset.smtp.port)
        if not d.name.text().strip():
            d.name.setText(preset.title.split(" /")[0])
        if self.ctl.state not in (SIGNED_IN, PENDING, WAITING):
            self.view.help.setText(preset.help(self.view.language))
