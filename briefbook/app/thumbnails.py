"""Official photos as small thumbnails, decoded off the GUI thread and cached."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRunnable, QSize, Qt, \
    QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader, QPixmap

THUMB = 24


def load_scaled(data: bytes, width: int, height: int) -> QImage:
    """Decode *data* straight to at most width x height (a 6000x8000 JPEG is decoded small,
    not at 48 megapixels). A null image if it cannot be read."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # EXIF orientation, as cameras record it
    size = reader.size()
    if size.isValid() and (size.width() > width or size.height() > height):
        reader.setScaledSize(size.scaled(QSize(width, height), Qt.KeepAspectRatio))
    image = reader.read()
    buffer.close()
    return image


class ThumbnailCache(QObject):
    """Official photos as small pixmaps, decoded off the GUI thread and kept."""

    loaded = Signal(str)

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self._pixmaps: dict[str, QPixmap | None] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._images: dict[str, QImage] = {}

    def get(self, name: str) -> QPixmap | None:
        if name in self._pixmaps:
            return self._pixmaps[name]
        image = self._images.pop(name, None)
        if image is not None:
            pixmap = QPixmap.fromImage(image) if not image.isNull() else None
            self._pixmaps[name] = pixmap
            return pixmap
        self._pixmaps[name] = None  # loading (or unreadable): show the badge meanwhile
        self._pool.start(_ThumbJob(self, name))
        return None

    def _done(self, name: str, image: QImage) -> None:
        self._images[name] = image
        self._pixmaps.pop(name, None)
        self.loaded.emit(name)

    def wait(self) -> None:
        self._pool.waitForDone()


class _ThumbSignals(QObject):
    done = Signal(str, QImage)


class _ThumbJob(QRunnable):
    def __init__(self, cache: ThumbnailCache, name: str):
        super().__init__()
        self.name = name
        self.library = cache.library
        self.signals = _ThumbSignals()
        self.signals.done.connect(cache._done)

    def run(self) -> None:
        image = QImage()
        try:
            data = self.library.photo_bytes(self.name)
            if data:
                image = load_scaled(data, THUMB * 2, THUMB * 2)
        except Exception:  # an unreadable photo just keeps its badge
            image = QImage()
        self.signals.done.emit(self.name, image)
