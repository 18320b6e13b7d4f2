"""Is a token part of a person's name, or of a title?"""
from __future__ import annotations

import re

from .countries import country_of
from .text import Token
from .vocab import CONNECTORS, FUNCTION_CAPS, ORG_ACRONYMS, ORG_WORDS, TITLE_HEADS

STOP = {w.casefold() for w in TITLE_HEADS | ORG_WORDS | ORG_ACRONYMS | FUNCTION_CAPS}
HEADS = {w.casefold() for w in TITLE_HEADS}


def nameable(tok: Token) -> bool:
    if not tok.is_word or not tok.is_cap:
        return False
    base = tok.base
    folded = base.casefold()
    if folded in STOP or country_of(base) or re.search(r"\d", base):
        return False
    if "-" in base and any(part.casefold() in STOP or country_of(part) or not part[:1].isupper()
                           for part in base.split("-")):
        return False
    if len(base) == 1 or "." in base:
        return False
    if base.isupper() and len(base) > 5:
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
    return (base.casefold() in STOP or bool(country_of(base)) or
            ("-" in base and not nameable(tok)))
