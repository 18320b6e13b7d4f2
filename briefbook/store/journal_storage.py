"""A crash-safe TinyDB ``Storage``: in-memory working set, snapshot + append-only journal.

TinyDB's own ``JSONStorage`` rewrites the whole file in place on every change
(seek, write, truncate): a crash mid-write loses the library.  Here:

* the working set lives in memory, so a query never re-reads the file;
* a commit appends one checksummed line to ``<name>.journal`` holding only the
  documents that changed, and is acknowledged after ``fsync`` — its cost is
  what changed, not the library's size;
* compaction writes a full snapshot atomically (temp file, fsync, rename,
  fsync folder) carrying the journal sequence number it includes, keeps the
  previous snapshot as a rolling backup, then empties the journal;
* on open, the snapshot is read and journal entries newer than it replayed.
  A torn last line (a commit that was never acknowledged) is dropped; any
  other damage raises :class:`CorruptLibraryError` naming the file.
"""
from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

import orjson
from tinydb.storages import Storage

from .atomic import atomic_write, fsync_dir
from .codec import CodecError, PlainCodec
from .errors import StoreError

SCHEMA_VERSION = 1
META_TABLE = "_meta"
KEEP_BACKUPS = 5

# Migrations: {from_version: function(data) -> data at from_version + 1}
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


class CorruptLibraryError(StoreError):
    def __init__(self, path: Path, reason: str, backup: Path | None):
        self.path = Path(path)
        self.reason = reason
        self.backup = backup
        hint = (f" The newest valid backup is {backup}; restore it with "
                f"'briefbook --db {self.path} restore-backup'." if backup
                else " No valid backup was found.")
        super().__init__(f"The library file {self.path} is damaged ({reason}); it has not been "
                         f"changed.{hint}")


class NewerSchemaError(StoreError):
    pass


@dataclass
class LibraryFiles:
    """Where one library's files live, all derived from its main file."""

    main: Path
    journal: Path = field(init=False)
    backups: Path = field(init=False)
    media: Path = field(init=False)
    lock: Path = field(init=False)

    def __post_init__(self) -> None:
        self.main = Path(self.main).absolute()
        stem = self.main.name
        folder = self.main.parent
        self.journal = folder / f"{stem}.journal"
        self.backups = folder / f"{stem}.backups"
        self.media = folder / "media"
        self.lock = folder / f"{stem}.lock"
        self.key = folder / f"{stem}.key"

    def list_backups(self) -> list[Path]:
        """Backups, newest first."""
        if not self.backups.is_dir():
            return []
        return sorted(self.backups.glob("*.json"), reverse=True)


def _checksum(body: bytes) -> bytes:
    return b"%08x" % (zlib.crc32(body) & 0xFFFFFFFF)


class JournalStorage(Storage):
    """TinyDB storage over a snapshot file and a journal. See the module docstring."""

    def __init__(self, path: str | Path, *, read_only: bool = False, codec=None,
                 compact_bytes: int = 4 * 1024 * 1024):
        self.files = LibraryFiles(Path(path))
        self.read_only = read_only
        self.codec = codec or PlainCodec()
        self.compact_bytes = compact_bytes
        self._data: dict[str, dict[str, Any]] = {}
        self._seq = 0            # last sequence number applied
        self._snapshot_seq = 0   # sequence number the snapshot on disk includes
        self._journal_handle = None
        self._journal_size = 0
        self._pending: set[tuple[str, str]] | None = None
        self._dirty_all = False
        self._load()

    # -- loading ---------------------------------------------------------------
    def _decode_snapshot(self, raw: bytes, path: Path) -> dict:
        try:
            data = orjson.loads(self.codec.open(raw, "snapshot"))
        except CodecError as exc:
            raise exc.for_file(path, self.newest_valid_backup()) from None
        except (orjson.JSONDecodeError, ValueError) as exc:
            raise CorruptLibraryError(path, f"not valid JSON: {exc}", self.newest_valid_backup()) from None
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise CorruptLibraryError(path, "not a library", self.newest_valid_backup())
        return data

    def _load(self) -> None:
        main = self.files.main
        if main.exists():
            raw = main.read_bytes()
            if not raw.strip():
                raise CorruptLibraryError(main, "the file is empty", self.newest_valid_backup())
            data = self._decode_snapshot(raw, main)
        else:
            data = {}
        meta = data.setdefault(META_TABLE, {}).setdefault("1", {})
        schema = meta.get("schema", SCHEMA_VERSION)
        if schema > SCHEMA_VERSION:
            raise NewerSchemaError(f"{main} was written by a newer Briefbook (schema {schema}); "
                                   f"this version reads schema {SCHEMA_VERSION}.")
        while schema < SCHEMA_VERSION:
            data = MIGRATIONS[schema](data)
            schema += 1
            self._dirty_all = True
        meta = data[META_TABLE]["1"]
        meta["schema"] = SCHEMA_VERSION
        self._snapshot_seq = self._seq = int(meta.get("seq", 0))
        self._data = data
        self._replay_journal()

    def _replay_journal(self) -> None:
        path = self.files.journal
        if not path.exists():
            return
        raw = path.read_bytes()
        good_end = 0
        offset = 0
        while offset < len(raw):
            newline = raw.find(b"\n", offset)
            if newline == -1:  # torn tail: this commit was never acknowledged
                break
            line = raw[offset:newline]
            try:
                entry = self._decode_line(line)
            except CodecError as exc:
                raise exc.for_file(path, self.newest_valid_backup()) from None
            if entry is None:
                if raw.find(b"\n", newline + 1) == -1 and newline + 1 >= len(raw):
                    break  # a damaged last line is a torn write, not corruption
                raise CorruptLibraryError(path, f"journal entry at byte {offset} is damaged",
                                          self.newest_valid_backup())
            seq, ops = entry
            if seq > self._seq:
                for table, doc_id, doc in ops:
                    target = self._data.setdefault(table, {})
                    if doc is None:
                        target.pop(doc_id, None)
                    else:
                        target[doc_id] = doc
                self._seq = seq
            offset = good_end = newline + 1
        self._journal_size = good_end
        if good_end < len(raw) and not self.read_only:
            # Drop the unacknowledged torn tail so later appends start on a clean line.
            with open(path, "r+b") as handle:
                handle.truncate(good_end)
                os.fsync(handle.fileno())

    def _decode_line(self, line: bytes):
        if len(line) < 10 or line[8:9] != b" ":
            return None
        checksum, body = line[:8], line[9:]
        if _checksum(body) != checksum:
            return None
        try:
            entry = orjson.loads(self.codec.open_line(body))
            return int(entry["seq"]), [(t, str(i), d) for t, i, d in entry["ops"]]
        except CodecError:
            raise
        except Exception:
            return None

    # -- TinyDB Storage API ----------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]]:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise StoreError(f"{self.files.main} is open read-only")
        self._data = data
        if self._pending is None:
            # A write outside a transaction: we do not know what changed, so
            # persist everything (correct, just not cheap).
            self._dirty_all = True
            self.commit()

    def close(self) -> None:
        if self._journal_handle is not None:
            self._journal_handle.close()
            self._journal_handle = None

    # -- transactions -----------------------------------------------------------------
    def begin(self) -> None:
        if self._pending is not None:
            raise StoreError("a transaction is already open")
        self._pending = set()

    def touch(self, table: str, doc_id: str) -> None:
        """Note that a document changed inside the open transaction."""
        if self._pending is None:
            raise StoreError("no transaction is open")
        self._pending.add((table, str(doc_id)))

    def rollback(self, saved: dict[str, dict[str, Any]]) -> None:
        self._data = saved
        self._pending = None

    def commit(self) -> None:
        """Make the open transaction durable. Returns only once it is on disk."""
        pending, self._pending = self._pending, None
        if self.read_only:
            raise StoreError(f"{self.files.main} is open read-only")
        if self._dirty_all:
            self._seq += 1
            self.compact()
            return
        if not pending:
            return
        ops = []
        for table, doc_id in sorted(pending):
            ops.append((table, doc_id, self._data.get(table, {}).get(doc_id)))
        try:
            encoded = orjson.dumps({"seq": self._seq + 1, "ops": ops})
        except TypeError as exc:  # e.g. a lone surrogate that validation did not catch
            raise StoreError(f"a changed record cannot be stored: {exc}") from None
        self._seq += 1
        body = self.codec.seal_line(encoded)
        line = _checksum(body) + b" " + body + b"\n"
        handle = self._journal()
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())
        self._journal_size += len(line)
        if self._journal_size > self.compact_bytes:
            self.compact()

    def _journal(self):
        if self._journal_handle is None:
            existed = self.files.journal.exists()
            self.files.main.parent.mkdir(parents=True, exist_ok=True)
            self._journal_handle = open(self.files.journal, "ab")
            if not existed:
                fsync_dir(self.files.main.parent)
        return self._journal_handle

    # -- snapshot, backups --------------------------------------------------------------
    def compact(self) -> None:
        """Write a full snapshot atomically, keep the old one as a backup, empty the journal."""
        if self.read_only:
            return
        if (self.files.main.exists() and self._snapshot_seq == self._seq and not self._dirty_all
                and self._journal_size == 0):
            return  # the snapshot on disk is already current
        self._data.setdefault(META_TABLE, {}).setdefault("1", {}).update(
            {"schema": SCHEMA_VERSION, "seq": self._seq})
        payload = self.codec.seal(orjson.dumps(self._data), "snapshot")
        main = self.files.main
        main.parent.mkdir(parents=True, exist_ok=True)
        if main.exists() and self._snapshot_seq != self._seq:
            self._keep_backup()
        atomic_write(main, payload)
        self._snapshot_seq = self._seq
        self._dirty_all = False
        # The snapshot now holds every journal entry (its seq says so): empty the journal.
        if self._journal_handle is not None:
            self._journal_handle.close()
            self._journal_handle = None
        if self.files.journal.exists():
            with open(self.files.journal, "r+b") as handle:
                handle.truncate(0)
                os.fsync(handle.fileno())
        self._journal_size = 0

    def _keep_backup(self) -> None:
        folder = self.files.backups
        folder.mkdir(exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{self.files.main.stem}-{stamp}-{self._snapshot_seq:08d}.json"
        try:
            os.link(self.files.main, target)  # the old snapshot file is never modified again
        except OSError:
            atomic_write(target, self.files.main.read_bytes())
        fsync_dir(folder)
        for old in self.files.list_backups()[KEEP_BACKUPS:]:
            old.unlink(missing_ok=True)

    def newest_valid_backup(self) -> Path | None:
        for candidate in self.files.list_backups():
            try:
                data = orjson.loads(self.codec.open(candidate.read_bytes(), "snapshot"))
                if isinstance(data, dict):
                    return candidate
            except Exception:
                continue
        return None
