"""Rebuild the bundled static fonts in resources/fonts/ (run by hand; the TTFs are committed).

Inputs (all freely licensed, fetched with ordinary package clients):

* ``pip download fontpkg-noto-sans fontpkg-noto-sans-khmer`` — variable Noto Sans
  and Noto Sans Khmer 2.004 (OFL-1.1); the Khmer one carries Latin punctuation.
* ``apt-get download fonts-droid-fallback`` — Droid Sans Fallback Full
  (Apache-2.0), a TrueType-outline CJK font reportlab's TTFont accepts.

reportlab loads a variable font at its default instance only, so static
Regular (wght 400) and Bold (wght 700) instances at normal width are made with
``fontTools.varLib.instancer``.  Usage::

    python tools/build_fonts.py NotoSans[wdth,wght].ttf NotoSansKhmer[wdth,wght].ttf \
        DroidSansFallbackFull.ttf
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def make_static(variable: Path, family_file: str, family_name: str) -> None:
    for style, weight in (("Regular", 400), ("Bold", 700)):
        font = TTFont(variable)
        static = instancer.instantiateVariableFont(
            font, {"wght": weight, "wdth": 100}, updateFontNames=False)
        # Name the instance so PDF/DOCX consumers see a proper static family.
        names = static["name"]
        for record in list(names.names):
            if record.nameID in (1, 16):
                names.setName(family_name, record.nameID, record.platformID,
                              record.platEncID, record.langID)
            elif record.nameID in (2, 17):
                names.setName(style, record.nameID, record.platformID,
                              record.platEncID, record.langID)
            elif record.nameID == 4:
                names.setName(f"{family_name} {style}", 4, record.platformID,
                              record.platEncID, record.langID)
            elif record.nameID == 6:
                names.setName(f"{family_name.replace(' ', '')}-{style}", 6,
                              record.platformID, record.platEncID, record.langID)
        names.names = [r for r in names.names if r.nameID < 256 or r.nameID in (1, 2, 4, 6)]
        static["OS/2"].usWeightClass = weight
        if style == "Bold":
            static["OS/2"].fsSelection = (static["OS/2"].fsSelection | 0x20) & ~0x40
            static["head"].macStyle |= 1
        else:
            static["OS/2"].fsSelection = (static["OS/2"].fsSelection | 0x40) & ~0x20
        target = OUT / f"{family_file}-{style}.ttf"
        static.save(target)
        print(f"wrote {target} ({target.stat().st_size // 1024} KiB)")


def main(latin: str, khmer: str, cjk: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    make_static(Path(latin), "NotoSans", "Noto Sans")
    make_static(Path(khmer), "NotoSansKhmer", "Noto Sans Khmer")
    shutil.copyfile(cjk, OUT / "DroidSansFallbackFull.ttf")
    print(f"copied {cjk}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
