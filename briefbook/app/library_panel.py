"""The left pane: search box, filters and the library table."""
from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from . import plain
from .library_filter import LibraryFilter, LibraryProxy
from .library_model import KIND_LABELS, KINDS, LibraryModel, RefRole


class LazyCombo(QComboBox):
    """A filter combo whose choices are gathered only when it is first opened."""

    def __init__(self, label: str, loader, parent=None):
        super().__init__(parent)
        self.label, self.loader = label, loader
        self.stale = True
        self.addItem(label, "")

    def showPopup(self):
        self.refresh()
        super().showPopup()

    def refresh(self):
        if not self.stale:
            return
        self.stale = False
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.label, "")
        for value in self.loader():
            self.addItem(value, value)
        self.setCurrentIndex(max(self.findData(current), 0))
        self.blockSignals(False)


class LibraryView(QTableView):
    """Drags records out (copies); accepts image files dropped onto an official."""

    activated_ref = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.setAccessibleName("Library records")
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDrop)
        self.setDefaultDropAction(Qt.CopyAction)
        self.setDropIndicatorShown(True)
        self.setSortingEnabled(True)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setIconSize(QSize(24, 24))
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setHighlightSections(False)

    def selected_refs(self) -> list[str]:
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [self.model().index(r, 0).data(RefRole) for r in rows]

    def current_ref(self) -> str | None:
        index = self.currentIndex()
        return index.siblingAtColumn(0).data(RefRole) if index.isValid() else None


class LibraryPanel(QWidget):
    filter_applied = Signal(int)  # rows shown

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.library = library
        self.model = LibraryModel(library, self)
        self.proxy = LibraryProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search names, titles, tags… (Ctrl+F)")
        self.search.setAccessibleName("Search the library")
        self.search.setClearButtonEnabled(True)

        self.kind = QComboBox(self)
        self.kind.setObjectName("libraryKindFilter")
        self.kind.setAccessibleName("Filter by kind")
        self.kind.addItem("All kinds", "")
        for kind in KINDS:
            self.kind.addItem(KIND_LABELS[kind] + "s", kind)
        self.country = LazyCombo("All countries", lambda: self.model.countries(), self)
        self.country.setObjectName("libraryCountryFilter")
        self.country.setAccessibleName("Filter by country")
        self.tag = LazyCombo("All tags", lambda: self.model.tags(), self)
        self.tag.setObjectName("libraryTagFilter")
        self.tag.setAccessibleName("Filter by tag")
        self.date_from = QLineEdit(self)
        self.date_from.setObjectName("libraryDateFrom")
        self.date_from.setPlaceholderText("from YYYY[-MM[-DD]]")
        self.date_from.setAccessibleName("Dates from")
        self.date_to = QLineEdit(self)
        self.date_to.setObjectName("libraryDateTo")
        self.date_to.setPlaceholderText("to YYYY[-MM[-DD]]")
        self.date_to.setAccessibleName("Dates to")
        for combo in (self.kind, self.country, self.tag):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)

        self.view = LibraryView(self)
        self.view.horizontalHeader().setSortIndicator(0, Qt.AscendingOrder)  # the model's order
        self.view.setModel(self.proxy)
        self.view.setColumnWidth(0, 240)
        self.view.setColumnWidth(1, 80)
        self.view.setColumnWidth(2, 170)
        self.count_label = plain.label(self)
        self.count_label.setObjectName("libraryCount")

        row1 = QHBoxLayout()
        row1.addWidget(self.kind)
        row1.addWidget(self.country, 1)
        row1.addWidget(self.tag, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.date_from)
        row2.addWidget(self.date_to)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(100)
        self._retry.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.kind, self.country, self.tag):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.date_from.editingFinished.connect(self.apply_filter)
        self.date_to.editingFinished.connect(self.apply_filter)
        self._update_count()

    def warm_up(self) -> None:
        """Off the GUI thread, once the index is built: let the search index make its lazy
        lookup tables (sorted vocabulary, substring table) before the first keystroke."""
        index = self.library.index

        def warm():
            if index.wait(timeout=120):
                index.search("qzxj", wait=True)  # matches nothing; builds the tables
                # The index is millions of long-lived objects: keep the cyclic GC from
                # rescanning them in the middle of a keystroke (as open_library does for
                # the records).
                gc.freeze()

        threading.Thread(target=warm, name="briefbook-search-warmup", daemon=True).start()

    def _facets_changed(self) -> None:
        self.country.stale = self.tag.stale = True

    def current_filter(self) -> LibraryFilter:
        return LibraryFilter(self.search.text(), self.kind.currentData() or "",
                             self.country.currentData() or "", self.tag.currentData() or "",
                             self.date_from.text(), self.date_to.text())

    def _index_ready(self) -> bool:
        try:
            return self.library.index.wait(body=False, timeout=0)
        except (AttributeError, TypeError):
            return True

    def apply_filter(self, *_args) -> None:
        wanted = self.current_filter()
        if wanted.text and wanted.searchable(wanted.text) and not self._index_ready():
            # Just opened a large library: the index is still being built off this thread.
            # Never block typing on it; filter as soon as it is ready.
            self.count_label.setText("Indexing the library… results in a moment.")
            self._retry.start()
            return
        current = self.view.current_ref()
        selected = self.view.selected_refs() if self.view.selectionModel() else []
        self.proxy.set_accepted(wanted.accepted(self.model))
        if current:  # keep the user's place when it is still shown
            self.select_ref(current, selected)
        self._update_count()
        if wanted.text and not wanted.searchable(wanted.text):
            self.count_label.setText("Type two or more letters to search.")
        self.filter_applied.emit(self.proxy.rowCount())

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown:,} of {total:,} records" if shown != total
                                 else f"{total:,} records")

    def library_changed(self, refs) -> None:
        self.model.library_changed(refs)
        if any(r.partition(":")[0] in KINDS for r in refs):
            self._facets_changed()
            self.apply_filter()

    def select_ref(self, ref: str, selected=None) -> None:
        row = self.model.row_of(ref)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return
        selection = self.view.selectionModel()
        selection.setCurrentIndex(index, QItemSelectionModel.NoUpdate)
        flags = QItemSelectionModel.Select | QItemSelectionModel.Rows
        for other in selected or [ref]:
            other_row = self.model.row_of(other)
            if other_row >= 0:
                other_index = self.proxy.mapFromSource(self.model.index(other_row, 0))
                if other_index.isValid():
                    selection.select(other_index, flags)
        self.view.scrollTo(index)
