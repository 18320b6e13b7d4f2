"""Scripts in DOCX: which font slot, language tag and size/bold slot each run uses.

Word and LibreOffice pick a font *per character class*, not per run:

* Latin text uses ``w:rFonts/@w:ascii`` / ``@w:hAnsi``, ``w:sz``, ``w:b``;
* Chinese (an East Asian script) uses ``@w:eastAsia`` (size and bold as Latin);
* Khmer is a *complex script*: it uses ``@w:cs``, ``w:szCs``, ``w:bCs`` and
  ``w:iCs`` and is tagged with ``w:lang/@w:bidi``.  python-docx sets none of
  these, and without them Khmer falls back to a font that may lack it, loses its
  subscript consonants and ignores the size and bold of the style.

So text is split into runs by script (neutral characters such as spaces, digits
and ASCII punctuation join the run before them), every run carries all three
font slots, and Khmer/Chinese runs carry ``w:hint`` and the script's language
tag; Khmer runs also get ``w:cs`` (treat the whole run, punctuation included, as
complex script) so ``(គង់ ផាក)`` comes out in one font.

The font family names, language tags and script ranges come from :mod:`.fonts`
(DOCX references fonts by name, they are not embedded; the names are those of the
families bundled in ``resources/fonts/`` for the PDF writer).  Unlike the PDF,
the DOCX keeps characters no bundled font covers as they are: Word and
LibreOffice fall back to a system font for them, and the document stays
editable text (the preflight still reports them).
"""
from __future__ import annotations

import re

from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from lxml import etree

from .fonts import CJK_RANGES, FONTS, KHMER_RANGES, LANGUAGE_TAGS

_make = oxml_parser.makeelement  # elements python-docx's own classes can wrap

# --- fonts and languages: named once, in fonts.py (the PDF writer embeds the same families) ---
LATIN_FONT = FONTS["latin"].family
KHMER_FONT = FONTS["khmer"].family
# Droid Sans Fallback: the TrueType CJK font bundled in resources/fonts/ (reportlab cannot use
# the CFF Noto Sans CJK).  Word substitutes a system CJK font when it is not installed.
CHINESE_FONT = FONTS["cjk"].family

LANG_LATIN = LANGUAGE_TAGS["latin"]
LANG_CHINESE = LANGUAGE_TAGS["cjk"]
LANG_KHMER = LANGUAGE_TAGS["khmer"]

LATIN, KHMER, CHINESE = "latin", "khmer", "chinese"

# --- characters XML 1.0 forbids ---------------------------------------------------------------
# Allowed: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# \t and \n are kept (they become w:tab / w:br); \r is dropped (a lone CR means nothing in a run).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text safe for an XML text node: control characters and lone surrogates removed."""
    if text.isascii() and text.isprintable():
        return text
    return _ILLEGAL_XML.sub("", text)


# --- splitting by script ------------------------------------------------------------------------
def _char_class(ranges) -> str:
    return "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges)


# The letters that decide a run's script are the ones fonts.py uses for the PDF.
_KM = _char_class(KHMER_RANGES)
_ZH = _char_class(CJK_RANGES)
# Neutral: takes the script of the run before it (or after it, at the start of the text).
_NEUTRAL = (r"\s\d!-/:-@\[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u20a0-\u20cf"
            r"\u2100-\u214f\u2190-\u23ff\u25a0-\u25ff\u2600-\u26ff")
_SCRIPT_SPANS = re.compile(f"(?P<km>[{_KM}][{_KM}{_NEUTRAL}]*)|(?P<zh>[{_ZH}][{_ZH}{_NEUTRAL}]*)")
_ONLY_NEUTRAL = re.compile(f"[{_NEUTRAL}]*")


def split_scripts(text: str) -> list[tuple[str, str]]:
    """``[(script, text), …]`` covering ``text`` in order; neutral characters join a neighbour."""
    if text.isascii():
        return [(LATIN, text)] if text else []
    out: list[tuple[str, str]] = []
    pos = 0
    for match in _SCRIPT_SPANS.finditer(text):
        start = match.start()
        if start > pos:
            out.append((LATIN, text[pos:start]))
        out.append((KHMER if match.lastgroup == "km" else CHINESE, match.group()))
        pos = match.end()
    if pos < len(text):
        out.append((LATIN, text[pos:]))
    # Leading punctuation/space ("(គង់ ផាក)") belongs with what follows it.
    if len(out) > 1 and out[0][0] == LATIN and _ONLY_NEUTRAL.fullmatch(out[0][1]):
        out[1] = (out[1][0], out[0][1] + out[1][1])
        del out[0]
    return out


def script_of(text: str) -> str:
    """The dominant non-Latin script of ``text`` (for styles' hints), else Latin."""
    for script, _ in split_scripts(text):
        if script != LATIN:
            return script
    return LATIN


# --- run properties ---------------------------------------------------------------------------
# CT_RPr child order (ECMA-376 §17.3.2): Word rejects files whose children are out of order.
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath",
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RFONTS, _LANG, _HINT = qn("w:rFonts"), qn("w:lang"), qn("w:hint")
_ASCII, _HANSI, _EA, _CS = qn("w:ascii"), qn("w:hAnsi"), qn("w:eastAsia"), qn("w:cs")
_VAL, _BIDI = qn("w:val"), qn("w:bidi")


def font_slots(latin: str = LATIN_FONT) -> dict[str, str]:
    """All four ``w:rFonts`` attributes: Latin family for ASCII/hAnsi, the bundled Khmer/Chinese."""
    return {_ASCII: latin, _HANSI: latin, _EA: CHINESE_FONT, _CS: KHMER_FONT}


def lang_attrs(latin_lang: str = LANG_LATIN) -> dict[str, str]:
    return {_VAL: latin_lang, _EA: LANG_CHINESE, _BIDI: LANG_KHMER}


def run_properties(script: str, *, bold: bool = False, italic: bool = False,
                   latin_font: str = LATIN_FONT, size_half_points: int | None = None,
                   style_id: str | None = None, lang: str = LANG_LATIN):
    """A ``w:rPr`` for one script run, children in schema order; None if nothing to say."""
    if script == LATIN and not (bold or italic or style_id):
        return None
    rpr = _make(_W + "rPr")
    sub = etree.SubElement
    if style_id:
        sub(rpr, _W + "rStyle").set(_VAL, style_id)
    if script != LATIN:
        fonts = sub(rpr, _RFONTS, font_slots(latin_font))
        fonts.set(_HINT, "cs" if script == KHMER else "eastAsia")
    if bold:
        sub(rpr, _W + "b")
        sub(rpr, _W + "bCs")
    if italic:
        sub(rpr, _W + "i")
        sub(rpr, _W + "iCs")
    if script == KHMER:
        if size_half_points:
            sub(rpr, _W + "szCs").set(_VAL, str(size_half_points))
        sub(rpr, _W + "cs")
    if script != LATIN:
        sub(rpr, _LANG, lang_attrs(lang))
    return rpr


def text_runs(text: str, *, bold: bool = False, italic: bool = False,
              latin_font: str = LATIN_FONT, size_half_points: int | None = None,
              style_id: str | None = None, lang: str = LANG_LATIN) -> list:
    """``w:r`` elements for ``text``: cleaned, split by script; newline -> w:br, tab -> w:tab."""
    out = []
    for script, chunk in split_scripts(clean_text(text)):
        run = _make(_W + "r")
        rpr = run_properties(script, bold=bold, italic=italic, latin_font=latin_font,
                             size_half_points=size_half_points, style_id=style_id, lang=lang)
        if rpr is not None:
            run.append(rpr)
        append_text(run, chunk)
        out.append(run)
    return out


_BREAKS = re.compile(r"(\n|\t)")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def append_text(run, text: str) -> None:
    """Append ``w:t`` (spaces preserved), ``w:br`` and ``w:tab`` children for ``text``."""
    sub = etree.SubElement
    if "\n" not in text and "\t" not in text:
        t = sub(run, _W + "t")
        t.text = text
        t.set(_XML_SPACE, "preserve")
        return
    for part in _BREAKS.split(text):
        if part == "\n":
            sub(run, _W + "br")
        elif part == "\t":
            sub(run, _W + "tab")
        elif part:
            t = sub(run, _W + "t")
            t.text = part
            t.set(_XML_SPACE, "preserve")
