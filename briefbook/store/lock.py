"""One writer per library: an OS-level lock that dies with its process."""
from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from .journal_storage import StoreError


class LibraryLockedError(StoreError):
    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"The library {path} is already open for writing in another Briefbook "
                         "window or process. Close it there, or open this one read-only "
                         "(--read-only).")


class WriterLock:
    """Exclusive lock on ``<library>.lock``.

    ``filelock`` uses ``fcntl.flock``/``msvcrt.locking``: the OS releases the lock
    when the holding process dies, so a lock left by a killed process is
    reclaimed automatically (the stale file itself is harmless).
    """

    def __init__(self, lock_path: Path, library_path: Path):
        self._lock = FileLock(str(lock_path), timeout=0, thread_local=False, is_singleton=False)
        self._library_path = library_path

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise LibraryLockedError(self._library_path) from None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)
