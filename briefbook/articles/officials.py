"""Officials proposed from an article: each person found, matched to a library official when
it is the same person (full name, surname with title, native-script name), else new."""
from __future__ import annotations

import re

from ..model import Official
from .ids import unique_id
from .libindex import LibraryIndex
from .matching import fold, name_similarity, name_words, titles_overlap
from .namewords import HEADS
from .people import Person, bare_full_names, find_people
from .proposals import OfficialProposal
from .text import shorten
from .titles import positions_from_title


def _official_match(index: LibraryIndex, person: Person) -> tuple[str | None, float, str]:
    """(id, score, note) of the library official this person is, if any."""
    if not index:
        return None, 0.0, ""
    native = index.official_by_native(person.name) or (
        index.official_by_native(person.native) if person.native else None)
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
        native_name=person.native,
        honorific=person.honorific, address_as=person.address_as, country=person.country,
        positions=positions_from_title(person.title) if person.title else [])


MIN_MONONYM = 5     # letters; "Premier Li" is a surname, "Foreign Minister Sugiono" a name


def _add_mononym(library, out: list[OfficialProposal], m, taken: set[str]) -> None:
    """A person named by one name after a title ("Foreign Minister Sugiono"), not a short
    surname ("Premier Li") and not someone already proposed."""
    word = m.tokens[0]
    words = re.findall(r"[\w\-]+", m.title)
    if len(word) < MIN_MONONYM or not words or words[-1].casefold() not in HEADS:
        return            # the title must end right before the name: "Foreign Minister X"
    if any(fold(word) in (fold(t) for t in name_words(p.record.name)) for p in out):
        return
    person = Person(word, [word], m.honorific, m.address_as, m.title, m.country, [m.text], m.pos)
    record = _official_record(person, unique_id(library, "official", word, taken))
    out.append(OfficialProposal(record, "new", None, "create", mentions=[m.text], title=m.title,
                                notes=["named by one name only; check the full name"]))


def propose_officials(library, index: LibraryIndex, sentences, taken: set[str]) -> list[OfficialProposal]:
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
        proposal.notes.extend(person.notes)
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
        elif not match_id:
            _add_mononym(library, out, m, taken)
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
