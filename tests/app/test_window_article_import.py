"""File ▸ Import article… in the main window: review, accept, one undo step."""
from PySide6.QtWidgets import QDialog

from briefbook.app import article_review



def test_import_article_menu_action_applies_one_undo_step(window, tmp_path, monkeypatch):
    article = tmp_path / "visit.txt"
    article.write_text(
        "Phnom Penh, 3 June 2024 (Xinhua) -- His Excellency TEA Vanna, Under Secretary of State "
        "at the Ministry of Commerce, met His Excellency CHEN Hao, Director-General of the "
        "Department of Asian Affairs, on June 3, 2024 in Phnom Penh to discuss trade under the "
        "ASEAN-China Comprehensive Strategic Partnership.\n\nSource: MFAIC\n", encoding="utf-8")
    action = window.findChild(type(window.act_import), "importArticle")
    assert action is window.act_import_article
    assert action in window.menuBar().actions()[0].menu().actions()
    # The review dialog is modal; accept it as a user pressing "Import" would.
    monkeypatch.setattr(article_review.ArticleReviewDialog, "exec", lambda self: QDialog.Accepted)
    officials_before = window.library.count("official")
    events_before = window.library.count("event")
    command = window.import_article(str(article))
    assert command is not None
    assert window.library.count("event") == events_before + 1
    assert window.library.count("official") > officials_before
    assert window.undo_stack.count() >= 1
    window.undo_stack.undo()
    assert window.library.count("event") == events_before
    assert window.library.count("official") == officials_before
    window.undo_stack.redo()
    assert window.library.count("event") == events_before + 1
