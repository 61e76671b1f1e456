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
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from bouncedesk import config
from bouncedesk.ui import theme
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.i18n import install_language, system_language
from bouncedesk.ui.logpane import LOG_FORMAT, QtLogHandler
from bouncedesk.ui.prefs import Prefs

log = logging.getLogger(__name__)
_handler: QtLogHandler | None = None


def make_qapp(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with high-DPI rounding that keeps 125 %/150 % screens crisp."""
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
            fh = logging.handlers.RotatingFileHandler(
                log_dir / "bouncedesk.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
            fh.setFormatter(logging.Formatter(LOG_FORMAT))
            fh.setLevel(logging.INFO)
            root.addHandler(fh)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
    return _handler


def load_demo(data_dir: Path, now: int) -> None:
    """Fill a fresh store with the bundled demo bounces, through the real ingest path (bouncedesk.demo)."""
    from bouncedesk import demo

    demo.build_demo(data_dir, now=now)


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
        self.build()

    def build(self) -> None:
        from bouncedesk.ui.controller import MainController
        from bouncedesk.ui.mainwindow import MainWindow

        self.window = MainWindow()
        self.controller = MainController(
            self.ctx, self.window, self.prefs, self.handler, log_dir=self.log_dir, **self.controller_kw
        )
        self.controller.languageChangeRequested.connect(self.change_language)
        self.controller.themeChangeRequested.connect(self.change_theme)

    def _rebuild(self) -> None:
        old_w, old_c = self.window, self.controller
        page = old_c.current_page()
        geo = old_w.saveGeometry()
        old_c.sync.shutdown()
        self.ctx.pool.waitForDone()
        self.build()
        self.window.restoreGeometry(geo)
        self.controller.show_page(page)
        self.window.show()
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


def open_context(args, prefs: Prefs, clock=None) -> tuple[AppContext, Path | None]:
    """The store to open: a fresh demo store, or --data-dir / BOUNCEDESK_HOME / settings / default."""
    from bouncedesk.ui.context import wall_clock

    clock = clock or wall_clock
    if getattr(args, "demo", False):
        tmp = Path(tempfile.mkdtemp(prefix="bouncedesk-demo-"))
        load_demo(tmp, clock())
        ctx = AppContext.open(tmp, clock=clock, demo=True)
        return ctx, tmp
    chosen = (
        getattr(args, "data_dir", None)
        or os.environ.get(config.HOME_ENV)
        or prefs.get("store/data_dir")
        or None
    )
    return AppContext.open(config.data_dir(chosen), clock=clock), None


def run_gui(args) -> int:
    if getattr(args, "self_test", False):
        from bouncedesk.ui.selftest import run_self_test

        return run_self_test(args)
    app = make_qapp()
    prefs = Prefs()
    handler = setup_logging(config.log_dir(getattr(args, "data_dir", None)))
    lang = install_language(prefs.language or system_language())
    colors = theme.apply_theme(app, prefs.theme)
    configure_pyqtgraph(colors)
    ctx, tmp = open_context(args, prefs)
    ctx.language = lang
    gui = GuiApp(ctx, prefs, handler, log_dir=config.log_dir(getattr(args, "data_dir", None)))
    gui.window.show()
    log.info("BounceDesk started on %s", ctx.db_path)
    try:
        rc = app.exec()
    finally:
        gui.shutdown()
        ctx.close()
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return int(rc)
