"""WordprocessingML building blocks python-docx has no API for.

Fields (TOC, PAGE, NUMPAGES, STYLEREF), bookmarks, internal hyperlinks,
paragraph properties in schema order, the ``updateFields`` setting and a DRAFT
watermark.  Everything is built as elements of python-docx's own parser so its
classes can still wrap them.
"""
from __future__ import annotations

import re

from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser, parse_xml
from lxml import etree

from .docx_scripts import clean_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = qn("w:val")
make = oxml_parser.makeelement
sub = etree.SubElement

# CT_PPrBase child order (ECMA-376 §17.3.1.26), then rPr / sectPr / pPrChange.
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange",
)
# Settings children this module touches, in CT_Settings order (the rest keep their places).
SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView", "trackRevisions",
    "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation",
    "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps", "showEnvelope",
    "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema",
    "saveInvalidXml", "ignoreMixedContent", "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt",
    "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults",
    "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)


def set_child(parent, tag: str, order: tuple[str, ...], attrs: dict | None = None):
    """Get or create ``w:tag`` under ``parent`` at its schema position; set ``attrs``."""
    clark = W + tag
    child = parent.find(clark)
    if child is None:
        child = make(clark)
        rank = order.index(tag)
        later = {W + name for name in order[rank + 1:]}
        for sibling in parent:
            if sibling.tag in later:
                sibling.addprevious(child)
                break
        else:
            parent.append(child)
    for key, value in (attrs or {}).items():
        child.set(qn(f"w:{key}") if ":" not in key else qn(key), str(value))
    return child


def paragraph(style_id: str | None = None, *, page_break_before: bool = False,
              keep_next: bool = False, align: str | None = None, outline_level: int | None = None):
    """A new ``w:p`` with the common paragraph properties (in schema order)."""
    p = make(W + "p")
    if style_id or page_break_before or keep_next or align or outline_level is not None:
        ppr = sub(p, W + "pPr")
        if style_id:
            sub(ppr, W + "pStyle").set(VAL, style_id)
        if keep_next:
            sub(ppr, W + "keepNext")
        if page_break_before:
            sub(ppr, W + "pageBreakBefore")
        if align:
            sub(ppr, W + "jc").set(VAL, align)
        if outline_level is not None:
            sub(ppr, W + "outlineLvl").set(VAL, str(outline_level))
    return p


def ppr_of(p):
    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = make(W + "pPr")
        p.insert(0, ppr)
    return ppr


def set_page_break_before(p) -> None:
    set_child(ppr_of(p), "pageBreakBefore", PPR_ORDER)


# --- fields -------------------------------------------------------------------------------------
def _fld_char(kind: str, dirty: bool = False):
    run = make(W + "r")
    char = sub(run, W + "fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    return run


def _instr(code: str, rpr=None):
    run = make(W + "r")
    if rpr is not None:
        run.append(rpr)
    instr = sub(run, W + "instrText")
    instr.text = f" {code} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def field_begin(code: str) -> list:
    """Runs opening a complex field up to its result: begin, instruction, separate."""
    return [_fld_char("begin"), _instr(code), _fld_char("separate")]


def field_end():
    return _fld_char("end")


def simple_field_runs(code: str, cached: str, rpr_factory=None) -> list:
    """A whole complex field (``PAGE``, ``NUMPAGES``, ``STYLEREF``…) with a cached result."""
    result = make(W + "r")
    if rpr_factory is not None:
        result.append(rpr_factory())
    t = sub(result, W + "t")
    t.text = clean_text(cached)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [*field_begin(code), result, field_end()]


# --- bookmarks and links --------------------------------------------------------------------------
_BOOKMARK_CHARS = re.compile(r"[^A-Za-z0-9_]+")


class Bookmarks:
    """Anchors of the model -> unique Word bookmark names (``_bb…``: hidden, <= 40 chars)."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._placed: set[str] = set()
        self._next_id = 1

    def name(self, anchor: str) -> str:
        name = self._names.get(anchor)
        if name is None:
            slug = _BOOKMARK_CHARS.sub("_", anchor).strip("_")[:26]
            name = f"_bb{len(self._names) + 1:05d}_{slug}".rstrip("_")
            self._names[anchor] = name
        return name

    def known(self, anchor: str | None) -> bool:
        return anchor is not None and anchor in self._names

    def wrap(self, p, anchor: str) -> None:
        """Put a bookmark named for ``anchor`` around the content of paragraph ``p``.

        An anchor used twice is bookmarked at its first place only (names must be unique).
        """
        if anchor in self._placed:
            return
        self._placed.add(anchor)
        start = make(W + "bookmarkStart")
        start.set(qn("w:id"), str(self._next_id))
        start.set(qn("w:name"), self.name(anchor))
        end = make(W + "bookmarkEnd")
        end.set(qn("w:id"), str(self._next_id))
        self._next_id += 1
        ppr = p.find(W + "pPr")
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)


def hyperlink(bookmark: str, runs: list):
    """An internal hyperlink (``w:hyperlink/@w:anchor``) around ``runs``."""
    link = make(W + "hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    link.extend(runs)
    return link


# --- settings ---------------------------------------------------------------------------------
def set_update_fields(settings_element) -> None:
    """``<w:updateFields w:val="true"/>``: Word refreshes the TOC and page fields on open."""
    set_child(settings_element, "updateFields", SETTINGS_ORDER, {"val": "true"})


def set_theme_font_lang(settings_element, latin: str, east_asia: str, bidi: str) -> None:
    set_child(settings_element, "themeFontLang", SETTINGS_ORDER,
              {"val": latin, "eastAsia": east_asia, "bidi": bidi})


# --- DRAFT watermark ----------------------------------------------------------------------------
_WATERMARK = """\
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
     xmlns:w10="urn:schemas-microsoft-com:office:word">
  <w:rPr><w:noProof/></w:rPr>
  <w:pict>
    <v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
        path="m@7,l@8,m@5,21600l@6,21600e">
      <v:formulas>
        <v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
        <v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
        <v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
        <v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
        <v:f eqn="sum @6 0 @5"/>
      </v:formulas>
      <v:path textpathok="t" o:connecttype="custom"
          o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>
      <v:textpath on="t" fitshape="t"/>
      <v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
      <o:lock v:ext="edit" text="t" shapetype="t"/>
    </v:shapetype>
    <v:shape id="BriefbookDraftWatermark" o:spid="_x0000_s2049" type="#_x0000_t136"
        style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin"
        o:allowincell="f" fillcolor="#c8c8c8" stroked="f">
      <v:fill opacity=".45"/>
      <v:textpath style="font-family:&quot;FONT&quot;;font-size:1pt" string="TEXT"/>
      <w10:wrap anchorx="margin" anchory="margin"/>
    </v:shape>
  </w:pict>
</w:r>"""


def watermark_run(text: str, font: str, shape_number: int = 2049):
    """A VML text watermark (what Word's Design > Watermark inserts) for a header paragraph."""
    from xml.sax.saxutils import quoteattr

    font = re.sub(r'[^\w \-]', "", clean_text(font))
    xml = (_WATERMARK.replace('"TEXT"', quoteattr(clean_text(text))).replace("FONT", font)
           .replace("_x0000_s2049", f"_x0000_s{shape_number}"))
    return parse_xml(xml)
