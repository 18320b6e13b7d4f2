"""Forms for library records: create, edit, delete; photos by picking or dropping a file.

Validation is the model's own ``from_dict`` (the rules import uses); its
:class:`~briefbook.model.ValidationError` is shown next to the field it names.
"""
from __future__ import annotations

import re
import unicodedata
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QVBoxLayout, QWidget)

from . import plain
from ..model import ValidationError
from ..model.classification import LEVELS
from ..model.records import EVENT_KINDS
from ..store.library import TYPES
from ..store.media import PhotoError
from .forms import Field, Form
from .library_model import IMAGE_SUFFIXES
from .palette import error_colour
from .thumbnails import load_scaled

SOURCE_COLUMNS = (("title", "Title"), ("publisher", "Publisher"), ("url", "URL"), ("date", "Date"))
CLASSIFICATIONS = ("",) + LEVELS

FIELDS = {
    "official": [
        Field("id", "Id", required=True, hint="letters, digits, - _ ."),
        Field("name", "Name", required=True, hint="as written in Latin script, e.g. KUNG Phoak"),
        Field("native_name", "Native name"),
        Field("family_name", "Family name"),
        Field("honorific", "Honorific"),
        Field("address_as", "Form of address"),
        Field("pronunciation", "Pronunciation"),
        Field("country", "Country"),
        Field("positions", "Positions", "table",
              columns=(("title", "Title"), ("organization", "Organization"),
                       ("start", "Start"), ("end", "End"))),
        Field("biography", "Biography", "paragraphs", hint="paragraphs separated by a blank line"),
        Field("tags", "Tags", "csv"),
        Field("sources", "Sources", "table", columns=SOURCE_COLUMNS),
        Field("reviewed", "Reviewed", "date"),
        Field("classification", "Classification", "combo", choices=CLASSIFICATIONS),
    ],
    "event": [
        Field("id", "Id", required=True),
        Field("title", "Title", required=True),
        Field("kind", "Kind", "combo", choices=EVENT_KINDS),
        Field("start", "Start", "date"),
        Field("end", "End", "date"),
        Field("location", "Location"),
        Field("participants", "Participants", "refs", extra={"kind": "official"}),
        Field("partnerships", "Partnerships", "refs", extra={"kind": "partnership"}),
        Field("objectives", "Objectives", "lines", hint="one per line"),
        Field("summary", "Summary", "multiline"),
        Field("outcomes", "Outcomes", "lines", hint="one per line"),
        Field("tags", "Tags", "csv"),
        Field("sources", "Sources", "table", columns=SOURCE_COLUMNS),
        Field("classification", "Classification", "combo", choices=CLASSIFICATIONS),
    ],
    "partnership": [
        Field("id", "Id", required=True),
        Field("name", "Name", required=True),
        Field("short_name", "Short name"),
        Field("aliases", "Aliases", "csv"),
        Field("parties", "Parties", "csv"),
        Field("established", "Established", "date"),
        Field("summary", "Summary", "multiline"),
        Field("milestones", "Milestones", "table", columns=(("date", "Date"), ("text", "Text"))),
        Field("documents", "Documents", "table", columns=SOURCE_COLUMNS),
        Field("sources", "Sources", "table", columns=SOURCE_COLUMNS),
        Field("tags", "Tags", "csv"),
        Field("classification", "Classification", "combo", choices=CLASSIFICATIONS),
    ],
}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def new_id(library, kind: str, label: str) -> str:
    base = slug(label) or f"{kind}-{uuid.uuid4().hex[:6]}"
    candidate, n = base, 2
    while library.exists(f"{kind}:{candidate}"):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class PhotoBox(QWidget):
    """Shows an official's photo; pick a file or drop one from the desktop."""

    photo_chosen = Signal(str)   # local path
    photo_removed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("photoBox")
        self.setAcceptDrops(True)
        self.image = QLabel("No photo\n(drop an image here)", self)
        self.image.setObjectName("photoImage")
        self.image.setAlignment(Qt.AlignCenter)
        self.image.setFixedSize(110, 140)
        self.image.setFrameShape(QLabel.StyledPanel)
        self.image.setAccessibleName("Photo")
        choose = QPushButton("Choose photo…", self)
        choose.setObjectName("choosePhoto")
        remove = QPushButton("Remove photo", self)
        remove.setObjectName("removePhoto")
        choose.clicked.connect(self._choose)
        remove.clicked.connect(self.photo_removed)
        buttons = QVBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        self.message = plain.label(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {error_colour()};")
        buttons.addWidget(self.message)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image)
        layout.addLayout(buttons, 1)

    def show_photo(self, data: bytes | None) -> None:
        self.message.clear()
        dpr = self.devicePixelRatioF()
        image = load_scaled(data, int(110 * dpr), int(140 * dpr)) if data else None
        if image is not None and not image.isNull():
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(dpr)
            self.image.setPixmap(pixmap)
        else:
            self.image.setPixmap(QPixmap())
            self.image.setText("No photo\n(drop an image here)" if not data else "Unreadable photo")

    def _choose(self):
        path, _ = QFileDialog.getOpenFileName(self, "Choose a photo", "",
                                              "Images (*.jpg *.jpeg *.png)")
        if path:
            self.photo_chosen.emit(path)

    @staticmethod
    def _image_path(event) -> str | None:
        data = event.mimeData()
        if data.hasUrls():
            for url in data.urls():
                if url.isLocalFile() and url.toLocalFile().lower().endswith(IMAGE_SUFFIXES):
                    return url.toLocalFile()
        return None

    def dragEnterEvent(self, event):
        if self._image_path(event):
            event.setDropAction(Qt.CopyAction)
            event.accept()
        else:
            event.ignore()

    dragMoveEvent = dragEnterEvent

    def dropEvent(self, event):
        path = self._image_path(event)
        if path:
            event.setDropAction(Qt.CopyAction)
            event.accept()
            self.photo_chosen.emit(path)


class RecordEditor(QWidget):
    """The form for one kind of record."""

    add_to_book = Signal(str)

    def __init__(self, kind: str, controller, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.controller = controller
        self.setObjectName(f"{kind}Editor")
        self.ref: str | None = None      # None while creating
        self.pending_photo = ""
        self.heading = plain.label(self)
        self.heading.setObjectName("editorHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.form = Form(FIELDS[kind], self)
        self.form.set_library(controller.library)
        self.photo = PhotoBox(self) if kind == "official" else None
        self.status = plain.label(self)
        self.status.setObjectName("editorStatus")
        self.status.setWordWrap(True)
        self.save_button = QPushButton("Save", self)
        self.save_button.setObjectName("saveRecord")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.setToolTip("Save this record (Ctrl+S)")
        self.revert_button = QPushButton("Revert", self)
        self.delete_button = QPushButton("Delete…", self)
        self.delete_button.setObjectName("deleteRecord")
        self.add_button = QPushButton("Add to book", self)
        self.add_button.setObjectName("editorAddToBook")
        buttons = QHBoxLayout()
        for button in (self.save_button, self.revert_button, self.add_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        if self.photo is not None:
            inner_layout.addWidget(self.photo)
        inner_layout.addWidget(self.form)
        inner_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.delete_button.clicked.connect(self.confirm_delete)
        self.add_button.clicked.connect(lambda: self.ref and self.add_to_book.emit(self.ref))
        self.dirty = False
        self.form.edited.connect(self._edited)
        if kind == "event":
            for name in ("participants", "partnerships"):
                self.form.widgets[name].changed.connect(self._update_names)
        if self.photo is not None:
            self.photo.photo_chosen.connect(self.set_photo)
            self.photo.photo_removed.connect(self.remove_photo)

    def _edited(self):
        self.dirty = True
        self.status.setText("Unsaved changes (saved when you leave this record if valid).")

    @property
    def library(self):
        return self.controller.library

    def load(self, ref: str | None) -> None:
        """Show the record *ref*, or an empty form to create one (ref None)."""
        self.ref = ref
        self.pending_photo = ""
        record = self.library.get(ref) if ref else None
        raw = record.to_dict() if record else {}
        if ref and record is None:
            self.heading.setText(f"{ref} is no longer in the library")
        else:
            label = {"official": "Official", "event": "Event", "partnership": "Partnership"}
            self.heading.setText(f"{label[self.kind]}: {raw.get('name') or raw.get('title')}"
                                 if record else f"New {label[self.kind].lower()}")
        self.form.set_values(raw)
        self.dirty = False
        if self.kind == "event":
            self._update_names()
        self.form.widgets["id"].setReadOnly(record is not None)
        writable = not self.library.read_only
        self.save_button.setEnabled(writable)
        self.delete_button.setEnabled(record is not None and writable)
        self.add_button.setEnabled(record is not None and writable)
        if self.photo is not None:
            self.photo.show_photo(self.library.photo_bytes(raw.get("photo", "")) if raw else None)
        self.status.clear()

    def _update_names(self, *_):
        """Under the id lists, the names they stand for (or what is unknown)."""
        for name, kind in (("participants", "official"), ("partnerships", "partnership")):
            raws = self.library.raw(kind)
            names = []
            for rid in self.form.value(name):
                raw = raws.get(rid)
                names.append((raw.get("name") or rid) if raw else f"{rid} (unknown)")
            self.form.set_hint(name, "; ".join(names))

    def revert(self):
        self.load(self.ref)

    def raw_values(self) -> dict:
        raw = self.form.values()
        if self.ref is None and not raw.get("id"):
            label = raw.get("name") or raw.get("title") or ""
            raw["id"] = new_id(self.library, self.kind, label) if label else ""
        if self.kind == "official":
            current = self.library.get(self.ref) if self.ref else None
            raw["photo"] = self.pending_photo or (current.photo if current else "")
        return raw

    def validate(self):
        """The record the form describes, or None after showing what is wrong."""
        self.form.clear_errors()
        raw = self.raw_values()
        label_field = "title" if self.kind == "event" else "name"
        if not raw.get("id") and not str(raw.get(label_field) or "").strip():
            self.form.show_error(label_field, "is required")
            self.status.setText(f"Not saved: {label_field} is required")
            return None
        try:
            record = TYPES[self.kind].from_dict(raw)
        except ValidationError as exc:
            self.form.show_error(exc.field, exc.message)
            self.status.setText(f"Not saved: {exc.field}: {exc.message}")
            return None
        if self.ref is None and self.library.exists(record.ref):
            self.form.show_error("id", f"a {self.kind} with id {record.id!r} already exists")
            return None
        if self.kind == "event":
            for name, target in (("participants", "official"), ("partnerships", "partnership")):
                for i, rid in enumerate(getattr(record, name)):
                    if not self.library.exists(f"{target}:{rid}"):
                        self.form.show_error(f"{name}[{i}]", f"no {target} with id {rid!r}")
                        return None
        return record

    def save(self) -> bool:
        record = self.validate()
        if record is None:
            return False
        if self.ref is not None and record.ref == self.ref:
            old = self.library.get(self.ref)
            if old is not None and old.to_dict() | {"updated": ""} == record.to_dict() | {"updated": ""}:
                self.status.setText("No changes.")
                self.dirty = False
                return True
        try:
            ok = self.controller.put_record(record)
        except ValidationError as exc:
            self.form.show_error(exc.field, exc.message)
            return False
        if ok:
            self.load(record.ref)
            self.status.setText("Saved.")
        return ok

    def save_if_dirty(self) -> bool:
        return self.save() if self.dirty else True

    def confirm_delete(self) -> None:
        if not self.ref:
            return
        uses = self.uses(self.ref)
        text = f"Delete {self.heading.text()} from the library?"
        if uses:
            text += "\n\nIt is used by: " + ", ".join(uses[:6]) + ("…" if len(uses) > 6 else "")
        text += "\n\nYou can undo this with Edit ▸ Undo."
        if plain.ask(self, "Delete record", text):
            self.delete()

    def uses(self, ref: str) -> list[str]:
        kind, _, rid = ref.partition(":")
        found = []
        if kind in ("official", "partnership"):
            field_name = "participants" if kind == "official" else "partnerships"
            for raw in self.library.raw("event").values():
                if rid in (raw.get(field_name) or []):
                    found.append(raw.get("title") or raw.get("id"))
        for raw in self.library.raw("book").values():
            for section in raw.get("sections") or []:
                if any(item.get("ref") == ref for item in section.get("items") or []):
                    found.append(f"book “{raw.get('title')}”")
                    break
        return found

    def delete(self) -> None:
        if self.ref:
            self.controller.delete_record(self.ref)
            self.load(None)

    # -- photos ------------------------------------------------------------------------------
    def set_photo(self, path: str) -> None:
        try:
            if self.ref is not None and self.library.exists(self.ref):
                self.controller.set_photo(self.ref, path)
                self.load(self.ref)
                self.status.setText("Photo set.")
            else:  # a record being created: keep it for Save
                self.pending_photo = self.library.add_photo(path)
                self.photo.show_photo(self.library.photo_bytes(self.pending_photo))
        except (PhotoError, OSError) as exc:
            self.photo.message.setText(str(exc))

    def remove_photo(self) -> None:
        self.pending_photo = ""
        if self.ref is not None:
            record = self.library.get(self.ref)
            if record is not None and record.photo:
                from dataclasses import replace
                self.controller.put_record(replace(record, photo=""))
                self.load(self.ref)
