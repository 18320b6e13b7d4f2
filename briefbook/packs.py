"""Library packs: the offline exchange format (see ``docs/pack-format.md``).

A pack is ``pack.json`` or a zip (``.bbpack``) holding ``pack.json`` plus the
photos it names under ``media/``.  Import is all-or-nothing: every record is
validated, every reference resolved and every photo decoded *before* anything
is written; then one transaction merges by id (the newer ``updated`` wins).
"""
from __future__ import annotations

import copy
import io
import json
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import RECORD_TYPES, Book, ValidationError
from .model.validation import parse_timestamp
from .store.atomic import atomic_write
from .store.library import TYPES, Library
from .store.media import PhotoError, inspect_image

FORMAT = "briefbook-pack"
VERSION = 1
SECTIONS = {"official": "officials", "event": "events", "partnership": "partnerships",
            "book": "books"}
MAX_PACK_BYTES = 2 * 1024 ** 3
MAX_MEMBERS = 100_000


class PackError(ValueError):
    """The pack cannot be imported; the library was not changed."""


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # What the import replaced, for undo: {ref: the stored document before, None if added}.
    previous: dict[str, dict | None] = field(default_factory=dict, repr=False)

    def summary(self) -> str:
        return (f"{len(self.added)} added, {len(self.updated)} updated, "
                f"{len(self.skipped)} skipped (not newer than the library's copy)")

    def to_dict(self) -> dict:
        return {"added": self.added, "updated": self.updated, "skipped": self.skipped}


class _PackSource:
    """Reads pack.json and media from a folder or a zip, safely."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.zip: zipfile.ZipFile | None = None
        if not self.path.exists():
            raise PackError(f"{self.path}: no such file")
        if zipfile.is_zipfile(self.path):
            try:
                self.zip = zipfile.ZipFile(self.path)
            except zipfile.BadZipFile as exc:
                raise PackError(f"{self.path} is not a readable pack ({exc})") from None
            infos = self.zip.infolist()
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_PACK_BYTES:
                raise PackError(f"{self.path} is too large to import safely")
            self.names = {i.filename for i in infos}
            if "pack.json" not in self.names:
                raise PackError(f"{self.path} has no pack.json")

    def document(self) -> Any:
        try:
            raw = self.zip.read("pack.json") if self.zip else self.path.read_bytes()
        except (OSError, zipfile.BadZipFile, KeyError) as exc:
            raise PackError(f"cannot read {self.path}: {exc}") from None
        try:
            return json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackError(f"{self.path}: pack.json is not valid JSON ({exc})") from None

    def read_media(self, member: str) -> bytes | None:
        clean = posixpath.normpath(member)
        if clean.startswith(("/", "../")) or clean == ".." or "\\" in member:
            return None
        if self.zip:
            if clean not in self.names:
                return None
            return self.zip.read(clean)
        base = self.path.parent.resolve()
        target = (base / clean).resolve()
        if base not in target.parents or not target.is_file():
            return None
        return target.read_bytes()

    def close(self) -> None:
        if self.zip:
            self.zip.close()


def _newer(incoming: str, existing: str) -> bool:
    if not incoming:
        return False
    if not existing:
        return True
    return parse_timestamp(incoming) > parse_timestamp(existing)


def read_pack(path: Path, library: Library) -> tuple[list[Any], dict[str, bytes]]:
    """Parse and check a pack against *library*. Returns (records, photos by pack path)."""
    source = _PackSource(path)
    try:
        doc = source.document()
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise PackError(f"{path} is not a Briefbook pack (expected \"format\": \"{FORMAT}\")")
        version = doc.get("version")
        if not isinstance(version, int) or version > VERSION or version < 1:
            raise PackError(f"{path}: pack version {version!r} is not supported "
                            f"(this Briefbook reads version {VERSION})")
        records: list[Any] = []
        seen: set[str] = set()
        for kind, section in SECTIONS.items():
            raw_list = doc.get(section, [])
            if not isinstance(raw_list, list):
                raise PackError(f"{path}: \"{section}\" must be a list")
            for raw in raw_list:
                record = TYPES[kind].from_dict(raw)
                ref = f"{kind}:{record.id}"
                if ref in seen:
                    raise ValidationError(kind, record.id, "id", "appears twice in the pack")
                seen.add(ref)
                records.append(record)

        def known(ref: str) -> bool:
            return ref in seen or library.exists(ref)

        photos: dict[str, bytes] = {}
        for record in records:
            kind = record.KIND
            if kind == "event":
                for fname, target in (("participants", "official"), ("partnerships", "partnership")):
                    for i, rid in enumerate(getattr(record, fname)):
                        if not known(f"{target}:{rid}"):
                            raise ValidationError(kind, record.id, f"{fname}[{i}]",
                                                  f"no {target} with id {rid!r} in the pack or the library")
            elif kind == "book":
                for s, sec in enumerate(record.sections):
                    for i, item in enumerate(sec.items):
                        if not item.is_text and not known(item.ref):
                            raise ValidationError(kind, record.id, f"sections[{s}].items[{i}].ref",
                                                  f"{item.ref!r} is in neither the pack nor the library")
            elif kind == "official" and record.photo:
                data = source.read_media(record.photo)
                if data is None:
                    raise ValidationError(kind, record.id, "photo",
                                          f"{record.photo!r} is not in the pack")
                try:
                    inspect_image(data, label=record.photo)
                except PhotoError as exc:
                    raise ValidationError(kind, record.id, "photo", str(exc)) from None
                photos[record.photo] = data
        return records, photos
    finally:
        source.close()


def import_pack(library: Library, path: Path) -> ImportReport:
    """Merge a pack into the library, all or nothing. Raises PackError/ValidationError.

    The report's ``previous`` holds the stored documents the import replaced (None for the
    records it added): ``library.restore(report.previous)`` undoes it.
    """
    records, photos = read_pack(Path(path), library)
    report = ImportReport()
    # Everything is checked: store photos (content-addressed, idempotent), then commit once.
    stored = {pack_path: library.add_photo(data, label=pack_path) for pack_path, data in photos.items()}
    with library.transaction():
        accepted = []
        for record in records:
            ref = f"{record.KIND}:{record.id}"
            if record.KIND == "official" and record.photo:
                record.photo = stored[record.photo]
            existing = library.raw(record.KIND).get(record.id)
            if existing is None:
                report.added.append(ref)
            elif _newer(record.updated, existing.get("updated") or ""):
                report.updated.append(ref)
            else:
                report.skipped.append(ref)
                continue
            accepted.append(record)
            report.previous[ref] = copy.deepcopy(existing)
        library.stage_many(accepted, keep_updated=True)
    return report


def _closure(library: Library, book: Book) -> set[str]:
    """The book's references plus what its events point at, so the pack stands alone."""
    refs: set[str] = set()
    for ref in book.refs():
        if not library.exists(ref):
            continue
        refs.add(ref)
        if ref.startswith("event:"):
            event = library.get(ref)
            refs.update(f"official:{i}" for i in event.participants if library.exists(f"official:{i}"))
            refs.update(f"partnership:{i}" for i in event.partnerships
                        if library.exists(f"partnership:{i}"))
    return refs


def build_pack(library: Library, book_id: str | None = None) -> tuple[dict, dict[str, bytes]]:
    """The pack document and the photos it names (pack path -> bytes)."""
    if book_id is not None:
        book = library.get(f"book:{book_id}")
        if book is None:
            raise PackError(f"no book with id {book_id!r}")
        wanted = _closure(library, book)
        books = [book]
        # Drop references the library no longer has, so the pack imports cleanly.
        book_dict = book.to_dict()
        for section in book_dict["sections"]:
            section["items"] = [i for i in section["items"] if "ref" not in i or i["ref"] in wanted]
        book_dicts = [book_dict]
    else:
        wanted = {f"{kind}:{i}" for kind in RECORD_TYPES for i in library.ids(kind)}
        books = library.books()
        book_dicts = [b.to_dict() for b in books]
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    photos: dict[str, bytes] = {}
    for kind in RECORD_TYPES:
        items = []
        for rid in sorted(library.ids(kind)):
            if f"{kind}:{rid}" not in wanted:
                continue
            raw = library.get(f"{kind}:{rid}").to_dict()
            if kind == "official" and raw.get("photo"):
                data = library.photo_bytes(raw["photo"])
                if data is None:
                    raw["photo"] = ""
                else:
                    member = f"media/{raw['photo']}"
                    photos[member] = data
                    raw["photo"] = member
            items.append(raw)
        doc[SECTIONS[kind]] = items
    doc["books"] = book_dicts
    return doc, photos


def export_pack(library: Library, out: Path, book_id: str | None = None) -> Path:
    """Write a ``.bbpack`` (zip) of the library or of one book; atomic."""
    doc, photos = build_pack(library, book_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pack.json", json.dumps(doc, ensure_ascii=False, indent=1))
        for member, data in sorted(photos.items()):
            archive.writestr(zipfile.ZipInfo(member, date_time=(2024, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_STORED)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(out, buffer.getvalue())
    return out
