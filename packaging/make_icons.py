"""Rasterize ``resources/icons/briefbook.svg`` into the PNG, ICO and ICNS icons.

The SVG is the one source; the generated files are committed so a build needs no extra tools.
Run again after editing the SVG:  ``python packaging/make_icons.py``

Qt's SVG renderer (PySide6, already a dependency) draws each size from the vector so small icons
stay crisp; Pillow writes the Windows ``.ico`` and the macOS ``.icns``.
"""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "briefbook.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size`` x ``size`` pixels, as PNG bytes (transparent corners)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt alive)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def make_icons(svg: Path = SVG, out_dir: Path = ICONS) -> list[Path]:
    from PIL import Image

    images = {size: Image.open(io.BytesIO(render_png(svg, size))).convert("RGBA")
              for size in sorted(set(ICO_SIZES) | set(ICNS_SIZES))}
    written = []

    png = out_dir / "briefbook.png"
    images[512].save(png, optimize=True)
    written.append(png)

    ico = out_dir / "briefbook.ico"
    images[256].save(ico, sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    written.append(ico)

    icns = out_dir / "briefbook.icns"
    images[1024].save(icns, append_images=[images[s] for s in ICNS_SIZES if s != 1024])
    written.append(icns)
    return written


if __name__ == "__main__":
    for path in make_icons():
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KB)")
    sys.exit(0)
