"""QSettings for window layout, splitter sizes, recent books and options.

``BRIEFBOOK_SETTINGS`` names an INI file to use instead of the platform's
store (tests and portable installs use it).
"""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings


def app_settings() -> QSettings:
    path = os.environ.get("BRIEFBOOK_SETTINGS")
    if path:
        return QSettings(path, QSettings.IniFormat)
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "Briefbook", "Briefbook")


def string_list(settings: QSettings, key: str) -> list[str]:
    value = settings.value(key, [])
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


RECENT_LIMIT = 8


def push_recent(settings: QSettings, book_id: str) -> list[str]:
    recent = [b for b in string_list(settings, "books/recent") if b != book_id]
    recent.insert(0, book_id)
    recent = recent[:RECENT_LIMIT]
    settings.setValue("books/recent", recent)
    settings.setValue("books/last", book_id)
    return recent
