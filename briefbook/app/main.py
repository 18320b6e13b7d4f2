"""Starting the desktop app: ``run_app(db_path)`` (what ``briefbook`` with no command runs)."""
from __future__ import annotations

import gc
import os
import sys
from pathlib import Path


def open_library(db_path: Path | str | None, read_only: bool = False):
    """Open the library as the CLI does: without a path (and no BRIEFBOOK_DB), the user's
    default library, which is filled with the sample library on its very first start."""
    from ..store import Library, default_library_path
    path = db_path
    first_start = False
    if path is None and not os.environ.get("BRIEFBOOK_DB"):
        path = default_library_path()
        first_start = not Path(path).exists()
    # Loading a large library makes millions of objects that live as long as the app: keep the
    # cyclic garbage collector from scanning them again and again (startup time, not memory).
    gc.disable()
    try:
        library = Library.open(path, read_only=read_only)
    finally:
        gc.freeze()
        gc.enable()
    if first_start and library.is_empty and not library.read_only:
        from ..sample import load_sample
        load_sample(library)
    return library


def application():
    """The QApplication (created once, with Briefbook's names and high-DPI defaults)."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        # Background work (search index, preview composing) shares the GIL with the GUI:
        # hand it back to the GUI thread sooner than the default 5 ms.
        sys.setswitchinterval(0.001)
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        QCoreApplication.setOrganizationName("Briefbook")
        QCoreApplication.setApplicationName("Briefbook")
        app = QApplication(sys.argv[:1])
        app.setApplicationDisplayName("Briefbook")
    from .fonts import register_bundled_fonts
    register_bundled_fonts()  # Qt falls back to them for scripts the system fonts lack
    return app


def main_window(db_path=None, read_only: bool = False, **options):
    """Build the main window on *db_path* without entering the event loop."""
    application()
    from .window import MainWindow
    library = open_library(db_path, read_only)
    try:
        return MainWindow(library, **options)
    except BaseException:
        library.close()
        raise


def run_app(db_path=None, read_only: bool = False) -> int:
    app = application()
    from . import plain
    from ..store import StoreError
    from ..store.lock import LibraryLockedError
    try:
        try:
            window = main_window(db_path, read_only)
        except LibraryLockedError as exc:  # open elsewhere: reading it is still safe
            if read_only or not plain.ask(None, "Briefbook", f"{exc}\n\nOpen it read-only?"):
                return 1
            window = main_window(db_path, True)
    except (StoreError, OSError) as exc:
        plain.warn(None, "Briefbook", f"The library could not be opened:\n\n{exc}")
        return 1
    window.show()
    return app.exec()
