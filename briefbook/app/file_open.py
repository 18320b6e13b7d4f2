"""Packs opened from the desktop on macOS: Finder sends a ``QFileOpenEvent``, not a command line.

On Windows and Linux a double-clicked ``.bbpack`` starts ``briefbook FILE.bbpack`` (the CLI hands
it to ``run_app(open_pack=...)``). macOS starts the app bundle without arguments and delivers the
file as a ``QEvent.FileOpen`` to the application, at launch or later while it runs. This filter
turns that event into the same offer: File ▸ Import pack on whatever window is current.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer


class PackFileOpenFilter(QObject):
    """Application event filter: ``.bbpack`` file-open events import into the current window."""

    def __init__(self, current_window: Callable[[], object | None], parent: QObject | None = None):
        super().__init__(parent)
        self._current_window = current_window
        self.pending: list[str] = []   # packs that arrived before a window was there

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.FileOpen:
            return False
        path = event.file() or event.url().toLocalFile()
        if not path.lower().endswith(".bbpack"):
            return False
        self.pending.append(path)
        QTimer.singleShot(0, self.deliver)
        return True

    def deliver(self) -> None:
        """Import the packs that arrived, once a window can take them."""
        window = self._current_window()
        if window is None:
            return
        while self.pending:
            window.import_pack(self.pending.pop(0))
