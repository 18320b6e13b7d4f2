from __future__ import annotations

import io
import json
import zipfile

import pytest
from PIL import Image

from briefbook.model import Official, ValidationError
from briefbook.packs import PackError, export_pack, import_pack
from briefbook.store import Library

from .store.test_library import folder_digest


def png_bytes(color="red", size=(40, 50)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def write_pack(path, doc, media=None):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("pack.json", json.dumps(doc))
        for name, data in (media or {}).items():
            archive.writestr(name, data)
    return path


def base_pack(**sections):
    doc = {"format": "briefbook-pack", "version": 1, "officials": [], "events": [],
           "partnerships": [], "books": []}
    doc.update(sections)
    return doc


def library_state(lib: Library) -> dict:
    return {kind: {i: lib.get(f"{kind}:{i}").to_dict() for i in lib.ids(kind)}
            for kind in ("official", "event", "partnership", "book")}


def test_round_trip_gives_the_same_library(sample_library, tmp_path):
    lib = sample_library
    photo = lib.add_photo(png_bytes())
    official = lib.get("official:kung-phoak")
    official.photo = photo
    lib.put(official)
    out = export_pack(lib, tmp_path / "all.bbpack")
    with Library.open(tmp_path / "other" / "library.json") as other:
        report = import_pack(other, out)
        assert len(report.added) == 16 and not report.updated and not report.skipped
        assert library_state(other) == library_state(lib)
        assert other.photo_bytes(other.get("official:kung-phoak").photo) == lib.photo_bytes(photo)


def test_book_pack_holds_what_the_book_needs(sample_library, tmp_path):
    out = export_pack(sample_library, tmp_path / "book.bbpack", book_id="asean-china-som-2024")
    doc = json.loads(zipfile.ZipFile(out).read("pack.json"))
    assert [b["id"] for b in doc["books"]] == ["asean-china-som-2024"]
    assert {o["id"] for o in doc["officials"]} == {"kung-phoak", "sun-weidong"}
    assert {p["id"] for p in doc["partnerships"]} == {"asean-china-csp"}
    with Library.open(tmp_path / "fresh" / "library.json") as fresh:
        import_pack(fresh, out)
        assert fresh.exists("book:asean-china-som-2024")


def test_newer_wins_and_report(library, tmp_path):
    library.put(Official(id="a", name="Old", updated="2024-01-01T00:00:00Z"), keep_updated=True)
    library.put(Official(id="b", name="Mine", updated="2025-01-01T00:00:00Z"), keep_updated=True)
    pack = write_pack(tmp_path / "p.bbpack", base_pack(officials=[
        {"id": "a", "name": "New", "updated": "2024-06-01T00:00:00Z"},
        {"id": "b", "name": "Theirs", "updated": "2024-06-01T00:00:00Z"},
        {"id": "c", "name": "Added", "updated": "2024-06-01T00:00:00Z"}]))
    report = import_pack(library, pack)
    assert (report.added, report.updated, report.skipped) == (["official:c"], ["official:a"], ["official:b"])
    assert library.get("official:a").name == "New"
    assert library.get("official:b").name == "Mine"


REFUSALS = [
    (base_pack(events=[{"id": "e", "title": "T", "participants": ["ghost"]}]), "e", "participants[0]"),
    (base_pack(officials=[{"id": "o", "name": "N", "positions": [{"title": "T", "start": "2024-02-30"}]}]),
     "o", "positions[0].start"),
    (base_pack(officials=[{"id": "o", "name": ["not", "text"]}]), "o", "name"),
    (base_pack(officials=[{"id": "o", "name": "A"}, {"id": "o", "name": "B"}]), "o", "id"),
    (base_pack(officials=[{"id": "o", "name": "A", "photo": "media/missing.png"}]), "o", "photo"),
    (base_pack(books=[{"id": "b", "title": "B", "sections": [{"title": "S", "items": [{"ref": "official:ghost"}]}]}]),
     "b", "sections[0].items[0].ref"),
]


@pytest.mark.parametrize("doc,record_id,field", REFUSALS)
def test_bad_pack_is_refused_whole_and_library_unchanged(lib_path, tmp_path, doc, record_id, field):
    with Library.open(lib_path) as lib:
        lib.put(Official(id="keep", name="Keep me"))
    before = folder_digest(lib_path.parent)
    # A good record first, so a partial import would show.
    doc["officials"] = [{"id": "good", "name": "Good"}] + doc["officials"]
    pack = write_pack(tmp_path / "bad.bbpack", doc)
    lib = Library.open(lib_path)
    with pytest.raises(ValidationError) as info:
        import_pack(lib, pack)
    assert info.value.record_id == record_id and info.value.field == field
    assert record_id in str(info.value) and field in str(info.value)
    assert not lib.exists("official:good")
    lib._storage.close()
    lib._lock.release()
    assert folder_digest(lib_path.parent) == before


def test_bad_photo_and_bad_archives(library, tmp_path):
    pack = write_pack(tmp_path / "p.bbpack", base_pack(officials=[{"id": "o", "name": "A", "photo": "media/x.png"}]),
                      {"media/x.png": b"GIF89a not really"})
    with pytest.raises(ValidationError) as info:
        import_pack(library, pack)
    assert info.value.field == "photo"
    traversal = write_pack(tmp_path / "t.bbpack",
                           base_pack(officials=[{"id": "o", "name": "A", "photo": "../../etc/passwd"}]))
    with pytest.raises(ValidationError):
        import_pack(library, traversal)
    for name, content in [("notjson.json", b"{nope"), ("other.json", b'{"format": "x"}'),
                          ("future.json", json.dumps({"format": "briefbook-pack", "version": 9}).encode())]:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(PackError) as err:
            import_pack(library, path)
        assert name in str(err.value)
    with pytest.raises(PackError):
        import_pack(library, tmp_path / "absent.bbpack")
    empty_zip = tmp_path / "empty.bbpack"
    zipfile.ZipFile(empty_zip, "w").close()
    with pytest.raises(PackError) as err:
        import_pack(library, empty_zip)
    assert "pack.json" in str(err.value)
    assert library.is_empty


def test_plain_pack_json_with_photo_beside_it(library, tmp_path):
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "p.png").write_bytes(png_bytes("green"))
    (tmp_path / "pack.json").write_text(json.dumps(base_pack(
        officials=[{"id": "o", "name": "A", "photo": "media/p.png"}])))
    import_pack(library, tmp_path / "pack.json")
    assert library.photo_bytes(library.get("official:o").photo) == png_bytes("green")


def _string_leaves(value, path=()):
    """(path, text) for every string in a JSON document."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _string_leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _string_leaves(item, path + (index,))


@pytest.mark.parametrize("poison", ["\ud800", "\x00"], ids=["lone-surrogate", "nul"])
def test_unstorable_text_anywhere_in_a_pack_is_refused_naming_the_field(lib_path, tmp_path,
                                                                        poison):
    # Every string of the sample pack in turn gets a character no file format can carry: the
    # import must refuse with a ValidationError (never a crash), and write nothing.
    from briefbook.resources import resource_path
    sample = json.loads(resource_path("sample", "pack.json").read_text("utf-8"))
    leaves = [(path, text) for path, text in _string_leaves(sample)
              if path[0] != "format" and path[-1] not in ("id", "ref", "photo")
              and not (len(path) > 2 and path[-2] in ("participants", "partnerships", "officials"))]
    assert len(leaves) > 100
    with Library.open(lib_path) as lib:
        lib.put(Official(id="keep", name="Keep me"))
    before = folder_digest(lib_path.parent)
    lib = Library.open(lib_path)
    try:
        for path, text in leaves:
            doc = json.loads(json.dumps(sample))
            target = doc
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = text[:3] + poison + text[3:]
            pack = tmp_path / "poisoned.json"
            pack.write_text(json.dumps(doc), encoding="utf-8")
            with pytest.raises((ValidationError, PackError)) as info:
                import_pack(lib, pack)
            field = str(path[-1]) if not isinstance(path[-1], int) else str(path[-2])
            assert field in str(info.value), (path, str(info.value))
            assert lib.ids("official") == ["keep"], path
    finally:
        lib.close()
    assert folder_digest(lib_path.parent) == before


def test_report_previous_undoes_the_import_exactly(library, tmp_path):
    library.put(Official(id="a", name="Old", updated="2024-01-01T00:00:00Z"), keep_updated=True)
    library.put(Official(id="b", name="Mine", updated="2025-01-01T00:00:00Z"), keep_updated=True)
    before = {kind: dict(library.raw(kind)) for kind in ("official", "event", "partnership", "book")}
    before = json.loads(json.dumps(before))
    pack = write_pack(tmp_path / "p.bbpack", base_pack(
        officials=[{"id": "a", "name": "New", "updated": "2024-06-01T00:00:00Z"},
                   {"id": "b", "name": "Theirs", "updated": "2024-06-01T00:00:00Z"},
                   {"id": "c", "name": "Added", "photo": "media/c.png",
                    "updated": "2024-06-01T00:00:00Z"}],
        events=[{"id": "e", "title": "Talks", "participants": ["a", "c"],
                 "updated": "2024-06-01T00:00:00Z"}]),
        media={"media/c.png": png_bytes()})
    report = import_pack(library, pack)
    assert report.previous == {"official:a": before["official"]["a"], "official:c": None,
                               "event:e": None}
    assert "previous" not in report.to_dict()
    after = library.snapshot(report.previous)
    library.restore(report.previous, expect=after)
    assert json.loads(json.dumps({kind: dict(library.raw(kind)) for kind in before})) == before
    library.restore(after, expect=report.previous)
    assert library.get("event:e").participants == ["a", "c"] and library.get("official:c").photo
