"""The Accounts page: each mailbox, when it was last read, and buttons to add, edit, remove, sync."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bouncedesk import store as st
from bouncedesk.accounts import registry
from bouncedesk.errors import SecretStoreError
from bouncedesk.mail.secrets import PLAINTEXT_FILENAME
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.widgets import page_header

_t = QCoreApplication.translate


def ask_plaintext_secrets(parent: QWidget, data_dir: Path, problem: str, on_store) -> QMessageBox:
    """No usable OS keyring: say so and what a plain-text file risks; `on_store` runs only on
    "Store in a file anyway" (Cancel and Esc store nothing). The GUI's form of the CLI's
    `--allow-plaintext-secrets`; the caller remembers the choice once a save worked."""
    path = Path(data_dir) / PLAINTEXT_FILENAME
    text = (
        _t("KeyringChoice", "BounceDesk found no usable system keyring on this computer (such as GNOME Keyring, "
           "KWallet, macOS Keychain or Windows Credential Manager) to keep the password in.")
        + "\n\n" + _t("KeyringChoice", "You can store the password in a plain-text file in the data folder "
                        "instead:")
        + "\n" + str(path) + "\n\n"
        + _t("KeyringChoice", "It is not encrypted there: anyone who can read your user account's files (another "
             "person at this computer, a program you run, a backup) can read the password. BounceDesk "
             "remembers this choice for the passwords it stores later.")
        + "\n\n" + _t("KeyringChoice", "To avoid this, install or unlock a keyring, then try again.")
    )  # fmt: skip
    box = QMessageBox(QMessageBox.Icon.Warning, _t("KeyringChoice", "No system keyring"), text,
                      QMessageBox.StandardButton.NoButton, parent)  # fmt: skip
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText(problem)
    store_button = box.addButton(_t("KeyringChoice", "Store in a file anyway"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.store_button = store_button
    box.cancel_button = cancel
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda b: on_store() if b is store_button else None)
    box.open()
    return box


def remember_plaintext_secrets(ctx: AppContext) -> None:
    """The user chose the plain-text file and a save with it worked: remember it as the CLI does."""
    st.put_setting(ctx.conn, registry.PLAINTEXT_SECRETS_KEY, True, ctx.now())


class AccountsView(QWidget):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header, self.title, self.subtitle = page_header(
            self.tr("Accounts"),
            self.tr("Mailboxes BounceDesk reads bounces from. Passwords are kept in the system keyring."),
        )
        self.add = QPushButton(self.tr("Add account…"))
        self.add.setProperty("primary", True)
        self.edit = QPushButton(self.tr("Edit…"))
        self.remove = QPushButton(self.tr("Remove"))
        self.sync = QPushButton(self.tr("Sync now"))
        row = QHBoxLayout()
        for b in (self.add, self.edit, self.remove, self.sync):
            row.addWidget(b)
        row.addStretch(1)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels([self.tr("Name"), self.tr("Server"), self.tr("User"), self.tr("Folders"),
                                   self.tr("Last sync")])  # fmt: skip
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(
            self.tr(
                "No account yet. Add the mailbox that receives your bounces, or import files with File → Import."
            )
        )
        self.empty.setObjectName("Muted")
        self.empty.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 12)
        lay.setSpacing(10)
        lay.addWidget(header)
        lay.addLayout(row)
        lay.addWidget(self.empty)
        lay.addWidget(self.list, 100)
        lay.addStretch(1)  # keeps the page together while the list is hidden (no account yet)


class AccountsController(QObject):
    addRequested = Signal()
    editRequested = Signal(str)
    syncRequested = Signal(str)

    def __init__(self, ctx: AppContext, view: AccountsView, secrets_factory=None) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.secrets_factory = secrets_factory or (lambda: registry.open_secrets(ctx.conn, ctx.data_dir))
        view.add.clicked.connect(self.addRequested)
        view.edit.clicked.connect(lambda: self._with_current(self.editRequested.emit))
        view.sync.clicked.connect(lambda: self._with_current(self.syncRequested.emit))
        view.remove.clicked.connect(self._remove)
        view.list.itemDoubleClicked.connect(
            lambda it, _c: self.editRequested.emit(it.data(0, Qt.ItemDataRole.UserRole))
        )
        view.list.itemSelectionChanged.connect(self._selection)
        ctx.signals.changed.connect(self._store_changed)
        self.reload()

    def _store_changed(self, _what: str) -> None:
        self.reload()

    def activate(self) -> None:
        self.reload()

    def reload(self) -> None:
        v = self.view
        current = self.current()
        v.list.clear()
        synced = dict(queries.last_sync(self.ctx.conn))
        accounts = registry.list_accounts(self.ctx.conn)
        for acc in accounts:
            when = synced.get(acc.name)
            it = QTreeWidgetItem([
                acc.name, f"{acc.host}:{acc.port} ({acc.security})", acc.username, ", ".join(acc.folders),
                f"{fmt.local_time(when)} ({fmt.relative(when, self.ctx.now())})" if when else _t("AccountsController", "never"),
            ])  # fmt: skip
            it.setData(0, Qt.ItemDataRole.UserRole, acc.name)
            v.list.addTopLevelItem(it)
            if acc.name == current:
                it.setSelected(True)
        v.empty.setVisible(not accounts)
        v.list.setVisible(bool(accounts))
        self._selection()

    def current(self) -> str | None:
        items = self.view.list.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def _with_current(self, fn) -> None:
        name = self.current()
        if name:
            fn(name)

    def _selection(self) -> None:
        has = self.current() is not None
        for b in (self.view.edit, self.view.remove, self.view.sync):
            b.setEnabled(has)

    def _remove(self) -> None:
        name = self.current()
        if not name:
            return
        answer = QMessageBox.question(
            self.view,
            _t("AccountsController", "Remove account"),
            _t("AccountsController", "Remove the account “%1”? Its password is deleted from the keyring; "
               "the bounces it brought in stay.").replace("%1", name),
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(name)

    def offer_plaintext_on_save(self, account_ctl) -> None:
        """Saving an account found no usable keyring: offer the plain-text file and save again.

        The account dialog's secrets come through a wrapper that notes a keyring failure; after
        its Save ran (and failed), the choice is asked; "Store in a file anyway" saves once more
        with the file and remembers the choice when that worked. Cancel changes nothing.
        """
        ctx, d = self.ctx, account_ctl.d
        inner = account_ctl.secrets_factory
        state = {"plaintext": False, "problem": ""}

        def secrets():
            if state["plaintext"]:
                return registry.open_secrets(ctx.conn, ctx.data_dir, allow_plaintext=True)
            try:
                return inner()
            except SecretStoreError as exc:
                state["problem"] = str(exc)
                raise

        def save_with_file() -> None:
            state["plaintext"] = True
            if account_ctl.save():
                remember_plaintext_secrets(ctx)

        def after_save() -> None:
            problem, state["problem"] = state["problem"], ""
            # (QDialog.result: the account dialog's own `result` is its message label)
            if problem and not state["plaintext"] and QDialog.result(d) != QDialog.DialogCode.Accepted:
                self.keyring_question = ask_plaintext_secrets(d, ctx.data_dir, problem, save_with_file)

        account_ctl.secrets_factory = secrets
        self.keyring_question = None
        # The button box says `clicked` before `accepted` (which runs the dialog's save): a keyring
        # failure of an earlier "Test connection" is forgotten, only the save's own counts.
        d.buttons.clicked.connect(lambda _b: state.update(problem=""))
        d.buttons.accepted.connect(after_save)

    def remove(self, name: str) -> None:
        try:
            secrets = self.secrets_factory()
        except Exception:  # no keyring: remove the account anyway, nothing to delete there
            secrets = None
        registry.remove_account(self.ctx.conn, secrets, name)
        self.ctx.notify("accounts")
