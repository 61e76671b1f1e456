"""Line icons drawn from small SVG paths in the theme's text colour (no icon theme needed).

Rendered at 2x for high-DPI screens; cached per name and colour.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from bouncedesk.ui import theme

# 24x24 viewBox, stroked paths (our own drawings).
_PATHS = {
    "dashboard": '<rect x="3" y="3" width="7" height="9" rx="1.5"/><rect x="14" y="3" width="7" height="5" rx="1.5"/>'
    '<rect x="14" y="12" width="7" height="9" rx="1.5"/><rect x="3" y="16" width="7" height="5" rx="1.5"/>',
    "retries": '<path d="M20 12a8 8 0 1 1-2.3-5.7"/><path d="M20 4v5h-5"/><path d="M12 8v4l3 2"/>',
    "recipients": '<circle cx="12" cy="8" r="4"/><path d="M4 21c0-4 3.6-7 8-7s8 3 8 7"/>',
    "bounces": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>'
    '<path d="M9 16H5m0 0l2-2m-2 2l2 2"/>',
    "suppressions": '<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>',
    "accounts": '<rect x="3" y="4" width="18" height="6" rx="1.5"/><rect x="3" y="14" width="18" height="6" rx="1.5"/>'
    '<path d="M7 7h.01M7 17h.01"/>',
    "log": '<path d="M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01"/>',
    # Mailings: a stack of envelopes.
    "mailings": '<rect x="3" y="8" width="15" height="11" rx="1.5"/><path d="M3 10l7.5 5 7.5-5"/>'
    '<path d="M6 5h13.5A1.5 1.5 0 0 1 21 6.5V16"/>',
    # Providers: a globe (the receiving providers).
    "providers": '<circle cx="12" cy="12" r="9"/><path d="M3 12h18"/><path d="M12 3c2.5 2.5 3.8 5.5 3.8 9s-1.3 6.5-3.8 9"/>'
    '<path d="M12 3c-2.5 2.5-3.8 5.5-3.8 9s1.3 6.5 3.8 9"/>',
    "sync": '<path d="M20 11a8 8 0 0 0-14.5-4.5L4 8"/><path d="M4 3v5h5"/><path d="M4 13a8 8 0 0 0 14.5 4.5L20 16"/>'
    '<path d="M20 21v-5h-5"/>',
    # Needs review: a shield with a question mark.
    "review": '<path d="M12 3l7 3v5c0 4.5-3 8.2-7 10-4-1.8-7-5.5-7-10V6z"/>'
    '<path d="M10 9.5a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.2v.5"/><path d="M12 16h.01"/>',
    "run-due": '<circle cx="12" cy="12" r="9"/><path d="M10 8.5v7l6-3.5z"/>',
    "undo": '<path d="M9 14L4 9l5-5"/><path d="M4 9h10a6 6 0 0 1 0 12h-3"/>',
    "retry": '<path d="M4 12h14"/><path d="M13 6l6 6-6 6"/>',
    "suppress": '<circle cx="12" cy="12" r="9"/><path d="M5.6 5.6l12.8 12.8"/>',
    "pause": '<path d="M9 5v14M15 5v14"/>',
    "contact": '<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>',
    "settings": '<path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0"/><circle cx="16" cy="6" r="2"/>'
    '<circle cx="10" cy="12" r="2"/><circle cx="18" cy="18" r="2"/>',
}


def svg(name: str, color: str) -> bytes:
    body = _PATHS.get(name, "")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="{color}" '
        f'stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">{body}</svg>'
    ).encode()


@cache
def _icon(name: str, color: str, selected_color: str) -> QIcon:
    ic = QIcon()
    for c, mode in ((color, QIcon.Mode.Normal), (selected_color, QIcon.Mode.Selected)):
        renderer = QSvgRenderer(QByteArray(svg(name, c)))
        for size in (18, 36):
            pm = QPixmap(size, size)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            renderer.render(p, QRectF(0, 0, size, size))
            p.end()
            ic.addPixmap(pm, mode)
    return ic


def icon(name: str) -> QIcon:
    if name not in _PATHS:
        return QIcon()
    c = theme.colors()
    return _icon(name, c.text, "#ffffff")
