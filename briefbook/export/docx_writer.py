"""DOCX writer: a pure function of the document model, built on Word's own mechanisms.

``write_docx(document, out, theme) -> list[str]`` (the warnings) writes:

* a cover in its own section (no page number; classification marked top and bottom);
* a real ``TOC \\o "1-3" \\h \\z \\u`` field pre-filled with hyperlinked entries and
  **no page numbers** (never false ones), refreshed by Word on open (``updateFields``);
* Word's built-in Heading 1-3 for section / item / sub-heading (navigation pane, TOC),
  and a named paragraph style per model style (``Brief Body``…);
* headers/footers on every later page: classification, short title, the current
  section (``STYLEREF "Heading 1"``) and "Page X of Y" (``PAGE`` / ``NUMPAGES``),
  plus an optional DRAFT watermark;
* tables with a table style and repeated header rows, pictures, the Profile block
  (photo beside facts in a borderless two-column table), internal hyperlinks.

Khmer, Chinese and Latin are split into runs with the right font slot, size/bold slot
and language tag (see :mod:`.docx_scripts`).  User text is never interpreted.
"""
from __future__ import annotations

import copy
import io
from datetime import datetime, timezone

import docx
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Mm

from . import docmodel as dm
from .docx_ooxml import (PPR_ORDER, VAL, W, Bookmarks, field_begin, field_end, hyperlink, make,
                         paragraph, ppr_of, set_child, set_page_break_before, set_theme_font_lang,
                         set_update_fields, simple_field_runs, sub, watermark_run)
from .docx_scripts import (CHINESE_FONT, KHMER_FONT, LANG_CHINESE, LANG_KHMER, LANG_LATIN,
                           LATIN_FONT, clean_text, text_runs)
from .docx_styles import (COVER_FACT_ID, FACTS_TABLE_ID, GRID_TABLE_ID, HEADING_IDS,
                          HYPERLINK_ID, MARKING_ID, MODEL_STYLES, NATIVE_CHAR_ID, STAMP_ID,
                          SUBHEADING_IDS, TOC_IDS, Numbering, define_styles, hexcolour, mm_tw,
                          set_num)
from .theme import Theme

__all__ = ["write_docx", "LATIN_FONT", "KHMER_FONT", "CHINESE_FONT", "PAPER_MM"]

PAPER_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
HEADER_DISTANCE_MM = 10.0
PROFILE_GAP_MM = 5.0
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
SECTION_FIELD = 'STYLEREF "Heading 1"'
PLACEHOLDER_PHOTO = "Photo not available"


def write_docx(document: dm.Document, out, theme: Theme | None = None) -> list[str]:
    """Write ``document`` as DOCX to ``out`` (a path or binary file); return warnings."""
    writer = _Writer(document, theme or Theme())
    writer.build()
    writer.docx.save(out)
    return writer.warnings


def _language(code: str) -> str:
    code = (code or "en").replace("_", "-")
    if "-" in code:
        return code
    return {"en": LANG_LATIN, "km": LANG_KHMER, "zh": LANG_CHINESE}.get(code.lower(), code)


class _Sink:
    """Where blocks go: the document body (page breaks allowed) or a table cell."""

    def __init__(self, append, width_tw: int, in_body: bool) -> None:
        self.append = append
        self.width_tw = width_tw
        self.in_body = in_body


class _Writer:
    def __init__(self, document: dm.Document, theme: Theme) -> None:
        self.model = document
        self.theme = theme
        self.warnings: list[str] = []
        self.lang = _language(document.language)
        self.docx = docx.Document()
        self.body = self.docx.element.body
        self.final_sectpr = self.body.sectPr
        self._page_setup(self.docx.sections[0])
        self.numbering = Numbering(self.docx, theme)
        self.sizes = define_styles(self.docx, theme, self.lang, text_width_tw=self.text_width_tw,
                                   bullet_num=self.numbering.bullet_num,
                                   points_num=self.numbering.points_num)
        self.bookmarks = Bookmarks()
        self.body_sink = _Sink(self.final_sectpr.addprevious, self.text_width_tw, True)
        self._break_pending = False
        self._at_page_top = True
        self._points_num: int | None = None
        self._has_cover = False
        self._shape_id = 1000
        # One Word section per book section, so each header can name its section even in
        # viewers that show the STYLEREF field's cached result (LibreOffice does).  Each entry
        # says what the running header shows: ("cover", ""), ("text", …) or ("field", title).
        self._section_heads: list[tuple[str, str]] = []
        self._open_head: tuple[str, str] = ("text", "")
        self._open_has_content = False

    # --- page, settings, properties -----------------------------------------------------------
    def _page_setup(self, section) -> None:
        width, height = PAPER_MM.get(self.model.paper, PAPER_MM["A4"])
        top, right, bottom, left = self.theme.margins_mm
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.right_margin = Mm(top), Mm(right)
        section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
        section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE_MM)
        section.gutter = Mm(0)
        self.text_width_tw = mm_tw(width - left - right)

    def _settings(self) -> None:
        settings = self.docx.settings.element
        set_update_fields(settings)
        set_theme_font_lang(settings, self.lang, LANG_CHINESE, LANG_KHMER)

    def _core_properties(self) -> None:
        props = self.docx.core_properties
        now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
        def text(value: str) -> str:   # core properties are XML too; 255 is Word's limit
            return clean_text(value or "")[:255]

        props.title = text(self.model.title)
        props.subject = text(self.model.short_title)
        props.author = text(self.model.author)
        props.last_modified_by = text(self.model.author)
        props.category = text(self.model.classification)
        props.keywords = "briefing book"
        props.comments = ""
        props.language = self.lang
        props.created = props.modified = now
        props.revision = 1

    # --- the whole document -----------------------------------------------------------------------
    def build(self) -> None:
        self._register_anchors(self.model.blocks)
        for block in self.model.blocks:
            self._block(block, self.body_sink)
        self._headers_and_footers()
        self._settings()
        self._core_properties()

    def _register_anchors(self, blocks) -> None:
        for block in blocks:
            if isinstance(block, (dm.SectionStart, dm.Heading, dm.Paragraph)) and block.anchor:
                self.bookmarks.name(block.anchor)
            elif isinstance(block, dm.Profile):
                self._register_anchors(block.facts)
            elif isinstance(block, dm.Table):
                for row in block.rows:
                    for cell in row:
                        self._register_anchors(cell.paragraphs)

    def _block(self, block, sink: _Sink) -> None:
        if not isinstance(block, dm.Paragraph) or block.style != "points":
            self._points_num = None
        if isinstance(block, dm.Paragraph):
            self._paragraph(block, sink)
        elif isinstance(block, dm.Heading):
            self._heading(block, sink)
        elif isinstance(block, dm.SectionStart):
            self._section_start(block, sink)
        elif isinstance(block, dm.Table):
            self._table(block, sink)
        elif isinstance(block, dm.Image):
            self._image_block(block, sink)
        elif isinstance(block, dm.Profile):
            self._profile(block, sink)
        elif isinstance(block, dm.PageBreak):
            if sink.in_body:
                self._break_pending = True
        elif isinstance(block, dm.ContentsMarker):
            self._contents(block, sink)
        elif isinstance(block, dm.Cover):
            self._cover(block)
        else:
            self.warnings.append(f"DOCX: block of type {type(block).__name__} is not supported")

    def _emit(self, element, sink: _Sink, *, wants_break: bool = False) -> None:
        """Append a paragraph or table, honouring a pending page break (body only)."""
        if sink.in_body:
            if (self._break_pending or wants_break) and not self._at_page_top:
                if element.tag == W + "p":
                    set_page_break_before(element)
                else:
                    sink.append(paragraph(page_break_before=True))
            self._break_pending = False
            self._at_page_top = False
            self._open_has_content = True
        sink.append(element)

    # --- text -----------------------------------------------------------------------------------
    def _runs(self, runs: list[dm.Run], style_id: str | None, *, extra_style: str | None = None):
        size = self.sizes.of(style_id)
        out = []
        for run in runs:
            linked = run.link is not None and self.bookmarks.known(run.link)
            elements = text_runs(run.text, bold=run.bold, italic=run.italic, size_half_points=size,
                                 style_id=HYPERLINK_ID if linked else extra_style, lang=self.lang)
            if linked:
                out.append(hyperlink(self.bookmarks.name(run.link), elements))
            else:
                out.extend(elements)
        return out

    def _paragraph(self, para: dm.Paragraph, sink: _Sink) -> None:
        style_id = MODEL_STYLES.get(para.style, MODEL_STYLES["body"])[0]
        p = paragraph(style_id)
        p.extend(self._runs(para.runs, style_id))
        if para.style == "points":
            if self._points_num is None:
                self._points_num = self.numbering.restarted_points()
            set_num(p, self._points_num)
        if para.anchor:
            self.bookmarks.wrap(p, para.anchor)
        self._emit(p, sink)

    def _heading_paragraph(self, style_id: str, text: str, anchor: str | None, native: str = ""):
        p = paragraph(style_id)
        p.extend(self._runs([dm.Run(text)], style_id))
        if native:
            p.extend(self._runs([dm.Run("  " + native)], style_id, extra_style=NATIVE_CHAR_ID))
        if anchor:
            self.bookmarks.wrap(p, anchor)
        return p

    def _heading(self, heading: dm.Heading, sink: _Sink) -> None:
        level = min(max(heading.level, 1), 3)
        style_id = (HEADING_IDS if heading.in_toc else SUBHEADING_IDS)[level]
        self._emit(self._heading_paragraph(style_id, heading.text, heading.anchor, heading.native),
                   sink)

    def _section_start(self, section: dm.SectionStart, sink: _Sink) -> None:
        if sink.in_body and section.new_page:
            if self._open_has_content:
                self._close_section()
            self._open_head = ("field", section.title)
        p = self._heading_paragraph(HEADING_IDS[1], section.title, section.anchor)
        self._emit(p, sink, wants_break=section.new_page)

    def _close_section(self) -> None:
        """End the open Word section at the last body paragraph; the next starts a new page."""
        sectpr = copy.deepcopy(self.final_sectpr)
        last = self.final_sectpr.getprevious()
        # A paragraph holding a field (the TOC's end) must not carry the section break:
        # LibreOffice would then lose the fields of that section's footer ("Page  of ").
        if (last is None or last.tag != W + "p" or last.find(f"{W}pPr/{W}sectPr") is not None
                or last.find(f"{W}r/{W}fldChar") is not None):
            last = self._spacer()
            self.body_sink.append(last)
        placeholder = set_child(ppr_of(last), "sectPr", PPR_ORDER)
        placeholder.getparent().replace(placeholder, sectpr)
        self._section_heads.append(self._open_head)
        self._open_head = ("text", "")
        self._open_has_content = False
        self._at_page_top = True
        self._break_pending = False

    @staticmethod
    def _spacer():
        """An empty 1-point paragraph (to carry a section break without taking room)."""
        p = paragraph()
        ppr = p.find(W + "pPr")
        if ppr is None:
            ppr = sub(p, W + "pPr")
        sub(ppr, W + "spacing", {qn("w:before"): "0", qn("w:after"): "0", qn("w:line"): "20",
                                 qn("w:lineRule"): "exact"})
        rpr = sub(ppr, W + "rPr")
        sub(rpr, W + "sz").set(VAL, "2")
        sub(rpr, W + "szCs").set(VAL, "2")
        return p

    # --- contents -------------------------------------------------------------------------------
    def _toc_entries(self) -> list[tuple[int, str, str | None]]:
        entries = []
        for block in self.model.blocks:
            if isinstance(block, dm.SectionStart):
                entries.append((1, block.title, block.anchor))
            elif isinstance(block, dm.Heading) and block.in_toc:
                text = block.text + ("  " + block.native if block.native else "")
                entries.append((min(max(block.level, 1), 3), text, block.anchor))
        return entries

    def _contents(self, marker: dm.ContentsMarker, sink: _Sink) -> None:
        if sink.in_body and self._open_head == ("text", ""):
            self._open_head = ("text", marker.title or "Contents")
        title = paragraph("TOCHeading")
        title.extend(self._runs([dm.Run(marker.title or "Contents")], "TOCHeading"))
        self._emit(title, sink, wants_break=True)
        entries = self._toc_entries()
        paragraphs = []
        for level, text, anchor in entries:
            style_id = TOC_IDS[level]
            p = paragraph(style_id)
            runs = self._runs([dm.Run(text)], style_id)
            if anchor and self.bookmarks.known(anchor):
                p.append(hyperlink(self.bookmarks.name(anchor), runs))
            else:
                p.extend(runs)
            paragraphs.append(p)
        if not paragraphs:
            p = paragraph(MODEL_STYLES["placeholder"][0])
            p.extend(self._runs([dm.Run("No contents entries.")], MODEL_STYLES["placeholder"][0]))
            paragraphs.append(p)
        first, last = paragraphs[0], paragraphs[-1]
        insert_at = 1 if first.find(W + "pPr") is not None else 0
        for offset, run in enumerate(field_begin(TOC_INSTRUCTION)):
            first.insert(insert_at + offset, run)
        last.append(field_end())
        for p in paragraphs:
            self._emit(p, sink)
        self._break_pending = True

    # --- tables ---------------------------------------------------------------------------------
    def _table(self, table: dm.Table, sink: _Sink) -> None:
        self._emit(self._table_element(table, sink.width_tw), sink)

    def _table_element(self, table: dm.Table, width_tw: int):
        columns = max((len(row) for row in table.rows), default=1) or 1
        widths = list(table.widths) if len(table.widths) == columns else [1.0] * columns
        total = sum(w for w in widths if w > 0) or 1.0
        col_tw = [max(int(width_tw * max(w, 0) / total), 360) for w in widths]
        grid_style = FACTS_TABLE_ID if table.kind == "facts" else GRID_TABLE_ID
        header_rows = max(0, min(table.header_rows, len(table.rows)))
        tbl = self._tbl(grid_style, col_tw, first_row=header_rows > 0)
        for index, row in enumerate(table.rows):
            cells = list(row) + [dm.Cell([]) for _ in range(columns - len(row))]
            tr = sub(tbl, W + "tr")
            if index < header_rows:
                trpr = sub(tr, W + "trPr")
                sub(trpr, W + "cantSplit")
                sub(trpr, W + "tblHeader")
            for cell, cell_tw in zip(cells, col_tw):
                tc = self._tc(tr, cell_tw)
                if index and index < header_rows:   # the style shades the first row only
                    sub(tc.find(W + "tcPr"), W + "shd", {
                        VAL: "clear", qn("w:color"): "auto",
                        qn("w:fill"): hexcolour(self.theme.table_header_fill)})
                cell_sink = _Sink(tc.append, cell_tw, False)
                for para in cell.paragraphs:
                    self._block(para, cell_sink)
                self._close_cell(tc)
        return tbl

    def _tbl(self, style_id: str, col_tw: list[int], *, first_row: bool):
        tbl = make(W + "tbl")
        tblpr = sub(tbl, W + "tblPr")
        sub(tblpr, W + "tblStyle").set(VAL, style_id)
        sub(tblpr, W + "tblW", {qn("w:w"): str(sum(col_tw)), qn("w:type"): "dxa"})
        sub(tblpr, W + "tblLayout").set(qn("w:type"), "fixed")
        sub(tblpr, W + "tblLook", {VAL: "04A0" if first_row else "0400",
                                    qn("w:firstRow"): "1" if first_row else "0",
                                    qn("w:lastRow"): "0", qn("w:firstColumn"): "0",
                                    qn("w:lastColumn"): "0", qn("w:noHBand"): "1",
                                    qn("w:noVBand"): "1"})
        grid = sub(tbl, W + "tblGrid")
        for width in col_tw:
            sub(grid, W + "gridCol").set(qn("w:w"), str(width))
        return tbl

    @staticmethod
    def _tc(tr, width_tw: int):
        tc = sub(tr, W + "tc")
        tcpr = sub(tc, W + "tcPr")
        sub(tcpr, W + "tcW", {qn("w:w"): str(width_tw), qn("w:type"): "dxa"})
        return tc

    @staticmethod
    def _close_cell(tc) -> None:
        """A cell must end with a paragraph (also after a nested table)."""
        if tc[-1].tag != W + "p":
            tc.append(paragraph())

    # --- pictures -------------------------------------------------------------------------------
    def _picture_run(self, data: bytes, width_mm: float | None, height_mm: float | None,
                     alt: str):
        """A run holding an inline picture, or None (and a warning) if it cannot be embedded."""
        try:
            rel_id, picture = self.docx.part.get_or_add_image(io.BytesIO(data))
            cx, cy = picture.scaled_dimensions(Mm(width_mm) if width_mm else None,
                                               Mm(height_mm) if height_mm else None)
        except Exception as exc:  # python-docx raises several types for unreadable images
            self.warnings.append(
                f"DOCX: picture {alt or 'without description'!r} could not be embedded "
                f"({type(exc).__name__}); a placeholder was used")
            return None
        # Our own shape-id counter: python-docx's part.new_pic_inline scans the whole document
        # for ids on every picture, which makes a 300-photo book quadratic.
        self._shape_id += 1
        inline = CT_Inline.new_pic_inline(self._shape_id, rel_id, picture.filename, cx, cy)
        doc_pr = inline.docPr
        doc_pr.set("descr", alt)
        run = make(W + "r")
        sub(run, W + "drawing").append(inline)
        return run

    def _image_paragraph(self, image: dm.Image, sink: _Sink):
        """A centred paragraph with the picture, or a framed placeholder table."""
        run = None
        if image.data is not None:
            run = self._picture_run(image.data, image.width_mm, image.height_mm, image.alt)
        if run is None:
            return self._placeholder(image)
        p = paragraph(align="center" if sink.in_body else None)
        p.append(run)
        return p

    def _placeholder(self, image: dm.Image):
        width_tw = mm_tw(image.width_mm or self.theme.photo_width_mm)
        tbl = self._tbl(GRID_TABLE_ID, [width_tw], first_row=False)
        tr = sub(tbl, W + "tr")
        trpr = sub(tr, W + "trPr")
        sub(trpr, W + "trHeight", {VAL: str(mm_tw(image.height_mm or image.width_mm * 1.25)),
                                   qn("w:hRule"): "exact"})
        tc = self._tc(tr, width_tw)
        sub(tc.find(W + "tcPr"), W + "vAlign").set(VAL, "center")
        style_id = MODEL_STYLES["placeholder"][0]
        p = paragraph(style_id, align="center")
        p.extend(self._runs([dm.Run(PLACEHOLDER_PHOTO)], style_id))
        tc.append(p)
        return tbl

    def _image_block(self, image: dm.Image, sink: _Sink) -> None:
        self._emit(self._image_paragraph(image, sink), sink)

    def _profile(self, profile: dm.Profile, sink: _Sink) -> None:
        photo_tw = mm_tw((profile.image.width_mm or self.theme.photo_width_mm) + PROFILE_GAP_MM)
        photo_tw = min(photo_tw, sink.width_tw // 2)
        facts_tw = sink.width_tw - photo_tw
        tbl = self._tbl(FACTS_TABLE_ID, [photo_tw, facts_tw], first_row=False)
        tr = sub(tbl, W + "tr")
        sub(sub(tr, W + "trPr"), W + "cantSplit")     # photo and facts stay on one page
        photo_cell = self._tc(tr, photo_tw)
        photo_cell.append(self._image_paragraph(profile.image, _Sink(None, photo_tw, False)))
        self._close_cell(photo_cell)
        facts_cell = self._tc(tr, facts_tw)
        facts_sink = _Sink(facts_cell.append, facts_tw, False)
        for block in profile.facts:
            self._block(block, facts_sink)
        self._close_cell(facts_cell)
        self._emit(tbl, sink)

    # --- cover ----------------------------------------------------------------------------------
    def _styled(self, style_id: str, text: str, **kw):
        p = paragraph(style_id, **kw)
        p.extend(self._runs([dm.Run(text)], style_id))
        return p

    def _cover(self, cover: dm.Cover) -> None:
        if self._has_cover:
            self.warnings.append("DOCX: a second cover was ignored")
            return
        self._has_cover = True
        add = self.body_sink.append
        logo = cover.logo or self.theme.logo
        if logo:
            run = self._picture_run(logo, None, 25.0, "Logo")
            if run is not None:
                p = paragraph(align="center")
                p.append(run)
                add(p)
        title = self._styled("Title", cover.title)
        sub(title.find(W + "pPr"), W + "spacing").set(qn("w:before"), str(20 * 110))
        add(title)
        if cover.subtitle:
            add(self._styled("Subtitle", cover.subtitle))
        if cover.facts:
            label_id = MODEL_STYLES["label"][0]
            table = dm.Table(rows=[[dm.Cell([dm.Paragraph([dm.Run(label)], style="label")]),
                                    dm.Cell([dm.Paragraph([dm.Run(value)], style="body")])]
                                   for label, value in cover.facts],
                             header_rows=0, widths=[0.3, 0.7], kind="facts")
            tbl = self._table_element(table, self.text_width_tw)
            for p in tbl.iter(W + "p"):       # cover facts in the cover's own larger style
                pstyle = p.find(f"{W}pPr/{W}pStyle")
                if pstyle is not None and pstyle.get(VAL) != label_id:
                    pstyle.set(VAL, COVER_FACT_ID)
            add(tbl)
        if cover.stamp:
            add(self._styled(STAMP_ID, cover.stamp))
        # The cover is its own section: no page number, markings in its header and footer.
        if self._open_has_content:
            self._close_section()
        self._open_head = ("cover", "")
        self._open_has_content = True
        self._close_section()

    # --- headers and footers --------------------------------------------------------------------
    def _marking_text(self) -> str:
        parts = ["DRAFT"] if self.model.draft else []
        if self.model.classification:
            parts.append(self.model.classification)
        return "  \u00b7  ".join(parts)

    def _headers_and_footers(self) -> None:
        heads = [*self._section_heads, self._open_head]
        sections = list(self.docx.sections)
        assert len(sections) == len(heads), (len(sections), heads)
        marking = self._marking_text()
        footer_defined = False
        for number, (section, (kind, text)) in enumerate(zip(sections, heads)):
            if kind == "cover":
                if marking:
                    self._fill(section.header, [self._header_marking(marking, number)])
                    self._fill(section.footer, [self._styled(MARKING_ID, marking)])
                continue
            header = [self._header_marking(marking, number)] if marking else []
            header.append(self._running_header(kind, text))
            self._fill(section.header, header)
            if not footer_defined:         # later sections inherit it (linked to previous)
                self._fill(section.footer, self._footer(marking))
                footer_defined = True

    def _running_header(self, kind: str, text: str):
        """Short title on the left, the current section on the right, a rule below."""
        running = paragraph("Header")
        sub(running.find(W + "pPr"), W + "pBdr").append(make(W + "bottom", {
            VAL: "single", qn("w:sz"): "4", qn("w:space"): "3",
            qn("w:color"): hexcolour(self.theme.primary)}))
        running.extend(self._runs([dm.Run(self.model.short_title or self.model.title)], "Header"))
        running.extend(self._runs([dm.Run("\t\t")], "Header"))
        if kind == "field":
            running.extend(simple_field_runs(SECTION_FIELD, text))
        elif text:
            running.extend(self._runs([dm.Run(text)], "Header"))
        return running

    def _footer(self, marking: str) -> list:
        page = paragraph("Footer", align="center")
        page.extend(self._runs([dm.Run("Page ")], "Footer"))
        page.extend(simple_field_runs("PAGE", "1"))
        page.extend(self._runs([dm.Run(" of ")], "Footer"))
        page.extend(simple_field_runs("NUMPAGES", "1"))
        footer = [page]
        if marking:
            footer.append(self._styled(MARKING_ID, marking))
        return footer

    def _header_marking(self, marking: str, number: int):
        p = self._styled(MARKING_ID, marking)
        if self.model.draft:
            p.append(watermark_run("DRAFT", self.theme.heading_font, 2049 + number))
        return p

    @staticmethod
    def _fill(header_footer, paragraphs) -> None:
        header_footer.is_linked_to_previous = False
        element = header_footer.part.element
        for child in list(element):
            element.remove(child)
        element.extend(paragraphs)
        if not paragraphs:
            element.append(paragraph())
