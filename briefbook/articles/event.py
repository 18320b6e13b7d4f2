"""The event proposed from an article: who takes part, its title, and whether the library
already has it."""
from __future__ import annotations

import re

from ..model import Event
from .datephrases import FUTURE
from .ids import unique_id
from .libindex import LibraryIndex
from .matching import fold
from .proposals import EventProposal, OfficialProposal


MEETING_RX = re.compile(r"\b(met|meet|meets|meeting|talks|call|calls|called|received|receives|"
                        r"visit\w*|dialogue|discuss\w*|hosted|hosts|accompan\w*|welcomed|present|"
                        r"attend\w*|co-chair\w*|courtesy)\b", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z\u00c0-\u024f\u1e00-\u1eff][\w’'\-.]*|bin|binti|van|von|de|da|"
                        r"del|der|al|el)$")


def name_forms(p: OfficialProposal) -> set[str]:
    """How the article names this official: the full name and the name-only mentions
    ("Sokhonn", "PM Chính" gives "Chính"), not phrases such as "his Thai counterpart"."""
    forms = {p.record.name}
    for mention in p.mentions:
        mention = re.sub(r"(?:'s|’s)$", "", mention.strip())
        if mention and all(_NAME_WORD.match(w) for w in mention.split()):
            forms.add(mention)
    return {f for f in forms if len(f) > 1}


def _named_at(p: OfficialProposal, text: str) -> list[int]:
    return [m.start() for form in name_forms(p)
            for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)]


def mark_participants(officials: list[OfficialProposal], facts, sentences) -> None:
    """Officials named in the event's sentence, or in a sentence about meeting, take part;
    others (a president who "proposed" an initiative) are only mentioned."""
    if facts.sentence is None:
        return
    # a meeting still to come ("is scheduled to call on the Prime Minister on Thursday") is
    # not the reported event's
    main_future = bool(FUTURE.search(facts.sentence.text))
    meeting = [s.text for s in sentences if MEETING_RX.search(s.text) and
               (main_future or not FUTURE.search(s.text))]
    marks = [bool(_named_at(p, facts.sentence.text)) or any(_named_at(p, t) for t in meeting)
             for p in officials]
    if any(marks):
        for p, mark in zip(officials, marks):
            p.participant = mark
            if not mark:
                p.notes.append("mentioned, but not as taking part in the event")


def visitor_first(officials: list[OfficialProposal], facts) -> list[OfficialProposal]:
    """For a visit, the official named last before the word 'visit' in the event's sentence
    ("At the invitation of A, B paid an official visit") goes first."""
    if facts.sentence is None or facts.kind not in ("official visit", "state visit"):
        return officials
    text = facts.sentence.text
    cut = text.lower().find("visit")
    if cut < 0:
        return officials
    best, best_pos = None, -1
    for p in officials:
        for pos in _named_at(p, text[:cut]):
            if pos > best_pos:
                best, best_pos = p, pos
    if best is None:
        return officials
    return [best] + [p for p in officials if p is not best]


def _event_title(kind: str, facts, officials: list[OfficialProposal], fallback: str) -> str:
    taking_part = [p for p in officials if p.participant]
    # "Meeting of A and B" names the people of the event's own sentence, not everyone present
    named = [p for p in taking_part
             if facts.sentence is not None and _named_at(p, facts.sentence.text)]
    names = [p.record.name for p in (named if len(named) >= 2 else taking_part)]
    where = facts.location
    if kind in ("official visit", "state visit") and names:
        return f"{kind.capitalize()}{f' to {where}' if where else ''} of {names[0]}"
    if kind in ("summit", "consultation", "conference", "ministerial meeting") and \
            facts.named_event and not facts.sideline_of:
        return facts.named_event
    if kind == "call" and len(names) >= 2:
        return f"Call between {names[0]} and {names[1]}"
    if len(names) >= 2:
        rest = names[1] if len(names) == 2 else ", ".join(names[1:-1]) + f" and {names[-1]}"
        return f"Meeting of {names[0]} with {rest}" if len(names) > 2 else \
            f"Meeting of {names[0]} and {names[1]}"
    return fallback or "Event from an article"


def _ranges_compatible(a_start, a_end, b_start, b_end) -> bool:
    if a_start is None or b_start is None:
        return True
    a0, a1 = a_start.first_day(), (a_end or a_start).last_day()
    b0, b1 = b_start.first_day(), (b_end or b_start).last_day()
    return a0 <= b1 and b0 <= a1


def _event_match(library, index: LibraryIndex, record: Event) -> tuple[str | None, float]:
    if not index:
        return None, 0.0
    best: tuple[str | None, float] = (None, 0.0)
    wanted = set(record.participants)
    for event_id in index.events_with_any(record.participants):
        event = library.get(f"event:{event_id}")
        if event is None or not _ranges_compatible(event.start, event.end, record.start,
                                                   record.end):
            continue
        shared = wanted & set(event.participants)
        if len(shared) < min(2, len(wanted)) or not shared:
            continue
        score = len(shared) / max(len(wanted | set(event.participants)), 1)
        if event.kind == record.kind:
            score += 1
        if record.location and fold(event.location) == fold(record.location):
            score += 0.5
        if record.start and event.start and record.start.precision == event.start.precision:
            score += 0.5
        if score > best[1]:
            best = (event.id, score)
    return best if best[1] >= 1.0 else (None, 0.0)


def propose_event(library, index, facts, officials, partnerships, article_date, fallback_title, taken):
    kind = facts.kind if facts.kind != "other" or not officials else "bilateral meeting"
    officials = visitor_first(officials, facts)
    record = Event(id="pending", title=_event_title(kind, facts, officials, fallback_title),
                   kind=kind, location=facts.location, summary=facts.summary,
                   outcomes=list(facts.outcomes))
    proposal = EventProposal(record, date_text=facts.date.text if facts.date else "",
                             date_mention=facts.date)
    proposal.resolve_dates(article_date)
    if facts.date is None:
        proposal.notes.append("date: the article gives no date for the event; enter it")
    if facts.sideline_of:
        proposal.notes.append(f"held on the sidelines of the {facts.sideline_of}")
    record.participants = [p.target if p.action in ("merge", "link") else p.record.id
                           for p in officials if p.action != "skip" and p.participant]
    record.partnerships = [p.target if p.action in ("merge", "link") else p.record.id
                           for p in partnerships if p.action != "skip"]
    start = record.start.iso() if record.start else ""
    people = "-".join(p.record.id for p in officials if p.participant)[:60]
    record.id = unique_id(library, "event", f"{start}-{people}" if people else
                          f"{start}-{record.title}", taken, record.title)
    match_id, _ = _event_match(library, index, record)
    if match_id:
        taken.discard(record.id)
        proposal.status, proposal.match_id, proposal.action = "existing", match_id, "merge"
        record.id = match_id
    return proposal
