"""Locking an encrypted library: a Lock command and an idle auto-lock.

Locking saves what is pending, closes the window and the library (the store
drops its keys: ``store.unlock.lock_library``) and emits ``locked``; the
runner in ``app.main`` then asks for the passphrase again and reopens. A
plain library has nothing to lock: the command is disabled there.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

DEFAULT_IDLE_MINUTES = 10
_ACTIVITY = {QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel,
             QEvent.TouchBegin}


def library_is_encrypted(library) -> bool:
    storage = getattr(library, "_storage", None)
    return bool(storage is not None and getattr(storage.codec, "encrypted", False))


class Locker(QObject):
    """Owned by the main window. ``locked`` fires after the window and library are closed."""

    locked = Signal()

    def __init__(self, window, idle_minutes: float | None = None):
        super().__init__(window)
        self.window = window
        self.enabled = library_is_encrypted(window.library)
        self.locking = False
        if idle_minutes is None:
            value = window.settings.value("security/idle_lock_minutes", DEFAULT_IDLE_MINUTES)
            try:
                idle_minutes = float(value)
            except (TypeError, ValueError):
                idle_minutes = DEFAULT_IDLE_MINUTES
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLockTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        if self.enabled and idle_minutes > 0:
            self.timer.setInterval(int(idle_minutes * 60_000))
            from PySide6.QtWidgets import QApplication
            QApplication.instance().installEventFilter(self)
            self.timer.start()

    def eventFilter(self, obj, event):  # any user activity restarts the idle countdown
        if event.type() in _ACTIVITY and self.timer.interval() > 0:
            self.timer.start()
        return False

    def lock(self) -> bool:
        """Close the window and the library. False if the user kept the window open."""
        if not self.enabled:
            return False
        self.timer.stop()
        library = self.window.library
        self.locking = True
        if not self.window.close():
            self.locking = False
            return False
        from ..store.unlock import lock_library
        if library._storage is not None:
            lock_library(library)
        from PySide6.QtWidgets import QApplication
        QApplication.instance().removeEventFilter(self)
        self.locked.emit()
        return True
