"""One-click actions for one or many recipients, and their undo — through `bouncedesk.act.actions`.

Actions run on a worker thread with their own store connection (a retry talks to an SMTP
server; suppressing ten thousand addresses takes a moment), one batch at a time. Each batch
is remembered so Edit → Undo (or the undo bar) can reverse it: `Actions.undo` per address,
newest batch first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Signal

from bouncedesk.errors import BounceDeskError
from bouncedesk.ui import queries
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.workers import run_job

log = logging.getLogger(__name__)
_t = QCoreApplication.translate

VERBS = ("retry", "suppress", "unsuppress", "pause", "resume", "mark-resent", "run-due", "trust", "dismiss",
         "trust-all")  # fmt: skip
# "trust": Actions.undo reverses a recipient's last 'trust' event, and the bounce waits for review again.
UNDOABLE = ("retry", "suppress", "unsuppress", "pause", "resume", "mark-resent", "contact", "trust")


@dataclass
class BatchOutcome:
    verb: str
    done: list[str] = field(default_factory=list)  # addresses the action applied to
    errors: list[tuple[str, str]] = field(default_factory=list)  # (address, why)
    message: str = ""
    mailto: str | None = None
    undo_of: BatchOutcome | None = None  # set when this batch was an undo

    @property
    def undoable(self) -> bool:
        return self.verb in UNDOABLE and bool(self.done)


def _message(b: BatchOutcome) -> str:
    n = len(b.done)
    if b.undo_of is not None:
        text = _t("Actions", "Undone for %n address(es)", None, n)
    else:
        text = {
            "retry": _t("Actions", "Retried %n address(es)", None, n),
            "mark-resent": _t("Actions", "Marked %n address(es) as re-sent", None, n),
            "suppress": _t("Actions", "Suppressed %n address(es)", None, n),
            "unsuppress": _t("Actions", "Unsuppressed %n address(es)", None, n),
            "pause": _t("Actions", "Paused %n address(es)", None, n),
            "resume": _t("Actions", "Resumed %n address(es)", None, n),
            "contact": _t("Actions", "Contact recorded for %n address(es)", None, n),
            "undo-recovery": _t("Actions", "Recovery undone for %n address(es)", None, n),
        }.get(b.verb, b.verb)
    if b.errors:
        first = b.errors[0][1]
        text += " · " + _t("Actions", "%n not done", None, len(b.errors)) + f": {first}"
    return text


def import_message(r) -> str:
    """"Imported 120 address(es) from Mailchimp: 3 invalid (a, b, c), 5 already suppressed"."""
    text = _t("Actions", "Imported %n address(es) from %1", None, len(r.suppressed)).replace("%1", r.tool)
    parts = []
    if r.invalid:
        shown = ", ".join(r.invalid[:3]) + (" …" if len(r.invalid) > 3 else "")
        parts.append(_t("Actions", "%n invalid", None, len(r.invalid)) + f" ({shown})")
    if r.already:
        parts.append(_t("Actions", "%n already suppressed", None, len(r.already)))
    if r.not_blocked:
        parts.append(_t("Actions", "%n still subscribed there (left alone)", None, r.not_blocked))
    if r.errors:
        parts.append(_t("Actions", "%n not done", None, len(r.errors)) + f": {r.errors[0][1]}")
    return text + (": " + ", ".join(parts) if parts else "")


# How the log says what was done (plain English, like the rest of the log file).
_LOG_VERBS = {
    "retry": "Retried", "suppress": "Suppressed", "unsuppress": "Unsuppressed", "pause": "Paused",
    "resume": "Resumed", "mark-resent": "Marked as re-sent", "contact": "Contacted", "trust": "Trusted a bounce of",
    "dismiss": "Dismissed", "undo": "Undid the last action for", "undo-recovery": "Undid the recovery of",
}  # fmt: skip


def done_line(b: BatchOutcome, shown: int = 10) -> str:
    """What happened to whom, for the log: "Suppressed ann@example.org, bob@example.org and 3 more"."""
    verb = _LOG_VERBS.get(b.verb, b.verb)
    if b.undo_of is not None:
        verb = f"Undid “{_LOG_VERBS.get(b.undo_of.verb, b.undo_of.verb).lower()}” for"
    who = list(dict.fromkeys(b.done))
    text = f"{verb} {', '.join(who[:shown])}"
    if len(who) > shown:
        text += f" and {len(who) - shown} more"
    return text


def run_due_message(report) -> str:
    """What a run of the due retries really did, problems with the same cause said once."""
    parts = [
        _t("Actions", "Due retries: %1 sent, %2 failed, %3 without original")
        .replace("%1", str(report.sent)).replace("%2", str(report.failed)).replace("%3", str(report.unavailable))
    ]  # fmt: skip
    if report.skipped:
        parts.append(_t("Actions", "%n skipped", None, report.skipped))
    if report.deferred:
        parts.append(_t("Actions", "%n left for later", None, report.deferred))
    if report.settled:
        parts.append(_t("Actions", "%n back to active", None, report.settled))
    text = ", ".join(parts)
    problems = report.grouped_problems()
    if problems:
        text += " — " + "; ".join(problems[:2])
        if len(problems) > 2:
            text += " " + _t("Actions", "(and %n more, see the log)", None, len(problems) - 2)
    return text


class ActionHub(QObject):
    """Runs actions off the GUI thread and keeps the undo history of this session."""

    started = Signal(str)  # verb
    finished = Signal(object)  # BatchOutcome
    undoAvailable = Signal(bool)

    def __init__(
        self, ctx: AppContext, actions_factory: Callable | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.history: list[BatchOutcome] = []
        self.busy = False
        self.last: BatchOutcome | None = None
        # Builds bouncedesk.act.actions.Actions on a worker's own connection (tests may pass their own).
        self.actions_factory = actions_factory or self._default_actions

    def _default_actions(self):
        from bouncedesk.act.actions import open_actions

        return open_actions(str(self.ctx.data_dir))

    # --- running -----------------------------------------------------------------------------

    def perform(self, verb: str, recipient_ids: list[int], **kw) -> bool:
        """Apply `verb` to the recipients; False if another batch is still running."""
        if self.busy or not recipient_ids:
            return False
        emails = queries.recipient_emails(self.ctx.conn, list(recipient_ids))
        return self._start(verb, lambda acts, now: self._each(acts, verb, emails, now, **kw))

    def perform_addresses(self, verb: str, emails: list[str]) -> bool:
        if self.busy or not emails:
            return False
        return self._start(verb, lambda acts, now: self._each(acts, verb, emails, now))

    def import_list(self, entries: list, tool: str) -> bool:
        """Suppress the blocked addresses of a mailing tool's list (listformats.suppress_entries): one
        undoable batch, one summary; invalid addresses are listed (in the log), not dropped silently."""
        if self.busy or not entries:
            return False

        def work(acts, now) -> BatchOutcome:
            from bouncedesk.lists.listformats import suppress_entries

            r = suppress_entries(acts, entries, now, tool)
            out = BatchOutcome("suppress", list(r.suppressed))
            out.errors = [(a, _t("Actions", "not an e-mail address")) for a in r.invalid] + r.errors
            out.message = import_message(r)
            return out

        return self._start("suppress", work)

    def preview_due(self, on_items: Callable[[list], None], on_error: Callable[[str], None]) -> bool:
        """The retries due now (Actions.due_preview), read off the GUI thread; nothing is sent."""
        if self.busy:
            return False
        factory, clock = self.actions_factory, self.ctx.clock

        def job() -> list:
            acts = factory()
            try:
                return acts.due_preview(clock())
            finally:
                acts.conn.close()

        run_job(self.ctx.pool, job, on_items, on_error)
        return True

    def run_due(self, max_sends: int | None = None) -> bool:
        """Send the due retries (at most `max_sends`: what the user saw and agreed to)."""
        if self.busy:
            return False

        def work(acts, now) -> BatchOutcome:
            report = acts.run_due(now, who="user", max_sends=max_sends)
            b = BatchOutcome("run-due", [o.address for o in report.outcomes])
            b.errors = [tuple(p.split(": ", 1)) if ": " in p else (p, "") for p in report.problems]
            b.message = run_due_message(report)
            return b

        return self._start("run-due", work)

    def review(self, verb: str, result_ids: list[int]) -> bool:
        """Trust or dismiss bounces waiting for review (`review.trust_results` / `dismiss_results`).

        A trusted bounce is one undoable 'trust' event of its recipient, so `done` lists the
        address once per trusted bounce: undo then reverses each of them.
        """
        if self.busy or not result_ids or verb not in ("trust", "dismiss"):
            return False
        ids = sorted({int(i) for i in result_ids})

        def work(acts, now) -> BatchOutcome:
            from bouncedesk.act.review import dismiss_results, trust_results

            emails = queries.pending_emails(acts.conn, ids)
            out = BatchOutcome(verb)
            try:
                if verb == "trust":
                    res = trust_results(acts.conn, ids, now)
                    out.done = emails
                    out.message = (_t("Actions", "Trusted %n bounce(s)", None, res.count) + " · "
                                   + _t("Actions", "%n recipient(s) changed", None, res.moved))  # fmt: skip
                else:
                    res = dismiss_results(acts.conn, ids, now)
                    out.message = (_t("Actions", "Dismissed %n bounce(s)", None, res.count) + " · "
                                   + _t("Actions", "no recipient changed"))  # fmt: skip
            except BounceDeskError as exc:
                out.errors.append(("", str(exc)))
                out.message = str(exc)
            return out

        return self._start(verb, work)

    def trust_all(self) -> bool:
        """From now on every bounce acts without the check (policy trust = "all"); the waiting ones act now."""
        if self.busy:
            return False

        def work(acts, now) -> BatchOutcome:
            import dataclasses

            from bouncedesk.act.review import recheck_pending
            from bouncedesk.policy.provenance import TRUST_ALL
            from bouncedesk.store.settings import load_policy_settings, save_policy_settings

            settings = load_policy_settings(acts.conn)
            save_policy_settings(acts.conn, dataclasses.replace(settings, trust=TRUST_ALL), now)
            n = recheck_pending(acts.conn, now)
            return BatchOutcome(
                "trust-all",
                message=_t(
                    "Actions", "Bounces now act without the check; %n waiting bounce(s) acted.", None, n
                ),
            )

        return self._start("trust-all", work)

    def undo_last(self) -> bool:
        """Undo the newest batch that can be undone."""
        if self.busy:
            return False
        while self.history and not self.history[-1].undoable:
            self.history.pop()
        if not self.history:
            return False
        batch = self.history.pop()
        self.undoAvailable.emit(bool(self.history))

        def work(acts, now) -> BatchOutcome:
            out = BatchOutcome("undo", undo_of=batch)
            for email in reversed(batch.done):
                try:
                    acts.undo(email, now)
                    out.done.append(email)
                except BounceDeskError as exc:
                    out.errors.append((email, str(exc)))
            return out

        return self._start("undo", work)

    def can_undo(self) -> bool:
        return any(h.undoable for h in self.history)

    def last_undoable(self) -> BatchOutcome | None:
        """The batch Undo would reverse next, or None."""
        return next((h for h in reversed(self.history) if h.undoable), None)

    def remember(self, batch: BatchOutcome) -> None:
        """An action done elsewhere (the contact dialog) joins the undo history."""
        if batch.undoable:
            self.history.append(batch)
            self.undoAvailable.emit(True)

    def _each(self, acts, verb: str, emails: list[str], now: int, **kw) -> BatchOutcome:
        method = {
            "retry": acts.retry_now, "suppress": acts.suppress, "unsuppress": acts.unsuppress, "pause": acts.pause,
            "resume": acts.resume, "mark-resent": acts.mark_resent,
            # The detail pane's "Undo recovery": only a recovery (a reply or a delivery report) is taken back.
            "undo-recovery": lambda email, now: acts.undo(email, now, only=("recovered",)),
        }[verb]  # fmt: skip
        out = BatchOutcome(verb)
        for email in emails:
            try:
                method(email, now, **kw)
                out.done.append(email)
            except BounceDeskError as exc:
                out.errors.append((email, str(exc)))
        return out

    def _start(self, verb: str, work: Callable) -> bool:
        self.busy = True
        self.started.emit(verb)
        factory, clock = self.actions_factory, self.ctx.clock

        def job() -> BatchOutcome:
            acts = factory()
            try:
                return work(acts, clock())
            finally:
                acts.conn.close()

        run_job(self.ctx.pool, job, self._done, self._failed)
        return True

    def _done(self, b: BatchOutcome) -> None:
        self.busy = False
        if not b.message:
            b.message = _message(b)
        for email, why in b.errors[:20]:
            log.warning("%s not done for %s: %s", _LOG_VERBS.get(b.verb, b.verb), email or "—", why)
        if b.done and b.verb != "run-due":
            log.info("%s", done_line(b))
        if b.verb == "run-due" and b.message:
            log.info("run due retries: %s", b.message)
        if b.undoable:
            self.history.append(b)
        self.last = b
        self.undoAvailable.emit(any(h.undoable for h in self.history))
        self.ctx.notify("recipients")
        self.finished.emit(b)

    def _failed(self, message: str) -> None:
        self.busy = False
        b = BatchOutcome("error", message=message)
        b.errors.append(("", message))
        self.last = b
        self.finished.emit(b)
