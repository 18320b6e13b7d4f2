"""A deterministic synthetic library for benchmarks (and large-data tests).

Sizes default to the issue's figure: 10,000 officials, 20,000 events and 1,000
partnerships (about 70 MB as a TinyDB snapshot).  Names mix Latin (with
accents), Khmer and Chinese so search exercises every script.
"""
from __future__ import annotations

import random
from pathlib import Path

from briefbook.model import Event, Milestone, Official, Partnership, PartialDate, Position, Source
from briefbook.store import Library

FAMILY = ["Kung", "Sun", "Prak", "Li", "Wang", "Nguyễn", "Tran", "Sok", "Chea", "Hun", "Lim", "Tan",
          "Santos", "Reyes", "Widodo", "Suharto", "Chan", "Zhang", "Liu", "Chen", "Yang", "Huang",
          "Phan", "Vong", "Kittikhoun", "Thein", "Aung", "Müller", "Dubois", "García", "Østergaard"]
GIVEN = ["Phoak", "Weidong", "Sokhonn", "Keqiang", "Yi", "Văn Thành", "Minh", "Sophea", "Dara",
         "Vichea", "Mei", "Ling", "Jose", "Maria", "Joko", "Ahmad", "Siew", "Wei", "Jun", "Hui",
         "Thi", "Khamla", "Min", "Kyaw", "Élodie", "Jürgen", "Søren", "Andrés"]
KHMER = ["គង់ ផាក", "ប្រាក់ សុខុន", "សុខ ដារា", "ជា វិចិត្រ", "ហ៊ុន សុភា", "លឹម មេង"]
CHINESE = ["孙卫东", "李克强", "王毅", "张伟", "刘洋", "陈静", "杨帆", "黄敏"]
COUNTRIES = ["Cambodia", "China", "Viet Nam", "Lao PDR", "Thailand", "Indonesia", "Philippines",
             "Malaysia", "Singapore", "Myanmar", "Brunei", "Japan", "Korea", "India", "Germany", "France"]
TITLES = ["Minister of Foreign Affairs", "Vice Foreign Minister", "Secretary of State",
          "Under Secretary of State", "Ambassador", "Director-General", "Deputy Prime Minister",
          "Premier", "State Councillor", "Permanent Secretary", "ASEAN SOM Leader", "Minister of Commerce"]
ORGS = ["Ministry of Foreign Affairs", "Ministry of Commerce", "Council of Ministers", "State Council",
        "ASEAN Secretariat", "Embassy", "Ministry of Economy and Finance", "National Assembly"]
WORDS = ("cooperation partnership connectivity trade investment tourism culture exchange dialogue "
         "strategic comprehensive development regional security maritime digital economy agriculture "
         "infrastructure education health climate energy summit consultation ministerial senior "
         "officials people friendship mutual trust bilateral multilateral framework implementation "
         "action plan commitment community shared future initiative belt road asean china europe asia "
         "memorandum understanding agreement protocol delegation visit meeting talks discussion "
         "programme project financing customs logistics railway port aviation satellite fisheries "
         "rice rubber textiles garment manufacturing services finance banking academic youth women").split()
KINDS = ["bilateral meeting", "official visit", "summit", "consultation", "call", "conference"]
PLACES = ["Phnom Penh", "Beijing", "Jakarta", "ASEAN Secretariat", "Vientiane", "Hanoi", "Bangkok",
          "Singapore", "Kuala Lumpur", "Manila", "Siem Reap", "Shanghai", "Brussels", "Tokyo"]


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(sentences))


def _date(rng: random.Random, start_year=1995, end_year=2025) -> PartialDate:
    year = rng.randint(start_year, end_year)
    shape = rng.random()
    if shape < 0.1:
        return PartialDate(year)
    if shape < 0.25:
        return PartialDate(year, rng.randint(1, 12))
    return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))


def _source(rng: random.Random, i: int) -> Source:
    return Source(title=f"Press release {i}: {_sentence(rng, 6)}", publisher=rng.choice(["MFAIC", "Xinhua", "Khmer Times"]),
                  url=f"https://example.org/news/{i}", date=_date(rng, 2015, 2025))


def make_records(officials=10_000, events=20_000, partnerships=1_000, seed=7):
    rng = random.Random(seed)
    out_officials = []
    for i in range(officials):
        family, given = rng.choice(FAMILY), rng.choice(GIVEN)
        native = rng.choice(KHMER + CHINESE) if rng.random() < 0.5 else ""
        positions = []
        year = rng.randint(1990, 2015)
        for _ in range(rng.randint(1, 4)):
            end = year + rng.randint(1, 6)
            positions.append(Position(rng.choice(TITLES), rng.choice(ORGS), PartialDate(year, rng.randint(1, 12)),
                                      PartialDate(end) if end < 2025 else None))
            year = end
        out_officials.append(Official(
            id=f"off-{i:05d}", name=f"{family.upper()} {given}", native_name=native, family_name=family,
            honorific=rng.choice(["H.E.", "Samdech", "", "Dr."]), country=rng.choice(COUNTRIES),
            positions=positions, biography=[_paragraph(rng, rng.randint(3, 5)) for _ in range(3)],
            tags=rng.sample(WORDS, 3), sources=[_source(rng, i)], reviewed=_date(rng, 2020, 2025),
            updated="2025-01-01T00:00:00.000Z"))
    out_partnerships = []
    for i in range(partnerships):
        name = f"{rng.choice(COUNTRIES)}-{rng.choice(COUNTRIES)} {rng.choice(['Comprehensive Strategic Partnership', 'Framework', 'Initiative', 'Dialogue'])} {i}"
        out_partnerships.append(Partnership(
            id=f"par-{i:04d}", name=name, short_name=f"P{i}", aliases=[f"Alias {i}"],
            parties=rng.sample(COUNTRIES, 2), established=_date(rng, 1967, 2020),
            summary=_paragraph(rng, 6),
            milestones=[Milestone(_date(rng), _sentence(rng, 14)) for _ in range(rng.randint(3, 10))],
            sources=[_source(rng, i)], tags=rng.sample(WORDS, 3), updated="2025-01-01T00:00:00.000Z"))
    out_events = []
    for i in range(events):
        start = _date(rng, 2000, 2025)
        out_events.append(Event(
            id=f"evt-{i:05d}", title=f"{rng.choice(KINDS).title()} on {rng.choice(WORDS)} {rng.choice(WORDS)} {i}",
            kind=rng.choice(KINDS), start=start, location=rng.choice(PLACES),
            participants=[f"off-{rng.randrange(officials):05d}" for _ in range(rng.randint(2, 5))] if officials else [],
            partnerships=[f"par-{rng.randrange(partnerships):04d}"] if partnerships else [],
            objectives=[_sentence(rng, 10) for _ in range(2)], summary=_paragraph(rng, 9),
            outcomes=[_sentence(rng, 14) for _ in range(rng.randint(1, 4))],
            sources=[_source(rng, i)], tags=rng.sample(WORDS, 2), updated="2025-01-01T00:00:00.000Z"))
    return out_officials, out_events, out_partnerships


def make_library(path: Path, officials=10_000, events=20_000, partnerships=1_000, seed=7) -> Path:
    """Write a synthetic library at *path* (replacing nothing: the file must not exist)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    offs, evts, pars = make_records(officials, events, partnerships, seed)
    with Library.open(path) as lib:
        with lib.transaction():
            lib.stage_many(offs + pars, keep_updated=True)
            lib.stage_many(evts, keep_updated=True)
    return path
