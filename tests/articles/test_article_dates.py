"""Date phrases resolved against the article's date (or flagged when there is none)."""
from __future__ import annotations

from datetime import date

import pytest

from briefbook.articles.datephrases import find_dates, parse_article_date, resolve

MON_12_AUG_2019 = date(2019, 8, 12)


def _one(text: str, anchor: date | None = None, future: bool = False):
    found = find_dates(text)
    assert len(found) == 1, found
    mention = found[0]
    mention.future = future
    resolve(mention, anchor)
    return mention


def _iso(mention):
    return (mention.start.iso() if mention.start else None,
            mention.end.iso() if mention.end else None)


@pytest.mark.parametrize("text, expected", [
    ("On May 9, 2024, the two met", ("2024-05-09", None)),
    ("on 9 May 2024 in Jakarta", ("2024-05-09", None)),
    ("on Thursday, May 9, 2024,", ("2024-05-09", None)),
    ("from 14 to 17 September 2024", ("2024-09-14", "2024-09-17")),
    ("September 14-17, 2024", ("2024-09-14", "2024-09-17")),
    ("14–17 Sept. 2024", ("2024-09-14", "2024-09-17")),
    ("from 30 September to 2 October 2024", ("2024-09-30", "2024-10-02")),
    ("from December 30 to January 2, 2025", ("2024-12-30", "2025-01-02")),
    ("the 9th of May 2024", ("2024-05-09", None)),
    ("in May 2024", ("2024-05", None)),
    ("dated 2024-05-09.", ("2024-05-09", None)),
])
def test_explicit_dates_need_no_anchor(text, expected):
    mention = _one(text)
    assert mention.resolved
    assert _iso(mention) == expected


@pytest.mark.parametrize("text", ["said on Sunday", "from Thursday to Saturday",
                                  "14 to 17 September", "on May 9", "yesterday"])
def test_relative_or_yearless_dates_stay_unresolved_without_the_article_date(text):
    mention = _one(text)
    assert not mention.resolved and mention.start is None


def test_seed_2019_weekdays_against_a_monday():
    assert _iso(_one("said on Sunday", MON_12_AUG_2019)) == ("2019-08-11", None)
    assert _iso(_one("from Thursday to Saturday", MON_12_AUG_2019)) == ("2019-08-08", "2019-08-10")


def test_same_day_weekday_is_the_article_date():
    sunday = date(2019, 8, 11)
    assert _iso(_one("said on Sunday", sunday)) == ("2019-08-11", None)
    assert _iso(_one("from Thursday to Saturday", sunday)) == ("2019-08-08", "2019-08-10")


def test_an_ongoing_visit_straddles_the_article_date():
    friday = date(2019, 8, 9)
    assert _iso(_one("is on a visit from Thursday to Saturday", friday)) == \
        ("2019-08-08", "2019-08-10")


def test_future_tense_looks_ahead():
    assert _iso(_one("will visit China from Thursday to Saturday", MON_12_AUG_2019,
                     future=True)) == ("2019-08-15", "2019-08-17")
    assert _iso(_one("next Sunday", MON_12_AUG_2019)) == ("2019-08-18", None)


def test_last_weekday_and_relative_words():
    assert _iso(_one("last Monday", MON_12_AUG_2019)) == ("2019-08-05", None)
    assert _iso(_one("yesterday", MON_12_AUG_2019)) == ("2019-08-11", None)
    assert _iso(_one("today", MON_12_AUG_2019)) == ("2019-08-12", None)


def test_year_comes_from_the_article_date():
    assert _iso(_one("met from 14 to 17 September", date(2024, 9, 20))) == \
        ("2024-09-14", "2024-09-17")
    # a past report in January about September: last year's September
    assert _iso(_one("met from 14 to 17 September", date(2025, 1, 10))) == \
        ("2024-09-14", "2024-09-17")
    # an announcement in August of a September meeting: this year
    assert _iso(_one("will meet from 14 to 17 September", date(2024, 8, 1), future=True)) == \
        ("2024-09-14", "2024-09-17")


def test_not_dates():
    assert find_dates("The meeting may be held in the capital") == []
    assert find_dates("ASEM partnership has 53 partners – 51 countries") == []


def test_parse_article_date_from_metadata():
    assert parse_article_date("2024-05-09T08:30:00+07:00") == date(2024, 5, 9)
    assert parse_article_date("Thursday, May 9, 2024 - 10:22") == date(2024, 5, 9)
    assert parse_article_date("May 9") is None
    assert parse_article_date("") is None


def test_impossible_dates_are_ignored():
    found = find_dates("on 31 February 2024")
    assert all(m.start is None or m.start.precision != "day" for m in found)
