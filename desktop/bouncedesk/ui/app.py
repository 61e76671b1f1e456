"""The GUI's composition root: Qt application, logging, language, theme, pyqtgraph, store, window.

`run_gui(args)` is what `bouncedesk` without a subcommand runs. `--demo` opens a fresh
temporary store filled with the bundled demo bounces; `--self-test` is in ui.selftest.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from bouncedesk import config
from bouncedesk.clock import wall_clock
from bouncedesk.errors import StoreError
from bouncedesk.ui import theme
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.i18n import install_language, system_language
from bouncedesk.ui.logpane import LOG_FORMAT, QtLogHandler
from bouncedesk.ui.prefs import Prefs

log = logging.getLogger(__name__)
_handler: QtLogHandler | None = None


def make_qapp(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with high-DPI rounding that keeps 125 %/150 % screens crisp."""
    # The event loop shares the GIL with the sync and import workers (parsing is Python): a 1 ms
    # switch interval instead of 5 ms halves the longest stalls (benchmarks/gui_scale.py).
    sys.setswitchinterval(0.001)
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("BounceDesk")
    app.setOrganizationName("BounceDesk")
    app.setApplicationDisplayName("BounceDesk")
    icon_file = config.resources_dir() / "icons" / "bouncedesk.svg"
    if icon_file.exists():
        app.setWindowIcon(QIcon(str(icon_file)))
    return app  # type: ignore[return-value]


def configure_pyqtgraph(colors: theme.Colors) -> None:
    """pyqtgraph's global options, set once here (DESIGN.md): theme colours, antialiasing."""
    pg.setConfigOptions(antialias=True, background=colors.tile, foreground=colors.muted, useNumba=False)


def setup_logging(log_dir: Path | None) -> QtLogHandler:
    """Rotating file in the log folder + the handler that feeds the in-app log pane (once)."""
    global _handler
    root = logging.getLogger()
    if _handler is None:
        _handler = QtLogHandler(logging.INFO)
        root.addHandler(_handler)
        if log_dir is not None:
            fh = config.private_log_handler(log_dir)  # 0600: the log names addresses
            fh.setFormatter(logging.Formatter(LOG_FORMAT))
            fh.setLevel(logging.INFO)
            root.addHandler(fh)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
    return _handler


def load_demo(data_dir: Path, now: int, progress=None):
    """Fill a fresh store with the bundled demo bounces, through the real ingest path (bouncedesk.demo)."""
    from bouncedesk import demo

    return demo.build_demo(data_dir, now=now, progress=progress)


class DemoSession:
    """A throw-away data folder with the demo store, and a local SMTP receiver for its retries."""

    def __init__(self) -> None:
        from bouncedesk.ui.localsmtp import LocalSmtp

        self.dir = Path(tempfile.mkdtemp(prefix="bouncedesk-demo-"))
        self.smtp = LocalSmtp().start()
        self.summary = None

    def build(self, now: int, progress=None) -> None:
        from bouncedesk.store.db import connect
        from bouncedesk.ui.localsmtp import add_demo_account

        self.summary = load_demo(self.dir, now, progress)
        conn = connect(self.dir / "bouncedesk.sqlite3")
        try:
            add_demo_account(conn, self.smtp.port, now)
        finally:
            conn.close()

    def build_with_splash(self, now: int) -> None:
        """Build on a worker thread while a small window shows the progress (a few seconds)."""
        import threading

        from PySide6.QtCore import QEventLoop
        from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

        splash = QWidget(None, Qt.WindowType.SplashScreen)
        lay = QVBoxLayout(splash)
        lay.setContentsMargins(24, 20, 24, 20)
        lay.addWidget(QLabel(QCoreApplication.translate("Demo", "Preparing 90 days of demo bounces…")))
        bar = QProgressBar()
        bar.setTextVisible(False)
        lay.addWidget(bar)
        splash.resize(360, 90)
        splash.show()
        state = {"done": 0, "total": 0, "error": None}

        def work() -> None:
            try:
                self.build(now, lambda d, t: state.update(done=d, total=t))
            except BaseException as exc:  # shown after the splash closes
                state["error"] = exc

        t = threading.Thread(target=work, name="demo-build")
        t.start()
        loop = QEventLoop()
        while t.is_alive():
            bar.setRange(0, max(1, state["total"]))
            bar.setValue(state["done"])
            loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            t.join(0.03)
        splash.close()
        if state["error"] is not None:
            raise state["error"]

    def actions_factory(self):
        """Demo actions: originals come from the demo's own Sent folder (a maildir the build wrote;
        the demo account's IMAP server does not exist), retries go to the local receiver."""
        from bouncedesk.act.actions import Actions
        from bouncedesk.demo.sentfolder import DemoSentFolder, sent_folder_path
        from bouncedesk.store.db import open_store
        from bouncedesk.ui.localsmtp import DemoSecrets

        folder = str(self.dir)
        sent = DemoSentFolder(sent_folder_path(config.store_path(self.dir)))
        return lambda: Actions(open_store(folder), secrets=DemoSecrets(), data_dir=folder, fetcher=sent)

    def close(self) -> None:
        self.smtp.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class GuiApp(QObject):
    """Holds the window and its controller; rebuilds them when the language or theme changes."""

    def __init__(
        self, ctx: AppContext, prefs: Prefs, handler: QtLogHandler, *, log_dir=None, **controller_kw
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.prefs = prefs
        self.handler = handler
        self.log_dir = log_dir
        self.controller_kw = controller_kw
        self.window = None
        self.controller = None
        # The undo history outlives a rebuild of the window (language, theme): it belongs here.
        from bouncedesk.ui.actionhub import ActionHub

        self.hub = ActionHub(ctx, controller_kw.pop("actions_factory", None), self)
        self.build()

    def build(self) -> None:
        from bouncedesk.ui.controller import MainController
        from bouncedesk.ui.mainwindow import MainWindow

        self.window = MainWindow()
        self.controller = MainController(
            self.ctx, self.window, self.prefs, self.handler, log_dir=self.log_dir, hub=self.hub,
            **self.controller_kw,
        )  # fmt: skip
        self.controller.languageChangeRequested.connect(self.change_language)
        self.controller.themeChangeRequested.connect(self.change_theme)

    def _rebuild(self) -> None:
        """A new window and controllers; the old ones are cut off from everything that lives on
        (store signals, log handler, action hub) before they go, so no signal reaches a dead view."""
        old_w, old_c = self.window, self.controller
        page = old_c.current_page()
        geo = old_w.saveGeometry()
        old_c.sync.shutdown()
        self.ctx.drain()  # results of jobs still on their way reach the old views while they exist
        old_c.detach()
        self.build()
        self.window.restoreGeometry(geo)
        self.controller.show_page(page)
        self.window.show()
        self.controller.offer_last_undo()
        old_w.hide()
        old_w.deleteLater()

    def change_language(self, lang: str) -> None:
        self.ctx.language = install_language(lang)
        self.prefs.language = self.ctx.language
        log.info("language: %s", self.ctx.language)
        self._rebuild()

    def change_theme(self, name: str) -> None:
        colors = theme.apply_theme(QApplication.instance(), name)
        configure_pyqtgraph(colors)
        self._rebuild()

    def shutdown(self) -> None:
        if self.controller is not None:
            self.controller.shutdown()


def stop_on_signals(app: QApplication) -> None:
    """Ctrl+C / SIGTERM close the app normally (the demo's temp folder is removed, the sync joined).

    Python runs signal handlers only between bytecodes, so a timer lets it look now and then.
    """
    import signal

    from PySide6.QtCore import QTimer

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_a: app.quit())
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def user_data_dir(args, prefs: Prefs) -> Path:
    """--data-dir beats BOUNCEDESK_HOME beats the folder chosen in Settings beats the platform's."""
    chosen = (
        getattr(args, "data_dir", None)
        or os.environ.get(config.HOME_ENV)
        or prefs.get("store/data_dir")
        or None
    )
    return config.data_dir(chosen)


def store_is_empty(data_dir: Path) -> bool:
    """No mail and no account yet: a first start, when the demo is the best first look."""
    path = config.store_path(data_dir)
    if not path.exists():
        return True
    import sqlite3

    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            row = db.execute("SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM accounts)").fetchone()
        return not row or row[0] == 0
    except sqlite3.Error:
        return False  # an unreadable store is the store's business to report, not a reason for the demo


def offer_demo(prefs: Prefs, data_dir: Path) -> bool:
    """On the very first start with an empty store, ask whether to look around in the demo data."""
    return first_run_choice(prefs, data_dir) is True


def first_run_choice(prefs: Prefs, data_dir: Path) -> bool | None:
    """The welcome question on a first start: True the demo, False the user's own mailbox (then
    Add account opens), None when not asked (not the first start, or the store has mail)."""
    if prefs.get("first_run/asked", False, bool) or not store_is_empty(data_dir):
        return None
    from PySide6.QtWidgets import QMessageBox

    _t = QCoreApplication.translate
    box = QMessageBox(QMessageBox.Icon.Question, _t("FirstRun", "Welcome to BounceDesk"),
                      _t("FirstRun", "BounceDesk has no mail yet. Look around in 90 days of demo bounces first, "
                                     "or start with your own mailbox (add it under Accounts)."))
    demo_btn = box.addButton(_t("FirstRun", "Open the demo data"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_t("FirstRun", "Start with my own mailbox"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(demo_btn)
    box.exec()
    prefs.set("first_run/asked", True)
    return box.clickedButton() is demo_btn


def after_welcome(gui: GuiApp, choice: bool | None) -> None:
    """"Start with my own mailbox": the first thing to do is to add it, so Add account opens."""
    if choice is False:
        gui.controller.show_page("accounts")
        gui.controller.open_account()


def demo_prefs(user: Prefs, demo_dir: Path) -> Prefs:
    """The demo's own preferences (in its throw-away folder): its window size, last view and theme
    never reach the user's profile; it starts in the user's language and theme."""
    prefs = Prefs(Path(demo_dir) / "demo-prefs.ini")
    if user.language:
        prefs.language = user.language
    prefs.theme = user.theme
    return prefs


def run_gui(args) -> int:
    app = make_qapp()
    prefs = Prefs()
    handler = setup_logging(config.log_dir(getattr(args, "data_dir", None)))
    lang = install_language(prefs.language or system_language())
    colors = theme.apply_theme(app, prefs.theme)
    configure_pyqtgraph(colors)
    choice = None if getattr(args, "demo", False) else first_run_choice(prefs, user_data_dir(args, prefs))
    want_demo = getattr(args, "demo", False) or choice is True
    demo = DemoSession() if want_demo else None
    if demo is not None:
        prefs = demo_prefs(prefs, demo.dir)
    try:
        if demo is not None:
            demo.build_with_splash(wall_clock())
            ctx = AppContext.open(demo.dir, demo=True)
            kw = {"actions_factory": demo.actions_factory()}
        else:
            try:
                ctx = AppContext.open(user_data_dir(args, prefs))
            except StoreError as exc:  # damaged, read-only or newer store: say so in a window too
                box = QMessageBox(QMessageBox.Icon.Critical, "BounceDesk", str(exc))
                box.setTextFormat(Qt.TextFormat.PlainText)
                box.exec()
                raise
            kw = {}
        ctx.language = lang
        from bouncedesk.classify.rules import USER_RULES_FILE, set_user_rules_path

        set_user_rules_path(ctx.data_dir / USER_RULES_FILE)  # the corrections of the folder in use
        gui = GuiApp(ctx, prefs, handler, log_dir=config.log_dir(getattr(args, "data_dir", None)), **kw)
        gui.window.show()
        after_welcome(gui, choice)
        log.info("BounceDesk started on %s%s", ctx.db_path, " (demo)" if demo else "")
        stop_on_signals(app)
        try:
            rc = app.exec()
        finally:
            gui.shutdown()
            ctx.close()
    finally:
        if demo is not None:
            demo.close()
    return int(rc)
