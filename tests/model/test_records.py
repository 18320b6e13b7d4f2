import pytest

from briefbook.model import Book, Event, Official, Partnership, PartialDate, ValidationError


def official(**over):
    raw = {"id": "xi-jinping", "name": "XI Jinping", "native_name": "习近平", "family_name": "Xi",
           "positions": [
               {"title": "Vice President", "organization": "PRC", "start": "2008-03", "end": "2013-03"},
               {"title": "President", "organization": "PRC", "start": "2013-03", "end": None},
           ]}
    raw.update(over)
    return raw


def test_round_trip_keeps_every_field():
    o = Official.from_dict(official(honorific="H.E.", pronunciation="shee jin-ping",
                                    biography=["One.", "Two."], tags=["China"],
                                    sources=[{"title": "T", "publisher": "P", "url": "", "date": "2024-05"}],
                                    reviewed="2024-01-02", updated="2024-06-01T00:00:00Z"))
    again = Official.from_dict(o.to_dict())
    assert again == o
    assert o.to_dict()["positions"][0] == {"title": "Vice President", "organization": "PRC",
                                           "start": "2008-03", "end": "2013-03"}


def test_position_at_a_date():
    o = Official.from_dict(official())
    assert o.position_at(PartialDate.parse("2010")).title == "Vice President"
    assert o.position_at(PartialDate.parse("2023-09")).title == "President"
    assert o.position_at(PartialDate.parse("2000")) is None
    assert o.position_at(None).title == "President"
    assert [p.title for p in o.career()] == ["President", "Vice President"]


def test_family_name_sorts():
    o = Official.from_dict(official())
    assert o.sort_key()[0] == "xi"


@pytest.mark.parametrize("over,field", [
    ({"id": ""}, "id"), ({"id": "has space"}, "id"), ({"id": "a:b"}, "id"),
    ({"name": ""}, "name"), ({"name": 5}, "name"),
    ({"positions": "x"}, "positions"),
    ({"positions": [{"title": "", "start": "2019"}]}, "positions[0].title"),
    ({"positions": [{"title": "T", "start": "2019-13"}]}, "positions[0].start"),
    ({"positions": [{"title": "T", "start": "2020", "end": "2019"}]}, "positions[0].end"),
    ({"tags": [1]}, "tags[0]"), ({"reviewed": "yesterday"}, "reviewed"),
    ({"sources": [{"title": "x", "date": "May"}]}, "sources[0].date"),
    ({"updated": "not a time"}, "updated"), ({"classification": "ULTRA"}, "classification"),
])
def test_bad_official_names_record_and_field(over, field):
    with pytest.raises(ValidationError) as info:
        Official.from_dict(official(**over))
    assert info.value.field == field
    assert field in str(info.value)
    if over.get("id", "xi-jinping") == "xi-jinping":
        assert "xi-jinping" in str(info.value)


def test_event_and_partnership():
    e = Event.from_dict({"id": "e1", "title": "Talks", "start": "2024-09-14", "end": "2024-09-17",
                         "participants": ["a"], "outcomes": ["Agreed."]})
    assert Event.from_dict(e.to_dict()) == e
    with pytest.raises(ValidationError) as info:
        Event.from_dict({"id": "e1", "title": "Talks", "start": "2024-09-17", "end": "2024-09-14"})
    assert info.value.field == "end"
    with pytest.raises(ValidationError) as info:
        Event.from_dict({"id": "e1", "title": "Talks", "participants": ["ok", "not ok"]})
    assert info.value.field == "participants[1]"
    p = Partnership.from_dict({"id": "asem", "name": "Asia-Europe Meeting", "established": "1996",
                               "milestones": [{"date": "2014", "text": "b"}, {"date": "1996", "text": "a"}]})
    assert [m.text for m in p.timeline()] == ["a", "b"]
    with pytest.raises(ValidationError) as info:
        Partnership.from_dict({"id": "asem", "name": "A", "milestones": [{"date": "1996"}]})
    assert info.value.field == "milestones[0].text"


def test_book_outline_parsing():
    b = Book.from_dict({"id": "b", "title": "Visit", "start": "2024-05", "sections": [
        {"title": "Bios", "items": [{"ref": "official:a"}, {"title": "Points", "text": "x", "kind": "points"}]}]})
    assert b.refs() == ["official:a"]
    assert b.date == PartialDate.parse("2024-05")
    assert Book.from_dict(b.to_dict()).to_dict() == b.to_dict()
    for bad, field in [({"ref": "person:a"}, "sections[0].items[0].ref"),
                       ({"ref": 3}, "sections[0].items[0].ref"),
                       ({"text": "x", "kind": "rant"}, "sections[0].items[0].kind"),
                       ("nope", "sections[0].items[0]")]:
        with pytest.raises(ValidationError) as info:
            Book.from_dict({"id": "b", "title": "Visit", "sections": [{"title": "S", "items": [bad]}]})
        assert info.value.field == field
    with pytest.raises(ValidationError) as info:
        Book.from_dict({"id": "b", "title": "Visit", "paper": "A5"})
    assert info.value.field == "paper"
