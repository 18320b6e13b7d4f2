"""The PDF writer: a pure function of the document model (reportlab platypus).

``write_pdf(document, out, theme)`` writes a file (or binary file object);
``build_pdf_bytes(document, theme)`` returns the bytes for an in-memory preview.
Every font is a bundled TrueType font, embedded and subset; Khmer is shaped
(HarfBuzz) and broken at word boundaries (ICU), see :mod:`.pdf_text`.
"""
from __future__ import annotations

import hashlib
import io
import threading

from PIL import Image as PILImage

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (Flowable, Image as RLImage, NextPageTemplate, PageBreak, Spacer,
                                Table, TableStyle)

from .docmodel import (ContentsMarker, Cover, Document, Heading, Image, PageBreak as DocBreak,
                       Paragraph, Profile, Run, SectionStart, Table as DocTable)
from .pdf_layout import AnchoredParagraph, BriefDocTemplate, contents_flowables
from .pdf_styles import make_styles
from .pdf_text import RichParagraph, font_name, register_fonts, runs_markup, text_markup
from .theme import Theme

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
_BUILD_LOCK = threading.RLock()
PROFILE_SIDE_BY_SIDE_CHARS = 1500


class _JpegReader(ImageReader):
    """An ImageReader for JPEG bytes that reportlab embeds as they are.

    ``canvas.drawImage`` names an image by digesting ``getRGBData()``, which makes
    the stock reader decode every photo and keep the pixels (about 0.7 MB per
    photo, 200 MB for a 300-biography book).  The digest of the JPEG bytes names
    the picture as well; the JPEG itself is copied into the PDF (DCTDecode).
    """

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._digest = hashlib.sha256(data).digest()
        self._dataA = None

    def getRGBData(self):
        return self._digest


class JpegImage(Flowable):
    def __init__(self, data: bytes, width: float, height: float | None):
        super().__init__()
        with PILImage.open(io.BytesIO(data)) as probe:
            iw, ih = probe.size
        self.data = data
        self.drawWidth = width
        self.drawHeight = height if height else width * ih / max(1, iw)
        self.hAlign = "CENTER"

    def wrap(self, availWidth, availHeight):
        return self.drawWidth, self.drawHeight

    def draw(self):
        self.canv.drawImage(_JpegReader(self.data), 0, 0, self.drawWidth, self.drawHeight)


class _StoryBuilder:
    def __init__(self, document: Document, theme: Theme, styles: dict, text_width: float):
        self.document = document
        self.theme = theme
        self.styles = styles
        self.width = text_width
        self.story: list = []
        self.point_number = 0
        self.first_section = True

    def build(self) -> list:
        for block in self.document.blocks:
            if not (isinstance(block, Paragraph) and block.style == "points"):
                self.point_number = 0
            handler = getattr(self, f"_{type(block).__name__.lower()}", None)
            if handler is not None:
                handler(block)
        if not self.story:
            self.story.append(Spacer(1, 1))
        return self.story

    # -- blocks ---------------------------------------------------------------------------------
    def _cover(self, cover: Cover) -> None:
        st = self.styles
        add = self.story.append
        add(Spacer(1, 18 * mm))
        if cover.logo:
            logo = self._image_flowable(cover.logo, 30 * mm, None)
            if logo is not None:
                logo.hAlign = "LEFT"
                add(logo)
                add(Spacer(1, 8 * mm))
        add(RichParagraph(text_markup(cover.title, bold=True), st["title"]))
        if cover.subtitle:
            add(RichParagraph(text_markup(cover.subtitle), st["subtitle"]))
        rows = [[RichParagraph(text_markup(label.upper(), bold=True), st["cover_label"]),
                 RichParagraph(text_markup(value), st["cover_value"])]
                for label, value in cover.facts if value]
        if rows:
            table = Table(rows, colWidths=[38 * mm, self.width - 38 * mm], splitInRow=1)
            rule = HexColor(self.theme.table_header_fill)
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font_name("latin")),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("TOPPADDING", (0, 0), (-1, -1), 4),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                                       ("LINEBELOW", (0, 0), (-1, -1), 0.3, rule)]))
            add(table)
        if cover.classification:
            add(Spacer(1, 14 * mm))
            add(RichParagraph(text_markup(cover.classification, bold=True), st["marking"]))
        if cover.stamp:
            add(Spacer(1, 10 * mm))
            add(RichParagraph(text_markup(cover.stamp), st["stamp"]))
        add(NextPageTemplate("body"))
        add(PageBreak())

    def _contentsmarker(self, block: ContentsMarker) -> None:
        st = self.styles
        self.story.append(AnchoredParagraph.make(
            text_markup(block.title, bold=True), st["h1"], anchor="contents", toc_level=1,
            title=block.title, section=block.title))
        self.story.extend(contents_flowables(self.document.headings(), st, self.width,
                                             self.theme.body_size))
        self.first_section = False

    def _sectionstart(self, block: SectionStart) -> None:
        if self.story and (block.new_page or self.first_section):
            if not isinstance(self.story[-1], PageBreak):
                self.story.append(PageBreak())
        self.first_section = False
        self.story.append(AnchoredParagraph.make(
            text_markup(block.title, bold=True), self.styles["h1"], anchor=block.anchor,
            toc_level=1, title=block.title, section=block.title))

    def _heading(self, block: Heading) -> None:
        level = min(max(block.level, 2), 3)
        runs = [Run(block.text, bold=True)]
        if block.native:
            runs.append(Run("  "))
        markup = runs_markup(runs)
        if block.native:
            markup += runs_markup([Run(block.native)], color=self.theme.muted)
        style = self.styles[f"h{level}"]
        if block.anchor:
            self.story.append(AnchoredParagraph.make(
                markup, style, anchor=block.anchor,
                toc_level=2 if (block.in_toc and level == 2) else None,
                title=block.text + (f" ({block.native})" if block.native else "")))
        else:
            self.story.append(RichParagraph(markup, style))

    def _paragraph(self, block: Paragraph) -> None:
        self.story.append(self.paragraph(block))

    def paragraph(self, block: Paragraph, style_name: str | None = None):
        name = style_name or block.style
        style = self.styles.get(name, self.styles["body"])
        bullet = None
        if name == "bullet":
            bullet = "\u2022"
        elif name == "points":
            self.point_number += 1
            bullet = f"{self.point_number}."
        elif name == "defensive":
            bullet = "\u2013"
        markup = runs_markup(block.runs)
        if name == "placeholder":
            markup = f"<i>{markup}</i>"
        if block.anchor:
            para = AnchoredParagraph.make(markup, style, anchor=block.anchor)
            para.bulletText = bullet
            return para
        return RichParagraph(markup, style, bulletText=bullet)

    def _table(self, block: DocTable) -> None:
        self.story.append(self.table(block, self.width))

    def table(self, block: DocTable, width: float) -> Table:
        ncols = max((len(r) for r in block.rows), default=1)
        fractions = block.widths if len(block.widths) == ncols else [1 / ncols] * ncols
        col_widths = [width * f for f in fractions]
        data = []
        for r, row in enumerate(block.rows):
            cells = []
            for cell in row + [None] * (ncols - len(row)):
                if cell is None:
                    cells.append("")
                    continue
                head = r < block.header_rows
                cells.append([self.paragraph(p, "cell_head" if head else (
                    p.style if p.style in ("label", "small") else "cell"))
                              for p in cell.paragraphs] or "")
            data.append(cells)
        if not data:
            data = [[""]]
        table = Table(data, colWidths=col_widths, repeatRows=block.header_rows,
                      splitByRow=1, splitInRow=1, hAlign="LEFT")
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("FONTNAME", (0, 0), (-1, -1), font_name("latin")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
        line = HexColor(self.theme.table_header_fill)
        if block.kind == "facts":
            commands += [("LEFTPADDING", (0, 0), (0, -1), 0),
                         ("LINEBELOW", (0, 0), (-1, -1), 0.4, line)]
        else:
            commands += [("GRID", (0, 0), (-1, -1), 0.4, HexColor("#B8C2CF"))]
            if block.header_rows:
                commands.append(("BACKGROUND", (0, 0), (-1, block.header_rows - 1), line))
        table.setStyle(TableStyle(commands))
        table.spaceAfter = self.theme.paragraph_space + 2
        return table

    def _image(self, block: Image) -> None:
        self.story.append(self.image(block))

    def image(self, block: Image):
        w, h = block.width_mm * mm, block.height_mm * mm
        flowable = self._image_flowable(block.data, w, h) if block.data else None
        if flowable is not None:
            return flowable
        label = block.alt or "No photo"
        table = Table([[RichParagraph(text_markup(label), self.styles["caption"])]],
                      colWidths=[w], rowHeights=[h])
        fill = HexColor(self.theme.table_header_fill)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font_name("latin")),
                                   ("BACKGROUND", (0, 0), (-1, -1), fill),
                                   ("BOX", (0, 0), (-1, -1), 0.5, HexColor("#B8C2CF")),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        return table

    @staticmethod
    def _image_flowable(data: bytes, w: float, h: float | None):
        if data[:3] == b"\xff\xd8\xff":
            try:
                return JpegImage(data, w, h)
            except Exception:
                return None
        try:
            image = RLImage(io.BytesIO(data), width=w, height=h, kind="proportional" if h else
                            "direct")
            if h is None:
                iw, ih = image.imageWidth, image.imageHeight
                image.drawWidth, image.drawHeight = w, w * ih / max(1, iw)
            return image
        except Exception:
            return None

    def _profile(self, block: Profile) -> None:
        photo_w = block.image.width_mm * mm
        gap = 6 * mm
        if _text_length(block.facts) > PROFILE_SIDE_BY_SIDE_CHARS:
            # Facts too long to sit beside the photo (a row taller than a page is slow to
            # split and looks odd): photo first, the facts below at full width.
            self.story.append(self.image(block.image))
            self.story.append(Spacer(1, 4))
            for fact in block.facts:
                if isinstance(fact, DocTable):
                    self.story.append(self.table(fact, self.width))
                elif isinstance(fact, Paragraph):
                    self.story.append(self.paragraph(fact))
            return
        facts_width = self.width - photo_w - gap
        flowables = []
        for fact in block.facts:
            if isinstance(fact, DocTable):
                flowables.append(self.table(fact, facts_width))
            elif isinstance(fact, Paragraph):
                flowables.append(self.paragraph(fact))
        table = Table([[self.image(block.image), flowables or ""]],
                      colWidths=[photo_w + gap, facts_width], hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font_name("latin")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
        table.spaceAfter = 6
        self.story.append(table)

    def _pagebreak(self, block: DocBreak) -> None:
        self.story.append(PageBreak())


def _text_length(blocks) -> int:
    total = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            total += len(block.text)
        elif isinstance(block, DocTable):
            total += sum(len(p.text) for row in block.rows for cell in row
                         for p in cell.paragraphs)
    return total


def build_story(document: Document, theme: Theme, text_width: float) -> tuple[list, dict]:
    register_fonts()
    styles = make_styles(theme)
    return _StoryBuilder(document, theme, styles, text_width).build(), styles


def write_pdf(document: Document, out, theme: Theme | None = None, *, progress=None,
              cancel=None) -> None:
    """Write *document* as a PDF to *out* (a path or a binary file object)."""
    theme = theme or Theme()
    with _BUILD_LOCK:     # reportlab keeps per-font state (shaping, subsets): one build at a time
        _write_pdf(document, out, theme, progress, cancel)


def _write_pdf(document: Document, out, theme: Theme, progress, cancel) -> None:
    register_fonts()
    styles = make_styles(theme)
    pagesize = PAGE_SIZES.get(document.paper, A4)
    target = str(out) if not hasattr(out, "write") else out
    doc = BriefDocTemplate(target, document=document, theme=theme, pagesize=pagesize,
                           styles=styles, progress=progress, cancel=cancel,
                           total_flowables=0)
    story = _StoryBuilder(document, theme, styles, doc.width).build()
    doc.total_flowables = len(story)
    doc.build(story)


def build_pdf_bytes(document: Document, theme: Theme | None = None) -> bytes:
    """The PDF of *document* in memory (for the app's preview)."""
    buffer = io.BytesIO()
    write_pdf(document, buffer, theme)
    return buffer.getvalue()
