"""Item models (checked by qtmodeltester), the MIME payload and undo commands on a bare stack."""
import json

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack

from briefbook.app import mime
from briefbook.app.controller import BookController
from briefbook.app.document import BookSession
from briefbook.app.library_filter import LibraryFilter, LibraryProxy
from briefbook.app.library_model import LibraryModel, RefRole
from briefbook.app.outline_model import KeyRole, OutlineModel
from briefbook.model import RefItem


@pytest.fixture
def session(qapp, library):
    book = library.get("book:asean-china-som-2024")
    from briefbook.app.books import copy_book
    session = BookSession(library, copy_book(book), autosave_ms=10)
    yield session
    session.save_now()


@pytest.fixture
def outline_model(session):
    stack = QUndoStack()
    controller = BookController(session, stack)
    model = OutlineModel(session, controller)
    model._keep = (stack, controller)
    return model


def refs_shown(proxy):
    return {proxy.index(r, 0).data(RefRole) for r in range(proxy.rowCount())}


def test_library_models_pass_qtmodeltester(qtmodeltester, library):
    model = LibraryModel(library)
    assert model.rowCount() == 5 + 5 + 4
    qtmodeltester.check(model)
    proxy = LibraryProxy()
    proxy.setSourceModel(model)
    china = LibraryFilter("wang").accepted(model)
    proxy.set_accepted(china)
    assert refs_shown(proxy) == china and 0 < len(china) < 14
    qtmodeltester.check(proxy)
    proxy.sort(3, Qt.DescendingOrder)
    assert refs_shown(proxy) == china
    qtmodeltester.check(proxy)
    proxy.set_accepted(None)  # no filter: Qt's own accept-all, no Python per row
    assert not proxy.filtering and proxy.rowCount() == 14
    proxy.set_accepted({"official:wang-yi"})
    assert proxy.filtering and refs_shown(proxy) == {"official:wang-yi"}
    qtmodeltester.check(proxy)


def test_outline_model_passes_qtmodeltester_while_edited(qtmodeltester, session, outline_model):
    qtmodeltester.check(outline_model)
    controller = outline_model.controller
    sections = session.book.sections
    controller.move([sections[0].items[0].key], sections[2].key, 1)
    controller.move([sections[3].key], None, 0)
    controller.add_section("Annex", 1)
    controller.add_refs(["official:wang-yi"], sections[0].key, 0, offer_related=False)
    qtmodeltester.check(outline_model)
    outline_model._keep[0].undo()
    outline_model._keep[0].undo()
    qtmodeltester.check(outline_model)
    from briefbook.app.books import copy_book
    session.set_book(copy_book(session.library.get("book:prak-sokhonn-china-2019")))
    assert outline_model.rowCount() == 4
    qtmodeltester.check(outline_model)


def test_search_filter_is_accent_case_and_script_insensitive(library):
    model = LibraryModel(library)
    for text, ref in (("PHOAK", "official:kung-phoak"), ("ផាក", "official:kung-phoak"),
                      ("李克", "official:li-keqiang"), ("asem", "partnership:asem")):
        accepted = LibraryFilter(text).accepted(model)
        assert ref in accepted, text
    only_officials = LibraryFilter("china", kind="official").accepted(model)
    assert only_officials and all(r.startswith("official:") for r in only_officials)
    by_tag = LibraryFilter(tag="Foreign Minister").accepted(model)
    assert by_tag == {"official:prak-sokhonn", "official:wang-yi"}
    cambodia = LibraryFilter(country="Cambodia", kind="official").accepted(model)
    assert cambodia == {"official:kung-phoak", "official:prak-sokhonn"}
    in_2024 = LibraryFilter(kind="event", date_from="2024", date_to="2024-12").accepted(model)
    assert in_2024 == {"event:2024-05-09-kung-phoak-sun-weidong", "event:2024-05-30th-asean-china-soc"}


def test_mime_payload_is_json_ids_never_pickles(library):
    model = LibraryModel(library)
    rows = [model.row_of("official:wang-yi"), model.row_of("event:2019-prak-sokhonn-wang-yi")]
    data = model.mimeData([model.index(r, 0) for r in rows])
    payload = json.loads(bytes(data.data(mime.MIME_REFS)).decode("utf-8"))
    assert payload["refs"] == ["official:wang-yi", "event:2019-prak-sokhonn-wang-yi"]
    assert payload["keys"] == [] and payload["origin"] == ""
    bad = mime.encode(["official:ok"])
    bad.setData(mime.MIME_REFS, b"\x80\x04\x95 pickle?")
    assert mime.decode(bad) == ([], [], "")
    hostile = mime.encode(["official:../../etc", "book:x", "official:fine"])
    assert mime.decode(hostile)[0] == ["official:fine"]


def test_drop_from_library_through_the_models_adds_a_copy(session, outline_model, library):
    lib_model = LibraryModel(library)
    data = lib_model.mimeData([lib_model.index(lib_model.row_of("official:wang-yi"), 0)])
    target = outline_model.index(2, 0)  # "Biographies"
    assert outline_model.canDropMimeData(data, Qt.CopyAction, 0, 0, target)
    # A drop proposing a move from outside the outline is still a copy.
    assert outline_model.dropMimeData(data, Qt.MoveAction, 0, 0, target)
    assert session.book.sections[2].items[0].ref == "official:wang-yi"
    assert outline_model.index(0, 0, target).data(Qt.DisplayRole).startswith("WANG Yi")
    # Dropping it again adds nothing: the book cites each record once.
    outline_model.dropMimeData(data, Qt.CopyAction, -1, 0, target)
    assert session.book.refs().count("official:wang-yi") == 1
    stack = outline_model._keep[0]
    stack.undo()
    assert "official:wang-yi" not in session.book.refs()


def test_reorder_and_move_between_sections_through_the_models(session, outline_model):
    programme, points = outline_model.index(0, 0), outline_model.index(1, 0)
    first, second = (outline_model.index(r, 0, programme) for r in range(2))
    keys = [first.data(KeyRole), second.data(KeyRole)]
    data = outline_model.mimeData([second])
    assert outline_model.dropMimeData(data, Qt.MoveAction, 0, 0, programme)
    assert [i.key for i in session.book.sections[0].items] == keys[::-1]
    data = outline_model.mimeData([outline_model.index(0, 0, programme)])
    assert outline_model.dropMimeData(data, Qt.MoveAction, 1, 0, points)
    assert session.book.sections[1].items[1].key == keys[1]
    assert len(session.book.sections[0].items) == 1
    # Sections reorder among themselves.
    data = outline_model.mimeData([outline_model.index(3, 0)])
    assert outline_model.dropMimeData(data, Qt.MoveAction, 0, 0, QModelIndex())
    assert session.book.sections[0].title == "Background"
    stack = outline_model._keep[0]
    for _ in range(3):
        stack.undo()
    assert [i.key for i in session.book.sections[0].items] == keys
    assert session.book.sections[0].title == "Programme"


def test_commands_on_a_bare_stack(qapp, library):
    """No widgets: commands call the outline/library operations and undo them exactly."""
    from briefbook.app import commands
    from briefbook.model import Section, TextBlock
    from briefbook.app.books import copy_book
    session = BookSession(library, copy_book(library.get("book:prak-sokhonn-china-2019")))
    outline, stack = session.outline, QUndoStack()
    before = session.book.to_dict()
    section = Section("Annex")
    stack.push(commands.InsertSection(outline, 1, section))
    stack.push(commands.InsertItems(outline, section.key, 0, [RefItem("official:kung-phoak"),
                                                              TextBlock("Q", "A", "defensive")]))
    stack.push(commands.MoveNodes(outline, [section.items[0].key],
                                  session.book.sections[0].key, 0))
    stack.push(commands.MoveBy(outline, [session.book.sections[0].items[0].key], +1))
    stack.push(commands.RenameSection(outline, section.key, "Annexes"))
    stack.push(commands.EditBlock(outline, section.items[0].key, {"text": "B"}))
    stack.push(commands.RemoveNodes(outline, [session.book.sections[2].key]))
    stack.push(commands.SetBookProperties(session, {"title": "Renamed", "paper": "Letter"}))
    assert stack.count() == 8
    after = session.book.to_dict()
    while stack.canUndo():
        stack.undo()
    assert session.book.to_dict() == before
    while stack.canRedo():
        stack.redo()
    assert session.book.to_dict() == after
    # Record edits: create, edit, delete, each undone in the library itself.
    official = library.get("official:wang-yi")
    from dataclasses import replace
    stack.push(commands.PutRecord(library, replace(official, country="PRC")))
    holders = library.referrers("official:kung-phoak")
    held = {ref: library.get(ref).to_dict() for ref in holders}
    assert any(ref.startswith("event:") for ref in holders)
    stack.push(commands.DeleteRecord(library, "official:kung-phoak"))
    assert library.get("official:wang-yi").country == "PRC"
    assert not library.exists("official:kung-phoak")
    assert library.referrers("official:kung-phoak") == []   # events/books no longer point at it
    stack.undo()
    assert library.exists("official:kung-phoak")
    assert {ref: library.get(ref).to_dict() for ref in holders} == held  # pointers are back
    stack.undo()
    assert library.get("official:wang-yi").country == "China"
    stack.redo()
    stack.redo()
    assert not library.exists("official:kung-phoak") and library.referrers("official:kung-phoak") == []


def test_autosave_puts_the_book_in_the_library(qtbot, session, outline_model, library):
    outline_model.controller.add_section("Saved section")
    with qtbot.waitSignal(session.saved, timeout=3000):
        pass
    assert library.get("book:asean-china-som-2024").sections[-1].title == "Saved section"
