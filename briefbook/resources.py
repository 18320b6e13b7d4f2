"""Find bundled resources (fonts, icons, sample library) from source or a frozen app.

The one place that knows where ``resources/`` is: next to the package in a
source checkout or editable install, or under PyInstaller's ``sys._MEIPASS``.
Nothing is ever looked up relative to the current directory.
"""
from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {path}")
    return path
