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
from datetime import datetime, timezone

import docx
from docx.oxml.ns import qn
from docx.shared import Mm

from . import docmodel as dm
from .docx_ooxml import (PPR_ORDER, VAL, W, Bookmarks, field_begin, field_end, hyperlink, paragraph,
                         ppr_of, set_child, set_page_break_before, set_theme_font_lang,
                         set_update_fields, sub)
from .docx_pages import SECTION_FIELD, CoverAndPages
from .docx_font_embed import embed_fonts
from .docx_scripts import (CHINESE_FONT, KHMER_FONT, LANG_CHINESE, LANG_KHMER, LANG_LATIN,
                           LATIN_FONT, clean_text, text_runs)
from .docx_styles import (HEADING_IDS, HYPERLINK_ID, MODEL_STYLES, NATIVE_CHAR_ID,
                          SUBHEADING_IDS, TOC_IDS, Numbering, define_styles, mm_tw, set_num)
from .docx_tables import PLACEHOLDER_PHOTO, Sink, TablesAndPictures
from .theme import Theme

__all__ = ["write_docx", "LATIN_FONT", "KHMER_FONT", "CHINESE_FONT", "PAPER_MM", "TOC_INSTRUCTION",
           "SECTION_FIELD", "PLACEHOLDER_PHOTO"]

PAPER_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
HEADER_DISTANCE_MM = 10.0
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'


def write_docx(document: dm.Document, out, theme: Theme | None = None, *, progress=None,
               cancel=None) -> list[str]:
    """Write ``document`` as DOCX to ``out`` (a path or binary file); return the warnings.

    ``progress(done, total, message)`` is called as blocks are written; when ``cancel()``
    returns true the writer stops and writes nothing (the caller decides what that means).
    """
    writer = _Writer(document, theme or Theme())
    if not writer.build(progress=progress, cancel=cancel):
        return [*writer.warnings, "DOCX export cancelled; nothing written"]
    writer.docx.save(out)
    return writer.warnings


def _language(code: str) -> str:
    code = (code or "en").replace("_", "-")
    if "-" in code:
        return code
    return {"en": LANG_LATIN, "km": LANG_KHMER, "zh": LANG_CHINESE}.get(code.lower(), code)


class _Writer(TablesAndPictures, CoverAndPages):
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
        self.body_sink = Sink(self.final_sectpr.addprevious, self.text_width_tw, True)
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
    def build(self, *, progress=None, cancel=None, every: int = 50) -> bool:
        """Fill the document; False if ``cancel()`` asked to stop."""
        self._register_anchors(self.model.blocks)
        total = len(self.model.blocks)
        for done, block in enumerate(self.model.blocks):
            if done % every == 0:
                if cancel is not None and cancel():
                    return False
                if progress is not None:
                    progress(done, total, "Writing the DOCX")
            self._block(block, self.body_sink)
        self._headers_and_footers()
        self._settings()
        self._core_properties()
        if progress is not None:
            progress(total, total, "Embedding fonts")
        self.embedded_fonts = embed_fonts(self.docx)
        if progress is not None:
            progress(total, total, "Writing the DOCX")
        return True

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

    def _block(self, block, sink: Sink) -> None:
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

    def _emit(self, element, sink: Sink, *, wants_break: bool = False) -> None:
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

    def _paragraph(self, para: dm.Paragraph, sink: Sink) -> None:
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

    def _heading(self, heading: dm.Heading, sink: Sink) -> None:
        level = min(max(heading.level, 1), 3)
        style_id = (HEADING_IDS if heading.in_toc else SUBHEADING_IDS)[level]
        self._emit(self._heading_paragraph(style_id, heading.text, heading.anchor, heading.native),
                   sink)

    def _section_start(self, section: dm.SectionStart, sink: Sink) -> None:
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
    def _toc_entries(self, blocks=None) -> list[tuple[int, str, str | None]]:
        """What Word's TOC field lists: every Heading 1-3 paragraph, in order."""
        entries = []
        for block in self.model.blocks if blocks is None else blocks:
            if isinstance(block, dm.SectionStart):
                entries.append((1, block.title, block.anchor))
            elif isinstance(block, dm.Heading) and block.in_toc:
                text = block.text + ("  " + block.native if block.native else "")
                entries.append((min(max(block.level, 1), 3), text, block.anchor))
            elif isinstance(block, dm.Profile):
                entries.extend(self._toc_entries(block.facts))
        return entries

    def _contents(self, marker: dm.ContentsMarker, sink: Sink) -> None:
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
