"""DOCX writer: build a realistic document model, write it, read it back with python-docx.

The Document is constructed directly (cover, contents, sections with Khmer /
Chinese / Latin text, a Profile with a Pillow-made photo, tables, hostile text);
``test_sample_books`` also runs the real sample books through ``compose`` when
that module exists.
"""
from __future__ import annotations

import importlib.util
import io
import re
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from PIL import Image as PILImage

from briefbook.export import docmodel as dm
from briefbook.export.docx_scripts import (CHINESE_FONT, KHMER_FONT, LATIN_FONT, clean_text,
                                           split_scripts)
from briefbook.export.docx_writer import TOC_INSTRUCTION, write_docx
from briefbook.export.theme import Theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KHMER_NAME = "ប្រាក់ សុខុន"                       # Prak Sokhonn: subscript ្រ
KHMER_MINISTRY = "ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ"
CHINESE_NAME = "孙卫东"
CHINESE_TITLE = "中华人民共和国外交部副部长"
HOSTILE = '<b>&[[[x]]]</b> <font color="red">&amp; ]]> "quoted" \'apos\''


def jpeg_photo(width=300, height=400, colour=(120, 140, 170)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png_logo() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGBA", (200, 200), (31, 58, 95, 255)).save(buffer, "PNG")
    return buffer.getvalue()


def facts(*pairs) -> dm.Table:
    return dm.Table(rows=[[dm.Cell.text(label, style="label"), dm.Cell.text(value)]
                          for label, value in pairs], header_rows=0, widths=[0.35, 0.65],
                    kind="facts")


def briefing_document(*, paper="A4", draft=True, classification="RESTRICTED",
                      photo: bytes | None = None) -> dm.Document:
    photo = jpeg_photo() if photo is None else photo
    blocks: list = [
        dm.Cover(title="Visit of the Deputy Prime Minister to China",
                 subtitle="Briefing book for the Minister",
                 facts=[("Delegation", f"H.E. PRAK Sokhonn ({KHMER_NAME})"),
                        ("Destination", "Beijing, 中国"), ("Dates", "3–5 June 2019"),
                        ("Prepared by", "Asia Desk")],
                 classification=classification, stamp="Version 3 · generated 9 May 2024 14:02",
                 logo=png_logo()),
        dm.ContentsMarker(),
        dm.SectionStart("Programme", anchor="sec-programme"),
        dm.Heading(2, "Bilateral meeting with the Vice Foreign Minister", anchor="event:bilat"),
        dm.Paragraph([dm.Run("Date: ", bold=True), dm.Run("June 2019")]),
        dm.Paragraph([dm.Run("Participants: "),
                      dm.Run("SUN Weidong", link="official:sun-weidong"), dm.Run(", "),
                      dm.Run("PRAK Sokhonn", link="official:prak-sokhonn"), dm.Run(", "),
                      dm.Run("a deleted record", link="official:gone")]),
        dm.Paragraph.plain("The ministers reviewed the Comprehensive Strategic Cooperative "
                           "Partnership.", style="lead"),
        dm.Heading(3, "Outcomes", anchor="event:bilat:outcomes"),
        dm.Paragraph.plain("Agreement to hold the next consultation in Phnom Penh.", "bullet"),
        dm.Paragraph.plain("Joint statement issued.", "bullet"),
        dm.Heading(3, "Sources", in_toc=False),
        dm.Paragraph.plain("MFAIC press release, 5 June 2019.", "small"),
        dm.SectionStart("Biographies", anchor="sec-bios"),
        dm.Heading(2, "PRAK Sokhonn", anchor="official:prak-sokhonn", native=KHMER_NAME),
        dm.Profile(image=dm.Image(photo, 35.0, 46.7, alt="Photo of PRAK Sokhonn"),
                   facts=[dm.Paragraph.plain(KHMER_NAME, "native"),
                          facts(("Form of address", "His Excellency"),
                                ("Position", "Deputy Prime Minister"),
                                ("Ministry", KHMER_MINISTRY))]),
        dm.Paragraph([dm.Run(f"{KHMER_NAME} ", bold=True),
                      dm.Run("has served as Minister of Foreign Affairs since 2016. "),
                      dm.Run(f"({KHMER_MINISTRY})")]),
        dm.Heading(3, "Career history", in_toc=False),
        dm.Table(rows=[[dm.Cell.text("Dates", bold=True), dm.Cell.text("Position", bold=True)],
                       [dm.Cell.text("2016–"), dm.Cell.text("Minister of Foreign Affairs")],
                       [dm.Cell.text("2013–2016"), dm.Cell.text(KHMER_MINISTRY)]],
                 header_rows=1, widths=[0.25, 0.75]),
        dm.PageBreak(),
        dm.Heading(2, "SUN Weidong", anchor="official:sun-weidong", native=CHINESE_NAME),
        dm.Profile(image=dm.Image(None, 35.0, 46.7, alt="Photo of SUN Weidong"),
                   facts=[dm.Paragraph.plain(CHINESE_NAME, "native"),
                          facts(("Position", f"Vice Foreign Minister ({CHINESE_TITLE})"))]),
        dm.Paragraph([dm.Run("Met "), dm.Run("李克强.", bold=True), dm.Run(" in 2019.")]),
        dm.SectionStart("Partnership background", anchor="sec-partnerships"),
        dm.Heading(2, "Cambodia–China", anchor="partnership:kh-cn"),
        dm.Table(rows=[[dm.Cell.text("Date"), dm.Cell.text("Milestone")],
                       [dm.Cell.text("1958"), dm.Cell.text("Diplomatic relations established")],
                       [dm.Cell.text("2010"), dm.Cell.text("Comprehensive Strategic Partnership "
                                                           f"{CHINESE_NAME}")]],
                 header_rows=1, widths=[0.2, 0.8]),
        dm.Paragraph.plain("Raise the trade target.", "points"),
        dm.Paragraph.plain("Welcome the new flights.", "points"),
        dm.Paragraph.plain("If asked about the base: refer to the joint statement.", "defensive"),
        dm.Paragraph.plain("Background: relations are close.", "background"),
        dm.Paragraph.plain("Note: check the date.", "note"),
        dm.Paragraph.plain("Second list item one.", "points"),
        dm.Paragraph([dm.Run(HOSTILE), dm.Run("\x00\x07bell\x0btab\x1f"),
                      dm.Run("line one\nline two\tafter tab")], style="body"),
        dm.Image(jpeg_photo(600, 300, (200, 180, 90)), 60.0, 30.0, alt="Map"),
        dm.Paragraph.plain("Map of the region.", "caption"),
        dm.Paragraph.plain("[Text not available]", "placeholder"),
    ]
    return dm.Document(title="Visit of the Deputy Prime Minister to China",
                       short_title="DPM visit to China", blocks=blocks,
                       classification=classification, draft=draft, paper=paper,
                       author="Asia Desk", language="en")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "book.docx"
    warnings = write_docx(briefing_document(), path, Theme())
    return path, docx.Document(str(path)), warnings


def body_paragraphs_in_order(document):
    return list(document.element.body.iter(W + "p"))


def para_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(W + "t"))


def instr_texts(element) -> list[str]:
    return [" ".join((t.text or "").split()) for t in element.iter(W + "instrText")]


# --- structure and styles ----------------------------------------------------------------------
def test_headings_use_builtin_styles(written):
    _, document, _ = written
    used = {p.style.name for p in document.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= used
    by_style = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Heading 1"] == ["Programme", "Biographies", "Partnership background"]
    assert f"PRAK Sokhonn  {KHMER_NAME}" in by_style["Heading 2"]
    assert "Outcomes" in by_style["Heading 3"]
    # Headings kept out of the contents have no outline level.
    sources = next(p for p in document.paragraphs if p.text == "Sources")
    assert not sources.style.name.startswith("Heading")
    assert sources.style.element.find(f"{W}pPr/{W}outlineLvl") is None


def test_model_styles_are_named_styles(written):
    _, document, _ = written
    names = {s.name for s in document.styles}
    for model_style in dm.PARAGRAPH_STYLES:
        assert f"Brief {model_style.capitalize()}" in names
    used = {p.style.name for p in document.paragraphs}
    assert {"Brief Body", "Brief Lead", "Brief Bullet", "Brief Points", "Brief Defensive",
            "Brief Note", "Brief Caption", "Brief Placeholder", "Brief Small"} <= used
    heading1 = document.styles["Heading 1"]
    assert heading1.font.name == LATIN_FONT
    assert heading1.font.size.pt == Theme().heading_sizes[0]
    assert str(heading1.font.color.rgb) == Theme().primary.lstrip("#").upper()
    rfonts = heading1.element.find(f"{W}rPr/{W}rFonts")
    assert rfonts.get(qn("w:asciiTheme")) is None          # template theme fonts removed
    assert rfonts.get(qn("w:cs")) == KHMER_FONT
    assert rfonts.get(qn("w:eastAsia")) == CHINESE_FONT


def test_styles_carry_complex_script_size_bold_and_languages(written):
    _, document, _ = written
    sized = 0
    for style in document.styles:
        rpr = style.element.find(f"{W}rPr")
        if rpr is None or rpr.find(W + "sz") is None or not style.name.startswith(
                ("Normal", "heading", "Heading", "Brief", "Title", "toc", "TOC")):
            continue
        sized += 1
        szcs = rpr.find(W + "szCs")
        assert szcs is not None and szcs.get(qn("w:val")) == rpr.find(W + "sz").get(
            qn("w:val")), style.name
        if rpr.find(W + "b") is not None:
            assert rpr.find(W + "bCs") is not None, style.name
    assert sized >= 15
    defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    lang = defaults.find(W + "lang")
    assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia")), lang.get(qn("w:bidi"))) == (
        "en-GB", "zh-CN", "km-KH")
    fonts = defaults.find(W + "rFonts")
    assert (fonts.get(qn("w:ascii")), fonts.get(qn("w:eastAsia")), fonts.get(qn("w:cs"))) == (
        LATIN_FONT, CHINESE_FONT, KHMER_FONT)


# --- contents ----------------------------------------------------------------------------------
def test_toc_field_prefilled_with_linked_entries_and_no_page_numbers(written):
    _, document, _ = written
    body = document.element.body
    assert [i for i in instr_texts(body) if i.startswith("TOC")] == [
        " ".join(TOC_INSTRUCTION.split())]
    toc = [p for p in document.paragraphs if p.style.name.startswith("toc ")]
    texts = [(p.style.name, p.text) for p in toc]
    assert texts[:3] == [("toc 1", "Programme"),
                         ("toc 2", "Bilateral meeting with the Vice Foreign Minister"),
                         ("toc 3", "Outcomes")]
    assert ("toc 2", f"PRAK Sokhonn  {KHMER_NAME}") in texts
    assert ("toc 3", "Sources") not in texts and ("toc 3", "Career history") not in texts
    assert len(toc) == 8
    for p in toc:
        # No page numbers: no tab, no PAGEREF, no trailing digits.
        assert p._p.find(f".//{W}tab") is None
        assert not any("PAGEREF" in i for i in instr_texts(p._p))
        assert not re.search(r"\d\s*$", p.text)
        link = p._p.find(W + "hyperlink")
        assert link is not None and link.get(qn("w:anchor"))
    # Every entry's link lands on a bookmark placed at its heading.
    bookmarks = {b.get(qn("w:name")): b.getparent() for b in body.iter(W + "bookmarkStart")}
    for p in toc:
        target = bookmarks[p._p.find(W + "hyperlink").get(qn("w:anchor"))]
        assert para_text(target) == p.text
    # The field begins in the first entry and ends in the last.
    chars = [c.get(qn("w:fldCharType")) for p in toc for c in p._p.iter(W + "fldChar")]
    assert chars == ["begin", "separate", "end"]


def test_update_fields_on_open(written):
    _, document, _ = written
    update = document.settings.element.find(W + "updateFields")
    assert update is not None and update.get(qn("w:val")) == "true"


# --- headers, footers, sections ------------------------------------------------------------------
def test_cover_section_unnumbered_and_body_headers(written):
    _, document, _ = written
    # Cover, contents, then one Word section per book section.
    cover, contents, *book_sections = document.sections
    assert len(book_sections) == 3
    cover_fields = instr_texts(cover.header._element) + instr_texts(cover.footer._element)
    assert cover_fields == []                                  # no page number on the cover
    assert "RESTRICTED" in "".join(p.text for p in cover.header.paragraphs)
    assert "RESTRICTED" in "".join(p.text for p in cover.footer.paragraphs)
    cover_marking = [p for p in document.paragraphs if p.style.name == "Brief Cover Marking"]
    assert [p.text for p in cover_marking] == ["RESTRICTED"]
    for section in (contents, *book_sections):
        header_text = "\n".join(p.text for p in section.header.paragraphs)
        footer_text = "\n".join(p.text for p in section.footer.paragraphs)
        assert "RESTRICTED" in header_text and "RESTRICTED" in footer_text
        assert "DRAFT" in header_text
        assert "DPM visit to China" in header_text
        assert instr_texts(section.footer._element) == ["PAGE", "NUMPAGES"]
        assert footer_text.startswith("Page 1 of 1")           # cached; Word recomputes
        strings = [t.get("string") for t in
                   section.header._element.iter("{urn:schemas-microsoft-com:vml}textpath")]
        assert "DRAFT" in strings
    # The contents page names itself; each book section's header follows Heading 1 with a
    # STYLEREF field whose cached result is that section's title (right even unrefreshed).
    assert contents.header.paragraphs[-1].text.endswith("Contents")
    assert instr_texts(contents.header._element) == []
    for section, title in zip(book_sections, ["Programme", "Biographies",
                                              "Partnership background"]):
        assert instr_texts(section.header._element) == ['STYLEREF "Heading 1"']
        assert section.header.paragraphs[-1].text.endswith(title)
    # Footers are defined once and inherited.
    assert not contents.footer.is_linked_to_previous
    assert all(s.footer.is_linked_to_previous for s in book_sections)


def test_no_draft_no_classification(tmp_path):
    path = tmp_path / "plain.docx"
    write_docx(briefing_document(draft=False, classification=""), path, Theme())
    document = docx.Document(str(path))
    body = document.sections[-1]
    assert "DRAFT" not in "".join(p.text for p in body.header.paragraphs)
    assert body.header._element.find(".//{urn:schemas-microsoft-com:vml}shape") is None
    assert instr_texts(body.footer._element) == ["PAGE", "NUMPAGES"]
    assert not document.sections[0].header._element.findall(f".//{W}t")


@pytest.mark.parametrize("paper,size_mm", [("A4", (210, 297)), ("Letter", (215.9, 279.4))])
def test_page_size_and_margins(tmp_path, paper, size_mm):
    path = tmp_path / f"{paper}.docx"
    theme = Theme()
    write_docx(briefing_document(paper=paper), path, theme)
    for section in docx.Document(str(path)).sections:
        assert section.page_width.mm == pytest.approx(size_mm[0], abs=0.1)
        assert section.page_height.mm == pytest.approx(size_mm[1], abs=0.1)
        assert section.top_margin.mm == pytest.approx(theme.margins_mm[0], abs=0.1)
        assert section.left_margin.mm == pytest.approx(theme.margins_mm[3], abs=0.1)


def test_core_properties(written):
    _, document, _ = written
    props = document.core_properties
    assert props.title == "Visit of the Deputy Prime Minister to China"
    assert props.author == "Asia Desk"
    assert props.category == "RESTRICTED"


# --- tables, pictures, links -------------------------------------------------------------------
def test_tables_styles_header_repeat_and_profile(written):
    path, document, _ = written
    styles = [t.style.name for t in document.tables]
    assert "Brief Grid" in styles and "Brief Facts" in styles
    grids = [t for t in document.tables if t.style.name == "Brief Grid" and len(t.rows) > 1]
    assert len(grids) == 2
    for table in grids:
        first = table.rows[0]._tr
        assert first.find(f"{W}trPr/{W}tblHeader") is not None
        assert table.rows[1]._tr.find(f"{W}trPr/{W}tblHeader") is None
    career = next(t for t in grids if t.cell(0, 0).text == "Dates")
    assert career.cell(2, 1).text == KHMER_MINISTRY
    # Profile: a borderless 2-column table, photo on the left, facts (with a nested table) right.
    profiles = [t for t in document.tables if t.style.name == "Brief Facts" and
                len(t.columns) == 2 and t.cell(0, 0)._tc.find(f".//{W}drawing") is not None]
    assert len(profiles) == 1
    right = profiles[0].cell(0, 1)
    assert right.paragraphs[0].text == KHMER_NAME
    assert right.tables and right.tables[0].cell(0, 1).text == "His Excellency"
    # Every cell ends with a paragraph (Word requires it after a nested table).
    for tc in document.element.body.iter(W + "tc"):
        assert tc[-1].tag == W + "p"


def test_images_and_placeholder(written):
    path, document, warnings = written
    with zipfile.ZipFile(path) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(media) == 3                      # logo, photo, map
    descriptions = [d.get("descr") for d in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert "Photo of PRAK Sokhonn" in descriptions and "Map" in descriptions
    placeholders = [p for p in document.element.body.iter(W + "p")
                    if para_text(p) == "Photo not available"]
    assert len(placeholders) == 1
    assert warnings == []


def test_unreadable_picture_becomes_placeholder_with_warning(tmp_path):
    path = tmp_path / "bad.docx"
    warnings = write_docx(briefing_document(photo=b"not an image at all"), path, Theme())
    assert any("Photo of PRAK Sokhonn" in w for w in warnings)
    document = docx.Document(str(path))
    texts = [para_text(p) for p in document.element.body.iter(W + "p")]
    assert texts.count("Photo not available") == 2


def test_internal_links_point_to_bookmarks(written):
    _, document, _ = written
    body = document.element.body
    names = {b.get(qn("w:name")) for b in body.iter(W + "bookmarkStart")}
    assert all(len(n) <= 40 and re.fullmatch(r"_[A-Za-z0-9_]+", n) for n in names)
    links = {para_text(h): h.get(qn("w:anchor")) for h in body.iter(W + "hyperlink")
             if h.getparent().find(f"{W}pPr/{W}pStyle").get(qn("w:val")) == "BriefBody"}
    assert set(links) == {"SUN Weidong", "PRAK Sokhonn"}          # the deleted record: plain
    assert set(links.values()) <= names
    for h in body.iter(W + "hyperlink"):
        if h.getparent().find(f"{W}pPr/{W}pStyle").get(qn("w:val")).startswith("TOC"):
            continue
        style = h.find(f"{W}r/{W}rPr/{W}rStyle")
        assert style is not None and style.get(qn("w:val")) == "Hyperlink"


def test_page_breaks(written):
    _, document, _ = written
    body = document.element.body
    # Book sections start Word sections (a new page); the explicit PageBreak before SUN Weidong
    # becomes "page break before" on the next paragraph. No blank pages: no break at the top of
    # a page that a section break already started, and no manual page-break characters.
    breaking = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert breaking == [f"SUN Weidong  {CHINESE_NAME}"]
    paragraphs = list(body.iterchildren(W + "p"))
    for title in ("Programme", "Biographies", "Partnership background"):
        heading = next(p for p in paragraphs if para_text(p) == title and
                       p.find(f"{W}pPr/{W}pStyle").get(qn("w:val")) == "Heading1")
        previous = heading.getprevious()
        assert previous.find(f"{W}pPr/{W}sectPr") is not None, title
    assert not any(br.get(qn("w:type")) == "page" for br in body.iter(W + "br"))


# --- scripts -------------------------------------------------------------------------------------
def runs_with_text(document, needle):
    for r in document.element.body.iter(W + "r"):
        if needle in "".join(t.text or "" for t in r.findall(W + "t")):
            yield r


def test_khmer_runs_are_complex_script(written):
    _, document, _ = written
    runs = list(runs_with_text(document, KHMER_NAME))
    assert len(runs) >= 4                       # heading, native, paragraph, TOC entry, cover
    for r in runs:
        rpr = r.find(W + "rPr")
        fonts = rpr.find(W + "rFonts")
        assert fonts.get(qn("w:cs")) == KHMER_FONT and fonts.get(qn("w:hint")) == "cs"
        assert rpr.find(W + "cs") is not None
        assert rpr.find(W + "szCs") is not None
        assert rpr.find(W + "lang").get(qn("w:bidi")) == "km-KH"
    bold = [r for r in runs if r.find(f"{W}rPr/{W}b") is not None]
    assert bold and all(r.find(f"{W}rPr/{W}bCs") is not None for r in bold)
    # Khmer runs hold no Latin letters: "has served…" is its own run.
    for r in document.element.body.iter(W + "r"):
        if r.find(f"{W}rPr/{W}cs") is not None:
            assert not re.search("[A-Za-z]", "".join(t.text or "" for t in r.iter(W + "t")))


def test_khmer_size_matches_heading(written):
    _, document, _ = written
    heading = next(p for p in document.paragraphs
                   if p.style.name == "Heading 2" and p.text == f"PRAK Sokhonn  {KHMER_NAME}")
    khmer = [r for r in heading._p.iter(W + "r") if r.find(f"{W}rPr/{W}cs") is not None]
    expected = str(int(Theme().heading_sizes[1] * 2))
    assert khmer[0].find(f"{W}rPr/{W}szCs").get(qn("w:val")) == expected


def test_chinese_runs_use_east_asian_slot(written):
    _, document, _ = written
    runs = list(runs_with_text(document, "李克强"))
    assert len(runs) == 1
    rpr = runs[0].find(W + "rPr")
    fonts = rpr.find(W + "rFonts")
    assert fonts.get(qn("w:eastAsia")) == CHINESE_FONT and fonts.get(qn("w:hint")) == "eastAsia"
    assert rpr.find(W + "lang").get(qn("w:eastAsia")) == "zh-CN"
    assert rpr.find(W + "b") is not None and rpr.find(W + "cs") is None
    assert "".join(t.text for t in runs[0].iter(W + "t")) == "李克强."


def test_split_scripts_keeps_punctuation_with_its_script():
    assert split_scripts("(គង់ ផាក)") == [("khmer", "(គង់ ផាក)")]
    assert split_scripts("李克强.") == [("chinese", "李克强.")]
    assert split_scripts("Met 孙卫东 and គង់ ផាក.") == [
        ("latin", "Met "), ("chinese", "孙卫东 and "[:4]), ("latin", "and "),
        ("khmer", "គង់ ផាក.")]
    assert "".join(t for _, t in split_scripts("a១b中c")) == "a១b中c"


# --- hostile text --------------------------------------------------------------------------------
def test_hostile_text_is_literal_and_illegal_characters_dropped(written):
    _, document, _ = written
    texts = [p.text for p in document.paragraphs]
    hostile = next(t for t in texts if t.startswith("<b>"))
    assert hostile.startswith(HOSTILE)
    assert "belltab" in hostile                          # \x00 \x07 \x0b \x1f removed
    assert "line one\nline two\tafter tab" in hostile    # real break and tab
    assert clean_text("a\x00b\ud800c\ufffe") == "abc"


def test_hostile_titles_everywhere(tmp_path):
    nasty = "<w:t>&lt;]]>\x01\x1b" + HOSTILE
    document = dm.Document(title=nasty, short_title=nasty, classification=nasty, draft=True,
                           author=nasty, blocks=[
                               dm.Cover(title=nasty, subtitle=nasty, facts=[(nasty, nasty)],
                                        stamp=nasty),
                               dm.ContentsMarker(title=nasty),
                               dm.SectionStart(nasty, anchor=nasty),
                               dm.Heading(2, nasty, anchor="x" * 300, native=nasty),
                               dm.Paragraph([dm.Run(nasty, link=nasty)], anchor="p:" + nasty)])
    path = tmp_path / "nasty.docx"
    write_docx(document, path, Theme())
    reread = docx.Document(str(path))
    expected = clean_text(nasty)
    assert reread.core_properties.title == expected
    assert [p.text for p in reread.paragraphs if p.style.name == "Heading 1"] == [expected]
    assert expected in "".join(p.text for p in reread.sections[-1].header.paragraphs)


def test_empty_document(tmp_path):
    path = tmp_path / "empty.docx"
    write_docx(dm.Document(title="Empty", short_title="Empty",
                           blocks=[dm.ContentsMarker()]), path)
    document = docx.Document(str(path))
    assert len(document.sections) == 1
    assert document.sections[0].header.paragraphs[-1].text.endswith("Contents")
    assert any(i.startswith("TOC") for i in instr_texts(document.element.body))


# --- the model against what was written (fixture and the real sample books) ---------------------
KHMER_LETTER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")
HAN_LETTER = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")


def model_paragraph_texts(blocks):
    for block in blocks:
        if isinstance(block, dm.Paragraph):
            yield block.text
        elif isinstance(block, dm.Table):
            for row in block.rows:
                for cell in row:
                    yield from model_paragraph_texts(cell.paragraphs)
        elif isinstance(block, dm.Profile):
            yield from model_paragraph_texts(block.facts)


def model_pictures(blocks):
    count = 0
    for block in blocks:
        if isinstance(block, dm.Image) and block.data is not None:
            count += 1
        elif isinstance(block, dm.Profile) and block.image.data is not None:
            count += 1
        elif isinstance(block, dm.Cover) and block.logo:
            count += 1
    return count


def check_docx_against_model(path, model: dm.Document, warnings: list[str]) -> None:
    """What any model must come out as: generic checks, not tied to one book."""
    document = docx.Document(str(path))
    body = document.element.body
    paragraphs = document.paragraphs
    heading = {level: [p.text for p in paragraphs if p.style.name == f"Heading {level}"]
               for level in (1, 2, 3)}
    expected = {1: [], 2: [], 3: []}
    toc_expected = []
    for block in model.blocks:
        if isinstance(block, dm.SectionStart):
            expected[1].append(clean_text(block.title))
            toc_expected.append(("toc 1", clean_text(block.title)))
        elif isinstance(block, dm.Heading) and block.in_toc:
            text = clean_text(block.text + ("  " + block.native if block.native else ""))
            level = min(max(block.level, 1), 3)
            expected[level].append(text)
            toc_expected.append((f"toc {level}", text))
    assert heading == expected
    toc = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("toc ")]
    if any(isinstance(b, dm.ContentsMarker) for b in model.blocks):
        assert toc == toc_expected
        assert any(i.startswith("TOC \\o") for i in instr_texts(body))
        assert not any("PAGEREF" in i for i in instr_texts(body))
    assert document.settings.element.find(W + "updateFields") is not None
    # Every model paragraph's text is there, literally (minus XML-illegal characters).
    written_texts = {Paragraph(p, None).text for p in body.iter(W + "p")}
    for text in model_paragraph_texts(model.blocks):
        assert clean_text(text) in written_texts, text
    # Pictures: one per image with data (placeholders otherwise), less those that failed.
    failed = sum("could not be embedded" in w for w in warnings)
    assert len(list(body.iter(W + "drawing"))) == model_pictures(model.blocks) - failed
    # Headers/footers after the cover: short title, section, markings, Page X of Y.
    sections = document.sections
    body_sections = sections[1:] if any(isinstance(b, dm.Cover) for b in model.blocks) else sections
    for section in body_sections:
        header_text = "".join(p.text for p in section.header.paragraphs)
        assert clean_text(model.short_title or model.title) in header_text
        if model.classification:
            assert clean_text(model.classification) in header_text
            assert clean_text(model.classification) in "".join(
                p.text for p in section.footer.paragraphs)
        assert instr_texts(section.footer._element) == ["PAGE", "NUMPAGES"]
    assert sum('STYLEREF "Heading 1"' in instr_texts(s.header._element)
               for s in body_sections) == len(expected[1])
    # Every script in its slot.
    for r in body.iter(W + "r"):
        text = "".join(t.text or "" for t in r.iter(W + "t"))
        rpr = r.find(W + "rPr")
        if KHMER_LETTER.search(text):
            assert rpr.find(W + "cs") is not None, text
            assert rpr.find(W + "rFonts").get(qn("w:cs")) == KHMER_FONT, text
            assert rpr.find(W + "lang").get(qn("w:bidi")) == "km-KH", text
        elif HAN_LETTER.search(text):
            assert rpr.find(W + "rFonts").get(qn("w:eastAsia")) == CHINESE_FONT, text
            assert rpr.find(W + "lang").get(qn("w:eastAsia")) == "zh-CN", text


def test_fixture_matches_model(written):
    path, _, warnings = written
    check_docx_against_model(path, briefing_document(), warnings)


def test_sample_books(tmp_path):
    if importlib.util.find_spec("briefbook.export.compose") is None:
        pytest.skip("briefbook.export.compose is not on this branch yet (written in parallel); "
                    "this test runs the real sample books once it is merged")
    from briefbook.export.compose import compose
    from briefbook.sample import load_sample
    from briefbook.store.library import Library

    library = Library.open(tmp_path / "library.json")
    try:
        load_sample(library)
        books = library.books()
        assert len(books) >= 2
        for book in books:
            model = compose(book, library, Theme())
            path = tmp_path / f"{book.id}.docx"
            warnings = write_docx(model, path, Theme())
            check_docx_against_model(path, model, warnings)
    finally:
        library.close()


def test_section_breaks_never_share_a_paragraph_with_a_field(written):
    # LibreOffice drops the footer's PAGE/NUMPAGES of a section whose break sits in the
    # paragraph that ends the TOC field (seen with LibreOffice 7.4: "Page  of ").
    _, document, _ = written
    carriers = [s.getparent().getparent() for s in document.element.body.iter(W + "sectPr")
                if s.getparent().tag == W + "pPr"]
    assert len(carriers) == 4
    for p in carriers:
        assert p.find(f"{W}r/{W}fldChar") is None
