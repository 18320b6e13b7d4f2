"""Sentences and tokens of article text."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_SENTENCE_CHARS = 800      # a longer "sentence" is cut into pieces of at most this size

ABBREVIATIONS = {"h.e", "mr", "mrs", "ms", "dr", "prof", "st", "no", "gen", "lt", "col", "jan",
                 "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                 "u.s", "u.k", "u.n", "e.g", "i.e", "vs", "etc", "jr", "sr", "inc", "co", "ltd",
                 "h. e", "he", "messrs", "hon", "rev", "capt", "maj", "sgt", "adm", "mme", "ma", "amb",
                 "sec", "atty", "sen", "rep", "gov", "pres", "dept", "engr", "nos"}
_SPLIT = re.compile(r"[.!?](?:[\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
TOKEN_RX = re.compile(
    r"H\.\s?E\.|(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Mme|Dr|Prof|St|Gen|Lt|Col|Hon|Ma|Jr|Sr)\.|Dato'|"
    r"[A-Z]\.(?=\s+[A-Z][^\W\d_])|"                     # an initial: "Theresa P. Lazaro"
    r"[^\W_](?:[\w’'\-]*[^\W_])?|[^\w\s]")


@dataclass(slots=True)
class Sentence:
    text: str
    start: int           # offset in the article text
    paragraph: int       # index of the paragraph it belongs to


@dataclass(slots=True)
class Token:
    text: str
    start: int           # offset in the sentence
    end: int

    @property
    def base(self) -> str:
        """Without a possessive 's."""
        return re.sub(r"(?:'s|’s|s'|s’)$", lambda m: "s" if m.group().startswith("s") else "",
                      self.text) if len(self.text) > 3 else self.text

    @property
    def possessive(self) -> bool:
        return len(self.text) > 3 and bool(re.search(r"(?:'s|’s)$", self.text))

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


# Invisible characters that only hide or reorder text: bidi controls, zero-width spaces and
# joiners next to Latin letters (a joiner between Khmer or Thai letters is kept), soft hyphens.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff\u00ad\u180e]|(?<=[\x00-\u024f])[\u200c\u200d]+|"
                         r"[\u200c\u200d]+(?=[\x00-\u024f])")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean_chars(text: str) -> str:
    """*text* safe to analyse and to store: lone surrogates become U+FFFD, control
    characters a space, invisible bidi and zero-width characters are removed, and the
    result is NFC-normalised (so 'Sơn' typed two ways is one spelling)."""
    text = _SURROGATES.sub("\ufffd", text)
    text = _CONTROLS.sub(" ", _ZERO_WIDTH.sub("", _BIDI.sub("", text)))
    return unicodedata.normalize("NFC", text)


def _capped(start: int, piece: str) -> list[tuple[int, str]]:
    """A run-on "sentence" (no stops for pages) cut at spaces into pieces the analysis can
    handle in bounded time."""
    out = []
    while len(piece) > MAX_SENTENCE_CHARS:
        cut = piece.rfind(" ", MAX_SENTENCE_CHARS // 2, MAX_SENTENCE_CHARS)
        cut = cut if cut > 0 else MAX_SENTENCE_CHARS
        out.append((start, piece[:cut]))
        rest = piece[cut:]
        start += cut + (len(rest) - len(rest.lstrip()))
        piece = rest.lstrip()
    if piece:
        out.append((start, piece))
    return out


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; does not break after H.E., Mr., initials and the like."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SPLIT.finditer(paragraph):
        before = paragraph[max(start, m.start() - 40):m.start() + 1]
        last = re.search(r"([\w.]+)\.$", before.rstrip("\"”’)]"))
        word = last.group(1).lower() if last else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or \
                re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):    # initials: "Retno L.P. Marsudi"
            continue
        end = m.end()
        piece = paragraph[start:end].strip()
        if piece:
            out.extend(_capped(start, piece))
        start = end
    tail = paragraph[start:].strip()
    if tail:
        out.extend(_capped(start, tail))
    return out


def sentences_of(paragraphs: list[str]) -> list[Sentence]:
    out: list[Sentence] = []
    offset = 0
    for index, paragraph in enumerate(paragraphs):
        for start, text in split_sentences(paragraph):
            out.append(Sentence(text, offset + start, index))
        offset += len(paragraph) + 2
    return out


def tokens_of(sentence: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN_RX.finditer(sentence)]


def shorten(text: str, limit: int) -> str:
    """*text* cut at a word boundary to at most *limit* characters, with an ellipsis."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–")
    return cut + "…"
