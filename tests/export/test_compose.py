"""compose(): the document model, checked without any writer."""
from __future__ import annotations

import datetime

import pytest

from briefbook.export import ExportCancelled, export_book, preflight
from briefbook.export.compose import compose
from briefbook.export.docmodel import (ContentsMarker, Cover, Heading, Paragraph, Profile,
                                       SectionStart, Table)
from briefbook.export.theme import Theme
from briefbook.store import Library


@pytest.fixture()
def hostile_lib(hostile_db):
    with Library.open(hostile_db, read_only=True) as lib:
        yield lib


def test_document_shape(hostile_lib):
    book = hostile_lib.get("book:hostile")
    doc = compose(book, hostile_lib, Theme(), today=datetime.date(2024, 5, 1))
    assert isinstance(doc.blocks[0], Cover) and isinstance(doc.blocks[1], ContentsMarker)
    cover = doc.blocks[0]
    assert ("Dates", "9 May 2024") in cover.facts
    assert cover.classification == "CONFIDENTIAL"
    assert cover.stamp == "Version 1 \u00b7 generated 1 May 2024"
    sections = [b.title for b in doc.blocks if isinstance(b, SectionStart)]
    assert sections == ["Programme", "Points", "Biographies", "Background", "Sources"]
    anchors = [b.anchor for b in doc.blocks if getattr(b, "anchor", None)]
    assert len(anchors) == len(set(anchors))


def test_position_at_book_date_and_previous_meetings(hostile_lib):
    book = hostile_lib.get("book:hostile")
    doc = compose(book, hostile_lib, Theme(), today=datetime.date(2024, 5, 1))
    i = next(i for i, b in enumerate(doc.blocks)
             if isinstance(b, Heading) and b.anchor == "official-hostile")
    assert doc.blocks[i].native == "李克强."
    profile = doc.blocks[i + 1]
    assert isinstance(profile, Profile) and profile.image.data is not None
    facts = next(f for f in profile.facts if isinstance(f, Table))
    rows = {row[0].paragraphs[0].text: row[1].paragraphs[0].text for row in facts.rows}
    assert rows["Position (9 May 2024)"] == "Ambassador, Embassy"     # not the 2015-19 post
    assert rows["Form of address"] == "Your Excellency"
    texts = [b.text for b in doc.blocks[i:i + 40] if isinstance(b, Paragraph)]
    assert any("Meeting & <talks>" in t for t in texts)                # previous meetings
    retired = next(i for i, b in enumerate(doc.blocks)
                   if isinstance(b, Heading) and b.anchor == "official-retired")
    facts = next(f for f in doc.blocks[retired + 1].facts if isinstance(f, Table))
    assert "No position on record" in facts.rows[0][1].paragraphs[0].text


def test_participants_link_only_to_biographies_in_the_book(hostile_lib):
    book = hostile_lib.get("book:hostile")
    doc = compose(book, hostile_lib, Theme())
    event = next(i for i, b in enumerate(doc.blocks)
                 if isinstance(b, Heading) and b.anchor == "event-meeting")
    table = doc.blocks[event + 1]
    participants = next(row[1].paragraphs[0] for row in table.rows
                        if row[0].paragraphs[0].text == "Participants")
    links = {r.text: r.link for r in participants.runs if r.text.strip("; ")}
    assert links["HOSTILE <Person> & Co"] == "official-hostile"


def test_sources_annex_lists_each_source_once_and_warnings_name_records(hostile_lib):
    book = hostile_lib.get("book:hostile")
    doc = compose(book, hostile_lib, Theme())
    start = next(i for i, b in enumerate(doc.blocks)
                 if isinstance(b, SectionStart) and b.title == "Sources")
    annex = [b.text for b in doc.blocks[start + 1:]]
    assert len(annex) == 1 and annex[0].startswith("[1] Hostile <b>source</b> & co")
    joined = "\n".join(doc.warnings)
    for ref in ("event:gone", "official:deleted-person", "official:truncated",
                "official:missing", "official:garbage"):
        assert ref in joined


def test_preflight_findings(hostile_lib):
    book = hostile_lib.get("book:hostile")
    findings = preflight(book, hostile_lib, today=datetime.date(2024, 5, 9))
    by_ref = {}
    for f in findings:
        by_ref.setdefault(f.ref, []).append(f.message)
    assert any("ended before the book's date" in m for m in by_ref["official:retired"])
    assert any("over a year ago" in m for m in by_ref["official:hostile"])
    assert not any("over a year" in m for m in by_ref.get("official:huge", []))
    assert any("no longer exists" in m for m in by_ref["event:gone"])
    assert any("no longer exists" in m for m in by_ref["official:deleted-person"])
    for ref in ("official:truncated", "official:missing", "official:garbage"):
        assert any("photo" in m for m in by_ref[ref]), ref
    assert any("U+1F600" in m for m in by_ref["official:hostile"])


def test_cancel_leaves_no_file(hostile_db, tmp_path):
    out = tmp_path / "book.pdf"
    calls = []
    with Library.open(hostile_db, read_only=True) as lib:
        with pytest.raises(ExportCancelled):
            export_book(lib, "hostile", out, progress=lambda *a: calls.append(a),
                        cancel=lambda: len(calls) > 2)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_progress_and_result(hostile_db, tmp_path):
    out = tmp_path / "book.pdf"
    calls = []
    with Library.open(hostile_db, read_only=True) as lib:
        result = export_book(lib, "hostile", out, progress=lambda *a: calls.append(a))
    assert out.exists() and result.path == out
    assert calls[-1][0] == calls[-1][1] == 100
    assert result.findings and result.warnings


def test_print_images_decode_only_jpeg_and_png():
    import io

    import pytest
    from PIL import Image

    from briefbook.export.images import PhotoProblem, prepare
    for fmt in ("GIF", "BMP", "TIFF"):
        buffer = io.BytesIO()
        Image.new("RGB", (40, 50), "red").save(buffer, fmt)
        with pytest.raises(PhotoProblem) as info:
            prepare(buffer.getvalue(), 35)
        assert "JPEG or PNG" in str(info.value)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 50), "red").save(buffer, "PNG")
    assert prepare(buffer.getvalue(), 35)


def test_package_names_are_the_functions_whatever_was_imported_first():
    # briefbook.export.compose / .preflight are both submodules and functions: importing a
    # submodule first must not leave the package attribute pointing at the module.
    import subprocess
    import sys
    code = ("import types, briefbook.export.preflight, briefbook.export.compose; "
            "from briefbook.export import compose, preflight; "
            "assert not isinstance(compose, types.ModuleType), compose; "
            "assert not isinstance(preflight, types.ModuleType), preflight")
    subprocess.run([sys.executable, "-c", code], check=True)
