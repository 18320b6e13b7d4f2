"""File ▸ Import article…: review what an article would add, then import it as ONE undo step.

The pieces live in two modules: :mod:`.article_review_dialog` (the review dialog, which
writes nothing) and :mod:`.article_import_command` (the undo command that writes the
reviewed records in one transaction).  This module is the flow between them, and keeps
the names importable from here.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from ..articles import ArticleError, propose, read_article
from .article_import_command import ImportArticleCommand, apply_reviewed
from .article_review_dialog import ACTION_LABELS, SOURCE, ArticleReviewDialog, record_date

__all__ = ["ACTION_LABELS", "SOURCE", "ArticleReviewDialog", "ImportArticleCommand",
           "apply_reviewed", "record_date", "review_article", "review_article_file"]


def review_article(library, article, parent=None, undo_stack=None,
                   article_date: date | None = None) -> ImportArticleCommand | None:
    """Let the user review what *article* (a file path, pasted text or an ArticleText)
    would add, then import it as one undo step on *undo_stack*.

    Bad input and refused imports are shown in a message box; returns the command
    pushed (None when cancelled, refused or when nothing would change).
    """
    try:
        if isinstance(article, Path):
            article = read_article(article)
        proposals = propose(library, article, article_date)
    except ArticleError as exc:
        QMessageBox.warning(parent, "Import article", str(exc))
        return None
    dialog = ArticleReviewDialog(library, proposals, parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    try:
        return apply_reviewed(library, dialog.proposals(), undo_stack)
    except Exception as exc:   # ValidationError, StoreError, ArticleError: nothing was written
        QMessageBox.warning(parent, "Import article", f"Nothing was imported: {exc}")
        return None


def review_article_file(library, path, parent=None, undo_stack=None,
                        article_date: date | None = None) -> ImportArticleCommand | None:
    """:func:`review_article` for a file chosen in File ▸ Import article…"""
    return review_article(library, Path(path), parent, undo_stack, article_date)
