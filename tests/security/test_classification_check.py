"""A book marked lower than an item in it is refused at export, naming the item."""
from __future__ import annotations

import pytest

from briefbook.model import Event, Official, Partnership
from briefbook.model.book import Book, RefItem, Section, TextBlock
from briefbook.security.classification_check import (ClassificationError, check_export_allowed,
                                                     items_above_marking)
from briefbook.store import Library


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "lib.json") as lib:
        lib.put_many([
            Official(id="open-person", name="Open Person"),
            Official(id="quiet-person", name="Quiet Person", classification="CONFIDENTIAL"),
            Partnership(id="pact", name="Quiet Pact", classification="SECRET // REL ASEAN"),
            Event(id="talks", title="Public Talks", participants=["open-person"],
                  classification="OFFICIAL"),
            Event(id="backchannel", title="Backchannel Meeting", participants=["quiet-person"],
                  partnerships=["pact"], classification="RESTRICTED"),
        ])
        yield lib


def book(marking: str, *refs: str) -> Book:
    items = [RefItem(ref) for ref in refs] + [TextBlock("Note", "free text", "note")]
    return Book(id="trip", title="Trip", classification=marking, sections=[Section("S", items)])


def test_items_marked_higher_are_listed_with_what_pulls_them_in(library):
    problems = items_above_marking(book("OFFICIAL", "event:talks", "event:backchannel"), library)
    found = {(p.ref, p.via) for p in problems}
    assert found == {("event:backchannel", None),
                     ("official:quiet-person", "event:backchannel"),
                     ("partnership:pact", "event:backchannel")}
    assert problems[0].ref == "event:backchannel"      # the book's own items first


def test_official_items_bring_their_engagement_history(library):
    problems = items_above_marking(book("", "official:quiet-person"), library)
    assert [(p.ref, p.via) for p in problems] == [
        ("official:quiet-person", None), ("event:backchannel", "official:quiet-person")]
    assert items_above_marking(book("", "official:quiet-person"), library, related=False)[0].ref \
        == "official:quiet-person"


def test_meetings_after_the_book_date_are_not_printed_so_not_flagged(library):
    from briefbook.model import PartialDate
    library.put(Event(id="later", title="Later Meeting", start=PartialDate(2030, 1, 1),
                      participants=["open-person"], classification="SECRET"))
    trip = book("OFFICIAL", "official:open-person")
    trip.start = PartialDate(2024, 5, 9)
    assert items_above_marking(trip, library) == []
    trip.start = None                 # no date: every meeting is printed
    assert [p.ref for p in items_above_marking(trip, library)] == ["event:later"]


def test_a_book_marked_high_enough_passes(library):
    assert items_above_marking(book("SECRET", "event:backchannel", "official:quiet-person"),
                               library) == []
    assert items_above_marking(book("TOP SECRET // NOFORN", "partnership:pact"), library) == []
    assert check_export_allowed(book("OFFICIAL", "event:talks"), library) == []


def test_export_is_refused_with_a_message_naming_the_item_unless_confirmed(library):
    low = book("RESTRICTED", "partnership:pact", "official:open-person")
    with pytest.raises(ClassificationError) as caught:
        check_export_allowed(low, library)
    message = str(caught.value)
    assert "Quiet Pact (partnership:pact) is marked SECRET // REL ASEAN" in message
    assert "marked RESTRICTED" in message and "at least SECRET" in message
    assert caught.value.problems[0].ref == "partnership:pact"
    # the GUI asks the user, then passes confirmed=True; the problems come back for its log
    assert [p.ref for p in check_export_allowed(low, library, confirmed=True)] == ["partnership:pact"]


def test_unmarked_book_and_missing_records(library):
    problems = items_above_marking(book("", "event:talks", "official:gone-away"), library)
    assert [p.ref for p in problems] == ["event:talks"]     # OFFICIAL > no marking
    assert "UNCLASSIFIED (no marking)" in str(ClassificationError(book("", "event:talks"),
                                                                  problems))
