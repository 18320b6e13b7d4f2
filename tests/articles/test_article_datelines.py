"""Who issued a release, where and when: datelines, letterheads, sign-offs; numeric and
Buddhist-era dates; and which of an article's dates and places is the event's."""
from __future__ import annotations

from datetime import date

import pytest

from briefbook.articles import article_from_text, propose
from briefbook.articles.datelines import (dateline_of, read_letterhead, read_sign_off,
                                          title_case_caps)
from briefbook.articles.datephrases import find_dates, parse_article_date
from briefbook.articles.furniture import strip_furniture


@pytest.mark.parametrize("line, place, when, agency", [
    ("JAKARTA, May 9 (Xinhua) -- Text", "JAKARTA", "May 9", "Xinhua"),
    ("Phnom Penh (VNA) – Text", "Phnom Penh", "", "VNA"),
    ("(KPL) Vientiane, 23/11/2026 -- Text", "Vientiane", "23/11/2026", "KPL"),
    ("TOKYO, Jan. 15 Kyodo - Text", "TOKYO", "Jan. 15", "Kyodo"),
    ("JAKARTA, 23rd November 2026 – Text", "JAKARTA", "23rd November 2026", ""),
    ("PUTRAJAYA: Text", "PUTRAJAYA", "", ""),
    ("HANOI, Thursday, Nov. 12, 2026 (VNA) - Text", "HANOI", "Thursday, Nov. 12, 2026", "VNA"),
])
def test_datelines(line, place, when, agency):
    found = dateline_of(line)
    assert (found.place, found.date, found.agency) == (place, when, agency)
    assert line[found.end:] == "Text"


@pytest.mark.parametrize("line", ["Sokhonn: Cambodia-China trust at an all-time high",
                                  "Minister Retno - the talks went well", "Note: see below"])
def test_not_datelines(line):
    assert dateline_of(line) is None


def test_letterhead_and_a_title_in_two_lines_of_capitals():
    head = read_letterhead(["KINGDOM OF CAMBODIA", "NATION RELIGION KING",
                            "MINISTRY OF FOREIGN AFFAIRS AND INTERNATIONAL COOPERATION",
                            "JOINT PRESS STATEMENT", "ON THE VISIT OF H.E. MR. BUI THANH SON "
                            "TO THE LAO PDR", "1. The text begins here and goes on."])
    assert head.consumed == 5
    assert head.publisher == ("Ministry of Foreign Affairs and International Cooperation, "
                              "Kingdom of Cambodia")
    assert head.title == "Joint Press Statement on the Visit of H.E. Mr. Bui Thanh Son to the Lao PDR"


def test_a_label_alone_is_no_title():
    head = read_letterhead(["PRESS RELEASE", "Secretary Lazaro Holds Bilateral Meeting"])
    assert (head.consumed, head.title) == (1, "")


@pytest.mark.parametrize("tail, publisher, when", [
    (["MINISTRY OF FOREIGN AFFAIRS", "SINGAPORE", "12 MARCH 2026"],
     "Ministry of Foreign Affairs, Singapore", "12 MARCH 2026"),
    (["Department of Information", "Ministry of Foreign Affairs of the Kingdom of Thailand"],
     "Department of Information, Ministry of Foreign Affairs of the Kingdom of Thailand", ""),
    (["Phnom Penh, 23/11/2026"], "", "23/11/2026"),
    (["Kyodo News"], "Kyodo News", ""),
    ([". . . . .", "END", "Office of Public and Cultural Diplomacy"],
     "Office of Public and Cultural Diplomacy", ""),
])
def test_sign_off_blocks(tail, publisher, when):
    story = ["The two ministers agreed to meet again next year in Vientiane."]
    sign = read_sign_off(story + tail)
    assert (sign.publisher, sign.date, sign.consumed) == (publisher, when, len(tail))


def test_a_country_alone_under_the_story_stays():
    assert read_sign_off(["The ministers met.", "Cambodia"]).consumed == 0


def test_trailing_agency_marks_are_dropped():
    met = "The two ministers met on Monday and agreed to deepen their cooperation further."
    left = "The Vietnamese leader left Phnom Penh on December 6 after a two-day visit."
    cleaned = strip_furniture(["Lao, Chinese FMs meet", f"{met} Enditem", f"{left} VNA"])
    assert cleaned.paragraphs == [met, left]
    assert cleaned.publisher == "VNA"


def test_title_case_of_capitals_keeps_acronyms():
    assert title_case_caps("ASEAN-CHINA MINISTERS MEET IN THE LAO PDR ON MONDAY") == \
        "ASEAN-China Ministers Meet in the Lao PDR on Monday"


@pytest.mark.parametrize("text, start, note", [
    ("Phnom Penh, 23/11/2026", "2026-11-23", ""),
    ("on 23.11.2026 in Hanoi", "2026-11-23", ""),
    ("on 05/06/2026 in Hanoi", "2026-06-05", "read day first"),
    ("2026/11/23", "2026-11-23", ""),
    ("On 23 November 2569 (2026)", "2026-11-23", "Buddhist-era year 2569 read as 2026"),
    ("on 23 November B.E. 2569", "2026-11-23", "Buddhist-era"),
    ("12 MARCH 2026", "2026-03-12", ""),
    ("23rd November 2026", "2026-11-23", ""),
])
def test_numeric_and_buddhist_era_dates(text, start, note):
    found = find_dates(text)[0]
    assert found.start.iso() == start
    assert note in found.note


@pytest.mark.parametrize("text", ["version 3.0.2026", "call 023 456 789", "31/02/2026",
                                  "scored 2-1 in 2026"])
def test_numbers_that_are_not_dates(text):
    assert not any(m.resolved for m in find_dates(text))


def test_word_file_created_date_does_not_beat_the_date_in_the_text():
    assert parse_article_date("2013-12-23T23:15:00Z") == date(2013, 12, 23)


def _event(text, when=None):
    proposals = propose(None, article_from_text(text), when)
    return proposals.event


def test_headline_decides_between_talks_and_the_visit_around_them():
    event = _event("Lao, Chinese foreign ministers hold talks in Vientiane\n\n"
                   "Foreign Minister Thongsavanh Phomvihane held talks with Chinese Foreign "
                   "Minister Wang Yi on Nov 22 in Vientiane, during the latter's official visit "
                   "to the Lao PDR from Nov 21-23.", date(2026, 11, 23)).record
    assert (event.kind, event.start.iso(), event.end, event.location) == \
        ("bilateral meeting", "2026-11-22", None, "Vientiane")
    visit = _event("Wang Yi pays official visit to Laos\n\n"
                   "Foreign Minister Thongsavanh Phomvihane held talks with Chinese Foreign "
                   "Minister Wang Yi on Nov 22 in Vientiane, during the latter's official visit "
                   "to the Lao PDR from Nov 21-23.", date(2026, 11, 23)).record
    assert (visit.kind, visit.start.iso(), visit.end.iso()) == \
        ("official visit", "2026-11-21", "2026-11-23")
    assert visit.title == "Official visit to Vientiane of Wang Yi"


def test_the_date_a_statement_was_made_is_never_the_events():
    event = _event("Deputy Prime Minister Sok Chenda Sophea will pay a working visit to "
                   "Singapore next week, the ministry said on Sunday.", date(2026, 3, 1))
    assert event.needs_date
    assert event.record.location == "Singapore"


def test_place_after_an_abbreviation_and_not_a_name_after_a_comma():
    event = _event("Dr. Kao Kim Hourn received a courtesy call by H.E. KIYA Masahiko, "
                   "Ambassador of Japan to ASEAN, at the ASEAN Secretariat on 23 November 2026. "
                   "During their talks in Tokyo, Iwaya and Lazaro confirmed it.").record
    assert event.location == "ASEAN Secretariat"
    assert _event("During their talks in Tokyo, Iwaya and Lazaro agreed on 15 January 2025 "
                  "to meet again.").record.location == "Tokyo"


def test_a_visit_to_a_country_is_located_in_the_country():
    event = _event("H.E. Mr. Bui Thanh Son paid an official visit to the Kingdom of Cambodia "
                   "from 22 to 23 November 2026.").record
    assert event.location == "Cambodia"


def test_a_meeting_still_to_come_does_not_make_a_participant():
    proposals = propose(None, article_from_text(
        "Japanese Foreign Minister Takeshi Iwaya and Philippine Foreign Secretary Ma. Theresa "
        "Lazaro agreed Wednesday to step up cooperation during talks in Tokyo. Lazaro is "
        "scheduled to pay a courtesy call on Prime Minister Shigeru Ishiba on Thursday."),
        date(2025, 1, 15))
    taking_part = {p.record.name: p.participant for p in proposals.officials}
    assert taking_part == {"Takeshi Iwaya": True, "Ma. Theresa Lazaro": True,
                           "Shigeru Ishiba": False}
    assert proposals.event.record.start.iso() == "2025-01-15"


def test_a_named_ministerial_retreat_is_the_title():
    event = _event("The ASEAN Foreign Ministers' Retreat (AMM Retreat) was held on 19 January "
                   "2026 in Kuala Lumpur, Malaysia, chaired by H.E. Dato' Seri Utama Haji "
                   "Mohamad bin Haji Hasan, Minister of Foreign Affairs of Malaysia. The Meeting "
                   "was attended by ASEAN Foreign Ministers and the Secretary-General of ASEAN, "
                   "H.E. Dr. Kao Kim Hourn.")
    assert (event.record.kind, event.record.title) == ("ministerial meeting",
                                                       "ASEAN Foreign Ministers' Retreat")
    proposals = propose(None, article_from_text("The Meeting was attended by ASEAN Foreign "
                                                "Ministers and the Secretary-General of ASEAN, "
                                                "H.E. Dr. Kao Kim Hourn."))
    assert proposals.officials[0].title == "Secretary-General of ASEAN"


def test_how_an_unusual_date_was_read_is_noted_on_the_event():
    event = _event("On 23 November 2569, Mr. Maris Sangiampongsa, Minister of Foreign Affairs "
                   "of Thailand, met H.E. Mr. Thongsavanh Phomvihane in Bangkok.")
    assert event.record.start.iso() == "2026-11-23"
    assert "date: Buddhist-era year 2569 read as 2026" in event.notes
    event = _event("On 05/06/2026, Mr. Maris Sangiampongsa met H.E. Mr. Thongsavanh Phomvihane "
                   "in Bangkok.")
    assert event.record.start.iso() == "2026-06-05"
    assert any("read day first" in n for n in event.notes)
