"""The book outline as a Qt tree: a thin QAbstractItemModel over the plain Outline.

As napari's tree model does, the model holds no copy of the tree: ``index()``
points at the plain-Python nodes and the model follows edits by observing the
:class:`~briefbook.model.outline.Outline` (begin/end insert, remove and move
rows).  Drops do not edit anything themselves: they ask the controller, which
pushes an undo command that runs the outline operation.
"""
from __future__ import annotations

import uuid

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette

from . import plain
from ..model.book import BLOCK_KIND_LABELS, RefItem, Section, TextBlock
from ..model.dates import format_range
from ..model.outline import OutlineObserver
from . import mime
from .icons import badge
from .library_model import _date, current_position, label_of

KeyRole = Qt.UserRole + 1
RefRole = Qt.UserRole + 2
# Plain ints and precomputed flags: Qt enum arithmetic costs microseconds per call in
# PySide6, and data()/flags() are called hundreds of times per repaint.
_DISPLAY, _EDIT, _DECORATION, _TOOLTIP = (int(Qt.DisplayRole.value), int(Qt.EditRole.value),
                                          int(Qt.DecorationRole.value), int(Qt.ToolTipRole.value))
_ACCESSIBLE, _FOREGROUND, _FONT = (int(Qt.AccessibleTextRole.value), int(Qt.ForegroundRole.value),
                                   int(Qt.FontRole.value))
_KEY, _REF = int(KeyRole), int(RefRole)
_TEXT_ROLES = (_DISPLAY, _TOOLTIP, _ACCESSIBLE)
_ITEM_FLAGS = (Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled
               | Qt.ItemIsDropEnabled)
_SECTION_FLAGS = _ITEM_FLAGS | Qt.ItemIsEditable
_ROOT_FLAGS = Qt.ItemIsDropEnabled


class _Follower(OutlineObserver):
    """Translates outline notifications into the model's begin/end calls."""

    def __init__(self, model: "OutlineModel"):
        self.m = model

    def _parent(self, section):
        return QModelIndex() if section is None else self.m.index(section, 0)

    def inserting(self, section, row):
        self.m.beginInsertRows(self._parent(section), row, row)

    def inserted(self, section, row):
        self.m.endInsertRows()
        if section is not None:
            self.m._section_changed(section)

    def removing(self, section, row):
        self.m.beginRemoveRows(self._parent(section), row, row)

    def removed(self, section, row):
        self.m.endRemoveRows()
        if section is not None:
            self.m._section_changed(section)

    def moving(self, src_section, src_row, dst_section, dst_row):
        same = src_section == dst_section
        dest_child = dst_row + 1 if same and dst_row > src_row else dst_row
        ok = self.m.beginMoveRows(self._parent(src_section), src_row, src_row,
                                  self._parent(dst_section), dest_child)
        self.m._move_ok = ok
        if not ok:  # cannot happen for real moves; stay correct anyway
            self.m.beginResetModel()

    def moved(self, src_section, src_row, dst_section, dst_row):
        if self.m._move_ok:
            self.m.endMoveRows()
        else:
            self.m.endResetModel()
        for section in {src_section, dst_section} - {None}:
            self.m._section_changed(section)

    def changed(self, section, row):
        index = self.m.index(row, 0) if section is None else \
            self.m.index(row, 0, self.m.index(section, 0))
        if index.isValid():
            self.m._labels.pop(index.internalPointer().key, None)
        self.m.dataChanged.emit(index, index)


class OutlineModel(QAbstractItemModel):
    def __init__(self, session, controller=None, parent=None):
        super().__init__(parent)
        self.session = session
        self.controller = controller
        self.origin = uuid.uuid4().hex
        self._follower = _Follower(self)
        self._move_ok = True
        self._labels: dict[str, str] = {}  # node key -> label, dropped when the node changes
        session.outline.observers.insert(0, self._follower)
        session.book_replacing.connect(self._book_replacing)
        session.book_replaced.connect(self._book_replaced)

    @property
    def outline(self):
        return self.session.outline

    def _book_replacing(self):
        self.beginResetModel()

    def _book_replaced(self):
        self._labels.clear()
        if self._follower not in self.outline.observers:
            self.outline.observers.insert(0, self._follower)
        self.endResetModel()

    # -- structure -------------------------------------------------------------------------
    def node(self, index: QModelIndex):
        return index.internalPointer() if index.isValid() else None

    def index(self, row, column=0, parent=QModelIndex()):
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            sections = self.outline.book.sections
            return self.createIndex(row, 0, sections[row]) if row < len(sections) else QModelIndex()
        node = parent.internalPointer()
        if not isinstance(node, Section) or row >= len(node.items):
            return QModelIndex()
        return self.createIndex(row, 0, node.items[row])

    def parent(self, index=QModelIndex()):
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer()
        if isinstance(node, Section) or node is None or node.key not in self.outline:
            return QModelIndex()  # a section, or a stale index to something removed
        section = self.outline.section_of(node)
        return self.createIndex(self.outline.section_row(section), 0, section)

    def rowCount(self, parent=QModelIndex()):
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self.outline.book.sections)
        node = parent.internalPointer()
        return len(node.items) if isinstance(node, Section) else 0

    def columnCount(self, parent=QModelIndex()):
        return 1

    def index_of_key(self, key: str) -> QModelIndex:
        if key not in self.outline:
            return QModelIndex()
        section, row = self.outline.position(key)
        if section is None:
            return self.index(row, 0)
        return self.index(row, 0, self.index(section, 0))

    def _section_changed(self, section_row: int):
        index = self.index(section_row, 0)
        if index.isValid():
            self._labels.pop(index.internalPointer().key, None)
            self.dataChanged.emit(index, index, [Qt.DisplayRole])

    def refresh_refs(self, refs) -> None:
        """Records changed in the library: redraw the items citing them."""
        for ref in refs:
            for key in self.outline.keys_citing(ref):
                self._labels.pop(key, None)
                index = self.index_of_key(key)
                self.dataChanged.emit(index, index)

    # -- what it shows ---------------------------------------------------------------------------
    def label(self, node) -> str:
        if isinstance(node, Section):
            return f"{node.title or 'Untitled section'}  ({len(node.items)})"
        if isinstance(node, TextBlock):
            head = node.title or (node.text.strip().splitlines() or [""])[0][:60]
            return f"{BLOCK_KIND_LABELS.get(node.kind, node.kind)}: {head}" if head else \
                BLOCK_KIND_LABELS.get(node.kind, node.kind)
        kind, _, rid = node.ref.partition(":")
        raw = self.session.library.raw(kind).get(rid)
        if raw is None:
            return f"Missing from the library: {node.ref}"
        if kind == "official":
            pos = current_position(raw)
            title = f" — {pos['title']}" if pos and pos.get("title") else ""
            return f"{raw.get('name') or rid}{title}"
        if kind == "event":
            when = format_range(_date(raw.get("start")), _date(raw.get("end")))
            return f"{raw.get('title') or rid}" + (f" ({when})" if when else "")
        return label_of(kind, raw)

    def data(self, index, role=_DISPLAY):
        node = index.internalPointer() if index.isValid() else None
        if node is None:
            return None
        if role in _TEXT_ROLES:
            label = self._labels.get(node.key)
            if label is None:
                label = self._labels[node.key] = self.label(node)
            return plain.tooltip(label) if role == _TOOLTIP else label
        if role == _DECORATION:
            if isinstance(node, Section):
                return badge("section")
            if isinstance(node, TextBlock):
                return badge(node.kind)
            missing = not self.session.library.exists(node.ref)
            return badge("missing" if missing else node.kind)
        if role == _EDIT:
            return node.title if isinstance(node, (Section, TextBlock)) else self.label(node)
        if role == _FOREGROUND and isinstance(node, RefItem):
            if not self.session.library.exists(node.ref):
                return QGuiApplication.palette().color(QPalette.Disabled, QPalette.Text)
        elif role == _FONT and isinstance(node, Section):
            return self._bold()
        elif role == _KEY:
            return node.key
        elif role == _REF:
            return None if isinstance(node, (Section, TextBlock)) else node.ref
        return None

    def _bold(self):
        font = QGuiApplication.font()
        font.setBold(True)
        return font

    def flags(self, index):
        if not index.isValid():
            return _ROOT_FLAGS
        if isinstance(index.internalPointer(), Section) and not self.session.read_only:
            return _SECTION_FLAGS
        return _ITEM_FLAGS

    def setData(self, index, value, role=Qt.EditRole):
        node = self.node(index)
        if role != Qt.EditRole or not isinstance(node, Section) or self.controller is None:
            return False
        title = str(value).strip()
        if not title or title == node.title:
            return False
        self.controller.rename_section(node.key, title)
        return True

    # -- drag and drop ------------------------------------------------------------------------------
    def mimeTypes(self):
        return [mime.MIME_REFS]

    def supportedDropActions(self):
        return Qt.CopyAction | Qt.MoveAction

    def supportedDragActions(self):
        return Qt.CopyAction | Qt.MoveAction

    def mimeData(self, indexes):
        nodes = [self.node(i) for i in indexes if i.isValid()]
        if not nodes:
            return None
        keys = list(dict.fromkeys(n.key for n in nodes))
        refs = list(dict.fromkeys(n.ref for n in nodes if isinstance(n, RefItem)))
        return mime.encode(refs, keys, self.origin)

    def canDropMimeData(self, data, action, row, column, parent):
        if self.session.read_only or not self.session.has_book or data is None \
                or not data.hasFormat(mime.MIME_REFS):
            return False
        return action in (Qt.CopyAction, Qt.MoveAction)

    def drop_target(self, row: int, parent: QModelIndex, sections: bool) -> tuple[str | None, int]:
        """Where a drop at (row, parent) lands: (section key, row); for sections (None, row).

        A section key of ``""`` means "the book has no section yet".
        """
        book = self.outline.book
        node = self.node(parent)
        if sections:
            if node is None:
                return None, row
            section = node if isinstance(node, Section) else self.outline.section_of(node)
            return None, self.outline.section_row(section) + 1
        if node is None:
            if not book.sections:
                return "", 0
            if row < 0 or row > len(book.sections):
                return book.sections[-1].key, -1
            if row == 0:
                return book.sections[0].key, 0
            return book.sections[row - 1].key, -1
        if isinstance(node, Section):
            return node.key, row
        section = self.outline.section_of(node)
        item_row = self.outline.position(node.key)[1]
        return section.key, item_row + 1 if row < 0 else item_row + 1

    def dropMimeData(self, data, action, row, column, parent):
        if not self.canDropMimeData(data, action, row, column, parent) or self.controller is None:
            return False
        refs, keys, origin = mime.decode(data)
        internal = origin == self.origin and action == Qt.MoveAction and keys
        if internal:
            keys = [k for k in keys if k in self.outline]
            moving_sections = all(self.outline.is_section(k) for k in keys) if keys else False
            section_key, at = self.drop_target(row, parent, moving_sections)
            if section_key == "":
                return False
            self.controller.move(keys, section_key, at)
            return True
        if not refs:
            return False
        section_key, at = self.drop_target(row, parent, False)
        self.controller.add_refs(refs, section_key or None, at)
        # Never let the view remove the dragged rows: drops from elsewhere are copies.
        return True
