"""Corrections in the GUI: "This is really: <reason>" on a bounce, and the Settings tab listing them.

Behaviour only calls bouncedesk.act.corrections (the CLI's API): a suggestion from the bounce's words,
shown and editable; a preview of the recipients whose state would change, confirmed once; apply;
undo. Dialogs open non-modally-blocking (`open()`), so each step can be driven and tested.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.act import corrections as cx
from bouncedesk.errors import BounceDeskError
from bouncedesk.ui import format as fmt
from bouncedesk.ui.context import AppContext

_t = QCoreApplication.translate  # lupdate: -tr-function-alias translate+=_t


def reason_label(key: str) -> str:
    return _t("Corrections", "not a bounce") if key == cx.NOT_A_BOUNCE_KEY else fmt.reason(key)


def reason_choices() -> list[tuple[str, str]]:
    """(label, key) of every reason a bounce can be corrected to, "not a bounce" last."""
    return [(reason_label(k), k) for k in cx.REASONS]


class CorrectionDialog(QDialog):
    """The pattern made from the bounce, for the user to check and edit before anything is saved."""

    def __init__(self, reason: str, pattern: str, host: str, diagnostic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_t("Corrections", "Correct this bounce"))
        self.reason = reason
        intro = QLabel(_t("Corrections", "Bounces whose server words match this pattern will count as: %1. It applies to every "
                          "stored bounce and to new ones.").replace("%1", reason_label(reason)))  # fmt: skip
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        said = QLabel(diagnostic[:500])
        said.setTextFormat(Qt.TextFormat.PlainText)
        said.setWordWrap(True)
        self.pattern = QLineEdit(pattern)
        self.host = QLineEdit(host)
        self.host.setPlaceholderText(_t("Corrections", "any provider"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(_t("Corrections", "The server said:"), said)
        form.addRow(_t("Corrections", "Pattern:"), self.pattern)
        form.addRow(_t("Corrections", "Only at provider:"), self.host)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)


class CorrectionFlow(QObject):
    """One correction from a bounce: edit the pattern → confirm the changes → applied."""

    finished = Signal(str)  # the outcome line ("" when cancelled)

    def __init__(self, ctx: AppContext, parent: QWidget, result_id: int, reason: str) -> None:
        super().__init__(parent)
        self.ctx, self.parent_widget, self.result_id, self.reason = ctx, parent, result_id, reason
        self.confirm: QMessageBox | None = None
        self.plan: cx.Plan | None = None
        try:
            s = cx.suggest(ctx.conn, result_id)
            pattern, host, diag = s.pattern, s.host, s.diagnostic
        except BounceDeskError as exc:
            pattern, host, diag = "", "", str(exc)
        self.dialog = CorrectionDialog(reason, pattern, host, diag, parent)
        self.dialog.buttons.accepted.connect(self._preview)
        self.dialog.rejected.connect(lambda: self.finished.emit(""))

    def start(self) -> None:
        self.dialog.open()

    def _preview(self) -> None:
        d = self.dialog
        try:
            self.plan = cx.plan_correct(self.ctx.conn, self.ctx.data_dir, self.result_id, self.reason, self.ctx.now(),
                                        pattern=d.pattern.text(), host=d.host.text())  # fmt: skip
        except BounceDeskError as exc:
            d.error.setText(str(exc))
            return
        d.accept()
        self.confirm = confirm_box(self.parent_widget, self.plan)
        self.confirm.accepted.connect(self._apply)
        self.confirm.rejected.connect(lambda: self.finished.emit(""))
        self.confirm.open()

    def _apply(self) -> None:
        assert self.plan is not None
        self.finished.emit(apply(self.ctx, self.plan))


def changes_text(plan: cx.Plan) -> str:
    n = len(plan.changes)
    head = _t("Corrections", "No recipient changes state.") if not n else _t("Corrections", "%1 recipient(s) change:").replace("%1", str(n))
    lines = [f"{c.email}: {fmt.state(c.before)} → {fmt.state(c.after)}" for c in plan.changes[:30]]
    if n > 30:
        lines.append(_t("Corrections", "… and %1 more").replace("%1", str(n - 30)))
    return "\n".join([head, *lines])


def confirm_box(parent: QWidget, plan: cx.Plan) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Question, _t("Corrections", "Apply this correction?"), changes_text(plan),
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent)  # fmt: skip
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Ok).setText(_t("Corrections", "Apply"))
    return box


def apply(ctx: AppContext, plan: cx.Plan) -> str:
    try:
        done = cx.apply_plan(ctx.conn, ctx.data_dir, plan, ctx.now())
    except BounceDeskError as exc:
        return str(exc)
    ctx.notify("recipients")
    return done.message


class CorrectionsTab(QWidget):
    """Settings → Corrections: the user's rules with how many stored bounces each matches."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.flow_box: QMessageBox | None = None
        note = QLabel(_t("Corrections", "Your corrections: bounces whose server words match a pattern count as the reason you "
                         "chose. Right-click a bounce and choose “This is really” to add one."))  # fmt: skip
        note.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_t("Corrections", "Pattern"), _t("Corrections", "Provider"), _t("Corrections", "Reason"), _t("Corrections", "Created"),
                                              _t("Corrections", "Matches")])  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setColumnWidth(0, 300)
        self.save_edit = QPushButton(_t("Corrections", "Save changes"))
        self.delete = QPushButton(_t("Corrections", "Delete"))
        self.export = QPushButton(_t("Corrections", "Export…"))
        self.import_ = QPushButton(_t("Corrections", "Import…"))
        self.undo = QPushButton(_t("Corrections", "Undo last correction"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        for b in (self.save_edit, self.delete, self.export, self.import_, self.undo):
            row.addWidget(b)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(self.table, 1)
        lay.addLayout(row)
        lay.addWidget(self.status)
        self.save_edit.clicked.connect(self._save_edit)
        self.delete.clicked.connect(self._delete)
        self.export.clicked.connect(self._export)
        self.import_.clicked.connect(self._import)
        self.undo.clicked.connect(self._undo)
        self.rules: list[cx.UserRule] = []
        self.refresh()

    def refresh(self) -> None:
        self.rules = cx.list_rules(self.ctx.conn, self.ctx.data_dir)
        self.table.setRowCount(len(self.rules))
        for i, r in enumerate(self.rules):
            cells = [r.pattern, r.host, reason_label(r.reason), fmt_time(r.created), str(r.matches)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j >= 2:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(i, j, item)
        for j in (2, 3, 4):  # reason, date and count in full; the pattern keeps its width
            self.table.resizeColumnToContents(j)
        self.undo.setEnabled(bool(cx.can_undo(self.ctx.conn)))

    def _row(self) -> cx.UserRule | None:
        i = self.table.currentRow()
        return self.rules[i] if 0 <= i < len(self.rules) else None

    def _run(self, make_plan, *, undo: bool = False) -> None:
        try:
            plan = make_plan()
        except BounceDeskError as exc:
            self.status.setText(str(exc))
            return
        self.flow_box = confirm_box(self, plan)

        def go() -> None:
            if undo:
                try:
                    msg = cx.undo_last(self.ctx.conn, self.ctx.data_dir, self.ctx.now()).message
                    self.ctx.notify("recipients")
                except BounceDeskError as exc:
                    msg = str(exc)
            else:
                msg = apply(self.ctx, plan)
            self.status.setText(msg)
            self.refresh()

        self.flow_box.accepted.connect(go)
        self.flow_box.open()

    def _save_edit(self) -> None:
        r = self._row()
        if r is None:
            return
        i = self.table.currentRow()
        pattern, host = self.table.item(i, 0).text(), self.table.item(i, 1).text()
        self._run(lambda: cx.plan_update(self.ctx.conn, self.ctx.data_dir, r.id, self.ctx.now(), pattern=pattern,
                                         host=host))  # fmt: skip

    def _delete(self) -> None:
        r = self._row()
        if r is not None:
            self._run(lambda: cx.plan_remove(self.ctx.conn, self.ctx.data_dir, r.id, self.ctx.now()))

    def _undo(self) -> None:
        self._run(lambda: cx.plan_undo(self.ctx.conn, self.ctx.data_dir, self.ctx.now()), undo=True)

    def _export(self, path: str | None = None) -> None:
        path = path or QFileDialog.getSaveFileName(self, _t("Corrections", "Export corrections"), "corrections.json", "JSON (*.json)")[0]
        if path:
            try:
                n = cx.export_rules(self.ctx.data_dir, path)
                self.status.setText(_t("Corrections", "Wrote %1 correction(s) to %2").replace("%1", str(n)).replace("%2", path))
            except BounceDeskError as exc:
                self.status.setText(str(exc))

    def _import(self, path: str | None = None) -> None:
        path = path or QFileDialog.getOpenFileName(self, _t("Corrections", "Import corrections"), "", "JSON (*.json)")[0]
        if path:
            self._run(lambda: cx.plan_import(self.ctx.conn, self.ctx.data_dir, path, self.ctx.now()))


def fmt_time(at: int) -> str:
    if not at:
        return ""
    from datetime import datetime

    return datetime.fromtimestamp(at).strftime("%Y-%m-%d %H:%M")
