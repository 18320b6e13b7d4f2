"""Photos for print: decoded, checked, downscaled and re-encoded with Pillow.

A photo in a briefing book is printed about 35 mm wide; 300 dpi is plenty, so
a 6000×8000 camera original is reduced to ~413×551 pixels before it reaches a
writer and the PDF/DOCX stays small.  Anything that is not a readable picture
(missing file, truncated download, a PDF renamed .jpg, a decompression bomb)
yields ``None`` and a reason, so the caller prints a placeholder and warns.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

PRINT_DPI = 300
MM_PER_INCH = 25.4


class PhotoProblem(ValueError):
    """Why a photo cannot be printed (the message names no record; callers add it)."""


@dataclass(frozen=True)
class PrintImage:
    data: bytes          # JPEG or PNG bytes
    width_px: int
    height_px: int

    @property
    def aspect(self) -> float:
        return self.height_px / self.width_px


def prepare(data: bytes | None, width_mm: float, *, max_aspect: float = 1.6,
            dpi: int = PRINT_DPI) -> PrintImage:
    """Decode *data* and return it re-encoded at *dpi* for a print width of *width_mm*.

    Raises :class:`PhotoProblem` when the bytes are not a usable picture.
    """
    if not data:
        raise PhotoProblem("the photo file is missing")
    target_w = max(16, round(width_mm / MM_PER_INCH * dpi))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Only the two formats the library accepts: no other Pillow decoder sees these bytes.
            image = Image.open(io.BytesIO(data), formats=("JPEG", "PNG"))
            fmt = image.format
            if fmt == "JPEG":
                # Let libjpeg decode at a fraction of the size: fast and light on memory.
                image.draft("RGB", (target_w, round(target_w * max_aspect)))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoProblem("the photo has too many pixels to open safely") from None
    except UnidentifiedImageError:
        raise PhotoProblem("the photo file is not a JPEG or PNG picture") from None
    except Exception as exc:  # truncated, corrupt, not an image at all
        reason = str(exc) or exc.__class__.__name__
        raise PhotoProblem(f"the photo is not a readable image ({reason})") from None
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:
        pass
    has_alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        canvas = Image.new("RGB", image.size, "white")
        canvas.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        image = canvas
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    w, h = image.size
    if w < 1 or h < 1:
        raise PhotoProblem("the photo is empty")
    # Very tall or wide pictures are centre-cropped to a portrait-friendly frame.
    if h / w > max_aspect:
        new_h = round(w * max_aspect)
        top = (h - new_h) // 2
        image = image.crop((0, top, w, top + new_h))
    elif w / h > 2.0:
        new_w = 2 * h
        left = (w - new_w) // 2
        image = image.crop((left, 0, left + new_w, h))
    w, h = image.size
    if w > target_w:
        image = image.resize((target_w, max(1, round(h * target_w / w))), Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return PrintImage(out.getvalue(), image.size[0], image.size[1])
