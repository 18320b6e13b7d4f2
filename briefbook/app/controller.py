"""Turns user intentions (drop, Add to book, Move up, edit a record...) into undo commands.

The models and widgets call these methods; each pushes one command (or one
macro of them) onto the undo stack.  Nothing here draws anything.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..model.book import BLOCK_KIND_LABELS, RefItem, Section, TextBlock
from ..model.outline import missing_refs, related_refs
from ..store.library import TYPES
from . import commands


class BookController(QObject):
    # (event ref, its related refs not yet in the book, section key, row after the event)
    related_offer = Signal(str, list, str, int)
    status = Signal(str)
    record_saved = Signal(str)
    record_failed = Signal(str, object)   # ref, the exception

    def __init__(self, session, undo_stack, parent=None):
        super().__init__(parent)
        self.session = session
        self.stack = undo_stack   # the open book's history (the window switches it per book)

    @property
    def outline(self):
        return self.session.outline

    @property
    def library(self):
        return self.session.library

    def _writable(self) -> bool:
        if self.session.read_only:
            self.status.emit("The library is open read-only.")
            return False
        return True

    def _book_editable(self) -> bool:
        if not self.session.has_book:
            self.status.emit("Open or create a book first (File ▸ New book).")
            return False
        return self._writable()

    # -- outline ---------------------------------------------------------------------------
    def add_refs(self, refs, section_key: str | None = None, row: int = -1,
                 offer_related: bool = True) -> list[str]:
        """Add records to the book (copies); skips what it already cites. Returns new keys."""
        if not self._book_editable():
            return []
        refs = list(refs)
        new = [r for r in missing_refs(self.session.book, refs) if self.library.exists(r)]
        skipped = len(refs) - len(new)
        if not new:
            self.status.emit("Already in the book." if skipped else "Nothing to add.")
            return []
        book = self.session.book
        items = [RefItem(ref) for ref in new]
        self.stack.beginMacro(f"Add {len(items)} item(s) to the book")
        if section_key is None or section_key not in self.outline:
            if book.sections:
                section_key, row = self.section_for(new[0]), -1
            else:
                section = Section("Briefing")
                self.stack.push(commands.InsertSection(self.outline, -1, section))
                section_key, row = section.key, 0
        command = commands.InsertItems(self.outline, section_key, row, items)
        self.stack.push(command)
        self.stack.endMacro()
        if skipped:
            self.status.emit(f"Added {len(new)}; {skipped} already in the book.")
        if offer_related:
            for item in items:
                if item.kind == "event":
                    self._offer_related(item)
        return command.keys

    SECTION_WORDS = {"official": ("biograph", "profile", "people", "participant"),
                     "event": ("programme", "program", "schedule", "meeting", "event"),
                     "partnership": ("background", "partnership", "relation")}

    def section_for(self, ref: str) -> str:
        """Where a record goes when no place was chosen: the section whose title fits its
        kind ("Biographies" for an official...), else the last section."""
        words = self.SECTION_WORDS.get(ref.partition(":")[0], ())
        for section in self.session.book.sections:
            if any(word in section.title.casefold() for word in words):
                return section.key
        return self.session.book.sections[-1].key

    def _offer_related(self, item: RefItem) -> None:
        event = self.library.get(item.ref)
        if event is None:
            return
        refs = related_refs(self.session.book, event, exists=self.library.exists)
        if refs:
            section = self.outline.section_of(item)
            row = self.outline.position(item.key)[1] + 1
            self.related_offer.emit(item.ref, refs, section.key, row)

    def move(self, keys, section_key: str | None, row: int) -> None:
        if self._book_editable():
            self.stack.push(commands.MoveNodes(self.outline, keys, section_key, row))

    def move_by(self, keys, step: int) -> None:
        if keys and self._book_editable():
            self.stack.push(commands.MoveBy(self.outline, keys, step))

    def remove(self, keys) -> None:
        keys = [k for k in keys if k in self.outline]
        if keys and self._book_editable():
            self.stack.push(commands.RemoveNodes(self.outline, keys))

    def add_section(self, title: str = "New section", row: int = -1) -> str | None:
        if not self._book_editable():
            return None
        section = Section(title)
        self.stack.push(commands.InsertSection(self.outline, row, section))
        return section.key

    def rename_section(self, key: str, title: str) -> None:
        if self._book_editable() and title.strip():
            self.stack.push(commands.RenameSection(self.outline, key, title.strip()))

    def add_text_block(self, kind: str, section_key: str | None = None, row: int = -1) -> str | None:
        if not self._book_editable():
            return None
        block = TextBlock(BLOCK_KIND_LABELS.get(kind, "Note"), "", kind)
        self.stack.beginMacro(f"Add {BLOCK_KIND_LABELS.get(kind, kind)}")
        if section_key is None or section_key not in self.outline:
            if self.session.book.sections:
                section_key, row = self.session.book.sections[-1].key, -1
            else:
                section = Section("Briefing")
                self.stack.push(commands.InsertSection(self.outline, -1, section))
                section_key, row = section.key, 0
        self.stack.push(commands.InsertItems(self.outline, section_key, row, [block],
                                             text="Add text block"))
        self.stack.endMacro()
        return block.key

    def edit_block(self, key: str, **changes) -> None:
        block = self.outline.node(key)
        changes = {k: v for k, v in changes.items() if getattr(block, k) != v}
        if changes and self._book_editable():
            self.stack.push(commands.EditBlock(self.outline, key, changes))

    def set_properties(self, changes: dict) -> None:
        current = self.session.properties()
        changes = {k: v for k, v in changes.items() if current.get(k) != v}
        if changes and self._book_editable():
            self.stack.push(commands.SetBookProperties(self.session, changes))

    # -- library records ---------------------------------------------------------------------------
    def put_record(self, record) -> bool:
        """Create or replace a record through the undo stack. The record must be valid."""
        if not self._writable():
            return False
        TYPES[record.KIND].from_dict(record.to_dict())  # raises ValidationError: nothing pushed
        command = commands.PutRecord(self.library, record, notify=self.status.emit)
        self.stack.push(command)
        if command.error is not None:
            self.record_failed.emit(record.ref, command.error)
            return False
        self.record_saved.emit(record.ref)
        return True

    def delete_record(self, ref: str) -> None:
        if self._writable() and self.library.exists(ref):
            self.stack.push(commands.DeleteRecord(self.library, ref, notify=self.status.emit))

    def set_photo(self, ref: str, source) -> bool:
        """Store an image (path or bytes) and make it the official's photo (undoable)."""
        if not self._writable():
            return False
        official = self.library.get(ref)
        if official is None or official.KIND != "official":
            return False
        name = self.library.add_photo(source)  # PhotoError propagates: nothing changed
        from dataclasses import replace
        return self.put_record(replace(official, photo=name))
