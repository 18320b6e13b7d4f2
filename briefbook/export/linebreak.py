"""Where a line may break, for every script: ICU's line breaker with its Khmer dictionary.

Khmer (like Thai, Lao and Chinese) puts no spaces between words, so breaking
lines only at spaces cuts a long Khmer sentence inside a letter cluster.  ICU's
line break iterator (UAX #14 plus a dictionary for Khmer, Lao, Thai, Burmese,
and per-ideograph breaks for Chinese) knows where words end.  We use it through
``icu4py`` (MIT; wheels bundle ICU 78 and its data, nothing is fetched at run
time).  No reportlab or python-docx here: the PDF writer turns these segments
into break opportunities; a DOCX consumer (Word, LibreOffice) breaks Khmer
itself.
"""
from __future__ import annotations

from functools import lru_cache

from icu4py.breakers import CharacterBreaker, LineBreaker, WordBreaker

# Characters that only mark a break opportunity; they are removed from printed
# text (reportlab would turn them into visible spaces) after segmentation.
BREAK_HINTS = "\u200b"


def line_segments(text: str) -> list[str]:
    """*text* cut at every line-break opportunity.

    Each segment keeps its trailing spaces; ``"".join(line_segments(t)) == t``.
    A Khmer sentence comes back as its words: ``ក្រសួង|ការបរទេស|និង…``.
    """
    if not text:
        return []
    return _cached_segments(text) if len(text) < 400 else list(LineBreaker(text, "km"))


@lru_cache(maxsize=4096)
def _cached_segments(text: str) -> list[str]:
    return list(LineBreaker(text, "km"))


def clusters(text: str) -> list[str]:
    """Grapheme clusters (a Khmer consonant with its subscripts and vowels is one)."""
    if not text:
        return []
    return list(CharacterBreaker(text, "km"))


def khmer_words(text: str) -> list[str]:
    """Words of a Khmer text (ICU dictionary segmentation), spaces and punctuation dropped."""
    return [w for w in WordBreaker(text, "km") if w.strip() and any(c.isalnum() for c in w)]
