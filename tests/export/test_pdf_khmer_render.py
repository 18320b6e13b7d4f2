"""Rendered Khmer: marks are raised/lowered alone, and the rest stays on the baseline."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from briefbook.export.docmodel import Run
from briefbook.export.pdf_text import (RichParagraph, font_name, register_fonts, runs_markup,
                                       style)


def _content(text: str) -> str:
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=(600, 300), initialFontName=font_name("latin"))
    doc.build([RichParagraph(runs_markup([Run(text)]), style(
        "k", font=font_name("latin"), size=20, leading=30, color="black"))])
    return PdfReader(buffer).pages[0].get_contents().get_data().decode("latin-1")


def test_stacked_marks_do_not_drag_following_glyphs_off_the_baseline():
    # ម្ពុ stacks a vowel under a subscript: two different rises in a row (the reportlab
    # setRise bug printed "ជា ក្រស" 8 pt low after it).
    content = _content("កម្ពុជា ក្រសួង កម្ពុជា ក្រសួង")
    ops = re.findall(r"(-?[\d.]+) Ts|(\[.*?\]) TJ|(\(.*?\)) Tj", content, re.S)
    rise = 0.0
    shown = 0
    for ts, tj_array, tj in ops:
        if ts:
            rise = float(ts)
            continue
        strings = re.findall(rb"\((.*?)(?<!\\)\)", (tj_array or tj).encode("latin-1"), re.S)
        glyphs = sum(len(re.sub(rb"\\([0-7]{1,3}|.)", b"x", s)) for s in strings)
        if rise != 0.0:
            assert glyphs == 1, f"{glyphs} glyphs drawn at rise {rise}: {tj_array or tj}"
        shown += glyphs
    assert shown >= 20


def test_build_pdf_bytes_is_a_pdf(tmp_path):
    from briefbook.export import build_pdf_bytes
    from briefbook.export.docmodel import Document, Paragraph, SectionStart
    from briefbook.export.theme import Theme
    doc = Document("T", "T", [SectionStart("S", "s1"), Paragraph.plain("ក្រសួង 李克强. x")])
    data = build_pdf_bytes(doc, Theme())
    assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) == 1
