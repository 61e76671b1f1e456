"""One-click actions for one or many recipients, and their undo — through `bouncedesk.actions`.

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

VERBS = ("retry", "suppress", "unsuppress", "pause", "resume", "mark-resent", "run-due")
UNDOABLE = ("retry", "suppress", "unsuppress", "pause", "resume", "mark-resent", "contact")


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
        }.get(b.verb, b.verb)
    if b.errors:
        first = b.errors[0][1]
        text += " · " + _t("Actions", "%n not done", None, len(b.errors)) + f": {first}"
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
        # Builds bouncedesk.actions.Actions on a worker's own connection (tests may pass their own).
        self.actions_factory = actions_factory or self._default_actions

    def _default_actions(self):
        from bouncedesk.actions import open_actions

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

    def run_due(self) -> bool:
        if self.busy:
            return False

        def work(acts, now) -> BatchOutcome:
            report = acts.run_due(now, who="user")
            b = BatchOutcome("run-due", [o.address for o in report.outcomes])
            b.errors = [tuple(p.split(": ", 1)) if ": " in p else (p, "") for p in report.problems]
            b.message = _t(
                "Actions", "Due retries: %1 sent, %2 failed, %3 without original, %4 back to active"
            )
            for i, v in enumerate((report.sent, report.failed, report.unavailable, report.settled), start=1):
                b.message = b.message.replace(f"%{i}", str(v))
            return b

        return self._start("run-due", work)

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

    def remember(self, batch: BatchOutcome) -> None:
        """An action done elsewhere (the contact dialog) joins the undo history."""
        if batch.undoable:
            self.history.append(batch)
            self.undoAvailable.emit(True)

    def _each(self, acts, verb: str, emails: list[str], now: int, **kw) -> BatchOutcome:
        method = {
            "retry": acts.retry_now, "suppress": acts.suppress, "unsuppress": acts.unsuppress, "pause": acts.pause,
            "resume": acts.resume, "mark-resent": acts.mark_resent,
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
            log.warning("%s %s: %s", b.verb, email, why)
        if b.done:
            log.info("%s: %d address(es)", b.verb, len(b.done))
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
