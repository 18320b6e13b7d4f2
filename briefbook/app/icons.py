"""Small badges for record kinds and text blocks, drawn once (no image files needed)."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

BADGES = {
    "official": ("#2E6DB4", "O"),
    "event": ("#2E8B57", "E"),
    "partnership": ("#8A6D3B", "P"),
    "section": ("#5A5A5A", "§"),
    "points": ("#B05A00", "T"),
    "background": ("#6A5ACD", "B"),
    "defensive": ("#B00020", "D"),
    "note": ("#607D8B", "N"),
    "missing": ("#999999", "?"),
}


@lru_cache(maxsize=None)
def badge(kind: str, size: int = 16) -> QIcon:
    colour, letter = BADGES.get(kind, BADGES["missing"])
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setBrush(QColor(colour))
        painter.setPen(Qt.NoPen)
        painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), 4, 4)
        font = QFont()
        font.setPixelSize(int(size * 0.62))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, size, size), Qt.AlignCenter, letter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
