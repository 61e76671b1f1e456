"""The first hour as a real user, driven from inside the real app: `python tests/journey/driver.py OUT`.

Runs `bouncedesk` exactly as a user starts it (cli.main → run_gui: first-start question, demo
splash, main window, app.exec, shutdown) on whatever display Qt is given (the journey test gives it
Xvfb, no window manager). A test-only driver in the same process answers the questions and clicks
through the app the way a user would, reusing the self-test's checks: first start → demo → each
view → suppress + undo → retry + undo → contact → settings (language, theme) → account dialog at
the screen's size → quit with Ctrl+Q typed on the X server (xdotool). One line per step ("ok   …" or
"FAIL …"), one screenshot of the whole screen per step in OUT, exit status of the app.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bouncedesk.ui.selftest import STEP_TIMEOUT, SelfTest, StepFailed, check


class Journey(SelfTest):
    def __init__(self, screenshots: Path) -> None:
        super().__init__(screenshots)
        self.gui = None
        self.demo = None
        self.n = 0
        self.finished = False
        self.first_start_done = False

    # --- plumbing ------------------------------------------------------------------------------

    def shot(self, name: str) -> None:
        """What the user sees: the whole screen from the X server, dialogs and all."""
        from PySide6.QtWidgets import QApplication

        if self.gui is not None:
            self.idle()
        else:
            QApplication.processEvents()
        self.n += 1
        path = self.screenshots / f"{self.n:02d}-{name}.png"
        check(QApplication.primaryScreen().grabWindow(0).save(str(path)), f"could not write {path}")
        self.shots.append(path)

    def idle(self) -> None:
        if self.gui is None:
            from PySide6.QtWidgets import QApplication

            QApplication.processEvents()
            return
        super().idle()

    def wait_for(self, cond, what: str, timeout: float = STEP_TIMEOUT) -> None:
        import time

        from PySide6.QtWidgets import QApplication

        if self.gui is not None:
            return super().wait_for(cond, what, timeout)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            QApplication.processEvents()
            if cond():
                return
            time.sleep(0.01)
        raise StepFailed(f"timed out waiting for {what}")

    @property
    def ctx(self):
        return self.gui.ctx

    @property
    def c(self):
        return self.gui.controller

    @c.setter
    def c(self, value) -> None:  # SelfTest assigns it after a rebuild; the GuiApp always knows
        pass

    def x_windows(self) -> list[str]:
        """Names of the visible top-level windows the X server has (not what Qt believes)."""
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "."],
                             capture_output=True, text=True, timeout=10).stdout.split()  # fmt: skip
        names = []
        for wid in out:
            names.append(subprocess.run(["xdotool", "getwindowname", wid], capture_output=True, text=True,
                                        timeout=10).stdout.strip())  # fmt: skip
        return names

    # --- the journey ---------------------------------------------------------------------------

    def first_start(self) -> None:
        """Runs inside the first-start question's own event loop: look at it, pick the demo."""
        from PySide6.QtWidgets import QApplication, QMessageBox

        def pick_demo() -> str:
            self.wait_for(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), "the first-start question")
            box = QApplication.activeModalWidget()
            self.wait_for(lambda: any("Welcome to BounceDesk" in x for x in self.x_windows()), "the question on the X server")
            self.shot("first-start")
            button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
            check(button.text() == "Open the demo data", f"the first button says {button.text()!r}")
            button.click()
            return box.text()[:60]

        self.step("first start offers the demo", pick_demo)
        self.first_start_done = True

    def main_window(self) -> None:
        """Runs once the main window is up (inside app.exec): the rest of the journey, then quit."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        if not self.first_start_done:  # still inside the first-start step's own waiting
            QTimer.singleShot(50, self.main_window)
            return
        w = self.gui.window

        def demo() -> str:
            check(self.demo is not None and self.ctx.demo, "the app did not open the demo store")
            self.wait_for(lambda: any(x.startswith("BounceDesk") for x in self.x_windows()), "the main window on the X server")
            self.wait_for(lambda: w.isVisible() and w.windowHandle().isExposed(), "the window to be painted")
            return f"{self.demo.summary.stored} messages, window {w.width()}×{w.height()}"

        screen = QApplication.primaryScreen().geometry()
        steps = [
            ("demo opens in a real window", demo),
            ("dashboard", self._dashboard),
            ("retries view", lambda: self._list("retries")),
            ("recipients view", lambda: self._list("recipients")),
            ("bounces view", lambda: self._list("bounces")),
            ("needs review view", self._review),
            ("suppressions view", lambda: self._list("suppressions")),
            ("mailings view", self._mailings),
            ("providers view", self._providers),
            ("accounts view", self._accounts),
            ("log view", self._log),
            ("suppress two, then undo", self._suppress),
            ("retry now, then undo", self._retry),
            ("pause by shortcut, then Edit → Undo", self._pause),
            ("contact dialog", self._contact),
            ("recovered recipient", self._recovered),
            ("search the server's words", self._search_words),
            ("check a list", self._check_list),
            ("settings: German and dark", self._settings_language_theme),
            (f"account dialog fits {screen.width()}×{screen.height()}", self._account_dialog),
        ]
        for name, fn in steps:
            self.step(name, fn)
        self.step("Ctrl+Q typed on the X server quits", self._quit)

    def _settings_language_theme(self) -> str:
        from PySide6.QtWidgets import QApplication

        old_window = self.gui.window
        old_window.act_settings.trigger()
        self.wait_for(lambda: self.c.settings_dialog is not None and self.c.settings_dialog.d.isVisible(), "Settings")
        d = self.c.settings_dialog.d
        self.wait_for(lambda: d.windowHandle() is not None and d.windowHandle().isExposed(), "Settings painted")
        d.language.setCurrentIndex(d.language.findData("de"))
        d.theme.setCurrentIndex(d.theme.findData("dark"))
        self.shot("settings")
        d.buttons.button(d.buttons.StandardButton.Save).click()
        self.wait_for(lambda: self.gui.window is not old_window and self.gui.window.isVisible(), "the rebuilt window")
        self.wait_for(lambda: self.gui.window.windowHandle().isExposed(), "the rebuilt window painted")
        w = self.gui.window
        check(w.page_titles["retries"] == "Wiederholungen", "the window is not in German")
        check(self.gui.prefs.theme == "dark", "the theme was not saved")
        bg = QApplication.palette().window().color()
        check(bg.lightness() < 100, f"the window background is not dark ({bg.name()})")
        self.c.show_page("dashboard")
        self.wait_for(lambda: self.c.dashboard.data is not None, "dashboard")
        self.shot("dashboard-de-dark")
        return f"background {bg.name()}"

    def _account_dialog(self) -> str:
        from PySide6.QtWidgets import QApplication, QWidget

        screen = QApplication.primaryScreen().availableGeometry()
        w = self.gui.window
        w.setGeometry(screen)  # no window manager to maximize it: fill the screen by hand
        self.idle()
        w.act_add_account.trigger()
        self.wait_for(lambda: self.c.account_dialog is not None and self.c.account_dialog.d.isVisible(),
                      "the account dialog")  # fmt: skip
        d = self.c.account_dialog.d
        self.wait_for(lambda: d.windowHandle() is not None and d.windowHandle().isExposed(), "the dialog painted")
        self.shot("account-dialog")
        try:
            geo = d.frameGeometry()
            check(screen.contains(geo), f"the dialog ({geo.width()}×{geo.height()} at {geo.x()},{geo.y()}) "
                                        f"does not fit the screen {screen.width()}×{screen.height()}")  # fmt: skip
            need = d.minimumSizeHint()
            check(need.width() <= screen.width() and need.height() <= screen.height(),
                  f"the dialog needs {need.width()}×{need.height()}")  # fmt: skip
            for child in d.findChildren(QWidget):
                if child.isVisible() and not child.isWindow():
                    r = child.rect().translated(child.mapTo(d, child.rect().topLeft()))
                    check(d.rect().contains(r), f"{type(child).__name__} {child.objectName()} sticks out of the dialog")
        finally:
            d.reject()
            self.idle()
        return f"{geo.width()}×{geo.height()} on {screen.width()}×{screen.height()}"

    def _quit(self) -> str:
        w = self.gui.window
        self.activate(w)
        self.shot("before-quit")
        subprocess.run(["xdotool", "key", "--clearmodifiers", "ctrl+q"], check=True, timeout=10)
        self.wait_for(lambda: not w.isVisible(), "the window to close")
        self.finished = True
        return "closed"


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    from PySide6.QtCore import QTimer

    import bouncedesk.ui.app as app_mod

    journey = Journey(out)

    class RecordingDemo(app_mod.DemoSession):
        def __init__(self) -> None:
            super().__init__()
            journey.demo = self

    class RecordingGui(app_mod.GuiApp):
        def __init__(self, *a, **kw) -> None:
            super().__init__(*a, **kw)
            if journey.gui is None:
                journey.gui = self
                QTimer.singleShot(0, journey.main_window)

    app_mod.DemoSession = RecordingDemo
    app_mod.GuiApp = RecordingGui
    app_mod.make_qapp()
    QTimer.singleShot(0, journey.first_start)
    from bouncedesk.cli.main import main as cli_main

    rc = cli_main([])
    import faulthandler

    faulthandler.dump_traceback_later(60, exit=True)  # a hang at exit shows where, instead of waiting
    demo_dir = journey.demo.dir if journey.demo else None
    check_after = []
    if not journey.finished:
        check_after.append("the journey did not reach the end")
    if demo_dir is not None and demo_dir.exists():
        check_after.append(f"the demo store {demo_dir} was not removed at exit")
    for problem in check_after:
        journey.failures.append(problem)
        journey.say(f"FAIL {problem}")
    journey.say(f"screenshots: {len(journey.shots)} in {out}")
    journey.say(f"app exit status {rc}")
    journey.say("journey " + ("passed" if not journey.failures and rc == 0 else f"FAILED: {', '.join(journey.failures)}"))
    return 0 if not journey.failures and rc == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
