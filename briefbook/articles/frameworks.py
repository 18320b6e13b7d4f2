"""Partnerships and frameworks: the ones the library knows, named in the text by name,
short name or alias; and new ones the text names ("Action Plan ...", "... Initiative",
"... Partnership", "ASEM" ...)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .countries import country_of
from rapidfuzz import fuzz

from .matching import phrase_key, phrase_similarity
from .text import Sentence

# Acronyms of well-known frameworks (used only to name a new proposal).
KNOWN_ACRONYMS = {
    "ASEM": "Asia-Europe Meeting", "APEC": "Asia-Pacific Economic Cooperation",
    "RCEP": "Regional Comprehensive Economic Partnership", "LMC": "Lancang-Mekong Cooperation",
    "MLC": "Mekong-Lancang Cooperation", "BRI": "Belt and Road Initiative",
    "GDI": "Global Development Initiative", "GSI": "Global Security Initiative",
    "GCI": "Global Civilization Initiative", "ACFTA": "ASEAN-China Free Trade Area",
    "ARF": "ASEAN Regional Forum", "EAS": "East Asia Summit", "SCO": "Shanghai Cooperation Organisation",
    "AOIP": "ASEAN Outlook on the Indo-Pacific", "CMLV": "Cambodia-Laos-Myanmar-Vietnam cooperation",
    "CLMV": "Cambodia-Laos-Myanmar-Vietnam cooperation", "BRICS": "BRICS",
    "CCFTA": "China-Cambodia Free Trade Agreement", "MGC": "Mekong-Ganga Cooperation",
}
# Organisations, not frameworks: never proposed as a partnership on their own.
ORGANISATIONS = {"ASEAN", "EU", "UN", "WTO", "WHO", "IMF", "ADB", "AIIB", "NATO", "CPC", "NPC",
                 "SOM", "MFAIC", "MFA", "AKP", "UNESCO", "UNICEF", "UNDP", "CSP"}
ACRONYM_CASE = {"Asean": "ASEAN", "Asem": "ASEM"}

# A capitalised word (hyphenated compounds included: "ASEAN-China") or a year span.  The
# hyphen belongs to the word only, never also to the link: two ways to read "A-B" would make
# the pattern backtrack exponentially on a long hyphenated line.
_CAP = r"(?:[A-Z][\w’']*(?:-[\w’']+)*|\d{4}(?:[-–]\d{4})?)"
_LINK = r"(?:(?:\s+(?:and|of|for|on|the|with|a|in|to|&)){1,2}\s+|\s+)"
_TAILS = (r"(?:Comprehensive\s+)?(?:Strategic\s+)?(?:Cooperative\s+)?(?:Dialogue\s+)?Partnership"
          r"|Initiative|Community\s+(?:of|with\s+a)\s+Shared\s+Future|Free\s+Trade\s+(?:Agreement|Area)"
          r"|Cooperation\s+Framework|Framework\s+Agreement|Economic\s+Corridor|Corridor"
          r"|Cooperation\s+Mechanism|Development\s+Strategy|Vision\s+\d{4}")
FRAMEWORK_RX = re.compile(rf"(?:{_CAP}{_LINK})*?{_CAP}?\s*(?:{_TAILS})\b")
_TAIL_RX = re.compile(rf"(?:{_TAILS})\b")
_WORD_START = re.compile(r"(?<![\w’'\-])[A-Z\d]")
_NAME_REACH = 160          # a framework's name starts at most this far before its tail word


def framework_spans(text: str) -> list[tuple[int, int]]:
    """Spans of FRAMEWORK_RX matches, found from the tail words ("... Partnership") backwards
    within a bounded window, so a long line costs linear time."""
    spans: list[tuple[int, int]] = []
    last = 0
    for tail in _TAIL_RX.finditer(text):
        if tail.start() < last:
            continue
        lo = max(last, tail.start() - _NAME_REACH)
        starts = [m.start() for m in _WORD_START.finditer(text, lo, tail.start())]
        for start in [*starts, tail.start()]:
            if FRAMEWORK_RX.fullmatch(text, start, tail.end()):
                spans.append((start, tail.end()))
                last = tail.end()
                break
    return spans
ACTION_PLAN_RX = re.compile(
    rf"\b(?:Joint\s+)?Action\s+Plans?(?:\s+\(?\d{{4}}\s*[-–]\s*\d{{4}}\)?)?(?:\s+(?:on|for|to)"
    rf"(?:\s+(?:the|Implement(?:ing)?|Building|Build))*(?:{_LINK}{_CAP})+)?")
ACRONYM_USE_RX = re.compile(
    r"(?<![\w-])([A-Z][A-Za-z]{2,5})(\d{0,2})(?=\s+(?:Summits?|summits?|[Pp]artnership|"
    r"[Pp]rocess|[Ff]ramework|[Mm]echanism|[Pp]artners|member\s+states|[Mm]eeting|[Mm]inisterial))")
DEFINITION_RX = re.compile(r"\(([A-Z][A-Za-z\-]{1,9})\)")
GENERIC = {"comprehensive", "strategic", "cooperative", "partnership", "initiative", "dialogue",
           "the", "a", "and", "of", "new", "this", "that", "its", "their", "our", "global",
           "economic", "future", "shared", "community", "framework", "cooperation", "with",
           "for", "on", "building", "build", "enhanced", "closer", "stronger", "such", "an",
           "in", "to"}
_LEADING_NOISE = re.compile(r"^(?:(?:The|A|An|This|That|Under|Through|Within|Both|Its|Their|"
                            r"Our|His|Her|Building|On|In|Of|For|With|To)\s+)+")


@dataclass(slots=True)
class Framework:
    name: str
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    sentence: str = ""
    pos: int = 0
    known_id: str = ""            # an existing library partnership it is
    parties: list[str] = field(default_factory=list)


def _form_regex(form: str) -> re.Pattern:
    words = re.split(r"[\s\-–—]+", form.strip())
    body = r"[\s\-–—]+".join(re.escape(w) for w in words if w)
    acronym = len(words) == 1 and form.isupper() and len(form) <= 6
    if acronym:
        variants = {form, form.capitalize()} if len(form) >= 4 else {form}
        body = "|".join(re.escape(v) for v in sorted(variants))
        return re.compile(rf"(?<![\w-])(?:{body})(?=\d{{0,2}}(?![\w]))")
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.I)


def find_known(index, text: str) -> dict[str, list[str]]:
    """Library partnerships named in *text*: id -> the forms found (as written)."""
    found: dict[str, list[str]] = {}
    if not index:
        return found
    text_key = f" {phrase_key(text)} "
    for entry in index.partnerships:
        for form, key in zip(entry.forms, entry.keys):
            acronym = form.isupper() and " " not in form and len(form) <= 6
            if acronym:
                if form not in text and form.capitalize() not in text:
                    continue
            elif not key or f" {key} " not in text_key:
                continue
            for m in _form_regex(form).finditer(text):
                found.setdefault(entry.id, [])
                if m.group() not in found[entry.id]:
                    found[entry.id].append(m.group())
    return found


def _fix_case(name: str) -> str:
    return re.sub(r"\b(Asean|Asem)\b", lambda m: ACRONYM_CASE[m.group()], name)


def _parties(name: str) -> list[str]:
    out = []
    for chunk in re.findall(r"[A-Z][\w’']*(?:-[A-Z][\w’']*)+", name):
        parts = chunk.split("-")
        if all(country_of(p) or p.upper() in ("ASEAN", "EU", "ASEM") for p in parts):
            out.extend(ACRONYM_CASE.get(p, country_of(p) or p) for p in parts)
    seen: list[str] = []
    for p in out:
        if p not in seen:
            seen.append(p)
    return seen


def _specific(name: str) -> bool:
    words = [w for w in re.split(r"[\s\-–]+", name.casefold()) if w]
    return len(words) >= 2 and any(w not in GENERIC and not w.isdigit() for w in words)


def find_frameworks(sentences: list[Sentence]) -> list[Framework]:
    """Frameworks named in the text, each once, in order of first mention."""
    found: list[Framework] = []

    def add(name: str, sentence: Sentence, pos: int, short: str = "", mention: str = "") -> None:
        name = _fix_case(re.sub(r"\s+", " ", name).strip(" ,.;:()"))
        name = _LEADING_NOISE.sub("", name)
        if not name:
            return
        for fw in found:
            if phrase_similarity(fw.name, name) >= 0.92 or (short and short == fw.short_name) or \
                    (fw.short_name and phrase_key(name) == phrase_key(fw.short_name)):
                if mention and mention not in fw.mentions:
                    fw.mentions.append(mention)
                if short and not fw.short_name:
                    fw.short_name = short
                if name != fw.name and len(name) > len(fw.name) and short:
                    fw.aliases.append(fw.name)
                    fw.name = name
                return
        found.append(Framework(name, short, [], [mention or name], sentence.text, pos,
                               parties=_parties(name)))

    for s in sentences:
        taken: list[tuple[int, int]] = []
        for m in ACTION_PLAN_RX.finditer(s.text):
            if len(m.group().split()) >= 3:
                taken.append(m.span())
                add(m.group(), s, s.start + m.start())
        for a, b in framework_spans(s.text):
            if any(a < e and st < b for st, e in taken):
                continue
            name = _LEADING_NOISE.sub("", s.text[a:b].strip())
            if not _specific(name):
                continue
            after = s.text[b:b + 12]
            d = DEFINITION_RX.match(after.lstrip())
            short = d.group(1) if d else ""
            add(name, s, s.start + a, short, s.text[a:b].strip())
        for m in ACRONYM_USE_RX.finditer(s.text):
            word = m.group(1)
            upper = word.upper()
            if upper in ORGANISATIONS or (not word.isupper() and upper not in KNOWN_ACRONYMS):
                continue
            if country_of(word):
                continue
            expansion = KNOWN_ACRONYMS.get(upper, upper)
            add(expansion, s, s.start + m.start(), upper, word)
        for m in DEFINITION_RX.finditer(s.text):
            short = m.group(1)
            if short.upper() in KNOWN_ACRONYMS and short.upper() not in ORGANISATIONS:
                add(KNOWN_ACRONYMS[short.upper()], s, s.start + m.start(), short.upper(), short)
        for m in re.finditer(r"(?<![\w-])([A-Z]{3,5})(?:\d{1,2})?(?![\w-])", s.text):
            upper = m.group(1)
            if upper in KNOWN_ACRONYMS and upper not in ORGANISATIONS:
                add(KNOWN_ACRONYMS[upper], s, s.start + m.start(), upper, m.group())
    # plain acronym mentions of frameworks already found ("BRI projects")
    for fw in found:
        if fw.short_name:
            rx = _form_regex(fw.short_name)
            for s in sentences:
                for m in rx.finditer(s.text):
                    if m.group() not in fw.mentions:
                        fw.mentions.append(m.group())
    return found


def match_known(index, frameworks: list[Framework], known: dict[str, list[str]]) -> None:
    """Mark frameworks that are library partnerships (by form or close name)."""
    if not index:
        return
    for fw in frameworks:
        best, best_score = "", 0.0
        candidates = [(c, phrase_key(c)) for c in (fw.name, fw.short_name, *fw.mentions) if c]
        for entry in index.partnerships:
            for form, key in zip(entry.forms, entry.keys):
                for candidate, ckey in candidates:
                    if candidate.isupper() and len(candidate) <= 6:
                        score = 1.0 if candidate == form else 0.0
                    elif not key or not ckey:
                        continue
                    elif key == ckey:
                        score = 1.0
                    else:
                        score = fuzz.token_sort_ratio(ckey, key) / 100
                        if len(key) > 12 and key in ckey:
                            score = max(score, 0.95)
                    if score > best_score:
                        best, best_score = entry.id, score
        if best_score >= 0.9:
            fw.known_id = best
            known.setdefault(best, [])
            for m in fw.mentions:
                if m not in known[best]:
                    known[best].append(m)
