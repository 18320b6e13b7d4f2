"""Builds the invented DFA-style press release as a real Word document: letterhead in the
page header, address and page number in the footer, a schedule table in the body, a name
split across runs (as Word saves after an edit) and a footnote-like annex."""
from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Pt

HEADLINE = "Secretary Lazaro Holds Bilateral Meeting with Malaysian Foreign Minister"
BODY = [
    "23rd November 2026",
    "Secretary of Foreign Affairs Ma. Theresa P. Lazaro held a bilateral meeting with Foreign "
    "Minister of Malaysia Dato' Sri Haji Mohamad bin Haji Hasan on the sidelines of the 59th "
    "ASEAN Foreign Ministers' Meeting in Kuala Lumpur on 22 November 2026.",
    "The two Foreign Ministers discussed the preparations for the Philippines' Chairmanship of "
    "ASEAN, maritime cooperation in the South China Sea, and the protection of Filipino workers "
    "in Sabah. They agreed to convene the Joint Commission for Bilateral Cooperation in Manila "
    "in 2027.",
    "Secretary Lazaro also met Tan Sri Amran Mohamed Zin, Secretary-General of the Ministry of "
    "Foreign Affairs of Malaysia, on the same day.",
]
SCHEDULE = [("Date", "Activity", "Venue"),
            ("22 November 2026", "Bilateral meeting", "Kuala Lumpur Convention Centre"),
            ("23 November 2026", "59th AMM Retreat", "Kuala Lumpur Convention Centre")]


def build(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = ""
    document.core_properties.author = "DFA-OPD"
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "DEPARTMENT OF FOREIGN AFFAIRS\nRepublic of the Philippines"
    section.footer.paragraphs[0].text = "2330 Roxas Boulevard, Pasay City 1300 | Page 1 of 1"
    document.add_paragraph("PRESS RELEASE").runs[0].font.size = Pt(14)
    heading = document.add_paragraph()
    for piece in ("Secretary Laz", "aro Holds Bilateral Meeting with ", "Malaysian Foreign Minister"):
        heading.add_run(piece).bold = True
    for text in BODY:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=3)
    for row in SCHEDULE:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    document.add_paragraph("END")
    document.add_paragraph("Office of Public and Cultural Diplomacy")
    document.save(path)
    return path
