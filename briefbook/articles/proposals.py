"""Draft records proposed from an article, each with its status and the user's choice.

A proposal wraps a real model object (:class:`Official`, :class:`Partnership`,
:class:`Event`).  ``status`` says what the importer found: ``"new"`` (nothing
like it in the library) or ``"existing"`` (``match_id`` names the library
record it is).  ``action`` is what applying will do, and the review dialog
changes it:

* ``"create"`` - add the record as a new library record;
* ``"merge"``  - fold what the article says into the library record ``target_id``
  (adds the article as a source, a new title as a position, fills empty fields);
* ``"link"``   - use the library record ``target_id`` as it is;
* ``"skip"``   - leave it out.

Nothing is written here; see :mod:`briefbook.articles.apply`.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

from ..model import Event, Official, Partnership, Source
from ..model.dates import PartialDate
from .datephrases import DateMention, resolve

ACTIONS = ("create", "merge", "link", "skip")


@dataclass(slots=True)
class Proposal:
    record: Official | Partnership | Event
    status: str = "new"                  # new | existing
    match_id: str | None = None          # the library record it matched
    action: str = "create"
    target_id: str | None = None         # merge/link target (defaults to match_id)
    mentions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.record.KIND

    @property
    def label(self) -> str:
        return getattr(self.record, "name", None) or getattr(self.record, "title", "")

    @property
    def target(self) -> str | None:
        return self.target_id or self.match_id

    def set_action(self, action: str, target_id: str | None = None) -> None:
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
        if action in ("merge", "link") and not (target_id or self.match_id):
            raise ValueError(f"{self.kind} {self.label!r}: choose the library record to "
                             f"{action} into")
        self.action = action
        if target_id is not None:
            self.target_id = target_id

    def _base_dict(self) -> dict:
        return {"status": self.status, "match_id": self.match_id, "action": self.action,
                "target_id": self.target if self.action in ("merge", "link") else None,
                "mentions": list(self.mentions), "notes": list(self.notes)}


@dataclass(slots=True)
class OfficialProposal(Proposal):
    title: str = ""                      # the title as the article gives it
    participant: bool = True             # takes part in the proposed event

    def to_dict(self) -> dict:
        return {**self.record.to_dict(), "title": self.title, "participant": self.participant,
                **self._base_dict()}


@dataclass(slots=True)
class PartnershipProposal(Proposal):
    def to_dict(self) -> dict:
        return {**self.record.to_dict(), **self._base_dict()}


@dataclass(slots=True)
class EventProposal(Proposal):
    date_text: str = ""                  # the phrase the dates come from ("from Thursday to Saturday")
    date_mention: DateMention | None = None

    @property
    def needs_date(self) -> bool:
        return self.record.start is None

    def resolve_dates(self, article_date: date | None) -> None:
        """(Re)resolve the event's date phrase against *article_date*.

        ``date_mention`` keeps the phrase as found (never resolved in place), so this can
        be called again when the user gives another article date."""
        if self.date_mention is None:
            return
        fresh = resolve(copy.copy(self.date_mention), article_date)
        self.notes = [n for n in self.notes if not n.startswith("date:")]
        if fresh.resolved:
            self.record.start, self.record.end = fresh.start, fresh.end
            if fresh.note:
                self.notes.append(f"date: {fresh.note}")     # "Buddhist-era year 2569 ..."
        else:
            self.record.start = self.record.end = None
            why = "the year is not given" if fresh.needs_year else "it names weekdays only"
            self.notes.append(f"date: the article says {fresh.text!r} but {why}; give the "
                              "article's date (--date YYYY-MM-DD) or enter the dates")

    def to_dict(self) -> dict:
        return {**self.record.to_dict(), "needs_date": self.needs_date,
                "date_text": self.date_text, **self._base_dict()}


@dataclass(slots=True)
class ArticleProposals:
    """Everything proposed from one article; nothing is written until applied."""

    source: Source
    event: EventProposal | None
    officials: list[OfficialProposal] = field(default_factory=list)
    partnerships: list[PartnershipProposal] = field(default_factory=list)
    article_name: str = ""
    article_date: date | None = None
    source_notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def all(self) -> list[Proposal]:
        return ([self.event] if self.event else []) + list(self.officials) + list(self.partnerships)

    def set_article_date(self, when: date | None) -> None:
        """Resolve relative dates ("on Sunday") against *when* and date the source with it."""
        self.article_date = when
        if self.event is not None:
            self.event.resolve_dates(when)
        if when is not None:
            self.source.date = PartialDate(when.year, when.month, when.day)
            self.source_notes = [n for n in self.source_notes if not n.startswith("date:")]

    def copy(self) -> "ArticleProposals":
        return copy.deepcopy(self)

    def to_dict(self) -> dict:
        src = self.source.to_dict()
        event = self.event.to_dict() if self.event else None
        if event is not None and self.event.action == "create":
            event["sources"] = [src]
        officials = []
        for p in self.officials:
            d = p.to_dict()
            if p.action == "create":
                d["sources"] = [src]
            officials.append(d)
        partnerships = []
        for p in self.partnerships:
            d = p.to_dict()
            if p.action == "create":
                d["sources"] = [src]
            partnerships.append(d)
        return {"article": self.article_name,
                "article_date": self.article_date.isoformat() if self.article_date else None,
                "event": event, "officials": officials, "partnerships": partnerships,
                "source": {**src, "notes": list(self.source_notes)},
                "warnings": list(self.warnings)}
