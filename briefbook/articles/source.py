"""The article as a source: its title, publisher, address and date."""
from __future__ import annotations

import re
from datetime import date

from ..model import Source
from .datephrases import parse_article_date
from .extract import ArticleText
from .matching import fold
from .text import shorten


PRESS_RELEASE_RX = re.compile(
    r"\bpress release (?:from|by|issued by|of) (?:the )?(?:(?:Kingdom|country|Cambodia|China)['’]s\s+|"
    r"(?:Cambodian|Chinese)\s+)?(?P<org>(?:Ministry|Embassy|Office|Department|Permanent Mission)"
    r"(?:(?:\s+(?:of|and|for|the))*\s+[A-Z][\w’'\-]*)*)")


def article_source(article: ArticleText, cleaned, sentences) -> tuple[Source, list[str]]:
    notes: list[str] = []
    title = cleaned.title or article.meta_title
    if not title and sentences:
        title = shorten(sentences[0].text, 110)
        notes.append("title: the article has no headline; taken from its first sentence")
    publisher = cleaned.publisher
    site = cleaned.site or article.meta_publisher
    if publisher and site and fold(site) not in fold(publisher):
        # a Word file's letterhead is the issuing office, not a site that carried the story
        publisher = f"{publisher}, {site}" if article.fmt == "docx" else \
            f"{publisher}, via {site}"
    publisher = publisher or site
    if not publisher:
        release = PRESS_RELEASE_RX.search(" ".join(s.text for s in sentences[:12]))
        if release:
            publisher = f"Press report of a {release.group('org').strip()} press release"
            notes.append("publisher: not stated; inferred from the press release the article "
                         "reports - check it")
        else:
            notes.append("publisher: not stated in the article; enter it")
    return Source(title=title, publisher=publisher, url=article.url), notes


def article_date_of(article: ArticleText, cleaned) -> date | None:
    """The date the article states: page metadata first, then a dateline or date line.  A
    Word file's 'created' date is only the template's or the draft's: the text wins."""
    in_text = parse_article_date(cleaned.date_text) if cleaned.date_text else None
    in_meta = parse_article_date(article.meta_date)
    if article.fmt == "docx":
        return in_text or in_meta
    return in_meta or in_text
