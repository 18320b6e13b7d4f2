"""Read an article file (plain text, HTML or DOCX) into clean paragraphs.

Bad input never gets far: empty files, binary files, oversized files and
unsupported types raise :class:`ArticleError` with a one-line message naming
the file.  Nothing here touches the network.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ArticleError
from .text import clean_chars

MAX_FILE_BYTES = 4 * 1024 * 1024      # a text/HTML article; a press release is a few kB
MAX_DOCX_BYTES = 20 * 1024 * 1024     # DOCX files may carry pictures
MAX_TEXT_CHARS = 200_000              # the article text after extraction

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
DOCX_SUFFIXES = {".docx"}
REFUSED_SUFFIXES = {
    ".pdf": "PDF", ".doc": "old Word (.doc)", ".odt": "OpenDocument", ".rtf": "RTF",
    ".pages": "Pages", ".epub": "EPUB", ".xlsx": "Excel", ".pptx": "PowerPoint",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".zip": "ZIP archive",
}
SUPPORTED = "plain text (.txt), HTML (.html) or Word (.docx)"


@dataclass(slots=True)
class ArticleText:
    """An article's text as paragraphs, plus what the page itself said about it."""

    paragraphs: list[str]
    name: str = ""                      # file name or "pasted text", for messages
    fmt: str = "text"                   # text | html | docx
    meta_title: str = ""                # <title>, og:title, DOCX core title
    meta_publisher: str = ""            # og:site_name, DOCX core author/company
    meta_date: str = ""                 # article:published_time, <time datetime>, DOCX created
    url: str = ""                       # canonical / og:url
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a byte-order mark
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 100)


def decode_text(data: bytes, name: str) -> str:
    """Bytes of a text or HTML file as str (UTF-8, UTF-16 with BOM, else Windows-1252)."""
    if _looks_binary(data):
        raise ArticleError(f"{name}: looks like a binary file, not an article; "
                           f"use {SUPPORTED}")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) \
            else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ArticleError(f"{name}: the text is neither UTF-8 nor Windows-1252; "
                           "save it as UTF-8 text") from None
    return text


def _sniff(data: bytes, suffix: str) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head \
            or (suffix in HTML_SUFFIXES):
        return "html"
    return "text"


def read_article(path: str | Path) -> ArticleText:
    """Read and clean an article file. Raises :class:`ArticleError` for bad input."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder, not an article file")
    suffix = path.suffix.lower()
    if suffix in REFUSED_SUFFIXES:
        raise ArticleError(f"{name}: {REFUSED_SUFFIXES[suffix]} files are not supported; "
                           f"use {SUPPORTED}")
    size = path.stat().st_size
    if size == 0:
        raise ArticleError(f"{name}: the file is empty")
    limit = MAX_DOCX_BYTES if suffix in DOCX_SUFFIXES else MAX_FILE_BYTES
    if size > limit:
        raise ArticleError(f"{name}: the file is too large for an article "
                           f"({_megabytes(size)}; at most {_megabytes(limit)})")
    data = path.read_bytes()
    kind = _sniff(data, suffix)
    if suffix in DOCX_SUFFIXES or kind == "docx":
        if kind != "docx":
            raise ArticleError(f"{name}: is not a valid DOCX file (not a ZIP package)")
        from .docx_text import docx_article
        return _checked(docx_article(data, name))
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and kind == "text" and _looks_binary(data):
        raise ArticleError(f"{name}: unsupported file type {suffix!r}; use {SUPPORTED}")
    return article_from_text(decode_text(data, name), name=name,
                             fmt="html" if kind == "html" else "text")


_BLANK_RUN = re.compile(r"\n\s*\n+")
_STOPS = (".", "!", "?", ":", "\"", "\u201d", "\u2019", ")")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text.  Blank lines separate paragraphs; inside a block a
    line continues the previous one when that one was a long line without a final
    stop (hard-wrapped text); short stop-less lines (headings, menu items) stay apart."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    out: list[str] = []
    for block in _BLANK_RUN.split(text):
        joined: list[str] = []
        for raw in block.split("\n"):
            line = _SPACES.sub(" ", raw).strip()
            if not line:
                continue
            prev = joined[-1] if joined else ""
            wrapped = prev and len(prev) >= 50 and not prev.endswith(_STOPS)
            if wrapped or (prev and line[:1].islower() and not prev.endswith(_STOPS)):
                joined[-1] = f"{prev} {line}"
            else:
                joined.append(line)
        out.extend(joined)
    return out


def article_from_text(text: str, *, name: str = "pasted text", fmt: str = "text") -> ArticleText:
    """An article from text already in memory (pasted, or decoded from a file)."""
    if not isinstance(text, str):
        raise ArticleError(f"{name}: expected text")
    if len(text) > MAX_TEXT_CHARS * (20 if fmt == "html" else 1):
        raise ArticleError(f"{name}: the text is too long for an article "
                           f"({len(text):,} characters; at most {MAX_TEXT_CHARS:,})")
    if "\x00" in text:
        raise ArticleError(f"{name}: looks like a binary file, not an article")
    text = clean_chars(text)
    if fmt == "html":
        from .html_text import html_article
        article = html_article(text, name)
    else:
        article = ArticleText(split_paragraphs(text), name=name, fmt=fmt)
    return _checked(article)


def _checked(article: ArticleText) -> ArticleText:
    name = article.name
    article.paragraphs = [p for p in (clean_chars(p).strip() for p in article.paragraphs) if p]
    for meta in ("meta_title", "meta_publisher", "meta_date", "url"):
        setattr(article, meta, clean_chars(getattr(article, meta)).strip())
    if sum(len(p) for p in article.paragraphs) > MAX_TEXT_CHARS:
        raise ArticleError(f"{name}: the article text is too long "
                           f"(more than {MAX_TEXT_CHARS:,} characters)")
    if not any(re.search(r"[^\W\d_]", p) for p in article.paragraphs):
        raise ArticleError(f"{name}: the file is empty (no text found)")
    return article
