"""Strip web-page furniture from an article and keep what it says about itself.

Menus, breadcrumbs, bylines such as "by Anonymous", comment counters, "Leave a
Comment", "You may also like", newsletter boxes, subscription prompts and
copyright lines are removed.  The headline, the "Source: MFAIC" line, the site
name of a copyright line, a Xinhua-style dateline ("PHNOM PENH, May 9
(Xinhua) --") and a "Published: ..." line are kept as metadata.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .datelines import (dateline_of, read_letterhead, read_sign_off, strip_trailing_mark,
                        title_case_caps)

_I = re.I

# A paragraph equal to one of these ends the story: everything after it is page furniture.
TAIL_MARKERS = re.compile(
    r"^(you may also like|you might also like|leave a (comment|reply)|related( (posts?|articles?|"
    r"news|stories|content|topics))?|read (more|also|next)( articles?)?|more (from|stories|news|"
    r"on this|in)\b.*|recommended( for you| stories)?|comments?|\d+ comments?|share this"
    r"( (article|story|post|page))?|latest( news| posts| stories)?|popular( posts| news)?|"
    r"trending( now| news)?|most (read|popular|viewed)|post navigation|previous (post|article)"
    r"|next (post|article)|about the author|what to read next|also read|see also|"
    r"explore the .{1,60}|sign up for .{0,80}newsletter.*|subscribe to .{0,80}|"
    r"join our (newsletter|mailing list).*|advertisement|sponsored( content)?)[.:!]?$", _I)

# Paragraphs dropped wherever they appear.
DROP_LINES = [re.compile(p, _I) for p in (
    r"^home\s*([»>/|›]|&raquo;).*$",                         # breadcrumb
    r"^by\s+[^.]{1,60}\.?$",                                 # byline ("by Anonymous .")
    r"^(posted|written|published|updated|last updated)( on| by)?\b.{0,80}$",
    r"^\d+\s+comments?$", r"^no comments?( yet)?\.?$", r"^leave a (comment|reply)\.?$",
    r"^(copyright|\(c\)|©).*$", r".*\ball rights reserved\b.*$",
    r"^.{0,120}\bnewsletter\b.{0,160}$", r"^(subscribe|unsubscribe)\b.{0,100}$",
    r"^are you sure (you )?want to .{0,80}\?$", r"^unlock left\s*:?.{0,20}$",
    r"^update required.{0,60}$", r"^.{0,40}flash plugin.{0,40}$",
    r"^(share|share on|share via|tweet|print|email|e-mail|whatsapp|telegram|facebook|twitter|"
    r"linkedin|copy link|pin it)(\s+(this|on|via)\b.*)?[.:]?$",
    r"^(tags?|categories|category|filed under|topics?)\s*:.*$",
    r"^(photo|image|picture|file photo|photo credit|credit)s?\s*[:：].{0,200}$",
    r"^\(?(photo|image)\s*(by|:).{0,120}\)?$",
    r"^(enter your e-?mail( address)?|your e-?mail( address)?|sign in|log ?in|register|"
    r"sign up|search|menu|close|skip to (main )?content|toggle navigation|back to top|"
    r"accept( all)?( cookies)?|we use cookies.*|this website uses cookies.*)[.!]?$",
    r"^(min read|\d+\s*min(ute)?s?\s+read)$", r"^advertisement$",
)]
MENU_WORDS = {
    "home", "news", "politics", "business", "world", "national", "international", "sport",
    "sports", "opinion", "lifestyle", "life", "culture", "tech", "technology", "economy",
    "asia", "asean", "cambodia", "china", "region", "regional", "videos", "video", "photos",
    "gallery", "about", "contact", "us", "menu", "search", "login", "more", "latest", "press",
    "releases", "release", "media", "events", "environment", "health", "education",
    "entertainment", "travel", "tourism", "property", "finance", "markets", "&", "and", "|",
    "top", "stories", "features", "feature", "editorial", "podcast", "podcasts", "english",
    "khmer", "中文", "subscribe", "e-paper", "epaper", "weather",
}
SOURCE_LINE = re.compile(r"^(?:source|sources)\s*[:：\-–—]\s*(.{2,100}?)\.?$", _I)
COPYRIGHT_SITE = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?:by\s+)?"
    r"([^.|©]{2,80}?)\s*(?:\.|,|\||$)", _I)
PUBLISHED_LINE = re.compile(
    r"^(?:posted|published|updated|date)(?: on)?\s*[:\-–]?\s*(.{6,60})$", _I)
SIGNATURE_DATE = re.compile(
    r"^(?:[A-Z][A-Za-z .'\-]{1,40},\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|[A-Za-z]{3,9}\.?\s+"
    r"\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})\.?$")
BYLINE_AGENCY = re.compile(r"^by\s+(?:[^/|]{1,60}[/|]\s*)?(?P<who>.{2,60}?)\.?$", _I)


@dataclass(slots=True)
class Cleaned:
    paragraphs: list[str]
    title: str = ""
    publisher: str = ""        # "Source: MFAIC", or the agency of a dateline
    site: str = ""             # the site that carried it (copyright line, og:site_name)
    date_text: str = ""        # "Published: ..." or a dateline's date
    place: str = ""            # a dateline's place
    dropped: list[str] = field(default_factory=list)




def _full_date(p: str) -> bool:
    from .datephrases import parse_article_date
    return parse_article_date(p) is not None


def _is_menu(p: str) -> bool:
    if len(p) > 120 or p.endswith((".", "?", "!")):
        return False
    words = [w for w in re.split(r"[\s|/•·»>]+", p.casefold()) if w]
    return bool(words) and all(w in MENU_WORDS for w in words)


def _heading_like(p: str) -> bool:
    words = p.split()
    return (3 <= len(words) <= 30 and len(p) <= 220 and not p.endswith((".", ",", ";"))
            and p[:1].isupper())


def _body_like(p: str) -> bool:
    return len(p) >= 120 and p.rstrip("\"”’)").endswith((".", "!", "?"))


def _site_title_suffix(title: str) -> str:
    """'Headline | Khmer Times' -> 'Headline'."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    return max(parts, key=len).strip() if len(parts) > 1 else title.strip()


def strip_furniture(paragraphs: list[str], meta_title: str = "") -> Cleaned:
    out = Cleaned([])
    head = read_letterhead(paragraphs)
    out.title, out.publisher, out.dropped = head.title, head.publisher, list(head.dropped)
    body_seen = False
    seen: set[str] = set()
    for p in paragraphs[head.consumed:]:
        p = p.strip()
        if not p:
            continue
        m = SOURCE_LINE.match(p)
        if m and len(p) <= 110:
            if not out.publisher:
                out.publisher = re.split(r"\s+[|•·]\s+", m.group(1).strip())[0]
            out.dropped.append(p)
            continue
        low = p.casefold()
        if re.match(r"^(copyright|\(c\)|©)", low) or "all rights reserved" in low:
            site = COPYRIGHT_SITE.search(p)
            if site and not out.site:
                out.site = site.group(1).strip()
            out.dropped.append(p)
            continue
        if body_seen and TAIL_MARKERS.match(p) and len(p) <= 200:
            out.dropped.append(p)
            body_seen = "tail"      # keep scanning only for Source / copyright lines
            continue
        if body_seen == "tail":
            out.dropped.append(p)
            continue
        if SIGNATURE_DATE.match(p):          # "Phnom Penh, 12 September 2019" under a release
            out.date_text = out.date_text or SIGNATURE_DATE.match(p).group("date")
            out.dropped.append(p)
            continue
        pub = PUBLISHED_LINE.match(p)
        if pub and not out.date_text and len(p) < 80:
            out.date_text = pub.group(1).strip()
        if any(rx.match(p) for rx in DROP_LINES) or _is_menu(p) or \
                (TAIL_MARKERS.match(p) and len(p) <= 60):
            out.dropped.append(p)
            continue
        key = re.sub(r"\W+", " ", low).strip()
        if key in seen and len(p) < 300:
            out.dropped.append(p)
            continue
        seen.add(key)
        if not body_seen and not out.title and _heading_like(p) and not _body_like(p):
            out.title = title_case_caps(p) if p.isupper() else p
            continue
        if not body_seen and out.title and len(p) < 150 and not _body_like(p) and \
                _full_date(p):
            out.date_text = out.date_text or p     # "Ben Sokhean | 10 May 2024 | 08:45 ICT"
            out.dropped.append(p)
            continue
        if not body_seen and not _body_like(p) and len(p) < 60 and not p.endswith("."):
            out.dropped.append(p)    # a stray short line above the story (section label, etc.)
            continue
        if _body_like(p) or len(p) >= 60:
            body_seen = True if body_seen != "tail" else body_seen
        out.paragraphs.append(p)
    # A release signed off by its ministry, place and date, or an agency, under the story.
    sign_off = read_sign_off(out.paragraphs)
    if sign_off.consumed:
        out.paragraphs = out.paragraphs[:len(out.paragraphs) - sign_off.consumed]
        out.dropped.extend(sign_off.dropped)
        out.publisher = out.publisher or sign_off.publisher
        out.date_text = out.date_text or sign_off.date
    for index, p in enumerate(out.paragraphs):
        text, mark = strip_trailing_mark(p)
        if mark or text != p:
            out.paragraphs[index] = text
            out.publisher = out.publisher or mark
    if meta_title:
        clean_meta = _site_title_suffix(meta_title)
        if not out.title or len(clean_meta) > 10:
            if out.title and out.title.casefold() != clean_meta.casefold():
                # the page heading wins over a "<title>" that is only a site name
                out.title = out.title if len(out.title) >= len(clean_meta) // 2 else clean_meta
            else:
                out.title = clean_meta
    if out.paragraphs:
        d = dateline_of(out.paragraphs[0])
        if d:
            out.place = d.place
            out.date_text = out.date_text or d.date
            out.publisher = out.publisher or d.agency
            out.paragraphs[0] = out.paragraphs[0][d.end:]
    # "1. At the invitation of ...": the numbers of a statement's paragraphs are not text
    out.paragraphs = [re.sub(r"^\(?\d{1,2}[.)]\s+(?=[A-Z\"“])", "", p) for p in out.paragraphs]
    out.paragraphs = [p for p in out.paragraphs if p.strip()]
    return out
