"""Turn an article into proposals: an event, officials, partnerships and the source.

``propose(library, article, article_date=None)`` only reads the library (to
match existing records); it never writes.  Deterministic: the same article,
library and date give the same proposals.
"""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..model import Partnership
from ..model.dates import PartialDate
from .datephrases import find_dates
from .errors import ArticleError
from .event import mark_participants, propose_event, visitor_first
from .eventinfo import find_event
from .extract import ArticleText, article_from_text, read_article
from .frameworks import find_frameworks, find_known, match_known
from .furniture import strip_furniture
from .ids import unique_id
from .libindex import LibraryIndex
from .officials import propose_officials
from .proposals import ArticleProposals, PartnershipProposal
from .source import article_date_of, article_source
from .text import sentences_of, shorten
from .titles import positions_from_title

__all__ = ["positions_from_title", "propose"]    # positions_from_title: used by the review dialog


# -- partnerships ----------------------------------------------------------------------------
def _partnerships(library, index: LibraryIndex, text: str, sentences,
                  taken: set[str]) -> list[PartnershipProposal]:
    known = find_known(index, text)
    frameworks = find_frameworks(sentences)
    match_known(index, frameworks, known)
    out: list[PartnershipProposal] = []
    order = {}
    for pid, forms in known.items():
        first = min((text.find(f) for f in forms if text.find(f) >= 0), default=len(text))
        order[pid] = first
    for pid in sorted(known, key=lambda k: (order[k], k)):
        existing = library.get(f"partnership:{pid}")
        record = Partnership(id=pid, name=existing.name, short_name=existing.short_name,
                             aliases=list(existing.aliases), parties=list(existing.parties))
        out.append(PartnershipProposal(record, "existing", pid, "merge", mentions=known[pid]))
    for fw in frameworks:
        if fw.known_id:
            continue
        record = Partnership(
            id=unique_id(library, "partnership", fw.short_name or fw.name, taken, fw.name),
            name=fw.name, short_name=fw.short_name,
            aliases=[a for a in dict.fromkeys([*fw.aliases, *fw.mentions])
                     if a not in (fw.name, fw.short_name)],
            parties=fw.parties, summary=shorten(fw.sentence, 600))
        out.append(PartnershipProposal(record, "new", None, "create", mentions=fw.mentions))
    return out


def _as_article(article) -> ArticleText:
    if isinstance(article, ArticleText):
        return article
    if isinstance(article, Path) or (isinstance(article, str) and "\n" not in article and
                                     len(article) < 4096 and Path(article).is_file()):
        return read_article(article)
    if isinstance(article, str):
        return article_from_text(article)
    raise TypeError(f"expected an ArticleText, a file path or text, got {type(article).__name__}")


def _as_date(value) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ArticleError(f"article date {value!r} is not a date; use YYYY-MM-DD") from None


def propose(library, article, article_date: date | str | None = None) -> ArticleProposals:
    """Proposals for *article* (an :class:`ArticleText`, a file path, or the text itself);
    reads *library* (may be None) to match existing records; never writes.

    *article_date* (a date or 'YYYY-MM-DD') resolves "on Sunday" and dates without a year;
    without it the page's own date is used when it states one, else the event is flagged."""
    article = _as_article(article)
    article_date = _as_date(article_date)
    cleaned = strip_furniture(article.paragraphs, article.meta_title)
    paragraphs = cleaned.paragraphs or article.paragraphs
    sentences = sentences_of(paragraphs)
    text = "\n\n".join(paragraphs)
    given_date = article_date
    article_date = article_date or article_date_of(article, cleaned)
    taken: set[str] = set()
    index = LibraryIndex(library)
    officials = propose_officials(library, index, sentences, taken)
    partnerships = _partnerships(library, index, text, sentences, taken)
    facts = find_event(sentences, cleaned.place, cleaned.title or article.meta_title)
    officials = visitor_first(officials, facts)
    mark_participants(officials, facts, sentences)
    source, source_notes = article_source(article, cleaned, sentences)
    event = propose_event(library, index, facts, officials, partnerships, article_date,
                   source.title, taken)
    proposals = ArticleProposals(source, event, officials, partnerships,
                                 article_name=article.name, source_notes=source_notes)
    proposals.article_date = article_date
    if article_date is not None:
        source.date = PartialDate(article_date.year, article_date.month, article_date.day)
        if given_date is None:
            source_notes.append(f"date: the article's date {article_date.isoformat()} was read "
                                "from the page")
    elif event.record.start is not None and facts.date is not None and \
            facts.date.kind not in ("m-y",):
        source.date = event.record.start
        source_notes.append("date: not stated; assumed to be the event's date - check it")
    else:
        source_notes.append("date: not stated in the article; enter it (--date YYYY-MM-DD)")
    if not officials:
        proposals.warnings.append("no officials with a name and title were found")
    if not any(m.resolved for m in find_dates(text)) and article_date is None:
        proposals.warnings.append("the article gives no full date; relative dates need "
                                  "the article's date")
    return proposals
