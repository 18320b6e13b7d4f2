"""Titles around a name: "Chinese Premier Li Keqiang", "KUNG Phoak, the Secretary of State
at ...", and the positions a title stands for."""
from __future__ import annotations

import re

from ..model import Position
from .countries import COUNTRY_RX, country_of
from .honorifics import HonorificChains
from .namewords import HEADS, titleish
from .text import Token
from .vocab import CONNECTORS, FUNCTION_CAPS, TITLE_HEADS

MAX_TITLE_TOKENS = 30        # a longer run of title words is a list, not one office

_APPOSITIVE_LEAD = {"the", "a", "an", "also", "who", "is", "outgoing", "incoming", "new", "newly",
                    "newly-appointed", "appointed", "visiting", "former", "then", "current",
                    "incumbent", "now"}


def positions_from_title(title: str) -> list[Position]:
    """'Secretary of State at the Ministry of X and the ASEAN SOM Leader of Cambodia' ->
    [Position('Secretary of State', 'Ministry of X'), Position('ASEAN SOM Leader of Cambodia')]."""
    out = []
    # "X and the Y", and "X and ASEAN SOM Leader" (a role in another body) are two positions;
    # "Deputy Prime Minister and Minister of ..." stays one, as the article gives it.
    for part in re.split(r",?\s+and\s+the\s+|;\s*|\s+and\s+(?=[A-Z]{2,}\b)", title):
        part = part.strip(" ,")
        if not part:
            continue
        m = re.match(r"^(.*?)\s+at\s+(?:the\s+)?(.+)$", part)
        if m and m.group(1):
            out.append(Position(m.group(1).strip(), m.group(2).strip()))
        else:
            out.append(Position(part))
    return out



def clean_title(text: str) -> tuple[str, str]:
    """('Chinese Premier', ...) -> ('Premier', 'China'); strips leading articles."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:-–")
    country = ""
    while True:
        m = re.match(r"^(?:the|a|an|also|and|who is|is|outgoing|incoming|newly|new|visiting|"
                     r"former|then|current|incumbent|now)\s+", text, re.I)
        if m:
            text = text[m.end():]
            continue
        # a leading country word or two: "Chinese Premier", "South Korean President"
        lead = next((m for m in (re.match(rf"^([A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-]*){{{n}}})"
                                          r"(?:'s|’s)?\s+(?=\S)", text) for n in range(4))
                     if m and country_of(m.group(1))), None)
        if lead and not re.match(r"^\w+\s+of\b", text):
            rest = text[lead.end():]
            if any(w.strip(",") in TITLE_HEADS for w in rest.split()):
                country = country or country_of(lead.group(1))
                text = rest
                continue
        break
    text = re.sub(r"\s+(?:and|of|the|at|for|to|on|in)$", "", text.strip(" ,;:-–"))
    if not country:
        # "Minister of Foreign Affairs of Malaysia", "Ambassador of Japan to ASEAN"
        for m in COUNTRY_RX.finditer(text):
            if re.search(r"\bof\s+$", text[:m.start()]):
                country = country_of(m.group(1))
                break
    return text, country


def title_backward(tokens: list[Token], end: int, sentence: str) -> tuple[int, str, str]:
    """A title phrase ending just before index *end*: (start index, title, country)."""
    i = end
    while i > 0 and end - i < MAX_TITLE_TOKENS and titleish(tokens[i - 1]):
        i -= 1
    # "Investment, Trade and Industry Minister": portfolios listed before the title head
    while i >= 2 and tokens[i - 1].text == "," and tokens[i - 2].is_word and \
            tokens[i - 2].is_cap and not country_of(tokens[i - 2].base) and \
            tokens[i - 2].base not in FUNCTION_CAPS and (i < 3 or not tokens[i - 3].is_cap) and \
            any(t.text == "and" for t in tokens[i:end]):
        i -= 2
    while i < end and (tokens[i].text in CONNECTORS or not tokens[i].is_word):
        i += 1
    if i >= end or not any(t.base.casefold() in HEADS for t in tokens[i:end]):
        return end, "", ""
    title, country = clean_title(sentence[tokens[i].start:tokens[end - 1].end])
    return i, title, country


# A title in lower case, as news agencies write it, filling a whole appositive:
# ", Cambodia's senior minister in charge of border affairs,", ", head of the Thai delegation,"
LOWER_TITLE = re.compile(
    r"(?:(?:the|a|an)\s+)?(?:(?P<country>[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*)?)(?:'s|’s)?\s+)?"
    r"(?:(?:senior|deputy|vice|acting|former|outgoing|incoming|new|chief|permanent|first|second|"
    r"assistant|under|special|foreign|prime|defence|defense|finance|trade|commerce|state)\s+){0,3}"
    r"(?:minister|secretary|ambassador|president|head|chairman|chairwoman|chairperson|chair|"
    r"spokesperson|spokesman|spokeswoman|director|director-general|governor|envoy|"
    r"representative|secretary-general|adviser|advisor|counsellor|consul|consul-general|"
    r"commissioner|leader|premier|speaker|mayor|chief|undersecretary)"
    r"(?:\s+(?:of|for|to|at|in|in\s+charge\s+of|attached\s+to)\s+[^,;:()\"“”]{1,80})?")


def _lower_title(tokens: list[Token], start: int, sentence: str) -> tuple[str, str]:
    rest = sentence[tokens[start].end:]
    cut = re.search(r"[,;:()]|\.(?:\s|$)", rest)
    segment = rest[:cut.start() if cut else len(rest)].strip()
    m = LOWER_TITLE.fullmatch(segment)
    if not m or len(segment.split()) > 16:
        return "", ""
    country = country_of(m.group("country") or "")
    if m.group("country") and not country:
        return "", ""                  # "X, Smith's adviser": not an office
    title = segment[m.end("country"):].strip() if m.group("country") else segment
    title = re.sub(r"^(?:'s|’s)?\s*(?:(?:the|a|an)\s+)?", "", title)
    return title, country


def title_forward(tokens: list[Token], start: int, sentence: str,
                  chains: HonorificChains) -> tuple[str, str]:
    """An appositive title after a name: ', the Secretary of State at ...'."""
    if start >= len(tokens) or tokens[start].text not in (",", "("):
        return "", ""
    if tokens[start].text == ",":
        lower = _lower_title(tokens, start, sentence)
        if lower[0][:1].islower():
            return lower
    i = start + 1
    first = i
    while i < len(tokens) and tokens[i].text.lower() in _APPOSITIVE_LEAD:
        i += 1
    j = i
    while j < len(tokens) and j - i < MAX_TITLE_TOKENS:
        tok = tokens[j]
        if tok.text in CONNECTORS or tok.text in ("’s", "'s", "-", "–"):
            j += 1
            continue
        if not tok.is_word or not tok.is_cap:
            break
        if chains.ends_at(j + 1):
            break
        j += 1
    phrase = tokens[i:j]
    if not phrase or not any(t.base.casefold() in HEADS for t in phrase):
        return "", ""
    # "Deputy Prime Minister, Minister of Foreign Affairs ...": a comma inside the title
    while j + 1 < len(tokens) and tokens[j].text == "," and titleish(tokens[j + 1]) and \
            tokens[j + 1].text not in CONNECTORS and j - i < 2 * MAX_TITLE_TOKENS:
        k = j + 1
        while k < len(tokens) and k - j < MAX_TITLE_TOKENS and (titleish(tokens[k]) or
                                   (tokens[k].is_cap and tokens[k].is_word and k > j + 1)):
            if chains.ends_at(k + 1):
                break
            k += 1
        if not any(t.base.casefold() in HEADS for t in tokens[j + 1:k]):
            break
        j = k
    # the appositive must close (comma, stop, bracket) or run into a verb
    title, country = clean_title(sentence[tokens[first].start:tokens[j - 1].end])
    return title, country
