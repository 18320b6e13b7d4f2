"""Bundled fonts, script detection and splitting text into runs by script.

Shared by both writers: nothing here imports reportlab or python-docx.

Three scripts are printed, each with a bundled font (``resources/fonts/``):

* ``latin``  — Noto Sans (Latin, Greek, Cyrillic, punctuation, symbols);
* ``khmer``  — Noto Sans Khmer 2.004 (also carries ASCII punctuation and digits);
* ``cjk``    — Droid Sans Fallback (Han, kana, Hangul, CJK punctuation; no Latin).

:func:`split_runs` cuts text into runs a single font can print.  Letters
decide their script; neutral characters (spaces, punctuation, digits) stay with
the run they are in when its font has them (``(គង់ ផាក)`` stays one Khmer run)
and otherwise go to the first font that has them (the ``.`` of ``李克强.`` is
printed with Noto Sans, because Droid Sans Fallback has no ASCII).

A character no bundled font covers would print as an empty box ("tofu").  It is
never sent to a writer: :func:`printable` replaces it by a legible ``[U+1F600]``
marker, and :func:`uncovered` lets the preflight report it first.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..resources import resource_path

SCRIPTS = ("latin", "khmer", "cjk")


@dataclass(frozen=True)
class BundledFont:
    script: str
    family: str          # the family name the font declares (DOCX uses it)
    regular: str         # file name in resources/fonts/
    bold: str            # same file when the family has no bold

    def file(self, bold: bool = False) -> str:
        return self.bold if bold else self.regular

    def path(self, bold: bool = False):
        return resource_path("fonts", self.file(bold))

    @property
    def has_bold(self) -> bool:
        return self.bold != self.regular


FONTS: dict[str, BundledFont] = {
    "latin": BundledFont("latin", "Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "khmer": BundledFont("khmer", "Noto Sans Khmer", "NotoSansKhmer-Regular.ttf",
                         "NotoSansKhmer-Bold.ttf"),
    "cjk": BundledFont("cjk", "Droid Sans Fallback", "DroidSansFallbackFull.ttf",
                       "DroidSansFallbackFull.ttf"),
}

# Language tags writers may attach to runs (DOCX w:lang).
LANGUAGE_TAGS = {"latin": "en-GB", "khmer": "km-KH", "cjk": "zh-CN"}

# Ranges of the letters that decide a run's script.
KHMER_RANGES = _KHMER = ((0x1780, 0x17FF), (0x19E0, 0x19FF))
CJK_RANGES = _CJK = ((0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F),
        (0x3130, 0x318F), (0x31A0, 0x31FF), (0x3200, 0x33FF), (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xF900, 0xFAFF),
        (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))

# Invisible format characters that never need a glyph of their own.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}


def _in(ranges, cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def script_of(char: str) -> str | None:
    """'khmer', 'cjk' or 'latin' for a letter; None for a neutral character."""
    cp = ord(char)
    if _in(_KHMER, cp):
        return "khmer"
    if _in(_CJK, cp):
        # Fullwidth ASCII letters/digits and CJK punctuation count as CJK.
        return "cjk"
    category = unicodedata.category(char)
    if category[0] in "LM":
        return "latin"
    return None


@lru_cache(maxsize=None)
def _cmap(script: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(FONTS[script].path(), lazy=True) as font:
        return frozenset(font.getBestCmap())


def covers(script: str, char: str) -> bool:
    return ord(char) in _cmap(script)


_COVERED: dict[str, bool] = {}


def covered_by_any(char: str) -> bool:
    known = _COVERED.get(char)
    if known is None:
        known = _COVERED[char] = (char in _INVISIBLE or char in "\n\t"
                                  or any(covers(s, char) for s in SCRIPTS))
    return known


def uncovered(text: str) -> list[str]:
    """The distinct characters of *text* no bundled font can print, in order."""
    seen: dict[str, None] = {}
    for char in text:
        if char not in seen and not covered_by_any(char):
            seen[char] = None
    return list(seen)


def describe(char: str) -> str:
    name = unicodedata.name(char, "unnamed character")
    return f"U+{ord(char):04X} {name}"


def marker(char: str) -> str:
    """The legible stand-in printed for a character no font covers."""
    return f"[U+{ord(char):04X}]"


def printable(text: str) -> str:
    """*text* with every character no bundled font covers replaced by a marker."""
    if text.isascii() or all(covered_by_any(c) for c in set(text)):
        return text
    return "".join(c if covered_by_any(c) else marker(c) for c in text)


def _font_for_neutral(char: str, current: str | None) -> str:
    if current is not None and (covers(current, char) or char in _INVISIBLE):
        return current
    for script in SCRIPTS:
        if covers(script, char):
            return script
    return current or "latin"


_LETTER_SCRIPT: dict[str, str | None] = {}


def _letter_script(char: str) -> str | None:
    """The script (font) a letter needs, or None for a neutral character; cached."""
    try:
        return _LETTER_SCRIPT[char]
    except KeyError:
        pass
    script = script_of(char)
    if script is not None and not covers(script, char):
        script = next((s for s in SCRIPTS if covers(s, char)), script)
    _LETTER_SCRIPT[char] = script
    return script


def split_runs(text: str) -> list[tuple[str, str]]:
    """Cut *text* into ``(script, text)`` runs, each printable with one bundled font.

    Call :func:`printable` first so that every character has a font.
    """
    if text.isascii():                      # the common case: all Noto Sans
        return [("latin", text)] if text else []
    scripts: list[str | None] = [_letter_script(c) for c in text]
    # Neutrals join the run before them when its font has them, else the next
    # letter's run when that font has them, else the first font that does.
    following: list[str | None] = [None] * len(text)
    nxt = None
    for i in range(len(text) - 1, -1, -1):
        following[i] = nxt
        if scripts[i] is not None:
            nxt = scripts[i]
    previous = None
    for i, char in enumerate(text):
        if scripts[i] is None:
            if previous is not None and (covers(previous, char) or char in _INVISIBLE):
                scripts[i] = previous
            elif following[i] is not None and (covers(following[i], char)
                                               or char in _INVISIBLE):
                scripts[i] = following[i]
            else:
                scripts[i] = _font_for_neutral(char, None)
        previous = scripts[i]
    return _merge(list(zip(scripts, text)))


def _merge(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for script, text in runs:
        if not text:
            continue
        if out and out[-1][0] == script:
            out[-1] = (script, out[-1][1] + text)
        else:
            out.append((script, text))
    return out


def has_script(text: str, script: str) -> bool:
    return any(script_of(c) == script for c in text)
