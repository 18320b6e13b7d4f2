"""An article import as ONE undo step (no widgets: a bare ``QUndoStack`` drives it).

:func:`apply_reviewed` turns reviewed proposals into the records to write and pushes an
:class:`ImportArticleCommand`: redo writes every record in one library transaction; undo
puts back exactly the previous versions and deletes the records the import created, again
in one transaction (refused, with the library untouched, if one of them was changed since
from elsewhere -- see :class:`~briefbook.app.commands.LibraryChange`).
"""
from __future__ import annotations

import copy

from ..articles import ArticleProposals, plan_import
from .commands import LibraryChange


class ImportArticleCommand(LibraryChange):
    """One undo step for a whole article import.

    *records_before*: ``{ref: record as it was, or None if the import creates it}`` (a plain
    list of the previous records is accepted too): the records the import touches besides
    *records_after*, the records it writes.
    """

    def __init__(self, library, records_before, records_after, text: str = "Import article",
                 parent=None, **hooks):
        super().__init__(library, text, parent, **hooks)
        self.records = [copy.deepcopy(r) for r in records_after]
        before_refs = records_before if isinstance(records_before, dict) else \
            [r.ref for r in records_before]
        self._touched = list(dict.fromkeys([*before_refs, *(r.ref for r in self.records)]))

    def apply(self):
        before = self.library.snapshot(self._touched)
        with self.library.transaction():
            self.records = [self.library.stage(r) for r in self.records]
        return before

    @property
    def refs(self) -> list[str]:
        return [r.ref for r in self.records]


def apply_reviewed(library, proposals: ArticleProposals, undo_stack=None,
                   text: str | None = None) -> ImportArticleCommand | None:
    """Write reviewed *proposals* in one transaction, as one undo step on *undo_stack*.

    Returns the command (None when nothing would change).  Raises (ArticleError,
    ValidationError, StoreError) with the library untouched and nothing pushed.
    """
    plan = plan_import(library, proposals)
    if not plan.records:
        return None
    label = text or f"Import article {proposals.article_name or ''}".strip()
    command = ImportArticleCommand(library, plan.before, plan.records, label)
    if undo_stack is not None:
        undo_stack.push(command)           # redo writes; an obsolete command is not kept
    else:
        command.redo()
    if command.error is not None:
        raise command.error
    return command if command.changed_anything else None
