"""The Accounts page: each mailbox, when it was last read, and buttons to add, edit, remove, sync."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from bouncedesk import poller
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.widgets import page_header

_t = QCoreApplication.translate


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
        self.secrets_factory = secrets_factory or (lambda: poller.open_secrets(ctx.conn, ctx.data_dir))
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
        accounts = poller.list_accounts(self.ctx.conn)
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

    def remove(self, name: str) -> None:
        try:
            secrets = self.secrets_factory()
        except Exception:  # no keyring: remove the account anyway, nothing to delete there
            secrets = None
        poller.remove_account(self.ctx.conn, secrets, name)
        self.ctx.notify("accounts")
