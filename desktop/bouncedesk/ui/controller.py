"""The main window's behaviour: pages, navigation, actions and undo, sync, files, dialogs, tray.

Everything the user can do from the window goes through here to `ActionHub` (actions/undo),
`SyncController` (IMAP), or a file job — never straight to the store from a widget.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QSystemTrayIcon

from bouncedesk import __version__
from bouncedesk.store.accounts import list_accounts
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries
from bouncedesk.ui.actionhub import ActionHub, BatchOutcome
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.dialogs.account import AccountController, AccountDialog
from bouncedesk.ui.dialogs.contact import ContactController, ContactDialog
from bouncedesk.ui.dialogs.rundue import RunDueDialog
from bouncedesk.ui.dialogs.settings import SettingsController, SettingsDialog, sync_interval
from bouncedesk.ui.fileflows import FileFlows
from bouncedesk.ui.icons import icon
from bouncedesk.ui.logpane import LogController, LogView, QtLogHandler
from bouncedesk.ui.mainwindow import PAGES, MainWindow
from bouncedesk.ui.prefs import Prefs
from bouncedesk.ui.sync import SyncController
from bouncedesk.ui.views.accounts import AccountsController, AccountsView
from bouncedesk.ui.views.bounces import BouncesController
from bouncedesk.ui.views.dashboard import DashboardController, DashboardView
from bouncedesk.ui.views.help import HelpController, HelpView
from bouncedesk.ui.views.lists import ListController
from bouncedesk.ui.views.mailings import MailingsController, MailingsView
from bouncedesk.ui.views.providers import ProvidersController, ProvidersView
from bouncedesk.ui.views.recipients import RecipientsController
from bouncedesk.ui.views.retries import RetriesController
from bouncedesk.ui.views.review import ReviewController
from bouncedesk.ui.views.suppressions import SuppressionsController

log = logging.getLogger(__name__)
_t = QCoreApplication.translate
LIST_PAGES = ("retries", "recipients", "bounces", "review", "suppressions")


class MainController(FileFlows, QObject):
    """Owns the window's pages and connects every action to the layer that does it."""

    pageShown = Signal(str)
    languageChangeRequested = Signal(str)
    themeChangeRequested = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        window: MainWindow,
        prefs: Prefs,
        log_handler: QtLogHandler,
        *,
        log_dir=None,
        secrets_factory=None,
        actions_factory=None,
        open_url=None,
        hub: ActionHub | None = None,
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.w = window
        self.prefs = prefs
        self.secrets_factory = secrets_factory
        self.open_url = open_url or (lambda url: bool(QDesktopServices.openUrl(QUrl(url))))
        # The hub (and its undo history) may outlive this window: GuiApp keeps one across rebuilds.
        self.hub = hub if hub is not None else ActionHub(ctx, actions_factory, self)
        self._links: list[tuple] = []  # (signal, slot) on objects that outlive this window
        self.sync = SyncController(
            ctx, self, secrets_factory=(lambda _c: secrets_factory()) if secrets_factory else None
        )
        self.tray: QSystemTrayIcon | None = None
        self.contact_dialog = None
        self.settings_dialog = None
        self.account_dialog = None
        self.help_dialog = None  # the open Help window's controller
        self.run_due_dialog = None  # the preview of the last "Run due retries" (None: not asked yet)
        self.question = None  # the last confirmation asked (QMessageBox), for tests and the self-test
        self.list_choice = None  # the last "check or scrub?" asked about a dropped list (QMessageBox)
        self.list_check_dialog = None  # the last list-check result shown
        self.last_file_result = ""
        self._error_timer = QTimer(self)  # clears the status bar's error line; dies with the window
        self._error_timer.setSingleShot(True)
        self._error_timer.timeout.connect(lambda: self.w.status_error.setText(""))

        self.dashboard = DashboardController(ctx, DashboardView())
        self.retries = RetriesController(ctx)
        self.recipients = RecipientsController(ctx)
        self.bounces = BouncesController(ctx)
        self.review = ReviewController(ctx)
        self.suppressions = SuppressionsController(ctx)
        accounts_sf = (lambda: secrets_factory()) if secrets_factory else None
        self.accounts = AccountsController(ctx, AccountsView(), accounts_sf)
        self.mailings = MailingsController(ctx, MailingsView())
        self.providers = ProvidersController(ctx, ProvidersView())
        self.log_view = LogView()
        self.log = LogController(self.log_view, log_handler, log_dir)
        self.pages = {
            "dashboard": self.dashboard, "retries": self.retries, "recipients": self.recipients,
            "bounces": self.bounces, "review": self.review, "suppressions": self.suppressions,
            "mailings": self.mailings, "providers": self.providers, "accounts": self.accounts, "log": self.log,
        }  # fmt: skip
        for name in PAGES:
            window.stack.addWidget(self.page_widget(name))
        for name in LIST_PAGES:
            self.pages[name].view.fix_tab_order()
        self._wire()
        if ctx.demo:
            window.act_sync.setEnabled(False)
            window.act_sync.setToolTip(_t("MainController", "The demo has no mailbox to sync"))
        self._restore()
        self.update_review_badge()
        self.sync.set_interval(sync_interval(ctx.conn))
        self.update_sync_status()

    # --- pages -------------------------------------------------------------------------------

    def page_widget(self, name: str):
        c = self.pages[name]
        return self.log_view if name == "log" else c.view

    def current_page(self) -> str:
        return PAGES[self.w.stack.currentIndex()]

    def list_controller(self) -> ListController | None:
        c = self.pages[self.current_page()]
        return c if isinstance(c, ListController) else None

    def show_page(self, name: str, flt: dict | None = None) -> None:
        i = PAGES.index(name)
        if self.w.nav.currentRow() != i:
            self.w.nav.blockSignals(True)
            self.w.nav.setCurrentRow(i)
            self.w.nav.blockSignals(False)
        self.w.stack.setCurrentIndex(i)
        c = self.pages[name]
        if flt is not None and hasattr(c, "set_filters"):
            c.set_filters(flt)
        elif hasattr(c, "activate"):
            c.activate()
        self.prefs.set("ui/last_page", name)
        self._update_actions()
        self.pageShown.emit(name)

    # --- wiring ------------------------------------------------------------------------------

    def _wire(self) -> None:
        w = self.w
        w.nav.currentRowChanged.connect(lambda i: self.show_page(PAGES[i]) if i >= 0 else None)
        for name, a in zip(PAGES, w.nav_actions, strict=True):
            a.triggered.connect(lambda _c=False, name=name: self.show_page(name))
        self.dashboard.openList.connect(self.show_page)
        self.mailings.openList.connect(self.show_page)
        self.providers.openList.connect(self.show_page)
        for c in (self.retries, self.recipients, self.bounces, self.suppressions):
            c.actionRequested.connect(self.perform)
            c.contactRequested.connect(self.open_contact)
            c.selectionChanged.connect(self._update_actions)
        for c in (self.retries, self.recipients, self.bounces, self.suppressions, self.review):
            # After a reload (an action changed the store) the detail pane shows the row as it is
            # now, or nothing when the row left the list; the buttons follow the selection.
            c.model.modelReset.connect(lambda c=c: self._list_reloaded(c))
        self.review.trustRequested.connect(self.trust_bounces)
        self.review.dismissRequested.connect(self.dismiss_bounces)
        self.review.trustAllRequested.connect(self.trust_without_check)
        self.review.selectionChanged.connect(self._update_actions)
        self.review.countChanged.connect(lambda n: self.w.set_badge("review", n))
        self.ctx.signals.changed.connect(self._store_changed)
        self.suppressions.importRequested.connect(self.import_suppressions)
        self.suppressions.exportRequested.connect(self.export_suppressions)
        self.suppressions.scrubRequested.connect(self.scrub_dialog)
        self.accounts.addRequested.connect(lambda: self.open_account())
        self.accounts.editRequested.connect(self.open_account)
        self.accounts.syncRequested.connect(lambda name: self.start_sync([name]))

        w.act_sync.triggered.connect(lambda: self.start_sync())
        w.act_cancel_sync.triggered.connect(self.sync.cancel)
        w.cancel_button.clicked.connect(self.sync.cancel)
        w.act_run_due.triggered.connect(self.run_due)
        w.act_undo.triggered.connect(self.undo)
        w.undo_bar.undoRequested.connect(self.undo)
        for act, verb in ((w.act_retry, "retry"), (w.act_suppress, "suppress"), (w.act_unsuppress, "unsuppress"),
                          (w.act_pause, "pause"), (w.act_resume, "resume"), (w.act_mark_resent, "mark-resent")):  # fmt: skip
            act.triggered.connect(lambda _c=False, v=verb: self._act_on_selection(v))
        w.act_contact.triggered.connect(self._contact_selection)
        w.act_find.triggered.connect(self._find)
        w.act_refresh.triggered.connect(self._refresh)
        w.act_settings.triggered.connect(self.open_settings)
        w.act_add_account.triggered.connect(lambda: self.open_account())
        w.act_import.triggered.connect(self.import_bounces_dialog)
        w.act_import_supp.triggered.connect(self.import_suppressions)
        w.act_export_supp.triggered.connect(self.export_suppressions)
        w.act_scrub.triggered.connect(self.scrub_dialog)
        w.act_check_list.triggered.connect(self.check_list_dialog)
        w.act_quit.triggered.connect(w.close)
        w.act_about.triggered.connect(self._about)
        w.act_help.triggered.connect(self.open_help)
        w.act_data_folder.triggered.connect(
            lambda: self.open_url(QUrl.fromLocalFile(str(self.ctx.data_dir)).toString())
        )
        w.act_tray.toggled.connect(self.set_tray)
        w.filesDropped.connect(self.files_dropped)
        w.closing.connect(self._save_state)

        for sig, slot in ((self.hub.started, self._hub_started), (self.hub.finished, self._action_done),
                          (self.hub.undoAvailable, self._undo_available)):  # fmt: skip
            sig.connect(slot)
            self._links.append((sig, slot))
        w.act_undo.setEnabled(self.hub.can_undo())
        self.sync.started.connect(self._sync_started)
        self.sync.progress.connect(self._sync_progress)
        self.sync.finished.connect(self._sync_finished)
        self.dashboard.loaded.connect(self._maybe_notify_due)

    def _hub_started(self, _verb: str) -> None:
        self.status(_t("MainController", "Working…"))

    def _undo_available(self, on: bool) -> None:
        self.w.act_undo.setEnabled(on)

    def _store_changed(self, _what: str) -> None:
        self.update_review_badge()

    def detach(self) -> None:
        """Before this window goes (language or theme rebuild): nothing that lives on may call into it.

        The store's change signal, the log handler and the shared action hub forget the slots of
        this window and of its pages (a slot of a deleted view raised "already deleted" before).
        """
        for c in (self, *self.pages.values()):
            slot = getattr(c, "_store_changed", None)
            if slot is not None:
                self._links.append((self.ctx.signals.changed, slot))
        for sig, slot in self._links:
            try:
                sig.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self._links.clear()
        self.log.detach()
        self._error_timer.stop()

    def offer_last_undo(self) -> None:
        """Show the undo bar again for the newest batch that can still be undone (after a rebuild)."""
        b = self.hub.last_undoable()
        if b is not None:
            self.w.undo_bar.offer(b.message, undoable=True)
        self.w.act_undo.setEnabled(self.hub.can_undo())

    def _restore(self) -> None:
        geo = self.prefs.get("ui/geometry")
        if isinstance(geo, QByteArray | bytes) and geo:
            self.w.restoreGeometry(geo)
        for name in LIST_PAGES:
            view = self.pages[name].view
            for key, widget in (("splitter", view.splitter), ("columns", view.table.horizontalHeader())):
                state = self.prefs.get(f"ui/{name}/{key}")
                if isinstance(state, QByteArray | bytes) and state:
                    widget.restoreState(state)
        last = str(self.prefs.get("ui/last_page", "dashboard"))
        self.w.act_tray.setChecked(self.prefs.tray)
        self.show_page(last if last in PAGES else "dashboard")

    def _save_state(self) -> None:
        self.prefs.set("ui/geometry", self.w.saveGeometry())
        self.prefs.set("ui/last_page", self.current_page())
        for name in LIST_PAGES:
            view = self.pages[name].view
            self.prefs.set(f"ui/{name}/splitter", view.splitter.saveState())
            self.prefs.set(f"ui/{name}/columns", view.table.horizontalHeader().saveState())
        self.prefs.sync()

    def status(self, text: str, error: bool = False, ms: int = 8000) -> None:
        if error:
            self.w.status_error.setText(text)
            self._error_timer.start(15000)
        else:
            self.w.statusBar().showMessage(text, ms)

    def _update_actions(self) -> None:
        c = self.list_controller()
        n = len(c.selected_rows()) if c else 0
        verbs = set(c.verbs) if c else set()
        w = self.w
        for act, verb in ((w.act_retry, "retry"), (w.act_suppress, "suppress"), (w.act_unsuppress, "unsuppress"),
                          (w.act_pause, "pause"), (w.act_resume, "resume"), (w.act_mark_resent, "mark-resent")):  # fmt: skip
            act.setEnabled(n > 0 and verb in verbs)
        w.act_contact.setEnabled(n == 1 and "contact" in verbs)

    def _list_reloaded(self, c: ListController) -> None:
        """The list's rows were reloaded and its kept selection restored (ListController does that
        first): refresh what depends on the selection, which Qt does not announce after a reset."""
        if not c.view.isVisible():
            return
        if c.selected_rows():
            c._selection_changed()
        else:
            c._current_id = None
            c.detail.clear()
            c.update_buttons()
            c.selectionChanged.emit()
        self._update_actions()

    def _find(self) -> None:
        c = self.list_controller()
        if c is not None:
            c.focus_search()

    def _refresh(self) -> None:
        c = self.pages[self.current_page()]
        if hasattr(c, "reload"):
            c.reload()

    # --- actions and undo --------------------------------------------------------------------

    def perform(self, verb: str, recipient_ids: list[int]) -> bool:
        if verb == "contact":
            if len(recipient_ids) == 1:
                self.open_contact(recipient_ids[0])
            return True
        if self.hub.busy:
            self.status(_t("MainController", "Still working on the last action…"))
            return False
        return self.hub.perform(verb, recipient_ids)

    def _act_on_selection(self, verb: str) -> None:
        c = self.list_controller()
        if c is not None and verb in c.verbs:
            c.request(verb)

    def _contact_selection(self) -> None:
        c = self.list_controller()
        if c is not None:
            ids = c.selected_recipient_ids()
            if len(ids) == 1:
                self.open_contact(ids[0])

    def undo(self) -> bool:
        if not self.hub.undo_last():
            self.status(_t("MainController", "Nothing to undo."))
            return False
        return True

    def run_due(self) -> bool:
        """Run due retries asks first: the preview lists what would be sent; Cancel sends nothing."""
        if self.hub.busy or self.run_due_dialog is not None and self.run_due_dialog.isVisible():
            self.status(_t("MainController", "Still working on the last action…"))
            return False
        self.status(_t("MainController", "Looking for due retries…"))
        return self.hub.preview_due(self._show_due, lambda m: self.status(m, error=True))

    def _show_due(self, items: list) -> None:
        if not items:
            self.run_due_dialog = None
            self.status(_t("MainController", "No retries are due now."))
            return
        self.w.statusBar().clearMessage()
        d = RunDueDialog(items, self.w)
        d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        n = len(items)
        d.accepted.connect(lambda: self._send_due(n))
        d.rejected.connect(lambda: self.status(_t("MainController", "Nothing was sent.")))
        self.run_due_dialog = d
        d.open()

    def _send_due(self, n: int) -> None:
        if not self.hub.run_due(max_sends=n):
            self.status(_t("MainController", "Still working on the last action…"))

    # --- needs review ------------------------------------------------------------------------

    def update_review_badge(self) -> None:
        if not self.ctx.closed:
            self.w.set_badge("review", self.review.count())

    def ask(self, title: str, text: str, yes: str, on_yes, *, warn: bool = False) -> None:
        """A window-modal question; `on_yes` runs only when the user picks `yes` (never on Cancel/Esc)."""
        icon_ = QMessageBox.Icon.Warning if warn else QMessageBox.Icon.Question
        box = QMessageBox(icon_, title, text, QMessageBox.StandardButton.NoButton, self.w)
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel if warn else yes_button)
        box.setEscapeButton(cancel)
        box.yes_button = yes_button
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda b: on_yes() if b is yes_button else None)
        self.question = box
        box.open()

    def trust_bounces(self, result_ids: list[int]) -> None:
        if self.hub.busy:
            self.status(_t("MainController", "Still working on the last action…"))
            return
        ids = sorted(set(result_ids))
        people = len(set(queries.pending_emails(self.ctx.conn, ids)))
        text = (
            _t("MainController", "%n bounce(s) will act as if verified:", None, len(ids)) + " "
            + _t("MainController", "up to %n recipient(s) may change (retries scheduled, addresses suppressed).",
                 None, people) + "\n\n"
            + _t("MainController", "Only trust bounces about mail you really sent. You can undo this.")
        )  # fmt: skip
        self.ask(_t("MainController", "Trust these bounces?"), text,
                 _t("MainController", "Trust %n bounce(s)", None, len(ids)),
                 lambda: self.hub.review("trust", ids))  # fmt: skip

    def dismiss_bounces(self, result_ids: list[int]) -> None:
        if not self.hub.review("dismiss", result_ids):
            self.status(_t("MainController", "Still working on the last action…"))

    def trust_without_check(self) -> None:
        text = (
            _t("MainController", "BounceDesk will no longer check whether a bounce is about a message you sent.")
            + " " + _t("MainController", "Anyone who can send mail to the monitored mailbox could then change "
                       "your recipients: stop your mail to them, or make BounceDesk send your messages again.")
            + "\n\n" + _t("MainController", "Choose this only if BounceDesk cannot read your sent mail. "
                            "You can change it back under Settings.")
        )  # fmt: skip
        self.ask(_t("MainController", "Trust bounces without this check?"), text,
                 _t("MainController", "Trust all bounces"), self._trust_all, warn=True)  # fmt: skip

    def _trust_all(self) -> None:
        if not self.hub.trust_all():
            self.status(_t("MainController", "Still working on the last action…"))

    def _action_done(self, b: BatchOutcome) -> None:
        if b.verb == "error":
            self.status(b.message, error=True)
            self.w.undo_bar.offer(b.message, undoable=False)
            return
        self.w.undo_bar.offer(b.message, undoable=b.undoable)
        if b.errors:
            self.status(b.message, error=True)
        else:
            self.status(b.message)

    # --- dialogs -----------------------------------------------------------------------------

    def open_contact(self, recipient_id: int):
        d = ContactDialog(self.w)
        # The demo sends through its own actions (its local receiver, no keyring); else the user's.
        c = ContactController(self.ctx, d, recipient_id, open_url=self.open_url,
                              actions_factory=self.hub.actions_factory if self.ctx.demo else None)  # fmt: skip
        c.contacted.connect(self._contacted)
        d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.contact_dialog = c
        d.open()
        return c

    def _contacted(self, email: str, message: str) -> None:
        self.hub.remember(BatchOutcome("contact", [email], message=message))
        self.w.undo_bar.offer(message, undoable=True)
        self.status(message)

    def open_settings(self):
        d = SettingsDialog(self.w)
        c = SettingsController(self.ctx, d, self.prefs)
        c.syncIntervalChanged.connect(self.sync.set_interval)
        c.languageChanged.connect(self.languageChangeRequested)
        c.themeChanged.connect(self.themeChangeRequested)
        c.saved.connect(lambda: self.status(_t("MainController", "Settings saved.")))
        d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog = c
        d.open()
        return c

    def open_account(self, name: str | None = None):
        d = AccountDialog(self.w)
        c = AccountController(self.ctx, d, name, secrets_factory=self.secrets_factory)
        self.accounts.offer_plaintext_on_save(c)  # no usable keyring: the explicit plain-text choice
        c.saved.connect(lambda n: self.status(_t("MainController", "Account “%1” saved.").replace("%1", n)))
        d.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.account_dialog = c
        d.open()
        return c

    def open_help(self):
        """Help (F1): one window, raised again when it is already open."""
        if self.help_dialog is not None:
            try:
                self.help_dialog.view.show()
                self.help_dialog.view.raise_()
                self.help_dialog.view.activateWindow()
                return self.help_dialog
            except RuntimeError:  # closed and deleted meanwhile
                self.help_dialog = None
        v = HelpView(self.w)
        v.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        c = HelpController(self.ctx, v, self.log.log_dir)
        v.destroyed.connect(lambda *_a: setattr(self, "help_dialog", None))
        self.help_dialog = c
        v.show()
        return c

    def _about(self) -> None:
        QMessageBox.about(
            self.w,
            _t("MainController", "About BounceDesk"),
            _t("MainController", "BounceDesk %1\nSee which of your e-mails bounced, why, and what to do about it.\n\n"
               "Data folder: %2").replace("%1", __version__).replace("%2", str(self.ctx.data_dir)),
        )  # fmt: skip

    # --- sync --------------------------------------------------------------------------------

    def start_sync(self, names: list[str] | None = None) -> bool:
        if not list_accounts(self.ctx.conn):
            self.status(_t("MainController", "No account yet: add one under Accounts."))
            self.show_page("accounts")
            return False
        if not self.sync.start(names):
            self.status(_t("MainController", "A sync is already running."))
            return False
        return True

    def _sync_started(self) -> None:
        w = self.w
        w.progress.setRange(0, 0)
        w.progress.show()
        w.cancel_button.show()
        w.act_cancel_sync.setEnabled(True)
        w.act_sync.setEnabled(False)
        w.status_sync.setText(_t("MainController", "Connecting…"))

    def _sync_progress(self, account: str, folder: str, done: int, total: int) -> None:
        w = self.w
        w.progress.setRange(0, max(total, 1))
        w.progress.setValue(done)
        w.status_sync.setText(
            _t("MainController", "Syncing %1/%2: %3 of %4").replace("%1", account).replace("%2", folder)
            .replace("%3", str(done)).replace("%4", str(total))
        )  # fmt: skip

    def _sync_finished(self, summary) -> None:
        w = self.w
        w.progress.hide()
        w.cancel_button.hide()
        w.act_cancel_sync.setEnabled(False)
        w.act_sync.setEnabled(not self.ctx.demo)
        if summary.error:
            self.status(_t("MainController", "Sync stopped: %1").replace("%1", summary.error), error=True)
        elif summary.cancelled:
            self.status(_t("MainController", "Sync cancelled; it continues where it stopped next time."))
        else:
            self.status(_t("MainController", "Sync done: %n new bounce(s).", None, summary.bounces))
            if self.tray is not None and summary.bounces:
                self.tray.showMessage(
                    "BounceDesk", _t("MainController", "%n new bounce(s) arrived.", None, summary.bounces)
                )
        self.update_sync_status()

    def update_sync_status(self) -> None:
        if self.ctx.demo:
            self.w.status_sync.setText(
                _t(
                    "MainController",
                    "Demo data · retries go to a local test receiver, nothing leaves this computer",
                )
            )
            return
        rows = queries.last_sync(self.ctx.conn)
        if not rows:
            self.w.status_sync.setText(_t("MainController", "No mail account yet"))
            return
        parts = []
        for name, when in rows:
            parts.append(
                f"{name}: "
                + (fmt.relative(when, self.ctx.now()) if when else _t("MainController", "never synced"))
            )
        self.w.status_sync.setText(_t("MainController", "Last sync — %1").replace("%1", " · ".join(parts)))















    # --- tray --------------------------------------------------------------------------------

    def set_tray(self, on: bool) -> None:
        self.prefs.tray = on
        if on and self.tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon("bounces"), self)
            self.tray.setToolTip("BounceDesk")
            self.tray.activated.connect(
                lambda _r: (self.w.showNormal(), self.w.raise_(), self.w.activateWindow())
            )
            self.tray.show()
        elif not on and self.tray is not None:
            self.tray.hide()
            self.tray = None

    def _maybe_notify_due(self) -> None:
        d = self.dashboard.data
        if self.tray is None or d is None:
            return
        if d.tiles.retries_due and getattr(self, "_notified_due", None) != d.tiles.retries_due:
            self._notified_due = d.tiles.retries_due
            self.tray.showMessage(
                "BounceDesk", _t("MainController", "%n retry(s) are due.", None, d.tiles.retries_due)
            )
        if d.tiles.alerts and not getattr(self, "_notified_alert", False):
            self._notified_alert = True
            self.tray.showMessage("BounceDesk", _t("MainController", "Sender-side problem: %1").replace(
                "%1", fmt.reason(d.tiles.alerts[0].reason)), QSystemTrayIcon.MessageIcon.Warning)  # fmt: skip

    # --- shutdown ----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the sync thread and wait for every job; the window may be gone already."""
        self.sync.shutdown()
        self.ctx.drain()
