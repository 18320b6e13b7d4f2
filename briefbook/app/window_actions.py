"""The main window's actions, menus, toolbar and outline context menu (keyboard first:
everything drag and drop does has an action with a shortcut here)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QComboBox, QLabel, QMenu, QPushButton, QSizePolicy, QToolBar,
                               QToolButton, QWidget)

from ..model.book import BLOCK_KIND_LABELS, BLOCK_KINDS


class WindowActions:
    """Mixed into MainWindow: builds what the user can trigger."""

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
        self.act_import_article = a("Import &article…", self.import_article, "Ctrl+Shift+I",
                                    "importArticle",
                                    "Turn a press release (text, HTML or DOCX) into library records")
        self.act_export_pack = a("Export library as pack…", lambda: self.export_pack(False),
                                 None, "exportLibraryPack")
        self.act_export_book_pack = a("Export this book as pack…", lambda: self.export_pack(True),
                                      None, "exportBookPack")
        self.act_export = a("&Export book…", self.show_export, "Ctrl+E", "exportBook",
                            "Export the book as PDF and/or DOCX")
        self.act_lock = a("&Lock library", self.locker.lock, "Ctrl+L", "lockLibrary",
                          "Close the encrypted library; its passphrase is needed to reopen it")
        self.act_lock.setEnabled(self.locker.enabled)
        self.act_quit = a("&Quit", self.close, QKeySequence.Quit, "quit")
        self.act_undo = self.undo_group.createUndoAction(self, "&Undo")
        self.act_undo.setShortcut(QKeySequence.Undo)
        self.act_undo.setObjectName("undo")
        self.act_redo = self.undo_group.createRedoAction(self, "&Redo")
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
                       self.act_import_article, self.act_export_pack, self.act_export_book_pack, None, self.act_export,
                       None, self.act_lock, self.act_quit):
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
                       self.act_down):
            tools.addAction(action)
        for label, action in (("Undo", self.act_undo), ("Redo", self.act_redo)):
            tools.addWidget(_StackButton(label, action, self))
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        tools.addWidget(spacer)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setAccessibleName("Export book")
        self.export_button.setToolTip("Export the book as PDF and/or DOCX (Ctrl+E)")
        self.export_button.clicked.connect(self.show_export)
        tools.addWidget(self.export_button)

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


class _StackButton(QToolButton):
    """Undo/Redo on the toolbar with a fixed label (the Edit menu names the change)."""

    def __init__(self, label: str, action, parent=None):
        super().__init__(parent)
        self.action = action
        self.setText(label)
        self.setObjectName(f"{action.objectName()}Button")
        self.setAutoRaise(True)
        self.clicked.connect(action.trigger)
        action.changed.connect(self.sync)
        self.sync()

    def sync(self):
        try:
            self.setEnabled(self.action.isEnabled())
            self.setToolTip(self.action.text().replace("&", ""))
        except RuntimeError:  # the window is being destroyed
            pass
