"""DOCX benchmark: Briefbook's writer against python-docx writing the same content directly.

``run_docx_bench(document) -> dict`` times ``write_docx`` on a document model and,
in the same run, a plain python-docx program that writes the same paragraphs,
headings, tables and pictures with python-docx's public API (no styles, fields,
scripts or links), and returns both times and their ratio (goal <= 1.3).

``python -m benchmarks.docx_bench`` runs it on a synthetic book (300 biographies
with photos, 200 events, 50 backgrounds) and prints JSON.
"""
from __future__ import annotations

import io
import json
import os
import resource
import sys
import tempfile
import time

GOAL_RATIO = 1.3


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def write_direct(document, out) -> None:
    """The baseline: python-docx writing the model's text, tables and pictures directly."""
    import docx
    from docx.shared import Mm

    from briefbook.export import docmodel as dm

    doc = docx.Document()

    def paragraph(container, para):
        p = container.add_paragraph()
        for run in para.runs:
            r = p.add_run(run.text)
            r.bold = run.bold or None
            r.italic = run.italic or None
        return p

    def picture(container, image):
        if image.data is None:
            container.add_paragraph("Photo not available")
        else:
            container.add_paragraph().add_run().add_picture(
                io.BytesIO(image.data), Mm(image.width_mm), Mm(image.height_mm))

    def table(container, tbl):
        columns = max((len(row) for row in tbl.rows), default=1)
        t = container.add_table(rows=0, cols=columns)
        for row in tbl.rows:
            cells = t.add_row().cells
            for cell, content in zip(cells, row):
                first = True
                for para in content.paragraphs:
                    if first:
                        for run in para.runs:
                            cell.paragraphs[0].add_run(run.text).bold = run.bold or None
                        first = False
                    else:
                        paragraph(cell, para)

    def block(container, b):
        if isinstance(b, dm.Paragraph):
            paragraph(container, b)
        elif isinstance(b, dm.Heading):
            container.add_heading(b.text + ("  " + b.native if b.native else ""), b.level)
        elif isinstance(b, dm.SectionStart):
            container.add_heading(b.title, 1)
        elif isinstance(b, dm.Table):
            table(container, b)
        elif isinstance(b, dm.Image):
            picture(container, b)
        elif isinstance(b, dm.Profile):
            t = container.add_table(rows=1, cols=2)
            picture(t.cell(0, 0), b.image)
            for fact in b.facts:
                block(t.cell(0, 1), fact)
        elif isinstance(b, dm.Cover):
            container.add_paragraph(b.title)
            container.add_paragraph(b.subtitle)
            for label, value in b.facts:
                container.add_paragraph(f"{label}: {value}")
        elif isinstance(b, dm.ContentsMarker):
            container.add_paragraph(b.title)

    for b in document.blocks:
        block(doc, b)
    doc.save(out)


def run_docx_bench(document, theme=None) -> dict:
    """Time ``write_docx`` and the direct python-docx baseline on ``document``."""
    from briefbook.export.docx_writer import write_docx
    from briefbook.export.theme import Theme

    theme = theme or Theme()
    with tempfile.TemporaryDirectory() as folder:
        ours_path = os.path.join(folder, "briefbook.docx")
        base_path = os.path.join(folder, "direct.docx")
        start = time.perf_counter()
        write_direct(document, base_path)
        direct = time.perf_counter() - start
        start = time.perf_counter()
        warnings = write_docx(document, ours_path, theme)
        ours = time.perf_counter() - start
        sizes = os.path.getsize(ours_path), os.path.getsize(base_path)
    return {
        "docx_seconds": round(ours, 3),
        "python_docx_direct_seconds": round(direct, 3),
        "docx_ratio": round(ours / direct, 3) if direct else None,
        "docx_goal_ratio": GOAL_RATIO,
        "docx_bytes": sizes[0],
        "direct_bytes": sizes[1],
        "docx_blocks": len(document.blocks),
        "docx_warnings": len(warnings),
        "peak_rss_mb": _peak_rss_mb(),
    }


# --- a synthetic book for running this module alone -------------------------------------------
def synthetic_document(biographies: int = 300, events: int = 200, backgrounds: int = 50):
    """A model shaped like a composed book (~500 pages), photos made with Pillow."""
    from PIL import Image as PILImage

    from briefbook.export import docmodel as dm

    def photo(seed: int) -> bytes:
        buffer = io.BytesIO()
        PILImage.new("RGB", (472, 630), ((seed * 37) % 256, (seed * 91) % 256, 140)).save(
            buffer, "JPEG", quality=85)
        return buffer.getvalue()

    text = ("The two sides agreed to deepen cooperation in trade, investment, connectivity and "
            "people-to-people exchanges, and to hold the next round of consultations in 2025. ")
    khmer = "ក្រសួងការបរទេស និងសហប្រតិបត្តិការអន្តរជាតិ"
    blocks: list = [dm.Cover("Synthetic briefing book", "Benchmark", [("Dates", "2024")],
                             "RESTRICTED", "Version 1"), dm.ContentsMarker()]
    blocks.append(dm.SectionStart("Programme", "sec-programme"))
    for i in range(events):
        blocks += [dm.Heading(2, f"Event {i}", anchor=f"event-{i}"),
                   dm.Table([[dm.Cell.text("Date", "label"), dm.Cell.text("9 May 2024")],
                             [dm.Cell.text("Venue", "label"), dm.Cell.text("Jakarta")]],
                            header_rows=0, widths=[0.3, 0.7], kind="facts"),
                   dm.Paragraph([dm.Run("Participants: "),
                                 dm.Run(f"Official {i % biographies}",
                                        link=f"official-{i % biographies}")]),
                   dm.Paragraph.plain(text * 3), dm.Heading(3, "Outcomes", in_toc=False),
                   dm.Paragraph.plain("Agreement signed.", "bullet"),
                   dm.Paragraph.plain("Joint statement.", "bullet")]
    blocks.append(dm.SectionStart("Biographies", "sec-bios"))
    for i in range(biographies):
        blocks += [dm.Heading(2, f"Official {i}", anchor=f"official-{i}", native=f"{khmer} {i}"),
                   dm.Profile(dm.Image(photo(i), 35.0, 46.7, alt=f"Photo of Official {i}"),
                              [dm.Paragraph.plain(khmer, "native"),
                               dm.Table([[dm.Cell.text("Position", "label"),
                                          dm.Cell.text("Minister 孙卫东")]], header_rows=0,
                                        widths=[0.35, 0.65], kind="facts")]),
                   dm.Heading(3, "Career", in_toc=False),
                   dm.Table([[dm.Cell.text("Period"), dm.Cell.text("Position")]] +
                            [[dm.Cell.text(f"{2000 + y}–{2001 + y}"),
                              dm.Cell.text(f"Position {y}")] for y in range(6)],
                            header_rows=1, widths=[0.3, 0.7]),
                   dm.Paragraph.plain(text * 4), dm.Paragraph.plain(f"{khmer} " * 5)]
    blocks.append(dm.SectionStart("Background", "sec-background"))
    for i in range(backgrounds):
        blocks += [dm.Heading(2, f"Partnership {i}", anchor=f"partnership-{i}"),
                   dm.Paragraph.plain(text * 5),
                   dm.Table([[dm.Cell.text("Date"), dm.Cell.text("Milestone")]] +
                            [[dm.Cell.text(str(1990 + y)), dm.Cell.text(text[:80])]
                             for y in range(10)], header_rows=1, widths=[0.2, 0.8])]
    return dm.Document("Synthetic briefing book", "Synthetic", blocks,
                       classification="RESTRICTED", draft=True)


def main() -> None:
    document = synthetic_document()
    print(json.dumps(run_docx_bench(document), indent=2))


if __name__ == "__main__":
    main()
