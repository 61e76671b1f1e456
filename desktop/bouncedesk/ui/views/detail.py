"""The detail pane beside every list: who, why (code and plain words, en/de), what next, the
server's own words, a timeline, the contact details and the raw bounce.

The raw bounce is shown in a QPlainTextEdit only: never rendered as HTML, so no remote content
and no markup from a stranger's server ever reaches a renderer.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.act.review import review_label
from bouncedesk.policy.provenance import REVIEW_PENDING, describe_evidence
from bouncedesk.policy.story import recovery_text, tell_result
from bouncedesk.store.queries import recipient_timeline
from bouncedesk.store.recipients import get_recipient
from bouncedesk.store.recovery import last_recovery
from bouncedesk.store.settings import load_policy_settings
from bouncedesk.ui import format as fmt
from bouncedesk.ui import queries, theme
from bouncedesk.ui.context import AppContext
from bouncedesk.ui.widgets import Badge


def _plain_label(text: str = "", *, muted: bool = False, bold: bool = False) -> QLabel:
    lab = QLabel(text)
    lab.setTextFormat(Qt.TextFormat.PlainText)  # server text is never interpreted as markup
    lab.setWordWrap(True)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        lab.setObjectName("Muted")
    if bold:
        f = lab.font()
        f.setBold(True)
        lab.setFont(f)
    return lab


def provenance_line(conn: sqlite3.Connection, result_id: int, lang: str) -> tuple[str, bool]:
    """The detail pane's line for a bounce: its trust or review label, then what ties it to our mail;
    and whether it waits for review (then it changes nothing, and "What to do" says so)."""
    row = conn.execute(
        "SELECT r.trust, r.review, r.evidence, coalesce(r.email, ''), s.subject, s.sent_at FROM results r"
        " LEFT JOIN sent_messages s ON s.id = r.sent_id WHERE r.id = ?",
        (result_id,),
    ).fetchone()
    if row is None or not row[2]:
        return "", False
    trust, review, code, email, subject, sent_at = tuple(row)
    date = fmt.local_date(sent_at) if sent_at is not None else None
    sentence = describe_evidence(code, lang, subject=subject or None, date=date, email=email or None)
    if code == "legacy":
        return sentence, False
    label = review_label(review or "", trust or "", lang)
    return f"{label[:1].upper()}{label[1:]} — {sentence}", review == REVIEW_PENDING


class DetailView(QWidget):
    """Layout only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(340)
        self.empty = _plain_label(self.tr("Select a row to see why it bounced and what to do."), muted=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.email = _plain_label(bold=True)
        f = self.email.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.email.setFont(f)
        self.badge = Badge()
        self.summary = _plain_label(muted=True)
        self.evidence = _plain_label()  # what ties the bounce to our mail, and its trust/review label
        # When and why the recipient recovered (a reply or a delivery report), and taking it back.
        self.recovered = _plain_label()
        self.recovered.setObjectName("RecoveredLine")
        self.undo_recovery_button = QPushButton(self.tr("Undo recovery"))
        self.undo_recovery_button.setToolTip(self.tr("Put the recipient back as it was before this recovery"))
        self.recovery_row = QWidget()
        rr = QHBoxLayout(self.recovery_row)
        rr.setContentsMargins(0, 0, 0, 0)
        rr.addWidget(self.recovered, 1)
        rr.addWidget(self.undo_recovery_button, 0, Qt.AlignmentFlag.AlignTop)
        self.recovery_row.hide()
        self.evidence.setAccessibleName(self.tr("Is this bounce about your mail?"))
        head = QHBoxLayout()
        head.addWidget(self.email, 1)
        head.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)

        self.code = _plain_label(bold=True)
        self.explanation = _plain_label()
        self.next_title = _plain_label(self.tr("What to do"), bold=True)
        self.next = _plain_label()
        self.server_title = _plain_label(self.tr("What the server said"), bold=True)
        self.diagnostic = QPlainTextEdit()
        self.diagnostic.setReadOnly(True)
        self.diagnostic.setMaximumHeight(90)
        self.diagnostic.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diagnostic.setAccessibleName(self.tr("What the server said"))

        self.contact_button = QPushButton(self.tr("Contact…"))
        self.contact_button.setToolTip(self.tr("Reach this person another way (Ctrl+K)"))

        overview = QWidget()
        ov = QVBoxLayout(overview)
        ov.setContentsMargins(12, 10, 12, 10)
        ov.addWidget(self.code)
        ov.addWidget(self.explanation)
        ov.addSpacing(6)
        ov.addWidget(self.next_title)
        ov.addWidget(self.next)
        ov.addSpacing(6)
        ov.addWidget(self.server_title)
        ov.addWidget(self.diagnostic)
        self.contact_box = QWidget()
        cf = QFormLayout(self.contact_box)
        cf.setContentsMargins(0, 6, 0, 0)
        self.alt_email = _plain_label()
        self.phone = _plain_label()
        self.note = _plain_label()
        cf.addRow(self.tr("Other e-mail:"), self.alt_email)
        cf.addRow(self.tr("Phone:"), self.phone)
        cf.addRow(self.tr("Note:"), self.note)
        ov.addWidget(self.contact_box)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.contact_button)
        ov.addLayout(row)
        ov.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(overview)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setHeaderLabels([self.tr("When"), self.tr("What")])
        th = self.timeline.header()
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        th.setStretchLastSection(True)

        self.raw = QPlainTextEdit()
        self.raw.setReadOnly(True)
        self.raw.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.raw.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.raw.setAccessibleName(self.tr("Raw bounce message"))

        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, self.tr("Why"))
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.raw, self.tr("Raw message"))

        self.content = QWidget()
        cl = QVBoxLayout(self.content)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addLayout(head)
        cl.addWidget(self.summary)
        cl.addWidget(self.recovery_row)
        cl.addWidget(self.evidence)
        cl.addWidget(self.tabs, 1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 0, 0, 0)
        lay.addWidget(self.empty, 1)
        lay.addWidget(self.content, 1)
        self.content.hide()


class DetailController(QObject):
    """Fills the pane for a recipient (and optionally one of its results)."""

    contactRequested = Signal(int)  # recipient id
    actionRequested = Signal(str, list)  # verb ("undo-recovery"), recipient ids

    def __init__(self, ctx: AppContext, view: DetailView) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.recipient_id: int | None = None
        self.result_id: int | None = None
        self._message_id: int | None = None
        self._raw_loaded = False
        view.tabs.currentChanged.connect(self._tab_changed)
        view.contact_button.clicked.connect(self._contact)
        view.undo_recovery_button.clicked.connect(self._undo_recovery)

    def clear(self) -> None:
        self.recipient_id = self.result_id = self._message_id = None
        self.view.content.hide()
        self.view.empty.show()

    def show(self, recipient_id: int | None, result_id: int | None = None) -> None:
        conn = self.ctx.conn
        lang = self.ctx.language
        res = queries.result_detail(conn, result_id) if result_id else None
        if recipient_id is None and res is not None:
            recipient_id = res.recipient_id
        rec = get_recipient(conn, int(recipient_id)) if recipient_id is not None else None
        if rec is None and res is None:
            self.clear()
            return
        if res is None and rec is not None:
            res = queries.latest_result(conn, rec.id)
        self.recipient_id = rec.id if rec else None
        self.result_id = res.id if res else None
        self._message_id = res.message_id if res else None
        v = self.view
        settings = load_policy_settings(conn)
        v.empty.hide()
        v.content.show()
        v.email.setText(rec.email if rec else (res.email if res else ""))
        if rec is not None:
            v.badge.show()
            v.badge.set(fmt.state(rec.state), theme.state_color(rec.state).name())
            v.summary.setText(self._summary(rec, settings.max_attempts))
        else:
            v.badge.hide()
            v.summary.setText("")
        v.summary.setVisible(bool(v.summary.text()))  # a waiting bounce has no recipient yet: no blank line
        self._show_recovery(rec)
        line, waiting = provenance_line(conn, res.id, lang) if res else ("", False)
        v.evidence.setText(line)
        v.evidence.setVisible(bool(line))
        status = (res.status if res else None) or (rec.last_status if rec else "") or ""
        reason = (res.reason if res else None) or (rec.last_reason if rec else "") or ""
        # One story (policy.story): the headline, the meaning and the real next step from the policy's
        # decision and the recipient's state; a bounce waiting for review changes nothing and says so.
        review = REVIEW_PENDING if waiting else (self._review(res.id) if res else "")
        kind = res.kind if res else ("bounce" if rec is not None and rec.last_kind else "")
        story = tell_result(
            kind, status, reason, bool(res.hard) if res else False,
            rec.policy if rec else None, self.ctx.now(), lang, settings,
            side=res.side if res else "unknown", action_hint=res.action_hint if res else "none", review=review,
        )  # fmt: skip
        v.code.setText(story.headline)
        v.explanation.setText(story.explanation)
        nxt = story.next_step
        v.next_title.setVisible(bool(nxt))
        v.next.setText(nxt)
        diag = res.diagnostic if res else ""
        v.server_title.setVisible(bool(diag))
        v.diagnostic.setVisible(bool(diag))
        v.diagnostic.setPlainText(diag)
        info = queries.contact_info(conn, rec.id) if rec else {"alt_email": "", "phone": "", "note": ""}
        v.alt_email.setText(info["alt_email"] or "—")
        v.phone.setText(info["phone"] or "—")
        v.note.setText(info["note"] or "—")
        v.contact_button.setEnabled(rec is not None)
        self._fill_timeline(rec.id if rec else None)
        self._raw_loaded = False
        v.raw.clear()
        if v.tabs.currentWidget() is v.raw:
            self._load_raw()

    def _review(self, result_id: int) -> str:
        row = self.ctx.conn.execute("SELECT review FROM results WHERE id = ?", (result_id,)).fetchone()
        return (row[0] or "") if row else ""

    def _summary(self, rec, max_attempts: int) -> str:
        parts = []
        if rec.state == "retrying" and rec.policy.next_retry_at:
            parts.append(
                self.tr("Retry %1 · due %2")
                .replace("%1", fmt.attempt_of(rec.policy.attempts, max_attempts))
                .replace("%2", f"{fmt.local_time(rec.policy.next_retry_at)} "
                               f"({fmt.relative(rec.policy.next_retry_at, self.ctx.now())})")
            )  # fmt: skip
        parts.append(self.tr("%n bounce(s)", "", rec.bounces))
        if rec.last_seen_at:
            parts.append(self.tr("last seen %1").replace("%1", fmt.local_time(rec.last_seen_at)))
        return " · ".join(parts)

    def _fill_timeline(self, recipient_id: int | None) -> None:
        tl = self.view.timeline
        tl.clear()
        if recipient_id is None:
            return
        items = []
        for row in recipient_timeline(self.ctx.conn, recipient_id, limit=200):
            when = fmt.local_time(row["at"])
            if row["type"] == "result":
                what = fmt.kind(row["kind"]).capitalize()
                details = " ".join(x for x in (row["status"], fmt.reason(row["reason"])) if x)
            else:
                what = self._event_label(row["action"], row["actor"])
                details = row["why"] or ""
                if row.get("to_state") and row.get("from_state") != row.get("to_state"):
                    details = f"{fmt.state(row['from_state'])} → {fmt.state(row['to_state'])}" + (
                        f" · {details}" if details else ""
                    )
                if row.get("undone"):
                    what += " " + self.tr("(undone)")
            item = QTreeWidgetItem([when, f"{what} · {details}" if details else what])
            item.setToolTip(1, fmt.plain_tip(f"{what}\n{details}" if details else what) or "")
            item.setData(1, Qt.ItemDataRole.UserRole, what)
            items.append(item)
        tl.addTopLevelItems(items)

    def _event_label(self, action: str, actor: str) -> str:
        labels = {
            "suppress": self.tr("Suppressed"), "unsuppress": self.tr("Unsuppressed"), "pause": self.tr("Paused"),
            "resume": self.tr("Resumed"), "retry-sent": self.tr("Retry sent"), "undo": self.tr("Undone"),
            "retry-scheduled": self.tr("Retry scheduled"), "suppressed": self.tr("Suppressed"),
            "unsuppressed": self.tr("Unsuppressed"), "paused": self.tr("Paused"), "resumed": self.tr("Resumed"),
            "inactive": self.tr("Marked inactive"), "recovered": self.tr("Active again"),
            "contact": self.tr("Contacted"), "contact-failed": self.tr("Contact failed"),
            "contact-info": self.tr("Contact details changed"), "sender-alert": self.tr("Sender-side alert"),
            "frequent": self.tr("Frequent bouncer"), "waiting": self.tr("Waiting (auto-reply)"),
            "recorded": self.tr("Recorded"), "retry-failed": self.tr("Retry failed"),
            "retry-unavailable": self.tr("Original unavailable"), "retry-unknown": self.tr("Retry outcome unknown"),
        }  # fmt: skip
        text = ", ".join(labels.get(a, a) for a in action.split("+"))
        if actor == "user":
            return text
        by = {"policy": self.tr("automatic"), "recovery": self.tr("automatic"), "run-due": self.tr("scheduled run"),
              "scheduler": self.tr("scheduled run")}.get(actor, actor)  # fmt: skip
        return f"{text} ({by})"

    def _tab_changed(self, index: int) -> None:
        if self.view.tabs.widget(index) is self.view.raw and not self._raw_loaded:
            self._load_raw()

    def _load_raw(self) -> None:
        self._raw_loaded = True
        if self._message_id is None:
            self.view.raw.setPlainText(self.tr("No stored message."))
            return
        self.view.raw.setPlainText(queries.raw_message_text(self.ctx.conn, self._message_id))

    def _contact(self) -> None:
        if self.recipient_id is not None:
            self.contactRequested.emit(self.recipient_id)

    def _show_recovery(self, rec) -> None:
        """'Recovered on …: …' while the recipient is active after a recovery by a reply or a delivery
        report (policy.story.recovery_text), with the button that takes it back."""
        found = last_recovery(self.ctx.conn, rec.id) if rec is not None and rec.state == "active" else None
        v = self.view
        v.recovered.setText(recovery_text(found[0], found[1], self.ctx.now(), self.ctx.language) if found else "")
        v.recovery_row.setVisible(found is not None)

    def _undo_recovery(self) -> None:
        if self.recipient_id is not None:
            self.actionRequested.emit("undo-recovery", [self.recipient_id])
