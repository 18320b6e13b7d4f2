"""The open book: its outline, change notification and autosave to the library.

Every change to the book (outline edits through :class:`~briefbook.model.outline.Outline`,
property edits through :meth:`BookSession.set_properties`) marks it changed;
a short timer then saves it with ``Library.put`` (one atomic, durable commit),
so a crash loses at most the last fraction of a second of editing.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from ..model.book import Book
from ..model.outline import Outline, OutlineObserver

log = logging.getLogger(__name__)

BOOK_FIELDS = ("title", "subtitle", "delegation", "destination", "start", "end",
               "classification", "prepared_by", "version", "theme", "paper", "draft")


class _ChangeWatcher(OutlineObserver):
    def __init__(self, session: "BookSession"):
        self.session = session

    def inserted(self, section, row):
        self.session.mark_changed()

    def removed(self, section, row):
        self.session.mark_changed()

    def moved(self, *args):
        self.session.mark_changed()

    def changed(self, section, row):
        self.session.mark_changed()


class BookSession(QObject):
    book_replacing = Signal()     # about to open a different book (models begin a reset)
    book_replaced = Signal()      # a different book is open (models end the reset)
    changed = Signal()            # the open book changed (preview, title bar)
    properties_changed = Signal()
    saved = Signal(str)           # the book's ref, after it is in the library
    save_failed = Signal(str)

    def __init__(self, library, book: Book | None = None, autosave_ms: int = 400, parent=None):
        super().__init__(parent)
        self.library = library
        self._watcher = _ChangeWatcher(self)
        self.outline = Outline(book or Book(id="untitled", title="Untitled"))
        self.outline.observers.append(self._watcher)
        self.has_book = book is not None
        self.dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.save_now)

    @property
    def book(self) -> Book:
        return self.outline.book

    @property
    def read_only(self) -> bool:
        try:
            return self.library.read_only
        except AttributeError:  # the library was closed: nothing can be written
            return True

    def set_book(self, book: Book | None) -> None:
        """Open another book (saving the current one first)."""
        self.set_outline(Outline(book) if book is not None else None)

    def set_outline(self, outline: Outline | None, *, save: bool = True) -> None:
        """Show *outline* (None: no book), e.g. one kept with its book's undo history.

        Saves the current book first, unless *save* is False (the library already holds
        what must stay, e.g. after an undo put an older version back)."""
        if save:
            self.save_now()
        self._timer.stop()
        self.book_replacing.emit()
        old = self.outline
        new = outline if outline is not None else Outline(Book(id="untitled", title="Untitled"))
        if new is not old:
            observers = list(old.observers)
            old.observers.clear()   # a book not shown tells no one about changes
            new.observers.extend(o for o in observers if o not in new.observers)
        self.outline = new
        self.has_book = outline is not None
        self.dirty = False
        self.book_replaced.emit()
        self.changed.emit()

    def mark_changed(self) -> None:
        if not self.has_book:
            return
        self.dirty = True
        if not self.read_only:
            self._timer.start()
        self.changed.emit()

    def save_now(self) -> bool:
        self._timer.stop()
        if not self.dirty or not self.has_book or self.read_only:
            return True
        try:
            saved = self.library.put(self.book)
        except Exception as exc:  # shown to the user; the book stays in memory, dirty
            log.exception("could not save the book")
            self.save_failed.emit(str(exc))
            return False
        self.book.updated = saved.updated
        self.dirty = False
        self.saved.emit(self.book.ref)
        return True

    # -- cover facts --------------------------------------------------------------------------
    def properties(self) -> dict:
        return {name: getattr(self.book, name) for name in BOOK_FIELDS}

    def set_properties(self, changes: dict) -> dict:
        """Set cover fields (already validated). Returns the old values, for undo."""
        old = {}
        for name, value in changes.items():
            if name not in BOOK_FIELDS:
                raise ValueError(f"{name!r} is not a book property")
            old[name] = getattr(self.book, name)
            setattr(self.book, name, value)
        self.properties_changed.emit()
        self.mark_changed()
        return old
