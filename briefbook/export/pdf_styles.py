"""Paragraph styles of the PDF, derived from a :class:`~.theme.Theme`."""
from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT

from .pdf_text import font_name, style


def make_styles(theme) -> dict:
    latin, bold = font_name("latin"), font_name("latin", True)
    text, muted = HexColor(theme.text), HexColor(theme.muted)
    primary, accent = HexColor(theme.primary), HexColor(theme.accent)
    size, small = theme.body_size, theme.small_size
    lead = theme.line_spacing
    space = theme.paragraph_space
    h1, h2, h3 = theme.heading_sizes

    def s(name, **kw):
        kw.setdefault("font", latin)
        kw.setdefault("size", size)
        kw.setdefault("leading", kw["size"] * lead)
        kw.setdefault("color", text)
        kw.setdefault("spaceAfter", space)
        return style(name, **kw)

    styles = {
        "body": s("body"),
        "lead": s("lead", size=size * 1.1),
        "bullet": s("bullet", leftIndent=12, bulletIndent=2, bulletFontName=latin,
                    spaceAfter=space / 2),
        "label": s("label", font=bold, size=small, color=accent, spaceAfter=1),
        "small": s("small", size=small, color=muted, spaceAfter=2),
        "caption": s("caption", size=small, color=muted, alignment=TA_CENTER),
        "native": s("native", color=muted),
        "points": s("points", leftIndent=16, bulletIndent=0, bulletFontName=bold,
                    spaceAfter=space * 1.2),
        "background": s("background"),
        "defensive": s("defensive", leftIndent=12, bulletIndent=2, bulletFontName=bold,
                       color=HexColor(theme.text), spaceAfter=space),
        "note": s("note", size=size * 0.95, backColor=HexColor(theme.table_header_fill),
                  borderPadding=4, spaceBefore=2, spaceAfter=space + 4),
        "placeholder": s("placeholder", color=muted),
        "h1": s("h1", font=bold, size=h1, color=primary, spaceBefore=0, spaceAfter=10),
        "h2": s("h2", font=bold, size=h2, color=primary, spaceBefore=12, spaceAfter=6),
        "h3": s("h3", font=bold, size=h3, color=accent, spaceBefore=8, spaceAfter=3),
        "title": s("title", font=bold, size=theme.title_size, color=primary, spaceAfter=10),
        "subtitle": s("subtitle", size=size * 1.4, color=muted, spaceAfter=18),
        "cover_label": s("cover_label", font=bold, size=small, color=accent, spaceAfter=0),
        "cover_value": s("cover_value", size=size * 1.1, spaceAfter=0),
        "marking": s("marking", font=bold, size=size * 1.3, color=HexColor(theme.marking),
                     alignment=TA_CENTER),
        "stamp": s("stamp", size=small, color=muted),
        "toc1": s("toc1", spaceAfter=0, spaceBefore=4),
        "toc2": s("toc2", leftIndent=14, spaceAfter=0),
        "cell": s("cell", spaceAfter=0),
        "cell_head": s("cell_head", font=bold, spaceAfter=0),
        "running": s("running", size=small, spaceAfter=0),
        "page_number": s("page_number", size=small, alignment=TA_RIGHT),
    }
    for name in ("h1", "h2", "h3"):
        styles[name].keepWithNext = 1
    styles["label"].keepWithNext = 1
    return styles
