"""Light and dark looks: the Fusion style with a calm palette, one small stylesheet, chart colours.

Everything colour-related lives here so the charts, the state badges and the widgets agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")


@dataclass(frozen=True)
class Colors:
    dark: bool
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    border: str
    accent: str
    sidebar: str
    tile: str
    # chart series, one per kind, in stacking order
    hard: str
    soft: str
    complaint: str
    delay: str
    warn: str
    danger: str
    ok: str


LIGHT = Colors(
    dark=False, window="#f6f7f9", base="#ffffff", alt_base="#f8f9fb", text="#1f2933", muted="#6b7785",
    border="#dde2e8", accent="#2f6fba", sidebar="#eef1f5", tile="#ffffff",
    hard="#c8553d", soft="#e0a458", complaint="#8e6cb8", delay="#7aa6c2",
    warn="#d9a400", danger="#c8553d", ok="#3c8d5a",
)  # fmt: skip
DARK = Colors(
    dark=True, window="#1d2127", base="#22272e", alt_base="#262c34", text="#dfe4ea", muted="#9aa5b1",
    border="#353c45", accent="#6ea8e8", sidebar="#191c21", tile="#262c34",
    hard="#e07a63", soft="#e8b56f", complaint="#a98bd1", delay="#8fb8d3",
    warn="#e8c243", danger="#e07a63", ok="#6cbf8a",
)  # fmt: skip

KIND_ORDER = ("hard", "soft", "complaint", "delay")
STATE_COLORS = {
    "active": "ok",
    "retrying": "soft",
    "inactive": "muted",
    "suppressed": "danger",
    "paused": "delay",
}

_current: Colors = LIGHT


def colors() -> Colors:
    return _current


def kind_color(kind: str) -> str:
    return getattr(_current, kind, _current.muted)


def state_color(state: str) -> QColor:
    return QColor(getattr(_current, STATE_COLORS.get(state, "text")))


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme and scheme() == Qt.ColorScheme.Dark)


def _palette(c: Colors) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, v in (
        (role.Window, c.window), (role.WindowText, c.text), (role.Base, c.base), (role.AlternateBase, c.alt_base),
        (role.Text, c.text), (role.Button, c.base), (role.ButtonText, c.text), (role.ToolTipBase, c.base),
        (role.ToolTipText, c.text), (role.Highlight, c.accent), (role.HighlightedText, "#ffffff"),
        (role.PlaceholderText, c.muted), (role.Link, c.accent), (role.Mid, c.border), (role.Midlight, c.border),
    ):  # fmt: skip
        p.setColor(r, QColor(v))
    p.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(c.muted))
    p.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(c.muted))
    p.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(c.muted))
    return p


def _stylesheet(c: Colors) -> str:
    return f"""
    QWidget {{ font-size: 10pt; }}
    #Sidebar {{ background: {c.sidebar}; border: none; border-right: 1px solid {c.border}; outline: 0; }}
    QListWidget#Sidebar {{ border-right: none; }}
    #Sidebar::item {{ padding: 8px 14px; border-radius: 6px; margin: 1px 8px; color: {c.text}; }}
    #Sidebar::item:selected {{ background: {c.accent}; color: #ffffff; }}
    #Sidebar::item:hover:!selected {{ background: {c.border}; }}
    #AppTitle {{ font-size: 13pt; font-weight: 600; padding: 14px 16px 6px 16px; color: {c.text}; }}
    #PageTitle {{ font-size: 15pt; font-weight: 600; color: {c.text}; }}
    #Muted, QLabel[muted="true"] {{ color: {c.muted}; }}
    #Tile {{ background: {c.tile}; border: 1px solid {c.border}; border-radius: 8px; }}
    #Tile:hover {{ border-color: {c.accent}; }}
    #TileValue {{ font-size: 20pt; font-weight: 600; color: {c.text}; }}
    #TileTitle {{ color: {c.muted}; }}
    #Card {{ background: {c.tile}; border: 1px solid {c.border}; border-radius: 8px; }}
    #CardTitle {{ font-weight: 600; color: {c.text}; }}
    #AlertBox {{ background: {c.tile}; border: 1px solid {c.border}; border-top: 3px solid {c.warn};
                border-radius: 8px; }}
    #UndoBar {{ background: {c.text}; border-radius: 6px; }}
    #UndoBar QLabel {{ color: {c.base}; }}
    #UndoBar QPushButton {{ color: {c.base}; background: transparent; border: 1px solid {c.muted};
                           border-radius: 4px; padding: 3px 10px; font-weight: 600; }}
    QTableView {{ gridline-color: {c.border}; border: 1px solid {c.border}; border-radius: 6px;
                 selection-background-color: {c.accent}; selection-color: #ffffff; }}
    QHeaderView::section {{ background: {c.alt_base}; color: {c.muted}; border: none;
                           border-bottom: 1px solid {c.border}; padding: 4px 6px; }}
    QPlainTextEdit, QTextBrowser {{ border: 1px solid {c.border}; border-radius: 6px; background: {c.base}; }}
    QLineEdit {{ padding: 1px 5px; min-height: 22px; border: 1px solid {c.border}; border-radius: 4px;
                background: {c.base}; }}
    QLineEdit:focus {{ border-color: {c.accent}; }}
    QPushButton {{ padding: 4px 12px; border: 1px solid {c.border}; border-radius: 4px; background: {c.base}; }}
    QPushButton:hover {{ border-color: {c.accent}; }}
    QPushButton:default, QPushButton[primary="true"] {{ background: {c.accent}; color: #ffffff; border-color: {c.accent}; }}
    QPushButton:disabled {{ color: {c.muted}; }}
    QPushButton:checked {{ background: {c.accent}; color: #ffffff; border-color: {c.accent}; }}
    QPushButton#Chip {{ border-radius: 11px; padding: 2px 10px; background: {c.alt_base}; }}
    QTabWidget::pane {{ top: -1px; }}
    QTabBar::tab {{ padding: 5px 12px; border: 1px solid {c.border}; border-bottom: none;
                   border-top-left-radius: 5px; border-top-right-radius: 5px; background: {c.alt_base};
                   color: {c.muted}; margin-right: 2px; }}
    QTabBar::tab:selected {{ background: {c.base}; color: {c.text}; }}
    QToolBar {{ border: none; border-bottom: 1px solid {c.border}; spacing: 4px; padding: 3px; }}
    QStatusBar {{ border-top: 1px solid {c.border}; color: {c.muted}; }}
    QTabWidget::pane {{ border: 1px solid {c.border}; border-radius: 0px 6px 6px 6px; background: {c.base}; }}
    QSplitter::handle {{ background: {c.window}; }}
    """


def apply_theme(app: QApplication, theme: str = "system") -> Colors:
    """Fusion + palette + stylesheet for `theme` (system/light/dark); returns the colours chosen."""
    global _current
    dark = system_is_dark() if theme == "system" else theme == "dark"
    _current = DARK if dark else LIGHT
    app.setStyle("Fusion")
    app.setPalette(_palette(_current))
    app.setStyleSheet(_stylesheet(_current))
    return _current
