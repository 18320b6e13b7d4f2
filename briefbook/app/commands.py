"""Undo commands: one small ``QUndoCommand`` per domain change.

``redo`` calls the outline or library operation, ``undo`` calls its inverse
with what the operation returned (as Orange's canvas commands do).  They need
no widgets: a bare ``QUndoStack`` drives them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QUndoCommand

from ..model.book import Section
from ..packs import import_pack
from ..store.library import same_content


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


class LibraryChange(QUndoCommand):
    """A change to library records, undone and redone by putting stored documents back.

    The first ``redo`` makes the change (:meth:`apply`, which returns the library's
    ``snapshot`` of what it is about to replace); the documents before and after are kept,
    and later undo / redo ``restore`` them exactly, in one transaction.  If a record was
    changed since by something outside this history (another book's history, an import),
    nothing is written: the command is dropped from the stack (``error`` says why, and
    *notify* is told) rather than overwrite the later change.

    *before_change* is called before every library write (the window saves the open book
    first, so what is checked is current).  Needs no widgets: a bare ``QUndoStack`` drives it.
    """

    def __init__(self, library, text: str, parent=None, *, before_change=None, notify=None):
        super().__init__(text, parent)
        self.library = library
        self.before_change = before_change
        self.notify = notify
        self.error: Exception | None = None
        self.docs_before: dict[str, dict | None] | None = None
        self.docs_after: dict[str, dict | None] | None = None

    def apply(self) -> dict[str, dict | None]:
        """Make the change; return the snapshot of the records it touches, taken before."""
        raise TypeError(f"{type(self).__name__} does not say what it changes (define apply)")

    @property
    def changed_refs(self) -> list[str]:
        return list(self.docs_before or ())

    @property
    def changed_anything(self) -> bool:
        return any(not same_content(self.docs_before[ref], self.docs_after[ref])
                   for ref in self.docs_before or ())

    def redo(self):
        if self.before_change is not None:
            self.before_change()
        if self.docs_after is not None:
            self._put_back(self.docs_after, self.docs_before, "redo")
            return
        try:
            before = self.apply()
        except Exception as exc:  # noqa: BLE001 - reported by the caller, nothing changed
            self.error = exc
            self.setObsolete(True)
            return
        self.docs_before, self.docs_after = before, self.library.snapshot(before)
        if not self.changed_anything:
            self.setObsolete(True)   # nothing to undo: not pushed

    def undo(self):
        if self.before_change is not None:
            self.before_change()
        self._put_back(self.docs_before, self.docs_after, "undo")

    def _put_back(self, docs, expect, verb: str) -> None:
        try:
            self.library.restore(docs, expect=expect)
        except Exception as exc:  # noqa: BLE001 - RecordChangedError, ValidationError, StoreError
            self.error = exc
            self.setObsolete(True)   # QUndoStack drops it; the library is as it was
            if self.notify is not None:
                self.notify(f"Cannot {verb} “{self.text()}”: {exc}. Nothing was changed.")


class PutRecord(LibraryChange):
    """Create or replace a library record (validated before it is pushed)."""

    def __init__(self, library, record, text: str | None = None, parent=None, **hooks):
        self.record = record
        self.old = library.get(record.ref)
        label = getattr(record, "name", None) or getattr(record, "title", record.id)
        super().__init__(library, text or (f"Edit {label}" if self.old else f"Create {label}"),
                         parent, **hooks)

    def apply(self):
        before = self.library.snapshot([self.record.ref])
        self.library.put(self.record)
        return before


class DeleteRecord(LibraryChange):
    """Delete a record. The library also takes it out of the events and books pointing at it,
    so those are part of the change: undo puts them back as they were, with the record."""

    def __init__(self, library, ref: str, parent=None, **hooks):
        self.ref = ref
        self.old = library.get(ref)
        label = getattr(self.old, "name", None) or getattr(self.old, "title", ref)
        super().__init__(library, f"Delete {label}", parent, **hooks)

    def apply(self):
        before = self.library.snapshot([self.ref, *self.library.referrers(self.ref)])
        self.library.delete(self.ref)
        return before


class ImportPack(LibraryChange):
    """File ▸ Import pack as one undo step: undo puts back exactly the records the import
    replaced and removes those it added (photos stay in the content-addressed media folder);
    redo puts the imported ones back.  ``result`` is the :class:`~briefbook.packs.ImportReport`."""

    def __init__(self, library, path, parent=None, **hooks):
        self.path = Path(path)
        self.result = None
        super().__init__(library, f"Import {self.path.name}", parent, **hooks)

    def apply(self):
        self.result = import_pack(self.library, self.path)
        return self.result.previous
