"""The Bounces page's second search field: the server's words and subjects (FTS5, store/search.py).

The address field keeps searching addresses and domains; this one searches what the servers
wrote and the subjects, as words (the last one may be unfinished). It narrows the list in SQL to
the newest SEARCH_LIMIT matches, so a common word over a million results stays quick; the count
then says "the newest 500" instead of counting every match. A store from before the index is
indexed once, in a worker, the first time someone searches.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLineEdit

from bouncedesk.store import search as fts
from bouncedesk.ui.context import AppContext, open_writer
from bouncedesk.ui.workers import run_job

_t = QCoreApplication.translate  # lupdate: -tr-function-alias translate+=_t


class WordsSearch(QObject):
    """Owns the field; `condition()` is its SQL part of the list's filter."""

    indexing = Signal(str)  # what to show while a first indexing runs ('' when done)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.field = QLineEdit()
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(_t("Lists", "Search the server's words and subjects"))
        self.field.setAccessibleName(_t("Lists", "Search the server's words"))
        self.field.setToolTip(_t("Lists", "Finds the bounces whose server's words or subject contain all these "
                                          "words, e.g. mailbox full (the last one may be the start of a word). "
                                          "Shows the newest 500."))  # fmt: skip
        self.field.setMinimumWidth(240)
        self._catching_up = False

    @property
    def active(self) -> bool:
        return bool(fts.words(self.field.text()))

    def condition(self, column: str = "r.id") -> tuple[str, list] | None:
        return fts.match_condition(self.field.text(), column)

    def ensure_index(self, then: Callable[[], None]) -> bool:
        """True when the index is complete; else index it in a worker, call `then` after, return False."""
        if not self.active or fts.behind(self.ctx.conn) == 0:
            return True
        if not self._catching_up:
            self._catching_up = True
            self.indexing.emit(_t("Lists", "Indexing the server's words of every stored bounce (once)…"))
            path = self.ctx.db_path

            def work() -> int:
                conn = open_writer(path)
                try:
                    return fts.catch_up(conn)
                finally:
                    conn.close()

            def done(_n) -> None:
                self._catching_up = False
                self.indexing.emit("")
                then()

            def failed(message: str) -> None:
                self._catching_up = False
                self.indexing.emit(
                    _t("Lists", "Could not index the server's words: %1").replace("%1", message)
                )

            run_job(self.ctx.pool, work, done, failed)
        return False

    def count_text(self, n: int) -> str:
        if n >= fts.SEARCH_LIMIT:
            return _t("Lists", "the newest %1 matches (there may be more: add a word)").replace(
                "%1", str(fts.SEARCH_LIMIT)
            )
        return _t("Lists", "%n match(es)", None, n)

    def empty_text(self) -> str:
        return _t("Lists", "No stored bounce has these words.")
