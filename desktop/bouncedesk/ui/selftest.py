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

from bouncedesk.policy.recovery import RECOVERY_ACTOR, REPLIED

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
                ("mailings view", self._mailings),
                ("providers view", self._providers),
                ("accounts view", self._accounts),
                ("log view", self._log),
                ("retry now, then undo", self._retry),
                ("suppress two, then undo", self._suppress),
                ("pause by shortcut, then Edit → Undo", self._pause),
                ("run due retries asks first", self._run_due_preview),
                ("contact dialog", self._contact),
                ("settings dialog", self._settings),
                ("correction preview", self._correction_preview),
                ("settings corrections tab", self._settings_corrections),
                ("suppression import", self._suppression_import),
                ("check a list", self._check_list),
                ("recovered recipient", self._recovered),
                ("search the server's words", self._search_words),
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
        from bouncedesk.intake.parsepool import ParsePool
        from bouncedesk.intake.rows import prepare_message
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

    def _mailings(self) -> str:
        """The demo's mailings with their counts as the store has them, one over the warning level;
        the selected one's recipients who bounced."""
        from bouncedesk.store.mailings import list_mailings

        page = self.c.pages["mailings"]
        self.c.show_page("mailings")
        self.wait_for(lambda: page.model.rowCount() > 0, "the mailings list")
        rows = page.model.rows
        want = {m.id: (m.sent, m.bounced) for m in list_mailings(self.ctx.conn, limit=len(rows))}
        shown = {m.id: (m.sent, m.bounced) for m in rows}
        check(shown == want, "the page's mailings differ from the store's")
        alerts = [i for i, a in enumerate(page.model.alerts) if a.bounce]
        check(bool(alerts), "no demo mailing is over the bounce-rate warning level")
        page.view.table.selectRow(alerts[0])
        self.wait_for(lambda: page.affected.rowCount() > 0, "who bounced in the selected mailing")
        self.shot("mailings")
        return f"{len(rows)} mailings, {len(alerts)} over the bounce-rate level"

    def _providers(self) -> str:
        """The demo's providers with the store's numbers over 90 days; at Outpost Mail a sender-side
        problem named precisely (a blocklist or Microsoft's own list), with its fix and page shown."""
        from bouncedesk.store.providers import UNNAMED, overview

        page = self.c.pages["providers"]
        page.view.range.setCurrentIndex(page.view.range.findData(90))
        self.c.show_page("providers")
        want = {h.key: (h.sent, h.bounces) for h in overview(self.ctx.conn, self.ctx.now(), 90)}
        self.wait_for(lambda: {h.key: (h.sent, h.bounces) for h in page.model.rows} == want, "the providers list")
        check({"quickmail", "outpost", "yoomail"} <= set(want), "the demo's providers are not listed")
        page.view.table.selectRow(page.model.row_of("outpost"))
        self.wait_for(lambda: page.shown.detail is not None and page.shown.detail.health.key == "outpost",
                      "Outpost Mail's problems")  # fmt: skip
        named = [i for i, p in enumerate(page.problems.rows) if not p.key.startswith(UNNAMED)]
        check(bool(named), "no named sender-side problem at Outpost Mail")
        keys = [page.problems.rows[i].key for i in named]
        row = named[keys.index("microsoft-s3150")] if "microsoft-s3150" in keys else named[0]
        page.view.problems.selectRow(row)
        self.idle()
        p = page.problems.rows[row]
        check(p.fix in page.view.problem_text.text() and p.page in page.view.problem_text.text(),
              "the fix and the delisting page are not shown")  # fmt: skip
        self.shot("providers")
        return f"{len(want)} providers; at Outpost Mail: {p.name} ({p.count})"

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

    def _recovered(self) -> str:
        """The demo's customer who answered the shop's mail: the detail pane says when and why it is
        active again (policy.story.recovery_text), with the button that takes it back."""
        row = self.ctx.conn.execute(
            "SELECT r.email FROM events e JOIN recipients r ON r.id = e.recipient_id WHERE e.action = 'recovered'"
            " AND e.actor = ? AND e.why LIKE ? AND e.undone_by IS NULL AND r.state = 'active'"
            " ORDER BY e.id DESC LIMIT 1", (RECOVERY_ACTOR, REPLIED + "%"),
        ).fetchone()
        check(row is not None, "the demo has no recipient recovered by a reply")
        ctrl = self.c.recipients
        self.c.show_page("recipients", {"search": row[0]})
        self.wait_for(lambda: not ctrl.model.is_loading and ctrl.model.rowCount() > 0, "the recovered recipient")
        ctrl.select_rows([0])
        self.idle()
        v = ctrl.detail.view
        text = v.recovered.text()
        check(v.recovery_row.isVisible() and text.startswith("Recovered on "), f"no recovery line: {text!r}")
        check("replied to your mail on" in text, f"the line does not say why: {text!r}")
        self.shot("recovered")
        self.c.show_page("recipients", {"search": ""})  # the next steps see the whole list again
        return row[0]

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

    def shot_over(self, dialog, name: str) -> None:
        """The main window with `dialog` drawn over it, as the user sees them (grab() omits top-levels)."""
        from PySide6.QtGui import QColor, QPainter

        if self.screenshots is None:
            return
        self.idle()
        pix = self.gui.window.grab()
        over = dialog.grab()
        x, y = (pix.width() - over.width()) // 2, (pix.height() - over.height()) // 3
        painter = QPainter(pix)
        painter.fillRect(x - 3, y - 3, over.width() + 8, over.height() + 8, QColor(0, 0, 0, 40))  # a shadow
        painter.drawPixmap(x, y, over)
        painter.setPen(QColor(0, 0, 0, 90))
        painter.drawRect(x - 1, y - 1, over.width() + 1, over.height() + 1)
        painter.end()
        path = self.screenshots / f"{name}.png"
        check(pix.save(str(path)), f"could not write {path}")
        self.shots.append(path)

    def _misread_bounce(self) -> tuple[int, str, list[str]]:
        """A bounce of a still-active recipient whose "really: user unknown" would change someone:
        (result id, address, the addresses the corrections API itself says would change)."""
        from bouncedesk.act import corrections as cx
        from bouncedesk.errors import BounceDeskError

        rows = self.ctx.conn.execute(
            "SELECT r.id, r.email FROM results r JOIN recipients c ON c.id = r.recipient_id WHERE r.kind = 'bounce'"
            " AND r.review = '' AND c.state = 'active' AND r.diagnostic != '' AND r.reason != 'userunknown'"
            " ORDER BY r.reason = 'filtered' DESC, r.id LIMIT 30").fetchall()  # fmt: skip
        for rid, email in rows:
            try:
                plan = cx.plan_correct(self.ctx.conn, self.ctx.data_dir, rid, "userunknown", self.ctx.now())
            except BounceDeskError:
                continue
            if plan.changes:
                return rid, email, sorted(c.email for c in plan.changes)
        raise StepFailed("no demo bounce whose correction would change a recipient")

    def _correction_preview(self) -> str:
        """Bounces → right-click → This is really → user unknown: the pattern, then the preview of the
        recipients that would change; Cancel changes nothing."""
        from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

        from bouncedesk.act import corrections as cx

        rid, email, expect = self._misread_bounce()
        rules = cx.rules_file(self.ctx.data_dir)
        rules_before = rules.read_bytes() if rules.exists() else None
        states_before = {e: self.state_of(e) for e in expect}
        ctrl = self.c.bounces
        self.c.show_page("bounces")
        ctrl.view.search.setText(email)
        ctrl.reload()
        self.wait_for(lambda: not ctrl.model.is_loading and ctrl.model.row_of_id(rid) >= 0, "the bounce in the list")
        ctrl.select_rows([ctrl.model.row_of_id(rid)])
        self.gui.window.undo_bar.close_button.click()  # an earlier step's offer is not part of this picture
        flow = ctrl.correct(rid, "userunknown")
        self.idle()
        check(flow.dialog.isVisible() and flow.dialog.pattern.text(), "the correction dialog shows no pattern")
        flow.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        self.wait_for(lambda: flow.confirm is not None and flow.confirm.isVisible(), "the preview of the changes")
        got = sorted(c.email for c in flow.plan.changes)
        check(got == expect, f"the preview lists {got}, the corrections API {expect}")
        check(all(e in flow.confirm.text() for e in expect), "the preview does not name the recipients")
        self.shot_over(flow.confirm, "corrections")
        flow.confirm.button(QMessageBox.StandardButton.Cancel).click()
        self.idle()
        check((rules.read_bytes() if rules.exists() else None) == rules_before, "Cancel changed the rules")
        check({e: self.state_of(e) for e in expect} == states_before, "Cancel changed a recipient")
        ctrl.view.search.clear()
        return f"{len(expect)} recipient(s) would change, cancelled"

    def _settings_corrections(self) -> str:
        """Settings → Corrections lists the demo user's rule with the bounces it matches."""
        from bouncedesk.act import corrections as cx

        rules = cx.list_rules(self.ctx.conn, self.ctx.data_dir)
        check(bool(rules), "the demo has no correction")
        c = self.c.open_settings()
        c.d.tabs.setCurrentWidget(c.corrections)
        c.d.resize(max(c.d.width(), 860), max(c.d.height(), 480))
        self.idle()
        t = c.corrections.table
        check(t.rowCount() == len(rules) and t.item(0, 0).text() == rules[0].pattern, "the rule is not listed")
        check(t.item(0, 4).text() == str(rules[0].matches) and rules[0].matches > 0, "its matches are wrong")
        if self.screenshots is not None:
            c.d.grab().save(str(self.screenshots / "settings-corrections.png"))
            self.shots.append(self.screenshots / "settings-corrections.png")
        c.d.reject()
        return f"{rules[0].pattern} → {rules[0].reason}, {rules[0].matches} bounces"

    def _suppression_import(self) -> str:
        """Suppressions → Import list… on the demo's Mailchimp export: the addresses the import API
        would suppress are suppressed, with the tool's words in the timeline; then undone."""
        from bouncedesk import store
        from bouncedesk.act.actions import Actions
        from bouncedesk.demo.userfiles import MAILCHIMP_UNSUBSCRIBED
        from bouncedesk.lists.listformats import read_file, suppress_entries

        path = str(self.ctx.data_dir / MAILCHIMP_UNSUBSCRIBED)
        fmt, entries = read_file(path)
        expect = suppress_entries(Actions(self.ctx.conn), entries, self.ctx.now(), fmt.name, dry_run=True).suppressed
        check(len(expect) >= 3, f"the demo's {MAILCHIMP_UNSUBSCRIBED} has only {len(expect)} addresses to import")
        self.c.show_page("suppressions")
        out = self.act(lambda: self.c.import_suppressions(path), "Import list…")
        check(sorted(out.done) == sorted(expect), f"imported {out.done}, expected {expect}: {out.errors}")
        check(all(self.state_of(e) == "suppressed" for e in expect), "not suppressed in the store")
        ctrl = self.c.suppressions
        rid = store.get_recipient(self.ctx.conn, expect[0]).id
        self.wait_for(lambda: not ctrl.model.is_loading and ctrl.model.row_of_id(rid) >= 0, "the imported address")
        row = ctrl.model.row_of_id(rid)
        ctrl.select_rows([row])
        self.idle()
        check(ctrl.detail.view.email.text() == expect[0], "the detail pane shows another address")
        why = ctrl.model.value(row, "why")
        check(why.startswith(f"import|{fmt.name} ("), f"the list's why is {why!r}, not the import")
        col = [c.key for c in ctrl.model.spec.columns].index("why")
        width = ctrl.view.table.columnWidth(col)
        ctrl.view.table.setColumnWidth(col, 330)  # as a user widens it to read the tool's words
        self.shot("suppressions-import")
        ctrl.view.table.setColumnWidth(col, width)
        self.act(self.gui.window.undo_bar.button.click, "undo of the import")
        check(not any(self.state_of(e) == "suppressed" for e in expect), "undo left addresses suppressed")
        return f"{len(expect)} from {fmt.name}, undone"

    def _search_words(self) -> str:
        """Type a word of the demo's server texts into the Bounces page: the list shows exactly the
        bounces that say it (compared with a plain scan of the store), then clearing brings all back."""
        from PySide6.QtTest import QTest

        word = "spamhaus"
        self.c.show_page("bounces")
        ctrl = self.c.pages["bounces"]
        self.wait_for(lambda: not ctrl.model.is_loading, "bounces list")
        everything = ctrl.model.rowCount()
        saying = {r[0] for r in self.ctx.conn.execute(
            "SELECT r.id FROM results r JOIN messages m ON m.id = r.message_id WHERE r.kind != 'delivered'"
            " AND (r.diagnostic LIKE ? OR coalesce(nullif(m.orig_subject, ''), m.subject, '') LIKE ?)",
            (f"%{word}%", f"%{word}%"))}  # fmt: skip
        expect = len(saying)
        check(expect > 0, f"the demo has no bounce saying {word}")
        QTest.keyClicks(ctrl.words.field, word)
        self.wait_for(lambda: ctrl.model.rowCount() == expect and not ctrl.model.is_loading, f"{expect} hits")
        check(set(ctrl.model.ids().tolist()) == saying, "the hits are not the bounces that say the word")
        check(ctrl.view.count.text() != "" and str(expect) in ctrl.view.count.text(), "the count is not shown")
        ctrl.select_rows([0])
        self.shot("search")
        ctrl.words.field.clear()
        self.wait_for(lambda: ctrl.model.rowCount() == everything and not ctrl.model.is_loading, "the whole list")
        return f"{expect} bounces say {word!r}"

    def _check_list(self) -> str:
        """File → Check a mailing list on the demo's newsletter list: the dialog shows what the check
        itself finds."""
        from bouncedesk.demo.userfiles import LIST_FILE
        from bouncedesk.lists.listcheck import CATEGORIES, check_list

        path = str(self.ctx.data_dir / LIST_FILE)
        direct = check_list(self.ctx.conn, path, now=self.ctx.now())
        self.c.list_check_dialog = None
        self.c.check_list(path)  # what the File menu and a dropped file run once the file is chosen
        self.wait_for(lambda: getattr(self.c, "list_check_dialog", None) is not None, "the check's result")
        d = self.c.list_check_dialog
        check(d.isVisible() and d.report.as_dict() == direct.as_dict(), "the dialog's report differs from the check")
        last = d.table.rowCount() - 1
        shown = [int(d.table.item(last, col).text()) for col in range(1, 2 + len(CATEGORIES))]
        check(shown == [direct.addresses, *(direct.total(c) for c in CATEGORIES)], f"the totals row shows {shown}")
        check(d.findings.rowCount() == direct.total("invalid") + direct.total("typo"), "findings are missing")
        if self.screenshots is not None:
            d.grab().save(str(self.screenshots / "list-check.png"))
            self.shots.append(self.screenshots / "list-check.png")
        d.reject()
        return f"{direct.addresses} addresses, {sum(direct.total(c) for c in CATEGORIES)} findings"

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
