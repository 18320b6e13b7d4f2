"""Deleting a record takes it out of the events and books that point at it, in the same commit."""
from __future__ import annotations

from briefbook.packs import export_pack, import_pack
from briefbook.store import Library
from briefbook.store.library import TYPES


def test_referrers_lists_events_and_books(sample_library):
    lib = sample_library
    found = lib.referrers("official:kung-phoak")
    assert "event:2024-05-09-kung-phoak-sun-weidong" in found
    assert "book:asean-china-som-2024" in found
    assert all(r.startswith(("event:", "book:")) for r in found)
    assert lib.referrers("partnership:asean-china-csp")
    assert lib.referrers("official:nobody") == []


def test_delete_detaches_and_the_library_still_round_trips_as_a_pack(sample_library, tmp_path):
    lib = sample_library
    holders = lib.referrers("official:kung-phoak")
    seen = []
    lib.subscribe(seen.append)
    assert lib.delete("official:kung-phoak")
    assert not lib.exists("official:kung-phoak")
    for ref in holders:
        holder = lib.get(ref)
        if ref.startswith("event:"):
            assert "kung-phoak" not in holder.participants
        else:
            assert "official:kung-phoak" not in holder.refs()
    assert lib.referrers("official:kung-phoak") == []
    assert set(seen[-1]) == {"official:kung-phoak", *holders}   # one commit, one notification
    # the whole library exports and imports again (every reference resolves)
    pack = export_pack(lib, tmp_path / "all.bbpack")
    with Library.open(tmp_path / "fresh" / "library.json") as fresh:
        report = import_pack(fresh, pack)
        assert len(report.added) == len(lib.ids("official")) + len(lib.ids("event")) + \
            len(lib.ids("partnership")) + len(lib.ids("book"))


def test_delete_of_a_partnership_and_putting_everything_back(sample_library):
    lib = sample_library
    ref = "partnership:asean-china-csp"
    before = {r: lib.get(r).to_dict() for r in [ref, *lib.referrers(ref)]}
    lib.delete(ref)
    assert all("asean-china-csp" not in lib.get(r).partnerships
               for r in before if r.startswith("event:"))
    with lib.transaction():                         # what the app's undo does
        for r, raw in before.items():
            lib.stage(TYPES[r.partition(":")[0]].from_dict(raw), keep_updated=True)
    assert {r: lib.get(r).to_dict() for r in before} == before

