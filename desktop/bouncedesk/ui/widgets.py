"""Small building blocks the views share: page header, tiles, cards, the undo bar, a table setup.

Labels that can carry a stranger's text (an address in an undo message, an error, a state) are
plain-text labels: Qt would otherwise render anything that looks like HTML as rich text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from bouncedesk.ui import format as fmt


def plain_label(text: str = "") -> QLabel:
    """A QLabel that shows its text literally, never as markup."""
    lab = QLabel()
    lab.setTextFormat(Qt.TextFormat.PlainText)
    lab.setText(text)
    return lab


def page_header(title: str, subtitle: str = "") -> tuple[QWidget, QLabel, QLabel]:
    """A title line with a muted subtitle under it; returns (widget, title label, subtitle label)."""
    w = QWidget()
    lay = QVBoxLayout(w)
    lay.setContentsMargins(0, 0, 0, 4)
    lay.setSpacing(2)
    t = QLabel(title)
    t.setObjectName("PageTitle")
    s = plain_label(subtitle)
    s.setObjectName("Muted")
    s.setWordWrap(True)
    s.setVisible(bool(subtitle))
    lay.addWidget(t)
    lay.addWidget(s)
    return w, t, s


class Tile(QFrame):
    """A number with a caption; clickable when it leads somewhere."""

    clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.value = plain_label("–")
        self.value.setObjectName("TileValue")
        self.caption = QLabel(title)
        self.caption.setObjectName("TileTitle")
        self.caption.setToolTip(title)  # one line, so every tile's number sits at the same height
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(0)
        lay.addWidget(self.value)
        lay.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(title)

    def set_value(self, v: int | str) -> None:
        self.value.setText(fmt.count(v) if isinstance(v, int) else str(v))
        self.setAccessibleDescription(self.value.text())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
        else:
            super().keyPressEvent(event)


class Card(QFrame):
    """A titled box; put content into `body`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.title = QLabel(title)
        self.title.setObjectName("CardTitle")
        self.header = QHBoxLayout()
        self.header.addWidget(self.title)
        self.header.addStretch(1)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 12)
        lay.setSpacing(8)
        lay.addLayout(self.header)
        lay.addLayout(self.body, 1)


class UndoBar(QFrame):
    """ "Suppressed 12 addresses — Undo": shown after an action, hides itself after a while."""

    undoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UndoBar")
        self.text = plain_label()
        self.button = QPushButton(self.tr("Undo"))
        self.button.setToolTip(self.tr("Undo the last action (Ctrl+Z)"))
        self.close_button = QPushButton("✕")
        self.close_button.setFixedWidth(30)
        self.close_button.setAccessibleName(self.tr("Close"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 6, 8, 6)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.button)
        lay.addWidget(self.close_button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        self.button.clicked.connect(self.undoRequested)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, message: str, undoable: bool = True, seconds: int = 12) -> None:
        self.text.setText(message)
        self.button.setVisible(undoable)
        self.show()
        self.raise_()
        self.timer.start(seconds * 1000)


class Overlay(QLabel):
    """A centred muted message over a table ("Loading…", "Nothing here yet")."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("Muted")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setWordWrap(True)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(obj.rect().adjusted(20, 40, -20, -20))
        return False

    def say(self, text: str) -> None:
        self.setText(text)
        self.setGeometry(self.parentWidget().rect().adjusted(20, 40, -20, -20))
        self.setVisible(bool(text))
        self.raise_()


def setup_table(view: QTableView, widths: list[int] | None = None) -> None:
    """Fixed row heights, whole-row multi-selection; never resize rows to contents.

    Sorting is switched on by the caller after it set the sort indicator (turning it on sorts).
    """
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vh = view.verticalHeader()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(max(24, view.fontMetrics().height() + 10))
    vh.hide()
    hh = view.horizontalHeader()
    hh.setHighlightSections(False)
    hh.setStretchLastSection(True)
    hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    if widths:
        for i, w in enumerate(widths):
            if w:
                view.setColumnWidth(i, w)


def hline() -> QFrame:
    f = QFrame()
    f.setFrameShape(QFrame.Shape.HLine)
    f.setObjectName("Muted")
    return f


class Badge(QLabel):
    """A small coloured label (a recipient's state)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(8, 2, 8, 2)

    def set(self, text: str, color: str) -> None:
        self.setText(text)
        self.setStyleSheet(
            f"QLabel {{ color: {color}; border: 1px solid {color}; border-radius: 9px; font-weight: 600; }}"
        )

    def sizeHint(self) -> QSize:
        s = super().sizeHint()
        return QSize(s.width(), max(s.height(), 20))


class ElideDelegate(QStyledItemDelegate):
    """Cuts each column's text where it stays recognisable (an address in the middle, a sentence at
    the end) and shows the whole text as a plain-text tooltip whenever a cell is cut."""

    def __init__(self, modes: dict[int, Qt.TextElideMode], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.modes = modes

    def initStyleOption(self, option, index) -> None:  # noqa: N802 (Qt's naming)
        super().initStyleOption(option, index)
        option.textElideMode = self.modes.get(index.column(), Qt.TextElideMode.ElideRight)

    def helpEvent(self, event, view, option, index) -> bool:  # noqa: N802
        if event is None or view is None or event.type() != QEvent.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        tip = index.data(Qt.ItemDataRole.ToolTipRole)
        if not tip:
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if text and option.fontMetrics.horizontalAdvance(text) > option.rect.width() - 10:
                tip = fmt.plain_tip(text)
        if tip:
            QToolTip.showText(event.globalPos(), tip, view)
            return True
        QToolTip.hideText()
        return True


class ColumnFitter(QObject):
    """Keeps a table's columns readable at any width: every column at least as wide as its header,
    one column (`stretch`) takes the spare width, and on a narrow window the columns with a `drop`
    give way (1 first), so the ones a user acts on stay on screen. A width the user gave a column
    (by dragging, or restored from the last session) is kept."""

    PADDING = 34  # the header's padding and sort arrow

    def __init__(self, view: QTableView, columns, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self.view = view  # (parented to the view by default: it goes when the table goes)
        self.columns = list(columns)
        self.user_widths: dict[int, int] = {}
        self._width = -1
        self._fitting = False
        self._applied: dict[int, int] = {}
        view.setItemDelegate(ElideDelegate({i: c.elide for i, c in enumerate(self.columns)}, view))
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        hh = view.horizontalHeader()
        hh.setStretchLastSection(False)
        hh.setTextElideMode(Qt.TextElideMode.ElideRight)
        hh.sectionResized.connect(self._resized)
        self.fit()

    def _resized(self, i: int, _old: int, new: int) -> None:
        if self._fitting or new <= 0 or i >= len(self.columns):
            return
        self.user_widths[i] = new
        self.fit(force=True)

    def header_width(self, i: int) -> int:
        hh = self.view.horizontalHeader()
        text = str(self.view.model().headerData(i, Qt.Orientation.Horizontal) or "") if self.view.model() else ""
        return hh.fontMetrics().horizontalAdvance(text) + self.PADDING

    def wanted(self, i: int) -> int:
        """The width a column asks for by itself: its preferred width, at least its header's."""
        return max(self.columns[i].width, self.header_width(i))

    def fit(self, force: bool = False) -> None:
        width = self.view.viewport().width()
        if width == self._width and not force:
            return
        self._width = width
        cols = self.columns
        hh = self.view.horizontalHeader()
        for i, w in self._applied.items():  # changed behind our back: restored from the last session
            if hh.sectionSize(i) not in (w, 0) and not self.view.isColumnHidden(i):
                self.user_widths[i] = hh.sectionSize(i)
        shown = set(range(len(cols)))

        def need() -> int:
            return sum(self.user_widths.get(i, self.wanted(i)) for i in shown)

        for i in sorted((i for i, c in enumerate(cols) if c.drop), key=lambda i: cols[i].drop):
            if need() <= width:
                break
            shown.discard(i)
        stretch = next((i for i in sorted(shown) if cols[i].stretch), max(shown))
        widths = {i: self.user_widths.get(i, self.wanted(i)) for i in shown}
        if stretch not in self.user_widths:
            widths[stretch] = max(self.wanted(stretch), width - sum(w for i, w in widths.items() if i != stretch))
        self._fitting = True
        self._applied = {i: widths[i] for i in shown}
        try:
            for i in range(len(cols)):
                self.view.setColumnHidden(i, i not in shown)
                hh.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                if i in shown:
                    self.view.setColumnWidth(i, widths[i])
        finally:
            self._fitting = False

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self._viewport and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            from shiboken6 import isValid

            if isValid(self.view):
                self.fit()
        return False

    def hidden_columns(self) -> list[str]:
        return [c.key for i, c in enumerate(self.columns) if self.view.isColumnHidden(i)]
