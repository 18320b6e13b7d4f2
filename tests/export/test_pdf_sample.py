"""The sample books, built through the real CLI, checked on the real PDFs."""
from __future__ import annotations

import re
import subprocess

from pypdf import PdfReader

from .conftest import pdftotext


def _outline_tree(reader, items=None, depth=0):
    items = reader.outline if items is None else items
    out = []
    for item in items:
        if isinstance(item, list):
            out[-1][2].extend(_outline_tree(reader, item, depth + 1))
        else:
            out.append((item.title, reader.get_destination_page_number(item) + 1, []))
    return out


def test_text_in_all_three_scripts(sample_pdfs):
    text = pdftotext(sample_pdfs["asean-china-som-2024"])
    assert "KUNG Phoak" in text and "SUN Weidong" in text          # Latin
    assert "孙卫东" in text                                           # Chinese
    assert "គង់ ផាក" in text        # Khmer exactly as typed (ActualText spans), not glyph codes
    assert not re.search("[\ue000-\uf8ff]", text)                   # no private-use stand-ins
    text2 = pdftotext(sample_pdfs["prak-sokhonn-china-2019"])
    assert "李克强" in text2 and "王毅" in text2


def test_fonts_are_all_embedded(sample_pdfs):
    for path in sample_pdfs.values():
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                                 check=True).stdout.splitlines()[2:]
        assert listing, "no fonts listed"
        names = [line.split()[0] for line in listing]
        assert not any("Helvetica" in n or "Times" in n for n in names), names
        for line in listing:
            emb, sub = line.split()[-5:-3]
            assert emb == "yes" and sub == "yes", line
        assert any("NotoSansKhmer" in n for n in names)
        assert any("DroidSansFallback" in n for n in names)


def test_bookmarks_are_nested_sections_then_items(sample_pdfs):
    reader = PdfReader(sample_pdfs["asean-china-som-2024"])
    tree = _outline_tree(reader)
    titles = [t for t, _, _ in tree]
    assert titles[:5] == ["Contents", "Programme", "Points to make", "Biographies",
                          "Background"]
    programme = tree[1]
    children = [t for t, _, _ in programme[2]]
    assert children == ["Meeting of the ASEAN SOM Leaders of Cambodia and China",
                        "30th ASEAN-China Senior Officials' Consultation"]
    biographies = dict((t, (p, c)) for t, p, c in tree)["Biographies"]
    assert [t for t, _, _ in biographies[1]] == ["SUN Weidong (孙卫东)", "KUNG Phoak (គង់ ផាក)"]
    # Bookmarks point at the pages the headings are on (not all at page 1).
    for title, page, kids in tree:
        page_text = reader.pages[page - 1].extract_text()
        assert title.split(" (")[0] in page_text
        for kid_title, kid_page, _ in kids:
            assert kid_page >= page


def test_page_x_of_y_and_markings_on_every_page(sample_pdfs):
    for book_id, marking in (("asean-china-som-2024", "RESTRICTED"),
                             ("prak-sokhonn-china-2019", "CONFIDENTIAL")):
        path = sample_pdfs[book_id]
        total = len(PdfReader(path).pages)
        assert total >= 5
        for number in range(1, total + 1):
            text = pdftotext(path, "-f", str(number), "-l", str(number))
            assert text.count(marking) >= 2, f"page {number} lacks top and bottom marking"
            if number == 1:
                assert "Page 1 of" not in text          # the cover is unnumbered
            else:
                assert f"Page {number} of {total}" in text


def test_running_header_names_book_and_section(sample_pdfs):
    path = sample_pdfs["asean-china-som-2024"]
    for page, section in ((3, "Programme"), (4, "Points to make"), (5, "Biographies")):
        text = pdftotext(path, "-layout", "-f", str(page), "-l", str(page))
        header = next(line for line in text.splitlines()
                      if "ASEAN-China Senior Officials' Consultation" in line)
        assert header.rstrip().endswith(section), header


def test_contents_numbers_are_the_pages_headings_are_on(sample_pdfs):
    for path in sample_pdfs.values():
        reader = PdfReader(path)
        contents = pdftotext(path, "-layout", "-f", "2", "-l", "2")
        tree = _outline_tree(reader)
        checked = 0
        for title, page, kids in tree[1:]:
            for entry_title, entry_page in [(title, page)] + [(k, p) for k, p, _ in kids]:
                short = entry_title.split(" (")[0]
                match = re.search(re.escape(short) + r".*?\s(\d+)\s*$", contents, re.M)
                assert match, f"{short!r} not in contents"
                assert int(match.group(1)) == entry_page, short
                # ...and the heading really is on that page.
                on_page = pdftotext(path, "-f", str(entry_page), "-l", str(entry_page))
                assert " ".join(short.split()) in " ".join(on_page.split())
                checked += 1
        assert checked >= 8
        assert tree[0][:2] == ("Contents", 2)


def test_contents_entries_are_links(sample_pdfs):
    reader = PdfReader(sample_pdfs["asean-china-som-2024"])
    annots = [a.get_object() for a in reader.pages[1].get("/Annots", [])]
    links = [a for a in annots if a["/Subtype"] == "/Link"]
    assert len(links) >= 8
    assert all("/URI" not in str(a.get("/A", {})) for a in links)
