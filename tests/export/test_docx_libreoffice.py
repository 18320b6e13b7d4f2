"""The DOCX as another word processor lays it out: LibreOffice converts it to PDF and the
pages are checked with pdftotext/pdffonts (page furniture, scripts, fonts).

Skipped when LibreOffice (``soffice``) or poppler-utils are not installed.  Word itself
cannot run here; LibreOffice is the stricter of the two about complex-script runs.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest
from PIL import Image as PILImage

from briefbook.export import docmodel as dm
from briefbook.export.docx_writer import write_docx
from briefbook.export.theme import Theme

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdffonts")),
    reason="LibreOffice (soffice) and poppler-utils are needed to lay the DOCX out")

KHMER = "ប្រាក់ សុខុន"
KHMER_LONG = "ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ"
CHINESE = "孙卫东"
SECTIONS = ["Programme", "Biographies", "Background"]


def photo() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 160), (90, 110, 150)).save(buffer, "JPEG")
    return buffer.getvalue()


def model() -> dm.Document:
    blocks: list = [dm.Cover("Visit to Beijing", "Briefing book", [("Dates", "June 2019")],
                             "RESTRICTED", "Version 1"), dm.ContentsMarker()]
    filler = "The two sides agreed to deepen cooperation in many areas of common interest. " * 6
    for title in SECTIONS:
        blocks.append(dm.SectionStart(title, anchor=title.lower()))
        for item in range(3):
            blocks += [dm.Heading(2, f"{title} item {item}", anchor=f"{title}-{item}",
                                  native=KHMER if item == 0 else CHINESE),
                       dm.Profile(dm.Image(photo(), 30.0, 40.0, alt="photo"),
                                  [dm.Paragraph.plain(KHMER_LONG, "native")]),
                       dm.Paragraph.plain(filler), dm.Paragraph.plain(filler)]
    blocks.append(dm.Paragraph([dm.Run('<b>&[[[x]]] <font color="red">', bold=True)]))
    return dm.Document("Visit to Beijing", "Beijing visit", blocks, classification="RESTRICTED",
                       draft=True)


def _without_bundled_fonts(folder) -> dict:
    """Environment whose fontconfig sees the system fonts only (never resources/fonts/), the way
    a delegation member's laptop without Noto Sans Khmer or a CJK font sees the DOCX: the
    Khmer and Chinese must come from the fonts embedded in the file."""
    env = dict(os.environ)
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>"
                    f"<cachedir>{folder / 'fc-cache'}</cachedir>"
                    "<selectfont><rejectfont><glob>*Khmer*</glob><glob>*Droid*</glob>"
                    "<glob>*CJK*</glob></rejectfont></selectfont></fontconfig>")
    env["FONTCONFIG_FILE"] = str(conf)
    return env


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    source = folder / "book.docx"
    write_docx(model(), source, Theme())
    subprocess.run(["soffice", "--headless", "--norestore",
                    f"-env:UserInstallation=file://{folder / 'profile'}",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=240, env=_without_bundled_fonts(folder))
    pdf = folder / "book.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout
    return [p for p in pages if p.strip()], fonts


def test_page_furniture_on_every_page_but_the_cover(laid_out):
    pages, _ = laid_out
    total = len(pages)
    assert total >= 5
    assert "Page " not in pages[0]                       # the cover is unnumbered
    assert "RESTRICTED" in pages[0]
    current = "Contents"
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page, number
        assert page.count("RESTRICTED") >= 2, number     # top and bottom
        assert "Beijing visit" in page, number
        header, body = page.split("Beijing visit", 1)[1].split("\n", 1)
        if number > 2:                                   # page 2 lists every title (contents)
            starts = [t for t in SECTIONS if re.search(rf"^\s*{t}\s*$", body, re.M)]
            current = starts[0] if starts else current
        assert header.strip() == current, (number, header)


def test_contents_lists_entries_without_page_numbers(laid_out):
    pages, _ = laid_out
    contents = pages[1]
    assert "Contents" in contents
    for title in SECTIONS:
        line = next(l for l in contents.splitlines() if l.strip() == title)
        assert not re.search(r"\d", line)


def test_scripts_come_out_in_their_fonts(laid_out):
    pages, _ = laid_out
    text = re.sub(r"\s", "", "".join(pages))
    assert re.sub(r"\s", "", KHMER) in text
    assert re.sub(r"\s", "", KHMER_LONG) in text
    assert CHINESE in text
    assert '<b>&[[[x]]]<fontcolor="red">' in text


def test_bundled_fonts_are_the_ones_used_from_the_fonts_embedded_in_the_docx(laid_out):
    try:
        from briefbook.resources import resource_path
        resource_path("fonts")
    except FileNotFoundError:
        pytest.skip("resources/fonts/ is not in this checkout (bundled by the export branch)")
    _, fonts = laid_out
    assert "NotoSans-Regular" in fonts and "NotoSans-Bold" in fonts
    assert "NotoSansKhmer" in fonts
    assert "NotoSansKhmer-Bold" in fonts                 # bold Khmer heading (w:bCs)
    assert re.search(r"DroidSansFallback|NotoSansCJK|NotoSansSC", fonts)
