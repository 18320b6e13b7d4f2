"""DOCX writer: odd models still give a valid document (and say why when something is left out)."""
from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn
from PIL import Image as PILImage

from briefbook.export import docmodel as dm
from briefbook.export.docx_writer import write_docx
from briefbook.export.theme import Theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (10, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def write(tmp_path, blocks, **kw):
    path = tmp_path / "edge.docx"
    warnings = write_docx(dm.Document(title="Edge", short_title="Edge", blocks=blocks, **kw),
                          path, Theme())
    return docx.Document(str(path)), warnings


def test_table_without_rows_is_left_out(tmp_path):
    document, _ = write(tmp_path, [dm.Table(rows=[]), dm.Table(rows=[[]]),
                                   dm.Paragraph.plain("after")])
    assert document.tables == []
    assert [p.text for p in document.paragraphs] == ["after"]


def test_ragged_rows_and_bad_widths_make_a_rectangular_grid(tmp_path):
    table = dm.Table(rows=[[dm.Cell.text("a"), dm.Cell.text("b"), dm.Cell.text("c")],
                           [dm.Cell.text("only one")]], widths=[0.5, 0.5])
    document, _ = write(tmp_path, [table])
    (written,) = document.tables
    assert len(written.columns) == 3
    assert [len(row.cells) for row in written.rows] == [3, 3]
    assert written.cell(1, 0).text == "only one"


def test_picture_wider_than_the_page_is_scaled_to_the_text_width(tmp_path):
    theme = Theme()
    text_width_mm = 210 - theme.margins_mm[1] - theme.margins_mm[3]
    document, _ = write(tmp_path, [dm.Image(png(400, 200), 400.0, 200.0, alt="wide")])
    (extent,) = document.element.body.iter(WP + "extent")
    width_mm = int(extent.get("cx")) / 36000
    height_mm = int(extent.get("cy")) / 36000
    assert abs(width_mm - text_width_mm) < 0.5
    assert abs(height_mm - text_width_mm / 2) < 0.5


def test_shape_ids_are_unique(tmp_path):
    blocks = [dm.Image(png(40, 40), 20.0, 20.0, alt=f"p{i}") for i in range(5)]
    blocks.append(dm.Profile(dm.Image(png(30, 40), 30.0, 40.0, alt="face"), []))
    document, _ = write(tmp_path, blocks)
    ids = [d.get("id") for d in document.element.body.iter(WP + "docPr")]
    assert len(ids) == 6 and len(set(ids)) == 6
    # No wrap distance around inline pictures (LibreOffice otherwise insets them by 3.2 mm).
    for inline in document.element.body.iter(WP + "inline"):
        assert [inline.get(k) for k in ("distT", "distB", "distL", "distR")] == ["0"] * 4


def test_duplicate_anchor_is_bookmarked_once(tmp_path):
    document, _ = write(tmp_path, [
        dm.SectionStart("One", anchor="same"), dm.SectionStart("Two", anchor="same"),
        dm.Paragraph([dm.Run("link", link="same")])])
    names = [b.get(qn("w:name")) for b in document.element.body.iter(W + "bookmarkStart")]
    assert len(names) == 1
    (link,) = document.element.body.iter(W + "hyperlink")
    assert link.get(qn("w:anchor")) == names[0]


def test_headings_inside_a_profile_are_in_the_prefilled_contents(tmp_path):
    document, _ = write(tmp_path, [
        dm.ContentsMarker(), dm.SectionStart("People", anchor="people"),
        dm.Profile(dm.Image(None, 30.0, 40.0), [dm.Heading(3, "Inside", anchor="inside")])])
    toc = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("toc")]
    assert toc == [("toc 1", "People"), ("toc 3", "Inside")]


def test_unknown_block_is_reported_not_fatal(tmp_path):
    document, warnings = write(tmp_path, [dm.Paragraph.plain("kept"), object()])
    assert [p.text for p in document.paragraphs] == ["kept"]
    assert any("object" in w for w in warnings)


def test_letter_paper_and_unknown_paper(tmp_path):
    document, _ = write(tmp_path, [dm.Paragraph.plain("x")], paper="Letter")
    assert round(document.sections[0].page_width.inches, 2) == 8.5
    document, _ = write(tmp_path, [dm.Paragraph.plain("x")], paper="B5")
    assert round(document.sections[0].page_width.mm) == 210      # falls back to A4


def test_progress_and_cancel(tmp_path):
    blocks = [dm.Paragraph.plain(f"p{i}") for i in range(120)]
    document = dm.Document(title="P", short_title="P", blocks=blocks)
    calls = []
    path = tmp_path / "progress.docx"
    write_docx(document, path, progress=lambda done, total, msg: calls.append((done, total)))
    assert calls[0] == (0, 120) and calls[-1] == (120, 120)
    assert path.exists()
    cancelled = tmp_path / "cancelled.docx"
    warnings = write_docx(document, cancelled, cancel=lambda: True)
    assert not cancelled.exists()
    assert any("cancelled" in w for w in warnings)
