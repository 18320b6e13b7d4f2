"""Khmer line breaking and script runs: the three traps of the issue."""
from __future__ import annotations

from briefbook.export import fonts
from briefbook.export.docmodel import Run
from briefbook.export.linebreak import clusters, khmer_words, line_segments
from briefbook.export.pdf_text import (RichParagraph, font_name, register_fonts, runs_markup,
                                       style)

from .conftest import KHMER_SENTENCE


def test_khmer_is_segmented_into_dictionary_words():
    words = khmer_words("ក្រសួងការបរទេសនិងសហប្រតិបត្តិការអន្តរជាតិ")
    assert words[:3] == ["ក្រសួង", "ការបរទេស", "និង"]
    segments = line_segments(KHMER_SENTENCE)
    assert "".join(segments) == KHMER_SENTENCE
    assert len(segments) > 10
    boundaries = {0}
    pos = 0
    for cluster in clusters(KHMER_SENTENCE):
        pos += len(cluster)
        boundaries.add(pos)
    pos = 0
    for segment in segments:          # every break opportunity is between clusters
        pos += len(segment)
        assert pos in boundaries


def _lines(paragraph):
    return ["".join(str(f.text) for f in line.words) for line in paragraph.blPara.lines]


def test_long_khmer_paragraph_breaks_only_at_word_boundaries():
    register_fonts()
    text = KHMER_SENTENCE * 2
    para = RichParagraph(runs_markup([Run(text)]),
                         style("k", font=font_name("latin"), size=12, leading=18, color="black"))
    para.wrap(180, 10_000)
    assert len(para.blPara.lines) >= 4
    ends = set()
    pos = 0
    for segment in line_segments(text):
        pos += len(segment)
        ends.add(pos)
    words = para.frags
    assert "".join(w.source for w in words) == text             # nothing lost or added
    for line in para.blPara.lines[1:]:
        consumed = sum(len(w.source) for w in words[:line.sFW])
        assert consumed in ends, "a line starts inside a word"
    printed = "".join(_lines(para))
    assert "\u200b" not in printed
    assert " " not in printed                  # no visible spaces were added between words


def test_mixed_script_tokens_use_fonts_that_have_the_glyphs():
    assert fonts.split_runs("李克强.") == [("cjk", "李克强"), ("latin", ".")]
    assert fonts.split_runs("(គង់ ផាក)") == [("khmer", "(គង់ ផាក)")]
    assert fonts.split_runs("SUN Weidong (孙卫东), 2024") == [
        ("latin", "SUN Weidong ("), ("cjk", "孙卫东"), ("latin", "), 2024")]
    for script, text in fonts.split_runs("李克强. (គង់ ផាក) “quoted” 王毅，好。"):
        assert all(fonts.covers(script, c) or c.isspace() for c in text), (script, text)


def test_uncovered_characters_are_reported_and_replaced():
    assert fonts.uncovered("ok 😀 ok 𓀀") == ["😀", "𓀀"]
    assert fonts.printable("a😀b") == "a[U+1F600]b"
    assert fonts.uncovered("គង់ 孙卫东 Ünïcode “quotes” – dash") == []


def test_khmer_copied_out_of_the_pdf_is_the_text_that_was_typed(tmp_path):
    # Shaped Khmer is drawn with glyphs that have no character of their own (subscripts,
    # reordered vowels); each word carries an /ActualText span so extraction gets the text back.
    import subprocess

    from briefbook.export import docmodel as dm
    from briefbook.export.pdf_writer import write_pdf
    from briefbook.export.theme import Theme

    from .conftest import pdftotext

    sentences = ["ក្រសួងការបរទេសនិងសហប្រតិបត្តិការអន្តរជាតិនៃព្រះរាជាណាចក្រកម្ពុជា",
                 "សម្តេចតេជោ ហ៊ុន សែន និងលោក ប្រាក់ សុខុន បានជួបពិភាក្សា"]
    blocks = [dm.SectionStart("Khmer", anchor="s"),
              dm.Heading(2, "Khmer", anchor="k", native="ប្រាក់ សុខុន"),
              dm.Paragraph.plain(" ".join(sentences * 6)),
              dm.Paragraph([dm.Run("Bold: ", bold=True), dm.Run(sentences[1], bold=True)])]
    out = tmp_path / "khmer.pdf"
    write_pdf(dm.Document("Khmer", "Khmer", blocks), out, Theme())
    text = "".join(pdftotext(out).split())
    for sentence in sentences:
        assert "".join(sentence.split()) in text
    assert "ប្រាក់សុខុន" in text
    assert not any("\ue000" <= c <= "\uf8ff" for c in text)
    assert subprocess.run(["pdftoppm", "-r", "20", "-png", str(out), str(tmp_path / "p")],
                          capture_output=True).returncode == 0
