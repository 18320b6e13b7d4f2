"""Photos open only as JPEG/PNG, within a pixel limit; exports get clean re-encoded copies."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, PngImagePlugin

from briefbook.store import Library
from briefbook.store.media import MAX_PIXELS, PhotoError, inspect_image, reencode_image


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that *claims* width x height: a decompression bomb's calling card."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def real_bomb() -> bytes:
    """A real highly compressible PNG: 1-bit, 12000 x 12000 (144 megapixels) in a few KB."""
    out = io.BytesIO()
    Image.new("1", (12000, 12000), 0).save(out, "PNG")
    return out.getvalue()


def encoded(fmt: str, size=(64, 48), mode="RGB", **save) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (10, 200, 30) if mode == "RGB" else 0).save(out, fmt, **save)
    return out.getvalue()


def test_decompression_bombs_are_errors():
    bomb = real_bomb()
    assert len(bomb) < 100_000
    with pytest.raises(PhotoError, match="too many pixels"):
        inspect_image(bomb, "bomb.png")
    with pytest.raises(PhotoError, match="too many pixels"):
        inspect_image(png_header_only(100_000, 100_000), "huge.png")  # beyond Pillow's own limit
    side = int((MAX_PIXELS * 1.2) ** 0.5)
    with pytest.raises(PhotoError, match="too many pixels"):
        inspect_image(png_header_only(side, side), "big.png")          # beyond ours, below Pillow's
    with pytest.raises(PhotoError, match="too many pixels"):
        reencode_image(bomb)


@pytest.mark.parametrize("data, kind", [
    (encoded("GIF"), "GIF"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
     b"</svg>", "SVG"),
    (b"<svg onload='fetch(\"http://x\")'/>", "SVG"),
    (encoded("BMP"), "BMP"),
    (encoded("TIFF"), "TIFF"),
    (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", "PostScript"),
    (b"\x00garbage\xff" * 50, "not an image"),
    (b"", "not an image"),
])
def test_only_jpeg_and_png_are_accepted(data, kind):
    with pytest.raises(PhotoError, match=kind):
        inspect_image(data, "upload")


def test_truncated_or_corrupt_images_are_refused():
    jpeg = encoded("JPEG", size=(400, 300))
    with pytest.raises(PhotoError, match="not a readable JPEG or PNG"):
        inspect_image(jpeg[: len(jpeg) // 2], "half.jpg")
    png = bytearray(encoded("PNG", size=(200, 200)))
    png[60] ^= 0xFF
    with pytest.raises(PhotoError):
        inspect_image(bytes(png), "flipped.png")


def test_library_refuses_bad_photos_and_keeps_good_ones(tmp_path):
    with Library.open(tmp_path / "lib.json") as lib:
        with pytest.raises(PhotoError, match="GIF"):
            lib.add_photo(encoded("GIF"))
        with pytest.raises(PhotoError, match="too many pixels"):
            lib.add_photo(real_bomb())
        assert not (tmp_path / "media").exists() or not list((tmp_path / "media").iterdir())
        name = lib.add_photo(encoded("JPEG"))
        assert name.endswith(".jpg") and lib.photo_bytes(name) == encoded("JPEG")


def test_reencode_strips_metadata_turns_upright_and_downscales():
    image = Image.new("RGB", (800, 400), (200, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6                         # orientation: rotate 90 degrees clockwise
    exif[0x010F] = "SpyCam Inc."             # make
    exif[0x8825] = {1: "N", 2: (1.0, 2.0, 3.0)}   # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"secret comment")
    data = out.getvalue()
    assert b"SpyCam" in data

    clean = reencode_image(data, max_px=200)
    assert b"SpyCam" not in clean and b"secret comment" not in clean
    with Image.open(io.BytesIO(clean)) as result:
        assert result.format == "JPEG"
        assert result.size == (100, 200)                 # upright, then scaled to fit 200
        assert not result.getexif()
        assert "comment" not in result.info and "icc_profile" not in result.info


def test_reencode_png_keeps_transparency_and_drops_text():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "hidden note")
    image = Image.new("P", (30, 30), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, transparency=0)
    clean = reencode_image(out.getvalue())
    assert b"hidden note" not in clean
    with Image.open(io.BytesIO(clean)) as result:
        assert result.format == "PNG" and result.mode == "RGBA"
        assert result.getpixel((0, 0)) == (255, 0, 0, 255)


def test_reencode_cmyk_jpeg_gives_rgb():
    out = io.BytesIO()
    Image.new("CMYK", (40, 40), (0, 255, 255, 0)).save(out, "JPEG")
    with Image.open(io.BytesIO(reencode_image(out.getvalue()))) as result:
        assert result.mode == "RGB"
        red, green, blue = result.getpixel((20, 20))
        assert red > 200 and green < 60 and blue < 60
