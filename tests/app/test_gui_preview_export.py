"""The live preview and the export worker: threads, progress, cancel, results."""
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QThread, Qt
from PySide6.QtGui import QColor, QPageSize, QPainter, QPdfWriter

from briefbook.app.export_dialog import ExportWorker
from briefbook.app.preview import PreviewPane


def export_available() -> bool:
    try:
        from briefbook.export import build_pdf_bytes, compose, export_book  # noqa: F401
    except ImportError:
        return False
    return True


def qt_pdf(title: str, pages: int = 2) -> bytes:
    """A small PDF made with Qt in the test (pages left blank = transparent in QtPdf)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.A4))
    painter = QPainter(writer)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.drawText(200, 200, f"{title} — page {page + 1}")
    painter.end()
    buffer.close()
    return bytes(data)


class RecordingRenderer:
    """Stands in for export's PDF bytes so the pane's plumbing is observable."""

    def __init__(self):
        self.calls = []
        self.threads = []

    def __call__(self, book, library):
        self.calls.append(book.title)
        self.threads.append(QThread.currentThread())
        return qt_pdf(book.title, pages=1 + len(book.sections))


def test_preview_renders_off_the_gui_thread_debounced_on_white(qtbot, library):
    from briefbook.app.books import copy_book
    from briefbook.app.document import BookSession
    session = BookSession(library, copy_book(library.get("book:asean-china-som-2024")))
    renderer = RecordingRenderer()
    pane = PreviewPane(session, delay_ms=30, renderer=renderer)
    qtbot.addWidget(pane)
    pane.resize(400, 600)
    pane.show()
    with qtbot.waitSignal(pane.refreshed, timeout=5000) as blocker:
        for title in ("One", "Two", "Three"):  # three quick edits: one render, of the last
            session.set_properties({"title": title})
    assert blocker.args == [5]
    assert renderer.calls == ["Three"]
    assert renderer.threads[0] is not QThread.currentThread()
    assert pane.pages.currentWidget() is pane.view
    assert pane.view.objectName() == "previewView"
    assert pane.document.pageCount() == 5
    # The page area is painted white although QtPdf renders pages transparent.
    qtbot.waitUntil(lambda: _page_pixel(pane) == QColor("white"), timeout=5000)
    session.save_now()


def test_preview_waits_for_the_user_to_pause(qtbot, library):
    """A refresh never starts while the user is typing or dragging (input within idle_ms)."""
    import time
    from briefbook.app.books import copy_book
    from briefbook.app.document import BookSession
    session = BookSession(library, copy_book(library.get("book:asean-china-som-2024")))
    renderer = RecordingRenderer()
    pane = PreviewPane(session, delay_ms=10, renderer=renderer)
    qtbot.addWidget(pane)
    pane._last_input = time.monotonic()  # a keystroke just now
    pane._when_idle()
    assert not pane._running and pane._timer.isActive()  # postponed, not started
    pane._last_input = time.monotonic() - 10
    with qtbot.waitSignal(pane.refreshed, timeout=5000):
        pane._when_idle()
    assert renderer.calls == [session.book.title]
    pane.close_renderer()
    session.save_now()


def _page_pixel(pane) -> QColor:
    image = pane.view.viewport().grab().toImage()
    return QColor(image.pixel(image.width() // 2, image.height() // 3))


def test_preview_shows_a_clear_message_when_export_cannot_render(qtbot, window):
    if export_available():
        pytest.skip("the export package is present: see the real-preview test")
    window.preview.refresh_now()
    qtbot.waitUntil(lambda: window.preview.last_error.startswith("Preview unavailable:"),
                    timeout=5000)
    assert window.preview.message.isVisible()
    assert "export" in window.preview.message.text()


@pytest.mark.skipif(not export_available(), reason="briefbook.export (compose, build_pdf_bytes) "
                    "is not on this branch yet")
def test_preview_with_the_real_export(qtbot, window):
    with qtbot.waitSignal(window.preview.refreshed, timeout=60000) as blocker:
        window.preview.refresh_now()
    assert blocker.args[0] >= 2
    assert window.preview.document.pageCount() == blocker.args[0]
    builder = window.preview.renderer.builder
    assert builder.last_mode == "process"  # reportlab ran in the helper, not on our GIL
    window.preview.close_renderer()
    assert builder.closed


@dataclass
class FakeResult:
    path: Path
    warnings: list = field(default_factory=list)


class FakeExporter:
    """Test-only: checks the worker's progress / cancel / result plumbing, nothing else."""

    def __init__(self, steps=4, hold_at=None):
        self.steps, self.hold_at = steps, hold_at
        self.release = threading.Event()
        self.calls = []

    def __call__(self, library, book_id, out, *, paper, draft, progress, cancel):
        self.calls.append((book_id, Path(out).suffix, paper, draft))
        for step in range(self.steps + 1):
            progress(step, self.steps, f"step {step}")
            if step == self.hold_at:
                self.release.wait(10)
        Path(out).write_bytes(b"%PDF-1.4 fake" if str(out).endswith(".pdf") else b"PK fake")
        return FakeResult(Path(out), [f"official:x ({Path(out).suffix}): photo is broken"])


def test_export_worker_reports_progress_and_warnings(qtbot, tmp_path, library):
    fake = FakeExporter()
    worker = ExportWorker(library, "asean-china-som-2024", tmp_path, ("pdf", "docx"), "A4",
                          None, fake)
    values = []
    worker.progress.connect(lambda value, label: values.append(value))
    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        worker.run()
    warnings, written = blocker.args
    assert [Path(p).name for p in written] == ["asean-china-som-2024.pdf",
                                               "asean-china-som-2024.docx"]
    assert len(warnings) == 2 and "photo is broken" in warnings[0]
    assert values == sorted(values) and values[-1] == 1000 and 500 in values
    assert [c[1] for c in fake.calls] == [".pdf", ".docx"]


def test_export_dialog_runs_in_a_thread_and_cancels(qtbot, tmp_path, library_path):
    from briefbook.app import main_window
    fake = FakeExporter(steps=10, hold_at=3)
    win = main_window(library_path, exporter=fake)
    qtbot.addWidget(win)
    win.show()
    qtbot.mouseClick(win.export_button, Qt.LeftButton)
    dialog = win.export_dialog
    assert dialog.isVisible()
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.set_format("both")
    with qtbot.waitSignal(dialog.progress.valueChanged, timeout=5000,
                          check_params_cb=lambda v: v >= 100):
        qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    assert dialog.running and dialog.thread.isRunning()  # the GUI thread is free meanwhile
    qtbot.mouseClick(dialog.cancel_button, Qt.LeftButton)
    fake.release.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert dialog.stage.text() == "Export cancelled."
    assert not (tmp_path / "out" / "asean-china-som-2024.docx").exists()
    # Run it again to the end: warnings listed, folder offered.
    fake.hold_at = None
    qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert dialog.progress.value() == 1000
    assert dialog.warnings.count() == 2 and dialog.open_button.isVisibleTo(dialog)
    assert (tmp_path / "out" / "asean-china-som-2024.docx").exists()
    win.close()


@pytest.mark.skipif(not export_available(), reason="briefbook.export.export_book is not on "
                    "this branch yet")
def test_export_dialog_with_the_real_export(qtbot, tmp_path, window):
    dialog = window.show_export()
    dialog.folder.setText(str(tmp_path))
    dialog.set_format("pdf")
    qtbot.mouseClick(dialog.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=120000)
    out = tmp_path / "asean-china-som-2024.pdf"
    assert out.read_bytes().startswith(b"%PDF"), dialog.stage.text()
    assert dialog.progress.value() == 1000
