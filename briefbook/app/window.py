"""The main window: library | outline | inspector & book properties | preview."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QComboBox, QLabel, QMainWindow, QMenu, QPushButton, QSizePolicy,
                               QSplitter, QTabWidget, QToolBar, QWidget)

from ..model.book import BLOCK_KIND_LABELS, BLOCK_KINDS
from . import books as book_ops
from .book_properties import BookProperties
from .controller import BookController
from .document import BookSession
from .export_dialog import ExportDialog, default_exporter
from .inspector import Inspector
from .library_panel import LibraryPanel
from .outline_panel import OutlinePanel
from .palette import apply_palette
from .preview import PreviewPane
from .settings import app_settings, push_recent, string_list


class MainWindow(QMainWindow):
    def __init__(self, library, settings=None, *, exporter=default_exporter,
                 preview_renderer=None, preview_delay_ms: int = 700, owns_library=True):
        super().__init__()
        self.setObjectName("mainWindow")
        self.library = library
        self.owns_library = owns_library
        self.settings = settings if settings is not None else app_settings()
        self.exporter = exporter
        self.export_dialog: ExportDialog | None = None
        self._closed = False

        self.undo_stack = QUndoStack(self)
        self.session = BookSession(library, None, parent=self)
        self.controller = BookController(self.session, self.undo_stack, self)
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
        self.splitter.setSizes([420, 320, 380, 360])
        self.setCentralWidget(self.splitter)

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
        for editor in self.inspector.editors.values():
            editor.add_to_book.connect(lambda ref: self.controller.add_refs([ref]))
        self.controller.status.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.controller.record_failed.connect(
            lambda ref, exc: self.statusBar().showMessage(f"Not saved: {exc}", 8000))
        self.session.changed.connect(self._update_title)
        self.session.save_failed.connect(
            lambda msg: self.statusBar().showMessage(f"Could not save the book: {msg}"))
        self.session.saved.connect(lambda _ref: self.status_label.setText("Saved"))
        self.undo_stack.cleanChanged.connect(self._update_title)
        library.subscribe(self._library_changed)

        self._restore_settings()
        self.open_book(self._initial_book(), remember=False)
        self._update_actions()
        self.library_panel.warm_up()

    # -- building ----------------------------------------------------------------------------
    def _action(self, text, slot, shortcut=None, name=None, tip=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.NativeText)})"
                              if shortcut else tip)
        action.triggered.connect(lambda *_: slot())
        self.addAction(action)
        return action

    def _build_actions(self):
        a = self._action
        self.act_new_book = a("&New book…", self.new_book, QKeySequence.New, "newBook")
        self.act_duplicate = a("D&uplicate book", self.duplicate_book, None, "duplicateBook")
        self.act_delete_book = a("Delete book…", self.delete_book, None, "deleteBook")
        self.act_import = a("&Import pack…", self.import_pack, "Ctrl+I", "importPack",
                            "Merge a .bbpack into the library")
        self.act_export_pack = a("Export library as pack…", lambda: self.export_pack(False),
                                 None, "exportLibraryPack")
        self.act_export_book_pack = a("Export this book as pack…", lambda: self.export_pack(True),
                                      None, "exportBookPack")
        self.act_export = a("&Export book…", self.show_export, "Ctrl+E", "exportBook",
                            "Export the book as PDF and/or DOCX")
        self.act_quit = a("&Quit", self.close, QKeySequence.Quit, "quit")
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.Undo)
        self.act_undo.setObjectName("undo")
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcut(QKeySequence.Redo)
        self.act_redo.setObjectName("redo")
        self.act_find = a("&Find in library", self.focus_search, QKeySequence.Find, "find")
        self.act_add = a("&Add to book", self.add_selected_to_book, "Ctrl+Return", "addToBook",
                         "Add the selected library records to the book")
        self.act_remove = a("&Remove from book", self.remove_selected, QKeySequence.Delete,
                            "removeFromBook", "Remove the selected outline items")
        self.act_remove.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.outline_panel.view.addAction(self.act_remove)
        self.removeAction(self.act_remove)
        self.act_up = a("Move &up", lambda: self.move_selected(-1), "Alt+Up", "moveUp",
                        "Move the selected outline items up")
        self.act_down = a("Move do&wn", lambda: self.move_selected(1), "Alt+Down", "moveDown",
                          "Move the selected outline items down")
        self.act_section = a("Add &section", self.add_section, "Ctrl+Shift+N", "addSection",
                             "Add a section to the book")
        self.act_rename = a("Re&name section", self.rename_section, "F2", "renameSection")
        self.act_rename.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.outline_panel.view.addAction(self.act_rename)
        self.removeAction(self.act_rename)
        self.act_blocks = {kind: a(f"Add {BLOCK_KIND_LABELS[kind].lower()}",
                                   lambda k=kind: self.add_text_block(k),
                                   "Ctrl+T" if kind == "points" else None, f"addBlock_{kind}")
                           for kind in BLOCK_KINDS}
        self.act_props = a("Book &properties", lambda: self.side.setCurrentWidget(self.properties),
                           "Ctrl+P", "bookProperties")
        self.act_new_records = {kind: a(f"New {kind}", lambda k=kind: self.new_record(k), None,
                                        f"new_{kind}") for kind in ("official", "event", "partnership")}
        self.act_dark = a("&Dark palette", self.toggle_dark, None, "darkPalette")
        self.act_dark.setCheckable(True)
        self.act_refresh = a("Refresh &preview", self.preview.refresh_now, "F5", "refreshPreview")

    def _build_menus(self):
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.act_new_book)
        self.open_menu = file_menu.addMenu("&Open book")
        self.open_menu.setObjectName("openBookMenu")
        self.recent_menu = file_menu.addMenu("&Recent books")
        self.recent_menu.setObjectName("recentBooksMenu")
        self.open_menu.aboutToShow.connect(self._fill_open_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        for action in (self.act_duplicate, self.act_delete_book, None, self.act_import,
                       self.act_export_pack, self.act_export_book_pack, None, self.act_export,
                       None, self.act_quit):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        edit = bar.addMenu("&Edit")
        for action in (self.act_undo, self.act_redo, None, self.act_find):
            edit.addSeparator() if action is None else edit.addAction(action)
        self.book_menu = bar.addMenu("&Book")
        for action in (self.act_add, self.act_remove, self.act_up, self.act_down, None,
                       self.act_section, self.act_rename):
            self.book_menu.addSeparator() if action is None else self.book_menu.addAction(action)
        blocks = self.book_menu.addMenu("Add &text block")
        for action in self.act_blocks.values():
            blocks.addAction(action)
        self.book_menu.addSeparator()
        self.book_menu.addAction(self.act_props)
        library_menu = bar.addMenu("&Library")
        for action in self.act_new_records.values():
            library_menu.addAction(action)
        view = bar.addMenu("&View")
        view.addAction(self.act_refresh)
        view.addAction(self.act_dark)

    def _build_toolbar(self):
        tools = QToolBar("Main", self)
        tools.setObjectName("mainToolBar")
        tools.setMovable(False)
        self.addToolBar(tools)
        tools.addWidget(QLabel(" Book: ", self))
        self.book_selector = QComboBox(self)
        self.book_selector.setObjectName("bookSelector")
        self.book_selector.setAccessibleName("Open book")
        self.book_selector.setMinimumContentsLength(24)
        self.book_selector.activated.connect(
            lambda i: self.open_book(self.book_selector.itemData(i)))
        tools.addWidget(self.book_selector)
        tools.addSeparator()
        for action in (self.act_add, self.act_section, self.act_blocks["points"], self.act_up,
                       self.act_down, self.act_undo, self.act_redo):
            tools.addAction(action)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        tools.addWidget(spacer)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setAccessibleName("Export book")
        self.export_button.setToolTip("Export the book as PDF and/or DOCX (Ctrl+E)")
        self.export_button.clicked.connect(self.show_export)
        tools.addWidget(self.export_button)

    # -- books -------------------------------------------------------------------------------
    def _initial_book(self) -> str | None:
        return book_ops.initial_book_id(self.library, string_list(self.settings, "books/recent"))

    def open_book(self, book_id: str | None, remember: bool = True) -> None:
        book = self.library.get(f"book:{book_id}") if book_id else None
        if book is not None:
            book = book_ops.copy_book(book)  # edits never touch the library's cached object
        self.session.set_book(book)
        self.undo_stack.clear()
        if book is not None and remember:
            push_recent(self.settings, book.id)
        self._fill_book_selector()
        self.inspector.show_node(None)
        self._update_title()
        self._update_actions()

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

    def _outline_menu(self, pos):
        menu = QMenu(self)
        for action in (self.act_add, self.act_remove, self.act_up, self.act_down, None,
                       self.act_section, self.act_rename):
            menu.addSeparator() if action is None else menu.addAction(action)
        blocks = menu.addMenu("Add text block")
        for action in self.act_blocks.values():
            blocks.addAction(action)
        menu.popup(self.outline_panel.view.viewport().mapToGlobal(pos))
        self._context_menu = menu

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
        self.shutdown()
        super().closeEvent(event)
