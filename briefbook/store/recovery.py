"""Restore a damaged library from its newest valid rolling backup.

The damaged files are kept beside the library (renamed ``*.damaged-<time>``),
never deleted, so nothing is lost even if the restore was not what was wanted.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import orjson

from .atomic import atomic_write, fsync_dir
from .journal_storage import LibraryFiles, StoreError
from .lock import WriterLock


def newest_valid_backup(files: LibraryFiles, codec=None) -> Path | None:
    for candidate in files.list_backups():
        try:
            data = candidate.read_bytes()
            data = codec.open(data, "snapshot") if codec else data
            if isinstance(orjson.loads(data), dict):
                return candidate
        except Exception:
            continue
    return None


def restore_newest_backup(path: Path, codec=None) -> Path:
    files = LibraryFiles(Path(path))
    backup = newest_valid_backup(files, codec)
    if backup is None:
        raise StoreError(f"no valid backup of {files.main} was found in {files.backups}")
    lock = WriterLock(files.lock, files.main)
    lock.acquire()
    try:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        for damaged in (files.main, files.journal):
            if damaged.exists():
                os.replace(damaged, damaged.with_name(f"{damaged.name}.damaged-{stamp}"))
        atomic_write(files.main, backup.read_bytes())
        fsync_dir(files.main.parent)
    finally:
        lock.release()
    return backup
