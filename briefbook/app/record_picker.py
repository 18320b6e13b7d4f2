"""Lists of library records kept as ids but picked by name: an event's participants and
partnerships.

:class:`RecordListEdit` shows the records picked, in order, by what people know them by
("WANG Yi (王毅) — China"), and a search field under them: typing offers the matching
records of the library (its search index: any script, accents ignored) in a completer
popup, ``Down`` / ``Enter`` (or a click) adds the one chosen, ``Enter`` alone adds the best
match (or the record whose id was typed).  In the list, ``Delete`` removes the selected
records and ``Alt+Up`` / ``Alt+Down`` move them (dragging works too).

The value is the list of ids (:meth:`ids` / :meth:`set_ids`; :meth:`text` / :meth:`setText`
give it as comma-separated ids).  Ids the library does not know stay in the list, marked,
so the editor's validation can name them as before.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QCompleter, QHBoxLayout, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from . import plain
from .palette import error_colour
from ..search import normalize

IdRole = Qt.UserRole + 1
NOUNS = {"official": "official", "partnership": "partnership", "event": "event"}


def record_label(kind: str, raw: dict | None, record_id: str = "") -> str:
    """How a record is named in a picker: "NAME (native name) — country" for an official,
    "Name (short name)" for a partnership, "Title (start)" for an event."""
    if raw is None:
        return f"{record_id} — not in the library"
    if kind == "official":
        label = raw.get("name") or raw.get("id", "")
        if raw.get("native_name"):
            label = f"{label} ({raw['native_name']})"
        return f"{label} — {raw['country']}" if raw.get("country") else label
    if kind == "partnership":
        label = raw.get("name") or raw.get("id", "")
        short = raw.get("short_name")
        return f"{label} ({short})" if short and short != label else label
    label = raw.get("title") or raw.get("id", "")
    return f"{label} ({raw['start']})" if raw.get("start") else label


class RecordListEdit(QWidget):
    """An ordered list of record ids of one *kind*, edited by name (see the module doc)."""

    changed = Signal()   # the ids changed, by the user or by set_ids()
    edited = Signal()    # the user changed them (add, remove, move): like QLineEdit.textEdited
    LIMIT = 12   # choices offered at a time

    def __init__(self, kind: str, name: str = "", parent=None):
        super().__init__(parent)
        self.kind = kind
        self.library = None
        base = f"field_{name}" if name else f"{kind}Picker"
        noun = NOUNS.get(kind, kind)

        self.list = QListWidget(self)
        self.list.setObjectName(f"{base}_list")
        self.list.setAccessibleName(f"{name.capitalize() or noun} picked")
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.InternalMove)
        self.list.setDefaultDropAction(Qt.MoveAction)
        self.list.setMaximumHeight(110)
        self.list.model().rowsMoved.connect(lambda *_: self._edited())
        self.list.installEventFilter(self)

        self.search = QLineEdit(self)
        self.search.setObjectName(f"{base}_search")
        self.search.setAccessibleName(f"Add {noun}")
        self.search.setPlaceholderText(f"Add {noun}: type a name…")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.search.textEdited.connect(self._offer)
        self.search.returnPressed.connect(self.add_best_match)

        self.choices = QStandardItemModel(self)
        self.completer = QCompleter(self.choices, self)
        self.completer.setObjectName(f"{base}_completer")
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.completer.setWidget(self.search)   # not setCompleter: the text is ours
        self.completer.activated[QModelIndex].connect(self._chosen)

        self.remove_button = QPushButton("Remove", self)
        self.remove_button.setObjectName(f"{base}_remove")
        self.remove_button.setToolTip("Remove the selected entries (Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = plain.label(self)
        self.message.setObjectName(f"{base}_message")
        self.message.setStyleSheet(f"color: {error_colour()};")
        self.message.setWordWrap(True)
        self.message.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.search, 1)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.search)

    def set_library(self, library) -> None:
        self.library = library
        self._relabel()

    # -- the value ---------------------------------------------------------------------------
    def ids(self) -> list[str]:
        return [self.list.item(row).data(IdRole) for row in range(self.list.count())]

    def set_ids(self, ids) -> None:
        self.list.clear()
        for record_id in ids or []:
            self._append(str(record_id))
        self._show_message("")
        self.changed.emit()

    def text(self) -> str:
        """The ids, comma-separated."""
        return ", ".join(self.ids())

    def setText(self, text: str) -> None:
        """Set the ids from comma-separated text."""
        self.set_ids([part.strip() for part in text.split(",") if part.strip()])

    def add(self, record_id: str) -> bool:
        """Add a record by id (False, with a message, if it is listed already)."""
        if record_id in self.ids():
            self._show_message(f"{self._label(record_id)} is listed already.")
            self.select_id(record_id)
            return False
        item = self._append(record_id)
        self.list.setCurrentItem(item)
        self._show_message("")
        self._edited()
        return True

    def select_id(self, record_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(IdRole) == record_id:
                self.list.setCurrentRow(row)
                return

    def remove_selected(self) -> None:
        rows = sorted({self.list.row(i) for i in self.list.selectedItems()}, reverse=True)
        if not rows:
            return
        for row in rows:
            self.list.takeItem(row)
        if self.list.count():
            self.list.setCurrentRow(min(rows[-1], self.list.count() - 1))
        self._edited()

    def move_selected(self, step: int) -> None:
        rows = sorted(self.list.row(i) for i in self.list.selectedItems())
        if not rows or rows[0] + step < 0 or rows[-1] + step >= self.list.count():
            return
        for row in (rows if step < 0 else reversed(rows)):
            item = self.list.takeItem(row)
            self.list.insertItem(row + step, item)
            item.setSelected(True)
        self.list.setCurrentRow(rows[0] + step if step < 0 else rows[-1] + step,
                                self.list.selectionModel().SelectionFlag.NoUpdate)
        self._edited()

    # -- choosing ----------------------------------------------------------------------------
    def matches(self, text: str) -> list[str]:
        """Ids of the records matching *text*, best first (not those listed already)."""
        if self.library is None or not text.strip():
            return []
        listed = set(self.ids())
        raws = self.library.raw(self.kind)
        found: list[str] = []
        if self.library.index.wait(body=False, timeout=0):
            hits = self.library.search(text, kinds=[self.kind], limit=self.LIMIT + len(listed),
                                       wait=False)
            found = [hit.ref.partition(":")[2] for hit in hits]
        else:  # the index is still being built: never block typing, look at names
            wanted = normalize(text.strip())
            found = [rid for rid, raw in raws.items()
                     if wanted in normalize(" ".join((rid, record_label(self.kind, raw))))]
        exact = text.strip()
        if exact in raws:
            found.insert(0, exact)
        out = []
        for rid in dict.fromkeys(found):
            if rid not in listed and rid in raws:
                out.append(rid)
            if len(out) == self.LIMIT:
                break
        return out

    def _offer(self, text: str) -> None:
        self._show_message("")
        self.choices.clear()
        ids = self.matches(text)
        raws = self.library.raw(self.kind) if self.library is not None else {}
        for rid in ids:
            item = QStandardItem(record_label(self.kind, raws.get(rid), rid))
            item.setData(rid, IdRole)
            item.setEditable(False)
            self.choices.appendRow(item)
        if ids:
            popup = self.completer.popup()
            rect = self.search.rect()
            rect.setWidth(max(rect.width(), popup.sizeHintForColumn(0)
                              + popup.verticalScrollBar().sizeHint().width() + 8))
            self.completer.complete(rect)
        else:
            self.completer.popup().hide()
            if text.strip():
                self._show_message(f"No {NOUNS.get(self.kind, self.kind)} matches “{text.strip()}”.")

    def _chosen(self, index: QModelIndex) -> None:
        record_id = index.data(IdRole)
        if record_id:
            self.add(record_id)
            self.search.clear()

    def add_best_match(self) -> None:
        """Enter in the search field: add the best match (the popup's choice is handled by
        the completer)."""
        text = self.search.text().strip()
        if not text:
            return
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return
        ids = self.matches(text)
        if ids:
            self.add(ids[0])
            self.search.clear()
            popup.hide()
        else:
            self._show_message(f"No {NOUNS.get(self.kind, self.kind)} matches “{text}”.")

    def _list_key(self, event):
        """What a key does in the list (None: not ours).  The list claims these keys before
        the window's shortcuts (Delete, Alt+Up/Down also act on the book outline)."""
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key_Delete, Qt.Key_Backspace) and not mods & ~Qt.KeypadModifier:
            return self.remove_selected
        if key in (Qt.Key_Up, Qt.Key_Down) and mods == Qt.AltModifier:
            return lambda: self.move_selected(-1 if key == Qt.Key_Up else 1)
        return None

    def eventFilter(self, watched, event):
        kind = event.type()
        if watched is self.list and kind in (QEvent.ShortcutOverride, QEvent.KeyPress):
            action = self._list_key(event)
            if action is not None:
                event.accept()
                if kind == QEvent.KeyPress:
                    action()
                return True
        if watched is self.search and kind == QEvent.KeyPress:
            if event.key() == Qt.Key_Down and not self.completer.popup().isVisible():
                self._offer(self.search.text())   # show the choices again
                return bool(self.choices.rowCount())
            if event.key() == Qt.Key_Up and self.list.count():
                self.list.setFocus(Qt.TabFocusReason)
                if self.list.currentRow() < 0:
                    self.list.setCurrentRow(self.list.count() - 1)
                return True
        return super().eventFilter(watched, event)

    # -- helpers -----------------------------------------------------------------------------
    def _edited(self) -> None:
        self.changed.emit()
        self.edited.emit()

    def _label(self, record_id: str) -> str:
        if self.library is None:
            return record_id
        return record_label(self.kind, self.library.raw(self.kind).get(record_id), record_id)

    def _append(self, record_id: str) -> QListWidgetItem:
        item = QListWidgetItem(self._label(record_id))
        item.setData(IdRole, record_id)
        item.setToolTip(plain.tooltip(record_id))
        self.list.addItem(item)
        return item

    def _relabel(self) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(self._label(item.data(IdRole)))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
