"""The in-app log: a logging handler that emits a Qt signal, and the pane that shows its lines.

Records can come from any thread (the sync worker logs too); the signal is queued to the GUI
thread, so the pane only ever touches widgets there. Lines are plain text; never a secret or a
message body (the modules below ui never log those).
"""

from __future__ import annotations

import logging
from collections import deque

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MAX_LINES = 5000
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class _Emitter(QObject):
    record = Signal(int, str)  # level, formatted line


class QtLogHandler(logging.Handler):
    """Formats records and emits them as `lineLogged(level, text)`; keeps the last lines for late views."""

    def __init__(self, level: int = logging.INFO) -> None:
        super().__init__(level)
        self.setFormatter(logging.Formatter(LOG_FORMAT, "%H:%M:%S"))
        self.emitter = _Emitter()
        self.recent: deque[tuple[int, str]] = deque(maxlen=MAX_LINES)

    @property
    def lineLogged(self):  # noqa: N802 (Qt naming for a signal)
        return self.emitter.record

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
        except Exception:
            self.handleError(record)
            return
        self.recent.append((record.levelno, line))
        self.emitter.record.emit(record.levelno, line)


class LogView(QWidget):
    """Layout only: level filter, buttons, and the plain-text log."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Log"))
        self.title.setObjectName("PageTitle")
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Minimum level"))
        for name, lv in ((self.tr("Everything"), logging.DEBUG), (self.tr("Information"), logging.INFO),
                         (self.tr("Warnings"), logging.WARNING), (self.tr("Errors"), logging.ERROR)):  # fmt: skip
            self.level.addItem(name, lv)
        self.level.setCurrentIndex(1)
        self.open_folder = QPushButton(self.tr("Open log folder"))
        self.clear = QPushButton(self.tr("Clear"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(MAX_LINES)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        lab = QLabel(self.tr("Show:"))
        lab.setBuddy(self.level)
        top.addWidget(lab)
        top.addWidget(self.level)
        top.addWidget(self.open_folder)
        top.addWidget(self.clear)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(20, 14, 20, 12)
        lay.addLayout(top)
        lay.addWidget(self.text, 1)


class LogController(QObject):
    """Feeds the view from the handler, filtered by the chosen level."""

    def __init__(self, view: LogView, handler: QtLogHandler, log_dir=None) -> None:
        super().__init__(view)
        self.view = view
        self.handler = handler
        self.log_dir = log_dir
        handler.lineLogged.connect(self._append, Qt.ConnectionType.QueuedConnection)
        view.level.currentIndexChanged.connect(self._refill)
        view.clear.clicked.connect(self._clear)
        view.open_folder.clicked.connect(self._open_folder)
        view.open_folder.setEnabled(log_dir is not None)
        self._refill()

    def detach(self) -> None:
        """Stop feeding this pane (its window is being replaced); the handler lives on."""
        try:
            self.handler.lineLogged.disconnect(self._append)
        except (RuntimeError, TypeError):
            pass

    def _min_level(self) -> int:
        return int(self.view.level.currentData())

    def _append(self, level: int, line: str) -> None:
        if level >= self._min_level():
            self.view.text.appendPlainText(line)

    def _refill(self) -> None:
        self.view.text.clear()
        lv = self._min_level()
        self.view.text.setPlainText("\n".join(line for level, line in self.handler.recent if level >= lv))
        self.scroll_to_newest()

    def scroll_to_newest(self) -> None:
        """The newest line in view, read from its start (a long last line must not scroll the pane right)."""
        t = self.view.text
        op = t.textCursor().MoveOperation
        t.moveCursor(op.End)
        t.moveCursor(op.StartOfLine)
        t.horizontalScrollBar().setValue(0)

    def _clear(self) -> None:
        self.handler.recent.clear()
        self.view.text.clear()

    def _open_folder(self) -> None:
        from PySide6.QtCore import QUrl

        if self.log_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_dir)))

    def lines(self) -> list[str]:
        return self.view.text.toPlainText().splitlines()


def monospace() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
