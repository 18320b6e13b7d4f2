"""The desktop app (the only package that imports Qt).

``main_window(db_path)`` builds the main window without entering the event
loop; ``main.run_app(db_path)`` runs the app.
"""
from __future__ import annotations


def main_window(db_path=None, read_only: bool = False, **options):
    from .main import main_window as build
    return build(db_path, read_only, **options)


__all__ = ["main_window"]
