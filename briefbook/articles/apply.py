"""Apply reviewed proposals to the library: ONE transaction, all or nothing.

:func:`plan_import` computes the records to write (new ones, and library
records with the article folded in) without writing; :func:`apply_import`
stages them in one :meth:`Library.transaction`.  The article becomes a
source of every record it produced or changed.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..model import Event, Official, Partnership, Source
from .errors import ArticleError
from .ids import unique_id
from .matching import fold, phrase_key, titles_overlap
from .proposals import ArticleProposals, Proposal


@dataclass(slots=True)
class ImportPlan:
    records: list = field(default_factory=list)          # what to stage, in order
    before: dict = field(default_factory=dict)           # ref -> library record, or None if new
    created: list[str] = field(default_factory=list)     # refs
    updated: list[str] = field(default_factory=list)     # refs
    linked: list[str] = field(default_factory=list)      # refs used unchanged

    def summary(self) -> str:
        return (f"{len(self.created)} new, {len(self.updated)} updated, "
                f"{len(self.linked)} linked unchanged")

    def to_dict(self) -> dict:
        return {"created": list(self.created), "updated": list(self.updated),
                "linked": list(self.linked)}


def _has_source(sources: list[Source], source: Source) -> bool:
    for s in sources:
        if s.key() == source.key():
            return True
        if source.title and fold(s.title) == fold(source.title) and \
                (s.date is None or source.date is None or s.date.contains(source.date)
                 or source.date.contains(s.date)):
            return True
    return False


def _with_source(sources: list[Source], source: Source) -> list[Source]:
    out = list(sources)
    if not _has_source(out, source):
        out.append(copy.copy(source))
    return out


def merge_official(existing: Official, proposed: Official, source: Source) -> Official:
    merged = copy.deepcopy(existing)
    for position in proposed.positions:
        if not any(titles_overlap(position.title, p.title) or
                   titles_overlap(f"{position.title} {position.organization}", p.title)
                   for p in merged.positions):
            merged.positions.append(copy.copy(position))
    for attr in ("country", "honorific", "address_as", "family_name", "native_name"):
        if not getattr(merged, attr) and getattr(proposed, attr):
            setattr(merged, attr, getattr(proposed, attr))
    merged.sources = _with_source(merged.sources, source)
    return merged


def merge_partnership(existing: Partnership, proposed: Partnership, source: Source,
                      mentions: list[str]) -> Partnership:
    merged = copy.deepcopy(existing)
    forms = {phrase_key(f) for f in (merged.name, merged.short_name, *merged.aliases,
                                      *(d.title for d in merged.documents)) if f}
    for form in [proposed.name, proposed.short_name, *proposed.aliases, *mentions]:
        if form and phrase_key(form) not in forms and len(form) > 3:
            merged.aliases.append(form)
            forms.add(phrase_key(form))
    if not merged.summary and proposed.summary:
        merged.summary = proposed.summary
    if not merged.parties and proposed.parties:
        merged.parties = list(proposed.parties)
    merged.sources = _with_source(merged.sources, source)
    return merged


def merge_event(existing: Event, proposed: Event, source: Source) -> Event:
    merged = copy.deepcopy(existing)
    for field_name in ("participants", "partnerships"):
        values = getattr(merged, field_name)
        for value in getattr(proposed, field_name):
            if value not in values:
                values.append(value)
    if proposed.start is not None:
        finer = (merged.start is None or
                 (merged.start.contains(proposed.start) and merged.start != proposed.start))
        if finer:
            merged.start, merged.end = proposed.start, proposed.end
    for attr in ("location", "summary"):
        if not getattr(merged, attr) and getattr(proposed, attr):
            setattr(merged, attr, getattr(proposed, attr))
    if not merged.outcomes and proposed.outcomes:
        merged.outcomes = list(proposed.outcomes)
    merged.sources = _with_source(merged.sources, source)
    return merged


def _target(library, proposal: Proposal):
    target = proposal.target
    record = library.get(f"{proposal.kind}:{target}") if target else None
    if record is None:
        raise ArticleError(f"{proposal.kind} {proposal.label!r}: the library has no "
                           f"{proposal.kind} {target!r} to {proposal.action} into")
    return record


def plan_import(library, proposals: ArticleProposals) -> ImportPlan:
    """The records applying *proposals* would write; reads the library, writes nothing."""
    plan = ImportPlan()
    source = proposals.source
    taken: set[str] = set()
    final_ids: dict[int, str] = {}

    def new_id(proposal: Proposal) -> str:
        wanted = proposal.record.id
        if wanted and wanted not in taken and not library.exists(f"{proposal.kind}:{wanted}"):
            taken.add(wanted)
            return wanted
        return unique_id(library, proposal.kind, proposal.label, taken)

    def add(record, existing) -> None:
        ref = record.ref
        if existing is not None and _same(existing, record):
            plan.linked.append(ref)
            return
        plan.before[ref] = existing
        plan.records.append(record)
        (plan.updated if existing is not None else plan.created).append(ref)

    for group in (proposals.officials, proposals.partnerships):
        for proposal in group:
            if proposal.action == "skip":
                continue
            if proposal.action == "create":
                record = copy.deepcopy(proposal.record)
                record.id = new_id(proposal)
                record.sources = _with_source(record.sources, source)
                record.updated = ""
                add(record, None)
            elif proposal.action == "link":
                record = _target(library, proposal)
                plan.linked.append(record.ref)
            else:
                existing = _target(library, proposal)
                if proposal.kind == "official":
                    record = merge_official(existing, proposal.record, source)
                else:
                    record = merge_partnership(existing, proposal.record, source,
                                               proposal.mentions)
                add(record, existing)
            final_ids[id(proposal)] = record.id
    event = proposals.event
    if event is not None and event.action != "skip":
        draft = copy.deepcopy(event.record)
        draft.participants = [final_ids[id(p)] for p in proposals.officials
                              if id(p) in final_ids and p.participant]
        draft.partnerships = [final_ids[id(p)] for p in proposals.partnerships
                              if id(p) in final_ids]
        if event.action == "create":
            draft.id = new_id(event)
            draft.sources = _with_source(draft.sources, source)
            draft.updated = ""
            add(draft, None)
        elif event.action == "link":
            plan.linked.append(_target(library, event).ref)
        else:
            existing = _target(library, event)
            add(merge_event(existing, draft, source), existing)
    return plan


def _same(a, b) -> bool:
    da, db = a.to_dict(), b.to_dict()
    da.pop("updated", None)
    db.pop("updated", None)
    return da == db


def apply_plan(library, plan: ImportPlan) -> None:
    if not plan.records:
        return                      # nothing changes: no empty commit
    with library.transaction():
        for record in plan.records:
            library.stage(record)


def apply_import(library, proposals: ArticleProposals) -> ImportPlan:
    """Write the reviewed proposals in one atomic commit; returns what was done."""
    plan = plan_import(library, proposals)
    apply_plan(library, plan)
    return plan
