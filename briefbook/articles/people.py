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

from .countries import COUNTRY_RX, country_of
from .honorifics import HonorificChains
from .matching import fold, name_similarity
from .namewords import HEADS, is_initial, nameable
from .text import Sentence, Token, tokens_of
from .titles import title_backward, title_forward
from .vocab import CONNECTORS, NAME_PARTICLES
FAMILY_FIRST = {"China", "Cambodia", "Vietnam", "South Korea", "North Korea", "Hungary",
                "Taiwan"}
# Names without a family name (Malay patronymics, Myanmar, many Indonesians), or whose word
# order in English varies (Japanese): the family name is left for the user unless the
# article marks it in capitals ("ISHIBA Shigeru").
NO_FAMILY_NAME = {"Malaysia", "Brunei", "Myanmar", "Indonesia", "Japan"}
MAX_NAME_WORDS = 4            # "Nguyen Thi Minh Thu"; longer runs of capitals are not names
MAX_PATRONYMIC_WORDS = 9      # "Erywan bin Pehin Datu Pekerma Jaya Haji Mohd Yusof"


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
    native: str = ""                      # the name in its own script: "王毅", "Bùi Thanh Sơn"
    notes: list[str] = field(default_factory=list)

    @property
    def family_name(self) -> str:
        caps = [t for t in self.tokens if len(t) > 1 and t.isupper() and "." not in t]
        if caps and len(caps) < len([t for t in self.tokens if "." not in t]):
            return caps[0].capitalize()
        if self.country in NO_FAMILY_NAME or any(t in NAME_PARTICLES for t in self.tokens):
            return ""
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
    native: str = ""
    courtesy: bool = False      # "Mr.", "Ms.": a person, nothing to store
    title_from: str = ""        # the title was inferred ("counterpart" of a titled person)


def _mostly_capitals(text: str) -> bool:
    """A headline or letterhead in capitals: its words cannot tell names from titles."""
    letters = [c for c in text if c.isalpha() and c.isascii()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


# Vietnamese names that are also English words: "General Secretary To Lam", "Nguyen Van An".
NAME_FUNCTION_WORDS = {"To", "An"}
NAME_SUFFIXES = {"Jr.", "Sr."}


def _country_tokens(text: str, tokens: list[Token]) -> set[int]:
    """Tokens of multi-word country names ("Viet Nam", "New Zealand"): never a person."""
    spans = [m.span(1) for m in COUNTRY_RX.finditer(text) if " " in m.group(1)]
    return {k for k, t in enumerate(tokens) for a, b in spans if a <= t.start < b}


def _run_end(tokens: list[Token], i: int, marked: set[int]) -> tuple[int, int, bool]:
    """(end index, name words, has a particle) of the name starting at token *i*."""
    j, words, particle = i, 0, False
    while j < len(tokens):
        tok = tokens[j]
        if j > i and tokens[j - 1].possessive:
            break
        if j > i and tok.text in NAME_SUFFIXES:
            j += 1
            break
        if tok.text in NAME_FUNCTION_WORDS and j not in marked and \
                (j == i or nameable(tokens[j - 1], long_caps=True)):
            words += 1
            j += 1
            continue
        k = j + 1           # "von der Leyen": the word after the particles
        while k < len(tokens) and k - j < 3 and tokens[k].text in NAME_PARTICLES:
            k += 1
        nxt = tokens[k] if k < len(tokens) else None
        if nxt is not None and (tok.text in NAME_PARTICLES and j > i or is_initial(tok)) and \
                (nameable(nxt, long_caps=True) or is_initial(nxt)):
            particle = particle or tok.text in NAME_PARTICLES
            j += 1
            continue
        if (j in marked and not particle) or not nameable(tok, long_caps=True):
            break
        words += 1
        j += 1
    return j, words, particle


def _starts_name(tokens: list[Token], i: int, chains: HonorificChains) -> bool:
    if nameable(tokens[i], long_caps=True):
        return True
    if tokens[i].text in NAME_FUNCTION_WORDS and i > 0 and i + 1 < len(tokens) and \
            nameable(tokens[i + 1]) and (tokens[i - 1].base.casefold() in HEADS or
                                         chains.before(i) is not None):
        return True
    return is_initial(tokens[i]) and i + 1 < len(tokens) and nameable(tokens[i + 1],
                                                                       long_caps=True)


def _is_native(inner: str, name: str) -> bool:
    """'王毅', 'សុខ ចិន្ដា សោភា' or 'Bùi Thanh Sơn' (the same name with its accents)."""
    letters = [c for c in inner if c.isalpha()]
    if not letters or len(inner) > 60:
        return False
    if any(ord(c) > 0x24F and not 0x1E00 <= ord(c) <= 0x1EFF for c in letters):
        return True
    return inner != name and fold(inner).replace(" ", "") == fold(name).replace(" ", "")


def _native_after(tokens: list[Token], j: int, text: str, name: str) -> tuple[str, int]:
    """A native-script form in brackets right after the name: (the form, index after it)."""
    if j < len(tokens) and tokens[j].text == "(":
        for k in range(j + 1, min(len(tokens), j + 16)):
            if tokens[k].text == ")":
                inner = text[tokens[j].end:tokens[k].start].strip()
                if _is_native(inner, name):
                    return inner, k + 1
                break
    return "", j


def _combined(*parts: str) -> str:
    out: list[str] = []
    for part in parts:
        for word in part.split():
            if word not in out:
                out.append(word)
    return " ".join(out)


def _mentions_in(sentence: Sentence) -> list[_Mention]:
    text = sentence.text
    if _mostly_capitals(text):
        return []
    tokens = tokens_of(text)
    out: list[_Mention] = []
    chains = HonorificChains(tokens)
    blocked = chains.marked | _country_tokens(text, tokens)
    i = 0
    while i < len(tokens):
        if i in blocked or not _starts_name(tokens, i, chains):
            i += 1
            continue
        j, words, particle = _run_end(tokens, i, blocked)
        while j > i and (is_initial(tokens[j - 1]) or tokens[j - 1].text in NAME_PARTICLES):
            j -= 1
        run = tokens[i:j]
        if not run or words > (MAX_PATRONYMIC_WORDS if particle else MAX_NAME_WORDS) or (
                all(t.base.isupper() for t in run if not is_initial(t)) and
                any(len(t.base) > 5 for t in run)):
            i = max(j, i + 1)
            continue
        # title and honorific before the name (an honorific may sit before or after a title)
        chain = chains.before(i)
        h_start = chain.start if chain else i
        honorific = chain.stored if chain else ""
        address = chain.address if chain else ""
        courtesy = bool(chain and chain.courtesy)
        t_start, title, country = title_backward(tokens, h_start, text)
        if not title and h_start >= 2 and tokens[h_start - 1].text == ",":
            # "Ambassador of China to Cambodia, H.E. Wang Wenbin, ...": a title set off by a
            # comma, unless it is the end of someone else's appositive
            start, before, before_country = title_backward(tokens, h_start - 1, text)
            k = start - 1
            while k >= 0 and tokens[k].text in CONNECTORS:
                k -= 1
            if before and (k < 0 or tokens[k].text not in (",", "(")) and \
                    not title_forward(tokens, j, text, chains)[0]:
                # "attended by the Ministers and the Secretary-General of ASEAN, H.E. X"
                title, country = re.split(r"\s+and\s+the\s+", before)[-1], before_country
        if title:
            outer = chains.before(t_start)
            if outer:
                honorific = _combined(outer.stored, honorific)
                address = outer.address or address
                courtesy = courtesy or outer.courtesy
        name_text = text[run[0].start:run[-1].end]
        native, after = _native_after(tokens, j, text, name_text)
        counterpart = title_from = ""
        if not title and h_start >= 1 and tokens[h_start - 1].text.lower() in ("counterpart",
                                                                                "counterparts"):
            # "his Thai counterpart Don Pramudwinai": a person; the country is stated, and
            # the title is the one of the person whose counterpart this is
            k = h_start - 2
            if k >= 0 and country_of(tokens[k].base):
                country = country_of(tokens[k].base)
            counterpart = text[tokens[k if k >= 0 and country else h_start - 1].start:
                               tokens[h_start - 1].end]
            titled = [m for m in out if m.title]
            if titled:
                title, title_from = titled[-1].title, " ".join(titled[-1].tokens)
        after_title, after_country = title_forward(tokens, after, text, chains)
        if after_title and (not title or title_from or len(after_title) > len(title)):
            title, title_from = after_title, ""
            country = after_country or country
        names = [t.base for t in run]
        out.append(_Mention(names, name_text, sentence.start + run[0].start, honorific, address,
                            title, country, counterpart, native, courtesy, title_from))
        i = max(j, i + 1)
    return out


def same_name(a: list[str], b: list[str]) -> bool:
    return name_similarity(a, b) >= 0.88


def _prefer_spelling(person: Person, m: _Mention) -> None:
    """A name first seen in capitals ('BUI THANH SON') takes a later mixed-case spelling."""
    if person.name.isupper() and not " ".join(m.tokens).isupper():
        person.name, person.tokens = " ".join(m.tokens), list(m.tokens)


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
            if not (m.title or m.honorific or m.counterpart or m.courtesy or m.native):
                continue
            people.append(Person(" ".join(m.tokens), list(m.tokens), m.honorific, m.address_as,
                                 m.title, m.country, [m.text], m.pos, m.native))
            if m.counterpart:
                people[-1].mentions.append(m.counterpart)
            if m.title_from:
                people[-1].notes.append(f"title {m.title!r} inferred: named as the counterpart "
                                        f"of {m.title_from}")
            continue
        if m.text not in existing.mentions:
            existing.mentions.append(m.text)
        _prefer_spelling(existing, m)
        existing.honorific = existing.honorific or m.honorific
        existing.address_as = existing.address_as or m.address_as
        existing.native = existing.native or m.native
        if m.title and not m.title_from and (not existing.title or
                                             len(m.title) > len(existing.title) * 2 or
                                             existing.notes):
            existing.title = m.title
            existing.notes = [n for n in existing.notes if not n.startswith("title ")]
        existing.country = existing.country or m.country
    # Single-word mentions ("Sokhonn", "Premier Li") join the one person they name.
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
