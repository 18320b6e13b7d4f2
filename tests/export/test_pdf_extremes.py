"""Extreme but legal input: the book still comes out, with the right destinations."""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from briefbook.export.compose import compose
from briefbook.export.pdf_writer import build_pdf_bytes
from briefbook.export.theme import Theme
from briefbook.model import Book, Official, Partnership, PartialDate, Position, Section
from briefbook.model.book import RefItem, TextBlock
from briefbook.model.records import Milestone
from briefbook.store import Library

LONG = "word " * 3000


def _pdf(tmp_path, book, records=()):
    with Library.open(tmp_path / "library.json") as lib:
        if records:
            lib.put_many(list(records))
        lib.put(book)
        document = compose(lib.get(f"book:{book.id}"), lib, Theme())
    return PdfReader(io.BytesIO(build_pdf_bytes(document, Theme()))), document


@pytest.mark.parametrize("name,book,records", [
    ("empty book", Book("b", "Empty"), []),
    ("huge facts beside a photo", Book("b", "T", sections=[Section("S", [RefItem("official:x")])]),
     [Official("x", "X " * 300, pronunciation=LONG, honorific=LONG,
               positions=[Position(LONG, LONG, PartialDate(2020))])]),
    ("heading longer than a page", Book("b", "T" * 3000, subtitle=LONG, delegation=LONG,
                                        sections=[Section("S" * 2000, [
                                            TextBlock("t" * 3000, LONG, "points")])]), []),
    ("huge milestone cell", Book("b", "T", sections=[Section("S", [RefItem("partnership:p")])]),
     [Partnership("p", "P", summary=LONG, milestones=[Milestone(PartialDate(2000), LONG)])]),
    ("control and format characters",
     Book("b", "T\x07\x1b[31m\u202e\ufeff", sections=[Section("S\x0c", [
         TextBlock("\x01", "\x02 text \u2028 line", "defensive")])]), []),
])
def test_extreme_books_build(tmp_path, name, book, records):
    reader, document = _pdf(tmp_path, book, records)
    assert len(reader.pages) >= 2
    outline = reader.outline
    # every contents entry became a bookmark pointing at a real page
    assert len([o for o in outline if not isinstance(o, list)]) == 1 + len(   # + "Contents"
        [h for h in document.headings() if h[0] == 1])
    for item in outline:
        if not isinstance(item, list):
            assert 0 <= reader.get_destination_page_number(item) < len(reader.pages)
