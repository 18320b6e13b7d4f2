"""The main window driven like a user: search, keyboard, drops, editors, books, packs."""
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QMimeData, QModelIndex, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableView, QTreeView

from briefbook.app.library_model import RefRole
from briefbook.app.settings import app_settings


def shown_refs(win):
    proxy = win.library_panel.proxy
    return [proxy.index(r, 0).data(RefRole) for r in range(proxy.rowCount())]


def type_text(widget, text):
    """Keystrokes carrying any Unicode text (QTest's keyClicks only knows ASCII keys)."""
    for char in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, char))


def select_library_ref(win, ref):
    win.library_panel.search.clear()
    win.library_panel.select_ref(ref)
    view = win.library_panel.view
    view.selectionModel().select(view.currentIndex(),
                                 QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)


def test_window_opens_on_the_most_recent_book_with_stable_names(window):
    assert window.session.book.id == "asean-china-som-2024"  # newest 'updated'
    assert isinstance(window.findChild(QLineEdit, "librarySearch"), QLineEdit)
    assert isinstance(window.findChild(QTableView, "libraryView"), QTableView)
    assert isinstance(window.findChild(QTreeView, "bookOutline"), QTreeView)
    assert window.findChild(QPushButton, "exportButton") is not None
    assert window.findChild(object, "previewView") is not None
    outline = window.outline_panel.model
    assert [outline.index(r, 0).data() for r in range(outline.rowCount())][0].startswith("Programme")
    assert window.library_panel.view.accessibleName()


def test_search_box_filters_the_view_as_you_type(qtbot, window):
    search = window.library_panel.search
    qtbot.keyClicks(search, "wang")
    refs = shown_refs(window)
    assert "official:wang-yi" in refs and "official:kung-phoak" not in refs
    search.clear()
    type_text(search, "孙卫")
    assert shown_refs(window) == ["official:sun-weidong"]
    search.clear()
    assert len(shown_refs(window)) == 14
    window.library_panel.kind.setCurrentIndex(window.library_panel.kind.findData("partnership"))
    assert all(r.startswith("partnership:") for r in shown_refs(window))


def test_keyboard_and_menus_do_what_drag_and_drop_does(qtbot, window):
    window.new_book("Keyboard trip")
    select_library_ref(window, "official:wang-yi")
    window.library_panel.view.setFocus()
    qtbot.keyClick(window.library_panel.view, Qt.Key_Return, Qt.ControlModifier)  # Add to book
    select_library_ref(window, "official:li-keqiang")
    window.act_add.trigger()
    items = window.session.book.sections[1].items  # "Biographies": where officials go
    assert [i.ref for i in items] == ["official:wang-yi", "official:li-keqiang"]
    view = window.outline_panel.view
    window.outline_panel.select_keys([items[1].key])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Up, Qt.AltModifier)  # Move up
    assert [i.ref for i in window.session.book.sections[1].items] == \
        ["official:li-keqiang", "official:wang-yi"]
    qtbot.keyClick(view, Qt.Key_Up, Qt.AltModifier)  # across into the section above
    assert window.session.book.sections[0].items[-1].ref == "official:li-keqiang"
    qtbot.keyClick(view, Qt.Key_Delete)
    assert "official:li-keqiang" not in window.session.book.refs()
    qtbot.keyClick(view, Qt.Key_Z, Qt.ControlModifier)
    assert window.session.book.sections[0].items[-1].ref == "official:li-keqiang"
    window.act_redo.trigger()
    assert "official:li-keqiang" not in window.session.book.refs()


def _drop_events(widget, pos, data, action=Qt.CopyAction):
    """Deliver enter/move/drop the way the platform's drag manager does."""
    pos = QPointF(pos)
    enter = QDragEnterEvent(pos, Qt.CopyAction | Qt.MoveAction, data, Qt.LeftButton,
                            Qt.NoModifier)
    enter.setDropAction(action)
    QApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(pos, Qt.CopyAction | Qt.MoveAction, data, Qt.LeftButton,
                          Qt.NoModifier)
    move.setDropAction(action)
    QApplication.sendEvent(widget, move)
    drop = QDropEvent(pos, Qt.CopyAction | Qt.MoveAction, data, Qt.LeftButton, Qt.NoModifier)
    drop.setDropAction(action)
    QApplication.sendEvent(widget, drop)
    return drop


def test_drag_from_library_to_outline_with_mouse_events(qtbot, window):
    """Offscreen, Qt's drag manager is a no-op (QDrag.exec returns at once), so this test
    presses and moves the real mouse on the library view (which starts the real drag) and
    delivers the drop events the platform would, on the outline's viewport. The full
    mouse-driven drag under a real X server is test_xvfb.py::test_real_mouse_drag."""
    window.new_book("Drag trip")
    lib_view = window.library_panel.view
    select_library_ref(window, "official:kung-phoak")
    index = lib_view.currentIndex()
    start = lib_view.visualRect(index).center()
    qtbot.mousePress(lib_view.viewport(), Qt.LeftButton, pos=start)
    qtbot.mouseMove(lib_view.viewport(), start + QPoint(30, 10))
    qtbot.mouseRelease(lib_view.viewport(), Qt.LeftButton, pos=start + QPoint(30, 10))
    data = lib_view.model().mimeData(lib_view.selectionModel().selectedIndexes())
    outline = window.outline_panel.view
    target = outline.visualRect(window.outline_panel.model.index(1, 0)).center()  # Biographies
    drop = _drop_events(outline.viewport(), target, data, Qt.MoveAction)
    assert drop.isAccepted()
    assert drop.dropAction() == Qt.CopyAction  # from outside the outline: never a move
    assert window.session.book.sections[1].items[0].ref == "official:kung-phoak"
    assert window.undo_stack.count() == 1


def test_drop_an_event_offers_its_related_items_without_blocking(qtbot, window):
    window.new_book("Related trip")
    window.controller.add_refs(["official:prak-sokhonn"], offer_related=False)
    lib = window.library_panel.model
    data = lib.mimeData([lib.index(lib.row_of("event:2019-prak-sokhonn-li-keqiang"), 0)])
    outline = window.outline_panel.view
    target = outline.visualRect(window.outline_panel.model.index(0, 0)).center()
    _drop_events(outline.viewport(), target, data)
    bar = window.outline_panel.related
    assert bar.isVisible()
    assert bar.refs == ["official:li-keqiang", "partnership:asem"]  # Prak Sokhonn is in already
    assert "LI Keqiang" in bar.label.text()
    qtbot.mouseClick(bar.add_button, Qt.LeftButton)
    assert not bar.isVisible()
    refs = window.session.book.refs()
    assert refs.count("official:prak-sokhonn") == 1
    assert {"official:li-keqiang", "partnership:asem"} <= set(refs)
    window.act_undo.trigger()
    assert "partnership:asem" not in window.session.book.refs()


def test_record_editor_validates_inline_like_import(qtbot, window, library_path):
    editor = window.new_record("official")
    form = editor.form
    form.widgets["name"].setText("")
    assert not editor.save()
    assert form.errors["name"].isVisibleTo(window) and "required" in form.errors["name"].text()
    form.widgets["name"].setText("HUN Manet")
    form.widgets["native_name"].setText("ហ៊ុន ម៉ាណែត")
    form.widgets["positions"].add_row({"title": "Prime Minister", "start": "2023-08",
                                       "end": "2023-02"})
    assert not editor.save()
    assert "row 1" in form.errors["positions"].text() and "before it starts" in \
        form.errors["positions"].text()
    assert not window.library.exists("official:hun-manet")
    form.widgets["positions"].set_rows([{"title": "Prime Minister", "start": "2023-08"}])
    form.widgets["reviewed"].setText("2024-13")
    assert not editor.save() and "month" in form.errors["reviewed"].text()
    form.widgets["reviewed"].setText("2024-06")
    assert editor.save()
    saved = window.library.get("official:hun-manet")
    assert saved.native_name == "ហ៊ុន ម៉ាណែត" and saved.positions[0].start.iso() == "2023-08"
    assert "official:hun-manet" in shown_refs(window)
    window.act_undo.trigger()
    assert not window.library.exists("official:hun-manet")
    window.act_redo.trigger()
    editor = window.inspector.show_record("official:hun-manet")
    editor.form.widgets["country"].setText("Cambodia")
    assert editor.save()
    assert window.library.get("official:hun-manet").country == "Cambodia"
    window.act_undo.trigger()
    assert window.library.get("official:hun-manet").country == ""
    editor = window.inspector.show_record("event:2019-prak-sokhonn-wang-yi")
    assert editor.form.hints["participants"].text() == "PRAK Sokhonn; WANG Yi"
    editor.form.widgets["participants"].setText("prak-sokhonn, nobody-here")
    assert "nobody-here (unknown)" in editor.form.hints["participants"].text()
    assert not editor.save() and "nobody-here" in editor.form.errors["participants"].text()


def _png(path: Path, colour=Qt.red) -> Path:
    image = QImage(40, 50, QImage.Format_RGB32)
    image.fill(colour)
    assert image.save(str(path), "PNG")
    return path


def test_dropping_an_image_file_on_an_official_sets_the_photo(tmp_path, window):
    lib = window.library_panel.model
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(_png(tmp_path / "face.png")))])
    target = lib.index(lib.row_of("official:wang-yi"), 0)
    assert lib.canDropMimeData(data, Qt.CopyAction, -1, -1, target)
    assert not lib.canDropMimeData(data, Qt.CopyAction, -1, -1,
                                   lib.index(lib.row_of("partnership:asem"), 0))
    assert lib.dropMimeData(data, Qt.CopyAction, -1, -1, target)
    photo = window.library.get("official:wang-yi").photo
    assert photo and window.library.photo_bytes(photo).startswith(b"\x89PNG")
    # The inspector's photo box takes dropped files too, and refuses non-images.
    editor = window.inspector.show_record("official:kung-phoak")
    (tmp_path / "notes.png").write_bytes(b"not an image")
    editor.set_photo(str(tmp_path / "notes.png"))
    assert "notes.png" in editor.photo.message.text()  # the store's PhotoError, shown
    assert window.library.get("official:kung-phoak").photo == ""
    editor.set_photo(str(_png(tmp_path / "kp.png", Qt.blue)))
    assert window.library.get("official:kung-phoak").photo


def test_book_properties_validate_and_undo(qtbot, window):
    props = window.properties
    props.form.widgets["start"].setText("2024-05-10")
    props.form.widgets["end"].setText("2024-05-01")
    assert not props.apply()
    assert "before it starts" in props.form.errors["end"].text()
    props.form.widgets["end"].setText("2024-05-12")
    props.form.widgets["title"].setText("SOM briefing")
    props.form.widgets["paper"].setCurrentText("Letter")
    assert props.apply()
    assert window.session.book.title == "SOM briefing" and window.session.book.paper == "Letter"
    assert "SOM briefing" in window.windowTitle()
    window.act_undo.trigger()
    assert window.session.book.title == "ASEAN-China Senior Officials' Consultation"
    assert props.form.widgets["title"].text() == window.session.book.title


def test_sections_and_text_blocks(qtbot, window):
    window.new_book("Blocks")
    window.outline_panel.select_keys([window.session.book.sections[0].key])
    window.act_blocks["defensive"].trigger()
    block = window.session.book.sections[0].items[0]
    assert block.kind == "defensive"
    editor = window.inspector.block
    editor.text.setPlainText("If asked about the dam: refer to the joint statement.")
    editor.apply()
    assert block.text.startswith("If asked")
    window.act_undo.trigger()
    assert block.text == ""
    key = window.controller.add_section("Annex")
    index = window.outline_panel.model.index_of_key(key)
    assert window.outline_panel.model.setData(index, "Annexes")
    assert window.session.book.sections[-1].title == "Annexes"


def test_books_new_duplicate_delete_and_autosave(qtbot, window):
    book_id = window.new_book("Phnom Penh visit")
    assert window.session.book.id == book_id
    window.controller.add_refs(["official:kung-phoak"], offer_related=False)
    with qtbot.waitSignal(window.session.saved, timeout=3000):
        pass
    assert window.library.get(f"book:{book_id}").refs() == ["official:kung-phoak"]
    copy_id = window.duplicate_book()
    assert copy_id != book_id and window.session.book.refs() == ["official:kung-phoak"]
    window.delete_book(confirm=False)
    assert not window.library.exists(f"book:{copy_id}")
    assert window.session.has_book
    window.open_book(book_id)
    assert window.settings.value("books/recent")[0] == book_id


def test_pack_import_and_export_report(tmp_path, window):
    out = window.export_pack(True, tmp_path / "book.bbpack")
    assert out.exists()
    report = window.import_pack(out)
    assert report is not None and "0 added" in window.last_import_message
    (tmp_path / "bad.json").write_text('{"format": "briefbook-pack", "version": 1, '
                                       '"officials": [{"id": "x"}]}')
    assert window.import_pack(tmp_path / "bad.json") is None
    assert window.last_import_message.startswith("Refused") and "name" in window.last_import_message


def test_layout_is_remembered_in_settings(qtbot, library_path):
    from briefbook.app import main_window
    win = main_window(library_path)
    qtbot.addWidget(win)
    win.show()
    win.splitter.setSizes([300, 700, 360, 100])  # default gives the preview more than this
    sizes = win.splitter.sizes()
    assert sizes[1] > 3 * sizes[3]
    win.close()
    again = main_window(library_path)
    qtbot.addWidget(again)
    # The offscreen screen is 800 px wide and restoreGeometry keeps windows on screen;
    # give the window its old size so the splitter can take its old sizes.
    again.resize(win.size())
    again.show()
    assert again.splitter.sizes() == sizes
    assert app_settings().value("window/geometry") is not None
    again.close()


def test_read_only_library_opens_without_editing(qtbot, library_path):
    from briefbook.app import main_window
    win = main_window(library_path, read_only=True)
    qtbot.addWidget(win)
    assert "read-only" in win.windowTitle()
    assert not win.act_add.isEnabled()
    assert win.controller.add_refs(["official:wang-yi"]) == []
    win.close()


def test_dark_palette_is_legible(qtbot, window):
    from briefbook.app.palette import dark_palette
    from PySide6.QtGui import QPalette
    palette = dark_palette()
    for fg, bg in ((QPalette.Text, QPalette.Base), (QPalette.WindowText, QPalette.Window),
                   (QPalette.ButtonText, QPalette.Button),
                   (QPalette.HighlightedText, QPalette.Highlight)):
        assert abs(palette.color(fg).lightness() - palette.color(bg).lightness()) > 110
    window.act_dark.trigger()
    assert QApplication.palette().color(QPalette.Window).lightness() < 100
    window.act_dark.trigger()
    assert QApplication.palette().color(QPalette.Window).lightness() > 150


def test_official_thumbnails_load_lazily_off_the_gui_thread(qtbot, tmp_path, window):
    lib = window.library_panel.model
    window.controller.set_photo("official:sun-weidong", _png(tmp_path / "sun.png", Qt.darkGreen))
    index = lib.index(lib.row_of("official:sun-weidong"), 0)
    from PySide6.QtGui import QIcon, QPixmap
    first = index.data(Qt.DecorationRole)
    assert isinstance(first, QIcon)  # the kind badge while the photo loads
    qtbot.waitUntil(lambda: isinstance(index.data(Qt.DecorationRole), QPixmap), timeout=5000)
    pixmap = index.data(Qt.DecorationRole)
    assert max(pixmap.width(), pixmap.height()) <= 48
    assert QColor(pixmap.toImage().pixel(pixmap.width() // 2, pixmap.height() // 2)) == \
        QColor(Qt.darkGreen)


def test_context_menu_offers_the_outline_actions(window):
    view = window.outline_panel.view
    window.outline_panel.select_keys([window.session.book.sections[0].key])
    view.customContextMenuRequested.emit(view.visualRect(view.currentIndex()).center())
    menu = window._context_menu
    texts = [a.text() for a in menu.actions()]
    for wanted in ("&Add to book", "&Remove from book", "Move &up", "Move do&wn", "Add &section",
                   "Re&name section"):
        assert wanted in texts
    menu.close()


def test_first_start_without_a_path_loads_the_sample(qtbot, tmp_path, monkeypatch):
    """Like the CLI: no --db and no BRIEFBOOK_DB -> the user's library, the sample on first start."""
    import briefbook.store.library as store_library
    from briefbook.app.main import open_library
    monkeypatch.setattr(store_library.platformdirs, "user_data_dir",
                        lambda *a, **k: str(tmp_path / "userdata"))
    library = open_library(None)
    try:
        assert library.path == tmp_path / "userdata" / "library.json"
        assert library.exists("official:kung-phoak") and len(library.books()) == 2
    finally:
        library.close()
    explicit = open_library(tmp_path / "empty" / "library.json")
    try:
        assert explicit.is_empty  # an explicit path starts empty
    finally:
        explicit.close()


def test_hostile_text_is_shown_literally_never_as_markup(qtbot, window):
    from briefbook.model import Event, Official
    nasty = '<b>Bold</b> <img src="/etc/passwd"> & [[[x]]] 李 ផាក'
    window.controller.put_record(Official(id="nasty", name=nasty, country="<i>Nowhere</i>"))
    window.controller.put_record(Event(id="nasty-event", title=nasty, participants=["nasty"]))
    lib = window.library_panel.model
    index = lib.index(lib.row_of("official:nasty"), 0)
    assert index.data(Qt.DisplayRole) == nasty
    assert index.data(Qt.ToolTipRole) == "<p>&lt;b&gt;Bold&lt;/b&gt; &lt;img src=&quot;/etc/passwd&quot;&gt;" \
                                         " &amp; [[[x]]] 李 ផាក</p>"
    editor = window.inspector.show_record("official:nasty")
    assert editor.heading.textFormat() == Qt.PlainText and nasty in editor.heading.text()
    window.new_book(nasty)
    assert window.outline_panel.title.text() == nasty
    assert window.outline_panel.title.textFormat() == Qt.PlainText
    window.controller.add_refs(["event:nasty-event"])
    bar = window.outline_panel.related
    assert bar.isVisible() and nasty in bar.label.text() and bar.label.textFormat() == Qt.PlainText
    item = window.outline_panel.model.index(0, 0, window.outline_panel.model.index(0, 0))
    assert item.data(Qt.DisplayRole).startswith(nasty)


def test_a_huge_photo_is_decoded_small(qtbot, tmp_path, window):
    from briefbook.app.thumbnails import load_scaled
    big = QImage(6000, 8000, QImage.Format_RGB32)
    big.fill(Qt.darkRed)
    path = tmp_path / "huge.jpg"
    assert big.save(str(path), "JPEG", 60)
    del big
    small = load_scaled(path.read_bytes(), 110, 140)
    assert (small.width(), small.height()) == (105, 140)
    editor = window.inspector.show_record("official:li-keqiang")
    editor.set_photo(str(path))
    assert window.library.get("official:li-keqiang").photo
    assert editor.photo.image.pixmap().height() <= 140 * editor.devicePixelRatioF()
    lib = window.library_panel.model
    index = lib.index(lib.row_of("official:li-keqiang"), 0)
    index.data(Qt.DecorationRole)
    from PySide6.QtGui import QPixmap
    qtbot.waitUntil(lambda: isinstance(index.data(Qt.DecorationRole), QPixmap), timeout=10000)
    assert index.data(Qt.DecorationRole).height() <= 48


def test_shortcuts_are_unambiguous(window):
    from PySide6.QtGui import QAction, QKeySequence
    seen = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString(QKeySequence.PortableText)
            assert key not in seen, f"{key} is both {seen[key]!r} and {action.text()!r}"
            seen[key] = action.text()
    for wanted in ("Ctrl+Return", "Alt+Up", "Alt+Down", "Del", "Ctrl+Z", "Ctrl+E", "Ctrl+F"):
        assert wanted in seen


def test_leaving_an_editor_keeps_what_was_typed(qtbot, window):
    # A text block: typed, then the user clicks another outline item.
    points = window.session.book.sections[1].items[0]
    window.outline_panel.select_keys([points.key])
    window.inspector.show_node(points)
    window.inspector.block.text.setPlainText("Raise the rice export quota.")
    window.inspector.show_node(window.session.book.sections[0])
    assert points.text == "Raise the rice export quota."
    # A record: a valid edit is saved on leaving; an invalid one keeps the form and says why.
    editor = window.inspector.show_record("official:wang-yi")
    editor.form.widgets["pronunciation"].setText("wahng yee")
    editor.form.edited.emit()
    window.inspector.show_record("official:li-keqiang")
    assert window.library.get("official:wang-yi").pronunciation == "wahng yee"
    editor = window.inspector.show_record("official:li-keqiang")
    editor.form.widgets["reviewed"].setText("last spring")
    editor.form.edited.emit()
    shown = window.inspector.show_record("official:kung-phoak")
    assert shown is editor and editor.ref == "official:li-keqiang"
    assert editor.form.errors["reviewed"].text()
    editor.revert()
    assert window.inspector.show_record("official:kung-phoak").ref == "official:kung-phoak"


def test_without_a_book_nothing_is_added_to_a_phantom_one(qtbot, window):
    for book in list(window.library.books()):
        window.open_book(book.id)
        window.delete_book(confirm=False)
    assert not window.session.has_book and "No book" in window.windowTitle()
    assert window.controller.add_refs(["official:wang-yi"]) == []
    lib = window.library_panel.model
    data = lib.mimeData([lib.index(lib.row_of("official:wang-yi"), 0)])
    assert not window.outline_panel.model.canDropMimeData(data, Qt.CopyAction, -1, 0,
                                                          QModelIndex())
    assert not window.export_button.isEnabled()
    window.new_book("Fresh start")
    assert window.controller.add_refs(["official:wang-yi"])


def test_typing_before_the_index_is_ready_never_blocks(qtbot, window, monkeypatch):
    index = window.library.index
    ready = {"now": False}
    real_wait = index.wait
    monkeypatch.setattr(index, "wait", lambda body=True, timeout=None:
                        ready["now"] and real_wait(body, timeout))
    panel = window.library_panel
    panel.search.setText("wang")
    assert "Indexing" in panel.count_label.text() and panel.proxy.rowCount() == 14
    ready["now"] = True
    qtbot.waitUntil(lambda: "official:wang-yi" in shown_refs(window) and
                    panel.proxy.rowCount() < 14, timeout=3000)


def test_a_pack_opened_from_finder_is_imported_into_the_current_window(qapp, qtbot, tmp_path,
                                                                        window):
    # macOS: a double-clicked .bbpack reaches the running app as a QFileOpenEvent
    from PySide6.QtGui import QFileOpenEvent

    from briefbook.app.file_open import PackFileOpenFilter
    pack = window.export_pack(True, tmp_path / "from finder.bbpack")
    current = {"window": None}
    file_open = PackFileOpenFilter(lambda: current["window"])
    qapp.installEventFilter(file_open)
    try:
        window.last_import_message = ""
        qapp.sendEvent(qapp, QFileOpenEvent(str(tmp_path / "notes.txt")))  # not ours: ignored
        qapp.sendEvent(qapp, QFileOpenEvent(str(pack)))
        qapp.processEvents()
        assert file_open.pending == [str(pack)]     # no window (e.g. locked): kept, not lost
        current["window"] = window
        file_open.deliver()                         # what run_app does when a window is back
        assert file_open.pending == []
        assert "from finder.bbpack" in window.last_import_message
        qapp.sendEvent(qapp, QFileOpenEvent(str(pack)))  # while running: imported right away
        window.last_import_message = ""
        qtbot.waitUntil(lambda: "from finder.bbpack" in window.last_import_message)
        assert window.last_import_message.startswith("Imported from finder.bbpack")
        assert file_open.pending == []
    finally:
        qapp.removeEventFilter(file_open)
