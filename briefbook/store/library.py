"""The user's library: records and books in TinyDB over a crash-safe storage.

Usage::

    with Library.open(path) as lib:
        lib.put(Official(id="kung-phoak", name="KUNG Phoak"))
        lib.get("official:kung-phoak")

Every public write is one atomic, durable commit; :meth:`transaction` groups
several writes into one commit (all or nothing).  Validation errors name the
record and field, and leave the library untouched.  No Qt here.
"""
from __future__ import annotations

import copy
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import platformdirs
from tinydb import TinyDB
from tinydb.table import Document, Table

from ..model import RECORD_TYPES, TABLES, Book, ValidationError, now_timestamp
from ..model.book import parse_ref
from ..search import Hit, SearchIndex
from .journal_storage import JournalStorage, StoreError
from .lock import WriterLock
from . import references
from .media import MediaStore
from .unlock import settle_before_open

BOOKS_TABLE = "books"
ALL_TABLES = {**TABLES, "book": BOOKS_TABLE}
KIND_OF_TABLE = {table: kind for kind, table in ALL_TABLES.items()}
TYPES = {**RECORD_TYPES, "book": Book}


class RecordChangedError(StoreError):
    """A record is no longer what an undo/redo expected (something else changed it since);
    nothing was written."""

    def __init__(self, ref: str, message: str):
        super().__init__(f"{ref}: {message}")
        self.ref = ref


def same_content(a: dict | None, b: dict | None) -> bool:
    """Two stored documents hold the same record, whenever each was stamped (``updated``)."""
    if a is None or b is None:
        return a is b
    return {k: v for k, v in a.items() if k != "updated"} == \
        {k: v for k, v in b.items() if k != "updated"}


class _StrIdTable(Table):
    """Documents keyed by the record's own id (O(1) get by id)."""

    document_id_class = str


class _TinyDB(TinyDB):
    table_class = _StrIdTable


def default_library_path() -> Path:
    """``BRIEFBOOK_DB`` if set, else ``library.json`` in the user data folder."""
    env = os.environ.get("BRIEFBOOK_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("Briefbook", appauthor=False)) / "library.json"


class Library:
    def __init__(self, storage: JournalStorage, lock: WriterLock | None):
        self._storage = storage
        self._lock = lock
        self._db = _TinyDB(storage=lambda: storage)
        self._tables = {kind: self._db.table(name) for kind, name in ALL_TABLES.items()}
        self._objects: dict[str, Any] = {}
        self._write_lock = threading.RLock()
        self._in_transaction = False
        self._listeners: list = []
        self.media = MediaStore(storage.files.media, storage.codec if storage.codec.encrypted else None)
        self.index = SearchIndex()
        data = storage.read()
        self.index.build_async([(f"{kind}:{doc_id}", raw)
                                for kind, table in ALL_TABLES.items()
                                for doc_id, raw in data.get(table, {}).items()])

    # -- opening and closing ---------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False,
             codec=None, compact_bytes: int | None = None) -> "Library":
        path = Path(path) if path is not None else default_library_path()
        if path.is_dir():
            raise StoreError(f"{path} is a folder; name the library file, e.g. {path / 'library.json'}")
        lock = None
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            from .journal_storage import LibraryFiles
            lock = WriterLock(LibraryFiles(path).lock, path)
            lock.acquire()
        try:
            settle_before_open(path, codec, have_lock=lock is not None)
            extra = {"compact_bytes": compact_bytes} if compact_bytes else {}
            storage = JournalStorage(path, read_only=read_only, codec=codec, **extra)
        except BaseException:
            if lock:
                lock.release()
            raise
        return cls(storage, lock)

    @property
    def path(self) -> Path:
        return self._storage.files.main

    @property
    def files(self):
        return self._storage.files

    @property
    def read_only(self) -> bool:
        return self._storage.read_only

    @property
    def is_empty(self) -> bool:
        data = self._storage.read()
        return not any(data.get(t) for t in ALL_TABLES.values())

    def close(self) -> None:
        if self._storage is None:
            return
        try:
            if not self.read_only:
                self._storage.compact()
        finally:
            self._storage.close()
            if self._lock:
                self._lock.release()
            self._storage = None

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- change notification (plain callbacks; the GUI adapts them to signals) ------------
    def subscribe(self, callback) -> None:
        """``callback(refs: list[str])`` after each commit, with the refs it changed."""
        self._listeners.append(callback)

    def unsubscribe(self, callback) -> None:
        if callback in self._listeners:
            self._listeners.remove(callback)

    # -- reading ------------------------------------------------------------------------------
    def raw(self, kind: str) -> dict[str, dict]:
        """The stored dicts of one kind, keyed by id. Read-only view: do not mutate."""
        return self._storage.read().get(ALL_TABLES[kind], {})

    def ids(self, kind: str) -> list[str]:
        return list(self.raw(kind))

    def count(self, kind: str) -> int:
        return len(self.raw(kind))

    def get(self, ref: str) -> Any | None:
        """The record for 'kind:id' (or None if there is none)."""
        kind, _, record_id = ref.partition(":")
        if kind not in TYPES:
            raise ValueError(f"{ref!r} is not a record reference like 'official:ID'")
        cached = self._objects.get(ref)
        if cached is not None:
            return cached
        raw = self.raw(kind).get(record_id)
        if raw is None:
            return None
        obj = TYPES[kind].from_dict(raw)
        self._objects[ref] = obj
        return obj

    def exists(self, ref: str) -> bool:
        kind, _, record_id = ref.partition(":")
        return kind in TYPES and record_id in self.raw(kind)

    def all(self, kind: str) -> list:
        items = [self.get(f"{kind}:{record_id}") for record_id in self.raw(kind)]
        return sorted(items, key=lambda r: r.sort_key() if hasattr(r, "sort_key") else r.title)

    def officials(self):
        return self.all("official")

    def events(self):
        return self.all("event")

    def partnerships(self):
        return self.all("partnership")

    def books(self) -> list[Book]:
        return sorted((self.get(f"book:{i}") for i in self.raw("book")),
                      key=lambda b: b.updated or "", reverse=True)

    def events_with(self, official_id: str) -> list:
        """Events an official took part in, oldest first."""
        found = [self.get(f"event:{eid}") for eid, raw in self.raw("event").items()
                 if official_id in (raw.get("participants") or [])]
        return sorted(found, key=lambda e: e.sort_key())

    def search(self, text: str, kinds=None, limit: int | None = 50, wait: bool = True) -> list[Hit]:
        """Ranked hits, best first (*limit* None for all)."""
        return self.index.search(text, kinds=kinds, limit=limit, wait=wait)

    def matching_refs(self, text: str, wait: bool = True) -> set[str] | None:
        """Every ref matching *text* (unranked, for filtering views); None for an empty query."""
        return self.index.matching_refs(text, wait=wait)

    # -- writing -----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator["Library"]:
        """Group writes into one durable commit; on any error nothing is changed."""
        with self._write_lock:
            if self._in_transaction:
                yield self
                return
            self._check_writable()
            saved = {name: dict(table) for name, table in self._storage.read().items()}
            saved_objects = dict(self._objects)
            self._changed: list[str] = []
            self._storage.begin()
            self._in_transaction = True
            try:
                yield self
                self._validate_pending()
                self._storage.commit()
            except BaseException:
                self._storage.rollback(saved)
                self._objects = saved_objects
                for table in self._tables.values():
                    table.clear_cache()
                raise
            finally:
                self._in_transaction = False
            changed, self._changed = self._changed, []
        for ref in changed:
            self.index.update(ref, self._raw_of(ref))
        for callback in list(self._listeners):
            callback(changed)

    def _raw_of(self, ref: str) -> dict | None:
        kind, _, record_id = ref.partition(":")
        return self.raw(kind).get(record_id)

    def _check_writable(self) -> None:
        if self._storage is None:
            raise StoreError("the library is closed")
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")

    def put(self, record: Any, *, keep_updated: bool = False) -> Any:
        """Validate and save one record or book (insert or replace). Returns what was saved."""
        with self.transaction():
            return self.stage(record, keep_updated)

    def put_many(self, records, *, keep_updated: bool = False) -> None:
        with self.transaction():
            self.stage_many(records, keep_updated=keep_updated)

    def stage(self, record: Any, keep_updated: bool = False) -> Any:
        """Save a record inside an open :meth:`transaction` (committed with it)."""
        if not self._in_transaction:
            raise StoreError("stage() needs an open transaction; use put()")
        kind = record.KIND
        raw = record.to_dict()
        if not keep_updated or not raw.get("updated"):
            raw["updated"] = now_timestamp()
        saved = TYPES[kind].from_dict(copy.deepcopy(raw))  # the import rules, every time
        table = self._tables[kind]
        # Replace, never mutate in place: a rollback restores the old dict objects.
        if saved.id in self.raw(kind):
            table.remove(doc_ids=[saved.id])
        table.insert(Document(raw, doc_id=saved.id))
        self._storage.touch(ALL_TABLES[kind], saved.id)
        self._objects[f"{kind}:{saved.id}"] = saved
        self._changed.append(f"{kind}:{saved.id}")
        return saved

    def stage_many(self, records, *, keep_updated: bool = False) -> list:
        """Save many records inside an open transaction, one table pass per kind."""
        if not self._in_transaction:
            raise StoreError("stage_many() needs an open transaction")
        by_kind: dict[str, list] = {}
        for record in records:
            raw = record.to_dict()
            if not keep_updated or not raw.get("updated"):
                raw["updated"] = now_timestamp()
            saved = TYPES[record.KIND].from_dict(copy.deepcopy(raw))
            by_kind.setdefault(record.KIND, []).append((saved, raw))
        out = []
        for kind, pairs in by_kind.items():
            table = self._tables[kind]
            existing = self.raw(kind)
            replace_ids = [saved.id for saved, _ in pairs if saved.id in existing]
            if replace_ids:
                table.remove(doc_ids=replace_ids)
            table.insert_multiple(Document(raw, doc_id=saved.id) for saved, raw in pairs)
            for saved, _ in pairs:
                self._storage.touch(ALL_TABLES[kind], saved.id)
                self._objects[f"{kind}:{saved.id}"] = saved
                self._changed.append(f"{kind}:{saved.id}")
                out.append(saved)
        return out

    def referrers(self, ref: str) -> list[str]:
        """The events and books that point at *ref* (see :mod:`.references`)."""
        return references.referrers(self, ref)

    def delete(self, ref: str) -> bool:
        """Delete a record or book, and in the same commit take it out of the events'
        participants/partnerships and the books' sections that point at it."""
        kind, record_id = (parse_ref(ref) if not ref.startswith("book:")
                           else ("book", ref.partition(":")[2]))
        with self.transaction():
            if record_id not in self.raw(kind):
                return False
            for holder in references.referrers(self, ref):
                self.stage(references.without(self, holder, ref))
            self._tables[kind].remove(doc_ids=[record_id])
            self._storage.touch(ALL_TABLES[kind], record_id)
            self._objects.pop(ref, None)
            self._changed.append(ref)
        return True

    def _validate_pending(self) -> None:
        """Cross-record rules, checked before a commit: events point at existing records."""
        for ref in self._changed:
            if not ref.startswith("event:"):
                continue
            raw = self._raw_of(ref)
            if raw is None:
                continue
            for field, kind in (("participants", "official"), ("partnerships", "partnership")):
                for i, target in enumerate(raw.get(field) or []):
                    if target not in self.raw(kind):
                        raise ValidationError("event", raw["id"], f"{field}[{i}]",
                                              f"no {kind} with id {target!r} in the library")

    # -- putting documents back (undo) ----------------------------------------------------
    def snapshot(self, refs: Iterable[str]) -> dict[str, dict | None]:
        """Copies of the stored documents of *refs*, exactly as stored (None where the library
        has no such record): what :meth:`restore` puts back."""
        out: dict[str, dict | None] = {}
        for ref in refs:
            kind = ref.partition(":")[0]
            if kind not in TYPES:
                raise ValueError(f"{ref!r} is not a record reference like 'official:ID'")
            raw = self._raw_of(ref)
            out[ref] = copy.deepcopy(raw) if raw is not None else None
        return out

    def restore(self, docs: Mapping[str, dict | None], *,
                expect: Mapping[str, dict | None] | None = None) -> list[str]:
        """Put stored documents back exactly as given (None removes the record), in one
        transaction; ``updated`` is kept as it is in *docs*.  Returns the refs written.

        With *expect* (another :meth:`snapshot`), first check that each of its records still
        holds what it says, ignoring ``updated``; if one was changed since, raise
        :class:`RecordChangedError` naming it.  Documents are validated like any write
        (cross-record rules included).  On any error nothing is written.
        """
        with self.transaction():
            for ref, wanted in (expect or {}).items():
                current = self._raw_of(ref)
                if not same_content(current, wanted):
                    what = ("is no longer in the library" if current is None else
                            "was added since" if wanted is None else "was changed since")
                    raise RecordChangedError(ref, what)
            written = []
            for ref, raw in docs.items():
                kind, _, record_id = ref.partition(":")
                if kind not in TYPES:
                    raise ValueError(f"{ref!r} is not a record reference like 'official:ID'")
                current = self.raw(kind).get(record_id)
                if current == raw:
                    continue
                table = self._tables[kind]
                if raw is None:
                    table.remove(doc_ids=[record_id])
                    self._objects.pop(ref, None)
                else:
                    saved = TYPES[kind].from_dict(copy.deepcopy(raw))  # the import rules
                    if saved.id != record_id:
                        raise ValidationError(kind, record_id, "id",
                                              f"the document to restore has id {saved.id!r}")
                    if current is not None:
                        table.remove(doc_ids=[record_id])
                    table.insert(Document(copy.deepcopy(raw), doc_id=record_id))
                    self._objects[ref] = saved
                self._storage.touch(ALL_TABLES[kind], record_id)
                self._changed.append(ref)
                written.append(ref)
        return written

    # -- media -------------------------------------------------------------------------------
    def add_photo(self, source: str | Path | bytes, label: str = "photo") -> str:
        """Store a JPEG/PNG in the media folder; returns the name to put in ``Official.photo``."""
        self._check_writable()
        if isinstance(source, (bytes, bytearray)):
            return self.media.add(bytes(source), label)
        return self.media.add_file(Path(source))

    def photo_bytes(self, name: str) -> bytes | None:
        if not name or not self.media.exists(name):
            return None
        return self.media.read(name)

    # -- maintenance ------------------------------------------------------------------------
    def compact(self) -> None:
        with self._write_lock:
            self._check_writable()
            self._storage.compact()
