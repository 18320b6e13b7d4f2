"""The briefing book: cover facts and an ordered outline of sections.

A section holds items; an item is either a reference to a library record
(``official:ID``, ``event:ID``, ``partnership:ID``) or a free text block typed
the way ministries type briefs.  The outline is plain data: the GUI's tree
model and undo commands edit it through the methods here, and export is a pure
function of it.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar, Union

from .classification import check_level
from .dates import PartialDate
from .records import RECORD_TYPES
from .validation import ID_PATTERN, Reader, check_date_order

BLOCK_KINDS = ("points", "background", "defensive", "note")
BLOCK_KIND_LABELS = {
    "points": "Points to make",
    "background": "Background",
    "defensive": "Defensive points",
    "note": "Note",
}
PAPER_SIZES = ("A4", "Letter")


def new_key() -> str:
    """A stable identity for an outline node (sections and items)."""
    return uuid.uuid4().hex[:12]


def parse_ref(ref: str) -> tuple[str, str]:
    """Split 'official:ID' into ('official', 'ID'); ValueError if malformed."""
    kind, sep, record_id = ref.partition(":")
    if not sep or kind not in RECORD_TYPES or not ID_PATTERN.match(record_id):
        raise ValueError(f"{ref!r} is not a record reference like 'official:ID'")
    return kind, record_id


@dataclass(slots=True)
class RefItem:
    ref: str
    key: str = field(default_factory=new_key)
    is_text: ClassVar[bool] = False

    @property
    def kind(self) -> str:
        return self.ref.partition(":")[0]

    @property
    def record_id(self) -> str:
        return self.ref.partition(":")[2]

    def to_dict(self) -> dict:
        return {"ref": self.ref}


@dataclass(slots=True)
class TextBlock:
    title: str = ""
    text: str = ""
    kind: str = "note"
    key: str = field(default_factory=new_key)
    is_text: ClassVar[bool] = True

    def to_dict(self) -> dict:
        return {"title": self.title, "text": self.text, "kind": self.kind}


Item = Union[RefItem, TextBlock]


@dataclass(slots=True)
class Section:
    title: str
    items: list[Item] = field(default_factory=list)
    key: str = field(default_factory=new_key)

    def to_dict(self) -> dict:
        return {"title": self.title, "items": [item.to_dict() for item in self.items]}


@dataclass(slots=True)
class Book:
    KIND: ClassVar[str] = "book"
    id: str
    title: str
    subtitle: str = ""
    delegation: str = ""
    destination: str = ""
    start: PartialDate | None = None
    end: PartialDate | None = None
    classification: str = ""
    prepared_by: str = ""
    version: str = "1"
    theme: str = "ministry"
    paper: str = "A4"
    draft: bool = False
    sections: list[Section] = field(default_factory=list)
    updated: str = ""

    @property
    def ref(self) -> str:
        return f"book:{self.id}"

    @property
    def date(self) -> PartialDate | None:
        """The date the book is 'as of': positions are shown as held then."""
        return self.start

    def refs(self) -> list[str]:
        return [item.ref for section in self.sections for item in section.items
                if not item.is_text]

    def contains_ref(self, ref: str) -> bool:
        return any(item.ref == ref for section in self.sections for item in section.items
                   if not item.is_text)

    def find(self, key: str) -> tuple[int, int | None] | None:
        """Locate a node by key: (section index, item index or None for a section)."""
        for s, section in enumerate(self.sections):
            if section.key == key:
                return s, None
            for i, item in enumerate(section.items):
                if item.key == key:
                    return s, i
        return None

    @classmethod
    def from_dict(cls, raw: Any) -> "Book":
        r = Reader(cls.KIND, raw)
        start, end = r.date("start"), r.date("end")
        check_date_order(r, start, end)
        classification = r.text("classification")
        try:
            check_level(classification)
        except ValueError as exc:
            raise r.fail("classification", str(exc)) from None
        paper = r.text("paper", default="A4") or "A4"
        if paper not in PAPER_SIZES:
            raise r.fail("paper", f"{paper!r} is not one of {', '.join(PAPER_SIZES)}")
        draft = raw.get("draft", False)
        if not isinstance(draft, bool):
            raise r.fail("draft", "expected true or false")
        sections = []
        for s, raw_section in enumerate(r.items("sections")):
            sr = Reader(cls.KIND, raw_section, r.record_id)
            where = f"sections[{s}]"
            try:
                title = sr.text("title")
            except Exception as exc:
                raise r.fail(f"{where}.title", getattr(exc, "message", str(exc))) from None
            items: list[Item] = []
            for i, raw_item in enumerate(sr.items("items")):
                iw = f"{where}.items[{i}]"
                if not isinstance(raw_item, dict):
                    raise r.fail(iw, "expected an object with 'ref' or 'title'/'text'")
                if "ref" in raw_item:
                    try:
                        if not isinstance(raw_item["ref"], str):
                            raise ValueError("expected text like 'official:ID'")
                        parse_ref(raw_item["ref"])
                    except ValueError as exc:
                        raise r.fail(f"{iw}.ref", str(exc)) from None
                    items.append(RefItem(raw_item["ref"]))
                else:
                    ir = Reader(cls.KIND, raw_item, r.record_id)
                    try:
                        kind = ir.text("kind", default="note") or "note"
                        block = TextBlock(ir.text("title"), ir.text("text"), kind)
                    except Exception as exc:
                        raise r.fail(f"{iw}.{getattr(exc, 'field', '?')}",
                                     getattr(exc, "message", str(exc))) from None
                    if kind not in BLOCK_KINDS:
                        raise r.fail(f"{iw}.kind",
                                     f"{kind!r} is not one of {', '.join(BLOCK_KINDS)}")
                    items.append(block)
            sections.append(Section(title, items))
        return cls(
            id=r.id(), title=r.text("title", required=True), subtitle=r.text("subtitle"),
            delegation=r.text("delegation"), destination=r.text("destination"),
            start=start, end=end, classification=classification,
            prepared_by=r.text("prepared_by"), version=r.text("version", default="1") or "1",
            theme=r.text("theme", default="ministry") or "ministry", paper=paper, draft=draft,
            sections=sections, updated=r.timestamp("updated"),
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "subtitle": self.subtitle,
            "delegation": self.delegation, "destination": self.destination,
            "start": self.start.iso() if self.start else None,
            "end": self.end.iso() if self.end else None,
            "classification": self.classification, "prepared_by": self.prepared_by,
            "version": self.version, "theme": self.theme, "paper": self.paper,
            "draft": self.draft, "sections": [s.to_dict() for s in self.sections],
            "updated": self.updated,
        }
