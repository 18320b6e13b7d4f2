"""Filtering the library view: what the user asked for -> the set of refs the proxy shows.

``LibraryFilter.accepted`` combines the search index's matches (case-, accent-
and script-insensitive) with the facet filters (kind, country, tag, date range);
``LibraryProxy`` is the QSortFilterProxyModel that shows exactly those rows.
"""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from .library_model import KINDS, LibraryModel, RefRole, _date


def matching_refs(library, text: str) -> set[str]:
    """Every ref the search index matches for *text*, unranked (filtering needs no order).

    Uses ``Library.matching_refs`` where the store has it, else all of ``Library.search``.
    Does not wait for the body-text index: names, titles and tags answer at once.
    """
    if hasattr(library, "matching_refs"):
        return library.matching_refs(text, wait=False) or set()
    return {hit.ref for hit in library.search(text, limit=None, wait=False)}


class LibraryFilter:
    """What the user asked for; ``accepted(model)`` turns it into a set of refs (None: all)."""

    def __init__(self, text="", kind="", country="", tag="", date_from="", date_to=""):
        self.text, self.kind, self.country, self.tag = text.strip(), kind, country, tag
        self.date_from, self.date_to = date_from.strip(), date_to.strip()

    @staticmethod
    def searchable(text: str) -> bool:
        """One Latin letter matches most of a large library and says nothing: search from two
        letters on (a single Chinese or Khmer character is a meaningful query)."""
        return len(text) > 1 or not text.isascii()

    def is_empty(self) -> bool:
        return not (self.text or self.kind or self.country or self.tag or self.date_from
                    or self.date_to)

    def accepted(self, model: LibraryModel) -> set[str] | None:
        if self.is_empty():
            return None
        kinds = [self.kind] if self.kind else list(KINDS)
        if self.text and not self.searchable(self.text):
            if not (self.kind or self.country or self.tag or self.date_from or self.date_to):
                return None
            self.text = ""
        if self.text:
            refs = matching_refs(model.library, self.text)
            if self.kind:
                prefix = self.kind + ":"
                refs = {r for r in refs if r.startswith(prefix)}
            else:
                refs = {r for r in refs if not r.startswith("book:")}
        else:
            refs = {r for r in model.refs if r.partition(":")[0] in kinds}
        if not (self.country or self.tag or self.date_from or self.date_to):
            return refs
        facets = model.facets()
        country, tag = self.country.casefold(), self.tag.casefold()
        lo = _date(self.date_from)
        hi = _date(self.date_to)
        lo_day = lo.first_day() if lo else None
        hi_day = hi.last_day() if hi else None
        out = set()
        for ref in refs:
            facet = facets.get(ref)
            if facet is None:
                continue
            countries, tags, first, last = facet
            if country and not any(country == c or country in c for c in countries):
                continue
            if tag and tag not in tags:
                continue
            if lo_day or hi_day:
                if first is None and last is None:
                    continue
                if hi_day and first is not None and first > hi_day:
                    continue
                if lo_day and last is not None and last < lo_day:
                    continue
            out.add(ref)
        return out


class LibraryProxy(QSortFilterProxyModel):
    """Shows the rows whose ref is in the accepted set; sorting is the source's job.

    Qt asks ``filterAcceptsRow`` once per source row (31,000 calls on a large library),
    and each call into Python costs about half a microsecond of overhead.  With no filter
    there is nothing to ask: this class has no Python ``filterAcceptsRow`` and Qt's C++
    default accepts every row, so opening the library and clearing the search box cost
    nothing per row.  While a filter is on, the proxy's class is :class:`_FilteringProxy`,
    which adds the override (swapping the class measured twice as fast as an override
    set on the instance).  The tests check both states.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._accepted: set[str] | None = None
        self._source = None

    def setSourceModel(self, model) -> None:
        super().setSourceModel(model)
        self._source = model

    def set_accepted(self, accepted: set[str] | None) -> None:
        if accepted == self._accepted:
            return
        # One reset instead of a storm of scattered row removals/insertions: measured
        # 25-45 ms on 31k rows whatever the result, where incremental updates took up
        # to 240 ms when a search widens back to thousands of scattered rows.
        self.beginResetModel()
        self._accepted = accepted
        self.__class__ = LibraryProxy if accepted is None else _FilteringProxy
        self.endResetModel()

    @property
    def accepted(self) -> set[str] | None:
        return self._accepted

    @property
    def filtering(self) -> bool:
        return type(self) is _FilteringProxy

    def sort(self, column, order=Qt.AscendingOrder) -> None:
        self._source.sort(column, order)

    def ref_at(self, row: int) -> str:
        return self.index(row, 0).data(RefRole)


class _FilteringProxy(LibraryProxy):
    def filterAcceptsRow(self, row, parent) -> bool:
        return self._source.refs[row] in self._accepted
