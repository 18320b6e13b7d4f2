"""The library's records: officials, events and partnership backgrounds.

Plain dataclasses with ``from_dict`` (validating, raising
:class:`~briefbook.model.validation.ValidationError` that names record and
field) and ``to_dict`` (the exact field names of the pack format, see
``docs/pack-format.md``).  No Qt, no storage.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from .classification import check_level
from .dates import PartialDate
from .validation import Reader, check_date_order, now_timestamp


def _iso(date: PartialDate | None) -> str | None:
    return date.iso() if date is not None else None


@dataclass(slots=True)
class Source:
    title: str = ""
    publisher: str = ""
    url: str = ""
    date: PartialDate | None = None

    @classmethod
    def from_dict(cls, raw: Any, owner: Reader, where: str) -> "Source":
        if not isinstance(raw, dict):
            raise owner.fail(where, "expected a source object with title, publisher, url, date")
        sub = Reader(owner.kind, raw, owner.record_id)
        try:
            return cls(sub.text("title"), sub.text("publisher"), sub.text("url"), sub.date("date"))
        except Exception as exc:  # re-anchor the field path on the owning record
            field_name = getattr(exc, "field", "?")
            raise owner.fail(f"{where}.{field_name}", getattr(exc, "message", str(exc))) from None

    def to_dict(self) -> dict:
        return {"title": self.title, "publisher": self.publisher, "url": self.url,
                "date": _iso(self.date)}

    def key(self) -> tuple[str, str, str, str]:
        """Identity used to list each cited source once."""
        return (self.title.strip().casefold(), self.publisher.strip().casefold(),
                self.url.strip(), _iso(self.date) or "")

    def label(self) -> str:
        parts = [p for p in (self.title, self.publisher, self.date.human() if self.date else "") if p]
        return ", ".join(parts)


def _sources(reader: Reader, field_name: str = "sources") -> list[Source]:
    return [Source.from_dict(item, reader, f"{field_name}[{i}]")
            for i, item in enumerate(reader.items(field_name))]


@dataclass(slots=True)
class Position:
    title: str
    organization: str = ""
    start: PartialDate | None = None
    end: PartialDate | None = None

    def held_at(self, when: PartialDate) -> bool:
        """Held on the date *when* (open-ended positions are current)."""
        if self.start is not None and when.last_day() < self.start.first_day():
            return False
        if self.end is not None and when.first_day() > self.end.last_day():
            return False
        return True

    def to_dict(self) -> dict:
        return {"title": self.title, "organization": self.organization,
                "start": _iso(self.start), "end": _iso(self.end)}


@dataclass(slots=True)
class Milestone:
    date: PartialDate | None
    text: str

    def to_dict(self) -> dict:
        return {"date": _iso(self.date), "text": self.text}


class Record:
    """Shared behaviour of the three library record kinds."""

    KIND: ClassVar[str]
    id: str
    updated: str

    @property
    def ref(self) -> str:
        return f"{self.KIND}:{self.id}"

    def touched(self) -> "Record":
        """A copy with ``updated`` set to now."""
        return replace(self, updated=now_timestamp())


@dataclass(slots=True)
class Official(Record):
    KIND: ClassVar[str] = "official"
    id: str
    name: str
    native_name: str = ""
    family_name: str = ""
    honorific: str = ""
    address_as: str = ""
    pronunciation: str = ""
    country: str = ""
    positions: list[Position] = field(default_factory=list)
    biography: list[str] = field(default_factory=list)
    photo: str = ""
    tags: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    reviewed: PartialDate | None = None
    classification: str = ""
    updated: str = ""

    @property
    def display_name(self) -> str:
        return self.name

    def sort_key(self) -> tuple[str, str]:
        return ((self.family_name or self.name).casefold(), self.name.casefold())

    def position_at(self, when: PartialDate | None) -> Position | None:
        """The position held at *when*; the latest-starting one if several overlap.

        With no date, the current (open-ended) or most recent position.
        """
        if not self.positions:
            return None
        if when is None:
            candidates = [p for p in self.positions if p.end is None] or list(self.positions)
        else:
            candidates = [p for p in self.positions if p.held_at(when)]
            if not candidates:
                return None
        return max(candidates, key=lambda p: (p.start or PartialDate(1)))

    def career(self) -> list[Position]:
        """Positions, most recent first."""
        return sorted(self.positions, key=lambda p: (p.start or PartialDate(1)), reverse=True)

    @classmethod
    def from_dict(cls, raw: Any) -> "Official":
        r = Reader(cls.KIND, raw)
        positions = []
        for i, item in enumerate(r.items("positions")):
            sub = Reader(cls.KIND, item, r.record_id)
            try:
                pos = Position(sub.text("title", required=True), sub.text("organization"),
                               sub.date("start"), sub.date("end"))
                check_date_order(sub, pos.start, pos.end)
            except Exception as exc:
                raise r.fail(f"positions[{i}].{getattr(exc, 'field', '?')}",
                             getattr(exc, "message", str(exc))) from None
            positions.append(pos)
        classification = r.text("classification")
        try:
            check_level(classification)
        except ValueError as exc:
            raise r.fail("classification", str(exc)) from None
        return cls(
            id=r.id(), name=r.text("name", required=True), native_name=r.text("native_name"),
            family_name=r.text("family_name"), honorific=r.text("honorific"),
            address_as=r.text("address_as"), pronunciation=r.text("pronunciation"),
            country=r.text("country"), positions=positions, biography=r.text_list("biography"),
            photo=r.text("photo"), tags=r.text_list("tags"), sources=_sources(r),
            reviewed=r.date("reviewed"), classification=classification,
            updated=r.timestamp("updated"),
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "native_name": self.native_name,
            "family_name": self.family_name, "honorific": self.honorific,
            "address_as": self.address_as, "pronunciation": self.pronunciation,
            "country": self.country, "positions": [p.to_dict() for p in self.positions],
            "biography": list(self.biography), "photo": self.photo, "tags": list(self.tags),
            "sources": [s.to_dict() for s in self.sources], "reviewed": _iso(self.reviewed),
            "classification": self.classification, "updated": self.updated,
        }


EVENT_KINDS = ("bilateral meeting", "official visit", "state visit", "summit", "consultation",
               "call", "conference", "ministerial meeting", "signing", "other")


@dataclass(slots=True)
class Event(Record):
    KIND: ClassVar[str] = "event"
    id: str
    title: str
    kind: str = "bilateral meeting"
    start: PartialDate | None = None
    end: PartialDate | None = None
    location: str = ""
    participants: list[str] = field(default_factory=list)
    partnerships: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    summary: str = ""
    outcomes: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    classification: str = ""
    updated: str = ""

    @property
    def display_name(self) -> str:
        return self.title

    def sort_key(self) -> tuple:
        return ((self.start or PartialDate(1)).first_day(), self.title.casefold())

    @classmethod
    def from_dict(cls, raw: Any) -> "Event":
        r = Reader(cls.KIND, raw)
        start, end = r.date("start"), r.date("end")
        check_date_order(r, start, end)
        classification = r.text("classification")
        try:
            check_level(classification)
        except ValueError as exc:
            raise r.fail("classification", str(exc)) from None
        return cls(
            id=r.id(), title=r.text("title", required=True),
            kind=r.text("kind", default="bilateral meeting") or "bilateral meeting",
            start=start, end=end, location=r.text("location"),
            participants=r.id_list("participants"), partnerships=r.id_list("partnerships"),
            objectives=r.text_list("objectives"), summary=r.text("summary"),
            outcomes=r.text_list("outcomes"), sources=_sources(r), tags=r.text_list("tags"),
            classification=classification, updated=r.timestamp("updated"),
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "kind": self.kind, "start": _iso(self.start),
            "end": _iso(self.end), "location": self.location,
            "participants": list(self.participants), "partnerships": list(self.partnerships),
            "objectives": list(self.objectives), "summary": self.summary,
            "outcomes": list(self.outcomes), "sources": [s.to_dict() for s in self.sources],
            "tags": list(self.tags), "classification": self.classification,
            "updated": self.updated,
        }


@dataclass(slots=True)
class Partnership(Record):
    KIND: ClassVar[str] = "partnership"
    id: str
    name: str
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    established: PartialDate | None = None
    summary: str = ""
    milestones: list[Milestone] = field(default_factory=list)
    documents: list[Source] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    classification: str = ""
    updated: str = ""

    @property
    def display_name(self) -> str:
        return self.name

    def sort_key(self) -> tuple[str]:
        return (self.name.casefold(),)

    def timeline(self) -> list[Milestone]:
        return sorted(self.milestones, key=lambda m: (m.date or PartialDate(1)))

    @classmethod
    def from_dict(cls, raw: Any) -> "Partnership":
        r = Reader(cls.KIND, raw)
        milestones = []
        for i, item in enumerate(r.items("milestones")):
            sub = Reader(cls.KIND, item, r.record_id)
            try:
                milestones.append(Milestone(sub.date("date"), sub.text("text", required=True)))
            except Exception as exc:
                raise r.fail(f"milestones[{i}].{getattr(exc, 'field', '?')}",
                             getattr(exc, "message", str(exc))) from None
        classification = r.text("classification")
        try:
            check_level(classification)
        except ValueError as exc:
            raise r.fail("classification", str(exc)) from None
        return cls(
            id=r.id(), name=r.text("name", required=True), short_name=r.text("short_name"),
            aliases=r.text_list("aliases"), parties=r.text_list("parties"),
            established=r.date("established"), summary=r.text("summary"),
            milestones=milestones, documents=_sources(r, "documents"), sources=_sources(r),
            tags=r.text_list("tags"), classification=classification,
            updated=r.timestamp("updated"),
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id, "name": self.name, "short_name": self.short_name,
            "aliases": list(self.aliases), "parties": list(self.parties),
            "established": _iso(self.established), "summary": self.summary,
            "milestones": [m.to_dict() for m in self.milestones],
            "documents": [d.to_dict() for d in self.documents],
            "sources": [s.to_dict() for s in self.sources], "tags": list(self.tags),
            "classification": self.classification, "updated": self.updated,
        }


RECORD_TYPES: dict[str, type] = {"official": Official, "event": Event, "partnership": Partnership}
# Plural table names, as used by the store, the pack format and the CLI.
TABLES: dict[str, str] = {"official": "officials", "event": "events", "partnership": "partnerships"}
