"""Officials: honorifics, titles, country; matching to the library; surname-only mentions."""
from __future__ import annotations

from briefbook.articles import article_from_text, propose
from briefbook.articles.matching import name_similarity
from briefbook.articles.people import find_people
from briefbook.articles.text import sentences_of


def _people(text: str):
    people, _ = find_people(sentences_of([text]))
    return {p.name: p for p in people}


def test_title_before_name_with_nationality():
    people = _people("He met with Chinese Premier Li Keqiang and State Councillor and Minister of "
                     "Foreign Affairs Wang Yi.")
    assert people["Li Keqiang"].title == "Premier"
    assert people["Li Keqiang"].country == "China"
    assert people["Wang Yi"].title == "State Councillor and Minister of Foreign Affairs"


def test_possessive_country_before_title():
    people = _people("China's Vice Foreign Minister Sun Weidong met Cambodia’s Secretary of State "
                     "Kung Phoak in Jakarta.")
    assert people["Sun Weidong"].title == "Vice Foreign Minister"
    assert people["Sun Weidong"].country == "China"
    assert people["Kung Phoak"].country == "Cambodia"


def test_honorifics_and_appositive_titles():
    people = _people("Samdech Moha Bovor Thipadei Hun Manet, Prime Minister of the Kingdom of "
                     "Cambodia, received H.E. Mr. SUN Weidong, Vice Foreign Minister of China, "
                     "and Her Excellency Ms. Kung Phoak.")
    assert people["Hun Manet"].honorific == "Samdech Moha Bovor Thipadei"   # rank kept
    assert people["Hun Manet"].address_as == "Samdech"
    assert people["Hun Manet"].title == "Prime Minister of the Kingdom of Cambodia"
    assert people["Hun Manet"].country == "Cambodia"
    assert people["SUN Weidong"].honorific == "H.E."
    assert people["SUN Weidong"].title == "Vice Foreign Minister of China"
    assert people["SUN Weidong"].family_name == "Sun"
    assert people["Kung Phoak"].address_as == "Her Excellency"


def test_comma_inside_a_title():
    people = _people("H.E. PRAK Sokhonn, Deputy Prime Minister, Minister of Foreign Affairs and "
                     "International Cooperation of the Kingdom of Cambodia, paid a visit.")
    assert people["PRAK Sokhonn"].title == ("Deputy Prime Minister, Minister of Foreign Affairs "
                                            "and International Cooperation of the Kingdom of "
                                            "Cambodia")


def test_titles_without_names_and_organisations_are_not_people():
    people = _people("The discussions between His Excellency Secretary of State and His "
                     "Excellency Vice Foreign Minister centered on the ASEAN-China Dialogue "
                     "Partnership, the Belt and Road Initiative and the People's Republic of China "
                     "at the ASEAN Secretariat in Phnom Penh on Thursday, May 9.")
    assert people == {}


def test_surname_only_mentions_join_the_full_name():
    people = _people("Deputy Prime Minister Prak Sokhonn met Premier Li Keqiang. Sokhonn’s remarks "
                     "followed. Premier Li said. Sokhonn stressed.")
    assert set(people) == {"Prak Sokhonn", "Li Keqiang"}
    assert people["Prak Sokhonn"].mentions.count("Sokhonn") == 1
    assert "Li" in people["Li Keqiang"].mentions


def test_name_similarity_tolerates_case_order_accents_and_spelling():
    assert name_similarity(["KUNG", "Phoak"], ["Kung", "Phoak"]) == 1.0
    assert name_similarity(["Phoak", "Kung"], ["KUNG", "Phoak"]) == 1.0
    assert name_similarity(["Prak", "Sokhon"], ["PRAK", "Sokhonn"]) >= 0.88
    assert name_similarity(["Sok", "Chenda"], ["Sok", "Chenda", "Sophea"]) >= 0.85
    assert name_similarity(["Sun", "Chunlan"], ["SUN", "Weidong"]) == 0.0
    assert name_similarity(["Wang", "Yu"], ["Wang", "Yi"]) == 0.0
    assert name_similarity(["Sokhonn"], ["Prak", "Sokhonn"]) == 0.0  # surname only: elsewhere


def test_matching_misspelled_and_surname_only_against_the_library(sample_library):
    article = article_from_text(
        "Deputy Prime Minister and Foreign Minister Prak Sokhon met Chinese Vice Premier Sun "
        "Chunlan on Friday. Sokhon also had talks with Premier Li.")
    proposals = propose(sample_library, article)
    by_name = {p.record.name: p for p in proposals.officials}
    assert by_name["Prak Sokhon"].status == "existing"
    assert by_name["Prak Sokhon"].match_id == "prak-sokhonn"
    assert any("spells the name" in n for n in by_name["Prak Sokhon"].notes)
    # same surname as SUN Weidong, another person: offered as new
    assert by_name["Sun Chunlan"].status == "new" and by_name["Sun Chunlan"].match_id is None
    assert by_name["Sun Chunlan"].title == "Vice Premier"
    # "Premier Li" alone is the library's Premier LI Keqiang
    li = by_name["LI Keqiang"]
    assert li.status == "existing" and li.match_id == "li-keqiang"
    assert len(proposals.officials) == 3


def test_country_conflict_prevents_a_match(sample_library):
    article = article_from_text("Singaporean Minister for Foreign Affairs Wang Yi said on Friday.")
    (wang,) = propose(sample_library, article).officials
    assert wang.status == "new" and wang.record.country == "Singapore"


def test_native_script_names_find_library_officials(sample_library):
    article = article_from_text("外交部长王毅会见柬埔寨副首相兼外交大臣ប្រាក់ សុខុន。Both sides met on Friday.")
    proposals = propose(sample_library, article)
    assert {p.match_id for p in proposals.officials} == {"wang-yi", "prak-sokhonn"}
    assert all(p.status == "existing" for p in proposals.officials)


def test_known_partnerships_by_short_name_and_alias(sample_library):
    proposals = propose(sample_library, (
        "H.E. KUNG Phoak, Secretary of State, said the ASEAN-China CSP and BRI projects were "
        "discussed on 9 May 2024, as well as the Asean-China Strategic Partnership and the Asem "
        "process."))
    assert [p.match_id for p in proposals.partnerships] == ["asean-china-csp", "bri", "asem"]
    csp = proposals.partnerships[0]
    assert "ASEAN-China CSP" in csp.mentions and "Asean-China Strategic Partnership" in csp.mentions


def test_propose_accepts_a_path_text_and_a_date_string(library, tmp_path):
    from .conftest import SEED_2019
    by_path = propose(library, str(SEED_2019), "2019-08-12")
    by_text = propose(library, SEED_2019.read_text(), "2019-08-12")
    assert by_path.to_dict()["event"] == by_text.to_dict()["event"]
    assert by_path.event.record.start.iso() == "2019-08-08"
    import pytest
    from briefbook.articles import ArticleError
    with pytest.raises(ArticleError, match="YYYY-MM-DD"):
        propose(library, "Some text.", "12/08/2019")


def test_more_title_forms():
    people = _people("ASEAN Secretary-General Dr. Kao Kim Hourn met Vietnamese Prime Minister Pham "
                     "Minh Chinh and Mr. Antony Blinken, the U.S. Secretary of State.")
    assert (people["Kao Kim Hourn"].honorific, people["Kao Kim Hourn"].title) == \
        ("Dr.", "ASEAN Secretary-General")
    assert (people["Pham Minh Chinh"].title, people["Pham Minh Chinh"].country) == \
        ("Prime Minister", "Vietnam")
    assert (people["Antony Blinken"].title, people["Antony Blinken"].country) == \
        ("Secretary of State", "United States")


def test_title_set_off_by_a_comma_is_not_stolen_from_a_neighbour():
    people = _people("Ambassador of the People's Republic of China to Cambodia, H.E. Wang Wenbin, "
                     "paid a courtesy call.")
    assert people["Wang Wenbin"].title == ("Ambassador of the People's Republic of China to "
                                           "Cambodia")
    people = _people("H.E. KUNG Phoak, the Secretary of State at the Ministry, H.E. SUN Weidong "
                     "met.")
    assert people["KUNG Phoak"].title == "Secretary of State at the Ministry"
    assert people["SUN Weidong"].title == ""


def test_same_office_said_two_ways():
    from briefbook.articles.matching import titles_overlap
    assert titles_overlap("Deputy Prime Minister and Foreign Minister", "Deputy Prime Minister "
                          "and Minister of Foreign Affairs and International Cooperation")
    assert titles_overlap("State Councilor and Minister of Foreign Affairs of the People's "
                          "Republic of China", "State Councillor and Minister of Foreign Affairs")
    assert titles_overlap("Premier of the State Council", "Premier")
    assert not titles_overlap("Vice Premier", "Premier")
    assert not titles_overlap("Minister of Commerce", "Deputy Prime Minister")


def test_merging_does_not_add_the_same_office_again(sample_library):
    from briefbook.articles import apply_import
    from .conftest import DATA
    apply_import(sample_library, propose(sample_library, DATA / "khmer_times_style_2019.html",
                                         "2019-08-12"))
    apply_import(sample_library, propose(sample_library, DATA / "mfaic_release_2019.txt",
                                         "2019-08-12"))
    for official_id in ("prak-sokhonn", "wang-yi", "li-keqiang"):
        assert len(sample_library.get(f"official:{official_id}").positions) == 1, official_id
