"""Articles the importer was not written against (invented, in the style of the region's
foreign ministries and news agencies; see data/unseen/README.md): the proposals a protocol
officer would accept, against the sample library and against an empty one."""
from __future__ import annotations

import re
from datetime import date

import pytest

from briefbook.articles import apply_import, plan_import, propose, read_article
from briefbook.articles.matching import fold

from .conftest import DATA
from .unseen_docx import build as build_docx

UNSEEN = DATA / "unseen"

# file -> (article date given on the command line or None, expectations)
CASES = {
    "fmprc_wang_yi_meets.txt": (None, {
        "event": ("Meeting of Wang Yi and Prak Sokhonn", "bilateral meeting", "2026-03-12", None,
                  "Beijing"),
        "officials": {
            "Wang Yi": {"title": "Member of the Political Bureau of the CPC Central Committee "
                                 "and Foreign Minister", "native_name": "王毅"},
            "Prak Sokhonn": {"title": "Deputy Prime Minister and Minister of Foreign Affairs and "
                                      "International Cooperation", "country": "Cambodia"},
        },
        "participants": ["Wang Yi", "Prak Sokhonn"],
        "matches": {"Wang Yi": "wang-yi", "Prak Sokhonn": "prak-sokhonn"},
        "partnerships": ["Belt and Road Initiative", "Global Development Initiative"],
        "source": ("Wang Yi Meets with Cambodian Deputy Prime Minister and Foreign Minister "
                   "Prak Sokhonn", "", "2026-03-12"),
    }),
    "mfaic_joint_press_statement.txt": (None, {
        "event": ("Official visit to Cambodia of Bui Thanh Son", "official visit", "2026-11-22",
                  "2026-11-23", "Cambodia"),
        "officials": {
            "Bui Thanh Son": {"title": "Deputy Prime Minister and Minister of Foreign Affairs of "
                                       "the Socialist Republic of Viet Nam",
                              "honorific": "H.E.", "native_name": "Bùi Thanh Sơn",
                              "country": "Vietnam", "family_name": "Bui"},
            "Sok Chenda Sophea": {"title": "Deputy Prime Minister, Minister of Foreign Affairs "
                                           "and International Cooperation of the Kingdom of "
                                           "Cambodia", "native_name": "សុខ ចិន្ដា សោភា",
                                  "country": "Cambodia", "family_name": "Sok"},
            "Hun Manet": {"title": "Prime Minister of the Kingdom of Cambodia",
                          "honorific": "Samdech Moha Borvor Thipadei", "address_as": "Samdech"},
            "Khuon Sudary": {"title": "President of the National Assembly",
                             "honorific": "Samdech"},
        },
        "participants": ["Bui Thanh Son", "Sok Chenda Sophea", "Hun Manet", "Khuon Sudary"],
        "source": ("Joint Press Statement on the Official Visit of H.E. Mr. Bui Thanh Son, Deputy "
                   "Prime Minister and Minister of Foreign Affairs of the Socialist Republic of "
                   "Viet Nam, to the Kingdom of Cambodia",
                   "Ministry of Foreign Affairs and International Cooperation, Kingdom of "
                   "Cambodia", "2026-11-23"),
    }),
    "xinhua_asean_secretariat.txt": (date(2026, 11, 23), {
        "event": ("Meeting of Kao Kim Hourn and Sun Weidong", "bilateral meeting", "2026-11-23",
                  None, "ASEAN Secretariat"),
        "officials": {
            "Kao Kim Hourn": {"title": "ASEAN Secretary-General"},
            "Sun Weidong": {"title": "Vice Foreign Minister", "country": "China"},
            "Hou Yanqi": {"title": "Ambassador to ASEAN", "country": "China"},
        },
        "participants": ["Kao Kim Hourn", "Sun Weidong", "Hou Yanqi"],
        "matches": {"Sun Weidong": "sun-weidong"},
        "partnerships": ["ASEAN-China Comprehensive Strategic Partnership",
                         "ASEAN-China Free Trade Area"],
        "source": ("ASEAN chief meets Chinese vice FM on cooperation, South China Sea code",
                   "Xinhua", "2026-11-23"),
        "not_in_text": ["Enditem"],
    }),
    "kyodo_japan_philippines.txt": (date(2025, 1, 15), {
        "event": ("Meeting of Takeshi Iwaya and Ma. Theresa Lazaro", "bilateral meeting",
                  "2025-01-15", None, "Tokyo"),
        "officials": {
            "Takeshi Iwaya": {"title": "Foreign Minister", "country": "Japan"},
            "Ma. Theresa Lazaro": {"title": "Foreign Minister", "country": "Philippines"},
            "Shigeru Ishiba": {"title": "Prime Minister"},
        },
        "participants": ["Takeshi Iwaya", "Ma. Theresa Lazaro"],
        "source": ("Japan, Philippines agree to step up maritime security cooperation",
                   "Kyodo News", "2025-01-15"),
    }),
    "thai_mfa_laos.txt": (None, {
        "event": ("Meeting of Maris Sangiampongsa and Thongsavanh Phomvihane",
                  "bilateral meeting", "2026-11-23", None, "Ministry of Foreign Affairs, Bangkok"),
        "officials": {
            "Maris Sangiampongsa": {"title": "Minister of Foreign Affairs of the Kingdom of "
                                             "Thailand", "native_name": "มาริษ เสงี่ยมพงษ์",
                                    "country": "Thailand", "family_name": "Sangiampongsa"},
            "Thongsavanh Phomvihane": {"title": "Minister of Foreign Affairs of the Lao People's "
                                                "Democratic Republic", "honorific": "H.E.",
                                       "country": "Laos", "family_name": "Phomvihane"},
            "Paetongtarn Shinawatra": {"title": "Prime Minister of Thailand",
                                       "country": "Thailand"},
        },
        "participants": ["Maris Sangiampongsa", "Thongsavanh Phomvihane",
                         "Paetongtarn Shinawatra"],
        "source": ("Foreign Minister of Thailand Meets with Minister of Foreign Affairs of the "
                   "Lao PDR", "Department of Information, Ministry of Foreign Affairs of the "
                   "Kingdom of Thailand", "2026-11-23"),
    }),
    "mofa_singapore_brunei.txt": (None, {
        "event": ("Official visit to Brunei of Vivian Balakrishnan", "official visit",
                  "2026-03-10", "2026-03-12", "Brunei"),
        "officials": {
            "Vivian Balakrishnan": {"title": "Minister for Foreign Affairs", "honorific": "Dr."},
            "Hassanal Bolkiah Mu'izzaddin Waddaulah": {
                "title": "Sultan and Yang Di-Pertuan of Brunei Darussalam",
                "address_as": "His Majesty", "country": "Brunei"},
            "Erywan bin Pehin Datu Pekerma Jaya Haji Mohd Yusof": {
                "title": "Minister of Foreign Affairs II",
                "honorific": "Dato Seri Setia Awang Haji"},
            "Lawrence Wong": {"title": "Prime Minister"},
        },
        "participants": ["Vivian Balakrishnan", "Hassanal Bolkiah Mu'izzaddin Waddaulah",
                         "Erywan bin Pehin Datu Pekerma Jaya Haji Mohd Yusof"],
        "absent": ["Yang Di-Pertuan", "II Dato"],
        "source": ("Minister for Foreign Affairs Dr Vivian Balakrishnan's Official Visit to "
                   "Brunei Darussalam, 10 to 12 March 2026", "Ministry of Foreign Affairs, "
                   "Singapore", "2026-03-12"),
    }),
    "asean_sg_courtesy.txt": (None, {
        "event": ("Meeting of Kao Kim Hourn and KIYA Masahiko", "bilateral meeting",
                  "2026-11-23", None, "ASEAN Secretariat"),
        "officials": {
            "Kao Kim Hourn": {"title": "Secretary-General of ASEAN", "honorific": "Dr."},
            "KIYA Masahiko": {"title": "Ambassador of Japan to ASEAN", "honorific": "H.E.",
                              "country": "Japan", "family_name": "Kiya"},
        },
        "participants": ["Kao Kim Hourn", "KIYA Masahiko"],
        "partnerships": ["ASEAN-Japan Comprehensive Strategic Partnership"],
        "source": ("Secretary-General of ASEAN receives courtesy call by Ambassador of Japan to "
                   "ASEAN", "", "2026-11-23"),
        "not_in_text": ["Share this", "Twitter"],
    }),
    "vna_vietnam_cambodia.txt": (date(2026, 12, 6), {
        "event": ("Meeting of Phạm Minh Chính and Hun Manet", "bilateral meeting", "2026-12-05",
                  None, "Phnom Penh"),
        "officials": {
            "Phạm Minh Chính": {"title": "Prime Minister"},
            "Hun Manet": {"title": "Prime Minister", "country": "Cambodia",
                          "honorific": "Samdech Thipadei"},
            "Nguyen Thi Minh Thu": {"title": "Ambassador to Cambodia", "country": "Vietnam",
                                    "family_name": "Nguyen"},
            "Cham Nimul": {"title": "Minister of Commerce", "country": "Cambodia"},
        },
        "participants": ["Phạm Minh Chính", "Hun Manet", "Nguyen Thi Minh Thu", "Cham Nimul"],
        "absent": ["Thipadei Hun Manet"],
        "source": ("Viet Nam, Cambodia agree to lift bilateral trade to 20 billion USD", "VNA",
                   "2026-12-06"),
        "not_in_text": ["(VNA)"],
    }),
    "mofa_japan_summit.txt": (None, {
        "event": ("Meeting of ISHIBA Shigeru and HUN Manet", "bilateral meeting", "2026-11-23",
                  None, "Japan"),
        "officials": {
            "ISHIBA Shigeru": {"title": "Prime Minister of Japan", "country": "Japan",
                               "family_name": "Ishiba"},
            "HUN Manet": {"title": "Prime Minister of the Kingdom of Cambodia",
                          "honorific": "Samdech Thipadei", "family_name": "Hun"},
            "Pich Chanmony": {},
            "ISHIBA Yoshiko": {"family_name": "Ishiba"},
        },
        "source": ("Japan-Cambodia Summit Meeting", "", "2026-11-23"),
    }),
    "kpl_laos_china.txt": (None, {
        "event": ("Meeting of Thongsavanh Phomvihane and Wang Yi", "bilateral meeting",
                  "2026-11-22", None, "Vientiane"),
        "officials": {
            "Thongsavanh Phomvihane": {"title": "Deputy Prime Minister and Minister of Foreign "
                                                "Affairs"},
            "Wang Yi": {"title": "Member of the Political Bureau of the CPC Central Committee and "
                                 "Minister of Foreign Affairs", "country": "China"},
            "Thongloun Sisoulith": {"title": "President", "native_name": "ທອງລຸນ ສີສຸລິດ"},
            "Sonexay Siphandone": {"title": "Prime Minister"},
        },
        "matches": {"Wang Yi": "wang-yi"},
        "partnerships": ["Action Plan on Building the Laos-China Community with a Shared Future"],
        "source": ("Lao, Chinese foreign ministers hold talks in Vientiane", "KPL", "2026-11-23"),
    }),
    "khmer_times_hun_manet_receives.html": (None, {
        "event": ("Meeting of Hun Manet and Ueno Atsushi", "bilateral meeting", "2026-11-23",
                  None, "Peace Palace, Phnom Penh"),
        "officials": {
            "Hun Manet": {"title": "Prime Minister"},
            "Ueno Atsushi": {"title": "Ambassador to Cambodia", "country": "Japan"},
            "Kung Phoak": {"title": "Secretary of State at the Ministry of Foreign Affairs and "
                                    "International Cooperation"},
        },
        "participants": ["Hun Manet", "Ueno Atsushi", "Kung Phoak"],
        "matches": {"Kung Phoak": "kung-phoak"},
        "source": ("PM Hun Manet receives outgoing Japanese Ambassador", "Khmer Times",
                   "2026-11-24"),
        "not_in_text": ["cookies", "Most Read", "Gold price", "Related Posts", "googletag",
                        "Advertisement", "Telegram"],
    }),
    "the_star_anwar.html": (None, {
        "event": ("Meeting of Anwar Ibrahim and Pham Minh Chinh", "bilateral meeting",
                  "2026-06-04", None, "Perdana Putra"),
        "officials": {
            "Anwar Ibrahim": {"title": "Prime Minister", "honorific": "Datuk Seri"},
            "Pham Minh Chinh": {"title": "Prime Minister", "country": "Vietnam"},
            "Mohamad Hasan": {"title": "Foreign Minister", "honorific": "Datuk Seri"},
            "Zafrul Abdul Aziz": {"title": "Investment, Trade and Industry Minister",
                                  "honorific": "Tengku Datuk Seri"},
        },
        "participants": ["Anwar Ibrahim", "Pham Minh Chinh", "Mohamad Hasan",
                         "Zafrul Abdul Aziz"],
        "absent": ["Martin Carvalho", "MARTIN CARVALHO"],
        "source": ("Anwar, Vietnamese PM agree to elevate ties", "The Star", "2026-06-04"),
        "not_in_text": ["cookies", "ALSO READ", "Keywords", "log in"],
    }),
    "kemlu_indonesia_singapore.html": (None, {
        "event": ("Meeting of Retno L.P. Marsudi and Vivian Balakrishnan", "bilateral meeting",
                  "2026-02-05", None, "Ministry of Foreign Affairs, Jakarta"),
        "officials": {
            "Retno L.P. Marsudi": {"title": "Foreign Minister of the Republic of Indonesia",
                                   "country": "Indonesia"},
            "Vivian Balakrishnan": {"title": "Minister for Foreign Affairs of the Republic of "
                                             "Singapore", "country": "Singapore",
                                    "honorific": "Dr."},
        },
        "participants": ["Retno L.P. Marsudi", "Vivian Balakrishnan"],
        "source": ("Indonesia and Singapore Strengthen Economic Cooperation and People-to-People "
                   "Links", "Kementerian Luar Negeri Republik Indonesia", "2026-02-05"),
        "not_in_text": ["Skip to main content", "Latest News", "G20", "Pejambon"],
    }),
    "dfa_release.docx": (None, {
        "event": ("Meeting of Ma. Theresa P. Lazaro and Mohamad bin Haji Hasan",
                  "bilateral meeting", "2026-11-22", None, "Kuala Lumpur"),
        "officials": {
            "Ma. Theresa P. Lazaro": {"title": "Secretary of Foreign Affairs"},
            "Mohamad bin Haji Hasan": {"title": "Foreign Minister of Malaysia",
                                       "honorific": "Dato' Sri Haji", "country": "Malaysia",
                                       "family_name": ""},
            "Amran Mohamed Zin": {"title": "Secretary-General of the Ministry of Foreign Affairs "
                                           "of Malaysia", "honorific": "Tan Sri"},
        },
        "participants": ["Ma. Theresa P. Lazaro", "Mohamad bin Haji Hasan",
                         "Amran Mohamed Zin"],
        "absent": ["Haji Mohamad"],
        "source": ("Secretary Lazaro Holds Bilateral Meeting with Malaysian Foreign Minister",
                   "Office of Public and Cultural Diplomacy, Department of Foreign Affairs, "
                   "Republic of the Philippines", "2026-11-23"),
        "not_in_text": ["Roxas Boulevard", "Page 1", "PRESS RELEASE"],
    }),
}
# Words that never belong in a person's name, whatever the article.
NOT_NAME_WORDS = {"ministry", "kingdom", "republic", "minister", "secretary", "president",
                  "ambassador", "excellency", "samdech", "thipadei", "dato", "datuk", "tan",
                  "h.e", "mr", "ms", "mrs", "mme", "dr", "share", "facebook", "cookies",
                  "statement", "press", "nam", "socialist", "department", "prime"}


def _path(name: str, tmp_path):
    if name.endswith(".docx"):
        return build_docx(tmp_path / name)
    return UNSEEN / name


def _officials_by_name(proposals):
    return {p.record.name: p for p in proposals.officials}


def _check(proposals, spec, library_is_sample: bool):
    event = proposals.event.record
    title, kind, start, end, location = spec["event"]
    assert (event.title, event.kind, event.location) == (title, kind, location)
    assert (event.start.iso() if event.start else None, event.end.iso() if event.end else None) \
        == (start, end)
    by_name = _officials_by_name(proposals)
    assert set(by_name) == set(spec["officials"]), sorted(by_name)
    for name, fields in spec["officials"].items():
        proposal = by_name[name]
        record = proposal.record
        for field, wanted in fields.items():
            got = proposal.title if field == "title" else getattr(record, field)
            assert got == wanted, (name, field, got)
    if "participants" in spec:
        ids = {p.record.name: (p.target if p.action in ("merge", "link") else p.record.id)
               for p in proposals.officials}
        assert event.participants == [ids[n] for n in spec["participants"]]
    for name in spec.get("absent", []):
        assert all(fold(name) != fold(p.record.name) for p in proposals.officials)
    matches = spec.get("matches", {}) if library_is_sample else {}
    for name, proposal in by_name.items():
        if name in matches:
            assert (proposal.status, proposal.match_id, proposal.action) == \
                ("existing", matches[name], "merge")
        else:
            assert (proposal.status, proposal.action) == ("new", "create"), name
    if "partnerships" in spec:
        assert sorted(p.record.name for p in proposals.partnerships) == sorted(spec["partnerships"])
    source_title, publisher, source_date = spec["source"]
    assert proposals.source.title == source_title
    assert proposals.source.publisher == publisher
    assert (proposals.source.date.iso() if proposals.source.date else None) == source_date


def _check_invariants(proposals):
    """What holds for any article: no furniture or office words taken as a person, nobody
    twice, every record serialisable and plannable."""
    names = [fold(p.record.name) for p in proposals.officials]
    assert len(names) == len(set(names)), names
    for p in proposals.officials:
        words = {w.strip(".'’") for w in fold(p.record.name).split()}
        assert not words & NOT_NAME_WORDS, p.record.name
        assert p.record.name == p.record.name.strip() and len(p.record.name) > 2
    proposals.to_dict()


@pytest.mark.parametrize("name", sorted(CASES))
def test_unseen_article_against_the_sample_library(name, sample_library, tmp_path):
    when, spec = CASES[name]
    article = read_article(_path(name, tmp_path))
    story = " ".join(_cleaned(article))
    for furniture in spec.get("not_in_text", []):
        assert furniture not in story, furniture
    proposals = propose(sample_library, article, when)
    _check(proposals, spec, library_is_sample=True)
    _check_invariants(proposals)
    plan_import(sample_library, proposals)


@pytest.mark.parametrize("name", sorted(CASES))
def test_unseen_article_against_an_empty_library(name, library, tmp_path):
    when, spec = CASES[name]
    proposals = propose(library, read_article(_path(name, tmp_path)), when)
    _check(proposals, spec, library_is_sample=False)
    _check_invariants(proposals)


def _cleaned(article):
    from briefbook.articles.furniture import strip_furniture
    return strip_furniture(article.paragraphs, article.meta_title).paragraphs


def test_applied_article_is_recognised_when_imported_again(sample_library):
    path = UNSEEN / "mfaic_joint_press_statement.txt"
    apply_import(sample_library, propose(sample_library, read_article(path)))
    again = propose(sample_library, read_article(path))
    assert again.event.status == "existing"
    assert {p.status for p in again.officials} == {"existing"}
    assert sample_library.get("official:bui-thanh-son").native_name == "Bùi Thanh Sơn"
    assert sample_library.get("official:hun-manet").honorific == "Samdech Moha Borvor Thipadei"


def test_same_person_across_articles_is_one_official(library, tmp_path):
    """Lazaro as 'Ma. Theresa P. Lazaro' (DFA) and 'Ma. Theresa Lazaro' (Kyodo); Mohamad
    Hasan with and without 'bin Haji'; Hun Manet with and without 'Samdech Thipadei'."""
    apply_import(library, propose(library, read_article(_path("dfa_release.docx", tmp_path))))
    kyodo = propose(library, read_article(UNSEEN / "kyodo_japan_philippines.txt"),
                    date(2025, 1, 15))
    lazaro = _officials_by_name(kyodo)["Ma. Theresa Lazaro"]
    assert (lazaro.status, lazaro.match_id) == ("existing", "ma-theresa-p-lazaro")
    star = propose(library, read_article(UNSEEN / "the_star_anwar.html"))
    hasan = _officials_by_name(star)["Mohamad Hasan"]
    assert (hasan.status, hasan.match_id) == ("existing", "mohamad-bin-haji-hasan")
    apply_import(library, propose(library, read_article(UNSEEN / "vna_vietnam_cambodia.txt"),
                                  date(2026, 12, 6)))
    japan = propose(library, read_article(UNSEEN / "mofa_japan_summit.txt"))
    manet = _officials_by_name(japan)["HUN Manet"]
    assert (manet.status, manet.match_id) == ("existing", "hun-manet")


def test_every_unseen_article_through_the_cli(tmp_path):
    import json

    from .conftest import run_briefbook
    db = tmp_path / "lib" / "library.json"
    assert run_briefbook("--db", str(db), "sample").returncode == 0
    for name in sorted(CASES):
        result = run_briefbook("--db", str(db), "import-article", str(_path(name, tmp_path)),
                               "--json")
        assert result.returncode == 0, (name, result.stderr)
        assert "Traceback" not in result.stderr
        data = json.loads(result.stdout)
        assert data["event"]["title"] == CASES[name][1]["event"][0]
        assert re.fullmatch(r"[a-z0-9-]+", data["event"]["id"])
