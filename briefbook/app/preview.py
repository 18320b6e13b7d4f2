"""Live preview: the book rendered by the export package, shown with QtPdf.

Rendering runs in a worker thread (QThreadPool), shortly after the last change
(debounced), on a snapshot of the book, so typing and dragging never wait for
it.  Only the newest result is shown.  The PDF is made in memory
(``briefbook.export.compose`` + ``build_pdf_bytes``) and loaded from a QBuffer:
no temporary files.  QtPdf renders pages transparent; the view paints each page
on white (checked by a test), so dark palettes do not show through.
"""
from __future__ import annotations

import time
import traceback

from PySide6.QtCore import (QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QObject,
                            QPointF, QRunnable, Qt, QThreadPool, QTimer, Signal)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from . import plain
from ..model.book import Book
from .render_child import ProcessBuilder


class PreviewUnavailable(Exception):
    pass


class Renderer:
    """The book as PDF bytes, from the export package (never a renderer of our own):
    ``compose`` here, ``build_pdf_bytes`` in a helper process (see render_child)."""

    def __init__(self, use_process: bool | None = None):
        self.builder = ProcessBuilder(use_process)

    def __call__(self, book: Book, library) -> bytes:
        try:
            from ..export import build_pdf_bytes, compose  # noqa: F401 - both must exist
            from ..export.theme import get_theme
        except ImportError as exc:
            raise PreviewUnavailable(
                f"the PDF export is not available in this build ({exc})") from None
        theme = get_theme(book.theme)
        return self.builder.build(compose(book, library, theme), theme)

    def close(self) -> None:
        self.builder.close()


def render_pdf(book: Book, library) -> bytes:
    """One-off rendering in this process (what the helper process does, for tools/tests)."""
    return Renderer(use_process=False)(book, library)


class _Signals(QObject):
    done = Signal(int, bytes)
    failed = Signal(int, str, bool)   # generation, message, worth retrying


class _RenderJob(QRunnable):
    def __init__(self, generation: int, book_dict: dict, library, renderer, signals: _Signals):
        super().__init__()
        self.generation, self.book_dict, self.library = generation, book_dict, library
        self.renderer, self.signals = renderer, signals

    def run(self):
        try:
            try:
                book = Book.from_dict(self.book_dict)
                data = self.renderer(book, self.library)
                self.signals.done.emit(self.generation, bytes(data))
            except PreviewUnavailable as exc:
                self.signals.failed.emit(self.generation, f"Preview unavailable: {exc}", False)
            except Exception as exc:  # noqa: BLE001 - shown in the pane, the app goes on
                # e.g. the library changed under the reader while the user kept editing: retry.
                if "closed" not in str(exc):
                    traceback.print_exc()
                self.signals.failed.emit(self.generation, f"Preview unavailable: {exc}", True)
        except RuntimeError:  # the pane was deleted while this ran (window closed)
            pass


class PreviewPane(QWidget):
    refreshed = Signal(int)        # pages shown
    unavailable = Signal(str)

    def __init__(self, session, parent=None, delay_ms: int = 700, renderer=None):
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.session = session
        self.renderer = renderer if renderer is not None else Renderer()
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("previewView")
        self.view.setAccessibleName("Book preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(8)
        palette = self.view.palette()
        palette.setColor(QPalette.Dark, QColor("#6B6F75"))  # around the (white) pages
        self.view.setPalette(palette)
        self.message = plain.label(self, "Preview will appear here.")
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignCenter)
        self.message.setMargin(12)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.message)
        self.pages.addWidget(self.view)
        self.status = plain.label(self)
        self.status.setObjectName("previewStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._delay_ms = delay_ms
        self._timer.timeout.connect(self._when_idle)
        self.idle_ms = 600
        self._last_input = 0.0
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)
        self._generation = 0
        self._running = False
        self._pending = False
        self._buffer: QBuffer | None = None
        self._retries = 0
        self.last_error = ""
        session.changed.connect(self.schedule)
        session.book_replaced.connect(self.schedule)

    def schedule(self):
        self._timer.start(self._delay_ms)

    _INPUT_EVENTS = frozenset({QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.Wheel,
                               QEvent.Drop})

    def eventFilter(self, watched, event):
        if event.type() in self._INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def _when_idle(self):
        """Rendering takes the CPU (and composing, Python's GIL): wait until the user pauses
        typing or dragging, so a refresh never lands in the middle of their input."""
        waited = (time.monotonic() - self._last_input) * 1000
        if waited < self.idle_ms:
            self._timer.start(max(50, int(self.idle_ms - waited)))
            return
        self.refresh_now()

    def refresh_now(self):
        self._timer.stop()
        if not self.session.has_book:
            self._show_message("No book open.")
            return
        if self._running:
            self._pending = True
            return
        self._running = True
        self._generation += 1
        self.status.setText("Updating preview…")
        job = _RenderJob(self._generation, self.session.book.to_dict(), self.session.library,
                         self.renderer, self._signals)
        self._pool.start(job)

    def _finish(self):
        self._running = False
        if self._pending:
            self._pending = False
            self.refresh_now()

    def _done(self, generation: int, data: bytes):
        if generation == self._generation:
            navigator = self.view.pageNavigator()
            page = navigator.currentPage() if self.document.pageCount() else 0
            buffer = QBuffer(self)
            buffer.setData(QByteArray(data))
            buffer.open(QIODevice.ReadOnly)
            self.document.load(buffer)
            if self._buffer is not None:
                self._buffer.deleteLater()
            self._buffer = buffer
            pages = self.document.pageCount()
            self._retries = 0
            if pages:
                navigator.jump(min(page, pages - 1), QPointF(0, 0))
                self.pages.setCurrentWidget(self.view)
                self.status.setText(f"{pages} page(s)")
                self.last_error = ""
                self.refreshed.emit(pages)
            else:
                self._show_message("Preview unavailable: the rendered PDF could not be read.")
        self._finish()

    def _failed(self, generation: int, message: str, transient: bool):
        if generation == self._generation:
            if transient and self._retries < 2 and not self._pending:
                self._retries += 1
                self._timer.start(self._delay_ms)
            else:
                self._show_message(message)
        self._finish()

    def _show_message(self, message: str):
        self.last_error = message
        self.message.setText(message)
        self.pages.setCurrentWidget(self.message)
        self.status.clear()
        self.unavailable.emit(message)

    def wait(self):
        self._pool.waitForDone()

    def close_renderer(self):
        """Stop the helper process (the window calls this when it closes)."""
        self._timer.stop()
        self._pending = False
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        close = getattr(self.renderer, "close", None)
        if close is not None:
            close()
        self._pool.waitForDone()
