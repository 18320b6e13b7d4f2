"""Content-addressed photo store: ``media/<sha256>.<ext>``.

The same picture added twice is stored once; two different pictures called
``photo.jpg`` never clash.  Only JPEG and PNG are accepted; the image is
decoded once (with Pillow's decompression-bomb limit as an error) before it is
kept, so a record never points at something that is not a picture.
"""
from __future__ import annotations

import hashlib
import io
import re
import warnings
from pathlib import Path

from .atomic import atomic_write

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png"}
MEDIA_NAME = re.compile(r"^[0-9a-f]{64}\.(jpg|png)$")
MAX_PHOTO_BYTES = 40 * 1024 * 1024


class PhotoError(ValueError):
    pass


def inspect_image(data: bytes, label: str = "photo") -> str:
    """Check *data* is a JPEG or PNG that decodes safely; return its extension."""
    from PIL import Image  # imported on first use: keeps start-up fast

    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError(f"{label} is too large ({len(data) // 1_000_000} MB; at most "
                         f"{MAX_PHOTO_BYTES // 1_000_000} MB)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                fmt = image.format
                if fmt not in ALLOWED_FORMATS:
                    raise PhotoError(f"{label} is a {fmt or 'unknown'} image; use JPEG or PNG")
                image.verify()
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(f"{label} has too many pixels to open safely") from None
    except Exception as exc:
        raise PhotoError(f"{label} is not a readable JPEG or PNG image ({exc})") from None
    return ALLOWED_FORMATS[fmt]


class MediaStore:
    def __init__(self, folder: Path, codec=None):
        self.folder = Path(folder)
        self.codec = codec

    def add(self, data: bytes, label: str = "photo") -> str:
        ext = inspect_image(data, label)
        name = f"{hashlib.sha256(data).hexdigest()}.{ext}"
        target = self.folder / name
        if not target.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            payload = self.codec.seal(data) if self.codec else data
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
        return self.codec.open(data) if self.codec else data

    def exists(self, name: str) -> bool:
        try:
            return self.path(name).exists()
        except PhotoError:
            return False
