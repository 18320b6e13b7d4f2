"""Embed the bundled fonts in the DOCX, subset to the characters the document uses.

A DOCX names its fonts; it does not carry them unless they are embedded. A delegation member
opening the book on a laptop without Noto Sans Khmer or a CJK font would see empty boxes
where the Khmer and Chinese names were (LibreOffice does, and Word on a machine without a
Khmer font). So the families the document uses are embedded the way Word itself does it
(ECMA-376 Part 1, 17.8.1 "Font Embedding"):

* each font is subset with fontTools to the characters in the document (layout features kept,
  so Khmer still shapes; Word's own "embed only the characters used" does the same), then
  obfuscated: the first 32 bytes XORed with a random GUID that ``w:fontKey`` names;
* stored as ``word/fonts/fontN.odttf`` parts, related from the font table part, where a
  ``w:font`` entry per family lists ``w:embedRegular`` / ``w:embedBold`` with the key;
* ``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts`` are set in the settings, so Word keeps
  embedding (subset) fonts when the user saves the book again.

Only fonts whose licence flags allow embedding are embedded (OS/2 ``fsType``: not
"restricted"); all three bundled families do. No Qt here.
"""
from __future__ import annotations

import io
import uuid
from functools import lru_cache

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from .docx_ooxml import SETTINGS_ORDER, set_child
from .fonts import FONTS

FONT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# CT_Font child order: embed* elements come after these
_FONT_CHILDREN = ("altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig",
                  "embedRegular", "embedBold", "embedItalic", "embedBoldItalic")
_RESTRICTED = 0x0002  # OS/2 fsType bit: "Restricted License embedding" (must not embed)
# Field results Word computes on open (page numbers, contents) need these whatever the text is.
_ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "\u00a0\u2013\u2014\u2026\u2018\u2019\u201c\u201d"


def obfuscate(font: bytes, key: uuid.UUID) -> bytes:
    """ECMA-376 font obfuscation: the first 32 bytes XORed with the key's bytes, reversed."""
    mask = bytes(reversed(key.bytes))
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(font[:32]))
    return head + font[32:]


@lru_cache(maxsize=8)
def _embeddable(path: str) -> bool:
    from fontTools.ttLib import TTFont
    with TTFont(path, lazy=True) as font:
        return not (font["OS/2"].fsType & _RESTRICTED) or bool(font["OS/2"].fsType & 0x000C)


@lru_cache(maxsize=16)  # exporting the same book again (a common loop) reuses the subsets
def subset_font(path: str, text: str) -> bytes:
    """The font at *path* cut down to the glyphs *text* needs (with their shaping closure)."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]     # Khmer conjuncts, vowel placement, kerning
    options.name_IDs = ["*"]            # Word matches the family name
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = subset.load_font(path, options, lazy=True)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()
    finally:
        font.close()


def _document_text(document) -> str:
    """Every character the document body, headers and footers show."""
    parts = [document.part.element]
    for section in document.sections:
        for hf in (section.header, section.footer, section.first_page_header,
                   section.first_page_footer):
            if not hf.is_linked_to_previous:
                parts.append(hf._element)
    seen: set[str] = set()
    for part in parts:
        for node in part.iter(_W + "t"):
            if node.text:
                seen.update(node.text)
    return "".join(sorted(seen))


def _font_table_part(document):
    for rel in document.part.rels.values():
        if rel.reltype == RT.FONT_TABLE and not rel.is_external:
            return rel.target_part
    return None


def _font_entry(fonts_root, family: str):
    for entry in fonts_root.findall(_W + "font"):
        if entry.get(qn("w:name")) == family:
            return entry
    entry = etree.SubElement(fonts_root, _W + "font")
    entry.set(qn("w:name"), family)
    return entry


def _add_embed(entry, tag: str, rid: str, key: uuid.UUID) -> None:
    for old in entry.findall(_W + tag):
        entry.remove(old)
    element = etree.Element(_W + tag)
    element.set(qn("r:id"), rid)
    element.set(qn("w:fontKey"), "{%s}" % str(key).upper())
    element.set(qn("w:subsetted"), "1")
    later = _FONT_CHILDREN[_FONT_CHILDREN.index(tag) + 1:]
    for index, child in enumerate(entry):
        if etree.QName(child).localname in later:
            entry.insert(index, element)
            return
    entry.append(element)


def embed_fonts(document, scripts_used: set[str] | None = None) -> list[str]:
    """Embed the bundled families the document uses; returns ``["Noto Sans (regular, bold)", …]``.

    *scripts_used*: ``{"latin", "khmer", "cjk"}`` subset; by default found from the text.
    """
    from .fonts import script_of

    text = _document_text(document)
    if scripts_used is None:
        scripts_used = {"latin"} | {s for s in (script_of(c) for c in text) if s}
    table_part = _font_table_part(document)
    if table_part is None:
        return []
    fonts_root = etree.fromstring(table_part.blob) if not hasattr(table_part, "element") \
        else table_part.element
    package = document.part.package
    wanted = text + _ALWAYS
    embedded = []
    number = 0
    for script in ("latin", "khmer", "cjk"):
        if script not in scripts_used:
            continue
        bundled = FONTS[script]
        entry = None
        styles = [("embedRegular", False)] + ([("embedBold", True)] if bundled.has_bold else [])
        done = []
        for tag, bold in styles:
            path = str(bundled.path(bold))
            if not _embeddable(path):
                continue
            number += 1
            key = uuid.uuid4()
            blob = obfuscate(subset_font(path, wanted), key)
            part = Part(PackURI(f"/word/fonts/font{number}.odttf"), FONT_CONTENT_TYPE, blob,
                        package)
            rid = table_part.relate_to(part, RT.FONT)
            entry = entry if entry is not None else _font_entry(fonts_root, bundled.family)
            _add_embed(entry, tag, rid, key)
            done.append("bold" if bold else "regular")
        if done:
            embedded.append(f"{bundled.family} ({', '.join(done)})")
    if not hasattr(table_part, "element"):
        table_part._blob = etree.tostring(fonts_root, xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
    if embedded:
        settings = document.settings.element
        set_child(settings, "embedTrueTypeFonts", SETTINGS_ORDER, {})
        set_child(settings, "saveSubsetFonts", SETTINGS_ORDER, {})
    return embedded
