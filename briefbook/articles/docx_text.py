"""Article text out of a DOCX file, read safely with zipfile + defusedxml.

A DOCX is a ZIP of XML parts.  Refused: a part that declares a DOCTYPE (the
door to entity-expansion attacks), a part larger than :data:`MAX_PART_BYTES`
once unpacked, or a package that unpacks to more than :data:`MAX_TOTAL_BYTES`
(a ZIP bomb).  Only the main document part and the core properties are read.
"""
from __future__ import annotations

import io
import re
import zipfile

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .errors import ArticleError
from .datelines import read_letterhead
from .extract import ArticleText

MAX_PART_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def _read_part(package: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    if info.file_size > MAX_PART_BYTES:
        raise ArticleError(f"{name}: refused: the DOCX part {info.filename} is too large "
                           f"({info.file_size:,} bytes unpacked)")
    with package.open(info) as handle:
        data = handle.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise ArticleError(f"{name}: refused: the DOCX part {info.filename} is too large")
    if _DOCTYPE.search(data):
        raise ArticleError(f"{name}: refused: the DOCX part {info.filename} contains a DOCTYPE "
                           "declaration (not allowed in Word documents)")
    return data


def _parse(data: bytes, part: str, name: str):
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ArticleError(f"{name}: refused: the DOCX part {part} declares a DOCTYPE "
                           "or entities") from None
    except Exception as exc:
        raise ArticleError(f"{name}: the DOCX part {part} is not valid XML ({exc})") from None


def _paragraph_text(p) -> str:
    out = []
    for node in p.iter():
        if node.tag == f"{W}t" and node.text:
            out.append(node.text)
        elif node.tag == f"{W}tab":
            out.append(" ")
        elif node.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif node.tag == f"{W}noBreakHyphen":
            out.append("-")
    return re.sub(r"[ \t]+", " ", "".join(out)).strip()


def _cell_text(cell) -> str:
    return " ".join(t for t in (_paragraph_text(p) for p in cell.iter(f"{W}p")) if t)


def _body_paragraphs(root) -> list[str]:
    """Paragraphs in reading order; a table row is one line, its cells joined by ' | '."""
    out: list[str] = []
    body = root.find(f"{W}body")
    for child in (body if body is not None else root):
        if child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                cells = [c for c in (_cell_text(tc) for tc in row.findall(f"{W}tc")) if c]
                if cells:
                    out.append(" | ".join(cells))
            continue
        for p in ([child] if child.tag == f"{W}p" else child.iter(f"{W}p")):
            text = _paragraph_text(p)
            out.extend(line.strip() for line in text.split("\n") if line.strip())
    return out


def docx_article(data: bytes, name: str) -> ArticleText:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ArticleError(f"{name}: is not a valid DOCX file (damaged ZIP package)") from None
    with package:
        infos = package.infolist()
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise ArticleError(f"{name}: refused: the DOCX unpacks to more than "
                               f"{MAX_TOTAL_BYTES // (1024 * 1024)} MB")
        by_name = {i.filename: i for i in infos}
        if "word/document.xml" not in by_name:
            raise ArticleError(f"{name}: is not a Word document (no word/document.xml); "
                               "use plain text (.txt), HTML (.html) or Word (.docx)")
        # Every XML part is checked, not just the ones read: a DOCTYPE anywhere is refused.
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _read_part(package, info, name)
        root = _parse(_read_part(package, by_name["word/document.xml"], name),
                      "word/document.xml", name)
        paragraphs = _body_paragraphs(root)
        title = publisher = created = ""
        # The page header is letterhead ("DEPARTMENT OF FOREIGN AFFAIRS"): it names the
        # publisher, and is never part of the story.
        for part in sorted(n for n in by_name if re.fullmatch(r"word/header\d*\.xml", n))[:6]:
            header = _parse(_read_part(package, by_name[part], name), part, name)
            lines = [line.strip() for p in header.iter(f"{W}p")
                     for line in _paragraph_text(p).split("\n") if line.strip()]
            publisher = publisher or read_letterhead(lines).publisher
        if "docProps/core.xml" in by_name:
            core = _parse(_read_part(package, by_name["docProps/core.xml"], name),
                          "docProps/core.xml", name)
            title = (core.findtext(f"{DC}title") or "").strip()
            created = (core.findtext(f"{DCTERMS}created") or "").strip()
    return ArticleText(paragraphs, name=name, fmt="docx", meta_title=title,
                       meta_publisher=publisher, meta_date=created)
