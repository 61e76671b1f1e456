"""The main window's layout: sidebar navigation, page stack, toolbar, menus, status bar, undo bar.

Layout only (TagStudio style): `MainWindow` builds widgets and QActions with their shortcuts;
`ui.controller.MainController` gives them behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.ui import format as fmt
from bouncedesk.ui.icons import icon
from bouncedesk.ui.widgets import UndoBar

PAGES = ("dashboard", "retries", "recipients", "bounces", "review", "suppressions", "mailings", "providers", "accounts",
         "log")  # fmt: skip


def nav_shortcut(i: int) -> str | None:
    """Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth page; none beyond."""
    return f"Ctrl+{(i + 1) % 10}" if i < 10 else None

class MainWindow(QMainWindow):
    """Layout only; see MainController."""

    filesDropped = Signal(list)  # local paths dropped on the window
    closing = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("BounceDesk")
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self.setMinimumSize(900, 600)

        titles = {
            "dashboard": self.tr("Dashboard"), "retries": self.tr("Retries"), "recipients": self.tr("Recipients"),
            "bounces": self.tr("Bounces"), "review": self.tr("Needs review"), "suppressions": self.tr("Suppressions"),
            "mailings": self.tr("Mailings"), "providers": self.tr("Providers"), "accounts": self.tr("Accounts"),
            "log": self.tr("Log"),
        }  # fmt: skip
        self.page_titles = titles
        self.nav = QListWidget()
        self.nav.setObjectName("Sidebar")
        self.nav.setFixedWidth(200)
        self.nav.setIconSize(QSize(18, 18))
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        for i, name in enumerate(PAGES):
            item = QListWidgetItem(icon(name), titles[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(f"{titles[name]} ({nav_shortcut(i)})" if nav_shortcut(i) else titles[name])
            item.setData(Qt.ItemDataRole.AccessibleTextRole, titles[name])
            self.nav.addItem(item)
        app_title = QLabel("BounceDesk")
        app_title.setObjectName("AppTitle")
        side = QWidget()
        side.setObjectName("Sidebar")
        side.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side.setFixedWidth(200)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 8)
        sl.setSpacing(0)
        sl.addWidget(app_title)
        sl.addWidget(self.nav, 1)

        self.stack = QStackedWidget()
        self.undo_bar = UndoBar()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(0)
        rl.addWidget(self.stack, 1)
        undo_row = QHBoxLayout()
        undo_row.setContentsMargins(20, 0, 20, 10)
        undo_row.addStretch(1)
        undo_row.addWidget(self.undo_bar, 0)
        undo_row.addStretch(1)
        rl.addLayout(undo_row)

        central = QWidget()
        cl = QHBoxLayout(central)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(side)
        cl.addWidget(right, 1)
        self.setCentralWidget(central)

        self._make_actions()
        self._make_toolbar()
        self._make_menus()
        self._make_status_bar()

    def set_badge(self, page: str, count: int) -> None:
        """A count after a page's name in the navigation ("Needs review  3"); none at 0."""
        item = self.nav.item(PAGES.index(page))
        title = self.page_titles[page]
        item.setText(f"{title}  ({fmt.count(count)})" if count else title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, item.text())
        tip = self.tr("%n bounce(s) waiting for your decision", "", count) if count else ""
        key = nav_shortcut(PAGES.index(page))
        item.setToolTip((f"{title} ({key})" if key else title) + (f" — {tip}" if tip else ""))

    def _action(
        self, text: str, shortcut: QKeySequence | str | None = None, tip: str = "", icon_name: str = ""
    ) -> QAction:
        a = QAction(text, self)
        if icon_name:
            a.setIcon(icon(icon_name))
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        label = tip or text.replace("…", "")
        if shortcut:
            label += f" ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        a.setToolTip(label)
        a.setStatusTip(tip or "")
        self.addAction(a)
        return a

    def _make_actions(self) -> None:
        Std = QKeySequence.StandardKey
        self.act_sync = self._action(
            self.tr("Sync now"), "F5", self.tr("Fetch new bounces from every account"), "sync"
        )
        self.act_cancel_sync = self._action(
            self.tr("Cancel sync"), "Shift+F5", self.tr("Stop the running sync")
        )
        self.act_cancel_sync.setEnabled(False)
        self.act_run_due = self._action(
            self.tr("Run due retries"), "Ctrl+Shift+R", self.tr("Send every retry that is due now"), "run-due"
        )
        self.act_undo = self._action(self.tr("Undo"), Std.Undo, self.tr("Undo the last action"), "undo")
        self.act_undo.setEnabled(False)
        self.act_retry = self._action(
            self.tr("Retry now"), "Ctrl+R", self.tr("Send the original again now"), "retry"
        )
        self.act_mark_resent = self._action(
            self.tr("Mark as re-sent"), "Ctrl+Shift+M",
            self.tr("You sent the message again yourself: count this attempt as sent"),
        )
        self.act_suppress = self._action(
            self.tr("Suppress"), "Ctrl+Shift+S", self.tr("Never send to the selected addresses"), "suppress"
        )
        self.act_unsuppress = self._action(
            self.tr("Unsuppress"), "Ctrl+Shift+U", self.tr("Allow sending again")
        )
        self.act_pause = self._action(
            self.tr("Pause"), "Ctrl+P", self.tr("Stop retrying until resumed"), "pause"
        )
        self.act_resume = self._action(
            self.tr("Resume"), "Ctrl+Shift+P", self.tr("Continue a paused recipient")
        )
        self.act_contact = self._action(
            self.tr("Contact…"), "Ctrl+K", self.tr("Reach the selected person another way"), "contact"
        )
        self.act_find = self._action(self.tr("Find"), Std.Find, self.tr("Search in the current list"))
        self.act_refresh = self._action(
            self.tr("Refresh"), "Ctrl+Shift+F5", self.tr("Reload the current page")
        )
        self.act_settings = self._action(
            self.tr("Settings…"), "Ctrl+,", self.tr("Retry schedule, actions, language"), "settings"
        )
        self.act_add_account = self._action(
            self.tr("Add account…"), "", self.tr("Connect a mailbox that receives bounces")
        )
        self.act_import = self._action(
            self.tr("Import bounces…"), "Ctrl+O", self.tr("Read bounces from files, mbox or maildir")
        )
        self.act_import_supp = self._action(
            self.tr("Import suppression list…"), "", self.tr("Suppress every address in a file")
        )
        self.act_export_supp = self._action(self.tr("Export suppressions…"), "Ctrl+E")
        self.act_scrub = self._action(self.tr("Scrub a mailing list…"), "", self.tr("Save a copy of a CSV list without addresses not to mail"))  # fmt: skip
        self.act_check_list = self._action(self.tr("Check a mailing list…"), "", self.tr("Count suppressed, bounced, invalid, mistyped and repeated addresses per provider"))  # fmt: skip
        self.act_quit = self._action(self.tr("Quit"), Std.Quit)
        self.act_help = self._action(
            self.tr("BounceDesk Help"), "F1", self.tr("What codes, reasons and states mean; your retry schedule")
        )
        self.act_about = self._action(self.tr("About BounceDesk"))
        self.act_data_folder = self._action(self.tr("Open data folder"))
        self.act_tray = self._action(self.tr("Show in system tray"))
        self.act_tray.setCheckable(True)
        self.nav_actions: list[QAction] = []
        for i, name in enumerate(PAGES):
            a = self._action(self.page_titles[name], nav_shortcut(i))
            a.setData(name)
            self.nav_actions.append(a)

    def _make_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main"))
        tb.setObjectName("MainToolbar")
        tb.setMovable(False)
        tb.setIconSize(QSize(18, 18))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addAction(self.act_sync)
        tb.addAction(self.act_run_due)
        tb.addSeparator()
        tb.addAction(self.act_undo)
        spacer = QWidget()
        from PySide6.QtWidgets import QSizePolicy

        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        tb.addAction(self.act_settings)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def _make_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&File"))
        m.addAction(self.act_import)
        m.addAction(self.act_import_supp)
        m.addAction(self.act_export_supp)
        m.addAction(self.act_scrub)
        m.addAction(self.act_check_list)
        m.addSeparator()
        m.addAction(self.act_add_account)
        m.addAction(self.act_settings)
        m.addAction(self.act_data_folder)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu(self.tr("&Edit"))
        m.addAction(self.act_undo)
        m.addSeparator()
        m.addAction(self.act_find)
        m = mb.addMenu(self.tr("&View"))
        for a in self.nav_actions:
            m.addAction(a)
        m.addSeparator()
        m.addAction(self.act_refresh)
        m.addAction(self.act_tray)
        m = mb.addMenu(self.tr("&Actions"))
        for a in (self.act_sync, self.act_cancel_sync, self.act_run_due):
            m.addAction(a)
        m.addSeparator()
        for a in (self.act_retry, self.act_mark_resent, self.act_suppress, self.act_unsuppress, self.act_pause,
                  self.act_resume, self.act_contact):  # fmt: skip
            m.addAction(a)
        m = mb.addMenu(self.tr("&Help"))
        m.addAction(self.act_help)
        m.addSeparator()
        m.addAction(self.act_about)

    def _make_status_bar(self) -> None:
        sb = self.statusBar()
        self.status_sync = QLabel()
        self.status_sync.setObjectName("Muted")
        self.status_error = QLabel()
        self.status_error.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the running sync (Shift+F5)"))
        self.cancel_button.hide()
        sb.addWidget(self.status_sync, 1)
        sb.addWidget(self.status_error)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)

    # --- drag and drop: a CSV list to check or scrub, or bounce files to import ------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)

    def closeEvent(self, event) -> None:
        self.closing.emit()
        super().closeEvent(event)
