"""Hostile text: run-on lines, walls of honorifics, invisible and bidi characters, lone
surrogates, NUL bytes in a Word file, hostile JSON-LD.  Each either imports sensibly or is
refused with one line naming the file - never a traceback, never a hang."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import zipfile
from datetime import date

import docx
import pytest

from briefbook.articles import (ArticleError, apply_import, article_from_text, plan_import,
                                propose, read_article)
from briefbook.articles.text import MAX_SENTENCE_CHARS, sentences_of

from .conftest import ROOT

MEETING = ("His Excellency KUNG Phoak met His Excellency SUN Weidong on May 9, 2024 at the "
           "ASEAN Secretariat.")


def _propose(library, text, fmt="text", when=date(2024, 5, 10)):
    proposals = propose(library, article_from_text(text, fmt=fmt), when)
    data = proposals.to_dict()
    json.dumps(data, ensure_ascii=False).encode("utf-8")      # no lone surrogate survives
    plan_import(library, proposals)
    return proposals


def _names(proposals):
    return [p.record.name for p in proposals.officials]


def _docx_with_body(body_xml: bytes) -> bytes:
    document = docx.Document()
    document.add_paragraph("placeholder")
    data = io.BytesIO()
    document.save(data)
    src = zipfile.ZipFile(io.BytesIO(data.getvalue()))
    xml = src.read("word/document.xml")
    start = xml.index(b"<w:body>") + len(b"<w:body>")
    end = xml.index(b"</w:body>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = xml[:start] + body_xml + xml[end:] if info.filename == \
                "word/document.xml" else src.read(info)
            dst.writestr(info.filename, content)
    return out.getvalue()


def _para(text: bytes) -> bytes:
    return b"<w:p><w:r><w:t xml:space=\"preserve\">" + text + b"</w:t></w:r></w:p>"


def test_huge_single_line_is_cut_into_sentences_and_still_read(sample_library):
    text = MEETING[:-1] + " and " + "the officials discussed cooperation " * 5000 + "."
    assert len(text) > 150_000 and "\n" not in text
    assert max(len(s.text) for s in sentences_of([text])) <= MAX_SENTENCE_CHARS
    proposals = _propose(sample_library, text)
    assert _names(proposals) == ["KUNG Phoak", "SUN Weidong"]
    assert proposals.event.record.start.iso() == "2024-05-09"


def test_wall_of_title_words_before_a_name(library):
    proposals = _propose(library, "Minister " * 20_000 + "Wang Yi met Prak Sokhonn.")
    assert all(len(p.title) < 400 for p in proposals.officials)


def test_ten_thousand_honorifics(library):
    for wall in ("His Excellency " * 10_000, "H.E. Mr. " * 10_000, "Samdech " * 10_000,
                 "Dato' Sri " * 10_000):
        proposals = _propose(library, wall + "Hun Manet met Wang Yi on Monday.")
        for p in proposals.officials:
            assert len(p.record.honorific) < 200 and "Excellency" not in p.record.name


def test_zero_width_characters_do_not_split_or_hide_names(library):
    text = ("His\u200b Excellency KU\u200bNG\u2060 Phoak\u200d met H.E. S\u00adUN Wei\ufeffdong "
            "on May\u200b 9, 2024 at the ASEAN\u200c Secretariat.")
    proposals = _propose(library, text)
    assert _names(proposals) == ["KUNG Phoak", "SUN Weidong"]
    assert proposals.event.record.location == "ASEAN Secretariat"


def test_khmer_zero_width_joiners_are_kept_inside_khmer(library):
    article = article_from_text("Minister Prak Sokhonn (ប្រាក់\u200dសុខុន) met Wang Yi.")
    assert "ប្រាក់\u200dសុខុន" in article.text


def test_bidi_overrides_are_removed(library):
    text = ("His Excellency \u202eKUNG Phoak\u202c met His Excellency \u2067SUN Weidong\u2069 "
            "on May 9, 2024 at the \u202dASEAN Secretariat\u202c.")
    proposals = _propose(library, text)
    assert _names(proposals) == ["KUNG Phoak", "SUN Weidong"]
    for value in json.dumps(proposals.to_dict(), ensure_ascii=False):
        assert value not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("entity", ["&#xD800;", "&#55296;", "&#xDFFF;", "&#x110000;", "&#0;"])
def test_lone_surrogate_entities_in_html(library, entity):
    html = (f"<html><body><article><h1>Meeting{entity}</h1><p>His Excellency KUNG Phoak{entity} "
            f"met His Excellency SUN Weidong on May 9, 2024 at the ASEAN Secretariat{entity}."
            "</p></article></body></html>")
    proposals = _propose(library, html, fmt="html")
    assert _names(proposals) == ["KUNG Phoak", "SUN Weidong"]
    apply_import(library, proposals)      # the library refuses surrogates: none get there


def test_lone_surrogate_in_pasted_text(library):
    proposals = _propose(library, "His Excellency KUNG Phoak\ud800 met His Excellency "
                                  "SUN Weidong on May 9, 2024.")
    assert _names(proposals) == ["KUNG Phoak", "SUN Weidong"]
    apply_import(library, proposals)


def test_control_characters_in_text(library):
    proposals = _propose(library, "His Excellency KUNG\x07 Phoak met\x1b His Excellency "
                                  "SUN Weidong\x0b on May 9, 2024.")
    assert _names(proposals) == ["KUNG Phoak", "SUN Weidong"]


@pytest.mark.parametrize("body", [
    _para(b"His Excellency KUNG Phoak\x00 met SUN Weidong."),
    _para(b"His Excellency KUNG Phoak&#0; met SUN Weidong."),
    _para(b"His Excellency KUNG Phoak\x01 met SUN Weidong."),
    _para(b"His Excellency KUNG Phoak&#xD800; met SUN Weidong."),
])
def test_nul_and_invalid_characters_in_docx_text(tmp_path, body):
    path = tmp_path / "nul.docx"
    path.write_bytes(_docx_with_body(body))
    with pytest.raises(ArticleError) as exc:
        read_article(path)
    message = str(exc.value)
    assert "\n" not in message and "nul.docx" in message and "not valid XML" in message


def test_deeply_nested_docx_content(tmp_path, library):
    nested = b"<w:sdt><w:sdtContent>" * 3000 + _para(MEETING.encode()) + \
        b"</w:sdtContent></w:sdt>" * 3000
    path = tmp_path / "nested.docx"
    path.write_bytes(_docx_with_body(nested))
    try:
        proposals = propose(library, read_article(path))
    except ArticleError as exc:
        assert "\n" not in str(exc)
    else:
        assert _names(proposals) == ["KUNG Phoak", "SUN Weidong"]


def test_hostile_json_ld_is_skipped(library):
    for ld in ("[" * 100_000, '{"@type": "NewsArticle", "headline": ' + "[" * 50_000,
               json.dumps([{"@type": "Thing"}] * 20_000), '{"@graph": 5}', "null", "\ud800"):
        html = (f'<script type="application/ld+json">{ld}</script><article><p>{MEETING}</p>'
                "</article>")
        proposals = _propose(library, html, fmt="html")
        assert _names(proposals) == ["KUNG Phoak", "SUN Weidong"]


def test_json_ld_headline_date_and_publisher_are_read(library):
    ld = json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Site"},
        {"@type": "NewsArticle", "headline": "Cambodia, China hold talks",
         "datePublished": "2024-05-10T08:00:00+07:00",
         "publisher": {"@type": "Organization", "name": "AKP"},
         "mainEntityOfPage": {"@id": "https://example.org/a/1"}}]})
    html = (f'<head><script type="application/ld+json">{ld}</script></head><body><article>'
            f"<p>{MEETING.replace(' on May 9, 2024', ' yesterday')}</p></article></body>")
    proposals = propose(library, article_from_text(html, fmt="html"))
    assert proposals.source.title == "Cambodia, China hold talks"
    assert proposals.source.publisher == "AKP"
    assert proposals.source.url == "https://example.org/a/1"
    assert proposals.event.record.start.iso() == "2024-05-09"


ADVERSARIAL_UNITS = ["Abc ", "Abc-", "Abc of the ", "A ", "A.", "Ab. ", "9 May ", "14 to ",
                     "May ", "Minister ", "Mr. ", "H.E. ", "Samdech Moha ", "Dato' Sri ",
                     "Strategic Partnership ", "Initiative ", "met at ", "visit to ", "(", "’s ",
                     "Abc, ", "Monday ", "Nguyen Van ", "bin ", "L.P. ", "23/11/2026 ",
                     "2569 ", "at the ", "ASEAN-China ", "(王毅) ", "on the sidelines of "]


def test_long_adversarial_lines_finish(tmp_path):
    """Every module's patterns see long lines built from one repeated piece, in a child
    process: a pattern that backtracks catastrophically hangs the child, not the suite."""
    script = textwrap.dedent(f"""
        from datetime import date
        from briefbook.articles import ArticleError, article_from_text, propose
        units = {ADVERSARIAL_UNITS!r}
        for unit in units:
            for fmt in ("text", "html"):
                text = unit * (25_000 // len(unit))
                if fmt == "html":
                    text = "<p>" + text + "</p>"
                try:
                    propose(None, article_from_text(text, fmt=fmt), date(2024, 5, 9)).to_dict()
                except ArticleError as exc:
                    assert "\\n" not in str(exc)
        print("done")
        """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
