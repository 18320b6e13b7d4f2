"""Named styles for the DOCX: Word's built-in ones (Normal, Heading 1-3, Title, TOC 1-3,
Header, Footer, Hyperlink…) customised by the theme, plus one paragraph style per
model style (``Brief Body``, ``Brief Points``…) and two table styles.

Every style names the font for all three scripts (``w:ascii``/``w:hAnsi`` Latin,
``w:eastAsia`` Chinese, ``w:cs`` Khmer) and sets ``w:szCs``/``w:bCs`` with
``w:sz``/``w:b``, so Khmer follows the style's size and weight; theme-font
references from python-docx's template (``w:asciiTheme``…) are removed, as they
would override the names.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn

from .docmodel import PARAGRAPH_STYLES
from .docx_ooxml import PPR_ORDER, VAL, W, make, set_child, sub
from .docx_scripts import (KHMER_FONT, CHINESE_FONT, LANG_CHINESE, LANG_KHMER, RPR_ORDER,
                           font_slots)
from .theme import Theme

# Model paragraph style -> (style id, style name) in the DOCX.
MODEL_STYLES = {name: ("Brief" + name.capitalize(), "Brief " + name.capitalize())
                for name in PARAGRAPH_STYLES}
HEADING_IDS = {1: "Heading1", 2: "Heading2", 3: "Heading3"}
# Headings kept out of the contents: same looks, no outline level (so no TOC entry).
SUBHEADING_IDS = {1: "BriefSubheading1", 2: "BriefSubheading2", 3: "BriefSubheading3"}
MARKING_ID = "BriefMarking"            # classification marking (headers, footers)
COVER_MARKING_ID = "BriefCoverMarking"  # the larger marking in the middle of the cover
COVER_FACT_ID = "BriefCoverFact"
STAMP_ID = "BriefStamp"
NATIVE_CHAR_ID = "BriefNativeChar"     # native-script name beside a heading
TOC_IDS = {1: "TOC1", 2: "TOC2", 3: "TOC3"}
GRID_TABLE_ID = "BriefGrid"
FACTS_TABLE_ID = "BriefFacts"
HYPERLINK_ID = "Hyperlink"


def hp(points: float) -> int:
    """Points -> half-points (w:sz)."""
    return int(round(points * 2))


def tw(points: float) -> int:
    """Points -> twentieths of a point (twips)."""
    return int(round(points * 20))


def mm_tw(mm: float) -> int:
    return int(round(mm / 25.4 * 1440))


def hexcolour(colour: str) -> str:
    colour = colour.lstrip("#").upper()
    return colour if len(colour) == 6 else "000000"


@dataclass
class StyleSizes:
    """Half-point sizes per style id: Khmer runs repeat them as w:szCs."""

    by_id: dict[str, int]

    def of(self, style_id: str | None) -> int:
        return self.by_id.get(style_id or "Normal", self.by_id["Normal"])


def _rpr(parent, *, font: str | None = None, bold: bool | None = None,
         italic: bool | None = None, caps: bool = False, colour: str | None = None,
         size: float | None = None, underline: bool = False, lang: tuple | None = None):
    rpr = sub(parent, W + "rPr")
    if font:
        sub(rpr, W + "rFonts", font_slots(font))
    for flag, tags in ((bold, ("b", "bCs")), (italic, ("i", "iCs"))):
        if flag is not None:
            for tag in tags:
                element = sub(rpr, W + tag)
                if not flag:
                    element.set(VAL, "0")
    if caps:
        sub(rpr, W + "caps")
    if colour:
        sub(rpr, W + "color").set(VAL, hexcolour(colour))
    if size:
        sub(rpr, W + "sz").set(VAL, str(hp(size)))
        sub(rpr, W + "szCs").set(VAL, str(hp(size)))
    if underline:
        sub(rpr, W + "u").set(VAL, "single")
    if lang:
        sub(rpr, W + "lang", {VAL: lang[0], qn("w:eastAsia"): lang[1], qn("w:bidi"): lang[2]})
    return rpr


def _ppr(parent, *, keep_next=False, keep_lines=False, page_break_before=False, num_id=None,
         border=None, shade=None, tabs=(), before=None, after=None, line=None, left=None,
         hanging=None, align=None, outline=None):
    ppr = sub(parent, W + "pPr")
    if keep_next:
        sub(ppr, W + "keepNext")
    if keep_lines:
        sub(ppr, W + "keepLines")
    if page_break_before:
        sub(ppr, W + "pageBreakBefore")
    if num_id is not None:
        numpr = sub(ppr, W + "numPr")
        sub(numpr, W + "ilvl").set(VAL, "0")
        sub(numpr, W + "numId").set(VAL, str(num_id))
    if border:
        bdr = sub(ppr, W + "pBdr")
        side, colour, width = border
        sub(bdr, W + side, {VAL: "single", qn("w:sz"): str(width), qn("w:space"): "4",
                            qn("w:color"): hexcolour(colour)})
    if shade:
        sub(ppr, W + "shd", {VAL: "clear", qn("w:color"): "auto", qn("w:fill"): hexcolour(shade)})
    if tabs:
        tabs_el = sub(ppr, W + "tabs")
        for kind, pos, leader in tabs:
            tab = sub(tabs_el, W + "tab", {VAL: kind, qn("w:pos"): str(pos)})
            if leader:
                tab.set(qn("w:leader"), leader)
    if before is not None or after is not None or line is not None:
        spacing = sub(ppr, W + "spacing")
        if before is not None:
            spacing.set(qn("w:before"), str(tw(before)))
        if after is not None:
            spacing.set(qn("w:after"), str(tw(after)))
        if line is not None:
            spacing.set(qn("w:line"), str(int(round(240 * line))))
            spacing.set(qn("w:lineRule"), "auto")
    if left is not None or hanging is not None:
        ind = sub(ppr, W + "ind")
        if left is not None:
            ind.set(qn("w:left"), str(left))
        if hanging is not None:
            ind.set(qn("w:hanging"), str(hanging))
    if align:
        sub(ppr, W + "jc").set(VAL, align)
    if outline is not None:
        sub(ppr, W + "outlineLvl").set(VAL, str(outline))
    return ppr


_STYLE_HEAD = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden",
               "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal",
               "personalCompose", "personalReply", "rsid")


def _style(styles, style_id: str, name: str, kind: str = "paragraph",
           based_on: str | None = "Normal", next_id: str | None = None, priority: int | None = None, quick: bool = False):
    """Find or create a style and strip its formatting, ready to be described afresh."""
    found = styles.xpath(f'w:style[@w:styleId="{style_id}"]')
    if found:
        style = found[0]
        for child in list(style):
            if child.tag in (W + "pPr", W + "rPr", W + "tblPr", W + "trPr", W + "tcPr",
                             W + "tblStylePr", W + "basedOn", W + "next", W + "link"):
                style.remove(child)
    else:
        style = make(W + "style")
        style.set(qn("w:type"), kind)
        style.set(qn("w:styleId"), style_id)
        sub(style, W + "name").set(VAL, name)
        styles.append(style)
    if based_on:
        set_child(style, "basedOn", _STYLE_HEAD, {"val": based_on})
    if next_id:
        set_child(style, "next", _STYLE_HEAD, {"val": next_id})
    if priority is not None:
        set_child(style, "uiPriority", _STYLE_HEAD, {"val": priority})
    if quick:
        set_child(style, "qFormat", _STYLE_HEAD)
    for flag in ("semiHidden", "unhideWhenUsed"):   # our styles show in the gallery
        element = style.find(W + flag)
        if element is not None:
            style.remove(element)
    return style


def _doc_defaults(styles, theme: Theme, lang: str) -> None:
    defaults = styles.find(W + "docDefaults")
    rpr = defaults.find(W + "rPrDefault/" + W + "rPr")
    for child in list(rpr):
        rpr.remove(child)
    sub(rpr, W + "rFonts", font_slots(theme.body_font))
    sub(rpr, W + "sz").set(VAL, str(hp(theme.body_size)))
    sub(rpr, W + "szCs").set(VAL, str(hp(theme.body_size)))
    sub(rpr, W + "lang", {VAL: lang, qn("w:eastAsia"): LANG_CHINESE, qn("w:bidi"): LANG_KHMER})


def define_styles(document, theme: Theme, lang: str, *, text_width_tw: int,
                  bullet_num: int, points_num: int) -> StyleSizes:
    """Write every style the writer uses into ``document``'s styles part."""
    styles = document.styles.element
    _doc_defaults(styles, theme, lang)
    sizes: dict[str, int] = {}
    body, small = theme.body_size, theme.small_size
    lang3 = (lang, LANG_CHINESE, LANG_KHMER)

    def para(style_id, name, *, based_on="Normal", size=None, rpr=None, ppr=None, next_id=None,
             priority=None, quick=False):
        style = _style(styles, style_id, name, based_on=based_on, next_id=next_id,
                       priority=priority, quick=quick)
        _ppr(style, **(ppr or {}))
        _rpr(style, size=size, **(rpr or {}))
        sizes[style_id] = hp(size) if size else sizes.get(based_on, hp(body))

    para("Normal", "Normal", based_on=None, size=body, quick=True,
         rpr={"font": theme.body_font, "colour": theme.text, "lang": lang3},
         ppr={"after": theme.paragraph_space, "line": theme.line_spacing})

    h_before, h_after = (0.0, 14.0, 10.0), (8.0, 4.0, 3.0)
    for level, style_id in HEADING_IDS.items():
        size = theme.heading_sizes[level - 1]
        para(style_id, f"heading {level}", size=size, next_id="BriefBody", priority=9, quick=True,
             rpr={"font": theme.heading_font, "bold": True, "colour": theme.primary},
             ppr={"keep_next": True, "keep_lines": True, "before": h_before[level - 1],
                  "after": h_after[level - 1], "line": 1.15, "outline": level - 1,
                  "border": ("bottom", theme.primary, 8) if level == 1 else None})
        para(SUBHEADING_IDS[level], f"Brief Subheading {level}", size=size, next_id="BriefBody",
             rpr={"font": theme.heading_font, "bold": True, "colour": theme.primary},
             ppr={"keep_next": True, "keep_lines": True, "before": h_before[level - 1],
                  "after": h_after[level - 1], "line": 1.15})
    para("Title", "Title", size=theme.title_size, priority=10, quick=True,
         rpr={"font": theme.heading_font, "bold": True, "colour": theme.primary},
         ppr={"before": 24.0, "after": 10.0, "line": 1.1})
    para("Subtitle", "Subtitle", size=theme.heading_sizes[1], priority=11, quick=True,
         rpr={"font": theme.heading_font, "colour": theme.muted},
         ppr={"after": 24.0, "line": 1.2})
    para("TOCHeading", "TOC Heading", based_on="Heading1", size=theme.heading_sizes[0],
         priority=39, rpr={"font": theme.heading_font, "bold": True, "colour": theme.primary},
         ppr={"outline": 9, "after": 12.0})
    right_tab = [("right", text_width_tw, "dot")]
    for level, style_id in TOC_IDS.items():
        para(style_id, f"toc {level}", size=body, priority=39, next_id="Normal",
             rpr={"bold": level == 1},
             ppr={"tabs": right_tab, "before": 6.0 if level == 1 else 0.0, "after": 2.0,
                  "left": 360 * (level - 1)})
    header_tabs = [("center", text_width_tw // 2, None), ("right", text_width_tw, None)]
    for style_id, name in (("Header", "header"), ("Footer", "footer")):
        para(style_id, name, size=small, rpr={"colour": theme.muted},
             ppr={"tabs": header_tabs, "after": 0.0, "line": 1.0})
    para(MARKING_ID, "Brief Marking", size=small + 1, rpr={"bold": True, "caps": True,
         "colour": theme.marking}, ppr={"align": "center", "after": 2.0, "line": 1.0})
    para(COVER_MARKING_ID, "Brief Cover Marking", size=theme.heading_sizes[1], rpr={
         "bold": True, "caps": True, "colour": theme.marking},
         ppr={"align": "center", "before": 24.0, "after": 6.0, "line": 1.0})
    para(COVER_FACT_ID, "Brief Cover Fact", size=body + 0.5, ppr={"after": 2.0})
    para(STAMP_ID, "Brief Stamp", size=small, rpr={"colour": theme.muted},
         ppr={"before": 18.0, "after": 0.0})

    looks = {
        "body": {},
        "lead": {"size": body + 1.5, "ppr": {"after": theme.paragraph_space * 2}},
        "bullet": {"ppr": {"num_id": bullet_num, "left": 360, "hanging": 360,
                           "after": theme.paragraph_space / 2}},
        "label": {"size": small, "rpr": {"bold": True, "caps": True, "colour": theme.accent},
                  "ppr": {"keep_next": True, "after": 1.0, "before": 4.0}},
        "small": {"size": small, "rpr": {"colour": theme.muted}},
        "caption": {"size": small, "rpr": {"italic": True, "colour": theme.muted},
                    "ppr": {"after": theme.paragraph_space * 2}},
        "native": {"size": body + 1, "rpr": {"colour": theme.primary}},
        "points": {"ppr": {"num_id": points_num, "left": 425, "hanging": 425}},
        "background": {},
        "defensive": {"rpr": {"italic": True},
                      "ppr": {"border": ("left", theme.marking, 18), "left": 227}},
        "note": {"size": body - 0.5, "ppr": {"shade": theme.table_header_fill,
                                              "border": ("left", theme.accent, 18), "left": 227}},
        "placeholder": {"rpr": {"italic": True, "colour": theme.muted}},
    }
    for model_name, (style_id, name) in MODEL_STYLES.items():
        look = looks[model_name]
        para(style_id, name, size=look.get("size"), rpr=look.get("rpr"), ppr=look.get("ppr"),
             quick=model_name in ("body", "lead", "points", "defensive"))

    char = _style(styles, HYPERLINK_ID, "Hyperlink", kind="character",
                  based_on="DefaultParagraphFont", priority=99)
    _rpr(char, colour=theme.primary, underline=True)
    char = _style(styles, NATIVE_CHAR_ID, "Brief Native", kind="character",
                  based_on="DefaultParagraphFont")
    _rpr(char, bold=False, colour=theme.muted)

    _table_styles(styles, theme)
    return StyleSizes(sizes)


def _borders(parent, tag: str, colour: str | None, sides=("top", "left", "bottom", "right",
                                                          "insideH", "insideV")):
    borders = sub(parent, W + tag)
    for side in sides:
        if colour:
            sub(borders, W + side, {VAL: "single", qn("w:sz"): "4", qn("w:space"): "0",
                                    qn("w:color"): hexcolour(colour)})
        else:
            sub(borders, W + side, {VAL: "nil"})
    return borders


def _cell_margins(tblpr, top_bottom: int, left_right: int) -> None:
    mar = sub(tblpr, W + "tblCellMar")
    for side, value in (("top", top_bottom), ("left", left_right), ("bottom", top_bottom),
                        ("right", left_right)):
        sub(mar, W + side, {qn("w:w"): str(value), qn("w:type"): "dxa"})


def _table_styles(styles, theme: Theme) -> None:
    grid = _style(styles, GRID_TABLE_ID, "Brief Grid", kind="table", based_on="TableNormal",
                  priority=59)
    _ppr(grid, after=0.0, line=1.15)
    tblpr = sub(grid, W + "tblPr")
    _borders(tblpr, "tblBorders", "A6B0BD")
    _cell_margins(tblpr, 40, 85)
    header = sub(grid, W + "tblStylePr")
    header.set(qn("w:type"), "firstRow")
    _rpr(header, bold=True, colour=theme.primary)
    sub(header, W + "trPr")
    tcpr = sub(header, W + "tcPr")
    sub(tcpr, W + "shd", {VAL: "clear", qn("w:color"): "auto",
                          qn("w:fill"): hexcolour(theme.table_header_fill)})

    facts = _style(styles, FACTS_TABLE_ID, "Brief Facts", kind="table", based_on="TableNormal",
                   priority=59)
    _ppr(facts, after=0.0, line=1.15)
    tblpr = sub(facts, W + "tblPr")
    _borders(tblpr, "tblBorders", None)
    _cell_margins(tblpr, 20, 0)


# --- numbering (bullets and numbered points) ----------------------------------------------------
class Numbering:
    """A bullet list and a numbered list; each "points" block restarts its numbering at 1."""

    def __init__(self, document, theme: Theme) -> None:
        self._root = document.part.numbering_part.element
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in
                        self._root.findall(W + "abstractNum")]
        num_ids = [int(n.get(qn("w:numId"))) for n in self._root.findall(W + "num")]
        self._next_num = max(num_ids, default=0) + 1
        base = max(abstract_ids, default=-1) + 1
        self._bullet_abstract = self._abstract(base, "bullet", "\u2022", 360)
        self._points_abstract = self._abstract(base + 1, "decimal", "%1.", 425)
        self.bullet_num = self.new_num(self._bullet_abstract)
        self.points_num = self.new_num(self._points_abstract)

    def _abstract(self, abstract_id: int, fmt: str, text: str, indent: int) -> int:
        element = make(W + "abstractNum")
        element.set(qn("w:abstractNumId"), str(abstract_id))
        sub(element, W + "multiLevelType").set(VAL, "singleLevel")
        lvl = sub(element, W + "lvl")
        lvl.set(qn("w:ilvl"), "0")
        sub(lvl, W + "start").set(VAL, "1")
        sub(lvl, W + "numFmt").set(VAL, fmt)
        sub(lvl, W + "lvlText").set(VAL, text)
        sub(lvl, W + "lvlJc").set(VAL, "left")
        ppr = sub(lvl, W + "pPr")
        sub(ppr, W + "ind", {qn("w:left"): str(indent), qn("w:hanging"): str(indent)})
        if fmt == "bullet":
            sub(lvl, W + "rPr").append(make(W + "rFonts", font_slots("Noto Sans")))
        existing = self._root.findall(W + "abstractNum")
        if existing:
            existing[-1].addnext(element)
        else:
            self._root.insert(0, element)
        return abstract_id

    def new_num(self, abstract_id: int, restart: bool = False) -> int:
        num_id = self._next_num
        self._next_num += 1
        num = sub(self._root, W + "num")
        num.set(qn("w:numId"), str(num_id))
        sub(num, W + "abstractNumId").set(VAL, str(abstract_id))
        if restart:
            override = sub(num, W + "lvlOverride")
            override.set(qn("w:ilvl"), "0")
            sub(override, W + "startOverride").set(VAL, "1")
        return num_id

    def restarted_points(self) -> int:
        return self.new_num(self._points_abstract, restart=True)


def set_num(p, num_id: int) -> None:
    """Give paragraph ``p`` an explicit list instance (used to restart numbering)."""
    from .docx_ooxml import ppr_of

    numpr = set_child(ppr_of(p), "numPr", PPR_ORDER)
    for child in list(numpr):
        numpr.remove(child)
    sub(numpr, W + "ilvl").set(VAL, "0")
    sub(numpr, W + "numId").set(VAL, str(num_id))


__all__ = ["define_styles", "Numbering", "MODEL_STYLES", "HEADING_IDS", "KHMER_FONT",
           "CHINESE_FONT", "RPR_ORDER"]
