"""The main window: library | outline | inspector & book properties | preview."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QSplitter, QTabWidget
from . import books as book_ops
from .book_histories import BookHistories
from .book_properties import BookProperties
from .controller import BookController
from .document import BookSession
from .export_dialog import ExportDialog, default_exporter
from .inspector import Inspector
from .library_panel import LibraryPanel
from .outline_panel import OutlinePanel
from . import plain
from .palette import apply_palette
from .preview import PreviewPane
from .settings import app_settings, push_recent, string_list
from .window_actions import WindowActions


class MainWindow(WindowActions, QMainWindow):
    def __init__(self, library, settings=None, *, exporter=default_exporter,
                 preview_renderer=None, preview_delay_ms: int = 700, owns_library=True):
        super().__init__()
        self.setObjectName("mainWindow")
        self.library = library
        self.owns_library = owns_library
        self.settings = settings if settings is not None else app_settings()
        self.exporter = exporter
        self.export_dialog: ExportDialog | None = None
        self.last_refusal = ""   # the last undo/redo refused (a record changed since)
        self._closed = False

        self.histories = BookHistories(self)   # one undo stack per book opened here
        self.session = BookSession(library, None, parent=self)
        self.controller = BookController(self.session, self.histories.stack(None), self)
        self.library_panel = LibraryPanel(library, self)
        self.outline_panel = OutlinePanel(self.session, self.controller, self)
        self.inspector = Inspector(self.controller, self)
        self.properties = BookProperties(self.session, self.controller, self)
        self.preview = PreviewPane(self.session, self, preview_delay_ms, preview_renderer)

        self.side = QTabWidget(self)
        self.side.setObjectName("sideTabs")
        self.side.addTab(self.inspector, "&Inspector")
        self.side.addTab(self.properties, "Book &properties")
        self.splitter = QSplitter(Qt.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.library_panel, self.outline_panel, self.side, self.preview):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([470, 330, 400, 380])
        self.setCentralWidget(self.splitter)

        from .locking import Locker
        self.locker = Locker(self)
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)

        self.library_panel.view.selectionModel().currentRowChanged.connect(self._library_current)
        self.library_panel.view.doubleClicked.connect(lambda *_: self.add_selected_to_book())
        self.library_panel.model.photo_dropped.connect(self._photo_dropped)
        self.outline_panel.view.selectionModel().currentRowChanged.connect(self._outline_current)
        self.outline_panel.view.customContextMenuRequested.connect(self._outline_menu)
        self.outline_panel.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.inspector.add_to_book.connect(lambda ref: self.controller.add_refs([ref]))
        self.controller.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.controller.record_failed.connect(
            lambda ref, exc: self.statusBar().showMessage(f"Not saved: {exc}", 8000))
        self.session.changed.connect(self._update_title)
        self.session.save_failed.connect(
            lambda msg: self.statusBar().showMessage(f"Could not save the book: {msg}"))
        self.session.saved.connect(lambda _ref: self.status_label.setText("Saved"))
        self.undo_group.cleanChanged.connect(self._update_title)
        library.subscribe(self._library_changed)

        self._restore_settings()
        self.open_book(self._initial_book(), remember=False)
        self._update_actions()
        self.library_panel.warm_up()

    # -- books -------------------------------------------------------------------------------
    def _initial_book(self) -> str | None:
        return book_ops.initial_book_id(self.library, string_list(self.settings, "books/recent"))

    @property
    def undo_group(self) -> QUndoGroup:
        return self.histories.group

    @property
    def undo_stack(self) -> QUndoStack:
        """The open book's undo history: what Edit ▸ Undo / Redo act on."""
        return self.histories.group.activeStack()

    def open_book(self, book_id: str | None, remember: bool = True) -> None:
        """Show a book with its own undo history (kept while other books are looked at)."""
        self.inspector.show_node(None)  # a half-typed text block goes to the book it belongs to
        self.session.save_now()
        if self.session.has_book:
            self.histories.leave(self.session.book.id, unsaved=self.session.dirty)
        stored = self.library.raw("book").get(book_id) if book_id else None
        outline, unsaved = self.histories.activate(book_id if stored else None, stored)
        self.session.set_outline(outline, save=False)
        self.controller.stack = self.undo_stack
        if unsaved:
            self.session.mark_changed()  # saving it failed when it was left: try again
        if outline is not None and remember:
            push_recent(self.settings, outline.book.id)
        self._fill_book_selector()
        self._update_title()
        self._update_actions()

    def _follow_open_book(self) -> None:
        """The open book changed in the library, not by its own autosave (a pack import on
        its history, or that import undone): show what the library holds."""
        stored = self.library.raw("book").get(self.session.book.id)
        if stored is None or self.session.dirty:
            return  # deleted (delete_book opens another) / our own save in progress
        outline = self.histories.follow(self.session.book.id, stored)
        if outline is not self.session.outline:
            self.inspector.drop_outline_node()
            self.session.set_outline(outline, save=False)

    def _command_refused(self, message: str) -> None:
        self.last_refusal = message
        self.statusBar().showMessage(message, 10000)

    def _fill_book_selector(self):
        self.book_selector.blockSignals(True)
        self.book_selector.clear()
        for book in self.library.books():
            self.book_selector.addItem(book.title, book.id)
        at = self.book_selector.findData(self.session.book.id) if self.session.has_book else -1
        self.book_selector.setCurrentIndex(at)
        self.book_selector.blockSignals(False)

    def _fill_open_menu(self):
        self.open_menu.clear()
        for book in self.library.books():
            action = self.open_menu.addAction(book.title)
            action.triggered.connect(lambda *_, b=book.id: self.open_book(b))

    def _fill_recent_menu(self):
        self.recent_menu.clear()
        for book_id in string_list(self.settings, "books/recent"):
            raw = self.library.raw("book").get(book_id)
            if raw:
                action = self.recent_menu.addAction(raw.get("title") or book_id)
                action.triggered.connect(lambda *_, b=book_id: self.open_book(b))

    def new_book(self, title: str | None = None) -> str | None:
        return book_ops.new_book(self, title)

    def duplicate_book(self) -> str | None:
        return book_ops.duplicate_book(self)

    def delete_book(self, confirm: bool = True) -> None:
        book_ops.delete_book(self, confirm)

    def import_pack(self, path=None):
        return book_ops.import_pack(self, path)

    def import_article(self, path=None):
        """File ▸ Import article…: review the proposals, then one undo step for the import."""
        from .article_review import review_article_file
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, "Import article", "", "Articles (*.txt *.htm *.html *.docx);;All files (*)")
            if not path:
                return None
        self.session.save_now()
        command = review_article_file(self.library, path, self, self.undo_stack)
        if command is not None:
            command.notify = self._command_refused
        return command

    def export_pack(self, this_book: bool, path=None):
        return book_ops.export_pack(self, this_book, path)

    # -- outline actions -------------------------------------------------------------------------
    def add_selected_to_book(self) -> list[str]:
        refs = self.library_panel.view.selected_refs()
        if not refs or not self.session.has_book:
            return []
        section_key, row = self._insertion_point()
        keys = self.controller.add_refs(refs, section_key, row)
        self.outline_panel.select_keys(keys)
        return keys

    def _insertion_point(self) -> tuple[str | None, int]:
        index = self.outline_panel.view.currentIndex()
        node = self.outline_panel.model.node(index)
        if node is None:
            return None, -1
        outline = self.session.outline
        if node.key not in outline:
            return None, -1
        if outline.is_section(node.key):
            return node.key, -1
        return outline.parent_key(node.key), outline.position(node.key)[1] + 1

    def selected_keys(self) -> list[str]:
        return self.outline_panel.view.selected_keys()

    def remove_selected(self):
        self.controller.remove(self.selected_keys())

    def move_selected(self, step: int):
        keys = self.selected_keys()
        self.controller.move_by(keys, step)
        self.outline_panel.select_keys(keys)

    def add_section(self):
        if not self.session.has_book:
            return
        section_key, _row = self._insertion_point()
        outline = self.session.outline
        row = outline.position(section_key)[1] + 1 if section_key else -1
        key = self.controller.add_section("New section", row)
        if key:
            self.outline_panel.select_keys([key])
            self.outline_panel.view.edit(self.outline_panel.model.index_of_key(key))

    def rename_section(self):
        index = self.outline_panel.view.currentIndex()
        if index.isValid() and index.flags() & Qt.ItemIsEditable:
            self.outline_panel.view.edit(index)

    def add_text_block(self, kind: str):
        if not self.session.has_book:
            return
        section_key, row = self._insertion_point()
        key = self.controller.add_text_block(kind, section_key, row)
        if key:
            self.outline_panel.select_keys([key])
            self.inspector.show_node(self.session.outline.node(key))
            self.side.setCurrentWidget(self.inspector)
            self.inspector.block.text.setFocus()

    # -- records ---------------------------------------------------------------------------------
    def new_record(self, kind: str):
        self.side.setCurrentWidget(self.inspector)
        return self.inspector.new_record(kind)

    def _library_current(self, current, _previous):
        ref = current.siblingAtColumn(0).data(Qt.UserRole + 1) if current.isValid() else None
        editor = self.inspector.current_editor()
        if editor is not None and editor.ref == ref:
            return  # already shown (e.g. the row came back after a search): keep any edits
        if ref:
            self.inspector.show_record(ref)
            self.side.setCurrentWidget(self.inspector)
        self._update_actions()

    def _outline_current(self, current, _previous):
        node = self.outline_panel.model.node(current)
        self.inspector.show_node(node)
        if node is not None:
            self.side.setCurrentWidget(self.inspector)

    def _photo_dropped(self, ref: str, path: str):
        try:
            self.controller.set_photo(ref, path)
            self.statusBar().showMessage("Photo set.", 4000)
        except Exception as exc:  # noqa: BLE001 - PhotoError and unreadable files
            self.statusBar().showMessage(f"Photo not set: {exc}", 8000)

    def _library_changed(self, refs):
        if self.session.has_book and self.session.book.ref in refs:
            self._follow_open_book()
        self.library_panel.library_changed(refs)
        self.outline_panel.model.refresh_refs(refs)
        self.inspector.refresh(refs)
        if any(r.startswith("book:") for r in refs):
            self._fill_book_selector()
        if self.session.has_book and any(r in self.session.book.refs() for r in refs):
            self.preview.schedule()

    # -- export ----------------------------------------------------------------------------------
    def show_export(self) -> ExportDialog | None:
        if not self.session.has_book:
            self.statusBar().showMessage("Open or create a book first.", 5000)
            return None
        if self.export_dialog is None or not self.export_dialog.running:
            self.export_dialog = ExportDialog(self.session, self.settings, self, self.exporter)
        self.export_dialog.show()
        self.export_dialog.raise_()
        return self.export_dialog

    # -- misc --------------------------------------------------------------------------------------
    def focus_search(self):
        self.library_panel.search.setFocus()
        self.library_panel.search.selectAll()

    def toggle_dark(self):
        apply_palette(self.act_dark.isChecked())
        self.settings.setValue("view/dark", self.act_dark.isChecked())

    def _update_title(self, *_):
        name = self.session.book.title if self.session.has_book else "No book"
        flags = " [read-only]" if self.library.read_only else ""
        self.setWindowTitle(f"{name} — Briefbook{flags}")
        self.status_label.setText("Unsaved" if self.session.dirty else "Saved")

    def _update_actions(self, *_):
        has_book = self.session.has_book and not self.library.read_only
        for action in (self.act_add, self.act_section, self.act_up, self.act_down,
                       self.act_remove, self.act_rename, *self.act_blocks.values(),
                       self.act_duplicate, self.act_delete_book, self.act_export_book_pack):
            action.setEnabled(has_book)
        self.export_button.setEnabled(self.session.has_book)
        self.act_export.setEnabled(self.session.has_book)
        for action in (self.act_import, self.act_new_book, *self.act_new_records.values()):
            action.setEnabled(not self.library.read_only)

    def _restore_settings(self):
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 900)
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self._splitter_state = s.value("window/splitter")
        dark = s.value("view/dark", False)
        self.act_dark.setChecked(dark in (True, "true", "1", 1))
        if self.act_dark.isChecked():
            apply_palette(True)

    def save_settings(self):
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.sync()

    def shutdown(self):
        """Save the book and settings; close the library if this window opened it."""
        if self._closed:
            return
        self._closed = True
        self.session.save_now()
        self.save_settings()
        self.preview.close_renderer()
        self.library_panel.model.thumbnails.wait()
        if self.export_dialog is not None and self.export_dialog.running:
            self.export_dialog.cancel()
            self.export_dialog.wait()
        self.library.unsubscribe(self._library_changed)
        if self.owns_library:
            self.library.close()

    def showEvent(self, event):
        super().showEvent(event)
        state, self._splitter_state = getattr(self, "_splitter_state", None), None
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)  # once the window has its real size

    def closeEvent(self, event):
        if not self._closed and not self.inspector.leave_current():
            editor = self.inspector.current_editor()
            if not plain.ask(self, "Unsaved changes",
                             f"{editor.heading.text()} has changes that are not valid yet "
                             f"({editor.status.text()}).\n\nClose anyway and lose them?"):
                event.ignore()
                return
        self.shutdown()
        super().closeEvent(event)
