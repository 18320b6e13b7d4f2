"""Find date phrases in article text and resolve them against the article's date.

Handles "on May 9, 2024", "9 May 2024", "14 to 17 September", "September
14-17, 2024", "30 September to 2 October", "May 2024", "2024-05-09", "on
Sunday", "from Thursday to Saturday", "yesterday" and "today".  A phrase
without a year, or naming only weekdays, needs the article's date: without
one it stays unresolved and the caller asks the user.  Deterministic,
regex-based, English only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import PartialDate

MONTHS = {m: i for i, names in enumerate(
    [(), ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
     ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
     ("october", "oct"), ("november", "nov"), ("december", "dec")]) for m in names}
WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}

_MON = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
        r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_D = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
# A year; Thai releases may give the Buddhist-era year ("B.E. 2569" = 2026), read as
# Common Era (years 2400-2700 are never Common Era dates in a press release).
_Y = r"(?:(?:B\.\s?E\.\s?)?(?:1[89]\d\d|2\d\d\d))"
BUDDHIST_ERA_OFFSET = 543
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TO = r"\s*(?:-|–|—|to|until|till|and|through)\s*"
_WDP = rf"(?:{_WD},?\s+(?:the\s+)?)?"   # "Thursday, May 9" / "Thursday the 9th ..."

PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(rx, re.I)) for name, rx in (
    # "on Monday (May 6)": the date in brackets is the one that counts
    ("m-d", rf"\b(?:on\s+)?{_WD}\s*\((?P<m>{_MON})\s+(?P<d>{_D})(?:,?\s+(?P<y>{_Y}))?\)"),
    ("d-m", rf"\b(?:on\s+)?{_WD}\s*\((?P<d>{_D})\s+(?P<m>{_MON})(?:,?\s+(?P<y>{_Y}))?\)"),
    ("iso", rf"\b(?P<y>{_Y})[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?![\d/.-]\d)"),
    # "23/11/2026", "23.11.2026": day first, as the region writes it
    ("num", rf"(?<![\d/.-])(?P<d>[0-3]?\d)(?P<sep>[/.-])(?P<m>[01]?\d)(?P=sep)(?P<y>{_Y})(?![\d/.-]\d)"),
    ("d-d-m", rf"\b{_WDP}(?P<d1>{_D}){_TO}{_WDP}(?P<d2>{_D})\s+(?:of\s+)?(?P<m>{_MON})"
              rf"(?:,?\s+(?P<y>{_Y}))?\b"),
    ("d-m-d-m", rf"\b{_WDP}(?P<d1>{_D})\s+(?:of\s+)?(?P<m1>{_MON}){_TO}{_WDP}(?P<d2>{_D})\s+"
                rf"(?:of\s+)?(?P<m2>{_MON})(?:,?\s+(?P<y>{_Y}))?\b"),
    ("m-d-m-d", rf"\b{_WDP}(?P<m1>{_MON})\s+(?P<d1>{_D}){_TO}{_WDP}(?P<m2>{_MON})\s+(?P<d2>{_D})"
                rf"(?:,?\s+(?P<y>{_Y}))?\b"),
    ("m-d-d", rf"\b{_WDP}(?P<m>{_MON})\s+(?P<d1>{_D}){_TO}(?P<d2>{_D})(?:,?\s+(?P<y>{_Y}))?\b"),
    ("d-m", rf"\b{_WDP}(?P<d>{_D})\s+(?:of\s+)?(?P<m>{_MON})(?:,?\s+(?P<y>{_Y}))?\b"),
    ("m-d", rf"\b{_WDP}(?P<m>{_MON})\s+(?P<d>{_D})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_Y}))?(?!\d)"),
    ("m-y", rf"\b(?:in\s+|since\s+|last\s+|early\s+|late\s+|mid-?)?(?P<m>{_MON})\s+(?P<y>{_Y})\b"),
    ("wd-wd", rf"\b(?:from\s+|between\s+)?(?P<w1>{_WD}){_TO}(?P<w2>{_WD})\b"),
    ("wd", rf"\b(?:(?P<rel>last|this|next|on|early|late)\s+)?(?P<w>{_WD})"
           rf"(?:\s+(?:morning|afternoon|evening|night))?\b"),
    ("rel", r"\b(?P<r>yesterday|today|tomorrow|tonight|this (?:morning|afternoon|evening))\b"),
)]

FUTURE = re.compile(r"\b(will|shall|is to|are to|to be held|is scheduled|are scheduled|"
                    r"scheduled|upcoming|next|plans? to|is set to|are set to|going to|"
                    r"is expected to|are expected to|would)\b", re.I)


@dataclass(slots=True)
class DateMention:
    """One date phrase as found; ``start``/``end`` are filled when it could be resolved."""

    text: str
    pos: int                       # character offset in the text it was found in
    kind: str                      # the pattern's name
    start: PartialDate | None = None
    end: PartialDate | None = None
    needs_year: bool = False       # month/day known, the year is not
    needs_anchor: bool = False     # weekday or relative word: needs the article's date
    future: bool = False           # the sentence speaks of something to come
    parts: tuple = ()              # what was read: (m1, d1, m2, d2) or (w1, w2) / (rel,)
    note: str = ""                 # how an unusual form was read ("B.E. 2569", "05/06/2026")

    @property
    def resolved(self) -> bool:
        return self.start is not None and not self.needs_year and not self.needs_anchor

    @property
    def is_range(self) -> bool:
        return self.end is not None and self.end != self.start


_MONTH_NAMES = ["", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]


def _year(text: str, mention: DateMention) -> int:
    year = int(re.search(r"\d{4}", text).group())
    if year >= 2400:
        mention.note = f"Buddhist-era year {year} read as {year - BUDDHIST_ERA_OFFSET}"
        year -= BUDDHIST_ERA_OFFSET
    return year


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _safe(y: int, m: int, d: int | None = None) -> PartialDate | None:
    try:
        return PartialDate(y, m, d)
    except Exception:
        return None


def find_dates(text: str, sentence: str | None = None) -> list[DateMention]:
    """Every date phrase in *text*, longest match first, no overlaps, in text order."""
    covered = bytearray(len(text))        # characters already part of a longer phrase
    found: list[DateMention] = []
    for kind, rx in PATTERNS:
        for m in rx.finditer(text):
            a, b = m.span()
            if any(covered[a:b]):
                continue
            mention = _mention(kind, m)
            if mention is None:
                continue
            covered[a:b] = b"\x01" * (b - a)
            found.append(mention)
    found.sort(key=lambda d: d.pos)
    return found


def _mention(kind: str, m: re.Match) -> DateMention | None:
    g = m.groupdict()
    text = m.group().strip()
    mention = DateMention(text, m.start(), kind)
    year = _year(g["y"], mention) if g.get("y") else None
    if kind in ("iso", "num"):
        mention.start = _safe(year, int(g["m"]), int(g["d"]))
        if kind == "num" and mention.start and int(g["m"]) <= 12 and int(g["d"]) <= 12 and \
                g["m"] != g["d"]:
            mention.note = (f"{text!r} read day first, as "
                            f"{mention.start.first_day()[2]} {_MONTH_NAMES[int(g['m'])]}")
        return mention if mention.start else None
    if kind in ("d-d-m", "m-d-d"):
        m1 = m2 = _month(g["m"])
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        if not (1 <= d1 <= 31 and 1 <= d2 <= 31) or d2 < d1:
            return None
    elif kind in ("d-m-d-m", "m-d-m-d"):
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        d1, d2 = _day(g["d1"]), _day(g["d2"])
    elif kind in ("d-m", "m-d"):
        m1 = m2 = _month(g["m"])
        d1 = d2 = _day(g["d"])
        if kind == "m-d" and g["m"].lower().startswith("may") and not year and \
                not re.search(r"\d", text[3:]):
            return None
        if not 1 <= d1 <= 31:
            return None
    elif kind == "m-y":
        mention.start = _safe(year, _month(g["m"]))
        mention.parts = (_month(g["m"]),)
        return mention if mention.start else None
    elif kind == "wd-wd":
        mention.parts = (WEEKDAYS[g["w1"].lower()], WEEKDAYS[g["w2"].lower()])
        mention.needs_anchor = True
        return mention
    elif kind == "wd":
        mention.parts = (WEEKDAYS[g["w"].lower()], (g.get("rel") or "").lower())
        mention.needs_anchor = True
        return mention
    elif kind == "rel":
        mention.parts = (g["r"].lower(),)
        mention.needs_anchor = True
        return mention
    else:  # pragma: no cover - every pattern is handled above
        return None
    mention.parts = (m1, d1, m2, d2)
    if year is None:
        mention.needs_year = True
        return mention
    # "30 December to 2 January 2025": the start is in the year before.
    y1 = year - 1 if (m1, d1) > (m2, d2) else year
    mention.start, mention.end = _safe(y1, m1, d1), _safe(year, m2, d2)
    if mention.start is None or mention.end is None:
        return None
    if mention.end == mention.start:
        mention.end = None
    return mention


def _on_or_before(anchor: date, weekday: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _on_or_after(anchor: date, weekday: int) -> date:
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)


def resolve(mention: DateMention, article_date: date | None) -> DateMention:
    """Fill ``start``/``end`` of *mention* using *article_date* (in place; returns it)."""
    if mention.resolved or article_date is None:
        return mention
    if mention.needs_year:
        m1, d1, m2, d2 = mention.parts
        best = None
        for year in (article_date.year - 1, article_date.year, article_date.year + 1):
            y1 = year - 1 if (m1, d1) > (m2, d2) else year
            start, end = _safe(y1, m1, d1), _safe(year, m2, d2)
            if start is None or end is None:
                continue
            first = date(*start.first_day())
            # Past-tense reports look back, announcements look ahead.
            delta = (first - article_date).days
            cost = abs(delta) + (60 if (delta > 0 and not mention.future) or
                                 (delta < -7 and mention.future) else 0)
            if best is None or cost < best[0]:
                best = (cost, start, end)
        if best is None:
            return mention
        _, mention.start, mention.end = best
        if mention.end == mention.start:
            mention.end = None
        mention.needs_year = False
        return mention
    if mention.kind == "rel":
        word = mention.parts[0]
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        day = article_date + timedelta(days=offset)
        mention.start = PartialDate(day.year, day.month, day.day)
    elif mention.kind == "wd":
        weekday, rel = mention.parts
        if rel == "next" or (mention.future and rel != "last"):
            day = _on_or_after(article_date + timedelta(days=1 if rel == "next" else 0), weekday)
        elif rel == "last" and article_date.weekday() == weekday:
            day = article_date - timedelta(days=7)
        else:
            day = _on_or_before(article_date, weekday)
        mention.start = PartialDate(day.year, day.month, day.day)
    elif mention.kind == "wd-wd":
        w1, w2 = mention.parts
        length = (w2 - w1) % 7
        if mention.future:
            first = _on_or_after(article_date, w1)
        else:
            first = _on_or_before(article_date, w1)
        last = first + timedelta(days=length)
        mention.start = PartialDate(first.year, first.month, first.day)
        mention.end = PartialDate(last.year, last.month, last.day)
    mention.needs_anchor = False
    return mention


def parse_article_date(text: str) -> date | None:
    """A full date out of metadata or a dateline ('2024-05-09T08:00+07:00', 'May 9, 2024')."""
    if not text:
        return None
    for mention in find_dates(text):
        if mention.resolved and mention.start.precision == "day":
            return date(*mention.start.first_day())
    return None
