"""Reading articles: plain text, HTML, DOCX; and refusing bad input with one clear line."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from briefbook.articles import ArticleError, article_from_text, read_article
from briefbook.articles.docx_text import MAX_PART_BYTES
from briefbook.articles.furniture import strip_furniture

from .conftest import DATA, SEED_2024


def _one_line(exc: ArticleError) -> str:
    message = str(exc)
    assert "\n" not in message and message
    return message


def test_plain_text_seed_paragraphs():
    article = read_article(SEED_2024)
    assert article.fmt == "text"
    assert any(p.startswith("On May 9, 2024, His Excellency KUNG Phoak") for p in article.paragraphs)


def test_hard_wrapped_text_is_rejoined(tmp_path):
    path = tmp_path / "wrapped.txt"
    path.write_text("Deputy Prime Minister Prak Sokhonn said on Sunday that relations between\n"
                    "Cambodia and China are now stronger than ever.\n\nSecond paragraph.\n")
    article = read_article(path)
    assert article.paragraphs[0].endswith("Cambodia and China are now stronger than ever.")
    assert article.paragraphs[1] == "Second paragraph."


def test_windows_1252_text_is_read(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Sokhonn\u2019s remarks followed his return from China.".encode("cp1252"))
    assert "Sokhonn\u2019s" in read_article(path).text


def test_html_keeps_the_story_and_drops_the_page():
    article = read_article(DATA / "khmer_times_style_2019.html")
    text = article.text
    assert article.fmt == "html"
    assert "official visit to China from Thursday to Saturday" in text
    for furniture in ("Fake Person", "Nobody Here", "Somebody Else", "Imaginary Name",
                      "Another Person", "Share on Facebook", "newsletter", "Copyright"):
        assert furniture not in text, furniture
    assert article.meta_publisher == "Khmer Times"
    assert article.url.endswith("sokhonn-cambodia-china-trust")
    assert article.meta_title == "Sokhonn: Cambodia-China trust at an all-time high"


def _docx_bytes(paragraphs: list[str], title: str = "") -> bytes:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for p in paragraphs:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_title(tmp_path):
    release = (DATA / "mfaic_release_2019.txt").read_text().split("\n\n")
    path = tmp_path / "release.docx"
    path.write_bytes(_docx_bytes(release, title="Official visit to China"))
    article = read_article(path)
    assert article.fmt == "docx"
    assert article.meta_title == "Official visit to China"
    assert any("paid an official visit to China" in p for p in article.paragraphs)


def _rewrite_docx(data: bytes, part: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == part else src.read(info))
    return out.getvalue()


def test_docx_with_doctype_is_refused(tmp_path):
    data = _docx_bytes(["Hello"])
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    evil = document.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY lol "lol">]>', 1)
    path = tmp_path / "evil.docx"
    path.write_bytes(_rewrite_docx(data, "word/document.xml", evil))
    with pytest.raises(ArticleError) as exc:
        read_article(path)
    assert "DOCTYPE" in _one_line(exc.value) and "evil.docx" in str(exc.value)


def test_docx_with_doctype_in_another_part_is_refused(tmp_path):
    data = _docx_bytes(["Hello"])
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")
    path = tmp_path / "styles.docx"
    path.write_bytes(_rewrite_docx(data, "word/styles.xml",
                                   styles.replace(b"?>", b"?><!DOCTYPE x SYSTEM 'file:///etc/passwd'>", 1)))
    with pytest.raises(ArticleError, match="DOCTYPE"):
        read_article(path)


def test_docx_with_oversized_part_is_refused(tmp_path):
    data = _docx_bytes(["Hello"])
    huge = b"<w:document>" + b" " * (MAX_PART_BYTES + 10) + b"</w:document>"
    path = tmp_path / "huge.docx"
    path.write_bytes(_rewrite_docx(data, "word/document.xml", huge))
    assert path.stat().st_size < 1_000_000  # small on disk, large unpacked
    with pytest.raises(ArticleError, match="too large"):
        read_article(path)


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("just text pretending to be a Word file")
    with pytest.raises(ArticleError, match="not a valid DOCX"):
        read_article(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match="empty") as exc:
        read_article(path)
    _one_line(exc.value)


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    with pytest.raises(ArticleError, match="binary") as exc:
        read_article(path)
    _one_line(exc.value)


def test_five_megabytes_of_text(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(("On May 9, 2024, His Excellency KUNG Phoak met SUN Weidong. " * 90_000)[:5_000_000])
    with pytest.raises(ArticleError, match="too large") as exc:
        read_article(path)
    assert "MB" in _one_line(exc.value)


def test_pasted_text_too_long():
    with pytest.raises(ArticleError, match="too long"):
        article_from_text("word " * 100_000)


@pytest.mark.parametrize("name", ["report.pdf", "old.doc", "picture.png"])
def test_unsupported_type(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4 whatever")
    with pytest.raises(ArticleError, match="not supported") as exc:
        read_article(path)
    _one_line(exc.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="folder"):
        read_article(tmp_path)


def test_seed_furniture_is_stripped_and_metadata_kept():
    cleaned = strip_furniture(read_article(SEED_2024).paragraphs)
    body = "\n".join(cleaned.paragraphs)
    assert cleaned.title == "Enhancing ASEAN-China Relations: Strengthening People-to-People Exchanges"
    assert cleaned.publisher == "MFAIC"
    assert cleaned.site == "The Better Cambodia"
    for furniture in ("Home »", "by Anonymous", "0 comment", "You may also like", "Leave a Comment",
                      "newsletter", "Copyright", "Unlock left", "Flash plugin", "Latest News",
                      "Are you sure", "Source: MFAIC"):
        assert furniture not in body, furniture
    assert body.startswith("On May 9, 2024")
    assert body.rstrip().endswith("the broader region.")


def test_dateline_is_read_and_removed():
    cleaned = strip_furniture(read_article(DATA / "xinhua_style_2024.txt").paragraphs)
    assert cleaned.place == "JAKARTA"
    assert cleaned.publisher == "Xinhua"
    assert cleaned.date_text == "May 9"
    assert cleaned.paragraphs[0].startswith("Cambodian Secretary of State")
    assert not any("Share on Facebook" in p or "Related News" in p for p in cleaned.paragraphs)


def test_empty_docx(tmp_path):
    path = tmp_path / "blank.docx"
    path.write_bytes(_docx_bytes([]))
    with pytest.raises(ArticleError, match="empty"):
        read_article(path)


def test_utf16_text_with_bom(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text("Premier Li Keqiang met Prak Sokhonn.", encoding="utf-16")
    assert read_article(path).paragraphs == ["Premier Li Keqiang met Prak Sokhonn."]
