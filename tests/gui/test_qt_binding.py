"""The installed Qt binding keeps Python's reference counts intact.

PySide6 6.12.0 under Python 3.11 drops a reference to None on every call of a void method
(QWidget.setEnabled, QPainter.setPen, ...): the app aborts with "deallocating None" after a
few thousand calls, i.e. within seconds of painting. pyproject pins PySide6 below 6.12.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLabel


def test_void_methods_do_not_steal_references_to_none(qapp):
    label = QLabel()
    img = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(img)
    try:
        before = sys.getrefcount(None)
        for _ in range(200):
            label.setText("x")
            painter.setPen(QColor("red"))
        after = sys.getrefcount(None)
    finally:
        painter.end()
    assert after - before > -50, f"None lost {before - after} references in 400 void calls (broken binding)"
