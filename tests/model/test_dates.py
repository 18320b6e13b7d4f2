import pytest

from briefbook.model import DateError, PartialDate, format_range


@pytest.mark.parametrize("text,human", [
    ("2019", "2019"), ("2019-04", "April 2019"), ("2024-05-09", "9 May 2024"),
    ("2024-02-29", "29 February 2024"),
])
def test_parse_and_print(text, human):
    date = PartialDate.parse(text)
    assert date.iso() == text
    assert date.human() == human


@pytest.mark.parametrize("bad", ["", "19", "2019-4", "2019-13", "2019-02-30", "2023-02-29",
                                 "9 May 2024", "2024/05/09", "2024-05-09T10:00", "0000"])
def test_invalid_dates_are_rejected_with_a_message(bad):
    with pytest.raises(DateError) as info:
        PartialDate.parse(bad)
    assert str(info.value)


def test_non_string_is_rejected():
    with pytest.raises(DateError):
        PartialDate.parse(2019)


def test_partial_dates_sort_naturally():
    dates = [PartialDate.parse(t) for t in ["2024-05-09", "2019", "2019-04-01", "2019-04", "2024"]]
    assert [d.iso() for d in sorted(dates)] == ["2019", "2019-04", "2019-04-01", "2024", "2024-05-09"]
    assert PartialDate.parse("2019") < PartialDate.parse("2019-01")
    assert PartialDate.parse("2019-12-31") < PartialDate.parse("2020")


def test_contains_and_bounds():
    year = PartialDate.parse("2019")
    assert year.contains(PartialDate.parse("2019-04-17"))
    assert not year.contains(PartialDate.parse("2020-01"))
    assert PartialDate.parse("2024-02").last_day() == (2024, 2, 29)


@pytest.mark.parametrize("start,end,text", [
    ("2024-09-14", "2024-09-17", "14\u201317 September 2024"),
    ("2024-05-09", None, "9 May 2024"),
    ("2024-05-30", "2024-06-02", "30 May \u2013 2 June 2024"),
    ("2019", "2023", "2019 \u2013 2023"),
    ("2024-05-09", "2024-05-09", "9 May 2024"),
])
def test_format_range(start, end, text):
    s = PartialDate.parse(start)
    e = PartialDate.parse(end) if end else None
    assert format_range(s, e) == text
