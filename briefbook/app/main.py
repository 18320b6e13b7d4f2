"""Starting the desktop app: ``run_app(db_path)`` (what ``briefbook`` with no command runs)."""
from __future__ import annotations

import gc
import sys
from pathlib import Path


def open_library(db_path: Path | str | None, read_only: bool = False,
                 passphrase: str | None = None):
    """Open the library as the CLI does: without a path (and no BRIEFBOOK_DB), the user's
    default library, which is filled with the sample library on its very first start."""
    from ..sample import default_path_on_first_start
    from ..store import default_library_path
    path = db_path
    if path is None:
        path = default_path_on_first_start()[0]
    # Loading a large library makes millions of objects that live as long as the app: keep the
    # cyclic garbage collector from scanning them again and again (startup time, not memory).
    from ..store.unlock import open_library as open_plain_or_encrypted
    gc.disable()
    try:
        library = open_plain_or_encrypted(path if path is not None else default_library_path(),
                                          passphrase, read_only=read_only)
    finally:
        gc.freeze()
        gc.enable()
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
        QGuiApplication.setDesktopFileName("briefbook")
        from PySide6.QtGui import QIcon
        from ..resources import resources_dir
        icon = resources_dir() / "icons" / "briefbook.png"
        if icon.exists():
            app.setWindowIcon(QIcon(str(icon)))
    from .fonts import register_bundled_fonts
    register_bundled_fonts()  # Qt falls back to them for scripts the system fonts lack
    return app


def main_window(db_path=None, read_only: bool = False, passphrase: str | None = None, **options):
    """Build the main window on *db_path* without entering the event loop.

    An encrypted library needs *passphrase* (``run_app`` asks for it in an unlock dialog).
    """
    application()
    from .window import MainWindow
    library = open_library(db_path, read_only, passphrase)
    try:
        return MainWindow(library, **options)
    except BaseException:
        library.close()
        raise


def run_app(db_path=None, read_only: bool = False, open_pack=None) -> int:
    """The desktop app; *open_pack* (a double-clicked .bbpack) is offered for import once shown."""
    app = application()
    from . import plain
    from ..store import StoreError
    from ..store.lock import LibraryLockedError
    passphrase = None
    try:
        passphrase = ask_passphrase_if_encrypted(db_path)
    except _Cancelled:
        return 1
    try:
        try:
            window = unlocked_main_window(db_path, read_only, passphrase)
        except LibraryLockedError as exc:  # open elsewhere: reading it is still safe
            if read_only or not plain.ask(None, "Briefbook", f"{exc}\n\nOpen it read-only?"):
                return 1
            window = unlocked_main_window(db_path, True, passphrase)
        except _Cancelled:
            return 1
    except (StoreError, OSError) as exc:
        plain.warn(None, "Briefbook", f"The library could not be opened:\n\n{exc}")
        return 1
    state = {"window": window, "passphrase": passphrase}
    app.setQuitOnLastWindowClosed(False)
    from .file_open import PackFileOpenFilter
    # macOS: packs from Finder; while the library is locked they wait for the next window
    file_open = PackFileOpenFilter(
        lambda: None if state["window"].locker.locking else state["window"], app)
    app.installEventFilter(file_open)

    def last_window_closed():
        if not state["window"].locker.locking:
            app.quit()

    def relock():
        """The library was locked: ask for the passphrase again, reopen (or quit)."""
        try:
            again = unlocked_main_window(db_path, read_only, _ask_again(db_path))
        except (_Cancelled, StoreError):
            app.quit()
            return
        state["window"] = again
        again.locker.locked.connect(relock)
        again.show()
        file_open.deliver()

    app.lastWindowClosed.connect(last_window_closed)
    window.locker.locked.connect(relock)
    window.show()
    if open_pack is not None:
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, lambda: state["window"].import_pack(str(open_pack)))
    return app.exec()


def _ask_again(db_path) -> str:
    passphrase = _prompt_passphrase(f"{_library_file(db_path).name} is locked. Passphrase:")
    if passphrase is None:
        raise _Cancelled()
    return passphrase


class _Cancelled(Exception):
    pass


def _prompt_passphrase(message: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog, QLineEdit
    text, ok = QInputDialog.getText(None, "Unlock library", message, QLineEdit.EchoMode.Password)
    return text if ok else None


def _library_file(db_path) -> Path:
    from ..store import default_library_path
    return Path(db_path) if db_path is not None else default_library_path()


def ask_passphrase_if_encrypted(db_path, prompt=None) -> str | None:
    """The unlock dialog: None for a plain library, else the passphrase the user typed."""
    from ..store.unlock import is_encrypted
    path = _library_file(db_path)
    if not path.exists() or not is_encrypted(path):
        return None
    prompt = prompt or _prompt_passphrase
    passphrase = prompt(f"{path.name} is encrypted. Passphrase:")
    if passphrase is None:
        raise _Cancelled()
    return passphrase


def unlocked_main_window(db_path, read_only: bool, passphrase: str | None, prompt=None):
    """Open the main window, asking again (up to three times) after a wrong passphrase."""
    from ..store.crypto import WrongPassphraseError
    for attempt in range(3):
        try:
            return main_window(db_path, read_only, passphrase)
        except WrongPassphraseError as exc:
            if attempt == 2:
                raise
            passphrase = (prompt or _prompt_passphrase)(f"{exc}\n\nTry again:")
            if passphrase is None:
                raise _Cancelled() from None
    raise AssertionError("unreachable")
