"""Hostile and odd input never crashes the importer: it proposes something or says why not."""
from __future__ import annotations

import random
from datetime import date

from briefbook.articles import ArticleError, article_from_text, plan_import, propose

from .conftest import SEED_2019, SEED_2024

PIECES = ["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "H.E. ", "Minister ",
          "Prak ", "Sokhonn", ", the ", "Premier ", "Li", " on Sunday", " 14 to 17 September",
          "&amp;", "<nav class='menu'>", "</nav>", "\n", "(", ")", "Samdech ", "KUNG ",
          "Partnership", " Initiative", "’s", " and ", "2024", "-", "ក្រសួង", "王毅", "\u200b"]


def _attempt(library, text, fmt, when):
    try:
        proposals = propose(library, article_from_text(text, fmt=fmt), when)
    except ArticleError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    proposals.to_dict()
    plan_import(library, proposals)
    return proposals


def test_random_text_and_markup(sample_library):
    rng = random.Random(20240509)
    words = (SEED_2019.read_text() + SEED_2024.read_text()).split()
    for i in range(60):
        if i % 3 == 0:
            text = "".join(rng.choice("aA .,;:'’\"()-–\n0123456789ក王<>&#") for _ in range(800))
        elif i % 3 == 1:
            text = " ".join(rng.sample(words, rng.randint(1, 300)))
        else:
            text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 300)))
        _attempt(sample_library, text, "html" if i % 3 == 2 else "text",
                 date(2024, 5, 9) if i % 2 else None)


def test_pathological_html(library):
    nested = ("<html><body>" + "<div>" * 5000 + "<p>His Excellency KUNG Phoak met His "
              "Excellency SUN Weidong on May 9, 2024 at the ASEAN Secretariat.</p>" +
              "</div>" * 5000 + "</body></html>")
    proposals = _attempt(library, nested, "html", None)
    assert {p.record.name for p in proposals.officials} == {"KUNG Phoak", "SUN Weidong"}
    unclosed = _attempt(library, "<div>" * 50_000 + "text", "html", None)
    assert unclosed is not None and unclosed.officials == [] and unclosed.event.needs_date


def test_only_furniture(library):
    text = "Home » News\n\nby Anonymous .\n\n0 comment\n\nLeave a Comment\n\nCopyright © 2023 Site."
    proposals = _attempt(library, text, "text", None)
    assert proposals is None or proposals.officials == []
