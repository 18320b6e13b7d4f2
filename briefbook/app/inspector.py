"""The right pane: the selected record's form, or the selected outline node's options."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from ..model.book import BLOCK_KIND_LABELS, BLOCK_KINDS, Section, TextBlock
from .record_editor import RecordEditor


class SectionOptions(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("sectionOptions")
        self.controller = controller
        self.key = ""
        self.title = QLineEdit(self)
        self.title.setObjectName("sectionTitle")
        self.title.setAccessibleName("Section title")
        self.title.editingFinished.connect(self.apply)
        layout = QFormLayout(self)
        layout.addRow(QLabel("<b>Section</b>"))
        layout.addRow("&Title", self.title)
        hint = QLabel("Drag records here from the library, or select them and use "
                      "Book ▸ Add to book (Ctrl+Enter).")
        hint.setWordWrap(True)
        layout.addRow(hint)

    def load(self, section: Section):
        self.key = section.key
        self.title.setText(section.title)

    def apply(self):
        if self.key and self.key in self.controller.outline:
            node = self.controller.outline.node(self.key)
            if self.title.text().strip() and self.title.text().strip() != node.title:
                self.controller.rename_section(self.key, self.title.text())


class TextBlockEditor(QWidget):
    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("textBlockEditor")
        self.controller = controller
        self.key = ""
        self.kind = QComboBox(self)
        self.kind.setObjectName("blockKind")
        self.kind.setAccessibleName("Block kind")
        for kind in BLOCK_KINDS:
            self.kind.addItem(BLOCK_KIND_LABELS[kind], kind)
        self.title = QLineEdit(self)
        self.title.setObjectName("blockTitle")
        self.title.setAccessibleName("Block title")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("blockText")
        self.text.setAccessibleName("Block text")
        self.text.setPlaceholderText("One point per line. Typed as you would type a brief.")
        apply = QPushButton("Apply", self)
        apply.setObjectName("applyBlock")
        apply.setShortcut("Ctrl+S")
        layout = QFormLayout(self)
        layout.addRow(QLabel("<b>Text block</b>"))
        layout.addRow("&Kind", self.kind)
        layout.addRow("T&itle", self.title)
        layout.addRow("Te&xt", self.text)
        layout.addRow(apply)
        apply.clicked.connect(self.apply)
        self.text.installEventFilter(self)
        self.kind.activated.connect(lambda *_: self.apply())
        self.title.editingFinished.connect(self.apply)

    def load(self, block: TextBlock):
        self.key = block.key
        self.kind.setCurrentIndex(max(0, self.kind.findData(block.kind)))
        self.title.setText(block.title)
        self.text.setPlainText(block.text)

    def eventFilter(self, watched, event):
        if watched is self.text and event.type() == QEvent.FocusOut:
            self.apply()  # typing then clicking elsewhere keeps what was typed
        return False

    def apply(self):
        if self.key and self.key in self.controller.outline:
            self.controller.edit_block(self.key, kind=self.kind.currentData(),
                                       title=self.title.text(), text=self.text.toPlainText())


class Inspector(QWidget):
    add_to_book = Signal(str)       # a record form's "Add to book" (the record's ref)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setAccessibleName("Inspector")
        self.controller = controller
        self.stack = QStackedWidget(self)
        self.empty = QLabel("Select a record in the library or an item in the book.\n\n"
                            "Create records with Library ▸ New official / event / partnership.",
                            self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignCenter)
        # one form per record kind, built the first time that kind is shown (start-up time)
        self.editors: dict[str, RecordEditor] = {}
        self.section = SectionOptions(controller, self)
        self.block = TextBlockEditor(controller, self)
        for page in (self.empty, self.section, self.block):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)

    def editor(self, kind: str) -> RecordEditor:
        """The form for *kind* ("official", "event", "partnership"), built on first use."""
        editor = self.editors.get(kind)
        if editor is None:
            editor = self.editors[kind] = RecordEditor(kind, self.controller, self)
            editor.add_to_book.connect(self.add_to_book)
            self.stack.addWidget(editor)
        return editor

    def leave_current(self) -> bool:
        """Keep what the user typed before showing something else: a text block is applied,
        a record with unsaved changes is saved if it is valid.  False (and the form stays,
        showing what is wrong) if it is not."""
        widget = self.stack.currentWidget()
        if widget is self.block:
            self.block.apply()
        elif widget is self.section:
            self.section.apply()
        elif isinstance(widget, RecordEditor) and widget.dirty:
            return widget.save()
        return True

    def show_record(self, ref: str | None, kind: str | None = None) -> RecordEditor:
        kind = kind or ref.partition(":")[0]
        current = self.current_editor()
        if not self.leave_current():
            return current
        editor = self.editor(kind)
        editor.load(ref)
        self.stack.setCurrentWidget(editor)
        return editor

    def new_record(self, kind: str) -> RecordEditor:
        editor = self.show_record(None, kind)
        editor.form.widgets["name" if kind != "event" else "title"].setFocus()
        return editor

    def show_node(self, node) -> None:
        if not self.leave_current():
            return
        if node is None:
            self.stack.setCurrentWidget(self.empty)
        elif isinstance(node, Section):
            self.section.load(node)
            self.stack.setCurrentWidget(self.section)
        elif isinstance(node, TextBlock):
            self.block.load(node)
            self.stack.setCurrentWidget(self.block)
        else:
            self.show_record(node.ref)

    def drop_outline_node(self) -> None:
        """The book's outline was replaced under the inspector (an undo put another version
        of the book back): stop showing a section or text block of the old one."""
        if self.stack.currentWidget() in (self.section, self.block):
            self.stack.setCurrentWidget(self.empty)

    def current_editor(self) -> RecordEditor | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, RecordEditor) else None

    def refresh(self, refs) -> None:
        """Records changed in the library: reload the shown one if it is among them."""
        editor = self.current_editor()
        if editor is not None and editor.ref in refs:
            editor.load(editor.ref if self.controller.library.exists(editor.ref) else None)
