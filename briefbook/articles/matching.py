"""Is this the same person / the same partnership?  Tolerant of case, accents,
word order, small spelling differences and a surname-only mention."""
from __future__ import annotations

import itertools
import re
import unicodedata

from rapidfuzz import fuzz


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").casefold()
    return re.sub(r"\s+", " ", text).strip()


def name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-'.,]+", fold(name)) if w]


def _word_match(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if min(len(a), len(b)) <= 3:
        return 0.0
    score = fuzz.ratio(a, b) / 100
    return score if score >= 0.8 else 0.0


def name_similarity(a: list[str], b: list[str]) -> float:
    """1.0 for the same words in any order; lower for spelling variants or a name that
    has one word more ("Sok Chenda" / "Sok Chenda Sophea"); 0 for different people."""
    a = [w for t in a for w in name_words(t)]
    b = [w for t in b for w in name_words(t)]
    if not a or not b:
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(long_) > 6:
        return 0.0
    best = 0.0
    for perm in itertools.permutations(long_, len(short)):
        scores = [_word_match(x, y) for x, y in zip(short, perm)]
        if all(scores):
            best = max(best, sum(scores) / len(scores))
    if not best:
        return 0.0
    if len(short) < len(long_):
        if len(short) < 2:
            return 0.0     # a single word is a surname-only mention, decided elsewhere
        best *= 0.9
    return best


def phrase_key(text: str) -> str:
    """'the ASEAN–China  Strategic Partnership' -> 'asean china strategic partnership'."""
    text = fold(text)
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"[\-–—/]+", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def phrase_similarity(a: str, b: str) -> float:
    ka, kb = phrase_key(a), phrase_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    return fuzz.token_sort_ratio(ka, kb) / 100


_TITLE_STOP = {"and", "of", "the", "at", "for", "to", "in", "on", "s", "people", "peoples",
               "republic", "kingdom", "state's"}
_SPELLING = {"councilor": "councillor", "counselor": "counsellor", "defense": "defence",
             "organization": "organisation", "vice-minister": "vice", "asean's": "asean"}


_RANKS = {"vice", "deputy", "assistant", "under", "acting", "former", "first", "second",
          "senior", "honorary", "undersecretary", "under-secretary"}


def title_words(title: str) -> set[str]:
    """Significant words of a title: no connectors, no country names, one spelling."""
    from .countries import country_of
    words = set()
    for word in phrase_key(title).split():
        word = _SPELLING.get(word, word)
        if word in _TITLE_STOP or country_of(word):
            continue
        words.add(word)
    return words


def titles_overlap(a: str, b: str) -> bool:
    """The same office said two ways: 'Premier' / 'Premier of the State Council',
    'Deputy Prime Minister and Foreign Minister' / 'Deputy Prime Minister and Minister of
    Foreign Affairs and International Cooperation', 'State Councilor' / 'State Councillor'."""
    ka, kb = phrase_key(a), phrase_key(b)
    if not (ka and kb):
        return False
    wa, wb = title_words(a), title_words(b)
    if (wa & _RANKS) != (wb & _RANKS):
        return False          # 'Vice Premier' is not 'Premier'
    if ka in kb or kb in ka:
        return True
    return bool(wa and wb) and (wa <= wb or wb <= wa)
