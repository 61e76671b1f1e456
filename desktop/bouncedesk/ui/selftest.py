"""`bouncedesk --self-test [--screenshots DIR]`: the whole GUI on the demo data, checked.

Starts the app (offscreen when there is no display), builds the demo store through the real
ingest path, opens every view and checks it shows the store's data, then acts through the UI
the way a user does — Retry now (sent to a local SMTP receiver), Suppress, Pause, Contact —
and undoes each. Writes one PNG per view. Exit status 0 only if every step worked; each step
prints one line. CI runs it; the packaging smoke test runs it against the frozen app.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

STEP_TIMEOUT = 30.0


class StepFailed(AssertionError):
    pass


def check(cond: bool, what: str) -> None:
    if not cond:
        raise StepFailed(what)


class SelfTest:
    def __init__(self, screenshots: Path | None, out=sys.stdout) -> None:
        self.screenshots = screenshots
        self.out = out
        self.failures: list[str] = []
        self.shots: list[Path] = []

    # --- plumbing ------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def step(self, name: str, fn: Callable[[], str | None]) -> None:
        t0 = time.perf_counter()
        try:
            note = fn() or ""
        except Exception as exc:
            self.failures.append(name)
            detail = str(exc) if isinstance(exc, StepFailed) else f"{type(exc).__name__}: {exc}"
            self.say(f"FAIL {name}: {detail}")
            if not isinstance(exc, StepFailed):
                traceback.print_exc(file=sys.stderr)
            return
        self.say(f"ok   {name} ({(time.perf_counter() - t0) * 1000:.0f} ms){' — ' + note if note else ''}")

    def idle(self) -> None:
        from PySide6.QtWidgets import QApplication

        for _ in range(3):
            self.ctx.pool.waitForDone(int(STEP_TIMEOUT * 1000))
            QApplication.processEvents()

    def wait_for(self, cond: Callable[[], bool], what: str, timeout: float = STEP_TIMEOUT) -> None:
        from PySide6.QtWidgets import QApplication

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            QApplication.processEvents()
            self.ctx.pool.waitForDone(20)
            if cond():
                return
        raise StepFailed(f"timed out waiting for {what}")

    def shot(self, name: str) -> None:
        if self.screenshots is None:
            return
        self.idle()
        path = self.screenshots / f"{name}.png"
        check(self.gui.window.grab().save(str(path)), f"could not write {path}")
        self.shots.append(path)

    def activate(self, window) -> None:
        """Make `window` the active window before typing into it: a shortcut only fires in the active
        window. Offscreen that is immediate; on X11 the focus change is an answer from the server
        (without a window manager nobody else gives the window focus), so wait for it."""
        from PySide6.QtWidgets import QApplication

        window.raise_()
        window.activateWindow()
        self.wait_for(lambda: QApplication.activeWindow() is window, "the main window to become active", 10.0)

    def act(self, trigger: Callable[[], None], what: str):
        """Trigger an action in the UI and wait for the action hub's answer."""
        hub = self.c.hub
        before = hub.last
        trigger()
        self.wait_for(lambda: hub.last is not before and not hub.busy, what)
        self.idle()
        return hub.last

    def state_of(self, email: str) -> str:
        return self.ctx.conn.execute("SELECT state FROM recipients WHERE email = ?", (email,)).fetchone()[0]

    # --- the run -------------------------------------------------------------------------------

    def run(self) -> int:
        from bouncedesk.clock import wall_clock
        from bouncedesk.ui import theme
        from bouncedesk.ui.app import DemoSession, configure_pyqtgraph, make_qapp, setup_logging
        from bouncedesk.ui.context import AppContext
        from bouncedesk.ui.i18n import install_language
        from bouncedesk.ui.prefs import Prefs

        app = make_qapp()
        colors = theme.apply_theme(app, "light")
        configure_pyqtgraph(colors)
        install_language("en")
        handler = setup_logging(None)
        self.demo = DemoSession()
        try:
            self.step("build demo store through the real ingest path", self._build)
            self.step("parse worker processes start and agree", self._parse_workers)
            if self.failures:
                return 1
            self.ctx = AppContext.open(self.demo.dir, clock=wall_clock, demo=True)
            self.ctx.language = "en"
            from bouncedesk.ui.app import GuiApp

            self.gui = GuiApp(self.ctx, Prefs(self.demo.dir / "selftest.ini"), handler,
                              actions_factory=self.demo.actions_factory())  # fmt: skip
            self.c = self.gui.controller
            self.gui.window.resize(1280, 820)
            self.gui.window.show()
            for name, fn in (
                ("dashboard shows the store", self._dashboard),
                ("retries view", lambda: self._list("retries")),
                ("recipients view", lambda: self._list("recipients")),
                ("bounces view", lambda: self._list("bounces")),
                ("needs review view", self._review),
                ("suppressions view", lambda: self._list("suppressions")),
                ("accounts view", self._accounts),
                ("log view", self._log),
                ("retry now, then undo", self._retry),
                ("suppress two, then undo", self._suppress),
                ("pause by shortcut, then Edit → Undo", self._pause),
                ("run due retries asks first", self._run_due_preview),
                ("contact dialog", self._contact),
                ("settings dialog", self._settings),
                ("German translation", self._german),
            ):
                self.step(name, fn)
            self.gui.shutdown()
            self.ctx.close()
        finally:
            self.demo.close()
        if self.shots:
            self.say(f"screenshots: {len(self.shots)} in {self.screenshots}")
        self.say("self-test " + ("passed" if not self.failures else f"FAILED: {', '.join(self.failures)}"))
        return 0 if not self.failures else 1

    # --- steps ---------------------------------------------------------------------------------

    def _build(self) -> str:
        self.demo.build(int(time.time()))
        s = self.demo.summary
        check(s is not None and s.stored > 0 and s.recipients > 0, "the demo store is empty")
        return f"{s.stored} messages, {s.recipients} recipients"

    def _parse_workers(self) -> str:
        """A big sync parses in worker processes; an installed (frozen) app must be able to start them."""
        from bouncedesk import store
        from bouncedesk.intake.ingest import prepare_message
        from bouncedesk.intake.parsepool import ParsePool
        from bouncedesk.store.rawcodec import decompress_raw

        conn = store.open_store(self.demo.dir)
        try:
            datas = [decompress_raw(r[0]) for r in conn.execute("SELECT data FROM raw_messages LIMIT 60")]
        finally:
            conn.close()
        pool = ParsePool(2)
        try:
            pending = pool.submit(datas)
            got = pending.result()
        finally:
            pool.close()
        check(pending.inline == 0, f"{pending.inline} of {len(datas)} messages were parsed without the workers")
        check(got == [prepare_message(d) for d in datas], "the workers' results differ from parsing here")
        return f"{len(datas)} messages in {pool.jobs} workers"

    def _dashboard(self) -> str:
        d = self.c.dashboard
        self.c.show_page("dashboard")
        self.wait_for(lambda: d.data is not None and d.data.codes is not None, "dashboard numbers")
        series = d.data.series
        total = int(sum(int(v.sum()) for v in series.counts.values()))
        conn = self.ctx.conn
        first = int(series.days[0]) // 86400
        expect = conn.execute(
            "SELECT coalesce(sum(count), 0) FROM daily_rollup WHERE day >= ? AND kind IN ('bounce','complaint','delay')",
            (first,),
        ).fetchone()[0]
        check(total == expect and total > 0, f"chart shows {total} reports, the store has {expect}")
        check(len(d.view.reasons.rows) > 0 and len(d.view.codes.rows) > 0, "breakdowns are empty")
        supp = conn.execute("SELECT count(*) FROM recipients WHERE state='suppressed'").fetchone()[0]
        check(
            d.view.tile_suppressed.value.text().replace("\u202f", "") == str(supp), "suppressed tile is wrong"
        )
        self.shot("dashboard")
        return f"{total} reports in {len(series.days)} days"

    def _list(self, page: str) -> str:
        self.c.show_page(page)
        ctrl = self.c.pages[page]
        self.wait_for(lambda: not ctrl.model.is_loading, f"{page} list")
        n = ctrl.model.rowCount()
        check(n > 0, f"the {page} list is empty")
        ctrl.select_rows([0])
        self.idle()
        check(ctrl.detail.view.content.isVisible() and ctrl.detail.view.email.text(), "detail pane is empty")
        table = ctrl.view.table
        table.scrollToBottom()
        self.idle()
        last = table.rowAt(table.viewport().height() - 2)
        check(last == n - 1, f"scrolling to the end shows row {last + 1} of {n}")
        table.scrollToTop()
        ctrl.select_rows([min(2, n - 1)])
        self.shot(page)
        return f"{n} rows"

    def _review(self) -> str:
        """Needs review lists exactly the bounces waiting for a decision (the demo's forged ones)."""
        from bouncedesk.act.review import count_review

        ctrl = self.c.review
        self.c.show_page("review")
        self.wait_for(lambda: not ctrl.model.is_loading, "needs review list")
        n = ctrl.model.rowCount()
        waiting = count_review(self.ctx.conn)
        check(n == waiting, f"the list shows {n} bounces, {waiting} are waiting")
        if n:
            ctrl.select_rows([0])
            self.idle()
            check(ctrl.detail.view.evidence.text() != "", "the detail pane does not say why it waits")
            check(ctrl.view.trust_button.isEnabled(), "Trust is not offered for a selection")
        self.shot("review")
        return f"{n} waiting"

    def _run_due_preview(self) -> str:
        """The preview lists the due retries; Cancel sends nothing."""
        sent_before = len(self.demo.smtp.messages)
        self.c.run_due_dialog = None
        self.gui.window.act_run_due.trigger()
        self.wait_for(lambda: self.c.run_due_dialog is not None or "No retries" in
                      self.gui.window.statusBar().currentMessage(), "the run-due preview")  # fmt: skip
        d = self.c.run_due_dialog
        if d is None:
            return "nothing due"
        due = len(d.items)
        check(d.isVisible() and len(d.rows()) == min(due, 2000), "the preview does not list the retries")
        if self.screenshots is not None:
            d.grab().save(str(self.screenshots / "run-due.png"))
            self.shots.append(self.screenshots / "run-due.png")
        d.cancel.click()
        self.idle()
        check(len(self.demo.smtp.messages) == sent_before, "Cancel sent something")
        return f"{due} due, cancelled"

    def _accounts(self) -> str:
        self.c.show_page("accounts")
        n = self.c.accounts.view.list.topLevelItemCount()
        check(n >= 1, "the demo account is not listed")
        self.shot("accounts")
        return f"{n} account(s)"

    def _log(self) -> str:
        import logging

        self.c.show_page("log")
        logging.getLogger("bouncedesk.selftest").info("self-test: log pane check")
        self.wait_for(lambda: any("log pane check" in x for x in self.c.log.lines()), "the log line")
        self.shot("log")

    def _retry_candidate(self, ctrl) -> int:
        """A retrying recipient whose bounce brought the whole original back (so it can be re-sent)."""
        conn = self.ctx.conn
        for row in range(min(ctrl.model.rowCount(), 500)):
            rid = ctrl.model.row_id(row)
            complete = conn.execute(
                "SELECT m.orig_complete FROM results r JOIN messages m ON m.id = r.message_id"
                " WHERE r.recipient_id = ? AND r.kind = 'bounce' ORDER BY r.at DESC, r.id DESC LIMIT 1",
                (rid,),
            ).fetchone()
            if complete and complete[0]:
                return row
        raise StepFailed("no retry whose original came back whole")

    def _retry(self) -> str:
        from bouncedesk import store

        ctrl = self.c.retries
        self.c.show_page("retries")
        self.wait_for(lambda: not ctrl.model.is_loading, "retries list")
        row = self._retry_candidate(ctrl)
        ctrl.select_rows([row])
        email = ctrl.model.value(row, "email")
        before = store.get_recipient(self.ctx.conn, email).policy
        sent_before = len(self.demo.smtp.messages)
        out = self.act(ctrl.buttons["retry"].click, "Retry now")
        check(out.done == [email], f"retry failed: {out.errors}")
        check(len(self.demo.smtp.messages) == sent_before + 1, "nothing reached the SMTP receiver")
        check(email in self.demo.smtp.messages[-1].rcpt_to, "the retry went to the wrong address")
        after = store.get_recipient(self.ctx.conn, email).policy
        check(after.attempts == before.attempts + 1, "the attempt was not counted")
        check(self.gui.window.undo_bar.isVisible(), "no undo offer")
        self.shot("retries-undo-offer")
        out = self.act(self.gui.window.undo_bar.button.click, "undo of the retry")
        check(out.done == [email], f"undo failed: {out.errors}")
        check(store.get_recipient(self.ctx.conn, email).policy == before, "undo did not restore the schedule")
        return email

    def _suppress(self) -> str:
        ctrl = self.c.retries
        self.c.show_page("retries")
        self.wait_for(lambda: not ctrl.model.is_loading, "retries list")
        check(ctrl.model.rowCount() >= 2, "fewer than two retries to suppress")
        ctrl.select_rows([0, 1])
        emails = [ctrl.model.value(r, "email") for r in (0, 1)]
        out = self.act(ctrl.buttons["suppress"].click, "Suppress")
        check(sorted(out.done) == sorted(emails), f"suppress failed: {out.errors}")
        check(all(self.state_of(e) == "suppressed" for e in emails), "not suppressed in the store")
        out = self.act(self.gui.window.undo_bar.button.click, "undo of the suppression")
        check(all(self.state_of(e) == "retrying" for e in emails), "undo did not bring them back")
        return ", ".join(emails)

    def _pause(self) -> str:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        ctrl = self.c.recipients
        self.c.show_page("recipients", {"state": "retrying"})
        self.wait_for(lambda: not ctrl.model.is_loading and ctrl.model.rowCount() > 0, "retrying recipients")
        ctrl.select_rows([0])
        email = ctrl.model.value(0, "email")
        self.activate(self.gui.window)
        self.act(
            lambda: QTest.keyClick(self.gui.window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier),
            "Pause",
        )
        check(self.state_of(email) == "paused", "Ctrl+P did not pause")
        self.act(self.gui.window.act_undo.trigger, "Edit → Undo")
        check(self.state_of(email) == "retrying", "Edit → Undo did not resume")
        return email

    def _contact(self) -> str:
        ctrl = self.c.recipients
        self.c.show_page("recipients", {})
        self.wait_for(lambda: not ctrl.model.is_loading, "recipients")
        ctrl.select_rows([0])
        rid = ctrl.selected_recipient_ids()[0]
        c = self.c.open_contact(rid)
        self.idle()
        check(c.d.isVisible() and c.d.subject.text() and c.d.body.toPlainText(), "the notice is not shown")
        if self.screenshots is not None:
            c.d.grab().save(str(self.screenshots / "contact.png"))
            self.shots.append(self.screenshots / "contact.png")
        c.d.reject()

    def _settings(self) -> None:
        c = self.c.open_settings()
        self.idle()
        check(c.d.isVisible() and c.d.max_attempts.value() >= 3, "settings did not open filled")
        if self.screenshots is not None:
            c.d.grab().save(str(self.screenshots / "settings.png"))
            self.shots.append(self.screenshots / "settings.png")
        c.d.reject()

    def _german(self) -> str:
        from bouncedesk.ui.i18n import install_language

        lang = install_language("de")
        try:
            check(lang == "de", "no German translation could be loaded (.qm missing and lrelease not found)")
            self.gui.change_language("de")
            self.c = self.gui.controller
            self.gui.window.resize(1280, 820)
            self.idle()
            check(self.gui.window.page_titles["retries"] == "Wiederholungen", "the window is not in German")
            self.c.show_page("dashboard")
            self.wait_for(lambda: self.c.dashboard.data is not None, "dashboard")
            self.shot("dashboard-de")
        finally:
            install_language("en")
        return "Wiederholungen"


def run_self_test(args) -> int:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    shots = Path(args.screenshots) if getattr(args, "screenshots", None) else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    return SelfTest(shots).run()
