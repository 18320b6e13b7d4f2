"""The article review dialog and the one-step undo of an article import (offscreen, qtbot)."""
from __future__ import annotations

import copy
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QLineEdit

from briefbook.app.article_review import (ArticleReviewDialog, ImportArticleCommand,
                                          apply_reviewed)
from briefbook.articles import propose, read_article
from briefbook.sample import load_sample
from briefbook.store import Library
from tests.articles.conftest import DATA, SEED_2019

AUG_12_2019 = date(2019, 8, 12)


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "lib" / "library.json")
    yield lib
    lib.close()


@pytest.fixture
def sample_library(library):
    load_sample(library)
    return library


def _snapshot(library):
    return {kind: copy.deepcopy(dict(library.raw(kind)))
            for kind in ("official", "event", "partnership", "book")}


def _dialog(qtbot, library, path=SEED_2019, when=None):
    proposals = propose(library, read_article(path), when)
    dialog = ArticleReviewDialog(library, proposals)
    qtbot.addWidget(dialog)
    return proposals, dialog


def _editor(dialog, cls, name):
    return dialog.editor.findChild(cls, name)


def test_every_proposal_is_listed(qtbot, sample_library):
    proposals, dialog = _dialog(qtbot, sample_library, when=AUG_12_2019)
    rows = [item.text(0) for item in dialog.items()]
    assert len(rows) == 1 + 3 + 4 + 1
    assert rows[0].startswith("Official visit to China of Prak Sokhonn (2019-08-08–2019-08-10)")
    assert any(r.startswith("Wang Yi — State Councillor and Minister of Foreign Affairs")
               for r in rows)
    found = [item.text(1) for item in dialog.items()]
    assert "matches WANG Yi" in found and "matches Belt and Road Initiative" in found
    assert dialog.items()[-1].text(2) == "cite on every record"


def test_cancel_writes_nothing_and_leaves_the_proposals_alone(qtbot, sample_library):
    before = _snapshot(sample_library)
    proposals, dialog = _dialog(qtbot, sample_library, when=AUG_12_2019)
    dialog.items()[1].setCheckState(0, Qt.Unchecked)
    dialog.reject()
    assert _snapshot(sample_library) == before
    assert proposals.officials[0].action == "merge"      # the caller's copy is untouched
    assert dialog.proposals().officials[0].action == "skip"


def test_edit_an_official_and_merge_a_new_one_into_an_existing_record(qtbot, library):
    # an empty library: everything is new; the user merges one into a record added meanwhile
    proposals, dialog = _dialog(qtbot, library, when=AUG_12_2019)
    reviewed = dialog.proposals()
    li = reviewed.officials[1]
    dialog.select(li)
    title = _editor(dialog, QLineEdit, "title")
    title.clear()
    qtbot.keyClicks(title, "Premier of the State Council")
    assert li.title == "Premier of the State Council"
    assert [p.title for p in li.record.positions] == ["Premier of the State Council"]
    name = _editor(dialog, QLineEdit, "name")
    name.clear()
    qtbot.keyClicks(name, "LI Keqiang")
    assert "LI Keqiang — Premier of the State Council" in dialog.items()[2].text(0)

    action = _editor(dialog, QComboBox, "action")
    action.setCurrentIndex(action.findData("merge"))     # no target yet: refused with a message
    assert li.action == "create" and not dialog.import_button.isEnabled()
    assert "Choose the library official" in dialog.error_label.text()
    action.setCurrentIndex(action.findData("skip"))
    assert li.action == "skip" and dialog.import_button.isEnabled()


def test_merge_into_chosen_target(qtbot, sample_library):
    _, dialog = _dialog(qtbot, sample_library, when=AUG_12_2019)
    wang = dialog.proposals().officials[2]
    dialog.select(wang)
    action = _editor(dialog, QComboBox, "action")
    target = _editor(dialog, QComboBox, "target")
    action.setCurrentIndex(action.findData("create"))
    assert wang.action == "create" and not target.isEnabled()
    action.setCurrentIndex(action.findData("merge"))
    target.setCurrentIndex(target.findData("li-keqiang"))
    assert (wang.action, wang.target) == ("merge", "li-keqiang")
    assert dialog.items()[3].text(2) == "merge → li-keqiang"


def test_article_date_resolves_the_event_and_bad_dates_block_import(qtbot, library):
    _, dialog = _dialog(qtbot, library)
    event = dialog.proposals().event
    assert event.needs_date and "date needed" in dialog.items()[0].text(0)
    qtbot.keyClicks(dialog.date_edit, "2019-08-12")
    dialog.date_edit.editingFinished.emit()
    assert (event.record.start.iso(), event.record.end.iso()) == ("2019-08-08", "2019-08-10")
    assert "(2019-08-08–2019-08-10)" in dialog.items()[0].text(0)
    assert dialog.proposals().source.date.iso() == "2019-08-12"

    dialog.select(event)
    end = _editor(dialog, QLineEdit, "end")
    end.clear()
    qtbot.keyClicks(end, "2019-02-30")
    assert not dialog.import_button.isEnabled() and "end" in dialog.error_label.text()
    end.clear()
    qtbot.keyClicks(end, "2019-08-01")
    assert "ends before it starts" in dialog.error_label.text()
    end.clear()
    qtbot.keyClicks(end, "2019-08-10")
    assert dialog.import_button.isEnabled() and dialog.error_label.text() == ""


def test_import_is_one_undo_step(qtbot, sample_library):
    before = _snapshot(sample_library)
    commits = []
    sample_library.subscribe(lambda refs: commits.append(refs))
    _, dialog = _dialog(qtbot, sample_library, path=DATA / "khmer_times_style_2019.html",
                        when=AUG_12_2019)
    dialog.accept()
    stack = QUndoStack()
    command = apply_reviewed(sample_library, dialog.proposals(), stack)
    assert stack.count() == 1 and len(commits) == 1
    after = _snapshot(sample_library)
    assert after != before
    assert "event:2019-prak-sokhonn-visit-china" in command.refs
    assert after["event"]["2019-prak-sokhonn-visit-china"]["start"] == "2019-08-08"
    stack.undo()
    assert _snapshot(sample_library) == before and len(commits) == 2
    stack.redo()
    redone = _snapshot(sample_library)
    assert set(redone["official"]) == set(after["official"])
    assert redone["event"] == after["event"] and len(commits) == 3


def test_new_records_are_deleted_by_undo(qtbot, library):
    stack = QUndoStack()
    proposals = propose(library, read_article(SEED_2019), AUG_12_2019)
    apply_reviewed(library, proposals, stack)
    assert library.count("official") == 3 and library.count("event") == 1
    stack.undo()
    assert library.count("official") == library.count("event") == library.count("partnership") == 0


def test_nothing_to_change_pushes_nothing(qtbot, sample_library):
    stack = QUndoStack()
    proposals = propose(sample_library, read_article(SEED_2019), AUG_12_2019)
    for p in proposals.all():
        p.set_action("skip")
    assert apply_reviewed(sample_library, proposals, stack) is None
    assert stack.count() == 0


def test_failed_import_pushes_nothing_and_writes_nothing(qtbot, library):
    before = _snapshot(library)
    stack = QUndoStack()
    proposals = propose(library, read_article(SEED_2019), AUG_12_2019)
    proposals.officials[0].record.name = ""
    with pytest.raises(Exception, match="name"):
        apply_reviewed(library, proposals, stack)
    assert stack.count() == 0 and _snapshot(library) == before


def test_command_with_a_list_of_previous_records(qtbot, sample_library):
    old = sample_library.get("official:wang-yi")
    changed = copy.deepcopy(old)
    changed.country = "People's Republic of China"
    command = ImportArticleCommand(sample_library, [old], [changed])
    command.redo()
    assert sample_library.get("official:wang-yi").country == "People's Republic of China"
    command.undo()
    assert sample_library.get("official:wang-yi").to_dict() == old.to_dict()


def test_participant_checkbox(qtbot, library):
    from PySide6.QtWidgets import QCheckBox
    _, dialog = _dialog(qtbot, library, when=AUG_12_2019)
    wang = dialog.proposals().officials[2]
    dialog.select(wang)
    box = _editor(dialog, QCheckBox, "participant")
    assert box.isChecked()
    box.setChecked(False)
    assert not wang.participant and "(mentioned only)" in dialog.items()[3].text(0)
    apply_reviewed(library, dialog.proposals())
    (event,) = library.all("event")
    assert event.participants == ["prak-sokhonn", "li-keqiang"]
    assert library.exists("official:wang-yi")      # still added to the library, as reviewed


def _close_modal_soon(qtbot, accept: bool, seen: list):
    """Answer the next modal window (dialog or message box) as a user would."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def answer():
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, answer)
            return
        seen.append(type(modal).__name__)
        if accept:
            modal.accept()
        else:
            modal.reject()
    QTimer.singleShot(0, answer)


def test_review_article_file_flow(qtbot, library, tmp_path):
    from briefbook.app.article_review import review_article_file
    stack = QUndoStack()
    seen = []
    _close_modal_soon(qtbot, True, seen)
    command = review_article_file(library, SEED_2019, undo_stack=stack,
                                  article_date=AUG_12_2019)
    assert seen == ["ArticleReviewDialog"]
    assert command is not None and stack.count() == 1 and library.count("official") == 3
    # bad input: a message box, nothing written
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    seen.clear()
    _close_modal_soon(qtbot, True, seen)
    assert review_article_file(library, empty, undo_stack=stack) is None
    assert seen == ["QMessageBox"] and stack.count() == 1
    # cancelled review: nothing written
    seen.clear()
    _close_modal_soon(qtbot, False, seen)
    assert review_article_file(library, DATA / "xinhua_style_2024.txt", undo_stack=stack) is None
    assert seen == ["ArticleReviewDialog"] and library.count("official") == 3
