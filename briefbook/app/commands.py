"""Undo commands: one small ``QUndoCommand`` per domain change.

``redo`` calls the outline or library operation, ``undo`` calls its inverse
with what the operation returned (as Orange's canvas commands do).  They need
no widgets: a bare ``QUndoStack`` drives them.
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ..model.book import Section


class InsertItems(QUndoCommand):
    def __init__(self, outline, section_key: str, row: int, items, text="Add to book",
                 parent=None):
        super().__init__(text, parent)
        self.outline, self.section_key, self.row, self.items = outline, section_key, row, list(items)
        self.keys: list[str] = []

    def redo(self):
        self.keys = self.outline.insert_items(self.section_key, self.row, self.items)

    def undo(self):
        self.outline.remove(self.keys)


class InsertSection(QUndoCommand):
    def __init__(self, outline, row: int, section: Section, text="Add section", parent=None):
        super().__init__(text, parent)
        self.outline, self.row, self.section = outline, row, section

    def redo(self):
        self.outline.insert_sections(self.row, [self.section])

    def undo(self):
        self.outline.remove([self.section.key])


class RemoveNodes(QUndoCommand):
    def __init__(self, outline, keys, text="Remove from book", parent=None):
        super().__init__(text, parent)
        self.outline, self.keys = outline, list(keys)
        self.removed = []

    def redo(self):
        self.removed = self.outline.remove(self.keys)

    def undo(self):
        self.outline.restore(self.removed)


class MoveNodes(QUndoCommand):
    """A drag inside the outline: keys to a row of a section (None: reorder sections)."""

    def __init__(self, outline, keys, section_key, row, text="Move", parent=None):
        super().__init__(text, parent)
        self.outline, self.keys, self.section_key, self.row = outline, list(keys), section_key, row
        self.before = []

    def redo(self):
        self.before = self.outline.move(self.keys, self.section_key, self.row)
        if not self.before:
            self.setObsolete(True)

    def undo(self):
        self.outline.move_back(self.before)


class MoveBy(QUndoCommand):
    """Move up / Move down from the keyboard or menu."""

    def __init__(self, outline, keys, step: int, parent=None):
        super().__init__("Move up" if step < 0 else "Move down", parent)
        self.outline, self.keys, self.step = outline, list(keys), step
        self.before = []

    def redo(self):
        self.before = self.outline.move_by(self.keys, self.step)
        if not self.before:
            self.setObsolete(True)

    def undo(self):
        self.outline.move_back(self.before)


class RenameSection(QUndoCommand):
    def __init__(self, outline, key: str, title: str, parent=None):
        super().__init__(f"Rename section to {title!r}", parent)
        self.outline, self.key, self.title = outline, key, title
        self.old = None

    def redo(self):
        self.old = self.outline.rename_section(self.key, self.title)

    def undo(self):
        self.outline.rename_section(self.key, self.old)


class EditBlock(QUndoCommand):
    def __init__(self, outline, key: str, changes: dict, parent=None):
        super().__init__("Edit text block", parent)
        self.outline, self.key, self.changes = outline, key, dict(changes)
        self.old: dict = {}

    def redo(self):
        self.old = self.outline.edit_block(self.key, **self.changes)

    def undo(self):
        self.outline.edit_block(self.key, **self.old)


class SetBookProperties(QUndoCommand):
    def __init__(self, session, changes: dict, parent=None):
        super().__init__("Edit book properties", parent)
        self.session, self.changes = session, dict(changes)
        self.old: dict = {}

    def redo(self):
        self.old = self.session.set_properties(self.changes)

    def undo(self):
        self.session.set_properties(self.old)


class PutRecord(QUndoCommand):
    """Create or replace a library record (validated before it is pushed)."""

    def __init__(self, library, record, text: str | None = None, parent=None):
        self.library, self.record = library, record
        self.old = library.get(record.ref)
        label = getattr(record, "name", None) or getattr(record, "title", record.id)
        super().__init__(text or (f"Edit {label}" if self.old else f"Create {label}"), parent)
        self.error: Exception | None = None

    def redo(self):
        try:
            self.library.put(self.record)
        except Exception as exc:  # noqa: BLE001 - reported by the caller, nothing changed
            self.error = exc
            self.setObsolete(True)

    def undo(self):
        if self.old is None:
            self.library.delete(self.record.ref)
        else:
            self.library.put(self.old, keep_updated=True)


class DeleteRecord(QUndoCommand):
    """Delete a record; the library also takes it out of the events and books pointing at it,
    so undo puts those back as they were, in the same commit as the record."""

    def __init__(self, library, ref: str, parent=None):
        self.library, self.ref = library, ref
        self.old = library.get(ref)
        self.referrers = [library.get(r) for r in library.referrers(ref)]
        label = getattr(self.old, "name", None) or getattr(self.old, "title", ref)
        super().__init__(f"Delete {label}", parent)

    def redo(self):
        self.library.delete(self.ref)

    def undo(self):
        with self.library.transaction():
            if self.old is not None:
                self.library.stage(self.old, keep_updated=True)
            for holder in self.referrers:
                self.library.stage(holder, keep_updated=True)
