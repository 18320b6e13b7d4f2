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


def titles_overlap(a: str, b: str) -> bool:
    """'Premier' and 'Premier of the State Council': one title contains the other."""
    ka, kb = phrase_key(a), phrase_key(b)
    return bool(ka and kb) and (ka in kb or kb in ka)
