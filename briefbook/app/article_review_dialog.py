"""The dialog to review what an article would add to the library, before importing it.

:class:`ArticleReviewDialog` lists every proposal (event, officials, partnerships,
source) with accept / edit / merge-into-existing / link / skip.  It edits a copy of the
proposals and writes nothing; ``proposals()`` returns the reviewed copy after the user
confirms (:func:`~briefbook.app.article_import_command.apply_reviewed` writes it).
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QSplitter,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ..articles import ArticleProposals
from ..articles.importer import positions_from_title
from ..model import PartialDate
from ..model.records import EVENT_KINDS

ACTION_LABELS = {
    "create": "Accept as new record",
    "merge": "Merge into existing record",
    "link": "Link existing record (unchanged)",
    "skip": "Skip",
}
SOURCE = "source"   # the row of the article's source
SHORT_ACTION = {"create": "add", "merge": "merge", "link": "link", "skip": "skip"}
_GROUPS = (("event", "Event"), ("official", "Officials"), ("partnership", "Partnerships"),
           ("source", "Source"))


def _status_text(library, proposal) -> str:
    if proposal.status == "existing" and proposal.match_id:
        existing = library.get(f"{proposal.kind}:{proposal.match_id}")
        label = getattr(existing, "name", None) or getattr(existing, "title", proposal.match_id)
        return f"matches {label}"
    return "new"


class ArticleReviewDialog(QDialog):
    """Review proposals from one article; writes nothing (see :func:`apply_reviewed`)."""

    def __init__(self, library, proposals: ArticleProposals, parent=None):
        super().__init__(parent)
        self.library = library
        self._proposals = proposals.copy()
        self._errors: dict[str, str] = {}
        self._current = None           # the proposal (or "source") being edited
        self._loading = False
        self.setWindowTitle(f"Import article – {proposals.article_name or 'review'}")
        self.resize(1100, 640)

        intro = QLabel("Check what the article would add. Nothing is written until you "
                       "press Import; the whole import is one undo step.")
        intro.setWordWrap(True)
        self.date_edit = QLineEdit(self._proposals.article_date.isoformat()
                                   if self._proposals.article_date else "")
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self.date_edit.setObjectName("articleDate")
        self.date_edit.editingFinished.connect(self._article_date_changed)
        date_row = QHBoxLayout()
        date_row.addWidget(QLabel("Article date (resolves “on Sunday”, dates without a year):"))
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)

        self.tree = QTreeWidget()
        self.tree.setObjectName("proposals")
        self.tree.setHeaderLabels(["Proposal", "Found", "Action"])
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 150)
        self.tree.currentItemChanged.connect(self._select)
        self.tree.itemChanged.connect(self._item_checked)

        self.editor = QWidget()
        column = QVBoxLayout(self.editor)
        self.form = QFormLayout()
        column.addLayout(self.form)
        column.addStretch(1)
        self.form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([540, 440])

        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(date_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._items: dict[int, QTreeWidgetItem] = {}
        self._rows: list = []
        self._fill_tree()

    # -- public ---------------------------------------------------------------------------
    def proposals(self) -> ArticleProposals:
        """The reviewed proposals (a copy: the ones passed in are never changed)."""
        return self._proposals

    def items(self) -> list[QTreeWidgetItem]:
        """The proposal rows, top to bottom (for tests and keyboard users)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out.extend(group.child(j) for j in range(group.childCount()))
        return out

    def set_action(self, proposal, action: str, target_id: str | None = None) -> None:
        proposal.set_action(action, target_id)
        self._refresh_item(proposal)
        if self._current is proposal:
            self._build_editor(proposal)

    def select(self, proposal) -> None:
        self.tree.setCurrentItem(self._items[id(proposal)])

    # -- tree -------------------------------------------------------------------------------
    def _fill_tree(self) -> None:
        self._loading = True
        self.tree.clear()
        p = self._proposals
        groups = {"event": [p.event] if p.event else [], "official": p.officials,
                  "partnership": p.partnerships, "source": [SOURCE]}
        first = None
        for key, title in _GROUPS:
            group = QTreeWidgetItem([f"{title} ({len(groups[key])})" if key != "source" else title])
            group.setFlags(Qt.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for proposal in groups[key]:
                item = QTreeWidgetItem()
                item.setData(0, Qt.UserRole, len(self._rows))
                self._rows.append(proposal)
                group.addChild(item)
                self._items[id(proposal)] = item
                self._refresh_item(proposal)
                first = first or item
            group.setExpanded(True)
        self._loading = False
        if first is not None:
            self.tree.setCurrentItem(first)

    def _proposal_of(self, item):
        row = item.data(0, Qt.UserRole) if item is not None else None
        return self._rows[row] if isinstance(row, int) else None

    def _refresh_item(self, proposal) -> None:
        item = self._items.get(id(proposal))
        if item is None:
            return
        loading, self._loading = self._loading, True
        if proposal == SOURCE:
            src = self._proposals.source
            item.setText(0, src.title or "(no title)")
            item.setText(1, ", ".join(x for x in (src.publisher, src.date.iso() if src.date
                                                   else "") if x) or "needs details")
            item.setText(2, "cite on every record")
            self._loading = loading
            return
        label = proposal.label
        if proposal.kind == "official" and proposal.title:
            label = f"{label} — {proposal.title}"
        if proposal.kind == "official" and not proposal.participant:
            label = f"{label} (mentioned only)"
        if proposal.kind == "event":
            start, end = proposal.record.start, proposal.record.end
            when = "–".join(d.iso() for d in (start, end) if d) or "date needed"
            label = f"{label} ({when})"
        item.setText(0, label)
        item.setText(1, _status_text(self.library, proposal))
        action = SHORT_ACTION[proposal.action]
        if proposal.action in ("merge", "link"):
            action = f"{action} → {proposal.target}"
        item.setText(2, action)
        item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsUserCheckable)
        item.setCheckState(0, Qt.Unchecked if proposal.action == "skip" else Qt.Checked)
        tip = "\n".join(proposal.notes)
        for col in range(3):
            item.setToolTip(col, tip)
        self._loading = loading

    def _item_checked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._loading or column != 0:
            return
        proposal = self._proposal_of(item)
        if proposal == SOURCE or proposal is None:
            return
        checked = item.checkState(0) == Qt.Checked
        if not checked and proposal.action != "skip":
            proposal.set_action("skip")
        elif checked and proposal.action == "skip":
            proposal.set_action("merge" if proposal.match_id else "create")
        self._refresh_item(proposal)
        if self._current is proposal:
            self._build_editor(proposal)

    def _select(self, current, _previous) -> None:
        proposal = self._proposal_of(current)
        if proposal is None:
            return
        self._current = proposal
        self._build_editor(proposal)

    # -- editor -----------------------------------------------------------------------------
    def _clear_form(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)

    def _line(self, label: str, value: str, setter, name: str) -> QLineEdit:
        edit = QLineEdit(value)
        edit.setObjectName(name)
        edit.setCursorPosition(0)
        edit.textEdited.connect(setter)
        self.form.addRow(label, edit)
        return edit

    def _build_editor(self, proposal) -> None:
        self._clear_form()
        if proposal == SOURCE:
            self._source_editor()
            return
        record = proposal.record
        action = QComboBox()
        action.setObjectName("action")
        for key, text in ACTION_LABELS.items():
            action.addItem(text, key)
        action.setCurrentIndex(list(ACTION_LABELS).index(proposal.action))
        target = QComboBox()
        target.setObjectName("target")
        for combo in (action, target):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
        target.addItem("(choose a library record)", None)
        for existing in self.library.all(proposal.kind):
            label = getattr(existing, "name", None) or getattr(existing, "title", "")
            target.addItem(f"{label}  [{existing.id}]", existing.id)
        if proposal.target:
            index = target.findData(proposal.target)
            target.setCurrentIndex(max(index, 0))
        target.setEnabled(proposal.action in ("merge", "link"))

        def action_changed(_index):
            key = action.currentData()
            chosen = target.currentData()
            target.setEnabled(key in ("merge", "link"))
            if key in ("merge", "link") and not (chosen or proposal.target):
                self._errors["action"] = (f"Choose the library {proposal.kind} to {key} "
                                          f"{proposal.label!r} into.")
                self._show_errors()
                return
            self._errors.pop("action", None)
            proposal.set_action(key, chosen)
            self._refresh_item(proposal)
            self._show_errors()

        def target_changed(_index):
            chosen = target.currentData()
            if chosen and action.currentData() in ("merge", "link"):
                proposal.set_action(action.currentData(), chosen)
                self._errors.pop("action", None)
                self._refresh_item(proposal)
                self._show_errors()

        action.currentIndexChanged.connect(action_changed)
        target.currentIndexChanged.connect(target_changed)
        self.form.addRow("Action", action)
        self.form.addRow("Library record", target)

        def setter(attr):
            def set_value(text):
                setattr(record, attr, text)
                self._refresh_item(proposal)
            return set_value

        if proposal.kind == "official":
            self._line("Name", record.name, setter("name"), "name")
            self._line("Honorific", record.honorific, setter("honorific"), "honorific")

            def set_title(text):
                proposal.title = text
                record.positions = positions_from_title(text) if text.strip() else []
                self._refresh_item(proposal)
            self._line("Title", proposal.title, set_title, "title")
            self._line("Country", record.country, setter("country"), "country")
            takes_part = QCheckBox("Takes part in the event")
            takes_part.setObjectName("participant")
            takes_part.setChecked(proposal.participant)

            def set_participant(checked):
                proposal.participant = bool(checked)
                self._refresh_item(proposal)
            takes_part.toggled.connect(set_participant)
            self.form.addRow("", takes_part)
        elif proposal.kind == "partnership":
            self._line("Name", record.name, setter("name"), "name")
            self._line("Short name", record.short_name, setter("short_name"), "short_name")
            self._text("Summary", record.summary, setter("summary"))
        else:
            self._line("Title", record.title, setter("title"), "title")
            kind = QComboBox()
            kind.setObjectName("kind")
            kind.addItems(list(EVENT_KINDS))
            kind.setCurrentText(record.kind if record.kind in EVENT_KINDS else "other")
            kind.currentTextChanged.connect(setter("kind"))
            self.form.addRow("Kind", kind)
            for attr, label in (("start", "Start"), ("end", "End")):
                self._line(f"{label} (YYYY[-MM[-DD]])", record_date(record, attr),
                           self._date_setter(proposal, attr), attr)
            self._line("Location", record.location, setter("location"), "location")
            self._text("Summary", record.summary, setter("summary"))
        if proposal.mentions:
            self.form.addRow("In the article", self._wrapped(", ".join(proposal.mentions)))
        if proposal.notes:
            self.form.addRow("Notes", self._wrapped("\n".join(proposal.notes)))

    def _source_editor(self) -> None:
        src = self._proposals.source

        def setter(attr):
            def set_value(text):
                setattr(src, attr, text)
                self._refresh_item(SOURCE)
            return set_value

        self._line("Title", src.title, setter("title"), "title")
        self._line("Publisher", src.publisher, setter("publisher"), "publisher")
        self._line("Address (URL)", src.url, setter("url"), "url")

        def set_date(text):
            try:
                src.date = PartialDate.parse_optional(text)
                self._errors.pop("source.date", None)
            except ValueError as exc:
                self._errors["source.date"] = f"Source date: {exc}"
            self._refresh_item(SOURCE)
            self._show_errors()
        self._line("Date (YYYY[-MM[-DD]])", src.date.iso() if src.date else "", set_date, "date")
        if self._proposals.source_notes:
            self.form.addRow("Notes", self._wrapped("\n".join(self._proposals.source_notes)))

    def _date_setter(self, proposal, attr):
        def set_value(text):
            key = f"event.{attr}"
            try:
                setattr(proposal.record, attr, PartialDate.parse_optional(text))
                self._errors.pop(key, None)
                start, end = proposal.record.start, proposal.record.end
                if start and end and end.last_day() < start.first_day():
                    self._errors["event.order"] = "The event ends before it starts."
                else:
                    self._errors.pop("event.order", None)
            except ValueError as exc:
                self._errors[key] = f"Event {attr}: {exc}"
            self._refresh_item(proposal)
            self._show_errors()
        return set_value

    def _text(self, label: str, value: str, setter) -> None:
        edit = QPlainTextEdit(value)
        edit.setObjectName(label.lower())
        edit.setFixedHeight(110)
        edit.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        edit.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        edit.textChanged.connect(lambda: setter(edit.toPlainText()))
        self.form.addRow(label, edit)

    @staticmethod
    def _wrapped(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        return label

    def _article_date_changed(self) -> None:
        text = self.date_edit.text().strip()
        try:
            when = date.fromisoformat(text) if text else None
            self._errors.pop("article.date", None)
        except ValueError:
            self._errors["article.date"] = f"Article date {text!r}: use YYYY-MM-DD."
            self._show_errors()
            return
        if when != self._proposals.article_date:
            self._proposals.set_article_date(when)
            if self._proposals.event is not None:
                self._refresh_item(self._proposals.event)
            self._refresh_item(SOURCE)
            if self._current is not None:
                self._build_editor(self._current)
        self._show_errors()

    def _show_errors(self) -> None:
        self.error_label.setText("\n".join(self._errors.values()))
        self.import_button.setEnabled(not self._errors)

    def accept(self) -> None:
        if self._errors:
            return
        super().accept()


def record_date(record, attr: str) -> str:
    value = getattr(record, attr)
    return value.iso() if value else ""
