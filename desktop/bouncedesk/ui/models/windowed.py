"""A read-only table model for lists of any size: sorted ids in memory, rows fetched by page.

Why not QSqlTableModel / QSortFilterProxyModel: at a million rows the first shows a window that
grows by 255 rows per drag and the second never finishes sorting (measured, see DESIGN.md).
Here the filter and the sort run in SQL on a worker thread, which hands back the ordered ids
as a numpy array; the view then asks for rows, and each page of PAGE_SIZE rows is read by
primary key on first use and kept in a small LRU cache. The scrollbar is true from the start.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from bouncedesk.ui.context import AppContext, open_reader
from bouncedesk.ui.format import plain_tip
from bouncedesk.ui.workers import run_job

PAGE_SIZE = 256
CACHE_PAGES = 48

RawRole = Qt.ItemDataRole.UserRole + 1  # the unformatted value of a cell
IdRole = Qt.ItemDataRole.UserRole + 2  # the row's id


@dataclass(frozen=True)
class Column:
    """One column: its SQL expression, header (English; translated at display), how to sort it."""

    key: str
    title: str
    sql: str
    sort_sql: str | None = ""  # "" = sort by `sql`; None = not sortable
    align_right: bool = False
    fmt: Callable[[Any], str] | None = None
    width: int = 0  # preferred width in pixels, 0 = let the view decide
    tip: Callable[[Any], str] | None = None  # tooltip from the raw value (default: long texts only)
    # layout (widgets.ColumnFitter): where a long text is cut, whether the column takes the spare
    # width (never narrower than `width`), and the order in which columns give way on a narrow
    # window (0 = always shown; 1 is hidden first, then 2, … — the detail pane still shows them)
    elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight
    stretch: bool = False
    drop: int = 0


@dataclass(frozen=True)
class TableSpec:
    """What a list shows: FROM clause (with joins), the id expression, columns, a fixed condition."""

    source: str
    id_sql: str
    columns: tuple[Column, ...]
    where: str = "1"
    default_sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
    tiebreak: str = ""  # extra ORDER BY terms; the id always closes the order


@dataclass
class Filter:
    """The controller's current filter: extra SQL condition and its parameters."""

    where: str = "1"
    params: list = field(default_factory=list)


def load_ids(conn: sqlite3.Connection, sql: str, params: Sequence) -> np.ndarray:
    """All ids of a query as int64, without building a Python list of a million rows."""
    cur = conn.execute(sql, list(params))
    return np.fromiter(itertools.chain.from_iterable(cur), dtype=np.int64)


class WindowedTableModel(QAbstractTableModel):
    """Subclass with a TableSpec (or pass one); call `reload()` after changing filter or data."""

    loaded = Signal(int)  # rows after a (re)load
    partial = Signal(int)  # the first rows are shown; the full list is still loading
    loadFailed = Signal(str)

    def __init__(self, ctx: AppContext, spec: TableSpec, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self.filter = Filter()
        self._ids = np.empty(0, dtype=np.int64)
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._generation = 0
        self._sort_col, self._sort_order = spec.default_sort
        self._loading = False
        self._select_sql = f"SELECT {spec.id_sql}, {', '.join(c.sql for c in spec.columns)} FROM {spec.source} WHERE {spec.id_sql} IN "
        self.page_reads = 0  # for benchmarks and tests: how many pages were read from the store

    # --- loading -------------------------------------------------------------------------------

    def ids_query(self) -> tuple[str, list]:
        direction = "DESC" if self._sort_order == Qt.SortOrder.DescendingOrder else "ASC"
        if self._sort_col < 0:  # no column chosen: the order rows arrived in (by id), no sort needed
            order = f"{self.spec.id_sql} {direction}"
        else:
            col = self.spec.columns[self._sort_col]
            sort = col.sql if col.sort_sql == "" else (col.sort_sql or col.sql)
            order = f"{sort} {direction}"
            if self.spec.tiebreak:
                order += f", {self.spec.tiebreak}"
            order += f", {self.spec.id_sql} {direction}"
        sql = (
            f"SELECT {self.spec.id_sql} FROM {self.spec.source} WHERE ({self.spec.where}) AND ({self.filter.where})"
            f" ORDER BY {order}"
        )
        return sql, list(self.filter.params)

    def set_filter(self, where: str, params: Sequence = ()) -> None:
        self.filter = Filter(where or "1", list(params))
        self.reload()

    def reload(self, *, sync: bool = False, head: bool | None = None) -> None:
        """Reload ids in a worker (or right here when `sync`); stale answers are dropped.

        With `head` (default: when nothing is shown yet) the first page is fetched on its own as
        well, so the first rows appear before the full id list of a huge table has arrived.
        Reloads after a change to the store pass head=False: the list keeps its rows and scroll
        position until the new ids replace them.
        """
        self._generation += 1
        gen = self._generation
        sql, params = self.ids_query()
        self._loading = True
        if sync:
            self._apply(gen, load_ids(self.ctx.conn, sql, params))
            return
        path = self.ctx.db_path

        def work(limit: int | None = None):
            conn = open_reader(path)
            try:
                if limit is None:
                    return load_ids(conn, sql, params)
                return load_ids(conn, sql + " LIMIT ?", [*params, limit])
            finally:
                conn.close()

        def full(_head=None) -> None:
            if (
                gen == self._generation and not self.ctx.closed
            ):  # a newer reload supersedes this one: skip the big query
                run_job(self.ctx.pool, work, lambda ids: self._apply(gen, ids), self._failed)

        if head if head is not None else not len(self._ids):
            # First page, then the full list: the first rows are not slowed by the big query.
            def shown(ids: np.ndarray) -> None:
                self._apply_head(gen, ids)
                full()

            run_job(self.ctx.pool, lambda: work(PAGE_SIZE), shown, lambda m: (self._failed(m), full()))
        else:
            full()

    def refresh_rows(self) -> None:
        """The same rows changed content (an action): drop the cache and repaint."""
        self._pages.clear()
        if len(self._ids):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, self.columnCount() - 1))

    def _apply(self, gen: int, ids: np.ndarray) -> None:
        if gen != self._generation or self.ctx.closed:
            return
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._loading = False
        self.endResetModel()
        self.loaded.emit(len(ids))

    def _apply_head(self, gen: int, ids: np.ndarray) -> None:
        """The first page while the full list loads (dropped if the full list came first)."""
        if gen != self._generation or not self._loading or self.ctx.closed:
            return
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self.endResetModel()
        self.partial.emit(len(ids))

    def _failed(self, message: str) -> None:
        self._loading = False
        self.loadFailed.emit(message)

    @property
    def is_loading(self) -> bool:
        return self._loading

    # --- rows ----------------------------------------------------------------------------------

    def _page(self, page: int) -> list[tuple]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE].tolist()
        if self.ctx.closed:  # the app is shutting down: paint empty rows, read nothing
            return [(i,) + (None,) * len(self.spec.columns) for i in ids]
        sql = self._select_sql + f"({','.join('?' * len(ids))})"
        by_id = {r[0]: tuple(r) for r in self.ctx.conn.execute(sql, ids)}
        # A row deleted meanwhile shows empty until the next reload.
        rows = [by_id.get(i) or (i,) + (None,) * len(self.spec.columns) for i in ids]
        self.page_reads += 1
        self._pages[page] = rows
        if len(self._pages) > CACHE_PAGES:
            self._pages.popitem(last=False)
        return rows

    def row_values(self, row: int) -> tuple:
        """(id, value per column) of a row."""
        return self._page(row // PAGE_SIZE)[row % PAGE_SIZE]

    def row_id(self, row: int) -> int:
        return int(self._ids[row])

    def row_of_id(self, id_: int) -> int:
        hits = np.flatnonzero(self._ids == id_)
        return int(hits[0]) if len(hits) else -1

    def value(self, row: int, key: str) -> Any:
        for i, c in enumerate(self.spec.columns):
            if c.key == key:
                return self.row_values(row)[i + 1]
        raise KeyError(key)

    def ids(self) -> np.ndarray:
        return self._ids

    # --- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        col = self.spec.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            v = self.row_values(index.row())[index.column() + 1]
            if col.fmt is not None:
                return col.fmt(v)
            return "" if v is None else str(v)
        if role == RawRole:
            return self.row_values(index.row())[index.column() + 1]
        if role == IdRole:
            return self.row_id(index.row())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            h = Qt.AlignmentFlag.AlignRight if col.align_right else Qt.AlignmentFlag.AlignLeft
            return int(h | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Cells hold a stranger's text (a server's words, an address): shown literally, never
            # as markup — Qt would render a tooltip that looks like HTML as rich text.
            v = self.row_values(index.row())[index.column() + 1]
            if col.tip is not None:
                return plain_tip(col.tip(v))
            text = col.fmt(v) if col.fmt else ("" if v is None else str(v))
            return plain_tip(text) if len(text) > 30 else None
        return self.extra_data(index, col, role)

    def extra_data(self, index: QModelIndex | QPersistentModelIndex, col: Column, role: int) -> Any:
        """Subclasses add colours or icons here."""
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.spec.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", self.spec.columns[section].title)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column >= len(self.spec.columns) or (column >= 0 and self.spec.columns[column].sort_sql is None):
            return
        if (column, order) == (self._sort_col, self._sort_order):
            return  # already so (or being loaded so); reload() re-reads on data changes
        self._sort_col, self._sort_order = column, order
        self.reload(head=True)

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_col, self._sort_order
