"""What the article's main event is: its date phrase, kind, place, title and summary."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .countries import country_of
from .datephrases import FUTURE, DateMention, find_dates
from .text import Sentence, shorten

EVENT_WORDS = re.compile(
    r"\b(met|meet|meets|meeting|talks|dialogue|discussion|discussions|visit|visits|visited|"
    r"visiting|held|hold|holds|took place|takes place|summit|consultation|conference|forum|"
    r"call|calls|received|receives|hosted|attended|attends|signed|signing|co-chaired|chaired|"
    r"paid|pays|arrived|courtesy|agreed|agree|agrees|co-chair|co-chairs|witnessed)\b", re.I)
REPORTING = re.compile(r"\b(said|says|told|stated|noted|added|announced|issued|published|"
                       r"posted|wrote|reported|according|released|statement)\b[^.;]{0,25}$", re.I)
KIND_RULES: list[tuple[str, re.Pattern]] = [
    ("state visit", re.compile(r"\bstate visit\b", re.I)),
    ("official visit", re.compile(r"\b(official|working|goodwill) visit\b|\bvisit(?:ed|ing|s)? to\b|"
                                  r"\bpaid a visit\b|\bpays? a visit\b", re.I)),
    ("call", re.compile(r"\b(phone|telephone|video) (call|conversation|talks)\b|\bvideo ?conference\b|"
                        r"\bvirtual (meeting|talks)\b|\bheld talks by (phone|video)\b|\bspoke by phone\b",
                        re.I)),
    ("signing", re.compile(r"\bsigning ceremony\b|\bsigned (an?|the) (MoU|memorandum|agreement)|"
                           r"\bsigned\s+(?:\w+\s+){0,3}(?:agreements|MoUs|memoranda|documents)\b",
                           re.I)),
    ("ministerial meeting", re.compile(r"\bministers?[’']? (?:meeting|retreat)\b|"
                                       r"\bministerial (?:meeting|retreat)\b", re.I)),
    ("summit", re.compile(r"\b(attend(?:ed|s|ing)?|at|chair(?:ed|s)?|host(?:ed|s)?)\s+the\s+"
                          r"[^.,;]{0,60}\bSummit\b|\bSummits?\b[^.;]{0,40}\b(?:was|were|is|are|"
                          r"will be)\s+(?:held|convened|opened|hosted)", re.I)),
    ("consultation", re.compile(r"\b(attend(?:ed|s|ing)?|co-chair(?:ed|s)?|chair(?:ed|s)?)\s+the\s+"
                                r"[^.,;]{0,60}\bConsultations?\b", re.I)),
    ("conference", re.compile(r"\b(attend(?:ed|s|ing)?|address(?:ed|es)?|at)\s+the\s+[^.,;]{0,60}"
                              r"\b(Conference|Forum)\b", re.I)),
    ("bilateral meeting", re.compile(r"\b(met|meet|meets|meeting|talks|dialogue|discussions?|"
                                     r"courtesy call|bilateral|received|receives)\b", re.I)),
]
_PLACE = r"(?:the\s+)?(?P<place>[A-Z][\w’'\-]*(?:(?:\s+|\s+of\s+(?:the\s+)?|\s+de\s+)[A-Z][\w’'\-]*){0,6})"
LOCATION_RULES = [
    re.compile(rf"\b(?i:took place|takes place|was held|were held|will be held|is being held|"
               rf"are being held|held|hosted|convened|was convened|meetings?|met|talks|dialogue|"
               rf"arrived|signed|received|receives|courtesy call|summit|conference|forum|"
               rf"consultations?)\b[^.;]{{0,240}}?\b(?:at|in)\s+{_PLACE}"),
    re.compile(rf"\b(?i:visit(?:ed|ing|s)?)\s+(?:to\s+)?{_PLACE}"),
    re.compile(rf"^(?:At|In)\s+{_PLACE},"),
]
_NOT_PLACES = re.compile(r"^(?:January|February|March|April|May|June|July|August|September|"
                         r"October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|"
                         r"Saturday|Sunday|His|Her|Their|The|This|That|Excellency|Premier|"
                         r"President|Prime|Minister|Vice|Deputy|State|Secretary|General)\b")
SIDELINES = re.compile(r"\b(?:on|at) the sidelines? of\b|\bsideline (?:discussions|meeting)s? of\b",
                       re.I)
OUTCOME_RX = re.compile(r"\b(agreed|agree|signed|pledged|reaffirmed|committed|resolved|"
                        r"expressed (?:their|his|her|great|full|the)|will continue|will provide|"
                        r"shared the view|underscored|stressed)\b", re.I)


@dataclass(slots=True)
class EventFacts:
    sentence: Sentence | None = None
    date: DateMention | None = None
    dates: list[DateMention] = field(default_factory=list)
    kind: str = "other"
    location: str = ""
    named_event: str = ""     # "30th ASEAN-China Senior Officials' Consultation"
    sideline_of: str = ""
    summary: str = ""
    outcomes: list[str] = field(default_factory=list)


_CLAUSE_BREAK = re.compile(r"[,;:(]|\s(?:during|while|where|which|when|after|before|following|"
                           r"as part of|amid)\s", re.I)


def kind_of(text: str) -> str:
    return next((kind for kind, rx in KIND_RULES if rx.search(text)), "")


def clause_around(text: str, start: int, end: int) -> str:
    """The clause of *text* holding the span: 'held talks with X on Nov 22 in Vientiane' of
    '..., during the latter's official visit from Nov 21-23'."""
    breaks = [m for m in _CLAUSE_BREAK.finditer(text) if not start <= m.start() < end]
    left = max((m.end() for m in breaks if m.end() <= start), default=0)
    right = min((m.start() for m in breaks if m.start() >= end), default=len(text))
    return text[left:right]


MAX_DATE_MENTIONS = 400      # per article; a press release has a handful


def _mentions_with_context(sentences: list[Sentence], headline_kind: str = ""
                           ) -> list[tuple[float, DateMention, Sentence]]:
    scored = []
    for index, s in enumerate(sentences):
        mentions = find_dates(s.text)
        if not mentions:
            continue
        future = bool(FUTURE.search(s.text))
        eventful = bool(EVENT_WORDS.search(s.text))
        for mention in mentions:
            if len(scored) >= MAX_DATE_MENTIONS:
                return scored
            if mention.kind == "m-y" and re.match(r"(?i)since|last", mention.text):
                continue
            mention.future = future
            before = s.text[max(0, mention.pos - 60):mention.pos]
            score = 0.0
            if eventful:
                score += 3
            reporting = REPORTING.search(before)
            if reporting and not EVENT_WORDS.search(before[reporting.start():]):
                continue          # "the ministry said on Sunday": when it was said, not done
            if reporting:
                score -= 4
            if mention.is_range or mention.kind == "wd-wd":
                score += 1
            if future:
                score -= 1
            if mention.kind == "m-y":
                score -= 1
            if index == 0:
                score += 1.5      # a news story leads with its event
            if headline_kind and kind_of(clause_around(
                    s.text, mention.pos, mention.pos + len(mention.text))) == headline_kind:
                score += 2        # the clause is about what the headline announces
            score -= index * 0.2
            scored.append((score, mention, s))
    return scored


# Dots that end no clause: "H.E.", "Mr.", initials; masked (same length) before places are sought.
_ABBREVIATION_DOT = re.compile(r"(?<=\b[A-Z])\.|(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.|"
                               r"(?<=\bDr)\.|(?<=\bMme)\.|(?<=\bMa)\.|(?<=\bSt)\.|(?<=\bNo)\.")
_PLACE_ENDS = re.compile(r"\s*(?:$|[.,;:)]|\s(?:on|from|in|at|to|during|for|with|this|last|next|"
                         r"between|since|until)\b)")


def _place_of(sentence: str) -> str:
    masked = _ABBREVIATION_DOT.sub(" ", sentence)
    for rule in LOCATION_RULES:
        for m in rule.finditer(masked):
            place = sentence[m.start("place"):m.end("place")].strip()
            rest = sentence[m.end():]
            # "at the Peace Palace in Phnom Penh", "in Vientiane, Lao PDR" (not "in Tokyo,
            # Iwaya and Lazaro ...": a place part ends its clause)
            more = re.match(r"(?:,\s+|\s+in\s+)(?P<more>[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})",
                            rest)
            if more and not _PLACE_ENDS.match(rest[more.end():]):
                more = None
            if more and not _NOT_PLACES.match(more.group("more")) and (
                    country_of(more.group("more")) or rest.lstrip().startswith("in ") or
                    more.group("more").isupper() or len(more.group("more").split()) <= 2):
                if not re.match(r"(?:On|In|At|During|Both)\b", more.group("more")):
                    place = f"{place}, {more.group('more')}"
            place = re.sub(r"(?:'s|’s)$", "", place)
            if not place or _NOT_PLACES.match(place) or re.match(r"^\d", place):
                continue
            # "in Phnom Penh on Friday" -> keep the name only
            place = re.sub(r"\s+(?:On|In|At|From)$", "", place)
            # "the Kingdom of Cambodia" -> "Cambodia"
            return country_of(place) or place
    return ""


def find_event(sentences: list[Sentence], dateline_place: str = "",
               headline: str = "") -> EventFacts:
    facts = EventFacts()
    headline_kind = kind_of(headline)
    scored = _mentions_with_context(sentences, headline_kind)
    facts.dates = [m for _, m, _ in scored]
    if scored:
        best = max(scored, key=lambda t: t[0])
        facts.date, facts.sentence = best[1], best[2]
    elif sentences:
        facts.sentence = next((s for s in sentences if EVENT_WORDS.search(s.text)), sentences[0])
    if facts.sentence is None:
        return facts
    idx = sentences.index(facts.sentence)
    nearby = [facts.sentence] + [s for s in sentences[max(0, idx - 2):idx + 4]
                                 if s is not facts.sentence] + sentences[:6]
    # kind
    main = facts.sentence.text
    side = SIDELINES.search(" ".join(s.text for s in nearby[:4]))
    clause = clause_around(main, facts.date.pos, facts.date.pos + len(facts.date.text)) \
        if facts.date else ""
    in_main = [kind for kind, rx in KIND_RULES if rx.search(main)]
    # "held talks with X, who is on an official visit": the headline says which one it is
    found = kind_of(clause) or (headline_kind if headline_kind in in_main else "") or \
        (in_main[0] if in_main else "")
    if found:
        facts.kind = found
    else:
        for s in nearby[1:4]:
            hit = next((kind for kind, rx in KIND_RULES if rx.search(s.text)), None)
            if hit:
                facts.kind = hit
                break
    if side and facts.kind in ("consultation", "summit", "conference", "ministerial meeting",
                               "other"):
        facts.kind = "bilateral meeting"
    named = re.compile(r"(?:\b\d{1,3}(?:st|nd|rd|th)\s+)?(?:[A-Z][\w’'\-]*\s+){1,6}"
                       r"(?:Summit|Consultation|Conference|Forum|Meeting|Dialogue|Retreat)s?\b")
    for s in nearby:
        m = named.search(s.text)
        name = re.sub(r"^(?:The|This|That|A|An|Its|Their)\s+", "", m.group().strip()) if m else ""
        if len(name.split()) >= 2:
            facts.named_event = name
            if side:
                facts.sideline_of = facts.named_event
            break
    # location
    for s in nearby:
        place = _place_of(s.text)
        if place:
            facts.location = place
            break
    if not facts.location and dateline_place:
        facts.location = dateline_place.title() if dateline_place.isupper() else dateline_place
    # summary and outcomes
    # summary: the lead paragraph, and the event's own sentence when it comes later
    first = sentences[0].paragraph
    lead = [s for s in sentences if s.paragraph == first][:3]
    if facts.sentence not in lead:
        lead.append(facts.sentence)
    facts.summary = shorten(" ".join(s.text for s in lead), 900)
    for s in sentences:
        if OUTCOME_RX.search(s.text) and not FUTURE.search(s.text[:0]) and len(facts.outcomes) < 6:
            facts.outcomes.append(shorten(s.text, 400))
    return facts


def country_place(place: str) -> str:
    return country_of(place)
