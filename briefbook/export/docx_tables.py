"""DOCX tables and pictures: grid and facts tables, inline pictures, placeholders, the Profile.

Part of the DOCX writer (:mod:`.docx_writer`): a mixin of its ``_Writer``, using its
theme, styles and run builder.
"""
from __future__ import annotations

import io

from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.shared import Mm

from . import docmodel as dm
from .docx_ooxml import VAL, W, make, paragraph, sub
from .docx_styles import FACTS_TABLE_ID, GRID_TABLE_ID, MODEL_STYLES, hexcolour, mm_tw

PROFILE_GAP_MM = 5.0
PLACEHOLDER_PHOTO = "Photo not available"


class Sink:
    """Where blocks go: the document body (page breaks allowed) or a table cell."""

    def __init__(self, append, width_tw: int, in_body: bool) -> None:
        self.append = append
        self.width_tw = width_tw
        self.in_body = in_body


class TablesAndPictures:
    # --- tables ---------------------------------------------------------------------------------
    def _table(self, table: dm.Table, sink: Sink) -> None:
        if not any(table.rows):          # Word rejects a table without rows
            return
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
                cell_sink = Sink(tc.append, cell_tw, False)
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
        if style_id == FACTS_TABLE_ID:
            # Label/value and photo/facts tables line up with the text: no cell padding at
            # the sides.  The style says so too; LibreOffice only reads it from the table.
            mar = sub(tblpr, W + "tblCellMar")
            sub(mar, W + "left", {qn("w:w"): "0", qn("w:type"): "dxa"})
            sub(mar, W + "right", {qn("w:w"): "113", qn("w:type"): "dxa"})
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
        for side in ("distT", "distB", "distL", "distR"):   # else LibreOffice pads 3.2 mm
            inline.set(side, "0")
        doc_pr = inline.docPr
        doc_pr.set("descr", alt)
        run = make(W + "r")
        sub(run, W + "drawing").append(inline)
        return run

    def _image_paragraph(self, image: dm.Image, sink: Sink):
        """A centred paragraph with the picture, or a framed placeholder table."""
        run = None
        if image.data is not None:
            width, height = image.width_mm, image.height_mm
            limit = sink.width_tw * 25.4 / 1440
            if width and width > limit:      # never wider than the column it sits in
                height, width = (height * limit / width if height else None), limit
            run = self._picture_run(image.data, width, height, image.alt)
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

    def _image_block(self, image: dm.Image, sink: Sink) -> None:
        self._emit(self._image_paragraph(image, sink), sink)

    def _profile(self, profile: dm.Profile, sink: Sink) -> None:
        photo_tw = mm_tw((profile.image.width_mm or self.theme.photo_width_mm) + PROFILE_GAP_MM)
        photo_tw = min(photo_tw, sink.width_tw // 2)
        facts_tw = sink.width_tw - photo_tw
        tbl = self._tbl(FACTS_TABLE_ID, [photo_tw, facts_tw], first_row=False)
        tr = sub(tbl, W + "tr")
        sub(sub(tr, W + "trPr"), W + "cantSplit")     # photo and facts stay on one page
        photo_cell = self._tc(tr, photo_tw)
        photo_cell.append(self._image_paragraph(profile.image, Sink(None, photo_tw, False)))
        self._close_cell(photo_cell)
        facts_cell = self._tc(tr, facts_tw)
        facts_sink = Sink(facts_cell.append, facts_tw, False)
        for block in profile.facts:
            self._block(block, facts_sink)
        self._close_cell(facts_cell)
        self._emit(tbl, sink)

