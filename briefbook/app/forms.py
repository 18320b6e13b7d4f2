"""Form building blocks: field widgets that read/write the record dict and show errors inline.

A form is a list of :class:`Field` specs.  ``values()`` gives the raw dict the
model's ``from_dict`` validates -- the same rules as import -- and
``show_error(ValidationError)`` puts the message under the field it names.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette

from . import plain
from .palette import error_colour
from .record_picker import RecordListEdit
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)


@dataclass
class Field:
    name: str
    label: str
    kind: str = "text"    # text, multiline, paragraphs, lines, csv, date, combo, check, table,
    #                       refs (ids of library records of kind extra["kind"], picked by name)
    required: bool = False
    choices: tuple = ()
    columns: tuple = ()   # table: ((key, label), ...)
    editable_choices: bool = True
    hint: str = ""
    extra: dict = field(default_factory=dict)


class TableEditor(QWidget):
    """Rows of small dicts (positions, sources, milestones) with add/remove/reorder."""

    changed = Signal()

    def __init__(self, columns, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels([label for _k, label in columns])
        header = self.table.horizontalHeader()
        for col, (key, _label) in enumerate(columns):  # dates narrow, text wide
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents
                                        if key in ("start", "end", "date") else QHeaderView.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setMinimumHeight(90)
        add = QPushButton("Add row", self)
        remove = QPushButton("Remove row", self)
        add.clicked.connect(self.add_row)
        remove.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.itemChanged.connect(lambda *_: self.changed.emit())

    def add_row(self, values: dict | None = None):
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, (key, _label) in enumerate(self.columns):
            value = (values or {}).get(key)
            self.table.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))
        self.changed.emit()

    def remove_row(self):
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        for row in rows:
            self.table.removeRow(row)
        self.changed.emit()

    def set_rows(self, rows):
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for values in rows or []:
            self.add_row(values if isinstance(values, dict) else {})
        self.table.blockSignals(False)

    def rows(self) -> list[dict]:
        out = []
        for row in range(self.table.rowCount()):
            values = {}
            for col, (key, _label) in enumerate(self.columns):
                item = self.table.item(row, col)
                text = item.text().strip() if item else ""
                values[key] = text or (None if key in ("start", "end", "date") else "")
            if any(v for v in values.values()):
                out.append(values)
        return out


class Form(QWidget):
    """A set of fields laid out as label / widget / error rows."""

    edited = Signal()
    committed = Signal(str)  # field name, when a single field is done (editingFinished)

    def __init__(self, fields, parent=None):
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.WrapLongRows)
        for spec in fields:
            widget = self._make(spec)
            widget.setObjectName(f"field_{spec.name}")
            widget.setAccessibleName(spec.label)
            error = plain.label(self)
            error.setObjectName(f"error_{spec.name}")
            error.setWordWrap(True)
            error.setStyleSheet(f"color: {error_colour()};")
            error.hide()
            hint = plain.label(self)
            hint.setObjectName(f"hint_{spec.name}")
            hint.setWordWrap(True)
            hint.setForegroundRole(QPalette.PlaceholderText)
            hint.hide()
            box = QWidget(self)
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(2)
            col.addWidget(widget)
            col.addWidget(hint)
            col.addWidget(error)
            label = QLabel(spec.label + (" *" if spec.required else ""), self)
            label.setBuddy(widget)
            layout.addRow(label, box)
            self.widgets[spec.name] = widget
            self.errors[spec.name] = error
            self.hints[spec.name] = hint

    def _make(self, spec: Field) -> QWidget:
        if spec.kind in ("multiline", "paragraphs", "lines"):
            widget = QPlainTextEdit(self)
            widget.setTabChangesFocus(True)
            widget.setMinimumHeight(60 if spec.kind == "lines" else 90)
            widget.textChanged.connect(self.edited)
            if spec.hint:
                widget.setPlaceholderText(spec.hint)
            return widget
        if spec.kind == "combo":
            widget = QComboBox(self)
            widget.setEditable(spec.editable_choices)
            for choice in spec.choices:
                widget.addItem(choice)
            widget.currentTextChanged.connect(self.edited)
            widget.activated.connect(lambda *_: self.committed.emit(spec.name))
            if widget.lineEdit():
                widget.lineEdit().editingFinished.connect(lambda: self.committed.emit(spec.name))
            return widget
        if spec.kind == "check":
            widget = QCheckBox(self)
            widget.toggled.connect(self.edited)
            widget.toggled.connect(lambda *_: self.committed.emit(spec.name))
            return widget
        if spec.kind == "table":
            widget = TableEditor(spec.columns, self)
            widget.changed.connect(self.edited)
            return widget
        if spec.kind == "refs":
            widget = RecordListEdit(spec.extra["kind"], spec.name, self)
            widget.edited.connect(self.edited)
            return widget
        widget = QLineEdit(self)
        if spec.kind == "date":
            widget.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        elif spec.kind == "csv":
            widget.setPlaceholderText(spec.hint or "comma-separated")
        elif spec.hint:
            widget.setPlaceholderText(spec.hint)
        widget.textEdited.connect(self.edited)
        widget.editingFinished.connect(lambda: self.committed.emit(spec.name))
        return widget

    # -- values ------------------------------------------------------------------------------------
    def set_values(self, raw: dict) -> None:
        for name, spec in self.fields.items():
            widget = self.widgets[name]
            value = raw.get(name)
            widget.blockSignals(True)
            if spec.kind == "paragraphs":
                widget.setPlainText("\n\n".join(value or []))
            elif spec.kind == "lines":
                widget.setPlainText("\n".join(value or []))
            elif spec.kind == "multiline":
                widget.setPlainText(value or "")
            elif spec.kind == "csv":
                widget.setText(", ".join(value or []))
            elif spec.kind == "combo":
                widget.setCurrentText(value or "")
            elif spec.kind == "check":
                widget.setChecked(bool(value))
            elif spec.kind == "table":
                widget.set_rows(value or [])
            elif spec.kind == "refs":
                widget.set_ids(value or [])
            else:
                widget.setText("" if value is None else str(value))
            widget.blockSignals(False)
        self.clear_errors()

    def value(self, name: str):
        spec, widget = self.fields[name], self.widgets[name]
        if spec.kind == "paragraphs":
            text = widget.toPlainText().replace("\r\n", "\n")
            return [p.strip() for p in text.split("\n\n") if p.strip()]
        if spec.kind == "lines":
            return [line.strip() for line in widget.toPlainText().splitlines() if line.strip()]
        if spec.kind == "multiline":
            return widget.toPlainText()
        if spec.kind == "csv":
            return [part.strip() for part in widget.text().split(",") if part.strip()]
        if spec.kind == "combo":
            return widget.currentText().strip()
        if spec.kind == "check":
            return widget.isChecked()
        if spec.kind == "table":
            return widget.rows()
        if spec.kind == "refs":
            return widget.ids()
        text = widget.text().strip()
        return (text or None) if spec.kind == "date" else text

    def values(self) -> dict:
        return {name: self.value(name) for name in self.fields}

    def set_library(self, library) -> None:
        """Fields that pick library records (``refs``) look them up in *library*."""
        for widget in self.widgets.values():
            if isinstance(widget, RecordListEdit):
                widget.set_library(library)

    def set_hint(self, name: str, text: str) -> None:
        self.hints[name].setText(text)
        self.hints[name].setVisible(bool(text))

    # -- errors ------------------------------------------------------------------------------------
    def clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.hide()
            label.clear()
            self.widgets[name].setProperty("invalid", False)

    def show_error(self, field_path: str, message: str) -> str:
        """Show *message* under the field *field_path* names; returns the field used."""
        root = field_path.split("[", 1)[0].split(".", 1)[0]
        if root not in self.errors:
            root = next(iter(self.errors))
        detail = field_path[len(root):]
        if detail.startswith("["):
            number = detail[1:].split("]", 1)[0]
            rest = detail.split("]", 1)[1].lstrip(".")
            if number.isdigit():
                detail = f"row {int(number) + 1}" + (f", {rest}" if rest else "")
        text = f"{detail.strip('.')}: {message}" if detail else message
        self.errors[root].setText(text)
        self.errors[root].show()
        self.widgets[root].setProperty("invalid", True)
        self.widgets[root].setFocus(Qt.OtherFocusReason)
        return root
