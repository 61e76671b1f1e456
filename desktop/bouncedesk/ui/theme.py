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
    # the same kinds as text or badge colours: each reads at 4.5:1 or more (WCAG AA) on base, alt_base,
    # window and tile (tests/gui/test_contrast.py); the chart fills above may be lighter (bars, not text)
    hard_text: str = ""
    soft_text: str = ""
    complaint_text: str = ""
    delay_text: str = ""
    warn_text: str = ""
    selection: str = ""  # behind white text: selected rows, primary and checked buttons, the sidebar


LIGHT = Colors(
    dark=False, window="#f6f7f9", base="#ffffff", alt_base="#f8f9fb", text="#1f2933", muted="#5f6b78",
    border="#dde2e8", accent="#2f6fba", sidebar="#eef1f5", tile="#ffffff",
    hard="#c8553d", soft="#e0a458", complaint="#8e6cb8", delay="#7aa6c2",
    warn="#d9a400", danger="#a6402c", ok="#2e7049",
    hard_text="#a6402c", soft_text="#9a5b00", complaint_text="#76569e", delay_text="#3f6f8c",
    warn_text="#806200", selection="#2f6fba",
)  # fmt: skip
DARK = Colors(
    dark=True, window="#1d2127", base="#22272e", alt_base="#262c34", text="#dfe4ea", muted="#9aa5b1",
    border="#353c45", accent="#6ea8e8", sidebar="#191c21", tile="#262c34",
    hard="#e07a63", soft="#e8b56f", complaint="#a98bd1", delay="#8fb8d3",
    warn="#e8c243", danger="#e8866f", ok="#6cbf8a",
    hard_text="#e8866f", soft_text="#e8b56f", complaint_text="#b399d8", delay_text="#8fb8d3",
    warn_text="#e8c243", selection="#2f6bb3",
)  # fmt: skip

KIND_ORDER = ("hard", "soft", "complaint", "delay")
STATE_COLORS = {  # a recipient's state as text or badge: always a *_text / text-safe colour
    "active": "ok",
    "retrying": "soft_text",
    "inactive": "muted",
    "suppressed": "danger",
    "paused": "delay_text",
}
# the backgrounds text is drawn on (table rows alternate base / alt_base; tiles and cards; the window)
TEXT_BACKGROUNDS = ("base", "alt_base", "window", "tile")

_current: Colors = LIGHT


def colors() -> Colors:
    return _current


def kind_color(kind: str) -> str:
    """A kind's chart fill (bars, legend swatches)."""
    return getattr(_current, kind, _current.muted)


def kind_text_color(kind: str) -> str:
    """A kind's colour for text (a list cell): readable on every background text sits on."""
    return getattr(_current, f"{kind}_text", "") or _current.text


def relative_luminance(color: str | QColor) -> float:
    """WCAG 2.x relative luminance of an sRGB colour (0 = black, 1 = white)."""
    c = QColor(color)

    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.red()) + 0.7152 * lin(c.green()) + 0.0722 * lin(c.blue())


def contrast_ratio(a: str | QColor, b: str | QColor) -> float:
    """WCAG 2.x contrast ratio of two colours, 1.0 … 21.0 (text needs 4.5 for AA)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


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
        (role.ToolTipText, c.text), (role.Highlight, c.selection), (role.HighlightedText, "#ffffff"),
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
    #Sidebar::item:selected {{ background: {c.selection}; color: #ffffff; }}
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
                 selection-background-color: {c.selection}; selection-color: #ffffff; }}
    QHeaderView::section {{ background: {c.alt_base}; color: {c.muted}; border: none;
                           border-bottom: 1px solid {c.border}; padding: 4px 6px; }}
    QPlainTextEdit, QTextBrowser {{ border: 1px solid {c.border}; border-radius: 6px; background: {c.base}; }}
    QLineEdit {{ padding: 1px 5px; min-height: 22px; border: 1px solid {c.border}; border-radius: 4px;
                background: {c.base}; }}
    QLineEdit:focus {{ border-color: {c.accent}; }}
    QPushButton {{ padding: 4px 12px; border: 1px solid {c.border}; border-radius: 4px; background: {c.base}; }}
    QPushButton:hover {{ border-color: {c.accent}; }}
    QPushButton:default, QPushButton[primary="true"] {{ background: {c.selection}; color: #ffffff;
                                                       border-color: {c.selection}; }}
    QPushButton:disabled, QPushButton[primary="true"]:disabled, QPushButton:default:disabled {{
        color: {c.muted}; background: {c.alt_base}; border-color: {c.border}; }}
    QPushButton:checked {{ background: {c.selection}; color: #ffffff; border-color: {c.selection}; }}
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
