"""The library as a flat table: a thin model over ``library.raw(kind)``, plus its filter proxy.

Rows are record references (``official:ID`` ...); what a cell shows is read
from the stored dict when the view asks, so 10k officials are never parsed
into records just to be listed.  Sorting is done here on plain keys; the
proxy in ``library_filter`` filters by the refs the search index matches.
"""
from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from . import plain
from ..model.dates import DateError, PartialDate, format_range
from . import mime
from .icons import badge
from .thumbnails import ThumbnailCache

KINDS = ("official", "event", "partnership")
KIND_LABELS = {"official": "Official", "event": "Event", "partnership": "Partnership"}
COLUMNS = ("Name", "Kind", "Country / place", "Date")
RefRole = Qt.UserRole + 1
# Plain ints and precomputed flags: Qt enum arithmetic costs microseconds in PySide6.
_DISPLAY, _TOOLTIP, _DECORATION, _ACCESSIBLE = (
    int(Qt.DisplayRole.value), int(Qt.ToolTipRole.value), int(Qt.DecorationRole.value),
    int(Qt.AccessibleTextRole.value))
_REF = int(RefRole)
_ROW_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled
_OFFICIAL_FLAGS = _ROW_FLAGS | Qt.ItemIsDropEnabled
_ROOT_FLAGS = Qt.ItemIsDropEnabled
_HORIZONTAL = Qt.Horizontal
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


def _date(value) -> PartialDate | None:
    try:
        return PartialDate.parse_optional(value) if isinstance(value, str) else None
    except DateError:
        return None


def label_of(kind: str, raw: dict | None) -> str:
    if raw is None:
        return ""
    return (raw.get("title") if kind == "event" else raw.get("name")) or raw.get("id", "")


def current_position(raw: dict) -> dict | None:
    """The open-ended position starting last (or the latest one) of a raw official."""
    positions = [p for p in raw.get("positions") or [] if isinstance(p, dict)]
    if not positions:
        return None
    open_ended = [p for p in positions if not p.get("end")] or positions
    return max(open_ended, key=lambda p: p.get("start") or "")


def describe(kind: str, raw: dict) -> tuple[str, str, str]:
    """(name, country/place, date) shown for one raw record."""
    if kind == "official":
        native = raw.get("native_name") or ""
        name = raw.get("name") or raw.get("id", "")
        if native:
            name = f"{name}  ({native})"
        pos = current_position(raw)
        country = raw.get("country") or ""
        place = f"{pos.get('title')}, {country}" if pos and pos.get("title") else country
        return name, place, ""
    if kind == "event":
        return (raw.get("title") or raw.get("id", ""), raw.get("location") or "",
                format_range(_date(raw.get("start")), _date(raw.get("end"))))
    established = _date(raw.get("established"))
    return (raw.get("name") or raw.get("id", ""), ", ".join(raw.get("parties") or []),
            established.human() if established else "")


class LibraryModel(QAbstractTableModel):
    """All officials, events and partnerships, one row each."""

    photo_dropped = Signal(str, str)  # ref of an official, local image path

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.refs: list[str] = []
        self._row_of: dict[str, int] = {}
        self._display: dict[str, tuple[str, str, str]] = {}
        self._facets: dict[str, tuple] | None = None
        self._sort = (0, Qt.AscendingOrder)
        self._photo_refs: dict[str, set[str]] = {}
        self.thumbnails = ThumbnailCache(library, self)
        self.thumbnails.loaded.connect(self._thumbnail_loaded)
        self._load()

    # -- building --------------------------------------------------------------------------
    def _load(self) -> None:
        self._sort_refs()
        self._display.clear()
        self._facets = None

    def _reindex(self) -> None:
        self._row_of = {ref: row for row, ref in enumerate(self.refs)}

    def raw_of(self, ref: str) -> dict | None:
        kind, _, rid = ref.partition(":")
        return self.library.raw(kind).get(rid)

    def row_of(self, ref: str) -> int:
        return self._row_of.get(ref, -1)

    # -- Qt model API --------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.refs)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=_DISPLAY):
        if orientation == _HORIZONTAL and role == _DISPLAY and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def _cells(self, ref: str) -> tuple[str, str, str]:
        cells = self._display.get(ref)
        if cells is None:
            raw = self.raw_of(ref)
            cells = describe(ref.partition(":")[0], raw) if raw else (ref, "", "")
            if len(self._display) > 5000:
                self._display.clear()
            self._display[ref] = cells
        return cells

    def data(self, index, role=_DISPLAY):
        row = index.row()
        if row < 0 or row >= len(self.refs):
            return None
        if role == _DISPLAY or role == _TOOLTIP:
            ref = self.refs[row]
            col = index.column()
            if col == 1:
                return KIND_LABELS[ref[:ref.index(":")]]
            name, place, date = self._cells(ref)
            text = name if col == 0 else place if col == 2 else date
            return text if role == _DISPLAY else plain.tooltip(text)
        if role == _DECORATION:
            if index.column() != 0:
                return None
            ref = self.refs[row]
            kind = ref[:ref.index(":")]
            if kind == "official":
                photo = (self.raw_of(ref) or {}).get("photo")
                if photo:
                    self._photo_refs.setdefault(photo, set()).add(ref)
                    pixmap = self.thumbnails.get(photo)
                    if pixmap is not None:
                        return pixmap
            return badge(kind)
        if role == _REF:
            return self.refs[row]
        if role == _ACCESSIBLE and index.column() == 0:
            ref = self.refs[row]
            return f"{KIND_LABELS[ref[:ref.index(':')]]}: {self._cells(ref)[0]}"
        return None

    def flags(self, index):
        row = index.row()
        if row < 0 or row >= len(self.refs):
            return _ROOT_FLAGS
        return _OFFICIAL_FLAGS if self.refs[row].startswith("official:") else _ROW_FLAGS

    def _thumbnail_loaded(self, name: str) -> None:
        for ref in self._photo_refs.get(name, ()):
            row = self._row_of.get(ref)
            if row is not None:
                idx = self.index(row, 0)
                self.dataChanged.emit(idx, idx, [Qt.DecorationRole])

    # -- drag and drop: records out, image files in ------------------------------------------
    def mimeTypes(self):
        return [mime.MIME_REFS, "text/uri-list"]

    def mimeData(self, indexes):
        refs = list(dict.fromkeys(self.refs[i.row()] for i in indexes if i.isValid()))
        return mime.encode(refs) if refs else None

    def supportedDragActions(self):
        return Qt.CopyAction

    def supportedDropActions(self):
        return Qt.CopyAction

    @staticmethod
    def image_path(data) -> str | None:
        if data is None or not data.hasUrls():
            return None
        for url in data.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(IMAGE_SUFFIXES):
                return url.toLocalFile()
        return None

    def canDropMimeData(self, data, action, row, column, parent):
        if not parent.isValid() or self.image_path(data) is None:
            return False
        return self.refs[parent.row()].startswith("official:")

    def dropMimeData(self, data, action, row, column, parent):
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        self.photo_dropped.emit(self.refs[parent.row()], self.image_path(data))
        return True

    # -- sorting -------------------------------------------------------------------------------
    def _keys(self, column: int) -> list[tuple]:
        """(sort key, ref) for every record, reading the raw dicts directly (one pass)."""
        out = []
        append = out.append
        for kind in KINDS:
            raws = self.library.raw(kind)
            prefix = kind + ":"
            if column == 0:
                if kind == "official":
                    for rid, raw in raws.items():
                        name = raw.get("name") or rid
                        append(((raw.get("family_name") or name).casefold(), name.casefold(),
                                prefix + rid))
                else:
                    field_name = "title" if kind == "event" else "name"
                    for rid, raw in raws.items():
                        append(((raw.get(field_name) or rid).casefold(), "", prefix + rid))
            elif column == 1:
                field_name = "title" if kind == "event" else "name"
                for rid, raw in raws.items():
                    append((kind, (raw.get(field_name) or rid).casefold(), prefix + rid))
            elif column == 2:
                for rid, raw in raws.items():
                    append((describe(kind, raw)[1].casefold(), "", prefix + rid))
            else:
                for rid, raw in raws.items():
                    append((raw.get("start") or raw.get("established") or "", "", prefix + rid))
        return out

    def _sort_refs(self) -> None:
        column, order = self._sort
        keyed = self._keys(column)
        keyed.sort(reverse=order == Qt.DescendingOrder)
        self.refs = [entry[-1] for entry in keyed]
        self._reindex()
        self._in_order = True

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        if (column, order) == self._sort and self._in_order:
            return  # already in that order (the view asks again when sorting is enabled)
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_refs = [self.refs[i.row()] for i in old]
        self._sort_refs()
        self.changePersistentIndexList(
            old, [self.index(self._row_of[ref], i.column()) for ref, i in zip(old_refs, old)])
        self.layoutChanged.emit()

    # -- following the library -------------------------------------------------------------------
    def library_changed(self, refs: Iterable[str]) -> None:
        refs = [r for r in refs if r.partition(":")[0] in KINDS]
        if not refs:
            return
        self._facets = None
        for ref in refs:
            self._display.pop(ref, None)
        if len(refs) > 50:
            self.beginResetModel()
            self._load()
            self.endResetModel()
            return
        for ref in refs:
            row = self._row_of.get(ref)
            exists = self.raw_of(ref) is not None
            if row is not None and not exists:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.refs[row]
                self._reindex()
                self.endRemoveRows()
            elif row is None and exists:
                row = len(self.refs)
                self.beginInsertRows(QModelIndex(), row, row)
                self.refs.append(ref)
                self._row_of[ref] = row
                self._in_order = False
                self.endInsertRows()
            elif row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- facets for filtering --------------------------------------------------------------------------
    def facets(self) -> dict[str, tuple]:
        """ref -> (countries, tags, first day, last day), computed once, on first use."""
        if self._facets is None:
            officials = self.library.raw("official")
            out = {}
            for ref in self.refs:
                kind = ref.partition(":")[0]
                raw = self.raw_of(ref) or {}
                tags = frozenset(t.casefold() for t in raw.get("tags") or [] if isinstance(t, str))
                if kind == "official":
                    countries = {raw.get("country") or ""}
                    spans = [(_date(p.get("start")), _date(p.get("end")))
                             for p in raw.get("positions") or [] if isinstance(p, dict)]
                    firsts = [s.first_day() for s, _e in spans if s]
                    first = min(firsts) if firsts else None
                    last = None if any(e is None for _s, e in spans) else \
                        max((e.last_day() for _s, e in spans), default=None)
                    if not spans:
                        first = last = None
                elif kind == "event":
                    countries = {(officials.get(p) or {}).get("country") or ""
                                 for p in raw.get("participants") or []}
                    countries.add(raw.get("location") or "")
                    start, end = _date(raw.get("start")), _date(raw.get("end"))
                    first = start.first_day() if start else None
                    last = (end or start).last_day() if (end or start) else None
                else:
                    countries = set(raw.get("parties") or [])
                    est = _date(raw.get("established"))
                    first = est.first_day() if est else None
                    last = est.last_day() if est else None
                out[ref] = (frozenset(c.casefold() for c in countries if c), tags, first, last)
            self._facets = out
        return self._facets

    def countries(self) -> list[str]:
        found: dict[str, str] = {}
        for raw in self.library.raw("official").values():
            if raw.get("country"):
                found.setdefault(raw["country"].casefold(), raw["country"])
        for raw in self.library.raw("partnership").values():
            for party in raw.get("parties") or []:
                found.setdefault(party.casefold(), party)
        return sorted(found.values(), key=str.casefold)

    def tags(self) -> list[str]:
        found: dict[str, str] = {}
        for kind in KINDS:
            for raw in self.library.raw(kind).values():
                for tag in raw.get("tags") or []:
                    if isinstance(tag, str):
                        found.setdefault(tag.casefold(), tag)
        return sorted(found.values(), key=str.casefold)
