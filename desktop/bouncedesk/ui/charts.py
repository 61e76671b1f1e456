"""The dashboard's charts: bounces per day stacked by kind, the bounce rate, and breakdown bars.

The daily chart is pyqtgraph (a DateAxisItem on epoch seconds, one BarGraphItem per kind with
`y0` as the stacked base); it is fed from the daily rollup, never from a GROUP BY over results.
Breakdowns are a small painted widget: label, proportional bar, count — each row clickable, so
the dashboard can open the matching list.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from bouncedesk.ui import theme
from bouncedesk.ui.format import plain_tip
from bouncedesk.ui.queries import DailySeries

DAY = 86400


def _month(ts: float, long: bool = False) -> str:
    """The month of a UTC day in the UI's language ("Dez." in German), as QLocale names it."""
    from datetime import UTC, datetime

    from PySide6.QtCore import QLocale

    d = datetime.fromtimestamp(ts, UTC)
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().standaloneMonthName(d.month, fmt)


def day_tick_label(ts: float, first: bool = False) -> str:
    """A tick under a day: its number; the month's name at the start of a month (and on the first tick)."""
    from datetime import UTC, datetime

    from PySide6.QtCore import QLocale

    d = datetime.fromtimestamp(ts, UTC)
    if d.day == 1 or first:
        day = f"{d.day}." if QLocale().language() == QLocale.Language.German else str(d.day)
        return f"{day} {_month(ts)}"
    return str(d.day)


class DayAxis(pg.AxisItem):
    """Days on epoch seconds (UTC): day numbers with the month named where a month starts, in the
    UI's language; on long ranges one tick per month ("Dez.", "Jan 2026")."""

    def __init__(self, **kw) -> None:
        super().__init__(orientation="bottom", **kw)
        self._months = False

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 (pyqtgraph's naming)
        from datetime import UTC, datetime

        if maxVal <= minVal:
            return []
        first = int(minVal // DAY) * DAY
        days = int((maxVal - first) // DAY) + 1
        px_per_day = size / max(1.0, (maxVal - minVal) / DAY)
        starts = [first + i * DAY for i in range(days + 1) if minVal <= first + i * DAY + DAY / 2 <= maxVal]
        self._months = px_per_day * 7 < 46  # a week is too narrow for a label: name the months only
        if self._months:
            ticks = [t for t in starts if datetime.fromtimestamp(t, UTC).day == 1]
        else:
            step = next(n for n in (1, 2, 7, 14) if n * px_per_day >= 46 or n == 14)
            ticks = [t for t in starts if datetime.fromtimestamp(t, UTC).day == 1
                     or (step < 7 and (t - first) // DAY % step == 0)
                     or (step >= 7 and datetime.fromtimestamp(t, UTC).day in ((8, 15, 22) if step == 7 else (15,)))]
            # keep labels apart: drop a tick that would crowd the month start before it
            kept: list[int] = []
            for t in ticks:
                if kept and (t - kept[-1]) / DAY * px_per_day < 40:
                    if datetime.fromtimestamp(t, UTC).day == 1:
                        kept[-1] = t
                    continue
                kept.append(t)
            ticks = kept
        return [(DAY, [t + DAY / 2 for t in ticks])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        from datetime import UTC, datetime

        out = []
        for i, v in enumerate(values):
            start = v - DAY / 2
            if self._months:
                d = datetime.fromtimestamp(start, UTC)
                out.append(f"{_month(start)} {d.year}" if d.month == 1 else _month(start))
            else:
                out.append(day_tick_label(start, first=i == 0))
        return out


def _integer_ticks(axis: pg.AxisItem, top: float) -> None:
    """Counts are whole numbers: ticks at 1, 2, 5, 10, … steps (never "0.5 bounces")."""
    raw = max(1.0, top / 4)
    mag = 10 ** int(np.floor(np.log10(raw)))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    axis.setTickSpacing(step, step)


class DailyBarsChart(pg.PlotWidget):
    """Bounces per day, stacked hard / soft / complaint / delay; click a day to see its bounces."""

    dayClicked = Signal(int)  # day start, epoch seconds

    def __init__(self, labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axisItems={"bottom": DayAxis()})
        self.labels = labels
        self.series: DailySeries | None = None
        self._bars: dict[str, pg.BarGraphItem] = {}
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.showGrid(x=False, y=True, alpha=0.15)
        self.getPlotItem().getViewBox().setDefaultPadding(0.02)
        self.setMinimumHeight(200)
        for kind in theme.KIND_ORDER:
            item = pg.BarGraphItem(x=[], height=[], width=0.8 * DAY, brush=theme.kind_color(kind), pen=None)
            self._bars[kind] = item
            self.addItem(item)
        self.scene().sigMouseMoved.connect(self._hover)
        self.scene().sigMouseClicked.connect(self._click)

    def set_series(self, series: DailySeries) -> None:
        self.series = series
        base = np.zeros(len(series.days), dtype=float)
        centers = series.days.astype(float) + DAY / 2
        for kind in theme.KIND_ORDER:
            h = series.counts.get(kind, np.zeros(len(series.days))).astype(float)
            self._bars[kind].setOpts(x=centers, height=h, y0=base.copy(), width=0.8 * DAY)
            base = base + h
        top = float(base.max()) if len(base) else 0.0
        if len(series.days):
            self.setXRange(float(series.days[0]), float(series.days[-1] + DAY), padding=0.01)
        self.setYRange(0, max(top * 1.1, 4.0), padding=0)
        _integer_ticks(self.getAxis("left"), max(top * 1.1, 4.0))

    def bar_heights(self, kind: str) -> np.ndarray:
        """What the chart shows for one kind (tests compare it with the store)."""
        opts = self._bars[kind].opts
        h = opts.get("height")
        return np.asarray([] if h is None else h, dtype=float)

    def _day_at(self, scene_pos) -> int | None:
        if self.series is None or not len(self.series.days):
            return None
        vb = self.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = vb.mapSceneToView(scene_pos).x()
        i = int((x - float(self.series.days[0])) // DAY)
        return i if 0 <= i < len(self.series.days) else None

    def _hover(self, pos) -> None:
        i = self._day_at(pos)
        if i is None or self.series is None:
            QToolTip.hideText()
            return
        day = int(self.series.days[i])
        from datetime import UTC, datetime

        lines = [datetime.fromtimestamp(day, UTC).strftime("%Y-%m-%d")]
        for kind in theme.KIND_ORDER:
            n = (
                int(self.series.counts.get(kind, np.zeros(1, dtype=int))[i])
                if kind in self.series.counts
                else 0
            )
            if n:
                lines.append(f"{self.labels.get(kind, kind)}: {n}")
        view = self.mapFromScene(pos)
        QToolTip.showText(self.mapToGlobal(view), plain_tip("\n".join(lines)), self)

    def _click(self, event) -> None:
        i = self._day_at(event.scenePos())
        if i is not None and self.series is not None:
            self.dayClicked.emit(int(self.series.days[i]))


class Legend(QWidget):
    """Colour swatches with labels, in a row above a chart (a legend inside would hide bars)."""

    def __init__(self, items: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QHBoxLayout, QLabel

        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        for color, text in items:
            sw = QLabel()
            sw.setFixedSize(10, 10)
            sw.setStyleSheet(f"background: {color}; border-radius: 2px;")
            lab = QLabel(text)
            lab.setObjectName("Muted")
            lay.addWidget(sw)
            lay.addWidget(lab)
            lay.addSpacing(8)


class RateChart(pg.PlotWidget):
    """Bounce rate in percent per day with warning lines at 5 % and 10 %."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axisItems={"bottom": DayAxis()})
        c = theme.colors()
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setMinimumHeight(150)
        self.setMaximumHeight(200)  # a glance at a trend, not a page: the lists are below
        self.curve = self.plot([], [], pen=pg.mkPen(c.accent, width=1), symbol="o", symbolSize=4,
                               symbolBrush=c.accent, symbolPen=None, connect="finite")  # fmt: skip
        for level, color, text_color in ((5, c.warn, c.warn_text), (10, c.danger, c.danger)):
            line = pg.InfiniteLine(
                pos=level, angle=0, pen=pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine)
            )
            line.label = pg.InfLineLabel(
                line, text=f"{level} %", position=0.02, color=text_color, anchors=[(0, 1), (0, 1)]
            )
            self.addItem(line)
        self.getPlotItem().setLabel("left", "%")

    def set_series(self, series: DailySeries) -> bool:
        """Show the rate; False (and nothing drawn) when no sent counts are known."""
        rate = series.rate()
        if rate is None or not np.isfinite(rate).any():
            self.curve.setData([], [])
            return False
        x = series.days.astype(float) + DAY / 2
        self.curve.setData(x, rate)
        top = float(np.nanmax(rate))
        self.setYRange(0, max(12.0, top * 1.1), padding=0)
        self.setXRange(float(series.days[0]), float(series.days[-1] + DAY), padding=0.01)
        return True


@dataclass
class BarRow:
    key: str  # what a click filters on
    label: str
    value: int
    tip: str = ""
    code: str = ""  # shown in its own column before the label (a status code), never cut off


class BarList(QWidget):
    """Horizontal bars with labels and counts; a click on a row emits its key.

    A row is one line (label | bar | count) while the labels fit beside a bar; on a narrow card or
    with long labels (German) each label gets its own line above its bar instead of being cut off.
    """

    clicked = Signal(str)

    MIN_BAR = 90

    def __init__(self, color: str = "", label_share: float = 0.42, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label_share = label_share  # the most a label may take of a one-line row
        self.rows: list[BarRow] = []
        self._color = color
        self._hover = -1
        self.empty_text = ""
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._focus_row = 0

    def set_rows(self, rows: list[BarRow]) -> None:
        self.rows = rows
        self._focus_row = min(self._focus_row, max(0, len(rows) - 1))
        self.updateGeometry()
        self.update()

    # --- geometry ------------------------------------------------------------------------------

    def _metrics(self, w: int) -> tuple[int, int, int, bool]:
        """(code column, label width, count width, two lines?) at width w."""
        fm = QFontMetrics(self.font())
        bold = QFontMetrics(self._bold())
        code_w = max((bold.horizontalAdvance(r.code) for r in self.rows if r.code), default=0)
        code_w = code_w + 10 if code_w else 0
        label_need = max((fm.horizontalAdvance(r.label) for r in self.rows), default=0) + 12
        count_w = max((fm.horizontalAdvance(str(r.value)) for r in self.rows), default=0) + 12
        one_line = code_w + label_need <= w * self.label_share or code_w + label_need + self.MIN_BAR + count_w <= w
        if one_line:
            return code_w, label_need, count_w, False
        return code_w, max(10, w - code_w - 8), count_w, True

    def _bold(self):
        f = self.font()
        f.setBold(True)
        return f

    def row_height(self, w: int | None = None) -> int:
        fm = QFontMetrics(self.font())
        two = self._metrics(self.width() if w is None else w)[3] if self.rows else False
        return fm.height() + 12 + (fm.height() - 2 if two else 0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's naming)
        return True

    def heightForWidth(self, w: int) -> int:  # noqa: N802
        return max(1, len(self.rows)) * self.row_height(w) + 4

    def sizeHint(self) -> QSize:
        return QSize(320, self.heightForWidth(320))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, max(1, len(self.rows)) * self.row_height(self.width() or 320) + 4)

    def row_at(self, y: float) -> int:
        i = int(y // self.row_height())
        return i if 0 <= i < len(self.rows) else -1

    def elided_labels(self) -> list[str]:
        """The labels that do not fit at the current width (tests: none should)."""
        if not self.rows:
            return []
        fm = QFontMetrics(self.font())
        code_w, label_w, _count_w, _two = self._metrics(self.width())
        return [r.label for r in self.rows if fm.horizontalAdvance(r.label) > label_w - 8]

    # --- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        c = theme.colors()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        if not self.rows:
            p.setPen(QColor(c.muted))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        w = self.width()
        code_w, label_w, count_w, two = self._metrics(w)
        row_h = self.row_height()
        line_h = fm.height() + 8
        bar_x = 4 if two else code_w + label_w
        bar_w = max(10, w - bar_x - count_w - 8)
        top = max(r.value for r in self.rows) or 1
        bar_color = QColor(self._color or c.accent)
        for i, r in enumerate(self.rows):
            y = i * row_h
            if i == self._hover or (self.hasFocus() and i == self._focus_row):
                p.fillRect(QRectF(0, y, w, row_h), QColor(c.border))
            if r.code:
                p.setFont(self._bold())
                p.setPen(QColor(c.text))
                p.drawText(QRectF(4, y, code_w, line_h), Qt.AlignmentFlag.AlignVCenter, r.code)
                p.setFont(self.font())
            p.setPen(QColor(c.text))
            label = fm.elidedText(r.label, Qt.TextElideMode.ElideRight, label_w - 8)
            p.drawText(QRectF(4 + code_w, y, label_w - 8, line_h), Qt.AlignmentFlag.AlignVCenter, label)
            by = y + (line_h - 4 if two else 0)
            bh = (row_h - line_h + 4) if two else row_h
            length = max(2.0, bar_w * r.value / top)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bar_color)
            p.drawRoundedRect(QRectF(bar_x, by + bh / 2 - 5, length, 10), 3, 3)
            p.setPen(QColor(c.muted))
            p.drawText(QRectF(bar_x + length + 6, by, count_w, bh), Qt.AlignmentFlag.AlignVCenter, str(r.value))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        i = self.row_at(event.position().y())
        if i != self._hover:
            self._hover = i
            self.setCursor(Qt.CursorShape.PointingHandCursor if i >= 0 else Qt.CursorShape.ArrowCursor)
            self.update()
        if i >= 0 and self.rows[i].tip:
            QToolTip.showText(event.globalPosition().toPoint(), plain_tip(self.rows[i].tip), self)

    def leaveEvent(self, event) -> None:
        self._hover = -1
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            i = self.row_at(event.position().y())
            if i >= 0:
                self.clicked.emit(self.rows[i].key)

    def keyPressEvent(self, event) -> None:
        if not self.rows:
            return super().keyPressEvent(event)
        k = event.key()
        if k == Qt.Key.Key_Down:
            self._focus_row = min(len(self.rows) - 1, self._focus_row + 1)
        elif k == Qt.Key.Key_Up:
            self._focus_row = max(0, self._focus_row - 1)
        elif k in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.rows[self._focus_row].key)
        else:
            return super().keyPressEvent(event)
        self.update()

    def click_row(self, i: int) -> None:
        """Click row `i` as a user would (tests, self-test)."""
        from PySide6.QtTest import QTest

        QTest.mouseClick(
            self, Qt.MouseButton.LeftButton, pos=QPointF(20, (i + 0.5) * self.row_height()).toPoint()
        )
