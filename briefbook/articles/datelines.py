"""Where a release says who issued it, where and when: the wire dateline of its first
paragraph, the letterhead above it and the sign-off block below it.

* datelines: "JAKARTA, May 9 (Xinhua) --", "Phnom Penh (VNA) –", "(KPL) Vientiane,
  23/11/2026 --", "TOKYO, Jan. 15 Kyodo -", "JAKARTA, 23rd November 2026 –", "PUTRAJAYA:";
* letterheads: "KINGDOM OF CAMBODIA", "NATION RELIGION KING", "MINISTRY OF FOREIGN AFFAIRS
  ...", "JOINT PRESS STATEMENT" + "ON THE OFFICIAL VISIT OF ..." (one title in two lines);
* sign-offs: "MINISTRY OF FOREIGN AFFAIRS / SINGAPORE / 12 MARCH 2026", "Department of
  Information / Ministry of Foreign Affairs of the Kingdom of Thailand", "Phnom Penh,
  23/11/2026", "Kyodo News", ". . . . .", "END".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .countries import country_of
from .vocab import ORG_ACRONYMS

AGENCIES = ("Xinhua", "Kyodo News", "Kyodo", "VNA", "KPL", "AKP", "Bernama", "Antara", "PNA",
            "Reuters", "AFP", "AP", "Yonhap", "TASS", "MNA", "Vietnam News Agency",
            "Agence Kampuchea Presse", "Lao News Agency", "Philippine News Agency")
_AGENCY_ALT = "|".join(re.escape(a) for a in AGENCIES)
_DL_DATE = (r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
            r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+"
            r"[A-Z][a-z]{2,8}\.?)(?:,?\s+\d{4})?|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d{2}-\d{2}")
DATELINE = re.compile(
    rf"^(?:\((?P<agency0>[A-Z][\w .&\-]{{1,30}})\)\s*)?"
    rf"(?P<place>[A-Z][A-Za-z .'\-]{{1,40}}?)"
    rf"(?:\s*,\s*(?P<date>{_DL_DATE}))?"
    rf"(?:\s*\((?P<agency>[^()]{{2,40}})\)|\s+(?P<agency2>{_AGENCY_ALT}))?"
    rf"\s*(?P<sep>--|—|–|-|:)\s+(?=\S)")

MOTTO = re.compile(r"^(?:nation\W+religion\W+king|independence\W+freedom\W+happiness|peace\W+"
                   r"independence\W+democracy\W+unity\W+prosperity)\W*$", re.I)
ORG_LINE = re.compile(
    r"^(?:the\s+)?(?:royal\s+)?(?:embassy|ministry|department|office|permanent\s+mission|"
    r"consulate|secretariat|government|press\s+(?:and|&)\s+quick\s+reaction\s+unit|"
    r"spokesperson|information\s+department|press\s+office|public\s+affairs|asean\s+"
    r"secretariat|protocol)\b", re.I)
DOC_LABEL = re.compile(r"^(?:joint\s+)?(?:(?:press|media|news)\s+(?:release|statement|"
                       r"communiqu[eé])|statement|communiqu[eé]|for\s+immediate\s+release|"
                       r"press\s+briefing|information\s+note)\W*$", re.I)
_CONTINUES = re.compile(r"^(?:on|of|between|for|to|and|regarding|concerning|by|at|with|"
                        r"following)\b", re.I)
SEPARATOR = re.compile(r"^(?:[\W_]+|-*\s*(?:end|ends|enditem)\s*-*\.?|\(end\))$", re.I)
AGENCY_LINE = re.compile(rf"^(?:{_AGENCY_ALT})\.?$")
TRAILING_MARK = re.compile(rf"(?<=[.!?\"”’])\s+(?:Enditem|-?END-?|\(END\)|{_AGENCY_ALT})\.?$")
PLACE_DATE = re.compile(r"^(?:[A-Z][A-Za-z .'\-]{1,40},\s*)?(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?"
                        r"\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|"
                        r"\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d{2}-\d{2}))\.?$")
_SMALL = {"of", "and", "the", "for", "to", "in", "on", "at", "by", "with", "between", "a", "an"}
_KEEP = {w.upper() for w in ORG_ACRONYMS} | {"PDR", "ASEAN", "MFAIC", "H.E.", "H.M.", "II",
                                             "III", "IV", "MOU", "ASEM", "ACMECS"}


@dataclass(slots=True)
class Dateline:
    place: str
    date: str
    agency: str
    end: int


def dateline_of(paragraph: str) -> Dateline | None:
    m = DATELINE.match(paragraph)
    if not m:
        return None
    place = m.group("place").strip()
    agency = (m.group("agency0") or m.group("agency") or m.group("agency2") or "").strip()
    date = (m.group("date") or "").strip()
    if not (date or agency or (place.isupper() and len(place) >= 3)):
        return None
    if agency and not (agency in AGENCIES or agency.isupper() or len(agency.split()) <= 3):
        return None
    return Dateline(place, date, agency, m.end())


def title_case_caps(text: str) -> str:
    """'ON THE OFFICIAL VISIT OF H.E. MR. BUI THANH SON' -> 'On the Official Visit of H.E. Mr.
    Bui Thanh Son'; acronyms (ASEAN, PDR) stay in capitals."""
    def word(w: str, first: bool) -> str:
        core = w.strip("()[],;:\"“”")
        if core.upper() in _KEEP or re.fullmatch(r"(?:[A-Z]\.){2,}", core):
            return w
        if not first and w.lower() in _SMALL:
            return w.lower()
        return "-".join(p if p.upper() in _KEEP else p[:1].upper() + p[1:].lower()
                        for p in w.split("-"))
    return " ".join(word(w, i == 0) for i, w in enumerate(text.split()))


def _is_country_line(p: str) -> bool:
    return bool(country_of(re.sub(r"^(?:the\s+)?", "", p.strip(" ."), flags=re.I)))


def _short_line(p: str) -> bool:
    return len(p) <= 130 and len(p.split()) <= 16 and not p.rstrip().endswith((".", "?", "!", ","))


@dataclass(slots=True)
class Letterhead:
    consumed: int = 0
    publisher: str = ""
    title: str = ""
    dropped: list[str] = field(default_factory=list)


def _publisher(orgs: list[str], country: str) -> str:
    names = [title_case_caps(o) if o.isupper() else o for o in orgs]
    if country and not any(country.casefold() in n.casefold() for n in names):
        names.append(title_case_caps(country) if country.isupper() else country)
    return ", ".join(names)


def read_letterhead(paragraphs: list[str]) -> Letterhead:
    """The letterhead lines at the top of a release (state, motto, ministry, document label)
    and a title split over several lines in capitals."""
    head = Letterhead()
    orgs: list[str] = []
    country = ""
    title: list[str] = []
    for p in paragraphs[:8]:
        p = p.strip()
        caps = p.isupper()
        if title and caps and (_CONTINUES.match(p) or _CONTINUES.search(title[-1].split()[-1])):
            title.append(p)
        elif len(p) > 130 or not p:
            break
        elif MOTTO.match(p):
            pass
        elif _short_line(p) and _is_country_line(p) and not title:
            country = country or p
        elif _short_line(p) and caps and ORG_LINE.match(p) and not title:
            orgs.append(p)
        elif _short_line(p) and DOC_LABEL.match(p) and not title:
            title.append(p)
        else:
            break
        head.consumed += 1
        head.dropped.append(p)
    if len(title) == 1 and DOC_LABEL.match(title[0]):
        title = []               # "PRESS RELEASE" alone names no story
    head.title = title_case_caps(" ".join(title)) if title else ""
    if head.title:
        head.dropped = [p for p in head.dropped if p not in title]
    head.publisher = _publisher(orgs, country) if orgs else ""
    return head


@dataclass(slots=True)
class SignOff:
    consumed: int = 0
    publisher: str = ""
    date: str = ""
    dropped: list[str] = field(default_factory=list)


def read_sign_off(paragraphs: list[str]) -> SignOff:
    """The block under a release: issuing office(s), country, place and date, end marks."""
    out = SignOff()
    orgs: list[str] = []
    country = agency = ""
    for p in reversed(paragraphs[-6:]):
        p = p.strip()
        date = PLACE_DATE.match(p)
        if date and len(p) <= 60:
            out.date = out.date or date.group("date")
        elif SEPARATOR.match(p) and len(p) <= 40:
            pass
        elif AGENCY_LINE.match(p):
            agency = agency or p.rstrip(".")
        elif _short_line(p) and _is_country_line(p) and not country:
            country = p
        elif _short_line(p) and (ORG_LINE.match(p) or re.match(r"^[A-Z][\w' ]{0,40}\b(?:Office|"
                                                                r"Department|Division|Unit)\b", p)):
            orgs.insert(0, p)
        else:
            break
        out.consumed += 1
        out.dropped.insert(0, p)
    if not (orgs or agency or out.date):
        # nobody signed: only end marks go (a country name alone may be the story's last line)
        ends = 0
        for p in reversed(paragraphs):
            if not (SEPARATOR.match(p.strip()) and len(p) <= 40):
                break
            ends += 1
        return SignOff(ends, dropped=paragraphs[len(paragraphs) - ends:] if ends else [])
    out.publisher = _publisher(orgs, country) if orgs else agency
    return out


def strip_trailing_mark(paragraph: str) -> tuple[str, str]:
    """'... on December 6. VNA' -> ('... on December 6.', 'VNA')."""
    m = TRAILING_MARK.search(paragraph)
    if not m:
        return paragraph, ""
    mark = m.group().strip(" .")
    return paragraph[:m.start()].rstrip(), "" if re.search(r"end", mark, re.I) else mark
