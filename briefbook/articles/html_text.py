"""Article text out of an HTML page with the standard library's tolerant parser.

Keeps the story: prefers ``<article>`` (else ``<main>``, else ``<body>``), drops
scripts, navigation, footers, forms, and blocks whose class or id says they
are menus, share bars, comments, newsletters or "related" lists.  Reads the
page's own title, site name, publication date and canonical address.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .errors import ArticleError
from .extract import ArticleText, split_paragraphs
from .furniture import COPYRIGHT_SITE
from .linked_data import linked_data

MAX_JSON_LD_CHARS = 200_000
MAX_DROPPED_CHARS = 50_000

DROP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form",
             "iframe", "button", "select", "textarea", "object", "embed", "canvas", "figcaption",
             "head"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
             "source", "track", "wbr"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table",
              "section", "article", "main", "blockquote", "dd", "dt", "dl", "pre", "header",
              "figure", "address", "br", "hr"}
CELL_TAGS = {"td", "th"}        # cells of a row stay on one line: "2024 | $195 million"
_FURNITURE_CLASS = re.compile(
    r"(^|[-_ ])(menu|nav|navbar|navigation|share|sharing|social|related|comments?|respond|"
    r"newsletter|subscribe|subscription|footer|sidebar|widget|breadcrumbs?|advert|ads?|"
    r"cookie|popup|modal|banner|promo|tags|author-box|byline-share|pagination|skip)([-_ ]|$)",
    re.I)
DATE_META = {"article:published_time", "og:published_time", "datepublished", "date", "pubdate",
             "publishdate", "dc.date", "dc.date.issued", "dcterms.date", "sailthru.date",
             "parsely-pub-date", "publication_date"}


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []   # (tag, dropped here)
        self.drop_depth = 0
        self.regions: dict[str, list[list[str]]] = {"article": [], "main": [], "body": []}
        self.active: list[str] = ["body"]
        self.buffers: dict[str, list[str]] = {"body": [""]}
        self.title = ""
        self.h1 = ""
        self._in_title = False
        self._in_h1 = False
        self.meta: dict[str, str] = {}
        self.time_datetime = ""
        self.canonical = ""
        self.json_ld: list[str] = []          # <script type="application/ld+json"> bodies
        self._in_json_ld = False
        self.dropped_text: list[str] = []     # text of dropped blocks (footers: copyright)
        self._dropped_chars = 0

    # -- helpers ---------------------------------------------------------------------------
    def _newline(self) -> None:
        for region in self.active:
            self.buffers[region].append("")

    def _region_starts(self, tag: str) -> bool:
        return tag in ("article", "main") and tag not in self.active and tag not in self.buffers

    def handle_starttag(self, tag, attrs):
        attrs_d = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attrs_d.get("property") or attrs_d.get("name") or
                   attrs_d.get("itemprop") or "").lower()
            if key and "content" in attrs_d:
                self.meta.setdefault(key, attrs_d["content"].strip())
            return
        if tag == "link" and "canonical" in attrs_d.get("rel", "").lower():
            self.canonical = attrs_d.get("href", "").strip()
            return
        if tag == "time" and not self.time_datetime and attrs_d.get("datetime"):
            self.time_datetime = attrs_d["datetime"].strip()
        if tag == "title":
            self._in_title = True
        if tag == "script" and "ld+json" in attrs_d.get("type", "").lower():
            self._in_json_ld = True
            self.json_ld.append("")
        if tag in VOID_TAGS:
            if tag in ("br", "hr") and not self.drop_depth:
                self._newline()
            return
        marker = " ".join((attrs_d.get("class", ""), attrs_d.get("id", ""),
                           attrs_d.get("role", "")))
        dropped = (tag in DROP_TAGS or attrs_d.get("aria-hidden") == "true" or
                   "hidden" in attrs_d or
                   (tag not in ("body", "html", "article", "main") and
                    bool(_FURNITURE_CLASS.search(marker))))
        self.stack.append((tag, dropped))
        if dropped:
            self.drop_depth += 1
        if self._region_starts(tag) and not self.drop_depth:
            self.active.append(tag)
            self.buffers[tag] = [""]
        if tag == "h1" and not self.h1:
            self._in_h1 = True
        if tag in BLOCK_TAGS and not self.drop_depth:
            self._newline()
        if tag in CELL_TAGS and not self.drop_depth:
            for region in self.active:
                if self.buffers[region][-1].strip():
                    self.buffers[region][-1] += " | "

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "script":
            self._in_json_ld = False
        if tag == "h1":
            self._in_h1 = False
        if tag in VOID_TAGS:
            return
        if not any(t == tag for t, _ in self.stack):
            return  # stray end tag
        while self.stack:
            open_tag, dropped = self.stack.pop()
            if dropped:
                self.drop_depth -= 1
            if open_tag in ("article", "main") and open_tag in self.active:
                self.active.remove(open_tag)
            if open_tag == tag:
                break
        if tag in BLOCK_TAGS and not self.drop_depth:
            self._newline()

    def handle_data(self, data):
        if self._in_title:
            self.title += data
            return
        if self._in_json_ld:
            if len(self.json_ld[-1]) < MAX_JSON_LD_CHARS:
                self.json_ld[-1] += data
            return
        if self.drop_depth:
            if self._dropped_chars < MAX_DROPPED_CHARS:
                self.dropped_text.append(data)
                self._dropped_chars += len(data)
            return
        if self._in_h1:
            self.h1 += data
        for region in self.active:
            self.buffers[region][-1] += data


def _clean(parts: list[str]) -> list[str]:
    text = "\n\n".join(re.sub(r"\s+", " ", p).strip() for p in parts)
    return split_paragraphs(text)


def html_article(markup: str, name: str) -> ArticleText:
    parser = _Extractor()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as exc:  # html.parser is tolerant; this is a last resort
        raise ArticleError(f"{name}: the HTML could not be read ({exc})") from None
    chosen: list[str] = []
    for region in ("article", "main", "body"):
        parts = parser.buffers.get(region)
        if parts and sum(len(p.strip()) for p in parts) >= 200:
            chosen = parts
            break
    if not chosen:
        chosen = parser.buffers.get("body", [])
    paragraphs = _clean(chosen)
    meta = parser.meta
    ld = linked_data(parser.json_ld)
    title = (meta.get("og:title") or ld.get("headline") or
             re.sub(r"\s+", " ", parser.h1).strip() or re.sub(r"\s+", " ", parser.title).strip())
    date = next((meta[k] for k in meta if k in DATE_META and meta[k]), "") or \
        ld.get("datePublished", "") or parser.time_datetime
    copyright_site = COPYRIGHT_SITE.search(" ".join(" ".join(parser.dropped_text).split()))
    publisher = (meta.get("og:site_name", "") or meta.get("publisher", "") or
                 ld.get("publisher", "") or
                 (copyright_site.group(1).strip() if copyright_site else ""))
    return ArticleText(
        paragraphs, name=name, fmt="html", meta_title=html.unescape(title),
        meta_publisher=publisher, meta_date=date,
        url=parser.canonical or meta.get("og:url", "") or ld.get("url", ""))
