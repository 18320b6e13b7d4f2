"""An event's participants and partnerships are picked by name, from the keyboard; ids are stored."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget

from briefbook.app.record_picker import RecordListEdit, record_label

EVENT = "event:2019-prak-sokhonn-wang-yi"


def press(qtbot, key, modifier=Qt.NoModifier):
    """A key as the user's keyboard delivers it: to an open popup first, else the focus."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def listed(picker):
    return [picker.list.item(r).text() for r in range(picker.list.count())]


def open_event(window, ref=EVENT):
    editor = window.inspector.show_record(ref)
    return editor, editor.form.widgets["participants"]


def test_participants_are_shown_by_name_with_stable_names(window):
    editor, picker = open_event(window)
    assert isinstance(picker, RecordListEdit)
    assert picker is window.findChild(RecordListEdit, "field_participants")
    assert picker.search is editor.findChild(QLineEdit, "field_participants_search")
    assert picker.list is editor.findChild(QListWidget, "field_participants_list")
    assert editor.findChild(QListWidget, "field_partnerships_list") is not None
    assert picker.ids() == ["prak-sokhonn", "wang-yi"]
    assert listed(picker)[1] == "WANG Yi (王毅) — China"
    assert listed(picker)[0].startswith("PRAK Sokhonn (") and listed(picker)[0].endswith("— Cambodia")
    assert picker.search.accessibleName() == "Add official"
    assert editor.form.hints["participants"].text() == "PRAK Sokhonn; WANG Yi"


def test_pick_a_participant_by_name_from_the_keyboard(qtbot, window):
    editor, picker = open_event(window)
    window.activateWindow()
    picker.search.setFocus()
    qtbot.waitUntil(picker.search.hasFocus)
    qtbot.keyClicks(picker.search, "li ke")
    popup = picker.completer.popup()
    assert popup.isVisible()
    offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert offered[0].startswith("LI Keqiang (李克强)")
    assert not any(text.startswith("WANG Yi") for text in offered)   # listed already
    press(qtbot, Qt.Key_Down)
    press(qtbot, Qt.Key_Return)
    assert picker.ids() == ["prak-sokhonn", "wang-yi", "li-keqiang"]
    assert picker.search.text() == "" and not popup.isVisible()
    assert editor.dirty
    assert "LI Keqiang" in editor.form.hints["participants"].text()
    assert editor.save()
    assert window.library.get(EVENT).participants == ["prak-sokhonn", "wang-yi", "li-keqiang"]
    window.act_undo.trigger()
    assert window.library.get(EVENT).participants == ["prak-sokhonn", "wang-yi"]


def test_enter_adds_the_best_match_in_any_script(qtbot, window):
    editor, picker = open_event(window)
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "sun")
    assert picker.completer.popup().isVisible()
    press(qtbot, Qt.Key_Return)                      # Enter without choosing: the best match
    assert picker.ids()[-1] == "sun-weidong"
    picker.set_ids([])
    picker.search.insert("孙卫")                      # typed by an input method
    picker.search.textEdited.emit(picker.search.text())
    press(qtbot, Qt.Key_Return)
    assert picker.ids() == ["sun-weidong"]
    assert picker.matches("孙卫") == []              # listed already: not offered twice
    qtbot.keyClicks(picker.search, "nobody at all")
    press(qtbot, Qt.Key_Return)
    assert picker.message.isVisibleTo(editor) and "No official matches" in picker.message.text()
    assert picker.ids() == ["sun-weidong"] and picker.search.text() == "nobody at all"
    press(qtbot, Qt.Key_Escape)
    editor.revert()


def test_remove_and_reorder_from_the_keyboard_leave_the_outline_alone(qtbot, window):
    editor, picker = open_event(window)
    picker.set_ids(["prak-sokhonn", "wang-yi", "li-keqiang"])
    outline_before = window.session.book.to_dict()
    picker.list.setFocus()
    picker.list.setCurrentRow(2)
    press(qtbot, Qt.Key_Up, Qt.AltModifier)
    assert picker.ids() == ["prak-sokhonn", "li-keqiang", "wang-yi"]
    press(qtbot, Qt.Key_Delete)
    assert picker.ids() == ["prak-sokhonn", "wang-yi"]
    assert window.session.book.to_dict() == outline_before   # the window's Alt+Up/Delete did not fire
    # Up from the search field reaches the list; Down from there back to the choices.
    picker.search.setFocus()
    press(qtbot, Qt.Key_Up)
    assert picker.list.hasFocus()


def test_unknown_ids_are_shown_and_refused_as_before(qtbot, window):
    editor, picker = open_event(window)
    picker.setText("prak-sokhonn, nobody-here")
    assert listed(picker)[1] == "nobody-here — not in the library"
    assert "nobody-here (unknown)" in editor.form.hints["participants"].text()
    editor.dirty = True
    assert not editor.save()
    assert "row 2" in editor.form.errors["participants"].text()
    assert "nobody-here" in editor.form.errors["participants"].text()
    assert window.library.get(EVENT).participants == ["prak-sokhonn", "wang-yi"]
    editor.revert()
    assert picker.ids() == ["prak-sokhonn", "wang-yi"] and not editor.dirty


def test_partnerships_are_picked_by_name_too(qtbot, window):
    editor = window.inspector.new_record("event")
    editor.form.widgets["title"].setText("Trade talks")
    picker = editor.form.widgets["partnerships"]
    picker.search.setFocus()
    qtbot.keyClicks(picker.search, "ASEM")
    press(qtbot, Qt.Key_Down)
    press(qtbot, Qt.Key_Return)
    assert picker.ids() == ["asem"]
    people = editor.form.widgets["participants"]
    people.search.setFocus()
    qtbot.keyClicks(people.search, "kung")
    press(qtbot, Qt.Key_Down)
    press(qtbot, Qt.Key_Return)
    assert editor.save()
    saved = window.library.get("event:trade-talks")
    assert saved.partnerships == ["asem"] and saved.participants == ["kung-phoak"]


def test_labels_are_plain_text():
    hostile = {"id": "x", "name": "<b>Bold</b>", "native_name": "<img src=x>", "country": "&amp;"}
    assert record_label("official", hostile) == "<b>Bold</b> (<img src=x>) — &amp;"
    assert record_label("partnership", {"id": "p", "name": "Partnership", "short_name": "P"}) == \
        "Partnership (P)"
    assert record_label("official", None, "gone") == "gone — not in the library"


def test_typing_before_the_index_is_ready_still_offers_names(qtbot, window, monkeypatch):
    index = window.library.index
    monkeypatch.setattr(index, "wait", lambda body=True, timeout=None: False)
    monkeypatch.setattr(index, "search", lambda *a, **k: (_ for _ in ()).throw(
        AssertionError("must not wait for the index")))
    editor = window.inspector.new_record("event")
    picker = editor.form.widgets["participants"]
    assert picker.matches("wáng") == ["wang-yi"]    # accents folded, like the index
    assert picker.matches("王毅") == ["wang-yi"]
    assert picker.matches("kung-phoak") == ["kung-phoak"]   # an id typed in full
