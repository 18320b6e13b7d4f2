"""The two seed articles, and re-phrasings of them in other house styles
(Xinhua wire, Khmer Times web page, MFAIC press release as text and DOCX)."""
from __future__ import annotations

import io
from datetime import date

import docx

from briefbook.articles import propose, read_article

from .conftest import DATA, SEED_2019, SEED_2024

AUG_12_2019 = date(2019, 8, 12)   # a Monday: "on Sunday" is the 11th, Thursday-Saturday 8-10


def _officials(proposals):
    return {p.record.name: p for p in proposals.officials}


def _partnership_names(proposals):
    return {p.record.name for p in proposals.partnerships}


# -- seed 000: 9 May 2024, KUNG Phoak and SUN Weidong -------------------------------------------
def test_seed_2024_event(library):
    proposals = propose(library, read_article(SEED_2024))
    event = proposals.event.record
    assert (event.start.iso(), event.end) == ("2024-05-09", None)
    assert event.location == "ASEAN Secretariat"
    assert event.kind == "bilateral meeting"
    assert "KUNG Phoak" in event.title and "SUN Weidong" in event.title
    assert event.summary.startswith("On May 9, 2024, His Excellency KUNG Phoak")
    assert not proposals.event.needs_date
    assert any("30th ASEAN-China Senior Officials’ Consultation" in n
               for n in proposals.event.notes)


def test_seed_2024_officials(library):
    officials = _officials(propose(library, read_article(SEED_2024)))
    assert set(officials) == {"KUNG Phoak", "SUN Weidong"}
    kung, sun = officials["KUNG Phoak"], officials["SUN Weidong"]
    assert kung.title == ("Secretary of State at the Ministry of Foreign Affairs and International "
                          "Cooperation and the ASEAN SOM Leader of Cambodia")
    assert [(p.title, p.organization) for p in kung.record.positions] == [
        ("Secretary of State", "Ministry of Foreign Affairs and International Cooperation"),
        ("ASEAN SOM Leader of Cambodia", "")]
    assert (kung.record.honorific, kung.record.address_as) == ("H.E.", "His Excellency")
    assert kung.record.country == "Cambodia" and kung.record.family_name == "Kung"
    assert sun.title.startswith("Vice Foreign Minister and ASEAN SOM Leader of the People")
    assert [p.title for p in sun.record.positions] == [
        "Vice Foreign Minister", "ASEAN SOM Leader of the People’s Republic of China"]
    assert sun.record.country == "China" and sun.record.family_name == "Sun"
    assert all(p.status == "new" and p.action == "create" for p in officials.values())


def test_seed_2024_partnerships_and_source(library):
    proposals = propose(library, read_article(SEED_2024))
    assert _partnership_names(proposals) >= {"ASEAN-China Comprehensive Strategic Partnership"}
    csp = next(p for p in proposals.partnerships
               if p.record.name == "ASEAN-China Comprehensive Strategic Partnership")
    assert csp.record.short_name == "CSP" and csp.record.parties == ["ASEAN", "China"]
    source = proposals.source
    assert source.title == ("Enhancing ASEAN-China Relations: Strengthening People-to-People "
                            "Exchanges")
    assert source.publisher == "MFAIC, via The Better Cambodia"
    assert source.date.iso() == "2024-05-09"


def test_seed_2024_matches_the_sample_library(sample_library):
    proposals = propose(sample_library, read_article(SEED_2024))
    assert {p.match_id for p in proposals.officials} == {"kung-phoak", "sun-weidong"}
    assert all(p.status == "existing" for p in proposals.officials)
    assert [p.match_id for p in proposals.partnerships] == ["asean-china-csp"]
    assert proposals.event.status == "existing"
    assert proposals.event.match_id == "2024-05-09-kung-phoak-sun-weidong"


# -- seed 002: 2019, Prak Sokhonn's official visit to China -----------------------------------
def test_seed_2019_with_the_article_date(library):
    proposals = propose(library, read_article(SEED_2019), article_date=AUG_12_2019)
    event = proposals.event.record
    assert (event.start.iso(), event.end.iso()) == ("2019-08-08", "2019-08-10")
    assert proposals.event.date_text == "from Thursday to Saturday"
    assert event.kind == "official visit"
    assert event.location == "China"
    assert event.title == "Official visit to China of Prak Sokhonn"
    assert event.participants == ["prak-sokhonn", "li-keqiang", "wang-yi"]
    assert proposals.source.date.iso() == "2019-08-12"


def test_seed_2019_without_a_date_asks_for_one(library):
    proposals = propose(library, read_article(SEED_2019))
    assert proposals.event.needs_date
    assert proposals.event.record.start is None
    assert any("Thursday to Saturday" in n and "--date" in n for n in proposals.event.notes)
    assert proposals.source.date is None
    assert any(n.startswith("date:") for n in proposals.source_notes)
    # giving the date later resolves it
    proposals.set_article_date(date(2019, 8, 11))
    assert (proposals.event.record.start.iso(), proposals.event.record.end.iso()) == \
        ("2019-08-08", "2019-08-10")
    assert not proposals.event.needs_date and proposals.source.date.iso() == "2019-08-11"


def test_seed_2019_officials(library):
    officials = _officials(propose(library, read_article(SEED_2019), AUG_12_2019))
    assert set(officials) == {"Prak Sokhonn", "Li Keqiang", "Wang Yi"}
    assert officials["Prak Sokhonn"].title == ("Deputy Prime Minister and Minister of Foreign "
                                               "Affairs and International Cooperation")
    assert officials["Li Keqiang"].title == "Premier"
    assert officials["Li Keqiang"].record.country == "China"
    assert officials["Wang Yi"].title == "State Councillor and Minister of Foreign Affairs"
    assert "Sokhonn" in officials["Prak Sokhonn"].mentions


def test_seed_2019_partnerships(library):
    proposals = propose(library, read_article(SEED_2019), AUG_12_2019)
    by_name = {p.record.name: p.record for p in proposals.partnerships}
    assert set(by_name) == {
        "Action Plan 2019-2023 on Building China-Cambodia Community of Shared Future",
        "Belt and Road Initiative", "ASEAN-China Strategic Partnership", "Asia-Europe Meeting"}
    assert by_name["Belt and Road Initiative"].short_name == "BRI"
    assert by_name["Asia-Europe Meeting"].short_name == "ASEM"
    assert "Asean-China Strategic Partnership" in by_name["ASEAN-China Strategic Partnership"].aliases
    assert by_name["Action Plan 2019-2023 on Building China-Cambodia Community of Shared "
                   "Future"].parties == ["China", "Cambodia"]
    assert set(proposals.event.record.partnerships) == {p.record.id for p in proposals.partnerships}


def test_seed_2019_source(library):
    proposals = propose(library, read_article(SEED_2019), AUG_12_2019)
    source = proposals.source
    assert source.title.startswith("Deputy Prime Minister and Minister of Foreign Affairs")
    # the article does not name its publisher; it reports the ministry's press release
    assert source.publisher == ("Press report of a Ministry of Foreign Affairs and International "
                                "Cooperation press release")
    assert any(n.startswith("publisher:") and "check it" in n for n in proposals.source_notes)
    assert any(n.startswith("title:") for n in proposals.source_notes)


def test_seed_2019_matches_the_sample_library(sample_library):
    proposals = propose(sample_library, read_article(SEED_2019), AUG_12_2019)
    assert [p.match_id for p in proposals.officials] == ["prak-sokhonn", "li-keqiang", "wang-yi"]
    assert [p.match_id for p in proposals.partnerships] == [
        "china-cambodia-community", "bri", "asean-china-csp", "asem"]
    assert all(p.status == "existing" for p in proposals.officials + proposals.partnerships)
    assert proposals.event.match_id == "2019-prak-sokhonn-visit-china"


def test_proposals_are_deterministic(sample_library):
    a = propose(sample_library, read_article(SEED_2019), AUG_12_2019).to_dict()
    b = propose(sample_library, read_article(SEED_2019), AUG_12_2019).to_dict()
    assert a == b


# -- other house styles --------------------------------------------------------------------------
def test_wire_story_with_dateline(sample_library):
    article = read_article(DATA / "xinhua_style_2024.txt")
    undated = propose(sample_library, article)
    assert undated.event.needs_date       # "on Thursday" and "May 9" without a year
    proposals = propose(sample_library, article, article_date=date(2024, 5, 9))
    assert proposals.event.record.start.iso() == "2024-05-09"
    assert proposals.event.record.location == "Jakarta"
    assert proposals.source.publisher == "Xinhua"
    officials = _officials(proposals)
    assert officials["Kung Phoak"].match_id == "kung-phoak"
    assert officials["Kung Phoak"].title.startswith("Secretary of State")
    assert officials["Sun Weidong"].match_id == "sun-weidong"
    assert officials["Sun Weidong"].title == "Vice Foreign Minister"
    assert [p.match_id for p in proposals.partnerships] == ["asean-china-csp"]
    assert proposals.event.match_id == "2024-05-09-kung-phoak-sun-weidong"


def test_news_web_page(library):
    proposals = propose(library, read_article(DATA / "khmer_times_style_2019.html"), AUG_12_2019)
    event = proposals.event.record
    assert (event.start.iso(), event.end.iso(), event.location) == \
        ("2019-08-08", "2019-08-10", "China")
    officials = _officials(proposals)
    assert set(officials) == {"Prak Sokhonn", "Li Keqiang", "Wang Yi"}
    assert officials["Wang Yi"].title == "State Councillor and Foreign Minister"
    names = _partnership_names(proposals)
    assert "Belt and Road Initiative" in names and "Asia-Europe Meeting" in names
    source = proposals.source
    assert (source.title, source.publisher) == \
        ("Sokhonn: Cambodia-China trust at an all-time high", "Khmer Times")
    assert source.url.endswith("sokhonn-cambodia-china-trust")


def _release_docx(tmp_path):
    document = docx.Document()
    for paragraph in (DATA / "mfaic_release_2019.txt").read_text().split("\n\n"):
        document.add_paragraph(paragraph.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "release.docx"
    path.write_bytes(buffer.getvalue())
    return path


def test_ministry_press_release_as_text_and_docx(sample_library, tmp_path):
    for path in (DATA / "mfaic_release_2019.txt", _release_docx(tmp_path)):
        proposals = propose(sample_library, read_article(path), AUG_12_2019)
        officials = _officials(proposals)
        assert [p.match_id for p in proposals.officials] == ["prak-sokhonn", "wang-yi",
                                                             "li-keqiang"], path
        prak = officials["PRAK Sokhonn"]
        assert prak.record.honorific == "H.E."
        assert prak.title.startswith("Deputy Prime Minister, Minister of Foreign Affairs")
        assert officials["LI Keqiang"].title.startswith("Premier of the State Council")
        assert proposals.event.record.kind == "official visit"
        assert proposals.event.match_id == "2019-prak-sokhonn-visit-china"
        assert proposals.source.publisher == ("Ministry of Foreign Affairs and International "
                                              "Cooperation")
        assert proposals.source.title == ("Official Visit of H.E. PRAK Sokhonn to the People's "
                                          "Republic of China")
