"""The bundled fonts travel inside the DOCX (subset, obfuscated as ECMA-376 says)."""
from __future__ import annotations

import io
import re
import uuid
import zipfile

from fontTools.ttLib import TTFont
from lxml import etree

from briefbook.export import docmodel as dm
from briefbook.export.docx_font_embed import FONT_CONTENT_TYPE, obfuscate
from briefbook.export.docx_writer import write_docx
from briefbook.export.theme import Theme

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
KHMER = "ក្រសួងការបរទេស"
CHINESE = "孙卫东"


def document(*texts: str) -> dm.Document:
    blocks = [dm.Heading(1, "Visit", anchor="visit")]
    blocks += [dm.Paragraph.plain(text) for text in texts]
    return dm.Document("Visit", "Visit", blocks)


def embedded(path) -> dict[str, dict[str, TTFont]]:
    """family -> {"embedRegular": font, ...}, de-obfuscated with each w:fontKey."""
    with zipfile.ZipFile(path) as docx:
        types = docx.read("[Content_Types].xml").decode()
        table = etree.fromstring(docx.read("word/fontTable.xml"))
        rels = etree.fromstring(docx.read("word/_rels/fontTable.xml.rels"))
        targets = {rel.get("Id"): rel.get("Target") for rel in rels}
        settings = etree.fromstring(docx.read("word/settings.xml"))
        assert settings.find(W + "embedTrueTypeFonts") is not None
        assert settings.find(W + "saveSubsetFonts") is not None
        out: dict[str, dict[str, TTFont]] = {}
        for font in table.findall(W + "font"):
            for embed in font:
                tag = etree.QName(embed).localname
                if not tag.startswith("embed"):
                    continue
                target = targets[embed.get(R + "id")]
                assert f'PartName="/word/{target}" ContentType="{FONT_CONTENT_TYPE}"' in types
                blob = docx.read(f"word/{target}")
                key = uuid.UUID(embed.get(W + "fontKey").strip("{}"))
                out.setdefault(font.get(W + "name"), {})[tag] = TTFont(
                    io.BytesIO(obfuscate(blob, key)))
        return out


def test_obfuscation_touches_only_the_first_32_bytes_and_undoes_itself():
    data = bytes(range(256)) * 4
    key = uuid.UUID("0d6f6c4a-2b1e-4e5f-9a3b-7c8d9e0f1a2b")
    hidden = obfuscate(data, key)
    assert hidden[:32] != data[:32] and hidden[32:] == data[32:]
    assert obfuscate(hidden, key) == data
    # ECMA-376: the key's bytes in reverse order of the GUID string's hex pairs
    assert hidden[0] == data[0] ^ 0x2B and hidden[15] == data[15] ^ 0x0D
    assert hidden[16] == data[16] ^ 0x2B


def test_khmer_and_chinese_fonts_are_embedded_subset_and_named_as_the_runs_name_them(tmp_path):
    path = tmp_path / "book.docx"
    write_docx(document(f"Met {CHINESE} and {KHMER}."), path, Theme())
    fonts = embedded(path)
    assert set(fonts) == {"Noto Sans", "Noto Sans Khmer", "Droid Sans Fallback"}
    assert set(fonts["Noto Sans"]) == {"embedRegular", "embedBold"}
    assert set(fonts["Noto Sans Khmer"]) == {"embedRegular", "embedBold"}
    assert set(fonts["Droid Sans Fallback"]) == {"embedRegular"}     # the family has no bold
    for family, styles in fonts.items():
        for font in styles.values():
            assert font["name"].getDebugName(1) == family
    khmer = fonts["Noto Sans Khmer"]["embedRegular"]
    cmap = khmer.getBestCmap()
    assert all(ord(c) in cmap for c in KHMER)
    assert len(cmap) < 200                                         # a subset, not the font
    assert "GSUB" in khmer and "GPOS" in khmer                     # still shapes
    cjk = fonts["Droid Sans Fallback"]["embedRegular"].getBestCmap()
    assert all(ord(c) in cjk for c in CHINESE) and len(cjk) < 300
    assert path.stat().st_size < 400_000


def test_a_latin_only_book_carries_only_noto_sans(tmp_path):
    path = tmp_path / "book.docx"
    write_docx(document("Programme of the visit"), path, Theme())
    assert set(embedded(path)) == {"Noto Sans"}
    with zipfile.ZipFile(path) as docx:
        assert len([n for n in docx.namelist() if re.match(r"word/fonts/font\d+\.odttf", n)]) == 2
