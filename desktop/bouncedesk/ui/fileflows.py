"""Files in and out of the GUI: a dropped or chosen mailing list is checked or scrubbed, bounces
and suppression lists are imported, suppressions exported — each in a worker, with one line on
the outcome."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from bouncedesk.lists.exports import write_export
from bouncedesk.lists.listformats import FORMATS
from bouncedesk.lists.listformats import read_file as read_list_file
from bouncedesk.ui import files
from bouncedesk.ui.context import open_writer
from bouncedesk.ui.dialogs.listcheck import ListCheckDialog
from bouncedesk.ui.workers import run_job

log = logging.getLogger(__name__)
_t = QCoreApplication.translate  # lupdate: -tr-function-alias translate+=_t
LIST_PAGES = ("retries", "recipients", "bounces", "review", "suppressions")


class FileFlows:
    """Files in and out of the GUI: a dropped or chosen mailing list is checked or scrubbed, bounces and
    suppression lists are imported, suppressions exported — each in a worker, with one line on the
    outcome. Mixed into `MainController`, which holds the context, the window, the pages and the
    status line."""

    def files_dropped(self, paths: list[str]) -> None:
        lists = [p for p in paths if files.looks_like_list(p)]
        mail = [p for p in paths if not files.looks_like_list(p)]
        for p in lists:
            self.offer_list_choice(p)
        if mail:
            self.import_bounces(mail)

    def offer_list_choice(self, path: str) -> None:
        """A dropped list: check it (a report first) or scrub it (a cleaned copy next to it)."""
        box = QMessageBox(QMessageBox.Icon.Question, _t("MainController", "Mailing list"),
                          _t("MainController", "What should BounceDesk do with %1?").replace("%1", Path(path).name),
                          QMessageBox.StandardButton.NoButton, self.w)  # fmt: skip
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(
            _t("MainController", "Check: count suppressed, bounced, invalid, mistyped and repeated addresses per "
               "provider first. Scrub: save a cleaned copy next to it right away.")
        )  # fmt: skip
        box.check_button = box.addButton(_t("MainController", "Check"), QMessageBox.ButtonRole.AcceptRole)
        box.scrub_button = box.addButton(_t("MainController", "Scrub"), QMessageBox.ButtonRole.ActionRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(box.check_button)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(b) -> None:
            if b is box.check_button:
                self.check_list(path)
            elif b is box.scrub_button:
                self.scrub(path, files.scrubbed_name(path))

        box.buttonClicked.connect(chosen)
        self.list_choice = box
        box.open()

    def demo_folder(self) -> str:
        """Where file dialogs open: in the demo, its folder with the files to try (demo.userfiles)."""
        return str(self.ctx.data_dir) if self.ctx.demo else ""

    def check_list_dialog(self) -> None:
        src, _f = QFileDialog.getOpenFileName(
            self.w,
            _t("MainController", "Mailing list to check"),
            self.demo_folder(),
            _t("MainController", "CSV files (*.csv *.txt)"),
        )
        if src:
            self.check_list(src)

    def check_list(self, src: str) -> None:
        """Check `src` on a worker, then show the result dialog (self.list_check_dialog)."""
        db, now = self.ctx.db_path, self.ctx.now()
        self.status(_t("MainController", "Checking the list…"), ms=0)

        def done(report) -> None:
            self.status(_t("MainController", "Checked %n address(es).", None, report.addresses))
            dlg = ListCheckDialog(report, Path(src).name, self.w)
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.saveRequested.connect(lambda drop: self._save_checked_list(src, drop))
            self.list_check_dialog = dlg
            dlg.open()

        run_job(self.ctx.pool, lambda: files.check_list(db, src, now), done, self._file_failed)

    def _save_checked_list(self, src: str, drop_invalid: bool) -> None:
        dst, _f = QFileDialog.getSaveFileName(
            self.w, _t("MainController", "Save the cleaned list as"), files.scrubbed_name(src), "CSV (*.csv)"
        )
        if not dst:
            return
        db, now = self.ctx.db_path, self.ctx.now()

        def done(report) -> None:
            msg = (
                _t("MainController", "Cleaned list saved to %1: kept %2 of %3 rows, removed %4.")
                .replace("%1", dst).replace("%2", str(report.kept)).replace("%3", str(report.rows))
                .replace("%4", str(report.dropped))
            )  # fmt: skip
            self.last_file_result = msg
            self.status(msg, ms=15000)
            log.info("checked and cleaned %s → %s: kept %d of %d", src, dst, report.kept, report.rows)

        run_job(self.ctx.pool, lambda: files.check_list(db, src, now, dst, drop_invalid), done, self._file_failed)

    def scrub_dialog(self) -> None:
        src, _f = QFileDialog.getOpenFileName(
            self.w,
            _t("MainController", "Mailing list to scrub"),
            "",
            _t("MainController", "CSV files (*.csv *.txt)"),
        )
        if not src:
            return
        dst, _f = QFileDialog.getSaveFileName(
            self.w, _t("MainController", "Save the cleaned list as"), files.scrubbed_name(src), "CSV (*.csv)"
        )
        if dst:
            self.scrub(src, dst)

    def scrub(self, src: str, dst: str) -> None:
        db = self.ctx.db_path

        def done(report) -> None:
            msg = (
                _t("MainController", "Cleaned list saved to %1: kept %2 of %3 rows, removed %4.")
                .replace("%1", dst).replace("%2", str(report.kept)).replace("%3", str(report.rows))
                .replace("%4", str(len(report.dropped)))
            )  # fmt: skip
            self.last_file_result = msg
            self.status(msg, ms=15000)
            log.info("scrubbed %s → %s: kept %d of %d", src, dst, report.kept, report.rows)

        run_job(self.ctx.pool, lambda: files.scrub(db, src, dst), done, self._file_failed)

    def import_bounces_dialog(self) -> None:
        paths, _f = QFileDialog.getOpenFileNames(self.w, _t("MainController", "Bounce messages to import"))
        if paths:
            self.import_bounces(paths)

    def import_bounces(self, paths: list[str]) -> None:
        db, now = self.ctx.db_path, self.ctx.now()
        self.status(_t("MainController", "Importing…"), ms=0)

        def done(counts: dict) -> None:
            msg = _t("MainController", "Imported %1 message(s): %2 new, %3 bounce(s).")
            msg = msg.replace("%1", str(counts.get("messages", 0))).replace("%2", str(counts.get("new", 0)))
            msg = msg.replace("%3", str(counts.get("bounces", 0)))
            self.last_file_result = msg
            self.status(msg)
            self.ctx.notify("results")

        run_job(self.ctx.pool, lambda: files.import_bounces(db, paths, now), done, self._file_failed)

    def import_suppressions(self, path: str | None = None) -> None:
        if not path:
            path, _f = QFileDialog.getOpenFileName(
                self.w,
                _t("MainController", "Addresses to suppress"),
                self.demo_folder(),
                _t("MainController", "Text or CSV (*.txt *.csv)"),
            )
        if not path:
            return
        try:  # a plain list of addresses, or a mailing tool's export, found from its columns
            fmt, entries = read_list_file(path)
        except Exception as exc:  # our InputError or an OS error: one line
            self._file_failed(str(exc))
            return
        self.hub.import_list(entries, Path(path).name if fmt.key == "plain" else fmt.name)

    def export_formats(self) -> list[tuple[str, str]]:
        """(format key, file-dialog filter) for Export…: ours first, then each mailing tool's."""
        tools = [(k, f"{f.name} (*.csv)") for k, f in FORMATS.items() if k != "plain"]
        return [("csv", _t("MainController", "CSV, every column (*.csv)")),
                ("json", _t("MainController", "JSON, every column (*.json)")), *tools,
                ("plain", _t("MainController", "Plain list, one address a line (*.txt)"))]  # fmt: skip

    def export_suppressions(self, path: str | None = None, fmt: str = "csv", include_inactive: bool = False) -> None:
        if not path:
            choices = self.export_formats()
            path, chosen = QFileDialog.getSaveFileName(
                self.w, _t("MainController", "Export suppressions"), "suppressions.csv",
                ";;".join(f for _k, f in choices),
            )  # fmt: skip
            fmt = next((k for k, f in choices if f == chosen), "csv")
        if not path:
            return
        db, now = self.ctx.db_path, self.ctx.now()

        def done(n: int) -> None:
            msg = _t("MainController", "%n address(es) exported to %1.", None, n).replace("%1", path)
            self.last_file_result = msg
            self.status(msg)

        if fmt == "csv" and not include_inactive:
            job = lambda: files.export_suppressions(db, path, now)  # noqa: E731
        else:
            def job() -> int:
                conn = open_writer(db)
                try:
                    return write_export(conn, "suppressions", fmt, path, now, include_inactive=include_inactive)
                finally:
                    conn.close()
        run_job(self.ctx.pool, job, done, self._file_failed)

    def _file_failed(self, message: str) -> None:
        self.last_file_result = message
        self.status(message, error=True)
