"""Find the officials an article names, with honorifics, titles and country.

Recognised forms (any mix):

* honorific + name: "His Excellency KUNG Phoak", "H.E. Mr. Sun Weidong", "Samdech Hun Manet";
* title + name: "Chinese Premier Li Keqiang", "State Councillor and Minister of Foreign
  Affairs Wang Yi", "Deputy Prime Minister and Minister of Foreign Affairs and International
  Cooperation Prak Sokhonn";
* name + appositive title: "KUNG Phoak, the Secretary of State at the Ministry of ...";
* later mentions by surname or given name alone ("Sokhonn", "Premier Li").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .countries import country_of
from .honorifics import honorific_before, honorific_tokens
from .matching import fold, name_similarity
from .namewords import nameable
from .text import Sentence, tokens_of
from .titles import title_backward, title_forward
from .vocab import CONNECTORS
FAMILY_FIRST = {"China", "Cambodia", "Vietnam", "South Korea", "North Korea", "Hungary",
                "Myanmar", "Laos"}


@dataclass(slots=True)
class Person:
    name: str
    tokens: list[str]                     # the name's words as written
    honorific: str = ""
    address_as: str = ""
    title: str = ""
    country: str = ""
    mentions: list[str] = field(default_factory=list)
    first_pos: int = 0

    @property
    def family_name(self) -> str:
        caps = [t for t in self.tokens if len(t) > 1 and t.isupper()]
        if caps:
            return caps[0].capitalize()
        if self.country in FAMILY_FIRST:
            return self.tokens[0]
        if self.country:
            return self.tokens[-1]
        return ""


@dataclass(slots=True)
class _Mention:
    tokens: list[str]
    text: str
    pos: int
    honorific: str = ""
    address_as: str = ""
    title: str = ""
    country: str = ""
    counterpart: str = ""       # "Thai counterpart": a person without a title


def _mentions_in(sentence: Sentence) -> list[_Mention]:
    text = sentence.text
    tokens = tokens_of(text)
    out: list[_Mention] = []
    honorific_at = honorific_tokens(tokens)
    i = 0
    while i < len(tokens):
        if i in honorific_at or not nameable(tokens[i]):
            i += 1
            continue
        j = i
        while j < len(tokens) and j not in honorific_at and nameable(tokens[j]) and \
                (j == i or not tokens[j - 1].possessive):
            j += 1
        run = tokens[i:j]
        if len(run) > 4:
            i = j
            continue
        # title and honorific before the name (an honorific may sit before or after a title)
        h_start, honorific, address = honorific_before(tokens, i)
        t_start, title, country = title_backward(tokens, h_start, text)
        if not title and h_start >= 2 and tokens[h_start - 1].text == ",":
            # "Ambassador of China to Cambodia, H.E. Wang Wenbin, ...": a title set off by a
            # comma, unless it is the end of someone else's appositive
            start, before, before_country = title_backward(tokens, h_start - 1, text)
            k = start - 1
            while k >= 0 and tokens[k].text in CONNECTORS:
                k -= 1
            if before and (k < 0 or tokens[k].text not in (",", "(")) and \
                    not title_forward(tokens, j, text)[0]:
                title, country = before, before_country
        if title and not honorific:
            _, honorific, address = honorific_before(tokens, t_start)
        counterpart = ""
        if not title and i >= 1 and tokens[i - 1].text.lower() in ("counterpart", "counterparts"):
            # "his Thai counterpart Don Pramudwinai": a person; the country is stated
            k = i - 2
            if k >= 0 and country_of(tokens[k].base):
                country = country_of(tokens[k].base)
            counterpart = text[tokens[k if k >= 0 and country else i - 1].start:tokens[i - 1].end]
        after_title, after_country = title_forward(tokens, j, text)
        if after_title and (not title or len(after_title) > len(title)):
            title = after_title
            country = after_country or country
        names = [t.base for t in run]
        out.append(_Mention(names, text[run[0].start:run[-1].end], sentence.start + run[0].start,
                            honorific, address, title, country, counterpart))
        i = j
    return out


def same_name(a: list[str], b: list[str]) -> bool:
    return name_similarity(a, b) >= 0.88


def find_people(sentences: list[Sentence]) -> tuple[list[Person], list[_Mention]]:
    """People named with a title or honorific, merged across mentions; plus the
    single-word mentions that could not be tied to any of them."""
    mentions = [m for s in sentences for m in _mentions_in(s)]
    people: list[Person] = []
    for m in mentions:
        if len(m.tokens) < 2:
            continue
        existing = next((p for p in people if same_name(p.tokens, m.tokens)), None)
        if existing is None:
            if not (m.title or m.honorific or m.counterpart):
                continue
            people.append(Person(" ".join(m.tokens), list(m.tokens), m.honorific, m.address_as,
                                 m.title, m.country, [m.text], m.pos))
            if m.counterpart:
                people[-1].mentions.append(m.counterpart)
            continue
        if m.text not in existing.mentions:
            existing.mentions.append(m.text)
        existing.honorific = existing.honorific or m.honorific
        existing.address_as = existing.address_as or m.address_as
        if m.title and (not existing.title or len(m.title) > len(existing.title) * 2):
            existing.title = m.title
        existing.country = existing.country or m.country
    # Bare full-name mentions before the titled one ("Prak Sokhonn said ..." then a title later)
    loose: list[_Mention] = []
    for m in mentions:
        if len(m.tokens) >= 2:
            continue
        word = fold(m.tokens[0])
        owners = [p for p in people if any(fold(t) == word for t in p.tokens)]
        if len(owners) == 1:
            if m.text not in owners[0].mentions:
                owners[0].mentions.append(m.text)
            if m.title and not owners[0].title:
                owners[0].title = m.title
            owners[0].country = owners[0].country or m.country
        elif m.title or m.honorific:
            loose.append(m)
    people.sort(key=lambda p: p.first_pos)
    return people, loose


def bare_full_names(sentences: list[Sentence]) -> list[_Mention]:
    """Two-to-four-word name runs with no title or honorific (for library look-ups)."""
    return [m for s in sentences for m in _mentions_in(s)
            if len(m.tokens) >= 2 and not (m.title or m.honorific or m.counterpart)]
