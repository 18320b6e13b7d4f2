"""Classification safety: a book must be marked at least as high as everything in it.

Records may carry their own classification (``classification`` on officials,
events and partnerships; see :mod:`briefbook.model.classification`).  Before a
book is exported, :func:`items_above_marking` lists every record the book would
print whose marking is higher than the book's; export is refused unless the
list is empty (CLI) or the user explicitly confirms (GUI, via
:func:`check_export_allowed` with ``confirmed=True``).

Besides the book's own items, records an item pulls onto the page are checked
too (``via`` names the item), matching what ``export/compose.py`` prints: an
event's participants and partnerships (their names are printed with it) and the
events an official's "Previous meetings" lists (those up to the book's date).
No Qt here.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model.classification import LEVELS, level_of


@dataclass(frozen=True)
class MarkingProblem:
    """One record marked higher than the book that would print it."""

    ref: str             # "event:ID"
    label: str           # the record's name or title
    marking: str         # the record's own classification, as written
    level: int
    via: str | None = None          # the book item that pulls it in (None: it is an item)
    via_label: str | None = None

    def describe(self) -> str:
        text = f"{self.label} ({self.ref}) is marked {self.marking}"
        if self.via:
            text += f" and appears through {self.via_label} ({self.via})"
        return text


class ClassificationError(ValueError):
    """The book is marked lower than an item in it; export was refused."""

    def __init__(self, book, problems: list[MarkingProblem]):
        self.book = book
        self.problems = problems
        super().__init__(classification_message(book, problems))


def _label(record) -> str:
    return getattr(record, "name", None) or getattr(record, "title", None) or record.id


def _level(marking: str) -> int:
    try:
        return level_of(marking or "")
    except ValueError:
        return len(LEVELS)   # an unknown marking counts as the highest: never silently lower


def book_level(book) -> int:
    return _level(book.classification)


def _related(library, record, book) -> list:
    """Records printed with *record*: as the export composes it (``export/compose.py``)."""
    kind = record.KIND
    found = []
    if kind == "event":
        for official_id in record.participants:
            found.append(library.get(f"official:{official_id}"))
        for partnership_id in record.partnerships:
            found.append(library.get(f"partnership:{partnership_id}"))
    elif kind == "official":   # "Previous meetings": events up to the book's date
        found.extend(e for e in library.events_with(record.id)
                     if book.date is None or e.start is None
                     or e.start.first_day() <= book.date.last_day())
    return [r for r in found if r is not None]


def items_above_marking(book, library, *, related: bool = True) -> list[MarkingProblem]:
    """Every record the book prints whose marking is above the book's, items first."""
    limit = book_level(book)
    problems: list[MarkingProblem] = []
    seen: set[str] = set()

    def consider(record, via=None) -> None:
        if record.ref in seen:
            return
        level = _level(getattr(record, "classification", ""))
        if level > limit:
            seen.add(record.ref)
            problems.append(MarkingProblem(record.ref, _label(record), record.classification,
                                           level, via.ref if via else None,
                                           _label(via) if via else None))

    items = [library.get(ref) for ref in book.refs()]
    items = [item for item in items if item is not None]
    for item in items:
        consider(item)
    if related:
        for item in items:
            for record in _related(library, item, book):
                consider(record, via=item)
    return problems


def classification_message(book, problems: list[MarkingProblem]) -> str:
    marking = book.classification or "UNCLASSIFIED (no marking)"
    if not problems:
        return f"Every item in the book {book.id} is within its marking {marking}."
    highest = max(problems, key=lambda p: p.level)
    details = "; ".join(p.describe() for p in problems[:5])
    more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
    return (f"The book {book.id} is marked {marking} but contains material marked higher: "
            f"{details}{more}. Mark the book at least {_level_name(highest)} "
            "or remove those items before exporting.")


def _level_name(problem: MarkingProblem) -> str:
    return LEVELS[problem.level] if problem.level < len(LEVELS) else problem.marking


def check_export_allowed(book, library, *, confirmed: bool = False) -> list[MarkingProblem]:
    """Raise :class:`ClassificationError` unless the book may be exported.

    ``confirmed=True`` (the GUI, after the user explicitly accepted the listed
    problems) lets the export go ahead; the problems are still returned so the
    caller can log them.
    """
    problems = items_above_marking(book, library)
    if problems and not confirmed:
        raise ClassificationError(book, problems)
    return problems
