"""The centre pane: the book outline tree and the non-modal "related items" bar."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QPushButton,
                               QTreeView, QVBoxLayout, QWidget)

from . import plain
from .outline_model import KeyRole, OutlineModel


class OutlineView(QTreeView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("bookOutline")
        self.setAccessibleName("Book outline")
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDrop)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.SelectedClicked)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.setUniformRowHeights(True)
        self.setAnimated(False)
        self.setExpandsOnDoubleClick(True)

    def _external(self, event) -> bool:
        return event.source() is not self

    def dragEnterEvent(self, event):
        if self._external(event):
            event.setDropAction(Qt.CopyAction)
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event):
        if self._external(event):
            event.setDropAction(Qt.CopyAction)
        super().dragMoveEvent(event)
        if self._external(event) and event.isAccepted():
            event.setDropAction(Qt.CopyAction)

    def dropEvent(self, event):
        external = self._external(event)
        if external:  # drops from elsewhere are copies: the source must never delete
            event.setDropAction(Qt.CopyAction)
        super().dropEvent(event)
        if external and event.isAccepted():
            event.setDropAction(Qt.CopyAction)

    def selected_keys(self) -> list[str]:
        return [i.data(KeyRole) for i in self.selectionModel().selectedRows()]


class RelatedBar(QFrame):
    """Offers an event's participants and partnerships after it was added. Never blocks."""

    accepted = Signal(list, str, int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("relatedBar")
        self.setAccessibleName("Related items offer")
        self.setFrameShape(QFrame.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.AlternateBase)
        self.label = plain.label(self)
        self.label.setWordWrap(True)
        self.add_button = QPushButton("Add all", self)
        self.add_button.setObjectName("relatedAddAll")
        self.dismiss_button = QPushButton("Not now", self)
        self.dismiss_button.setObjectName("relatedDismiss")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.dismiss_button)
        self.refs: list[str] = []
        self.section_key = ""
        self.row = -1
        self.add_button.clicked.connect(self._accept)
        self.dismiss_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, title: str, refs: list[str], labels: list[str], section_key: str, row: int):
        self.refs, self.section_key, self.row = list(refs), section_key, row
        listed = ", ".join(labels[:4]) + (f" and {len(labels) - 4} more" if len(labels) > 4 else "")
        self.label.setText(f"“{title}” has {len(refs)} related item(s) not in the book: {listed}.")
        self.show()

    def _accept(self):
        self.hide()
        self.accepted.emit(self.refs, self.section_key, self.row)


class OutlinePanel(QWidget):
    def __init__(self, session, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.session = session
        self.controller = controller
        self.model = OutlineModel(session, controller, self)
        self.view = OutlineView(self)
        self.view.setModel(self.model)
        self.related = RelatedBar(self)
        self.title = plain.label(self)
        self.title.setObjectName("bookTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.related)
        layout.addWidget(self.view, 1)
        controller.related_offer.connect(self._offer)
        self.related.accepted.connect(
            lambda refs, key, row: controller.add_refs(refs, key, row, offer_related=False))
        self.model.rowsInserted.connect(self._expand_new)
        self.model.modelReset.connect(self.view.expandAll)
        session.changed.connect(self._update_title)
        self._update_title()
        self.view.expandAll()

    def _update_title(self):
        book = self.session.book
        self.title.setText(book.title if self.session.has_book else "No book open")

    def _expand_new(self, parent, first, last):
        if not parent.isValid():
            for row in range(first, last + 1):
                self.view.expand(self.model.index(row, 0))

    def _offer(self, event_ref: str, refs: list, section_key: str, row: int):
        library = self.session.library
        event = library.get(event_ref)
        labels = []
        for ref in refs:
            record = library.get(ref)
            labels.append(getattr(record, "name", ref) if record else ref)
        self.related.offer(event.title if event else event_ref, refs, labels, section_key, row)

    def select_keys(self, keys) -> None:
        selection = self.view.selectionModel()
        flags = QItemSelectionModel.Select | QItemSelectionModel.Rows
        selection.clearSelection()
        first = None
        for key in keys:
            index = self.model.index_of_key(key)
            if index.isValid():
                if first is None:
                    first = index
                    selection.setCurrentIndex(index, QItemSelectionModel.NoUpdate)
                selection.select(index, flags)
        if first is not None:
            self.view.scrollTo(first)
