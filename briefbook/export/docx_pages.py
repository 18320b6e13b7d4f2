"""DOCX page furniture: the cover and the headers/footers of every section.

Part of the DOCX writer (:mod:`.docx_writer`): a mixin of its ``_Writer``.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from . import docmodel as dm
from .docx_ooxml import VAL, W, make, paragraph, simple_field_runs, sub, watermark_run
from .docx_styles import (COVER_FACT_ID, COVER_MARKING_ID, MARKING_ID, MODEL_STYLES, STAMP_ID,
                          hexcolour)

SECTION_FIELD = 'STYLEREF "Heading 1"'


class CoverAndPages:
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
        marking = cover.classification or self.model.classification
        if marking:
            add(self._styled(COVER_MARKING_ID, marking))
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
