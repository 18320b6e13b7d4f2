"""Export benchmark: a synthetic ~500-page book (300 biographies with photos, 200 events,
50 backgrounds), and a half-size one to show cost is linear.

``run_export_bench(workdir=None) -> dict`` (called by ``benchmarks/__main__.py``; each scale
runs in a child process so its peak RSS is its own) measures:

Times are CPU seconds of the measuring process (``time.process_time``): wall-clock
time on a shared 2-core machine varied by +-40 % between identical runs.

* ``pdf_s`` — our PDF build (compose excluded), contents and page totals included;
* ``pdf_baseline_s`` — reportlab laying out the same flowables once with a plain
  ``SimpleDocTemplate`` (no contents, no running headers): the floor;
* ``pdf_ratio`` — goal <= 1.5;
* ``docx_s`` / ``docx_baseline_s`` / ``docx_ratio`` — our DOCX writer against
  python-docx writing the same paragraphs and pictures directly (goal <= 1.3;
  ``None`` while the DOCX writer is not there);
* ``peak_rss_mb`` — goal <= 400.
"""
from __future__ import annotations

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _photo(i: int) -> bytes:
    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (900, 1200), ((i * 37) % 255, (i * 91) % 255, 150)).save(
        buffer, "JPEG", quality=85)
    return buffer.getvalue()


def build_library(db: Path, scale: float = 1.0) -> str:
    from briefbook.model import (Book, Event, Official, Partnership, PartialDate, Position,
                                 Section)
    from briefbook.model.book import RefItem, TextBlock
    from briefbook.model.records import Milestone, Source
    from briefbook.store import Library

    n_off, n_ev, n_bg = int(300 * scale), int(200 * scale), int(50 * scale)
    bio = ("{name} has served in the foreign service for over two decades, including postings "
           "in Beijing, Jakarta and Geneva, and led negotiations on regional connectivity. ")
    with Library.open(db) as lib:
        photos = [lib.add_photo(_photo(i)) for i in range(20)]
        src = [Source(f"Press release {i}", "MFAIC", "", PartialDate(2023, 1 + i % 12))
               for i in range(40)]
        officials = [Official(
            f"o{i}", f"OFFICIAL Number{i}", native_name="គង់ ផាក" if i % 2 else "孙卫东",
            honorific="H.E.", address_as="His Excellency", country="Cambodia",
            positions=[Position(f"Post {j}", "Ministry of Foreign Affairs",
                                PartialDate(2000 + 3 * j), PartialDate(2002 + 3 * j))
                       for j in range(5)] + [Position("Secretary of State", "MFAIC",
                                                      PartialDate(2016))],
            biography=[bio.format(name=f"Official {i}") * 3 for _ in range(4)]
            + ["ក្រសួងការបរទេសនិងសហប្រតិបត្តិការអន្តរជាតិនៃព្រះរាជាណាចក្រកម្ពុជា" * 2],
            photo=photos[i % len(photos)], sources=[src[i % 40]],
            reviewed=PartialDate(2024, 1)) for i in range(n_off)]
        events = [Event(f"e{i}", f"Bilateral meeting {i}", start=PartialDate(2023, 1 + i % 12, 5),
                        location="Phnom Penh", participants=[f"o{i % n_off}",
                                                             f"o{(i + 7) % n_off}"],
                        objectives=["Review cooperation.", "Agree next steps."],
                        summary="The two sides reviewed cooperation. " * 12,
                        outcomes=["Agreed to meet again.", "Signed a memorandum."],
                        sources=[src[i % 40]]) for i in range(n_ev)]
        partnerships = [Partnership(f"p{i}", f"Partnership {i}",
                                    summary="A framework of cooperation. " * 20,
                                    milestones=[Milestone(PartialDate(2000 + j), f"Step {j}")
                                                for j in range(10)],
                                    sources=[src[i % 40]]) for i in range(n_bg)]
        lib.put_many(officials + events + partnerships)
        book = Book("bench", "Benchmark Book", start=PartialDate(2024, 5, 9),
                    classification="RESTRICTED", sections=[
                        Section("Programme", [RefItem(f"event:e{i}") for i in range(n_ev)]),
                        Section("Points", [TextBlock("Points", "One.\nTwo.\nThree.", "points")]),
                        Section("Biographies", [RefItem(f"official:o{i}") for i in range(n_off)]),
                        Section("Background", [RefItem(f"partnership:p{i}")
                                               for i in range(n_bg)])])
        lib.put(book)
    return "bench"


def _baseline_pdf(document, theme) -> float:
    """reportlab laying out the same flowables once, with no contents and no page furniture."""
    from reportlab.platypus import SimpleDocTemplate

    from briefbook.export.pdf_writer import PAGE_SIZES, _StoryBuilder
    from briefbook.export.pdf_styles import make_styles
    from briefbook.export.pdf_text import register_fonts

    from reportlab.lib.units import mm

    register_fonts()
    styles = make_styles(theme)
    top, right, bottom, left = (m * mm for m in theme.margins_mm)
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=PAGE_SIZES[document.paper],
                            leftMargin=left, rightMargin=right, topMargin=top,
                            bottomMargin=bottom)
    start = time.process_time()
    story = _StoryBuilder(document, theme, styles, doc.width).build()
    story = [f for f in story if type(f).__name__ != "NextPageTemplate"
             and not getattr(f, "is_contents", False)]
    doc.build(story)
    return time.process_time() - start


def _baseline_docx(document) -> float:
    """python-docx writing the same paragraphs and pictures directly."""
    from docx import Document as DocxDocument
    from docx.shared import Mm

    from briefbook.export.docmodel import Heading, Image, Paragraph, Profile, SectionStart, Table

    start = time.process_time()
    out = DocxDocument()
    for block in document.blocks:
        if isinstance(block, SectionStart):
            out.add_heading(block.title, 1)
        elif isinstance(block, Heading):
            out.add_heading(block.text, block.level)
        elif isinstance(block, Paragraph):
            out.add_paragraph(block.text)
        elif isinstance(block, Table):
            table = out.add_table(rows=len(block.rows), cols=max(len(r) for r in block.rows))
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = "\n".join(p.text for p in cell.paragraphs)
        elif isinstance(block, (Image, Profile)):
            image = block.image if isinstance(block, Profile) else block
            if image.data:
                out.add_picture(io.BytesIO(image.data), width=Mm(image.width_mm))
    out.save(io.BytesIO())
    return time.process_time() - start


def _measure(scale: float) -> dict:
    from briefbook.export.compose import compose
    from briefbook.export.pdf_writer import write_pdf
    from briefbook.export.theme import Theme
    from briefbook.store import Library

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.json"
        book_id = build_library(db, scale)
        theme = Theme()
        with Library.open(db, read_only=True) as lib:
            t0 = time.process_time()
            document = compose(lib.get(f"book:{book_id}"), lib, theme)
            compose_s = time.process_time() - t0
        out = Path(tmp) / "bench.pdf"
        from briefbook.export import pdf_text
        # The machine is shared: CPU time of this process (not wall-clock), the two builds
        # interleaved, each one's best of two.
        pdf_times, base_times = [], []
        for _ in range(2):
            pdf_text._SHAPE_CACHE.clear()          # both builds start from a cold word cache
            t0 = time.process_time()
            write_pdf(document, out, theme)
            pdf_times.append(time.process_time() - t0)
            pdf_text._SHAPE_CACHE.clear()
            base_times.append(_baseline_pdf(document, theme))
        pdf_s, baseline = min(pdf_times), min(base_times)
        from pypdf import PdfReader
        pages = len(PdfReader(out).pages)
        size_mb = out.stat().st_size / 1e6
        result = {"scale": scale, "pages": pages, "pdf_mb": round(size_mb, 2),
                  "compose_s": round(compose_s, 2), "pdf_s": round(pdf_s, 2),
                  "pdf_baseline_s": round(baseline, 2),
                  "pdf_ratio": round(pdf_s / baseline, 2)}
        try:
            from briefbook.export.docx_writer import write_docx
        except ImportError:
            result.update(docx_s=None, docx_baseline_s=None, docx_ratio=None,
                          docx_note="DOCX writer not present in this build")
        else:
            t0 = time.process_time()
            write_docx(document, Path(tmp) / "bench.docx", theme)
            docx_s = time.process_time() - t0
            docx_base = _baseline_docx(document)
            result.update(docx_s=round(docx_s, 2), docx_baseline_s=round(docx_base, 2),
                          docx_ratio=round(docx_s / docx_base, 2))
        return result


def _warm_up() -> None:  # noqa: D401
    """Load fonts, ICU data and HarfBuzz once, so neither measurement pays for it."""
    from briefbook.export.docmodel import Document, Paragraph, SectionStart
    from briefbook.export.pdf_writer import build_pdf_bytes
    from briefbook.export.theme import Theme
    build_pdf_bytes(Document("w", "w", [SectionStart("S", "s"),
                                        Paragraph.plain("ក្រសួង 李克强 warm-up")]), Theme())


def _child(scale: float) -> dict:
    """Measure one scale in a fresh process, so its peak RSS is its own."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, "-m", "benchmarks.export_bench", "--child", str(scale)],
                         capture_output=True, text=True, env=env, cwd=root, check=True)
    return json.loads(out.stdout)


def run_export_bench(workdir=None) -> dict:
    half = _child(0.5)
    full = _child(1.0)
    return {
        "export_full": full,
        "export_half": half,
        "export_pdf_linearity": round(full["pdf_s"] / max(1e-9, 2 * half["pdf_s"]), 2),
        "export_peak_rss_mb": full["peak_rss_mb"],
        "export_goals": {"pdf_ratio_max": 1.5, "docx_ratio_max": 1.3, "peak_rss_mb_max": 400},
    }


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":   # one measurement, JSON on stdout
        _warm_up()
        result = _measure(float(sys.argv[2]))
        result["peak_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        json.dump(result, sys.stdout)
    else:                                                  # python -m benchmarks.export_bench
        json.dump(run_export_bench(), sys.stdout, indent=1)
        print()
