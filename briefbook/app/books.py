"""Book and pack operations behind the File menu (new, duplicate, delete, packs)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

from . import plain
from ..model import Book, Section, ValidationError
from .record_editor import slug

DEFAULT_SECTIONS = ("Programme", "Biographies", "Backgrounds", "Talking points")


def copy_book(book: Book) -> Book:
    """An independent copy (fresh outline keys) of a library book."""
    return Book.from_dict(book.to_dict())


def initial_book_id(library, recent: list[str] | None = None) -> str | None:
    """The most recently edited book (``updated`` newest), else the first one."""
    books = library.books()  # newest 'updated' first
    return books[0].id if books else None


def unique_book_id(library, title: str) -> str:
    base = slug(title) or "book"
    candidate, n = base, 2
    while library.exists(f"book:{candidate}"):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def new_book(window, title: str | None = None) -> str | None:
    if title is None:
        title, ok = QInputDialog.getText(window, "New book", "Title of the new book:")
        if not ok:
            return None
    title = title.strip()
    if not title:
        return None
    book = Book(id=unique_book_id(window.library, title), title=title,
                sections=[Section(name) for name in DEFAULT_SECTIONS])
    window.session.save_now()
    window.library.put(book)
    window.open_book(book.id)
    return book.id


def duplicate_book(window) -> str | None:
    if not window.session.has_book:
        return None
    window.session.save_now()
    raw = window.session.book.to_dict()
    raw["title"] = f"Copy of {raw['title']}"
    raw["id"] = unique_book_id(window.library, raw["title"])
    raw["updated"] = ""
    window.library.put(Book.from_dict(raw))
    window.open_book(raw["id"])
    return raw["id"]


def delete_book(window, confirm: bool = True) -> None:
    if not window.session.has_book:
        return
    book = window.session.book
    if confirm:
        if not plain.ask(window, "Delete book",
                         f"Delete the book “{book.title}” from the library?\n\n"
                         "The records it cites stay in the library. This cannot be undone."):
            return
    window.session.dirty = False
    window.library.delete(book.ref)
    window.open_book(initial_book_id(window.library, []))
    window.histories.forget(book.id)  # no command is left that could undo into it


def import_pack(window, path=None):
    """Merge a pack as one undo step; shows what was added, updated, skipped — or why it
    was refused.  Returns the report (None if refused or cancelled)."""
    from ..packs import PackError
    from ..store import PhotoError, StoreError
    from .commands import ImportPack
    if path is None:
        path, _ = QFileDialog.getOpenFileName(window, "Import pack", "",
                                              "Briefbook packs (*.bbpack pack.json *.json)")
        if not path:
            return None
    window.session.save_now()
    command = ImportPack(window.library, path, before_change=window.session.save_now,
                         notify=window._command_refused)
    window.undo_stack.push(command)   # redo imports; the open book follows if it changed
    if command.error is not None:
        if not isinstance(command.error, (PackError, ValidationError, PhotoError, StoreError,
                                          OSError)):
            raise command.error
        window.last_import_message = (f"Refused {Path(path).name}: {command.error}\n\n"
                                      "The library was not changed.")
        if not getattr(window, "quiet", False):
            plain.warn(window, "Import refused", window.last_import_message)
        return None
    report = command.result
    window.last_import_message = (f"Imported {Path(path).name}: {len(report.added)} added, "
                                  f"{len(report.updated)} updated, {len(report.skipped)} skipped "
                                  "(not newer than the library's copy)."
                                  + (" Edit ▸ Undo takes it back." if report.previous else ""))
    window.statusBar().showMessage(window.last_import_message, 10000)
    if not getattr(window, "quiet", False):
        plain.inform(window, "Import done", window.last_import_message)
    return report


def export_pack(window, this_book: bool, path=None):
    from ..packs import export_pack as do_export
    if this_book and not window.session.has_book:
        return None
    if path is None:
        name = (window.session.book.id if this_book else "library") + ".bbpack"
        path, _ = QFileDialog.getSaveFileName(window, "Export pack", name,
                                              "Briefbook packs (*.bbpack)")
        if not path:
            return None
    window.session.save_now()
    out = do_export(window.library, Path(path),
                    book_id=window.session.book.id if this_book else None)
    window.statusBar().showMessage(f"Wrote {out}", 8000)
    return out
