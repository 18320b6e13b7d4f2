"""Text for the PDF: bundled fonts in reportlab, escaping, and Khmer-safe line breaking.

Three traps of reportlab with Khmer, and how they are met here:

1. reportlab breaks lines only at spaces, and Khmer has none between words.  A
   zero-width space does not help: reportlab treats it as a space and prints a
   real one.  :class:`RichParagraph` instead hands reportlab *pre-cut words*
   ("processed frag words", the structure reportlab itself uses for split
   paragraphs): the text is cut at ICU's line-break opportunities
   (:mod:`.linebreak`, Khmer dictionary), a word that ended with a space is a
   "hanging space" word (a space is printed after it), a word that did not is
   glued to the next one on the same line with nothing in between.  A single
   word wider than the column (a 200-character URL) is cut between grapheme
   clusters, never inside one.
2. reportlab shapes a whole word with the font of its first piece, so ``李克强.``
   would be shaped with the Chinese font, which has no ``.``.  Each word is
   shaped here piece by piece, one font at a time (HarfBuzz via uharfbuzz), and
   the shaped pieces are joined; reportlab leaves shaped words alone.
3. Copying shaped Khmer out of a PDF is lossy (see ``docs/export.md``).

User text is escaped before reportlab's markup parser sees it: ``<b>``,
``<font color=…>``, ``&amp;`` print literally; links are built only from anchors
the document model made.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, makeShapedFragWord, shapeFragWord
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _FK_TEXT, _HSFrag, _processed_frags

from . import fonts
from .docmodel import Run
from .linebreak import clusters, line_segments

_registered = False
LINK_COLOR = "#1F5FA8"          # internal links (participants -> biographies)
_LATIN_FEATURES = {"kern": True, "liga": False, "dlig": False}   # keep text extractable
_DEFAULT_FEATURES = {"kern": True, "liga": True, "dlig": False}
_SPACES = set(" \t\n\r\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
              "\u2009\u200a\u202f\u205f\u3000")
_HINTS = set("\u200b")        # break hints: never printed


_KHMER_FONT_PREFIX = "BB-khmer"


def font_name(script: str, bold: bool = False) -> str:
    return f"BB-{script}" + ("-Bold" if bold and fonts.FONTS[script].has_bold else "")


def _set_rise(self, rise):
    """reportlab's PDFTextObject.setRise, with its merge of two ``Ts`` operators fixed.

    reportlab (up to 5.1 at least) drops the new rise from its state when it
    merges ``r0 Ts r1 Ts``: shaped Khmer with two stacked marks in a row (``ម្ពុ``:
    a subscript, then a vowel below it) then prints the following glyphs 8 pt low
    until the next mark, e.g. ``ក្រសួង`` after ``កម្ពុជា``.
    """
    v = f"{fp_str(rise)} Ts"
    if self._code and self._code[-1].endswith(" Ts"):
        self._y += self._rise
        self._code[-1] = v
    else:
        self._code.append(v)
    self._rise = rise
    self._y -= rise


_format_text = PDFTextObject._formatText


def _format_text_keeping_khmer(self, text):
    """reportlab's ``_formatText``, with shaped Khmer wrapped in an ``/ActualText`` span.

    A shaped Khmer word is drawn with glyphs that have no character of their own (subscript
    forms, reordered vowels), so the font's ToUnicode map cannot give the word back. The
    ``/Span <</ActualText …>> BDC … EMC`` around the word (PDF 32000-1, 14.9.4) tells text
    extraction, copy-paste, search and screen readers the original text instead.
    """
    out = _format_text(self, text)
    if out and isinstance(text, ShapedStr) and self._fontname.startswith(_KHMER_FONT_PREFIX):
        source = getattr(text, "__source__", None)
        if source is None:      # shaped elsewhere (not by RichParagraph): nothing to restore
            return out
        actual = ("\ufeff" + source).encode("utf-16-be").hex().upper()
        return f"/Span <</ActualText <{actual}>>> BDC {out} EMC"
    return out


_shaped_add, _shaped_radd = ShapedStr.__add__, ShapedStr.__radd__


def _source_of(value) -> str | None:
    if isinstance(value, ShapedStr):
        return getattr(value, "__source__", None)
    return str(value)


def _joined_source(left, right, joined):
    """reportlab joins the shaped words of a line (``a + " " + b``): join their sources too."""
    sources = (_source_of(left), _source_of(right))
    if None not in sources:
        joined.__source__ = sources[0] + sources[1]
    return joined


def _add_keeping_source(self, other):
    return _joined_source(self, other, _shaped_add(self, other))


def _radd_keeping_source(self, other):
    return _joined_source(other, self, _shaped_radd(self, other))


def register_fonts() -> None:
    """Register the bundled fonts with reportlab once (embedded, subset, shapable)."""
    global _registered
    if _registered:
        return
    PDFTextObject.setRise = _set_rise
    PDFTextObject._formatText = _format_text_keeping_khmer
    ShapedStr.__add__, ShapedStr.__radd__ = _add_keeping_source, _radd_keeping_source
    for script, font in fonts.FONTS.items():
        pdfmetrics.registerFont(TTFont(font_name(script), str(font.path()), shapable=True))
        if font.has_bold:
            pdfmetrics.registerFont(TTFont(font_name(script, True), str(font.path(True)),
                                           shapable=True))
    _registered = True


def script_of_font(name: str) -> str:
    return name[3:].removesuffix("-Bold")


def runs_markup(runs: list[Run], *, bold: bool = False, color: str | None = None,
                link_color: str | None = LINK_COLOR) -> str:
    """reportlab markup for *runs*: escaped text, one ``<font>`` per script run."""
    out = []
    for run in runs:
        text = fonts.printable(run.text.replace("\r", ""))
        parts = []
        for script, chunk in fonts.split_runs(text):
            face = font_name(script, bold or run.bold)
            parts.append(f'<font face="{face}">{escape(chunk)}</font>')
        body = "".join(parts)
        if run.italic:
            body = f"<i>{body}</i>"
        if run.link:
            if link_color:
                body = f'<font color="{link_color}">{body}</font>'
            body = f'<a href="#{escape(run.link, {chr(34): "&quot;"})}">{body}</a>'
        out.append(body)
    markup = "".join(out)
    if color:
        markup = f'<font color="{color}">{markup}</font>'
    return markup


def text_markup(text: str, *, bold: bool = False) -> str:
    return runs_markup([Run(text)], bold=bold)


_SHAPE_CACHE: dict = {}      # (font, size, text) -> (width, ShapedStr); words repeat a lot


def _shape_piece(pieces: list[tuple]) -> list:
    """Shape consecutive pieces of one font; returns [width, (frag, ShapedStr), ...]."""
    frag = pieces[0][0]
    script = script_of_font(frag.fontName)
    features = _LATIN_FEATURES if script == "latin" else _DEFAULT_FEATURES
    if len(pieces) == 1:
        text = pieces[0][1]
        key = (frag.fontName, frag.fontSize, text)
        hit = _SHAPE_CACHE.get(key)
        if hit is None:
            shaped = shapeFragWord([stringWidth(text, frag.fontName, frag.fontSize),
                                    (frag, text)], features=features, force=True)
            if len(shaped) != 2:
                return _keep_sources(shaped, pieces)
            if len(_SHAPE_CACHE) > 100_000:
                _SHAPE_CACHE.clear()
            hit = _SHAPE_CACHE[key] = (shaped[0], _keep_sources(shaped, pieces)[1][1])
        return [hit[0], (frag, hit[1])]
    width = sum(stringWidth(t, f.fontName, f.fontSize) for f, t in pieces)
    return _keep_sources(shapeFragWord([width] + list(pieces), features=features, force=True),
                         pieces)


def _keep_sources(shaped: list, pieces: list[tuple]) -> list:
    """Note on each shaped string the text it was shaped from (its ``str`` holds glyph codes)."""
    if len(shaped) == len(pieces) + 1:
        for (_, out), (_, source) in zip(shaped[1:], pieces):
            if isinstance(out, ShapedStr):
                out.__source__ = source
    return shaped


def _shape_word(pieces: list[tuple], hanging_space: bool) -> list:
    shaped_parts: list = []
    total = 0.0
    group: list[tuple] = []
    for piece in pieces + [None]:
        if piece is not None and (not group or piece[0].fontName == group[-1][0].fontName):
            group.append(piece)
            continue
        if group:
            shaped = _shape_piece(group)
            total += shaped[0]
            shaped_parts.extend(shaped[1:])
        group = [piece] if piece is not None else []
    base = _HSFrag([]) if hanging_space else []
    cls = makeShapedFragWord(base)
    return cls([total] + shaped_parts)


def _word_width(pieces: list[tuple]) -> float:
    return _shape_word(pieces, False)[0]


class RichParagraph(Paragraph):
    """A Paragraph that breaks lines where ICU says words end, in every script."""

    def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1,
                 encoding="utf8"):
        super().__init__(text, style, bulletText=bulletText, frags=frags,
                         caseSensitive=caseSensitive, encoding=encoding)
        self._source_frags = None if _processed_frags(self.frags) else self.frags
        self._built_for = None

    def breakLines(self, width):
        if self._source_frags is not None:
            widths = width if isinstance(width, (list, tuple)) else [width]
            limit = max(1.0, min(widths))
            if self._built_for != limit:
                self.frags = self._frag_words(limit)
                self._built_for = limit
        return super().breakLines(width)

    def _frag_words(self, limit: float) -> list:
        frags = [f for f in self._source_frags if getattr(f, "text", "")]
        for f in frags:
            f._fkind = _FK_TEXT
        if not frags:
            return self._source_frags
        owner: list = []
        for f in frags:
            owner.extend([f] * len(f.text))
        text = "".join(f.text for f in frags)
        words: list = []
        pos = 0
        for segment in line_segments(text):
            start, end = pos, pos + len(segment)
            pos = end
            core_end = end
            while core_end > start and (text[core_end - 1] in _SPACES
                                        or text[core_end - 1] in _HINTS):
                core_end -= 1
            hanging = any(text[i] in _SPACES for i in range(core_end, end))
            pieces = _pieces(text, owner, start, core_end)
            if not pieces:
                if words:
                    source = words[-1].source + text[start:end]
                    if hanging and not isinstance(words[-1], _HSFrag):
                        words[-1] = _shape_word(_unshape(words[-1]), True)
                    words[-1].source = source
                continue
            word = _shape_word(pieces, hanging)
            if word[0] > limit:
                parts = _cut_long_word(text, owner, start, core_end, hanging, limit)
                parts[-1].source += text[core_end:end]
                words.extend(parts)
            else:
                word.source = text[start:end]      # the source text (for tests and debugging)
                words.append(word)
        return words or self._source_frags


def _pieces(text: str, owner: list, start: int, end: int) -> list[tuple]:
    """(frag, text) pieces of text[start:end], break hints removed."""
    pieces: list[tuple] = []
    for i in range(start, end):
        ch = text[i]
        if ch in _HINTS:
            continue
        if pieces and pieces[-1][0] is owner[i]:
            pieces[-1] = (owner[i], pieces[-1][1] + ch)
        else:
            pieces.append((owner[i], ch))
    return pieces


def _unshape(word) -> list[tuple]:
    return [(f, str(t)) for f, t in word[1:]]


def _cut_long_word(text, owner, start, end, hanging, limit) -> list:
    """A word wider than the column, cut between grapheme clusters into line-sized parts."""
    parts: list = []
    part_start, width, pos = start, 0.0, start
    for cluster in clusters(text[start:end]):
        nxt = pos + len(cluster)
        pieces = _pieces(text, owner, pos, nxt)
        w = _word_width(pieces) if pieces else 0.0
        if width + w > limit and pos > part_start:
            parts.append(_shape_word(_pieces(text, owner, part_start, pos), False))
            parts[-1].source = text[part_start:pos]
            part_start, width = pos, 0.0
        width += w
        pos = nxt
    tail = _pieces(text, owner, part_start, end)
    if tail:
        parts.append(_shape_word(tail, hanging))
        parts[-1].source = text[part_start:end]
    return parts


def style(name: str, *, font: str, size: float, leading: float, color, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, textColor=color,
                          shaping=1, splitLongWords=0, **kw)
