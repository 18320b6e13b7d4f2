"""Honorifics before a name: "His Excellency", "H.E. Mr.", "Samdech ...", "Dato' Sri"."""
from __future__ import annotations

from .text import Token, tokens_of
from .vocab import HONORIFICS

_HONORIFIC_TOKENS = [(tokens_of(form), stored, address) for form, stored, address in HONORIFICS]


def honorific_before(tokens: list[Token], end: int) -> tuple[int, str, str]:
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


def honorific_tokens(tokens: list[Token]) -> set[int]:
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
