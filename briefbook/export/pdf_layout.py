"""Pages of the PDF: templates, running header/footer, contents, outline, page totals.

One layout pass, with numbers that are always right:

* "Page X of Y" — each page shows a small PDF form (XObject) named for its
  page; the forms are drawn once the last page is known, just before saving.
  Unlike the ``NumberedCanvas`` recipe (which replays pages and sends every
  bookmark and link to page 1), pages are emitted once, so bookmarks and links
  keep their targets.
* The contents — its entries are known from the document model before layout,
  so the contents page takes its final size at once; each page number is again
  a form, filled with the page the heading was actually laid out on.  A
  heading that never got placed gets no number rather than a false one.

A full second pass (``multiBuild``) is therefore never needed: building costs
about what reportlab needs to lay the same flowables out once.
"""
from __future__ import annotations

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table, TableStyle

from .fonts import printable
from .pdf_text import RichParagraph, font_name, runs_markup, text_markup
from .docmodel import Run
from .errors import ExportCancelled  # noqa: F401 - raised here, part of this API



class AnchoredParagraph(RichParagraph):
    """A paragraph that is a link/bookmark destination and maybe a contents entry.

    The destination is set when the paragraph is drawn, so it is on the page the
    text actually lands on (even when keep-with-next moves it).
    """

    anchor: str | None = None
    toc_level: int | None = None
    title: str = ""
    section: str | None = None

    @classmethod
    def make(cls, markup, style, *, anchor, toc_level=None, title="", section=None):
        para = cls(markup, style)
        para.anchor, para.toc_level, para.title, para.section = anchor, toc_level, title, section
        return para

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if parts:   # the destination (and contents entry) goes with the first part
            first = parts[0]
            first.anchor, first.toc_level = self.anchor, self.toc_level
            first.title, first.section = self.title, self.section
            for part in parts[1:]:
                part.section = self.section
        return parts

    def draw(self):
        if self.anchor:
            self.canv.bookmarkHorizontal(self.anchor, 0, self.height + 4)
        super().draw()


class PageNumberForm(Flowable):
    """The page number of a contents entry: a form filled in after layout."""

    def __init__(self, anchor: str, size: float, width: float):
        super().__init__()
        self.anchor = anchor
        self.size = size
        self.width = width
        self.height = size * 1.2

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        self.canv.saveState()
        self.canv.translate(self.width, self.size * 0.25)
        self.canv.doForm(toc_form_name(self.anchor))
        self.canv.restoreState()
        self.canv.linkRect("", self.anchor, (0, 0, self.width, self.height), relative=1,
                           thickness=0)


def toc_form_name(anchor: str) -> str:
    return "bbtoc_" + "".join(c if c.isalnum() else "_" for c in anchor) + f"_{abs(hash(anchor))}"


def page_form_name(page: int) -> str:
    return f"bbpage_{page}"


def contents_flowables(entries, styles, text_width: float, number_size: float) -> list:
    """The contents: one one-row table per heading (level, text, anchor).

    One small table per entry rather than one long table: a long table is
    re-measured at every page it splits over (quadratic in the entries).
    """
    number_width = 14 * mm
    table_style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font_name("latin")),
                              ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])
    out = []
    for level, text, anchor in entries:
        style = styles["toc1"] if level == 1 else styles["toc2"]
        markup = runs_markup([Run(text, link=anchor, bold=(level == 1))], link_color=None)
        row = Table([[RichParagraph(markup, style),
                      PageNumberForm(anchor, number_size, number_width)]],
                    colWidths=[text_width - number_width, number_width])
        row.setStyle(table_style)
        row.is_contents = True
        out.append(row)
    if not out:
        out.append(RichParagraph(text_markup("(no entries)"), styles["toc2"]))
    return out


class BriefDocTemplate(BaseDocTemplate):
    def __init__(self, target, *, document, theme, pagesize, styles, progress=None, cancel=None,
                 total_flowables: int = 0):
        top, right, bottom, left = (m * mm for m in theme.margins_mm)
        super().__init__(target, pagesize=pagesize, leftMargin=left, rightMargin=right,
                         topMargin=top, bottomMargin=bottom, title=document.title,
                         author=document.author, creator="Briefbook",
                         subject=document.classification, lang=document.language,
                         initialFontName=font_name("latin"))
        self.document = document
        self.theme = theme
        self.styles = styles
        self.section_name = ""
        self.last_page = 0
        self.anchor_pages: dict[str, int] = {}
        self.progress = progress
        self.cancel = cancel
        self.total_flowables = max(1, total_flowables)
        self.done_flowables = 0
        width, height = pagesize
        frame = Frame(left, bottom, width - left - right, height - top - bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(left, bottom, width - left - right, height - top - bottom, id="cover",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[cover], onPage=self._under_page,
                         onPageEnd=self._cover_end),
            PageTemplate(id="body", frames=[frame], onPage=self._under_page,
                         onPageEnd=self._body_end),
        ])

    @property
    def text_width(self) -> float:
        return self.width

    # -- platypus hooks ---------------------------------------------------------------------
    def afterFlowable(self, flowable):
        self.done_flowables += 1
        if self.cancel is not None and self.done_flowables % 25 == 0 and self.cancel():
            raise ExportCancelled("export cancelled")
        if self.progress is not None and self.done_flowables % 50 == 0:
            self.progress(min(self.done_flowables, self.total_flowables), self.total_flowables,
                          f"Laying out page {self.page}")
        if isinstance(flowable, AnchoredParagraph) and flowable.anchor:
            self.anchor_pages.setdefault(flowable.anchor, self.page)
            if flowable.section is not None:
                self.section_name = flowable.section
            if flowable.toc_level is not None and flowable.title:
                self.canv.addOutlineEntry(flowable.title, flowable.anchor,
                                          level=flowable.toc_level - 1,
                                          closed=flowable.toc_level > 1)

    def build(self, flowables, **kw):
        kw.setdefault("canvasmaker", Canvas)
        super().build(flowables, **kw)

    def _endBuild(self):
        # Finish the last page, fill the forms (page totals, contents numbers), then save.
        self._doSave = 0
        super()._endBuild()
        self._fill_forms()
        self.canv.save()

    # -- decoration ------------------------------------------------------------------------
    def _marking(self, canv):
        marking = self.document.classification.strip()
        if not marking:
            return
        width, height = self.pagesize
        size = self.theme.small_size + 1.5
        for y in (height - 9 * mm, 6 * mm):
            self._draw_line(canv, marking, width / 2, y, size, bold=True,
                            color=self.theme.marking, align="center")

    def _under_page(self, canv, doc):
        canv.saveState()
        if self.document.draft:
            width, height = self.pagesize
            canv.setFillColor(Color(0.75, 0.75, 0.75, alpha=0.35))
            canv.setFont(font_name("latin", True), 110)
            canv.translate(width / 2, height / 2)
            canv.rotate(50)
            canv.drawCentredString(0, -35, "DRAFT")
        canv.restoreState()

    def _cover_end(self, canv, doc):
        self.last_page = canv.getPageNumber()
        canv.saveState()
        self._marking(canv)
        canv.restoreState()

    def _body_end(self, canv, doc):
        theme = self.theme
        width, height = self.pagesize
        top, right, bottom, left = (m * mm for m in theme.margins_mm)
        self.last_page = canv.getPageNumber()
        canv.saveState()
        self._marking(canv)
        size = theme.small_size
        y_head = height - top + 4 * mm
        self._draw_line(canv, self.document.short_title, left, y_head, size,
                        color=theme.muted, max_width=(width - left - right) * 0.48)
        self._draw_line(canv, self.section_name, width - right, y_head, size, bold=True,
                        color=theme.primary, align="right",
                        max_width=(width - left - right) * 0.48)
        canv.setStrokeColor(HexColor(theme.primary))
        canv.setLineWidth(0.5)
        canv.line(left, y_head - 2 * mm, width - right, y_head - 2 * mm)
        canv.line(left, bottom - 4 * mm, width - right, bottom - 4 * mm)
        canv.saveState()
        canv.translate(width - right, bottom - 9 * mm)
        canv.doForm(page_form_name(canv.getPageNumber()))
        canv.restoreState()
        canv.restoreState()

    def _draw_line(self, canv, text, x, y, size, *, bold=False, color=None, align="left",
                   max_width=None):
        """One line of (any-script) text at x, y, shaped like body text, cut if too long."""
        text = " ".join(printable(text or "").split())
        if not text:
            return
        style = self.styles["running"].clone("running-x", fontSize=size, leading=size * 1.2,
                                              alignment={"left": 0, "center": 1,
                                                         "right": 2}[align])
        max_width = max_width or self.pagesize[0]
        markup = runs_markup([Run(text, bold=bold)], color=color)
        para = RichParagraph(markup, style)
        w, h = para.wrap(max_width, size * 5)
        while len(para.blPara.lines) > 1 and len(text) > 4:
            text = text[: max(4, int(len(text) * 0.85))].rstrip() + "\u2026"
            para = RichParagraph(runs_markup([Run(text, bold=bold)], color=color), style)
            w, h = para.wrap(max_width, size * 5)
        x0 = {"left": x, "center": x - max_width / 2, "right": x - max_width}[align]
        para.drawOn(canv, x0, y - size * 0.25)

    def _fill_forms(self):
        canv = self.canv
        total = self.last_page
        size = self.theme.small_size
        for page in range(1, total + 1):
            canv.beginForm(page_form_name(page), lowerx=-200, lowery=-5, upperx=5, uppery=20)
            canv.setFont(font_name("latin"), size)
            canv.setFillColor(HexColor(self.theme.muted))
            canv.drawRightString(0, 0, f"Page {page} of {total}")
            canv.endForm()
        for level, text, anchor in self.document.headings():
            canv.beginForm(toc_form_name(anchor), lowerx=-60, lowery=-5, upperx=5, uppery=20)
            page = self.anchor_pages.get(anchor)
            if page is not None:
                canv.setFont(font_name("latin", level == 1), self.theme.body_size)
                canv.setFillColor(HexColor(self.theme.text))
                canv.drawRightString(0, 0, str(page))
            canv.endForm()
