"""Encrypt, decrypt, re-key a library, or change its passphrase — crash-safely.

Changing the passphrase rewraps the data key: only ``<library>.key`` is
rewritten (one atomic write); the data never moves.  Converting (plain ->
encrypted, encrypted -> plain, or re-keying under a new data key) rewrites
everything, in three phases:

1. **prepare** — under the writer lock, the complete new form is written
   beside the old one under ``*.converting`` names: the snapshot (holding every
   journal entry), the key file, every backup re-sealed, every photo re-sealed
   under its new name (the records' photo names are rewritten to match).
   Nothing of the old form is touched; a crash here leaves the old library
   exactly as it was and the next open deletes the staging files.
2. **commit** — one atomic write of ``<library>.convert``, the plan naming what
   replaces what.  From this instant the new form is the library.
3. **finish** — the staged files replace the old ones, and the journal, the
   old backups, old photos, the old key (when decrypting) and stray temp files
   are deleted; then the plan is deleted.  Every step can be repeated, so a
   crash here is finished by the next open (:func:`recover_conversion`, called
   by :meth:`Library.open`).

Old plaintext is deleted only after the new form is durable.  Deleting is all
a program can do: on SSDs and journaling or copy-on-write file systems earlier
plaintext may survive in free blocks (see ``docs/security.md``).
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .atomic import atomic_write, fsync_dir
from .codec import SEALED_MAGIC, CodecError, PlainCodec
from .errors import StoreError
from .journal_storage import META_TABLE, JournalStorage, LibraryFiles
from .lock import WriterLock
from .media import MEDIA_NAME
from .unlock import conversion_marker, is_encrypted

STAGED = ".converting"
PHOTO_TABLE = "officials"


@dataclass
class ConversionReport:
    to: str
    records: int = 0
    photos: int = 0
    backups: int = 0
    dropped_backups: list[str] = field(default_factory=list)
    leftovers: int = 0

    def summary(self) -> str:
        text = (f"{self.records} records, {self.photos} photos and {self.backups} backups "
                f"are now {'encrypted' if self.to == 'encrypted' else 'unencrypted'}")
        if self.dropped_backups:
            text += f"; {len(self.dropped_backups)} unreadable backups were removed"
        return text


def _staged(path: Path) -> Path:
    return path.with_name(path.name + STAGED)


def _leftovers(files: LibraryFiles) -> list[Path]:
    """Damaged files kept by restore-backup (``<main>.damaged-*``, ``<main>.journal.damaged-*``)."""
    folder = files.main.parent
    found = list(folder.glob(f"{files.main.name}.damaged-*"))
    found += folder.glob(f"{files.journal.name}.damaged-*")
    return sorted(p for p in found if not p.name.endswith(STAGED))


def _temp_leftovers(files: LibraryFiles) -> list[Path]:
    """Temp files of interrupted atomic writes (plaintext in a plain library)."""
    folder = files.main.parent
    return sorted(folder.glob(f".{files.main.name}*.tmp"))


def _staging_paths(files: LibraryFiles) -> list[Path]:
    paths = [_staged(files.main), _staged(files.key), _staged(files.backups), _staged(files.media)]
    return paths + [_staged(p) for p in _leftovers(files)]


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


# -- recovery -------------------------------------------------------------------------------
def _finish(files: LibraryFiles, plan: dict) -> None:
    folder = files.main.parent
    for src, dst in plan["replace"]:
        src, dst = folder / src, folder / dst
        if src.exists():
            if src.is_dir():
                if dst.exists():
                    _remove(dst)
                os.rename(src, dst)
            else:
                os.replace(src, dst)
    for name in plan["remove"]:
        _remove(folder / name)
    for temp in _temp_leftovers(files):
        temp.unlink(missing_ok=True)
    fsync_dir(folder)
    conversion_marker(files).unlink(missing_ok=True)
    fsync_dir(folder)


def needs_recovery(files: LibraryFiles) -> bool:
    return conversion_marker(files).exists() or any(p.exists() for p in _staging_paths(files))


def recover_conversion(files: LibraryFiles) -> None:
    """Finish a committed conversion, or undo an uncommitted one. Caller holds the writer lock."""
    marker = conversion_marker(files)
    if marker.exists():
        try:
            plan = json.loads(marker.read_bytes())
            plan["replace"], plan["remove"]  # noqa: B018 - shape check
        except (ValueError, KeyError, TypeError):
            raise StoreError(f"{marker} (the record of an interrupted encryption change) is "
                             "damaged; nothing was changed. Keep all the library's files and "
                             "ask for help.") from None
        _finish(files, plan)
        return
    staged = [p for p in _staging_paths(files) if p.exists()]
    for path in staged:   # never committed: the old form is intact, drop the new one
        _remove(path)
    if staged:
        fsync_dir(files.main.parent)


def finish_interrupted_conversion(path: str | Path) -> None:
    """Before reading the key of a library: finish or undo an interrupted conversion.

    Needs the writer lock; if another process holds it, that process already did this.
    """
    from .lock import LibraryLockedError
    files = LibraryFiles(Path(path))
    if not needs_recovery(files):
        return
    lock = WriterLock(files.lock, files.main)
    try:
        lock.acquire()
    except LibraryLockedError:
        return
    try:
        recover_conversion(files)
    finally:
        lock.release()


# -- conversion --------------------------------------------------------------------------
def _check_alone(files: LibraryFiles) -> None:
    """The media folder is shared by every library in a folder; convert only a lone library."""
    folder = files.main.parent
    own = {files.journal.name, files.lock.name, files.key.name}
    for sibling in folder.iterdir():
        if sibling.name in own or not sibling.is_file():
            continue
        for suffix in (".journal", ".lock", ".key"):
            other = sibling.name[:-len(suffix)]
            # another library's journal or lock, or the key beside another library's file
            if sibling.name.endswith(suffix) and (suffix != ".key" or (folder / other).is_file()):
                raise StoreError(f"{files.main} shares its folder (and its photos) with another "
                                 f"library ({other}); move it to a folder of its own first. "
                                 "Nothing was changed.")
    if files.media.is_dir():
        for item in files.media.iterdir():
            if item.name.startswith(".") and item.name.endswith(".tmp"):
                continue  # an interrupted photo write: deleted with the old folder
            if not MEDIA_NAME.match(item.name) or not item.is_file():
                raise StoreError(f"{item} is not a Briefbook photo; move it out of the media "
                                 "folder first. Nothing was changed.")


def _rename_photos(data: dict, renamed: dict[str, str]) -> dict:
    for doc in data.get(PHOTO_TABLE, {}).values():
        if isinstance(doc, dict) and doc.get("photo") in renamed:
            doc["photo"] = renamed[doc["photo"]]
    return data


def _prepare(files: LibraryFiles, old, new, key_bytes: bytes | None,
             report: ConversionReport) -> dict:
    folder = files.main.parent
    replace: list[list[str]] = []

    storage = JournalStorage(files.main, read_only=True, codec=old)
    try:
        data = storage.read()
        seq = storage._seq
    finally:
        storage.close()

    # Photos: each opened with the old key, checked, sealed under its new name.
    renamed: dict[str, str] = {}
    staged_media = _staged(files.media)
    staged_media.mkdir()
    if files.media.is_dir():
        for item in sorted(files.media.iterdir()):
            if not MEDIA_NAME.match(item.name):
                continue
            try:
                plain = old.open(item.read_bytes(), f"media:{item.name}")
            except CodecError as exc:
                raise exc.for_file(item) from None
            name = f"{new.media_name(plain)}{item.suffix}"
            atomic_write(staged_media / name, new.seal(plain, f"media:{name}"))
            renamed[item.name] = name
            report.photos += 1
    fsync_dir(staged_media)
    replace.append([staged_media.name, files.media.name])

    # Backups: every readable one re-sealed (photo names updated); unreadable ones dropped.
    staged_backups = _staged(files.backups)
    staged_backups.mkdir()
    for backup in files.list_backups():
        try:
            snapshot = orjson.loads(old.open(backup.read_bytes(), "snapshot"))
            if not isinstance(snapshot, dict):
                raise ValueError("not a library")
        except (CodecError, ValueError):
            report.dropped_backups.append(backup.name)
            continue
        _rename_photos(snapshot, renamed)
        atomic_write(staged_backups / backup.name, new.seal(orjson.dumps(snapshot), "snapshot"))
        report.backups += 1
    fsync_dir(staged_backups)
    replace.append([staged_backups.name, files.backups.name])

    # Damaged files kept by an earlier restore: sealed whole (or opened back when decrypting).
    for leftover in _leftovers(files):
        raw = leftover.read_bytes()
        if new.encrypted and not raw.startswith(SEALED_MAGIC):
            payload = new.seal(raw, "leftover")
        elif raw.startswith(SEALED_MAGIC) and old.encrypted:
            try:
                payload = new.seal(old.open(raw, "leftover"), "leftover")
            except CodecError:
                continue   # a damaged file of the encrypted form: left as it is
        else:
            continue
        atomic_write(_staged(leftover), payload)
        replace.append([_staged(leftover).name, leftover.name])
        report.leftovers += 1

    # The snapshot, holding every journal entry.
    _rename_photos(data, renamed)
    data.setdefault(META_TABLE, {}).setdefault("1", {})["seq"] = seq
    report.records = sum(len(t) for name, t in data.items() if name != META_TABLE)
    atomic_write(_staged(files.main), new.seal(orjson.dumps(data), "snapshot"))
    if key_bytes is not None:
        atomic_write(_staged(files.key), key_bytes)
        replace.append([_staged(files.key).name, files.key.name])
    replace.insert(0, [_staged(files.main).name, files.main.name])
    remove = [files.journal.name] + ([] if key_bytes is not None else [files.key.name])
    fsync_dir(folder)
    return {"to": "encrypted" if new.encrypted else "plain", "replace": replace, "remove": remove}


def _convert(path: Path, old, new, key_bytes: bytes | None) -> ConversionReport:
    files = LibraryFiles(Path(path))
    files.main.parent.mkdir(parents=True, exist_ok=True)
    lock = WriterLock(files.lock, files.main)
    lock.acquire()
    try:
        recover_conversion(files)
        _check_alone(files)
        report = ConversionReport("encrypted" if new.encrypted else "plain")
        try:
            plan = _prepare(files, old, new, key_bytes, report)
        except BaseException:
            recover_conversion(files)   # nothing committed: drop what was staged
            raise
        atomic_write(conversion_marker(files), json.dumps(plan).encode("utf-8"))  # the commit
        _finish(files, plan)
        return report
    finally:
        lock.release()


def encrypt_library(path: str | Path, passphrase: str) -> ConversionReport:
    """Encrypt a plain library (or create an empty encrypted one) under *passphrase*."""
    from .crypto import EncryptedCodec, KeyFile, check_new_passphrase
    finish_interrupted_conversion(path)
    if is_encrypted(path):
        raise StoreError(f"The library {path} is already encrypted.")
    check_new_passphrase(passphrase)
    codec, data_key = EncryptedCodec.generate()
    key_bytes = KeyFile.create(passphrase, data_key).to_bytes()
    return _convert(Path(path), PlainCodec(), codec, key_bytes)


def decrypt_library(path: str | Path, passphrase: str) -> ConversionReport:
    """Turn an encrypted library back into a plain one (its files become readable)."""
    from .crypto import EncryptedCodec
    finish_interrupted_conversion(path)
    if not is_encrypted(path):
        raise StoreError(f"The library {path} is not encrypted.")
    old = EncryptedCodec.unlock(Path(path), passphrase)
    return _convert(Path(path), old, PlainCodec(), None)


def change_passphrase(path: str | Path, old_passphrase: str, new_passphrase: str, *,
                      rekey: bool = False, library=None) -> ConversionReport | None:
    """Set a new passphrase.

    By default the data key is re-wrapped: only the key file changes (instant,
    atomic).  With ``rekey=True`` everything is re-encrypted under a fresh data
    key, so a copy of the old key file plus the old passphrase opens nothing
    written afterwards — nor the current files.  *library*: the open, writable
    :class:`Library` at *path* (its writer lock is used); not allowed with
    ``rekey``, which needs the library closed.
    """
    from .crypto import EncryptedCodec, KeyFile, check_new_passphrase
    path = Path(path)
    if library is None:
        finish_interrupted_conversion(path)
    if not is_encrypted(path):
        raise StoreError(f"The library {path} is not encrypted.")
    check_new_passphrase(new_passphrase)
    if rekey:
        if library is not None:
            raise StoreError("Close the library before re-encrypting it under a new key.")
        old = EncryptedCodec.unlock(path, old_passphrase)
        codec, data_key = EncryptedCodec.generate()
        return _convert(path, old, codec, KeyFile.create(new_passphrase, data_key).to_bytes())
    files = LibraryFiles(path)
    lock = None
    if library is None or library.read_only or Path(library.path) != files.main:
        lock = WriterLock(files.lock, files.main)
        lock.acquire()
    try:
        if lock is not None:
            recover_conversion(files)
        data_key = KeyFile.read(files.main).unwrap(old_passphrase, files.main)
        atomic_write(files.key, KeyFile.create(new_passphrase, data_key).to_bytes())
    finally:
        if lock is not None:
            lock.release()
    return None
