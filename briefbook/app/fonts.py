"""Bundled fonts for the GUI, so Khmer and Chinese names render offline on any machine."""
from __future__ import annotations

from PySide6.QtGui import QFontDatabase

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
_loaded: list[str] | None = None


def register_bundled_fonts() -> list[str]:
    """Add every font under ``resources/fonts`` to Qt (once); returns the families added."""
    global _loaded
    if _loaded is not None:
        return _loaded
    _loaded = []
    try:
        from ..resources import resource_path
        folder = resource_path("fonts")
    except FileNotFoundError:
        return _loaded
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in FONT_SUFFIXES:
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                _loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _loaded
