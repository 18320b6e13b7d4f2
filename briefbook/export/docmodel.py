"""The render-neutral document model: what a briefing book *is*, before PDF or DOCX.

``compose(book, library, theme) -> Document`` builds it; ``pdf_writer`` and
``docx_writer`` are pure functions of it.  Nothing here knows reportlab,
python-docx or Qt.  Text is always plain Unicode (never markup): writers escape
it for their format.

Blocks, in reading order, make up ``Document.blocks``:

* :class:`Cover` — the cover page (unnumbered).
* :class:`ContentsMarker` — where the table of contents goes.
* :class:`SectionStart` — a book section begins: a level-1 heading that also
  becomes the running "current section" name in page headers.
* :class:`Heading` — level 2 (an item: a biography, an event, a background)
  or 3 (a sub-heading inside an item).  ``anchor`` is a stable id for links
  and bookmarks; ``in_toc`` says whether it appears in the contents.
* :class:`Paragraph` — runs of text with a named style.
* :class:`Table` — rows of cells, each cell a list of paragraphs.
* :class:`Image` — a picture (already decoded bytes) or a placeholder.
* :class:`Profile` — photo beside a block of facts (the top of a biography).
* :class:`PageBreak`.

Conventions ``compose`` follows (writers may rely on them):

* Anchors: ``section-N`` (book sections, 1-based), ``official-ID``, ``event-ID``,
  ``partnership-ID`` (a record's first place in the book; a second copy gets
  ``-2``), ``text-KEY`` (free text blocks), ``contents`` and ``sources``.
  ``Run.link`` only ever names one of these anchors — never a URL.
* A ``Heading`` of level 2 is a contents entry and bookmark under the last
  ``SectionStart``; level 3 headings are sub-headings (``in_toc=False``).
* Consecutive ``points`` paragraphs form one numbered list (the writer numbers
  them); ``bullet`` paragraphs are bulleted.
* ``Image.data`` is already downscaled for print (JPEG, ~300 dpi at
  ``width_mm``); ``data=None`` means "print a placeholder box" with ``alt`` in it.
* Text may mix scripts; writers split it with :func:`briefbook.export.fonts.split_runs`
  after :func:`briefbook.export.fonts.printable` (which replaces characters no
  bundled font covers by a legible ``[U+1F600]`` marker).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

# Paragraph styles every writer must support (the theme gives their looks).
PARAGRAPH_STYLES = (
    "body",        # running text
    "lead",        # a summary paragraph, slightly larger
    "bullet",      # an item of a bulleted list
    "label",       # small bold caps label ("Form of address")
    "small",       # notes, sources
    "caption",     # under images
    "native",      # a native-script name beside the Latin one
    "points",      # free text block: points to make (numbered/bulleted by writer)
    "background",  # free text block: background
    "defensive",   # free text block: defensive points (if raised)
    "note",        # free text block: note
    "placeholder", # text standing in for missing content
)


@dataclass(slots=True)
class Run:
    """A stretch of text with one formatting.

    ``link`` names an anchor inside the document (a PDF link / DOCX internal
    hyperlink); writers never build links from anything else.
    """

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(slots=True)
class Paragraph:
    runs: list[Run]
    style: str = "body"
    anchor: str | None = None

    @classmethod
    def plain(cls, text: str, style: str = "body", **kw) -> "Paragraph":
        return cls([Run(text)], style=style, **kw)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(slots=True)
class Heading:
    level: int                     # 2 = item, 3 = sub-heading (1 is SectionStart)
    text: str
    anchor: str | None = None
    in_toc: bool = True
    native: str = ""               # native-script form shown beside the text (names)


@dataclass(slots=True)
class SectionStart:
    title: str
    anchor: str
    new_page: bool = True


@dataclass(slots=True)
class Cell:
    paragraphs: list[Paragraph]

    @classmethod
    def text(cls, text: str, style: str = "body", bold: bool = False) -> "Cell":
        return cls([Paragraph([Run(text, bold=bold)], style=style)])


@dataclass(slots=True)
class Table:
    rows: list[list[Cell]]
    header_rows: int = 1
    widths: list[float] = field(default_factory=list)  # fractions of the text width, sum 1
    kind: str = "grid"             # "grid" (career, milestones) or "facts" (label/value pairs)


@dataclass(slots=True)
class Image:
    data: bytes | None             # JPEG/PNG bytes ready to embed (already downscaled); None = placeholder
    width_mm: float
    height_mm: float
    alt: str = ""


@dataclass(slots=True)
class Profile:
    """Photo on the left, paragraphs/tables of facts on the right."""

    image: Image
    facts: list["Block"]


@dataclass(slots=True)
class PageBreak:
    pass


@dataclass(slots=True)
class ContentsMarker:
    title: str = "Contents"


@dataclass(slots=True)
class Cover:
    title: str
    subtitle: str = ""
    facts: list[tuple[str, str]] = field(default_factory=list)  # ("Delegation", "…")
    classification: str = ""
    stamp: str = ""                # "Version 3 · generated 9 May 2024 14:02"
    logo: bytes | None = None


Block = Union[Cover, ContentsMarker, SectionStart, Heading, Paragraph, Table, Image, Profile,
              PageBreak]


@dataclass(slots=True)
class Document:
    title: str
    short_title: str
    blocks: list[Block]
    classification: str = ""
    draft: bool = False
    paper: str = "A4"              # "A4" or "Letter"
    author: str = ""
    language: str = "en"
    warnings: list[str] = field(default_factory=list)

    def headings(self) -> list[tuple[int, str, str | None]]:
        """(level, text, anchor) of every contents entry, in order."""
        out = []
        for block in self.blocks:
            if isinstance(block, SectionStart):
                out.append((1, block.title, block.anchor))
            elif isinstance(block, Heading) and block.in_toc:
                out.append((block.level, block.text, block.anchor))
        return out
