from __future__ import annotations

import hashlib

import pytest

from briefbook.model import Event, Official, ValidationError
from briefbook.store import CorruptLibraryError, Library, LibraryLockedError, StoreError
from briefbook.store.recovery import restore_newest_backup


def folder_digest(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


def test_put_get_and_reopen(lib_path):
    with Library.open(lib_path) as lib:
        saved = lib.put(Official(id="a", name="KUNG Phoak", native_name="គង់ ផាក"))
        assert saved.updated  # stamped on save
        assert lib.get("official:a").native_name == "គង់ ផាក"
    with Library.open(lib_path) as lib:
        assert lib.get("official:a").name == "KUNG Phoak"
        assert lib.get("official:missing") is None


def test_commit_appends_only_what_changed(lib_path):
    with Library.open(lib_path) as lib:
        lib.put_many(Official(id=f"o{i}", name=f"Name {i}", biography=["x" * 1000]) for i in range(200))
        lib.compact()
        snapshot = lib_path.stat().st_size
        journal = lib.files.journal
        before = journal.stat().st_size
        lib.put(Official(id="o7", name="Renamed"))
        grown = journal.stat().st_size - before
        assert 0 < grown < 1000 < snapshot  # one record, not the library
        assert lib_path.stat().st_size == snapshot  # the snapshot was not rewritten


def test_journal_is_replayed_without_close(lib_path):
    lib = Library.open(lib_path)
    lib.put(Official(id="a", name="A"))
    lib.put(Official(id="b", name="B"))
    lib.delete("official:a")
    # Simulate a crash: drop the handle without compaction.
    lib._storage.close()
    lib._lock.release()
    with Library.open(lib_path) as again:
        assert again.get("official:b").name == "B"
        assert not again.exists("official:a")


def test_transaction_is_all_or_nothing(library):
    library.put(Official(id="a", name="A"))
    with pytest.raises(ValidationError):
        with library.transaction():
            library.stage(Official(id="b", name="B"))
            library.stage(Event(id="e", title="Talks", participants=["a", "ghost"]))
    assert not library.exists("official:b")
    assert not library.exists("event:e")
    assert library.get("official:a").name == "A"


def test_invalid_record_leaves_library_untouched(lib_path):
    with Library.open(lib_path) as lib:
        lib.put(Official(id="a", name="A"))
    before = folder_digest(lib_path.parent)
    with Library.open(lib_path) as lib:
        with pytest.raises(ValidationError) as info:
            lib.put(Official(id="a", name=""))
        assert "official 'a'" in str(info.value) and "name" in str(info.value)
        assert lib.get("official:a").name == "A"
        lib._storage.close()  # no compaction on the way out: compare the files as they are
        lib._lock.release()
    assert folder_digest(lib_path.parent) == before


def test_second_writer_is_refused_and_read_only_allowed(lib_path):
    with Library.open(lib_path) as lib:
        lib.put(Official(id="a", name="A"))
        with pytest.raises(LibraryLockedError) as info:
            Library.open(lib_path)
        assert str(lib_path.name) in str(info.value) and "read-only" in str(info.value)
        with Library.open(lib_path, read_only=True) as reader:
            assert reader.get("official:a").name == "A"
            with pytest.raises(StoreError):
                reader.put(Official(id="b", name="B"))
    with Library.open(lib_path) as lib:  # released on close
        assert lib.exists("official:a")


def test_truncated_file_gives_clear_error_and_is_not_overwritten(lib_path):
    with Library.open(lib_path) as lib:
        lib.put(Official(id="a", name="First"))
        lib.compact()
        lib.put(Official(id="a", name="Second"))
        lib.compact()  # the first snapshot becomes a backup
    data = lib_path.read_bytes()
    lib_path.write_bytes(data[: len(data) // 2])
    damaged = lib_path.read_bytes()
    with pytest.raises(CorruptLibraryError) as info:
        Library.open(lib_path)
    message = str(info.value)
    assert str(lib_path) in message and "backup" in message
    assert info.value.backup is not None
    assert lib_path.read_bytes() == damaged  # never overwritten silently
    restored_from = restore_newest_backup(lib_path)
    assert restored_from == info.value.backup
    with Library.open(lib_path) as lib:
        assert lib.exists("official:a")
    assert list(lib_path.parent.glob("library.json.damaged-*"))  # the damaged file is kept


def test_empty_and_garbage_files(lib_path):
    lib_path.parent.mkdir(parents=True)
    for content in (b"", b"\x00\x01garbage", b"[1, 2, 3]"):
        lib_path.write_bytes(content)
        with pytest.raises(CorruptLibraryError):
            Library.open(lib_path)
        assert lib_path.read_bytes() == content


def test_torn_journal_tail_is_dropped_but_middle_damage_is_reported(lib_path):
    lib = Library.open(lib_path)
    lib.put(Official(id="a", name="A"))
    lib.put(Official(id="b", name="B"))
    lib._storage.close()
    lib._lock.release()
    journal = lib_path.with_name("library.json.journal")
    good = journal.read_bytes()
    journal.write_bytes(good + b'0badc0de {"seq": 99, "ops": [["offi')  # torn last write
    with Library.open(lib_path) as again:
        assert again.exists("official:b")
    # Damage inside an acknowledged entry that is followed by others: corruption, reported.
    lib = Library.open(lib_path)
    lib.put(Official(id="c", name="C"))
    lib.put(Official(id="d", name="D"))
    lib._storage.close()
    lib._lock.release()
    raw = bytearray(journal.read_bytes())
    raw[12] ^= 0x55
    journal.write_bytes(bytes(raw))
    with pytest.raises(CorruptLibraryError) as info:
        Library.open(lib_path)
    assert "journal" in str(info.value)


def test_rolling_backups_are_bounded(lib_path):
    with Library.open(lib_path) as lib:
        for i in range(9):
            lib.put(Official(id="a", name=f"v{i}"))
            lib.compact()
        assert 1 <= len(lib.files.list_backups()) <= 5


def test_newer_schema_is_refused(lib_path):
    lib_path.parent.mkdir(parents=True)
    lib_path.write_text('{"_meta": {"1": {"schema": 99, "seq": 0}}}')
    with pytest.raises(StoreError) as info:
        Library.open(lib_path)
    assert "newer" in str(info.value)


def test_photos_are_content_addressed(library, tmp_path):
    from PIL import Image
    a = tmp_path / "a.png"
    Image.new("RGB", (20, 30), "red").save(a)
    b = tmp_path / "sub" / "a.png"
    b.parent.mkdir()
    Image.new("RGB", (20, 30), "blue").save(b)
    name_a = library.add_photo(a)
    assert library.add_photo(a) == name_a  # no duplicate
    name_b = library.add_photo(b)
    assert name_b != name_a  # same file name, no clash
    assert library.photo_bytes(name_a) == a.read_bytes()
    garbage = tmp_path / "x.jpg"
    garbage.write_bytes(b"not an image")
    with pytest.raises(ValueError) as info:
        library.add_photo(garbage)
    assert "x.jpg" in str(info.value)


def test_search_is_ranked_and_accent_insensitive(sample_library):
    lib = sample_library
    lib.put(Official(id="nguyen", name="Nguyễn Văn Thành", country="Viet Nam"))
    refs = [h.ref for h in lib.search("nguyen van")]
    assert refs[0] == "official:nguyen"
    assert [h.ref for h in lib.search("NGUYỄN")][0] == "official:nguyen"
    assert lib.search("phoak")[0].ref == "official:kung-phoak"
    assert lib.search("គង់")[0].ref == "official:kung-phoak"
    assert lib.search("李克")[0].ref == "official:li-keqiang"
    assert lib.search("王毅")[0].ref == "official:wang-yi"
    assert "partnership:bri" in [h.ref for h in lib.search("belt road")]
    hits = [h.ref for h in lib.search("sokhonn", kinds=["official"])]
    assert hits[0] == "official:prak-sokhonn"  # the name, then those whose biography mentions him
    assert set(hits) == {"official:prak-sokhonn", "official:li-keqiang", "official:wang-yi"}
    # a name match ranks above a mention in body text
    hits = [h.ref for h in lib.search("Wang Yi")]
    assert hits[0] == "official:wang-yi"
    assert lib.search("") == [] and lib.search("zzzxqj") == []
    # index follows edits and deletions
    lib.delete("official:nguyen")
    assert lib.search("nguyen") == []


def test_search_limits_and_matching_refs(sample_library):
    lib = sample_library
    everything = lib.search("china", limit=None)
    assert len(everything) > 3
    assert [h.ref for h in lib.search("china", limit=2)] == [h.ref for h in everything[:2]]
    assert lib.matching_refs("china") == {h.ref for h in everything}
    assert lib.matching_refs("  ") is None


def test_search_ranks_large_results_consistently():
    """The top-N shortcut for big result sets must agree with full scoring."""
    from briefbook.search import SearchIndex
    index = SearchIndex()
    records = [(f"event:e{i}", {"title": f"Talks {i}", "summary": "trade and investment",
                                "location": "Phnom Penh" if i % 7 == 0 else "Hanoi"}) for i in range(600)]
    records.append(("event:star", {"title": "Trade Investment Forum", "location": "Phnom Penh"}))
    index.build(records)
    top = index.search("trade investment", limit=5)
    full = index.search("trade investment", limit=None)
    assert [h.ref for h in top] == [h.ref for h in full[:5]]
    assert top[0].ref == "event:star"
    assert {h.ref for h in index.search("penh trade", limit=None)} == {
        "event:star", *{f"event:e{i}" for i in range(0, 600, 7)}}


# -- snapshot / restore: what undo commands put back --------------------------------------------
def test_restore_puts_documents_back_exactly_in_one_commit(library):
    from briefbook.model import Partnership
    library.put(Official(id="a", name="A", updated="2024-01-01T00:00:00Z"), keep_updated=True)
    before = library.snapshot(["official:a", "official:b", "partnership:p"])
    assert before == {"official:a": library.raw("official")["a"], "official:b": None,
                      "partnership:p": None}
    library.put(Official(id="a", name="A changed"))
    library.put(Official(id="b", name="B"))
    library.put(Partnership(id="p", name="P"))
    after = library.snapshot(before)
    commits = []
    library.subscribe(commits.append)
    written = library.restore(before, expect=after)
    assert sorted(written) == ["official:a", "official:b", "partnership:p"] and len(commits) == 1
    assert library.raw("official")["a"] == before["official:a"]   # 'updated' kept too
    assert library.get("official:a").name == "A"
    assert not library.exists("official:b") and not library.exists("partnership:p")
    assert library.search("changed") == []                        # the index follows
    library.restore(after, expect=before)
    assert library.snapshot(after) == after


def test_restore_refuses_when_a_record_changed_since_and_writes_nothing(library):
    from briefbook.store import RecordChangedError
    library.put(Official(id="a", name="A"))
    before = library.snapshot(["official:a", "official:b"])
    library.put(Official(id="a", name="A2"))
    library.put(Official(id="b", name="B"))
    after = library.snapshot(before)
    library.put(Official(id="a", name="A3"))              # someone else's later edit
    current = library.snapshot(before)
    with pytest.raises(RecordChangedError) as info:
        library.restore(before, expect=after)
    assert info.value.ref == "official:a" and "changed since" in str(info.value)
    assert library.snapshot(before) == current
    # Only 'updated' differs (a record saved again unchanged): not a conflict.
    library.put(Official(id="a", name="A2"))
    library.restore(before, expect=after)
    assert library.get("official:a").name == "A" and not library.exists("official:b")


def test_restore_validates_like_any_write(library):
    library.put(Official(id="a", name="A"))
    state = library.snapshot(["official:a", "event:e"])
    with pytest.raises(ValidationError, match="name"):
        library.restore({"official:a": {"id": "a", "name": ""}})
    bad_event = {"id": "e", "title": "Talks", "participants": ["ghost"]}
    with pytest.raises(ValidationError, match=r"participants\[0\]"):
        library.restore({"event:e": bad_event})
    with pytest.raises(ValidationError, match="id"):
        library.restore({"official:a": {"id": "other", "name": "A"}})
    assert library.snapshot(state) == state


def test_a_document_the_journal_cannot_encode_is_a_store_error_and_nothing_is_lost(tmp_path):
    # Validation refuses lone surrogates; if one ever reached the journal anyway the commit
    # must fail cleanly (StoreError), keep the sequence numbers gapless and the file readable.
    from briefbook.store.journal_storage import JournalStorage, StoreError

    path = tmp_path / "library.json"
    storage = JournalStorage(path)
    storage.begin()
    storage.write({"officials": {"a": {"id": "a", "name": "Good"}}})
    storage.touch("officials", "a")
    storage.commit()
    saved = {name: dict(table) for name, table in storage.read().items()}
    storage.begin()
    storage.write({"officials": {"a": {"id": "a", "name": "Good"},
                                 "b": {"id": "b", "name": "bad \ud800"}}})
    storage.touch("officials", "b")
    with pytest.raises(StoreError, match="cannot be stored"):
        storage.commit()
    storage.rollback(saved)
    storage.begin()
    storage.write({"officials": {"a": {"id": "a", "name": "Good"}, "c": {"id": "c", "name": "C"}}})
    storage.touch("officials", "c")
    storage.commit()
    storage.close()
    reopened = JournalStorage(path)
    assert set(reopened.read()["officials"]) == {"a", "c"}
    reopened.close()
