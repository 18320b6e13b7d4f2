"""Is a token part of a person's name, or of a title?"""
from __future__ import annotations

import re

from .countries import country_of
from .text import Token
from .vocab import CONNECTORS, FUNCTION_CAPS, ORG_ACRONYMS, ORG_WORDS, TITLE_HEADS

STOP = {w.casefold() for w in TITLE_HEADS | ORG_WORDS | ORG_ACRONYMS | FUNCTION_CAPS}
HEADS = {w.casefold() for w in TITLE_HEADS}
# Second halves of hyphenated words that are not names: "ASEAN-led", "China-based".
COMPOUND_WORDS = {"based", "led", "level", "run", "owned", "born", "elect", "designate", "backed",
                  "funded", "style", "made", "speaking", "related", "era", "wide", "long", "day",
                  "year", "term", "old", "funded", "sponsored", "hosted", "chaired", "bound",
                  "centred", "centered", "oriented", "focused", "specific", "plus", "up", "in",
                  "out", "on", "off", "way", "ministerial", "general"}


_ROMAN = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII)")
_INITIALS = re.compile(r"(?:[A-Z]\.)+|Ma\.")


def is_initial(tok: Token) -> bool:
    """An initial or initials inside a name: 'P.' (Theresa P. Lazaro), 'L.P.', 'Ma.' (Maria)."""
    return bool(_INITIALS.fullmatch(tok.text))


def nameable(tok: Token, long_caps: bool = False) -> bool:
    """Can this token be a word of a person's name?  A word in capitals longer than five
    letters is an acronym unless *long_caps* (the caller checks the whole name)."""
    if not tok.is_word or not tok.is_cap:
        return False
    base = tok.base
    folded = base.casefold()
    if folded in STOP or country_of(base) or re.search(r"\d", base) or _ROMAN.fullmatch(base):
        return False
    if "-" in base:
        parts = base.split("-")
        # "Jae-myung", "Jong-un" are names; "ASEAN-led", "China-based", "Vice-President" not
        if any(part.casefold() in STOP or country_of(part) or part.casefold() in COMPOUND_WORDS
               or not part for part in parts) or not parts[0][:1].isupper():
            return False
    if len(base) == 1 or "." in base:
        return False
    if base.isupper() and len(base) > 5 and not long_caps:
        return False
    return True


def titleish(tok: Token) -> bool:
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
    return (base.casefold() in STOP or bool(country_of(base)) or bool(_ROMAN.fullmatch(base)) or
            ("-" in base and not nameable(tok)))
