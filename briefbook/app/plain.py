"""User text is shown as text, never as markup.

QLabel, QMessageBox and tooltips guess "rich text" when a string looks like HTML,
so a record titled ``<img src=…>`` would be rendered, not shown.  Everything
that displays names, titles or messages goes through these helpers.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox


def label(parent=None, text: str = "") -> QLabel:
    widget = QLabel(parent)
    widget.setTextFormat(Qt.PlainText)
    widget.setText(text)
    return widget


def tooltip(text: str) -> str:
    """A tooltip that shows *text* literally (escaped inside rich text)."""
    return f"<p>{html.escape(text)}</p>" if text else ""


def _box(parent, icon, title: str, text: str, buttons, default) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.PlainText)
    if default is not None:
        box.setDefaultButton(default)
    return box


def ask(parent, title: str, text: str) -> bool:
    box = _box(parent, QMessageBox.Question, title, text,
               QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
    return box.exec() == QMessageBox.Yes


def inform(parent, title: str, text: str) -> None:
    _box(parent, QMessageBox.Information, title, text, QMessageBox.Ok, None).exec()


def warn(parent, title: str, text: str) -> None:
    _box(parent, QMessageBox.Warning, title, text, QMessageBox.Ok, None).exec()
