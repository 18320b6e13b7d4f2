"""Preflight: what a careful desk officer would catch before a book goes out.

``preflight(book, library, today=None) -> list[Finding]``; each finding has a
severity ("error" — the book will print a placeholder; "warning" — the book is
probably wrong; "info"), the reference it is about and a message naming it.
Export does not stop on findings: they are shown to the user beside the book.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..model import PartialDate
from ..model.records import Event, Official, Partnership
from . import fonts
from .images import PhotoProblem, prepare

STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Finding:
    severity: str        # "error", "warning" or "info"
    ref: str             # "official:ID", "book:ID"…
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.ref}: {self.message}"


def _today(today) -> _dt.date:
    if today is None:
        return _dt.date.today()
    if isinstance(today, PartialDate):
        return _dt.date(*today.first_day())
    if isinstance(today, _dt.datetime):
        return today.date()
    return today


def _texts(record) -> list[tuple[str, str]]:
    """(field, text) pairs of everything a record prints."""
    out: list[tuple[str, str]] = []

    def add(name, value):
        if isinstance(value, str) and value:
            out.append((name, value))

    if isinstance(record, Official):
        for name in ("name", "native_name", "honorific", "address_as", "pronunciation",
                     "country"):
            add(name, getattr(record, name))
        for i, p in enumerate(record.positions):
            add(f"positions[{i}].title", p.title)
            add(f"positions[{i}].organization", p.organization)
        for i, para in enumerate(record.biography):
            add(f"biography[{i}]", para)
    elif isinstance(record, Event):
        for name in ("title", "location", "summary"):
            add(name, getattr(record, name))
        for i, t in enumerate(record.objectives):
            add(f"objectives[{i}]", t)
        for i, t in enumerate(record.outcomes):
            add(f"outcomes[{i}]", t)
    elif isinstance(record, Partnership):
        for name in ("name", "short_name", "summary"):
            add(name, getattr(record, name))
        for i, m in enumerate(record.milestones):
            add(f"milestones[{i}].text", m.text)
        for i, d in enumerate(record.documents):
            add(f"documents[{i}]", d.label())
    for i, s in enumerate(getattr(record, "sources", [])):
        add(f"sources[{i}]", f"{s.label()} {s.url}")
    return out


def _check_glyphs(findings: list[Finding], ref: str, texts: list[tuple[str, str]]) -> None:
    for field_name, text in texts:
        missing = fonts.uncovered(text)
        if missing:
            shown = ", ".join(fonts.describe(c) for c in missing[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            findings.append(Finding(
                "warning", ref,
                f"field '{field_name}' has characters no bundled font covers ({shown}{more}); "
                "they will print as [U+hex] markers such as [U+1F600]"))


def preflight(book, library, today=None) -> list[Finding]:
    today_d = _today(today)
    findings: list[Finding] = []
    book_texts = [(n, getattr(book, n)) for n in ("title", "subtitle", "delegation",
                                                   "destination", "prepared_by")]
    for s, section in enumerate(book.sections):
        book_texts.append((f"sections[{s}].title", section.title))
        for i, item in enumerate(section.items):
            if item.is_text:
                book_texts.append((f"sections[{s}].items[{i}].title", item.title))
                book_texts.append((f"sections[{s}].items[{i}].text", item.text))
    _check_glyphs(findings, book.ref, [(n, t) for n, t in book_texts if t])

    seen: set[str] = set()
    for section in book.sections:
        for item in section.items:
            if item.is_text or item.ref in seen:
                continue
            seen.add(item.ref)
            try:
                record = library.get(item.ref) if library.exists(item.ref) else None
            except Exception as exc:
                findings.append(Finding("error", item.ref, f"cannot be read: {exc}"))
                continue
            if record is None:
                findings.append(Finding(
                    "error", item.ref,
                    f"is in section '{section.title}' but no longer exists in the library"))
                continue
            _check_glyphs(findings, item.ref, _texts(record))
            if isinstance(record, Official):
                _check_official(findings, record, book, library, today_d)
            elif isinstance(record, Event):
                for pid in record.participants:
                    if not library.exists(f"official:{pid}"):
                        findings.append(Finding("warning", item.ref,
                                                f"participant official:{pid} no longer exists"))
    return findings


def _check_official(findings, official: Official, book, library, today: _dt.date) -> None:
    ref = official.ref
    when = book.date
    if official.positions and when is not None and official.position_at(when) is None:
        ended = [p for p in official.positions if p.end is not None]
        if len(ended) == len(official.positions):
            last = max(ended, key=lambda p: p.end)
            findings.append(Finding(
                "warning", ref,
                f"{official.name}: every position ended before the book's date "
                f"({when.human()}); the last, {last.title}, ended {last.end.human()}"))
        else:
            findings.append(Finding(
                "warning", ref,
                f"{official.name}: no position on record is held at the book's date "
                f"({when.human()})"))
    if official.reviewed is None:
        findings.append(Finding("info", ref, f"{official.name}: never marked as reviewed"))
    else:
        reviewed = _dt.date(*official.reviewed.last_day())
        age = (today - reviewed).days
        if age > STALE_AFTER_DAYS:
            findings.append(Finding(
                "warning", ref,
                f"{official.name}: last reviewed {official.reviewed.human()}, "
                f"over a year ago ({age} days)"))
    if official.photo:
        try:
            data = library.photo_bytes(official.photo)
            if data is None:
                raise PhotoProblem(f"the photo file {official.photo} is missing")
            prepare(data, 10)
        except PhotoProblem as exc:
            findings.append(Finding("error", ref, f"{official.name}: {exc}"))
