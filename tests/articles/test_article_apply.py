"""Applying proposals: nothing written before, one atomic commit, the article as source."""
from __future__ import annotations

import copy
from datetime import date

import pytest

from briefbook.articles import ArticleError, apply_import, plan_import, propose, read_article
from briefbook.model import ValidationError

from .conftest import SEED_2019, SEED_2024

AUG_12_2019 = date(2019, 8, 12)


def _snapshot(library):
    return {kind: copy.deepcopy(dict(library.raw(kind))) for kind in
            ("official", "event", "partnership", "book")}


def _commits(library):
    seen = []
    library.subscribe(lambda refs: seen.append(list(refs)))
    return seen


def test_proposing_writes_nothing(sample_library):
    before = _snapshot(sample_library)
    journal = sample_library.files.journal if hasattr(sample_library.files, "journal") else None
    size = journal.stat().st_size if journal is not None and journal.exists() else None
    commits = _commits(sample_library)
    proposals = propose(sample_library, read_article(SEED_2019), AUG_12_2019)
    plan_import(sample_library, proposals)
    assert _snapshot(sample_library) == before and commits == []
    if size is not None:
        assert journal.stat().st_size == size


def test_new_records_in_one_commit_with_the_article_as_source(library):
    commits = _commits(library)
    proposals = propose(library, read_article(SEED_2019), AUG_12_2019)
    plan = apply_import(library, proposals)
    assert len(commits) == 1
    assert sorted(commits[0]) == sorted(plan.created)
    assert (library.count("official"), library.count("partnership"), library.count("event")) == \
        (3, 4, 1)
    source = proposals.source
    for ref in plan.created:
        assert library.get(ref).sources == [source], ref
    event = library.get(plan.created[-1])
    assert event.participants == ["prak-sokhonn", "li-keqiang", "wang-yi"]
    assert len(event.partnerships) == 4 and all(library.exists(f"partnership:{p}")
                                                for p in event.partnerships)
    prak = library.get("official:prak-sokhonn")
    assert prak.positions[0].title == ("Deputy Prime Minister and Minister of Foreign Affairs "
                                       "and International Cooperation")


def test_matching_records_are_updated_not_duplicated(sample_library):
    counts = {k: sample_library.count(k) for k in ("official", "event", "partnership")}
    commits = _commits(sample_library)
    proposals = propose(sample_library, read_article(SEED_2019), AUG_12_2019)
    plan = apply_import(sample_library, proposals)
    assert {k: sample_library.count(k) for k in counts} == counts
    assert plan.created == [] and len(commits) == 1
    visit = sample_library.get("event:2019-prak-sokhonn-visit-china")
    # the sample knew only the year: the article's dates refine it
    assert (visit.start.iso(), visit.end.iso()) == ("2019-08-08", "2019-08-10")
    assert proposals.source in visit.sources
    assert proposals.source in sample_library.get("official:wang-yi").sources
    assert proposals.source in sample_library.get("partnership:bri").sources
    # re-importing the same article changes nothing more
    again = apply_import(sample_library,
                         propose(sample_library, read_article(SEED_2019), AUG_12_2019))
    assert again.created == [] and again.updated == [] and len(commits) == 1


def test_seed_2024_against_the_sample_changes_nothing(sample_library):
    """The sample was built from this article: it already cites it."""
    plan = apply_import(sample_library, propose(sample_library, read_article(SEED_2024)))
    assert plan.created == [] and plan.updated == []
    assert "official:kung-phoak" in plan.linked


def test_review_choices_are_honoured(sample_library):
    proposals = propose(sample_library, read_article(SEED_2019), AUG_12_2019)
    li = next(p for p in proposals.officials if p.match_id == "li-keqiang")
    li.set_action("skip")
    asem = next(p for p in proposals.partnerships if p.match_id == "asem")
    asem.set_action("link")
    proposals.event.set_action("create")
    proposals.event.record.title = "Visit to China (edited)"
    plan = apply_import(sample_library, proposals)
    new_event = sample_library.get(next(r for r in plan.created if r.startswith("event:")))
    assert new_event.title == "Visit to China (edited)"
    assert new_event.id != "2019-prak-sokhonn-visit-china"
    assert "li-keqiang" not in new_event.participants
    assert "asem" in new_event.partnerships
    assert "partnership:asem" in plan.linked
    assert proposals.source not in sample_library.get("partnership:asem").sources
    assert proposals.source not in sample_library.get("official:li-keqiang").sources


def test_merge_new_official_into_a_chosen_existing_one(sample_library):
    proposals = propose(sample_library, read_article(SEED_2019), AUG_12_2019)
    for p in proposals.officials:
        if p.match_id == "wang-yi":
            p.status, p.match_id, p.action = "new", None, "create"
            with pytest.raises(ValueError):
                p.set_action("merge")           # no target chosen
            p.set_action("merge", "wang-yi")
    apply_import(sample_library, proposals)
    assert sample_library.count("official") == 5


def test_everything_or_nothing(library):
    before = _snapshot(library)
    proposals = propose(library, read_article(SEED_2019), AUG_12_2019)
    proposals.partnerships[-1].record.name = ""       # invalid: a partnership needs a name
    with pytest.raises(ValidationError) as exc:
        apply_import(library, proposals)
    assert exc.value.field == "name"
    assert _snapshot(library) == before


def test_a_vanished_merge_target_is_refused_before_writing(sample_library):
    before = _snapshot(sample_library)
    proposals = propose(sample_library, read_article(SEED_2019), AUG_12_2019)
    proposals.officials[0].target_id = "nobody-here"
    with pytest.raises(ArticleError, match="nobody-here"):
        apply_import(sample_library, proposals)
    assert _snapshot(sample_library) == before
