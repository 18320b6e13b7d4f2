"""Light and dark palettes (Fusion), both legible; the light one follows the system."""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#2B2D30"), QColor("#1E1F22"), QColor("#E6E6E6")
    p.setColor(QPalette.Window, window)
    p.setColor(QPalette.WindowText, text)
    p.setColor(QPalette.Base, base)
    p.setColor(QPalette.AlternateBase, QColor("#26282B"))
    p.setColor(QPalette.ToolTipBase, QColor("#3C3F41"))
    p.setColor(QPalette.ToolTipText, text)
    p.setColor(QPalette.PlaceholderText, QColor("#9A9A9A"))
    p.setColor(QPalette.Text, text)
    p.setColor(QPalette.Button, QColor("#3C3F41"))
    p.setColor(QPalette.ButtonText, text)
    p.setColor(QPalette.BrightText, QColor("#FF6B6B"))
    p.setColor(QPalette.Highlight, QColor("#2F65CA"))
    p.setColor(QPalette.HighlightedText, QColor("#FFFFFF"))
    p.setColor(QPalette.Link, QColor("#8AB4F8"))
    p.setColor(QPalette.Mid, QColor("#4A4D50"))
    p.setColor(QPalette.Dark, QColor("#18191B"))
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#7F7F7F"))
    return p


def apply_palette(dark: bool) -> None:
    app = QApplication.instance()
    if app is None:
        return
    if dark:
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    else:
        app.setPalette(app.style().standardPalette())


def is_dark() -> bool:
    return QGuiApplication.palette().color(QPalette.Window).lightness() < 128


def error_colour() -> str:
    return "#FF8A80" if is_dark() else "#C62828"
