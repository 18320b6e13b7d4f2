"""Other phrasings of the seed facts: counterparts, bracketed dates, places with a city,
people only mentioned, a ministerial meeting, a phone call, future visits."""
from __future__ import annotations

from datetime import date

from briefbook.articles import article_from_text, propose


def _propose(library, text, when=None):
    return propose(library, article_from_text(text), when)


def test_counterpart_and_only_mentioned_people(library):
    proposals = _propose(library, (
        "Cambodian Deputy Prime Minister and Foreign Minister Prak Sokhonn held talks with his "
        "Chinese counterpart Wang Yi in Beijing on Friday. Sokhonn said Cambodia supports the "
        "Belt and Road Initiative proposed by Chinese President Xi Jinping."), date(2019, 8, 12))
    by_name = {p.record.name: p for p in proposals.officials}
    assert by_name["Wang Yi"].record.country == "China"
    assert "Chinese counterpart" in by_name["Wang Yi"].mentions
    assert by_name["Xi Jinping"].title == "President" and not by_name["Xi Jinping"].participant
    event = proposals.event.record
    assert event.participants == ["prak-sokhonn", "wang-yi"]
    assert (event.start.iso(), event.location, event.kind) == \
        ("2019-08-09", "Beijing", "bilateral meeting")
    assert event.title == "Meeting of Prak Sokhonn and Wang Yi"


def test_bracketed_date_wins_over_the_weekday_and_city_is_kept(library):
    proposals = _propose(library, (
        "His Excellency KUNG Phoak on Thursday (May 9) met His Excellency SUN Weidong at the "
        "ASEAN Secretariat in Jakarta, the ministry said on Friday."), date(2024, 5, 10))
    event = proposals.event.record
    assert event.start.iso() == "2024-05-09"
    assert event.location == "ASEAN Secretariat, Jakarta"


def test_phone_call(library):
    proposals = _propose(library, (
        "Deputy Prime Minister and Foreign Minister Prak Sokhonn held a phone call with State "
        "Councillor and Foreign Minister Wang Yi on Tuesday afternoon, the ministry said in a "
        "statement on Wednesday."), date(2019, 8, 14))
    event = proposals.event.record
    assert event.kind == "call"
    assert event.start.iso() == "2019-08-13"          # the call, not the statement
    assert event.title == "Call between Prak Sokhonn and Wang Yi"


def test_future_visit_in_a_press_release(library):
    proposals = _propose(library, (
        "At the invitation of H.E. WANG Yi, State Councillor and Minister of Foreign Affairs of "
        "the People's Republic of China, H.E. PRAK Sokhonn, Deputy Prime Minister and Minister "
        "of Foreign Affairs and International Cooperation, will pay an official visit to China "
        "from Thursday to Saturday."), date(2019, 8, 5))
    event = proposals.event.record
    assert (event.start.iso(), event.end.iso()) == ("2019-08-08", "2019-08-10")
    assert event.title == "Official visit to China of PRAK Sokhonn"
    assert event.participants[0] == "prak-sokhonn"


def test_explicit_range_and_named_meeting(library):
    proposals = _propose(library, (
        "From 14 to 17 September, H.E. SUN Weidong, Vice Foreign Minister of China, attended "
        "the ASEAN-China Senior Officials' Consultation in Vientiane, Lao PDR."),
        date(2024, 9, 20))
    event = proposals.event.record
    assert (event.start.iso(), event.end.iso()) == ("2024-09-14", "2024-09-17")
    assert event.kind == "consultation"
    assert event.title == "ASEAN-China Senior Officials' Consultation"
    assert event.location == "Vientiane, Lao PDR"


def test_no_officials_no_dates_is_still_a_clear_proposal(library):
    proposals = _propose(library, "Relations between ASEAN and China continue to grow, "
                                  "officials said, pointing to closer people-to-people ties.")
    assert proposals.officials == []
    assert proposals.event.needs_date
    assert any("no officials" in w for w in proposals.warnings)
    assert proposals.to_dict()["event"]["needs_date"] is True


def test_article_date_read_from_a_meta_line(library):
    proposals = _propose(library, (
        "Sokhonn: Cambodia-China trust at an all-time high\n\n"
        "Staff writer | Publication date 12 August 2019 | 08:45 ICT\n\n"
        "Deputy Prime Minister and Foreign Minister Prak Sokhonn yesterday said that relations "
        "between Cambodia and China are stronger than ever, after an official visit to China "
        "from Thursday to Saturday where he met Chinese Premier Li Keqiang."))
    assert proposals.article_date == date(2019, 8, 12)
    assert proposals.source.date.iso() == "2019-08-12"
    event = proposals.event.record
    assert (event.start.iso(), event.end.iso()) == ("2019-08-08", "2019-08-10")
    assert "Staff writer" not in event.summary


def test_dateline_with_a_year_dates_the_article(library):
    proposals = _propose(library, (
        "JAKARTA, May 9, 2024 (Xinhua) -- Cambodian Secretary of State Kung Phoak met Chinese "
        "Vice Foreign Minister Sun Weidong here on Thursday."))
    assert proposals.event.record.start.iso() == "2024-05-09"
    assert proposals.event.record.location == "Jakarta"
    assert proposals.source.publisher == "Xinhua"


def test_summit_held_with_a_month_day_range(library):
    proposals = _propose(library, (
        "The 44th and 45th ASEAN Summits were held in Vientiane, Lao PDR from October 8 to 11, "
        "chaired by Lao Prime Minister Sonexay Siphandone."), date(2024, 10, 12))
    event = proposals.event.record
    assert event.kind == "summit"
    assert (event.start.iso(), event.end.iso()) == ("2024-10-08", "2024-10-11")
    assert event.location == "Vientiane, Lao PDR"
    assert "ASEAN Summits" in event.title
