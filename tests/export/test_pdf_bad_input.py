"""Bad input, through the real CLI: the book still comes out, and says what was wrong."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

from pypdf import PdfReader

from .conftest import HOSTILE, LONG_URL, LONG_WORD, pdftotext


def test_export_succeeds_with_warnings_naming_records(hostile_build):
    path, result = hostile_build
    assert result.returncode == 0, result.stderr
    assert path.exists()
    err = result.stderr
    assert "event:gone" in err and "official:deleted-person" in err      # dangling refs
    for record in ("official:truncated", "official:missing", "official:garbage"):
        assert re.search(rf"warning: {record} .*placeholder", err), record
    assert "official:huge" not in err                                   # a big photo is fine
    assert "official:hostile" not in err


def test_user_text_is_never_markup(hostile_build):
    path, _ = hostile_build
    text = " ".join(pdftotext(path).split())
    for literal in ('<font color="red">red</font>', "<b>bold</b>", "& [[[x]]] &amp;",
                    '<img src="/etc/passwd"/>', '<a href="http://evil.example">evil</a>',
                    "HOSTILE <Person> & Co", "Minister <of> Things", "Hostile <Book> & Test"):
        assert literal in text, literal
    reader = PdfReader(path)
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            assert action is None or "/URI" not in action, "a link was built from user text"


def test_placeholders_and_uncovered_characters_are_legible(hostile_build):
    path, _ = hostile_build
    text = pdftotext(path)
    assert text.count("Photo unavailable") >= 3
    assert "The record event:gone is no longer in the library." in " ".join(text.split())
    assert "[U+1F600]" in text and "😀" not in text                     # no tofu box


def test_huge_photo_is_downscaled_and_pdf_stays_small(hostile_build):
    path, _ = hostile_build
    assert path.stat().st_size < 1_500_000
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        width, height = int(line.split()[3]), int(line.split()[4])
        assert width <= 600 and height <= 800, line


def test_long_words_wrap_inside_the_page(hostile_build):
    path, _ = hostile_build
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    root = ET.fromstring(xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = root.findall(".//h:page", ns)
    assert pages
    words = 0
    for page in pages:
        page_width = float(page.get("width"))
        for word in page.findall("h:word", ns):
            words += 1
            assert float(word.get("xMax")) <= page_width - 15, (word.text, word.get("xMax"))
            assert float(word.get("xMin")) >= 15
    assert words > 500
    flat = "".join(pdftotext(path).split())
    assert LONG_WORD in flat and LONG_URL in flat          # nothing lost when cut


def test_long_biography_breaks_across_pages(hostile_build):
    path, _ = hostile_build
    reader = PdfReader(path)
    pages_with = [i for i, page in enumerate(reader.pages)
                  if "A long career in public service" in (page.extract_text() or "")]
    assert len(pages_with) >= 3
    assert pages_with == list(range(pages_with[0], pages_with[-1] + 1))
    last = reader.pages[pages_with[-1]].extract_text()
    assert "Paragraph 59" in " ".join(pdftotext(path).split())
    assert last


def test_letter_paper_and_draft_watermark(hostile_db, tmp_path):
    from .conftest import run_cli
    out = tmp_path / "draft.pdf"
    result = run_cli("--db", str(hostile_db), "--read-only", "build", "hostile", "-o", str(out),
                     "--paper", "Letter", "--draft")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert all("DRAFT" in (page.extract_text() or "") for page in reader.pages)


def test_hostile_cover_text_prints_literally(hostile_build):
    path, _ = hostile_build
    cover = "".join(pdftotext(path, "-f", "1", "-l", "1").split())
    assert "".join(HOSTILE.split()) in cover


def test_unknown_book_is_a_one_line_error_and_writes_nothing(sample_db, tmp_path):
    from .conftest import run_cli
    out = tmp_path / "x.pdf"
    result = run_cli("--db", str(sample_db), "--read-only", "build", "no-such-book", "-o",
                     str(out))
    assert result.returncode == 1
    assert result.stderr.strip() == "briefbook: no book with id 'no-such-book' in the library"
    assert list(tmp_path.iterdir()) == []


def test_theme_logo_is_printed_on_the_cover(hostile_db, tmp_path):
    import io as _io

    from PIL import Image

    from briefbook.export.compose import compose
    from briefbook.export.pdf_writer import write_pdf
    from briefbook.export.theme import Theme
    from briefbook.store import Library

    buffer = _io.BytesIO()
    Image.new("RGBA", (200, 120), (180, 20, 20, 255)).save(buffer, "PNG")
    theme = Theme(logo=buffer.getvalue())
    with Library.open(hostile_db, read_only=True) as lib:
        document = compose(lib.get("book:hostile"), lib, theme)
    out = tmp_path / "logo.pdf"
    write_pdf(document, out, theme)
    listing = subprocess.run(["pdfimages", "-f", "1", "-l", "1", "-list", str(out)],
                             capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert any(line.split()[3:5] == ["200", "120"] for line in listing), listing
