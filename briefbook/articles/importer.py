"""Turn an article into proposals: an event, officials, partnerships and the source.

``propose(library, article, article_date=None)`` only reads the library (to
match existing records); it never writes.  Deterministic: the same article,
library and date give the same proposals.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from ..model import Event, Official, Partnership, Position, Source
from ..model.dates import PartialDate
from .datephrases import find_dates, parse_article_date
from .eventinfo import find_event
from .errors import ArticleError
from .extract import ArticleText, article_from_text, read_article
from .frameworks import find_frameworks, find_known, match_known
from .furniture import strip_furniture
from .ids import unique_id
from .libindex import LibraryIndex
from .matching import fold, name_similarity, name_words, titles_overlap
from .people import Person, bare_full_names, find_people
from .proposals import (ArticleProposals, EventProposal, OfficialProposal,
                        PartnershipProposal)
from .text import sentences_of, shorten


def positions_from_title(title: str) -> list[Position]:
    """'Secretary of State at the Ministry of X and the ASEAN SOM Leader of Cambodia' ->
    [Position('Secretary of State', 'Ministry of X'), Position('ASEAN SOM Leader of Cambodia')]."""
    out = []
    # "X and the Y", and "X and ASEAN SOM Leader" (a role in another body) are two positions;
    # "Deputy Prime Minister and Minister of ..." stays one, as the article gives it.
    for part in re.split(r",?\s+and\s+the\s+|;\s*|\s+and\s+(?=[A-Z]{2,}\b)", title):
        part = part.strip(" ,")
        if not part:
            continue
        m = re.match(r"^(.*?)\s+at\s+(?:the\s+)?(.+)$", part)
        if m and m.group(1):
            out.append(Position(m.group(1).strip(), m.group(2).strip()))
        else:
            out.append(Position(part))
    return out


# -- officials -------------------------------------------------------------------------------
def _official_match(index: LibraryIndex, person: Person) -> tuple[str | None, float, str]:
    """(id, score, note) of the library official this person is, if any."""
    if not index:
        return None, 0.0, ""
    native = index.official_by_native(person.name)
    if native:
        return native, 1.0, ""
    best: tuple[str | None, float] = (None, 0.0)
    for entry in index.official_candidates(person.tokens):
        if person.country and entry.country and fold(person.country) != fold(entry.country):
            continue
        score = name_similarity(person.tokens, entry.words)
        if score > best[1]:
            best = (entry.id, score)
    if best[1] >= 0.85:
        return best[0], best[1], ""
    return None, 0.0, ""


def _surname_match(index: LibraryIndex, word: str, title: str, country: str) -> str | None:
    """A library official for a surname-only mention with a title ('Premier Li')."""
    hits = []
    for entry in index.official_candidates([word]) if index else []:
        if country and entry.country and fold(country) != fold(entry.country):
            continue
        if fold(word) not in entry.words:
            continue
        if title and not any(titles_overlap(title, t) for t in entry.titles):
            continue
        hits.append(entry.id)
    return hits[0] if len(hits) == 1 else None


def _official_record(person: Person, record_id: str) -> Official:
    return Official(
        id=record_id, name=person.name, family_name=person.family_name,
        honorific=person.honorific, address_as=person.address_as, country=person.country,
        positions=positions_from_title(person.title) if person.title else [])


def _officials(library, index: LibraryIndex, sentences, taken: set[str]) -> list[OfficialProposal]:
    people, loose = find_people(sentences)
    out: list[OfficialProposal] = []
    for person in people:
        match_id, score, _ = _official_match(index, person)
        if match_id:
            record = _official_record(person, match_id)
            proposal = OfficialProposal(record, "existing", match_id, "merge",
                                        mentions=person.mentions, title=person.title)
            existing = library.get(f"official:{match_id}")
            if fold(existing.name) != fold(person.name):
                proposal.notes.append(f"the article spells the name {person.name!r}; "
                                      f"the library has {existing.name!r}")
        else:
            record = _official_record(person, unique_id(library, "official", person.name, taken))
            first = next((s.text for s in sentences
                          if s.start <= person.first_pos < s.start + len(s.text)), "")
            if first:
                record.biography = [shorten(first, 600)]
            proposal = OfficialProposal(record, "new", None, "create",
                                        mentions=person.mentions, title=person.title)
            if not person.title:
                proposal.notes.append("no title given in the article")
        out.append(proposal)
    known_ids = {p.match_id for p in out if p.match_id}
    # Surname-only mentions of library officials ("Premier Li" alone).
    for m in loose:
        match_id = _surname_match(index, m.tokens[0], m.title, m.country)
        if match_id and match_id not in known_ids:
            existing = library.get(f"official:{match_id}")
            person = Person(existing.name, name_words(existing.name), m.honorific, m.address_as,
                            m.title, m.country, [m.text], m.pos)
            record = _official_record(person, match_id)
            record.name = existing.name
            proposal = OfficialProposal(record, "existing", match_id, "merge", mentions=[m.text],
                                        title=m.title)
            proposal.notes.append(f"named only as {m.text!r}; matched by surname and title")
            out.append(proposal)
            known_ids.add(match_id)
    # Native-script names of library officials ("王毅", "ប្រាក់ សុខុន").
    text = " ".join(s.text for s in sentences)
    for native, match_id in index.natives_in(text) if index else []:
        if match_id in known_ids:
            continue
        existing = library.get(f"official:{match_id}")
        record = _official_record(Person(existing.name, name_words(existing.name)), match_id)
        out.append(OfficialProposal(record, "existing", match_id, "link", mentions=[native],
                                    notes=["named in its native script"]))
        known_ids.add(match_id)
    # Full names of library officials named without a title ("Hun Manet said ...").
    if library is not None:
        for m in bare_full_names(sentences):
            person = Person(" ".join(m.tokens), list(m.tokens), mentions=[m.text], first_pos=m.pos)
            if any(name_similarity(person.tokens, name_words(p.record.name)) >= 0.85
                   for p in out):
                continue
            match_id, _, _ = _official_match(index, person)
            if match_id and match_id not in known_ids:
                existing = library.get(f"official:{match_id}")
                record = _official_record(person, match_id)
                record.name = existing.name
                out.append(OfficialProposal(record, "existing", match_id, "link",
                                            mentions=[m.text],
                                            notes=["named without a title"]))
                known_ids.add(match_id)
    return out


# -- partnerships ----------------------------------------------------------------------------
def _partnerships(library, index: LibraryIndex, text: str, sentences,
                  taken: set[str]) -> list[PartnershipProposal]:
    known = find_known(index, text)
    frameworks = find_frameworks(sentences)
    match_known(index, frameworks, known)
    out: list[PartnershipProposal] = []
    order = {}
    for pid, forms in known.items():
        first = min((text.find(f) for f in forms if text.find(f) >= 0), default=len(text))
        order[pid] = first
    for pid in sorted(known, key=lambda k: (order[k], k)):
        existing = library.get(f"partnership:{pid}")
        record = Partnership(id=pid, name=existing.name, short_name=existing.short_name,
                             aliases=list(existing.aliases), parties=list(existing.parties))
        out.append(PartnershipProposal(record, "existing", pid, "merge", mentions=known[pid]))
    for fw in frameworks:
        if fw.known_id:
            continue
        record = Partnership(
            id=unique_id(library, "partnership", fw.short_name or fw.name, taken, fw.name),
            name=fw.name, short_name=fw.short_name,
            aliases=[a for a in dict.fromkeys([*fw.aliases, *fw.mentions])
                     if a not in (fw.name, fw.short_name)],
            parties=fw.parties, summary=shorten(fw.sentence, 600))
        out.append(PartnershipProposal(record, "new", None, "create", mentions=fw.mentions))
    return out


# -- event -----------------------------------------------------------------------------------
MEETING_RX = re.compile(r"\b(met|meet|meets|meeting|talks|call|calls|called|received|receives|"
                        r"visit\w*|dialogue|discuss\w*|hosted|hosts|accompanied|welcomed)\b", re.I)


def _mark_participants(officials: list[OfficialProposal], facts, sentences) -> None:
    """Officials named in the event's sentence, or in a sentence about meeting, take part;
    others (a president who "proposed" an initiative) are only mentioned."""
    def named_in(p: OfficialProposal, text: str) -> bool:
        words = {w for m in p.mentions for w in re.findall(r"[\w\-]+", m.replace("’s", ""))
                 if w[:1].isupper() and len(w) > 1}
        words |= {w for w in p.record.name.split() if len(w) > 1}
        return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in words)

    if facts.sentence is None:
        return
    meeting = [s.text for s in sentences if MEETING_RX.search(s.text)]
    marks = [named_in(p, facts.sentence.text) or any(named_in(p, t) for t in meeting)
             for p in officials]
    if any(marks):
        for p, mark in zip(officials, marks):
            p.participant = mark
            if not mark:
                p.notes.append("mentioned, but not as taking part in the event")


def _visitor_first(officials: list[OfficialProposal], facts) -> list[OfficialProposal]:
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
        words = {w for m in p.mentions for w in m.replace("’s", "").replace("'s", "").split()}
        words |= set(p.record.name.split())
        for w in words:
            for m in re.finditer(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text[:cut]):
                if m.start() > best_pos:
                    best, best_pos = p, m.start()
    if best is None:
        return officials
    return [best] + [p for p in officials if p is not best]


def _event_title(kind: str, facts, officials: list[OfficialProposal], fallback: str) -> str:
    names = [p.record.name for p in officials if p.participant]
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


def _event(library, index, facts, officials, partnerships, article_date, fallback_title, taken):
    kind = facts.kind if facts.kind != "other" or not officials else "bilateral meeting"
    officials = _visitor_first(officials, facts)
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


# -- source ----------------------------------------------------------------------------------
PRESS_RELEASE_RX = re.compile(
    r"\bpress release (?:from|by|issued by|of) (?:the )?(?:(?:Kingdom|country|Cambodia|China)['’]s\s+|"
    r"(?:Cambodian|Chinese)\s+)?(?P<org>(?:Ministry|Embassy|Office|Department|Permanent Mission)"
    r"(?:(?:\s+(?:of|and|for|the))*\s+[A-Z][\w’'\-]*)*)")


def _source(article: ArticleText, cleaned, sentences) -> tuple[Source, list[str]]:
    notes: list[str] = []
    title = cleaned.title or article.meta_title
    if not title and sentences:
        title = shorten(sentences[0].text, 110)
        notes.append("title: the article has no headline; taken from its first sentence")
    publisher = cleaned.publisher
    site = cleaned.site or article.meta_publisher
    if publisher and site and fold(site) not in fold(publisher):
        publisher = f"{publisher}, via {site}"
    publisher = publisher or site
    if not publisher:
        release = PRESS_RELEASE_RX.search(" ".join(s.text for s in sentences[:12]))
        if release:
            publisher = f"Press report of a {release.group('org').strip()} press release"
            notes.append("publisher: not stated; inferred from the press release the article "
                         "reports - check it")
        else:
            notes.append("publisher: not stated in the article; enter it")
    return Source(title=title, publisher=publisher, url=article.url), notes


def _article_date(article: ArticleText, cleaned) -> date | None:
    found = parse_article_date(article.meta_date)
    if found is None and cleaned.date_text:
        found = parse_article_date(cleaned.date_text)
    return found


def _as_article(article) -> ArticleText:
    if isinstance(article, ArticleText):
        return article
    if isinstance(article, Path) or (isinstance(article, str) and "\n" not in article and
                                     len(article) < 4096 and Path(article).is_file()):
        return read_article(article)
    if isinstance(article, str):
        return article_from_text(article)
    raise TypeError(f"expected an ArticleText, a file path or text, got {type(article).__name__}")


def _as_date(value) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ArticleError(f"article date {value!r} is not a date; use YYYY-MM-DD") from None


def propose(library, article, article_date: date | str | None = None) -> ArticleProposals:
    """Proposals for *article* (an :class:`ArticleText`, a file path, or the text itself);
    reads *library* (may be None) to match existing records; never writes.

    *article_date* (a date or 'YYYY-MM-DD') resolves "on Sunday" and dates without a year;
    without it the page's own date is used when it states one, else the event is flagged."""
    article = _as_article(article)
    article_date = _as_date(article_date)
    cleaned = strip_furniture(article.paragraphs, article.meta_title)
    paragraphs = cleaned.paragraphs or article.paragraphs
    sentences = sentences_of(paragraphs)
    text = "\n\n".join(paragraphs)
    given_date = article_date
    article_date = article_date or _article_date(article, cleaned)
    taken: set[str] = set()
    index = LibraryIndex(library)
    officials = _officials(library, index, sentences, taken)
    partnerships = _partnerships(library, index, text, sentences, taken)
    facts = find_event(sentences, cleaned.place)
    officials = _visitor_first(officials, facts)
    _mark_participants(officials, facts, sentences)
    source, source_notes = _source(article, cleaned, sentences)
    event = _event(library, index, facts, officials, partnerships, article_date,
                   source.title, taken)
    proposals = ArticleProposals(source, event, officials, partnerships,
                                 article_name=article.name, source_notes=source_notes)
    proposals.article_date = article_date
    if article_date is not None:
        source.date = PartialDate(article_date.year, article_date.month, article_date.day)
        if given_date is None:
            source_notes.append(f"date: the article's date {article_date.isoformat()} was read "
                                "from the page")
    elif event.record.start is not None and facts.date is not None and \
            facts.date.kind not in ("m-y",):
        source.date = event.record.start
        source_notes.append("date: not stated; assumed to be the event's date - check it")
    else:
        source_notes.append("date: not stated in the article; enter it (--date YYYY-MM-DD)")
    if not officials:
        proposals.warnings.append("no officials with a name and title were found")
    if not any(m.resolved for m in find_dates(text)) and article_date is None:
        proposals.warnings.append("the article gives no full date; relative dates need "
                                  "the article's date")
    return proposals
