"""Fixtures for the export tests: real libraries, real CLI builds, real PDFs."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from briefbook.model import Book, Event, Official, Partnership, PartialDate, Position, Section
from briefbook.model.book import RefItem, TextBlock
from briefbook.model.records import Milestone, Source

HOSTILE = ('<font color="red">red</font> <b>bold</b> & [[[x]]] &amp; '
           '<img src="/etc/passwd"/> <a href="http://evil.example">evil</a>')
LONG_WORD = "Supercalifragilistic" * 10                     # 200 characters, no break
LONG_URL = "https://example.org/" + "segment" * 30          # 230 characters
KHMER_SENTENCE = ("ក្រសួងការបរទេសនិងសហប្រតិបត្តិការអន្តរជាតិនៃព្រះរាជាណាចក្រកម្ពុជា"
                  "បានរៀបចំកិច្ចប្រជុំស្តីពីកិច្ចសហប្រតិបត្តិការអាស៊ានជាមួយសាធារណរដ្ឋប្រជាមានិតចិន")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "briefbook", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def jpeg(size=(300, 400), color=(90, 120, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "library.json"
    result = run_cli("--db", str(db), "sample")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="session")
def sample_pdfs(sample_db, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("sample-pdf")
    paths = {}
    for book_id in ("asean-china-som-2024", "prak-sokhonn-china-2019"):
        path = out / f"{book_id}.pdf"
        result = run_cli("--db", str(sample_db), "--read-only", "build", book_id, "-o", str(path))
        assert result.returncode == 0, result.stderr
        paths[book_id] = path
    return paths


def make_hostile_library(db: Path) -> None:
    """A library full of the bad input a real one collects."""
    from briefbook.store import Library

    with Library.open(db) as lib:
        photo_ok = lib.add_photo(jpeg())
        huge_buffer = io.BytesIO()
        Image.new("RGB", (6000, 8000), (200, 180, 160)).save(huge_buffer, "JPEG", quality=90)
        photo_huge = lib.add_photo(huge_buffer.getvalue())
        photo_truncated = lib.add_photo(jpeg((400, 500)))
        photo_missing = lib.add_photo(jpeg((100, 100), (10, 10, 10)))
        photo_garbage = lib.add_photo(jpeg((120, 120), (1, 2, 3)))
        # Damage the stored files behind the library's back, as disks and sync tools do.
        path = lib.media.path(photo_truncated)
        path.write_bytes(path.read_bytes()[:300])
        lib.media.path(photo_missing).unlink()
        lib.media.path(photo_garbage).write_bytes(b"%PDF-1.4 not a picture at all")
        src = Source("Hostile <b>source</b> & co", "Publisher", "https://example.org/a?b=1&c=2",
                     PartialDate(2023, 1))
        officials = [
            Official("hostile", "HOSTILE <Person> & Co", native_name="李克强.",
                     honorific="H.E.", address_as="Your Excellency", pronunciation="HOS-tile",
                     positions=[Position("Minister <of> Things", "Ministry & Co",
                                         PartialDate(2015), PartialDate(2019, 6)),
                                Position("Ambassador", "Embassy", PartialDate(2019, 7))],
                     biography=[HOSTILE, LONG_WORD + " " + LONG_URL, KHMER_SENTENCE * 3,
                                "Emoji 😀 here."],
                     photo=photo_ok, sources=[src], reviewed=PartialDate(2020, 1, 1)),
            Official("huge", "HUGE Photo", photo=photo_huge, reviewed=PartialDate(2024, 4)),
            Official("truncated", "TRUNCATED Photo", photo=photo_truncated),
            Official("missing", "MISSING Photo", photo=photo_missing),
            Official("garbage", "GARBAGE Photo", photo=photo_garbage),
            Official("retired", "RETIRED Official", native_name="(គង់ ផាក)",
                     positions=[Position("Former Minister", "Ministry", PartialDate(2001),
                                         PartialDate(2010))]),
            Official("longbio", "LONG Biography",
                     biography=[f"Paragraph {i}: " + "A long career in public service. " * 12
                                for i in range(60)],
                     positions=[Position("Adviser", "Office", PartialDate(2020))]),
        ]
        events = [Event("meeting", "Meeting & <talks>", start=PartialDate(2024, 3, 1),
                        location="Phnom Penh", participants=["hostile", "retired"],
                        summary=HOSTILE, outcomes=["Agreed <to> agree"], sources=[src])]
        partnerships = [Partnership("frame", "Framework <One>", milestones=[
            Milestone(PartialDate(2020), "Signed & sealed"),
            Milestone(PartialDate(2021, 5), "Reviewed")], sources=[src])]
        lib.put_many(officials + events + partnerships)
        book = Book("hostile", "Hostile <Book> & Test", subtitle=HOSTILE,
                    start=PartialDate(2024, 5, 9), classification="CONFIDENTIAL",
                    sections=[
                        Section("Programme", [RefItem("event:meeting"), RefItem("event:gone")]),
                        Section("Points", [TextBlock("Say <this>", HOSTILE + "\nSecond point",
                                                     "points"),
                                           TextBlock("", KHMER_SENTENCE, "note")]),
                        Section("Biographies", [RefItem(f"official:{o.id}") for o in officials]
                                + [RefItem("official:deleted-person")]),
                        Section("Background", [RefItem("partnership:frame")]),
                    ])
        lib.put(book)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "library.json"
    make_hostile_library(db)
    return db


@pytest.fixture(scope="session")
def hostile_build(hostile_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile-pdf") / "hostile.pdf"
    result = run_cli("--db", str(hostile_db), "--read-only", "build", "hostile", "-o", str(path))
    return path, result


def pdftotext(path: Path, *extra: str) -> str:
    return subprocess.run(["pdftotext", *extra, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
