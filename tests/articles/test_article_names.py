"""Names as the region writes them: honorific chains, initials and particles, native-script
forms in brackets, counterparts, one-word names, names that look like English words, and
things that are not names (countries of two words, portfolios, royal titles)."""
from __future__ import annotations

import pytest

from briefbook.articles import article_from_text, propose
from briefbook.articles.people import find_people
from briefbook.articles.text import sentences_of


def _people(text: str):
    people, _ = find_people(sentences_of([text]))
    return {p.name: p for p in people}


@pytest.mark.parametrize("text, name, honorific, address", [
    ("Samdech Moha Borvor Thipadei Hun Manet, Prime Minister, spoke.", "Hun Manet",
     "Samdech Moha Borvor Thipadei", "Samdech"),
    ("Samdech Thipadei Hun Manet, Prime Minister, spoke.", "Hun Manet", "Samdech Thipadei",
     "Samdech"),
    ("Foreign Minister Dato' Sri Haji Mohamad bin Haji Hasan spoke.", "Mohamad bin Haji Hasan",
     "Dato' Sri Haji", ""),
    ("Minister Dato Seri Setia Awang Haji Erywan bin Pehin Datu Pekerma Jaya Haji Mohd Yusof "
     "spoke.", "Erywan bin Pehin Datu Pekerma Jaya Haji Mohd Yusof",
     "Dato Seri Setia Awang Haji", ""),
    ("Minister Tengku Datuk Seri Zafrul Abdul Aziz spoke.", "Zafrul Abdul Aziz",
     "Tengku Datuk Seri", ""),
    ("His Excellency Dr. Kao Kim Hourn, Secretary-General of ASEAN, spoke.", "Kao Kim Hourn",
     "H.E. Dr.", "His Excellency"),
    ("Secretary-General Tan Sri Amran Mohamed Zin spoke.", "Amran Mohamed Zin", "Tan Sri", ""),
])
def test_honorific_chains_are_not_part_of_the_name(text, name, honorific, address):
    person = _people(text)[name]
    assert (person.honorific, person.address_as) == (honorific, address)


def test_an_extension_word_alone_is_part_of_a_name():
    """'Sri' extends an honorific only right after one: Sri Mulyani keeps her name."""
    people = _people("Finance Minister Sri Mulyani Indrawati met Datuk Seri Anwar Ibrahim, "
                     "Prime Minister of Malaysia.")
    assert set(people) == {"Sri Mulyani Indrawati", "Anwar Ibrahim"}


@pytest.mark.parametrize("text, name", [
    ("Foreign Minister Retno L.P. Marsudi received him.", "Retno L.P. Marsudi"),
    ("Secretary of Foreign Affairs Ma. Theresa P. Lazaro met him.", "Ma. Theresa P. Lazaro"),
    ("President Ferdinand R. Marcos Jr. met him.", "Ferdinand R. Marcos Jr."),
    ("Vietnamese Ambassador Nguyen Thi Minh Thu met him.", "Nguyen Thi Minh Thu"),
    ("South Korean Foreign Minister Cho Tae-yul met him.", "Cho Tae-yul"),
    ("Vietnamese General Secretary To Lam met him.", "To Lam"),
    ("European Commission President Ursula von der Leyen met him.", "Ursula von der Leyen"),
])
def test_initials_particles_and_words_that_look_english(text, name):
    assert name in _people(text)
    assert len(sentences_of([text])) == 1          # "Ma." and "L.P." end no sentence


@pytest.mark.parametrize("text, name, native", [
    ("Foreign Minister Wang Yi (王毅) met him.", "Wang Yi", "王毅"),
    ("H.E. Sok Chenda Sophea (សុខ ចិន្ដា សោភា), Deputy Prime Minister, met him.",
     "Sok Chenda Sophea", "សុខ ចិន្ដា សោភា"),
    ("H.E. Mr. Bui Thanh Son (Bùi Thanh Sơn), Minister of Foreign Affairs, met him.",
     "Bui Thanh Son", "Bùi Thanh Sơn"),
    ("Mr. Maris Sangiampongsa (มาริษ เสงี่ยมพงษ์), Minister of Foreign Affairs, met him.",
     "Maris Sangiampongsa", "มาริษ เสงี่ยมพงษ์"),
])
def test_native_script_name_in_brackets_and_the_title_after_it(text, name, native):
    person = _people(text)[name]
    assert person.native == native
    assert person.title.startswith(("Foreign Minister", "Deputy Prime Minister",
                                    "Minister of Foreign Affairs"))


def test_a_bracket_that_is_not_the_name_is_ignored():
    person = _people("Prime Minister Hun Manet (right) met Ambassador Ueno Atsushi.")["Hun Manet"]
    assert person.native == ""


def test_counterpart_takes_the_title_and_country_it_is_given():
    people = _people("Japanese Foreign Minister Takeshi Iwaya and his Philippine counterpart "
                     "Ma. Theresa Lazaro agreed Wednesday to step up cooperation.")
    lazaro = people["Ma. Theresa Lazaro"]
    assert (lazaro.title, lazaro.country) == ("Foreign Minister", "Philippines")
    assert "counterpart of Takeshi Iwaya" in lazaro.notes[0]


def test_a_stated_title_wins_over_an_inferred_one():
    people = _people("Prime Minister Anwar Ibrahim and his Vietnamese counterpart Pham Minh "
                     "Chinh, Prime Minister of Viet Nam, held talks.")
    assert people["Pham Minh Chinh"].title == "Prime Minister of Viet Nam"
    assert people["Pham Minh Chinh"].notes == []


@pytest.mark.parametrize("text, not_a_person", [
    ("H.E. Dr. Nguyen Van Khanh, outgoing Ambassador of Viet Nam to Cambodia, called.",
     "Viet Nam"),
    ("He thanked the Ambassador of New Zealand to ASEAN, Mr. Tim Haddon, for his work.",
     "New Zealand"),
    ("His Majesty Sultan Haji Hassanal Bolkiah, the Sultan and Yang Di-Pertuan of Brunei "
     "Darussalam, received him.", "Yang Di-Pertuan"),
    ("He met Minister of Foreign Affairs II Dato Erywan Yusof.", "II Dato"),
    ("The Deputy Prime Minister and Minister of Foreign Affairs of the Socialist Republic of "
     "Viet Nam, H.E. Bui Thanh Son, visited.", "Socialist"),
])
def test_countries_and_titles_are_not_people(text, not_a_person):
    people = _people(text)
    assert not_a_person not in people and people


def test_outgoing_and_visiting_are_not_part_of_a_title():
    people = _people("H.E. Dr. Nguyen Van Khanh, outgoing Ambassador of Viet Nam to Cambodia, "
                     "called on the visiting Chinese Vice Foreign Minister Sun Weidong.")
    assert people["Nguyen Van Khanh"].title == "Ambassador of Viet Nam to Cambodia"
    assert people["Nguyen Van Khanh"].country == "Vietnam"
    assert people["Sun Weidong"].title == "Vice Foreign Minister"


def test_portfolio_list_before_a_title():
    people = _people("Also present were Foreign Minister Mohamad Hasan and Investment, Trade and "
                     "Industry Minister Tengku Zafrul Aziz.")
    assert people["Zafrul Aziz"].title == "Investment, Trade and Industry Minister"
    assert people["Mohamad Hasan"].title == "Foreign Minister"


def test_country_of_a_title_ending_in_of_country():
    people = _people("Dato' Seri Utama Mohamad Hasan, Minister of Foreign Affairs of Malaysia, "
                     "and Tan Sri Amran Zin, Secretary-General of the Ministry of Foreign "
                     "Affairs of Malaysia, attended.")
    assert people["Mohamad Hasan"].country == "Malaysia"
    assert people["Amran Zin"].country == "Malaysia"


def test_a_name_in_capitals_takes_the_body_spelling():
    people = _people("H.E. Mr. Bui Thanh Son, Deputy Prime Minister, arrived. "
                     "Mr. BUI THANH SON thanked his hosts.")
    assert list(people) == ["Bui Thanh Son"]


def test_headline_in_capitals_gives_no_people():
    assert _people("JOINT PRESS STATEMENT ON THE OFFICIAL VISIT OF H.E. MR. BUI THANH SON, "
                   "DEPUTY PRIME MINISTER") == {}


@pytest.mark.parametrize("country, text, family", [
    ("Laos", "Lao Foreign Minister Thongsavanh Phomvihane", "Phomvihane"),
    ("Cambodia", "Cambodian Foreign Minister Sok Chenda Sophea", "Sok"),
    ("Vietnam", "Vietnamese Foreign Minister Bui Thanh Son", "Bui"),
    ("Thailand", "Thai Foreign Minister Maris Sangiampongsa", "Sangiampongsa"),
    ("Japan", "Japanese Foreign Minister Takeshi Iwaya", ""),        # order varies in English
    ("Japan", "Japanese Prime Minister ISHIBA Shigeru", "Ishiba"),   # capitals mark it
    ("Malaysia", "Malaysian Foreign Minister Mohamad bin Haji Hasan", ""),   # patronymic
])
def test_family_name_by_naming_custom(country, text, family):
    person = next(iter(_people(text + " spoke.").values()))
    assert (person.country, person.family_name) == (country, family)


def test_one_word_name_after_a_title(library):
    proposals = propose(library, article_from_text(
        "Foreign Minister Sugiono met Premier Li on Friday in Jakarta."))
    names = {p.record.name: p for p in proposals.officials}
    assert list(names) == ["Sugiono"]                  # "Li" is a surname, not a whole name
    assert "one name only" in names["Sugiono"].notes[0]


def test_lower_case_titles_of_news_agencies():
    people = _people("The meeting was co-chaired by Lam Chea, Cambodia's senior minister in "
                     "charge of border affairs, and Prasas Prasasvinitchai, head of the Thai "
                     "delegation.")
    assert people["Lam Chea"].title == "senior minister in charge of border affairs"
    assert people["Lam Chea"].country == "Cambodia"
    assert people["Prasas Prasasvinitchai"].title == "head of the Thai delegation"


@pytest.mark.parametrize("text", [
    "Hun Manet, who met the minister on Friday, said so.",
    "Wang Yi, the minister said, would come.",
    "Sokhonn, Smith's adviser, said so.",
])
def test_lower_case_clauses_that_are_not_titles(text):
    assert all(not p.title for p in _people(text).values())
