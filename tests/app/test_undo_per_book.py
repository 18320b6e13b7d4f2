"""Each book keeps its own undo history in the window; record edits and imports undo exactly."""
import json
from dataclasses import replace

from PySide6.QtGui import QUndoStack

from briefbook.app import commands

SOM = "asean-china-som-2024"          # the book the window opens first (newest 'updated')
VISIT = "prak-sokhonn-china-2019"
KINDS = ("official", "event", "partnership", "book")


def library_bytes(library) -> str:
    """Every stored document, as one canonical JSON text."""
    return json.dumps({kind: library.raw(kind) for kind in KINDS}, sort_keys=True,
                      ensure_ascii=False)


def saved_book(window, book_id):
    window.session.save_now()
    return window.library.get(f"book:{book_id}")


def test_undo_after_switching_books_undoes_that_books_edits(qtbot, window):
    assert window.session.book.id == SOM
    som_stack = window.undo_stack
    window.controller.add_section("Side meetings")
    window.controller.set_properties({"title": "SOM brief (draft)"})
    assert som_stack.count() == 2

    window.open_book(VISIT)
    assert window.undo_stack is not som_stack and not window.act_undo.isEnabled()
    window.controller.add_section("Annex")
    assert saved_book(window, VISIT).sections[-1].title == "Annex"

    window.open_book(SOM)
    assert window.undo_stack is som_stack and window.act_undo.isEnabled()
    assert window.act_undo.text() == "&Undo Edit book properties"
    window.act_undo.trigger()
    assert window.session.book.title == "ASEAN-China Senior Officials' Consultation"
    window.act_undo.trigger()
    assert "Side meetings" not in [s.title for s in saved_book(window, SOM).sections]
    assert not window.act_undo.isEnabled()
    window.act_redo.trigger()
    assert "Side meetings" in [s.title for s in saved_book(window, SOM).sections]
    # The other book's history is still its own.
    assert saved_book(window, VISIT).sections[-1].title == "Annex"
    window.open_book(VISIT)
    window.act_undo.trigger()
    assert "Annex" not in [s.title for s in saved_book(window, VISIT).sections]
    assert "Side meetings" in [s.title for s in saved_book(window, SOM).sections]


def test_keyboard_switch_through_the_book_selector_keeps_histories(qtbot, window):
    window.controller.add_section("Kept")
    selector = window.book_selector
    selector.setFocus()
    selector.setCurrentIndex(selector.findData(VISIT))
    selector.activated.emit(selector.currentIndex())
    assert window.session.book.id == VISIT and not window.undo_stack.canUndo()
    selector.setCurrentIndex(selector.findData(SOM))
    selector.activated.emit(selector.currentIndex())
    assert window.undo_stack.canUndo()
    window.act_undo.trigger()
    assert "Kept" not in [s.title for s in saved_book(window, SOM).sections]


def test_record_edits_undo_after_switching_books(qtbot, window):
    library = window.library
    editor = window.inspector.show_record("official:wang-yi")
    editor.form.widgets["country"].setText("People's Republic of China")
    assert editor.save()
    window.open_book(VISIT)
    window.open_book(SOM)
    window.act_undo.trigger()
    assert library.get("official:wang-yi").country == "China"
    window.act_redo.trigger()
    assert library.get("official:wang-yi").country == "People's Republic of China"


def test_undo_never_overwrites_a_later_edit_from_another_book(qtbot, window):
    library = window.library
    official = library.get("official:kung-phoak")
    assert window.controller.put_record(replace(official, country="Kingdom of Cambodia"))
    window.open_book(VISIT)
    later = replace(library.get("official:kung-phoak"), pronunciation="koong pah-ak")
    assert window.controller.put_record(later)
    window.open_book(SOM)
    stored = library.snapshot(["official:kung-phoak"])
    window.act_undo.trigger()                        # would throw away the later edit
    assert library.snapshot(["official:kung-phoak"]) == stored
    assert "was changed since" in window.statusBar().currentMessage()
    assert not window.undo_stack.canUndo()           # the stale step is gone, not half-done
    window.open_book(VISIT)
    window.act_undo.trigger()                        # the later edit undoes normally
    assert library.get("official:kung-phoak").pronunciation == official.pronunciation
    assert library.get("official:kung-phoak").country == "Kingdom of Cambodia"


def test_deleting_a_book_drops_its_history(qtbot, window):
    book_id = window.new_book("Short-lived")
    window.controller.add_section("Doomed")
    window.controller.add_refs(["official:kung-phoak"], offer_related=False)
    doomed = window.undo_stack
    assert doomed.count() == 2
    window.delete_book(confirm=False)
    assert not window.library.exists(f"book:{book_id}")
    assert book_id not in window.histories.book_ids()
    assert doomed not in window.undo_group.stacks()
    assert window.undo_stack is window.histories.stack(window.session.book.id)
    while window.undo_stack.canUndo():               # nothing left that points at it
        window.act_undo.trigger()
    assert not window.library.exists(f"book:{book_id}")


def test_a_book_changed_elsewhere_starts_a_fresh_history(qtbot, window):
    window.controller.add_section("Before the change")
    window.open_book(VISIT)
    raw = dict(window.library.raw("book")[SOM])
    raw["title"] = "Changed by an import"
    window.library.restore({f"book:{SOM}": raw})     # not through SOM's history
    window.open_book(SOM)
    assert window.session.book.title == "Changed by an import"
    assert not window.undo_stack.canUndo()           # its old edits no longer fit


# -- pack import as one undo step ----------------------------------------------------------------
def _pack(tmp_path, library, book_title="SOM brief from a colleague"):
    """A pack that updates the open book and an official, and adds an official and an event."""
    book = json.loads(json.dumps(library.raw("book")[SOM]))
    book["title"] = book_title
    book["sections"][0]["items"].append({"ref": "event:2024-06-talks"})
    book["updated"] = "2030-01-01T00:00:00Z"
    kung = json.loads(json.dumps(library.raw("official")["kung-phoak"]))
    kung["country"] = "Cambodia (from the pack)"
    kung["updated"] = "2030-01-01T00:00:00Z"
    doc = {"format": "briefbook-pack", "version": 1,
           "officials": [kung, {"id": "tea-vanna", "name": "TEA Vanna",
                                "updated": "2030-01-01T00:00:00Z"}],
           "events": [{"id": "2024-06-talks", "title": "Trade talks",
                       "participants": ["kung-phoak", "tea-vanna"],
                       "updated": "2030-01-01T00:00:00Z"}],
           "partnerships": [], "books": [book]}
    path = tmp_path / "colleague.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_pack_import_command_on_a_bare_stack(qapp, library, tmp_path):
    from briefbook.sample import load_sample
    load_sample(library)
    before = library_bytes(library)
    stack = QUndoStack()
    command = commands.ImportPack(library, _pack(tmp_path, library))
    stack.push(command)
    assert stack.count() == 1 and command.error is None
    assert sorted(command.result.added) == ["event:2024-06-talks", "official:tea-vanna"]
    after = library_bytes(library)
    assert library.get("official:kung-phoak").country == "Cambodia (from the pack)"
    commits = []
    library.subscribe(commits.append)
    stack.undo()
    assert library_bytes(library) == before and len(commits) == 1
    stack.redo()
    assert library_bytes(library) == after and len(commits) == 2
    stack.undo()
    assert library_bytes(library) == before


def test_refused_or_empty_pack_import_pushes_nothing(qapp, library, tmp_path):
    from briefbook.sample import load_sample
    from briefbook.model import ValidationError
    load_sample(library)
    before = library_bytes(library)
    stack = QUndoStack()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "briefbook-pack", "version": 1,
                               "events": [{"id": "e", "title": "T", "participants": ["ghost"]}]}))
    command = commands.ImportPack(library, bad)
    stack.push(command)
    assert isinstance(command.error, ValidationError) and "participants[0]" in str(command.error)
    assert stack.count() == 0 and library_bytes(library) == before
    same = commands.ImportPack(library, _pack(tmp_path, library))
    stack.push(same)
    again = commands.ImportPack(library, _pack(tmp_path, library))  # nothing newer the 2nd time
    stack.push(again)
    assert again.error is None and again.result.skipped and not again.result.added
    assert stack.count() == 1


def test_pack_import_undo_is_refused_if_an_imported_record_changed_since(qapp, library, tmp_path):
    from briefbook.sample import load_sample
    load_sample(library)
    stack = QUndoStack()
    messages = []
    stack.push(commands.ImportPack(library, _pack(tmp_path, library), notify=messages.append))
    library.put(replace(library.get("official:tea-vanna"), country="Cambodia"))
    changed = library_bytes(library)
    stack.undo()
    assert library_bytes(library) == changed        # the later edit is not thrown away
    assert stack.count() == 0 and "official:tea-vanna" in messages[0]


def test_pack_import_in_the_window_undoes_with_the_open_book(qtbot, window, tmp_path):
    library = window.library
    window.controller.add_section("Mine, before the import")
    window.session.save_now()
    before = library_bytes(library)
    report = window.import_pack(_pack(tmp_path, library))
    assert report is not None and f"book:{SOM}" in report.updated
    assert "Undo" in window.last_import_message
    assert window.session.book.title == "SOM brief from a colleague"   # the open book follows
    assert window.outline_panel.title.text() == "SOM brief from a colleague"
    after = library_bytes(library)
    assert window.act_undo.text().startswith("&Undo Import colleague.json")
    window.act_undo.trigger()
    assert library_bytes(library) == before
    assert window.session.book.title == "ASEAN-China Senior Officials' Consultation"
    assert [s.title for s in window.session.book.sections][-1] == "Mine, before the import"
    window.act_undo.trigger()                        # the edit made before the import
    assert "Mine, before the import" not in [s.title for s in saved_book(window, SOM).sections]
    window.act_redo.trigger()
    window.act_redo.trigger()
    assert library_bytes(library) == after
    assert window.session.book.title == "SOM brief from a colleague"
    # Editing the imported version, then undoing back through the import, stays exact.
    window.controller.add_section("After the import")
    window.act_undo.trigger()
    window.act_undo.trigger()
    assert json.loads(library_bytes(library))["official"] == json.loads(before)["official"]
    assert window.session.book.title == "ASEAN-China Senior Officials' Consultation"


def test_pack_import_from_another_book_then_undone(qtbot, window, tmp_path):
    """The import is on the history of the book open at the time; the book it updated starts a
    fresh history only if its stored copy differs when it is opened again."""
    library = window.library
    window.open_book(VISIT)
    before = library_bytes(library)
    assert window.import_pack(_pack(tmp_path, library)) is not None
    window.open_book(SOM)
    assert window.session.book.title == "SOM brief from a colleague"
    window.open_book(VISIT)
    window.act_undo.trigger()
    assert library_bytes(library) == before
    window.open_book(SOM)
    assert window.session.book.title == "ASEAN-China Senior Officials' Consultation"


def test_deleting_an_official_in_the_open_book_takes_it_out_and_undo_puts_it_back(
        qtbot, window, tmp_path):
    from briefbook.packs import export_pack, import_pack
    from briefbook.store import Library

    ref = "official:kung-phoak"
    assert ref in window.session.book.refs()
    before = library_bytes(window.library)
    window.controller.delete_record(ref)
    assert not window.library.exists(ref)
    # the open outline follows the library: no item left pointing at nothing
    assert ref not in window.session.book.refs()
    window.session.save_now()
    assert ref not in window.library.get(f"book:{SOM}").refs()
    assert window.library.referrers(ref) == []
    # the library still exports and imports whole
    pack = export_pack(window.library, tmp_path / "all.bbpack")
    with Library.open(tmp_path / "copy" / "library.json") as copy:
        import_pack(copy, pack)
    window.act_undo.trigger()
    assert window.library.exists(ref) and ref in window.session.book.refs()
    window.session.save_now()
    assert library_bytes(window.library) == before
