"""Sentences and tokens of article text."""
from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = {"h.e", "mr", "mrs", "ms", "dr", "prof", "st", "no", "gen", "lt", "col", "jan",
                 "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                 "u.s", "u.k", "u.n", "e.g", "i.e", "vs", "etc", "jr", "sr", "inc", "co", "ltd",
                 "h. e", "he", "messrs", "hon", "rev", "capt", "maj", "sgt", "adm"}
_SPLIT = re.compile(r"[.!?](?:[\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
TOKEN_RX = re.compile(
    r"H\.\s?E\.|(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Lt|Col)\.|Dato'|"
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


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; does not break after H.E., Mr., initials and the like."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _SPLIT.finditer(paragraph):
        before = paragraph[start:m.start() + 1]
        last = re.search(r"([\w.]+)\.$", before.rstrip("\"”’)]"))
        word = last.group(1).lower() if last else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        end = m.end()
        piece = paragraph[start:end].strip()
        if piece:
            out.append((start, piece))
        start = end
    tail = paragraph[start:].strip()
    if tail:
        out.append((start, tail))
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
