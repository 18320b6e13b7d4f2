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

import re
from dataclasses import dataclass, field

from .countries import country_of
from .matching import fold, name_similarity
from .text import Sentence, Token, tokens_of
from .vocab import (CONNECTORS, FUNCTION_CAPS, HONORIFICS, ORG_ACRONYMS, ORG_WORDS,
                    TITLE_HEADS)

_STOP = {w.casefold() for w in TITLE_HEADS | ORG_WORDS | ORG_ACRONYMS | FUNCTION_CAPS}
_HEADS = {w.casefold() for w in TITLE_HEADS}
_HONORIFIC_TOKENS = [(tokens_of(form), stored, address) for form, stored, address in HONORIFICS]
_APPOSITIVE_LEAD = {"the", "a", "an", "also", "who", "is"}
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


def _nameable(tok: Token) -> bool:
    if not tok.is_word or not tok.is_cap:
        return False
    base = tok.base
    folded = base.casefold()
    if folded in _STOP or country_of(base) or re.search(r"\d", base):
        return False
    if "-" in base and any(part.casefold() in _STOP or country_of(part) or not part[:1].isupper()
                           for part in base.split("-")):
        return False
    if len(base) == 1 or "." in base:
        return False
    if base.isupper() and len(base) > 5:
        return False
    return True


def _titleish(tok: Token) -> bool:
    """Part of a title phrase: a title/organisation word, a country, an acronym, a connector."""
    if tok.text in ("’s", "'s", "-", "–"):
        return True
    if not tok.is_word:
        return False
    if tok.text in CONNECTORS:
        return True
    if not tok.is_cap:
        return False
    base = tok.base
    return (base.casefold() in _STOP or bool(country_of(base)) or
            ("-" in base and not _nameable(tok)))


def _honorific_before(tokens: list[Token], end: int) -> tuple[int, str, str]:
    """If honorifics end just before index *end*: (their first index, stored, address)."""
    stored = address = ""
    start = end
    changed = True
    while changed:
        changed = False
        for form, st, addr in _HONORIFIC_TOKENS:
            n = len(form)
            if start - n < 0:
                continue
            window = tokens[start - n:start]
            if [t.text for t in window] == [f.text for f in form]:
                if form[0].text == "HE" and not (start < len(tokens) and tokens[start].is_cap):
                    continue
                start -= n
                stored = stored or st
                address = address or addr
                changed = True
                break
    return start, stored, address


def _honorific_tokens(tokens: list[Token]) -> set[int]:
    """Indices of tokens that belong to an honorific ("Samdech Moha Bovor Thipadei")."""
    marked: set[int] = set()
    i = 0
    while i < len(tokens):
        for form, _, _ in _HONORIFIC_TOKENS:
            n = len(form)
            if [t.text for t in tokens[i:i + n]] == [f.text for f in form]:
                if form[0].text == "HE" and not (i + 1 < len(tokens) and tokens[i + 1].is_cap):
                    continue
                marked.update(range(i, i + n))
                i += n - 1
                break
        i += 1
    return marked


def _clean_title(text: str) -> tuple[str, str]:
    """('Chinese Premier', ...) -> ('Premier', 'China'); strips leading articles."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–")
    country = ""
    while True:
        m = re.match(r"^(?:the|a|an|also|and|who is|is)\s+", text, re.I)
        if m:
            text = text[m.end():]
            continue
        m = re.match(r"^([A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-]*){0,4}?)(?:'s|’s)?\s+(?=\S)", text)
        if m and country_of(m.group(1)) and not re.match(r"^\w+\s+of\b", text):
            rest = text[m.end():]
            if any(h in rest.split() for h in TITLE_HEADS) or any(
                    w.strip(",") in TITLE_HEADS for w in rest.split()):
                country = country or country_of(m.group(1))
                text = rest
                continue
        break
    text = re.sub(r"\s+(?:and|of|the|at|for|to|on|in)$", "", text.strip(" ,;:-–"))
    if not country:
        tail = re.search(r"\bof\s+((?:the\s+)?[A-Z][\w’'\-]*(?:\s+(?:of\s+)?[A-Z][\w’'\-]*)*)$",
                         text)
        if tail:
            country = country_of(tail.group(1))
    return text, country


def _title_backward(tokens: list[Token], end: int, sentence: str) -> tuple[int, str, str]:
    """A title phrase ending just before index *end*: (start index, title, country)."""
    i = end
    while i > 0 and _titleish(tokens[i - 1]):
        i -= 1
    while i < end and (tokens[i].text in CONNECTORS or not tokens[i].is_word):
        i += 1
    if i >= end or not any(t.base.casefold() in _HEADS for t in tokens[i:end]):
        return end, "", ""
    title, country = _clean_title(sentence[tokens[i].start:tokens[end - 1].end])
    return i, title, country


def _title_forward(tokens: list[Token], start: int, sentence: str) -> tuple[str, str]:
    """An appositive title after a name: ', the Secretary of State at ...'."""
    if start >= len(tokens) or tokens[start].text not in (",", "("):
        return "", ""
    i = start + 1
    first = i
    while i < len(tokens) and tokens[i].text.lower() in _APPOSITIVE_LEAD:
        i += 1
    j = i
    while j < len(tokens):
        tok = tokens[j]
        if tok.text in CONNECTORS or tok.text in ("’s", "'s", "-", "–"):
            j += 1
            continue
        if not tok.is_word or not tok.is_cap:
            break
        if _honorific_before(tokens, j + 1)[1]:
            break
        j += 1
    phrase = tokens[i:j]
    if not phrase or not any(t.base.casefold() in _HEADS for t in phrase):
        return "", ""
    # "Deputy Prime Minister, Minister of Foreign Affairs ...": a comma inside the title
    while j + 1 < len(tokens) and tokens[j].text == "," and _titleish(tokens[j + 1]) and \
            tokens[j + 1].text not in CONNECTORS:
        k = j + 1
        while k < len(tokens) and (_titleish(tokens[k]) or
                                   (tokens[k].is_cap and tokens[k].is_word and k > j + 1)):
            if _honorific_before(tokens, k + 1)[1]:
                break
            k += 1
        if not any(t.base.casefold() in _HEADS for t in tokens[j + 1:k]):
            break
        j = k
    # the appositive must close (comma, stop, bracket) or run into a verb
    title, country = _clean_title(sentence[tokens[first].start:tokens[j - 1].end])
    return title, country


def _mentions_in(sentence: Sentence) -> list[_Mention]:
    text = sentence.text
    tokens = tokens_of(text)
    out: list[_Mention] = []
    honorific_at = _honorific_tokens(tokens)
    i = 0
    while i < len(tokens):
        if i in honorific_at or not _nameable(tokens[i]):
            i += 1
            continue
        j = i
        while j < len(tokens) and j not in honorific_at and _nameable(tokens[j]) and \
                (j == i or not tokens[j - 1].possessive):
            j += 1
        run = tokens[i:j]
        if len(run) > 4:
            i = j
            continue
        # title and honorific before the name (an honorific may sit before or after a title)
        h_start, honorific, address = _honorific_before(tokens, i)
        t_start, title, country = _title_backward(tokens, h_start, text)
        if not title and h_start >= 2 and tokens[h_start - 1].text == ",":
            # "Ambassador of China to Cambodia, H.E. Wang Wenbin, ...": a title set off by a
            # comma, unless it is the end of someone else's appositive
            start, before, before_country = _title_backward(tokens, h_start - 1, text)
            k = start - 1
            while k >= 0 and tokens[k].text in CONNECTORS:
                k -= 1
            if before and (k < 0 or tokens[k].text not in (",", "(")) and \
                    not _title_forward(tokens, j, text)[0]:
                title, country = before, before_country
        if title and not honorific:
            _, honorific, address = _honorific_before(tokens, t_start)
        counterpart = ""
        if not title and i >= 1 and tokens[i - 1].text.lower() in ("counterpart", "counterparts"):
            # "his Thai counterpart Don Pramudwinai": a person; the country is stated
            k = i - 2
            if k >= 0 and country_of(tokens[k].base):
                country = country_of(tokens[k].base)
            counterpart = text[tokens[k if k >= 0 and country else i - 1].start:tokens[i - 1].end]
        after_title, after_country = _title_forward(tokens, j, text)
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
