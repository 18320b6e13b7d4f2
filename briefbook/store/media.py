"""Content-addressed photo store: ``media/<address>.<ext>``.

The same picture added twice is stored once; two different pictures called
``photo.jpg`` never clash.  The address is the photo's SHA-256, or in an
encrypted library an HMAC under the library's key (so a file name does not
reveal which known photo is inside) and the file itself is sealed.

Only JPEG and PNG are accepted, opened with Pillow restricted to those two
decoders; the image is fully decoded once, with a pixel limit below Pillow's
decompression-bomb limit as an error, before it is kept, so a record never
points at something that is not a picture.  :func:`reencode_image` makes the
clean copy that exports embed (downscaled, oriented, metadata stripped).
"""
from __future__ import annotations

import hashlib
import io
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import atomic_write

if TYPE_CHECKING:
    from PIL import Image as _PILImage

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png"}
MEDIA_NAME = re.compile(r"^[0-9a-f]{64}\.(jpg|png)$")
MAX_PHOTO_BYTES = 40 * 1024 * 1024
MAX_PIXELS = 50_000_000   # a 50-megapixel photo; Pillow's own bomb limit is ~89M (error at 2x)

_SNIFF = ((b"GIF8", "GIF"), (b"<svg", "SVG"), (b"<?xml", "SVG/XML"), (b"BM", "BMP"),
          (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"%PDF", "PDF"), (b"%!PS", "PostScript"))


class PhotoError(ValueError):
    pass


def _sniff(data: bytes) -> str:
    head = data[:64].lstrip()
    if head[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    for magic, name in _SNIFF:
        if head.startswith(magic):
            return name
    return "unknown"


def _decode(data: bytes, label: str) -> "_PILImage.Image":
    """Open *data* as JPEG/PNG only, check its size, decode every pixel; caller closes."""
    from PIL import Image  # imported on first use: keeps start-up fast

    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError(f"{label} is too large ({len(data) // 1_000_000} MB; at most "
                         f"{MAX_PHOTO_BYTES // 1_000_000} MB)")
    image = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=tuple(ALLOWED_FORMATS))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise PhotoError(f"{label} has too many pixels to open safely ({width} x {height}; "
                                 f"at most {MAX_PIXELS // 1_000_000} megapixels)")
            image.load()   # a truncated or corrupt file fails here, not later in an export
        return image
    except PhotoError:
        if image is not None:
            image.close()
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        if image is not None:
            image.close()
        raise PhotoError(f"{label} has too many pixels to open safely") from None
    except Image.UnidentifiedImageError:
        kind = _sniff(data)
        what = f"a {kind} file" if kind != "unknown" else "not an image Briefbook can read"
        raise PhotoError(f"{label} is {what}; use a JPEG or PNG photo") from None
    except Exception as exc:
        if image is not None:
            image.close()
        raise PhotoError(f"{label} is not a readable JPEG or PNG image ({exc})") from None


def inspect_image(data: bytes, label: str = "photo") -> str:
    """Check *data* is a JPEG or PNG that decodes safely; return its extension."""
    with _decode(data, label) as image:
        return ALLOWED_FORMATS[image.format]


def reencode_image(data: bytes, max_px: int = 1600, label: str = "photo") -> bytes:
    """A clean copy of a JPEG/PNG for embedding in an export.

    Decoded under the same limits as :func:`inspect_image`, turned upright
    (EXIF orientation), converted to sRGB when it carries another colour
    profile, scaled so neither side exceeds *max_px*, and written afresh in its
    own format with no metadata at all (no EXIF/GPS, no text chunks, no
    profile).  Raises :class:`PhotoError`.
    """
    from PIL import Image, ImageOps

    with _decode(data, label) as source:
        fmt = source.format
        icc = source.info.get("icc_profile")
        image = ImageOps.exif_transpose(source)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        image = _to_srgb(image, icc)
    if fmt == "JPEG":
        image = image.convert("L" if image.mode in ("L", "1") else "RGB")
    elif image.mode not in ("L", "LA", "RGB", "RGBA"):
        image = image.convert("RGBA" if has_alpha else "RGB")
    if max(image.size) > max_px:
        image.thumbnail((max_px, max_px), Image.Resampling.LANCZOS)
    clean = Image.new(image.mode, image.size)
    clean.paste(image)          # pixels only: nothing of the source's metadata comes along
    out = io.BytesIO()
    if fmt == "JPEG":
        clean.save(out, "JPEG", quality=88, optimize=True)
    else:
        clean.save(out, "PNG", optimize=False)
    return out.getvalue()


def _to_srgb(image, icc: bytes):
    try:
        from PIL import ImageCms
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        mode = "RGBA" if image.mode == "RGBA" else ("L" if image.mode == "L" else "RGB")
        if image.mode == "L":
            return image  # a grey profile: keep the grey values
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                         outputMode=mode)
    except Exception:
        return image  # an unusable profile: the pixels as they are


class MediaStore:
    def __init__(self, folder: Path, codec=None):
        self.folder = Path(folder)
        self.codec = codec

    def name_for(self, data: bytes, ext: str) -> str:
        address = self.codec.media_name(data) if self.codec else hashlib.sha256(data).hexdigest()
        return f"{address}.{ext}"

    def add(self, data: bytes, label: str = "photo") -> str:
        ext = inspect_image(data, label)
        name = self.name_for(data, ext)
        target = self.folder / name
        if not target.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            payload = self.codec.seal(data, f"media:{name}") if self.codec else data
            atomic_write(target, payload)
        return name

    def add_file(self, path: Path) -> str:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PhotoError(f"cannot read {path}: {exc.strerror}") from None
        return self.add(data, label=path.name)

    def path(self, name: str) -> Path:
        if not MEDIA_NAME.match(name or ""):
            raise PhotoError(f"{name!r} is not a media name")
        return self.folder / name

    def read(self, name: str) -> bytes:
        """The photo's bytes (decrypted when the library is encrypted)."""
        data = self.path(name).read_bytes()
        if self.codec:
            from .codec import CodecError
            try:
                return self.codec.open(data, f"media:{name}")
            except CodecError as exc:
                raise exc.for_file(self.path(name)) from None
        return data

    def exists(self, name: str) -> bool:
        try:
            return self.path(name).exists()
        except PhotoError:
            return False
