"""Honorifics before a name: "His Excellency", "H.E. Mr.", "Samdech Moha Borvor Thipadei",
"Dato' Sri Haji", "Dato Seri Setia Awang Haji", "Tengku Datuk Seri", "Mme.".

An honorific *chain* is one or more honorific forms (the :data:`HONORIFICS` table), each
possibly followed by the words that extend it (:data:`HONORIFIC_EXTENSIONS`: "Moha",
"Thipadei", "Seri", "Setia", "Haji"...).  An extension word counts only right after a form,
so "Sri Mulyani Indrawati" keeps her name while "Dato' Sri Anifah" loses the "Sri".
"""
from __future__ import annotations

from dataclasses import dataclass

from .text import Token, tokens_of
from .vocab import COURTESY_TITLES, HONORIFIC_EXTENSIONS, HONORIFICS

_FORMS = sorted(((tuple(t.text for t in tokens_of(form)), stored, address)
                 for form, stored, address in HONORIFICS), key=lambda f: -len(f[0]))
_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
for _form in _FORMS:
    _BY_FIRST.setdefault(_form[0][0], []).append(_form)
MAX_CHAIN = 12           # tokens; a longer "chain" is a list of titles, not one person's


@dataclass(slots=True)
class Chain:
    start: int
    end: int                   # exclusive
    stored: str                # what the official's honorific field gets: "H.E. Dr."
    address: str               # the form of address: "His Excellency"
    courtesy: bool             # Mr./Ms./Mrs./Mme.: a person, though nothing is stored


def _form_at(tokens: list[Token], i: int):
    for words, stored, address in _BY_FIRST.get(tokens[i].text, ()):
        n = len(words)
        if tuple(t.text for t in tokens[i:i + n]) != words:
            continue
        if words[0] == "HE" and not (i + 1 < len(tokens) and tokens[i + 1].is_cap):
            continue      # "HE" in capitals is "H.E." only before a name
        return n, stored, address
    return None


def _chain_at(tokens: list[Token], i: int) -> Chain | None:
    parts: list[str] = []
    address = ""
    courtesy = False
    j = i
    while j < len(tokens) and j - i < MAX_CHAIN:
        form = _form_at(tokens, j)
        if form is None:
            break
        n, stored, addr = form
        courtesy = courtesy or " ".join(t.text for t in tokens[j:j + n]) in COURTESY_TITLES
        if stored and stored not in parts:
            parts.append(stored)
        address = address or addr
        j += n
        while j < len(tokens) and tokens[j].text in HONORIFIC_EXTENSIONS and _form_at(tokens, j) is None:
            parts.append(tokens[j].text)
            j += 1
    if j == i:
        return None
    # Extension words never take the whole name: "Datuk Seri Jaya said" keeps "Jaya".
    while j > i and tokens[j - 1].text in HONORIFIC_EXTENSIONS and _form_at(tokens, j - 1) is None \
            and not (j < len(tokens) and tokens[j].is_cap and tokens[j].is_word):
        j -= 1
        parts.pop()
    return Chain(i, j, " ".join(parts), address, courtesy)


class HonorificChains:
    """The honorific chains of one sentence's tokens, found once."""

    def __init__(self, tokens: list[Token]) -> None:
        self.by_end: dict[int, Chain] = {}
        self.marked: set[int] = set()
        i = 0
        while i < len(tokens):
            chain = _chain_at(tokens, i)
            if chain is None:
                i += 1
                continue
            self.by_end[chain.end] = chain
            self.marked.update(range(chain.start, chain.end))
            i = chain.end

    def before(self, end: int) -> Chain | None:
        """The chain ending just before token *end*, if any."""
        return self.by_end.get(end)

    def ends_at(self, end: int) -> bool:
        chain = self.by_end.get(end)
        return chain is not None and bool(chain.stored or chain.courtesy)
