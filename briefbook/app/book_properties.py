"""Book properties: cover facts, theme and paper, validated like an imported book."""
from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from . import plain
from ..export.theme import THEMES
from ..model import Book, ValidationError
from ..model.book import PAPER_SIZES
from ..model.classification import LEVELS
from ..model.dates import PartialDate
from .forms import Field, Form

BOOK_FORM = [
    Field("title", "Title", required=True),
    Field("subtitle", "Subtitle"),
    Field("delegation", "Delegation"),
    Field("destination", "Destination"),
    Field("start", "Start", "date"),
    Field("end", "End", "date"),
    Field("classification", "Classification", "combo", choices=("",) + LEVELS),
    Field("prepared_by", "Prepared by"),
    Field("version", "Version"),
    Field("theme", "Theme", "combo", choices=tuple(THEMES), editable_choices=False),
    Field("paper", "Paper", "combo", choices=PAPER_SIZES, editable_choices=False),
    Field("draft", "DRAFT watermark", "check"),
]


class BookProperties(QWidget):
    """Each field applies when you leave it (one undoable change)."""

    def __init__(self, session, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("bookProperties")
        self.setAccessibleName("Book properties")
        self.session = session
        self.controller = controller
        self.form = Form(BOOK_FORM, self)
        self.status = plain.label(self)
        self.status.setWordWrap(True)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        self.form.committed.connect(self.apply)
        session.properties_changed.connect(self.load)
        session.book_replaced.connect(self.load)
        self.load()

    def load(self):
        raw = self.session.book.to_dict()
        raw["theme"] = raw.get("theme") or "ministry"
        self.form.set_values(raw)
        self.setEnabled(self.session.has_book and not self.session.read_only)

    def apply(self, _name: str = "") -> bool:
        """Validate the whole form with Book.from_dict and apply what changed."""
        if not self.session.has_book:
            return False
        self.form.clear_errors()
        values = self.form.values()
        raw = {**self.session.book.to_dict(), **values}
        try:
            book = Book.from_dict(raw)
        except ValidationError as exc:
            self.form.show_error(exc.field, exc.message)
            self.status.setText(f"Not applied: {exc.message}")
            return False
        changes = {name: getattr(book, name) for name in values}
        self.controller.set_properties(changes)
        self.status.clear()
        return True


def date_text(value: PartialDate | None) -> str:
    return value.iso() if value else ""
