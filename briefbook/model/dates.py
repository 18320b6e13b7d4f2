"""Partial dates: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

Briefing material often knows only the year a partnership was established or
the month a plan was signed.  A :class:`PartialDate` keeps exactly the
precision it was given, sorts naturally (``2019`` < ``2019-04`` <
``2019-04-01``) and prints the way a desk officer writes dates
("2019", "April 2019", "9 May 2024").
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import total_ordering

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = list(calendar.month_name)  # locale-independent in the C locale used by default


class DateError(ValueError):
    """Raised for a date string that is not a valid partial date."""


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise DateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} is not between 1 and 12")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(
                    f"day {self.day} does not exist in {_MONTHS[self.month]} {self.year}"
                )

    # -- parsing and printing -------------------------------------------------
    @classmethod
    def parse(cls, text: str | "PartialDate") -> "PartialDate":
        if isinstance(text, PartialDate):
            return text
        if not isinstance(text, str):
            raise DateError(f"expected a date string like 2024-05-09, got {type(text).__name__}")
        match = _PATTERN.match(text.strip())
        if not match:
            raise DateError(f"{text!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @classmethod
    def parse_optional(cls, text: str | None) -> "PartialDate | None":
        if text is None or (isinstance(text, str) and not text.strip()):
            return None
        return cls.parse(text)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    __str__ = iso

    def human(self) -> str:
        """'2019', 'April 2019' or '9 May 2024'."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{_MONTHS[self.month]} {self.year}"
        return f"{self.day} {_MONTHS[self.month]} {self.year}"

    @property
    def precision(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"

    # -- ordering ---------------------------------------------------------------
    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def first_day(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def last_day(self) -> tuple[int, int, int]:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)

    def contains(self, other: "PartialDate") -> bool:
        """True when *other* falls inside the span this date denotes."""
        return self.first_day() <= other.first_day() and other.last_day() <= self.last_day()


def format_range(start: PartialDate | None, end: PartialDate | None) -> str:
    """Print a date range naturally: '14–17 September 2024', '9 May 2024'."""
    if start is None and end is None:
        return ""
    if start is None:
        return f"until {end.human()}"
    if end is None or end == start:
        return start.human()
    if start.precision == end.precision == "day":
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}\u2013{end.day} {_MONTHS[end.month]} {end.year}"
        if start.year == end.year:
            return f"{start.day} {_MONTHS[start.month]} \u2013 {end.day} {_MONTHS[end.month]} {end.year}"
    if start.precision == end.precision == "month" and start.year == end.year:
        return f"{_MONTHS[start.month]}\u2013{_MONTHS[end.month]} {end.year}"
    return f"{start.human()} \u2013 {end.human()}"
