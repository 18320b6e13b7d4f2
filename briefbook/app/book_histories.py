"""One undo history per book: a ``QUndoGroup`` holding a ``QUndoStack`` for each book opened.

Outline commands hold the :class:`~briefbook.model.outline.Outline` they edit (and its node
keys), so a book's history is only good together with that very object.  The outlines are
kept here with their stack and shown again when the book is reopened:

* :meth:`BookHistories.activate` -- a book is opened: its stack becomes the group's active
  one (Edit ▸ Undo follows it), and the outline to show is the one its history edits, as
  long as that still holds what the library holds.  If the library's copy was changed while
  the book was not open (by something in another book's history, e.g. undoing a pack import
  that had updated it), the old history no longer fits: it is cleared, the book reloaded.
* :meth:`BookHistories.follow` -- the open book was changed in the library by its own
  history (a pack import on its stack, that import undone or redone): the outline holding
  the stored content is one this history already edits when there is one (so the commands
  below the import still find their nodes), else a fresh one.
* :meth:`BookHistories.forget` -- the book was deleted: its stack and outlines are dropped,
  so nothing is left that could undo into a book that is gone.

Library record edits (officials, events, partnerships) go on the stack of the book that is
open when they are made, next to that book's edits, so one Edit ▸ Undo reverses the last
thing the user did there.  :class:`~briefbook.app.commands.LibraryChange` refuses (and
drops itself) rather than undo a record that was changed since from another history.
Without a book open, the history of ``None`` takes them.
"""
from __future__ import annotations

import copy

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoGroup, QUndoStack

from ..model.book import Book
from ..model.outline import Outline
from ..store.library import same_content


class _History:
    __slots__ = ("stack", "outline", "outlines", "unsaved")

    def __init__(self, stack: QUndoStack):
        self.stack = stack
        self.outline: Outline | None = None     # what the book shows when it is open
        self.outlines: list[Outline] = []       # every outline the stack's commands edit
        self.unsaved = False                    # left with changes the library lacks


def _holds(outline: Outline, stored: dict) -> bool:
    return same_content(outline.book.to_dict(), stored)


def _fresh(stored: dict) -> Outline:
    return Outline(Book.from_dict(copy.deepcopy(stored)))


class BookHistories(QObject):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("bookHistories")
        self.group = QUndoGroup(self)
        self._histories: dict[str | None, _History] = {}

    def _history(self, book_id: str | None) -> _History:
        history = self._histories.get(book_id)
        if history is None:
            stack = QUndoStack(self.group)   # a group parent adds the stack to the group
            stack.setObjectName(f"undoStack_{book_id}" if book_id else "undoStack")
            history = self._histories[book_id] = _History(stack)
        return history

    def stack(self, book_id: str | None) -> QUndoStack:
        return self._history(book_id).stack

    def book_ids(self) -> list[str]:
        """The books that have a history in this window."""
        return [book_id for book_id in self._histories if book_id is not None]

    def activate(self, book_id: str | None, stored: dict | None) -> tuple[Outline | None, bool]:
        """Make *book_id*'s history the active one.  *stored* is the library's document of
        the book (None: no book).  Returns (the outline to show, True if it holds changes
        that could not be saved when the book was left and still need saving)."""
        history = self._history(book_id)
        outline, unsaved = None, False
        if stored is not None:
            outline, unsaved = history.outline, history.unsaved
            if outline is None or not (unsaved or _holds(outline, stored)):
                if history.outlines:
                    history.stack.clear()   # changed elsewhere meanwhile: the edits no longer fit
                outline, unsaved = _fresh(stored), False
                history.outlines = [outline]
            elif not unsaved:
                outline.book.updated = stored.get("updated") or ""
            history.outline = outline
        history.unsaved = False
        self.group.setActiveStack(history.stack)
        return outline, unsaved

    def leave(self, book_id: str | None, unsaved: bool) -> None:
        """The book is no longer shown; *unsaved*: its outline has changes the library lacks."""
        history = self._histories.get(book_id)
        if history is not None:
            history.unsaved = unsaved

    def follow(self, book_id: str, stored: dict) -> Outline:
        """The open book's stored document changed through its own history: the outline that
        holds it (the current one, one the history edits, or a fresh one)."""
        history = self._history(book_id)
        candidates = ([history.outline] if history.outline is not None else []) + \
            list(reversed(history.outlines))
        outline = next((o for o in candidates if _holds(o, stored)), None)
        if outline is None:
            outline = _fresh(stored)
            history.outlines.append(outline)
        outline.book.updated = stored.get("updated") or ""
        history.outline = outline
        return outline

    def forget(self, book_id: str) -> None:
        """Drop the history of a deleted book (it must not be the active one)."""
        history = self._histories.pop(book_id, None)
        if history is None:
            return
        self.group.removeStack(history.stack)
        history.stack.clear()
        history.stack.deleteLater()
