"""Compose a briefing book: ``book + library + theme -> Document`` (the render-neutral model).

A pure function of its inputs (``today`` fixes the date stamp).  Nothing is
printed from here and nothing is escaped: text stays plain Unicode and each
writer escapes it for its format.  Problems that should not stop an export (a
record deleted since it was put in the book, a broken photo) become a
placeholder in the document and a warning naming the record in
``Document.warnings``.
"""
from __future__ import annotations

import datetime as _dt

from ..model import BLOCK_KIND_LABELS, Book, PartialDate, format_range
from ..model.records import Event, Official, Partnership, Source
from .docmodel import (Cell, ContentsMarker, Cover, Document, Heading, Image, Paragraph,
                       Profile, Run, SectionStart, Table)
from .images import PhotoProblem, prepare
from .theme import Theme

KIND_TITLES = {"official": "biography", "event": "event", "partnership": "background"}
PHOTO_ASPECT = 4 / 3            # placeholder frame (portrait)


def anchor_for(ref: str) -> str:
    """Stable anchor of a record in the document: 'official:kung-phoak' -> 'official-kung-phoak'."""
    return ref.replace(":", "-")


def short_title(title: str, limit: int = 48) -> str:
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0]
    return (cut or title[:limit]).rstrip(",;:-") + "\u2026"


def _as_partial(today: _dt.date | _dt.datetime | PartialDate | None) -> PartialDate:
    if isinstance(today, PartialDate):
        return today
    today = today or _dt.date.today()
    return PartialDate(today.year, today.month, today.day)


class _Composer:
    def __init__(self, book: Book, library, theme: Theme, today: PartialDate):
        self.book = book
        self.library = library
        self.theme = theme
        self.today = today
        self.blocks: list = []
        self.warnings: list[str] = []
        self.sources: dict[tuple, tuple[int, Source]] = {}   # key -> (number, source)
        self.placed: dict[str, str] = {}                      # ref -> anchor of its first place
        for section in book.sections:
            for item in section.items:
                if not item.is_text and item.ref not in self.placed and self._exists(item.ref):
                    self.placed[item.ref] = anchor_for(item.ref)
        self._used_anchors: set[str] = set()

    # -- helpers -----------------------------------------------------------------------------
    def _exists(self, ref: str) -> bool:
        try:
            return self.library.exists(ref)
        except Exception:
            return False

    def _get(self, ref: str):
        try:
            return self.library.get(ref)
        except Exception as exc:  # a stored record that no longer validates
            self.warnings.append(f"{ref} could not be read ({exc}); it is left out of the book")
            return None

    def _anchor(self, base: str) -> str:
        anchor, n = base, 1
        while anchor in self._used_anchors:
            n += 1
            anchor = f"{base}-{n}"
        self._used_anchors.add(anchor)
        return anchor

    def link_run(self, ref: str, text: str) -> Run:
        """A run linking to *ref*'s place in the book, or plain text when it is not in it."""
        return Run(text, link=self.placed.get(ref))

    def cite(self, sources: list[Source]) -> None:
        if not sources:
            return
        self.sub("Sources")
        for source in sources:
            number = self._number(source)
            self.add(Paragraph([Run(f"[{number}] "), *self._source_runs(source)], style="small"))

    def _number(self, source: Source) -> int:
        key = source.key()
        if key not in self.sources:
            self.sources[key] = (len(self.sources) + 1, source)
        return self.sources[key][0]

    @staticmethod
    def _source_runs(source: Source) -> list[Run]:
        runs = [Run(source.label() or source.url or "Untitled source")]
        if source.url and source.label():
            runs.append(Run(f" \u2014 {source.url}"))
        return runs

    def add(self, block) -> None:
        self.blocks.append(block)

    def sub(self, title: str) -> None:
        self.add(Heading(3, title, in_toc=False))

    def bullets(self, items: list[str]) -> None:
        for text in items:
            if text.strip():
                self.add(Paragraph.plain(text, "bullet"))

    def facts(self, rows: list[tuple[str, list[Run] | str]]) -> Table | None:
        cells = []
        for label, value in rows:
            runs = [Run(value)] if isinstance(value, str) else value
            if not any(r.text.strip() for r in runs):
                continue
            cells.append([Cell.text(label, style="label"), Cell([Paragraph(runs)])])
        if not cells:
            return None
        return Table(cells, header_rows=0, widths=[0.28, 0.72], kind="facts")

    # -- the book ------------------------------------------------------------------------------
    def compose(self) -> Document:
        book = self.book
        self.add(self.cover())
        self.add(ContentsMarker())
        for s, section in enumerate(book.sections):
            self.add(SectionStart(section.title or f"Section {s + 1}",
                                  anchor=self._anchor(f"section-{s + 1}")))
            if not section.items:
                self.add(Paragraph.plain("(This section is empty.)", "placeholder"))
            for item in section.items:
                if item.is_text:
                    self.text_block(item)
                else:
                    self.record(item.ref, section.title)
        if self.sources:
            self.add(SectionStart("Sources", anchor=self._anchor("sources")))
            for number, source in sorted(self.sources.values(), key=lambda p: p[0]):
                self.add(Paragraph([Run(f"[{number}] "), *self._source_runs(source)],
                                   style="small"))
        return Document(
            title=book.title, short_title=short_title(book.title), blocks=self.blocks,
            classification=book.classification, draft=book.draft, paper=book.paper,
            author=book.prepared_by, warnings=self.warnings)

    def cover(self) -> Cover:
        book = self.book
        facts = [(label, value) for label, value in (
            ("Delegation", book.delegation), ("Destination", book.destination),
            ("Dates", format_range(book.start, book.end)), ("Prepared by", book.prepared_by),
        ) if value.strip()]
        stamp = f"Version {book.version} \u00b7 generated {self.today.human()}"
        return Cover(title=book.title, subtitle=book.subtitle, facts=facts,
                     classification=book.classification, stamp=stamp, logo=self.theme.logo)

    def record(self, ref: str, section_title: str) -> None:
        record = self._get(ref) if self._exists(ref) else None
        if record is None:
            if not any(ref in w for w in self.warnings):
                self.warnings.append(
                    f"{ref} is in section '{section_title}' but no longer exists in the library; "
                    "a placeholder was printed")
            self.add(Heading(2, f"Missing {KIND_TITLES.get(ref.partition(':')[0], 'record')}: "
                                f"{ref.partition(':')[2]}", anchor=self._anchor(anchor_for(ref))))
            self.add(Paragraph.plain(f"The record {ref} is no longer in the library.",
                                     "placeholder"))
            return
        if isinstance(record, Official):
            self.official(record)
        elif isinstance(record, Event):
            self.event(record)
        elif isinstance(record, Partnership):
            self.partnership(record)

    # -- items ------------------------------------------------------------------------------------
    def event(self, event: Event) -> None:
        self.add(Heading(2, event.title, anchor=self._anchor(anchor_for(event.ref))))
        participants: list[Run] = []
        for i, pid in enumerate(event.participants):
            ref = f"official:{pid}"
            official = self._get(ref) if self._exists(ref) else None
            if official is None:
                self.warnings.append(f"event:{event.id} lists participant {ref}, which no longer "
                                     "exists in the library")
                name = f"{pid} (missing)"
            else:
                name = official.name
            if participants:
                participants.append(Run("; "))
            participants.append(self.link_run(ref, name))
        partnerships: list[Run] = []
        for pid in event.partnerships:
            ref = f"partnership:{pid}"
            record = self._get(ref) if self._exists(ref) else None
            if partnerships:
                partnerships.append(Run("; "))
            partnerships.append(self.link_run(ref, record.name if record else pid))
        table = self.facts([("Date", format_range(event.start, event.end)),
                            ("Type", event.kind.capitalize()), ("Venue", event.location),
                            ("Participants", participants), ("Framework", partnerships)])
        if table:
            self.add(table)
        if event.objectives:
            self.sub("Objectives")
            self.bullets(event.objectives)
        if event.summary.strip():
            self.sub("Summary")
            for para in event.summary.split("\n\n"):
                if para.strip():
                    self.add(Paragraph.plain(para.strip()))
        if event.outcomes:
            self.sub("Outcomes")
            self.bullets(event.outcomes)
        self.cite(event.sources)

    def photo(self, official: Official) -> Image:
        width = self.theme.photo_width_mm
        alt = f"Photo of {official.name}"
        if not official.photo:
            return Image(None, width, width * PHOTO_ASPECT, alt="No photo on file")
        try:
            data = self.library.photo_bytes(official.photo)
        except Exception:
            data = None
        try:
            if data is None:
                raise PhotoProblem(f"the photo file {official.photo} is missing")
            img = prepare(data, width)
        except PhotoProblem as exc:
            self.warnings.append(f"{official.ref} ({official.name}): {exc}; "
                                 "a placeholder was printed")
            return Image(None, width, width * PHOTO_ASPECT, alt="Photo unavailable")
        return Image(img.data, width, width * img.aspect, alt=alt)

    def official(self, official: Official) -> None:
        book = self.book
        self.add(Heading(2, official.name, anchor=self._anchor(anchor_for(official.ref)),
                         native=official.native_name))
        position = official.position_at(book.date)
        facts: list = []
        title_runs = [Run(f"{official.honorific} {official.name}".strip(), bold=True)]
        if official.native_name:
            title_runs.append(Run(f"  {official.native_name}"))
        facts.append(Paragraph(title_runs, style="lead"))
        if position is not None:
            held = position.title + (f", {position.organization}" if position.organization else "")
        elif official.positions:
            last = official.career()[0]
            held = (f"No position on record at {book.date.human() if book.date else 'the book date'}"
                    f" (last: {last.title}"
                    + (f", until {last.end.human()}" if last.end else "") + ")")
        else:
            held = ""
        label = f"Position ({book.date.human()})" if book.date else "Position"
        table = self.facts([(label, held), ("Native name", official.native_name),
                            ("Honorific", official.honorific),
                            ("Form of address", official.address_as),
                            ("Pronunciation", official.pronunciation),
                            ("Country", official.country)])
        if table:
            facts.append(table)
        self.add(Profile(self.photo(official), facts))
        if official.positions:
            self.sub("Career")
            rows = [[Cell.text("Period", bold=True), Cell.text("Position", bold=True),
                     Cell.text("Organisation", bold=True)]]
            for pos in official.career():
                period = format_range(pos.start, pos.end) if pos.end else (
                    f"since {pos.start.human()}" if pos.start else "")
                rows.append([Cell.text(period), Cell.text(pos.title), Cell.text(pos.organization)])
            self.add(Table(rows, header_rows=1, widths=[0.22, 0.40, 0.38]))
        if any(p.strip() for p in official.biography):
            self.sub("Biography")
            for para in official.biography:
                if para.strip():
                    self.add(Paragraph.plain(para.strip()))
        meetings = [e for e in self._events_with(official.id)
                    if book.date is None or e.start is None
                    or e.start.first_day() <= book.date.last_day()]
        if meetings:
            self.sub("Previous meetings")
            for event in meetings:
                when = format_range(event.start, event.end)
                runs = ([Run(f"{when}: ")] if when else []) + [self.link_run(event.ref, event.title)]
                if event.location:
                    runs.append(Run(f", {event.location}"))
                self.add(Paragraph(runs, style="bullet"))
        self.cite(official.sources)

    def _events_with(self, official_id: str) -> list[Event]:
        try:
            return self.library.events_with(official_id)
        except Exception as exc:
            self.warnings.append(f"official:{official_id}: previous meetings unavailable ({exc})")
            return []

    def partnership(self, partnership: Partnership) -> None:
        self.add(Heading(2, partnership.name, anchor=self._anchor(anchor_for(partnership.ref))))
        table = self.facts([("Short name", partnership.short_name),
                            ("Parties", ", ".join(partnership.parties)),
                            ("Established", partnership.established.human()
                             if partnership.established else "")])
        if table:
            self.add(table)
        if partnership.summary.strip():
            for i, para in enumerate(p for p in partnership.summary.split("\n\n") if p.strip()):
                self.add(Paragraph.plain(para.strip(), "lead" if i == 0 else "body"))
        if partnership.milestones:
            self.sub("Milestones")
            rows = [[Cell.text("Date", bold=True), Cell.text("Milestone", bold=True)]]
            for milestone in partnership.timeline():
                rows.append([Cell.text(milestone.date.human() if milestone.date else ""),
                             Cell.text(milestone.text)])
            self.add(Table(rows, header_rows=1, widths=[0.22, 0.78]))
        if partnership.documents:
            self.sub("Key documents")
            for doc in partnership.documents:
                self.add(Paragraph(self._source_runs(doc), style="bullet"))
        self.cite(partnership.sources)

    def text_block(self, block) -> None:
        label = BLOCK_KIND_LABELS.get(block.kind, "Note")
        title = block.title.strip() or label
        self.add(Heading(2, title, anchor=self._anchor(f"text-{block.key}")))
        if title.casefold() != label.casefold():
            self.add(Paragraph.plain(label, "label"))
        lines = [line.strip() for line in block.text.splitlines() if line.strip()]
        for line in lines:
            if block.kind == "points":
                line = line.lstrip("-\u2022* ").strip() or line
            self.add(Paragraph.plain(line, block.kind))
        if not lines:
            self.add(Paragraph.plain("(empty)", "placeholder"))


def compose(book: Book, library, theme: Theme, *, today=None) -> Document:
    """The briefing book *book* as a :class:`Document`, ready for either writer."""
    return _Composer(book, library, theme, _as_partial(today)).compose()
