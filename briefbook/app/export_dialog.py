"""Export the open book as PDF, DOCX or both, in a worker thread with progress and Cancel.

The work is ``briefbook.export.export_book(library, book_id, out, paper=, draft=,
progress=, cancel=)`` (the same function the CLI's ``build`` calls); its
``.warnings`` (a broken photo, a missing record...) are listed when it is done.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from . import plain
from ..model.book import PAPER_SIZES

FORMATS = {"pdf": ("pdf",), "docx": ("docx",), "both": ("pdf", "docx")}
STEPS = 1000


class ExportCancelled(Exception):
    pass


def default_exporter(library, book_id, out, **kwargs):
    try:
        from ..export import export_book
    except ImportError as exc:
        raise RuntimeError(f"PDF/DOCX export is not available in this build ({exc})") from None
    return export_book(library, book_id, out, **kwargs)


def _fraction(args, kwargs) -> tuple[float | None, str]:
    """Read a progress callback's arguments: (fraction), (done, total) or (done, total, label)."""
    numbers = [a for a in args if isinstance(a, (int, float)) and not isinstance(a, bool)]
    labels = [a for a in args if isinstance(a, str)]
    done = kwargs.get("done", numbers[0] if numbers else None)
    total = kwargs.get("total", numbers[1] if len(numbers) > 1 else None)
    label = kwargs.get("message") or kwargs.get("label") or (labels[0] if labels else "")
    if done is None:
        return None, label
    if total:
        return max(0.0, min(1.0, done / total)), label
    return max(0.0, min(1.0, float(done) if done <= 1 else 1.0)), label


def _protected(exporter, password: str):
    """Wrap *exporter* so each file is written to a temp name, then password-protected into place."""
    from ..security.protect import export_protected

    def run(library, book_id, out, **kwargs):
        return export_protected(lambda tmp: exporter(library, book_id, tmp, **kwargs), out, password)
    return run


class ExportWorker(QObject):
    progress = Signal(int, str)          # 0..STEPS, what is being done
    finished = Signal(list, list)        # warnings, files written
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, library, book_id: str, folder: Path, formats=("pdf",), paper=None,
                 draft=None, exporter=default_exporter, basename: str | None = None):
        super().__init__()
        self.library, self.book_id, self.folder = library, book_id, Path(folder)
        self.formats, self.paper, self.draft = tuple(formats), paper, draft
        self.exporter = exporter
        self.basename = basename or book_id
        self._cancel = threading.Event()

    def cancel(self):
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self):
        warnings: list[str] = []
        written: list[str] = []
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for step, fmt in enumerate(self.formats):
                out = self.folder / f"{self.basename}.{fmt}"

                def report(*args, _step=step, _fmt=fmt, **kwargs):
                    fraction, label = _fraction(args, kwargs)
                    if fraction is not None:
                        overall = (_step + fraction) / len(self.formats)
                        self.progress.emit(int(overall * STEPS), label or f"Writing {_fmt.upper()}…")
                    if self._cancel.is_set():
                        raise ExportCancelled()

                self.progress.emit(int(step / len(self.formats) * STEPS), f"Writing {fmt.upper()}…")
                result = self.exporter(self.library, self.book_id, out, paper=self.paper,
                                       draft=self.draft, progress=report,
                                       cancel=self.is_cancelled)
                if self._cancel.is_set():
                    raise ExportCancelled()
                for note in list(getattr(result, "warnings", None) or []) + \
                        [f"Check: {f}" for f in getattr(result, "findings", None) or []]:
                    if str(note) not in warnings:
                        warnings.append(str(note))
                written.append(str(out))
            self.progress.emit(STEPS, "Done")
        except ExportCancelled:
            self.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001 - shown in the dialog
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                message = str(exc) or exc.__class__.__name__
                if written:
                    message += " (already written: " + ", ".join(Path(p).name for p in written) + ")"
                self.failed.emit(message)
            return
        self.finished.emit(warnings, written)


class ExportDialog(QDialog):
    """Format, folder, paper; then progress, Cancel, warnings and "Open folder"."""

    def __init__(self, session, settings=None, parent=None, exporter=default_exporter):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export book")
        self.session = session
        self.settings = settings
        self.exporter = exporter
        self.thread: QThread | None = None
        self.worker: ExportWorker | None = None
        self.written: list[str] = []

        self.format_group = QButtonGroup(self)
        formats = QWidget(self)
        row = QHBoxLayout(formats)
        row.setContentsMargins(0, 0, 0, 0)
        for key, label in (("pdf", "&PDF"), ("docx", "&DOCX"), ("both", "&Both")):
            button = QRadioButton(label, formats)
            button.setObjectName(f"format_{key}")
            button.setProperty("format", key)
            self.format_group.addButton(button)
            row.addWidget(button)
            if key == "pdf":
                button.setChecked(True)
        self.folder = QLineEdit(self)
        self.folder.setObjectName("exportFolder")
        self.folder.setAccessibleName("Export folder")
        default = settings.value("export/folder", "") if settings is not None else ""
        self.folder.setText(default or str(Path.home() / "Briefbook exports"))
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.paper = QComboBox(self)
        self.paper.setObjectName("exportPaper")
        for size in PAPER_SIZES:
            self.paper.addItem(size)
        self.paper.setCurrentText(session.book.paper)
        self.draft = QCheckBox("DRAFT watermark", self)
        self.draft.setChecked(session.book.draft)
        self.password = QLineEdit(self)
        self.password.setObjectName("exportPassword")
        self.password.setAccessibleName("Password to open the exported files (optional)")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("optional: AES-256, needed to open the files")
        # Asked before exporting a book marked lower than something in it (tests replace it).
        self.confirm_classification = lambda message: plain.ask(self, "Classification", message)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, STEPS)
        self.progress.setValue(0)
        self.stage = plain.label(self)
        self.stage.setWordWrap(True)
        self.stage.setObjectName("exportStage")
        self.warnings = QListWidget(self)
        self.warnings.setObjectName("exportWarnings")
        self.warnings.setAccessibleName("Export warnings")
        self.warnings.setWordWrap(True)
        self.warnings.hide()

        self.start_button = QPushButton("&Export", self)
        self.start_button.setObjectName("startExport")
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancelExport")
        self.open_button = QPushButton("Open folder", self)
        self.open_button.setObjectName("openExportFolder")
        self.open_button.hide()
        self.close_button = QPushButton("Close", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)

        form = QFormLayout()
        form.addRow("Format", formats)
        folder_label = QLabel("&Folder", self)
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow("P&aper", self.paper)
        form.addRow("", self.draft)
        password_label = QLabel("Pass&word", self)
        password_label.setBuddy(self.password)
        form.addRow(password_label, self.password)
        layout = QVBoxLayout(self)
        heading = plain.label(self, session.book.title)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.stage)
        layout.addWidget(self.warnings, 1)
        layout.addLayout(buttons)
        self.cancel_button.setEnabled(False)

        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.close)
        self.open_button.clicked.connect(self.open_folder)
        self.resize(520, 360)

    def _browse(self):
        folder = QFileDialog.getExistingDirectory(self, "Export to folder", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def selected_formats(self) -> tuple[str, ...]:
        return FORMATS[self.format_group.checkedButton().property("format")]

    def set_format(self, key: str) -> None:
        for button in self.format_group.buttons():
            button.setChecked(button.property("format") == key)

    def _classification_allows(self) -> bool:
        """A book marked lower than an item in it is exported only after explicit confirmation."""
        from ..security.classification_check import ClassificationError, check_export_allowed
        try:
            check_export_allowed(self.session.book, self.session.library)
        except ClassificationError as exc:
            return bool(self.confirm_classification(f"{exc}\n\nExport anyway?"))
        return True

    @property
    def running(self) -> bool:
        return self.thread is not None

    def start(self):
        if self.running:
            return
        self.session.save_now()  # export reads the book from the library
        folder = Path(self.folder.text()).expanduser()
        if self.settings is not None:
            self.settings.setValue("export/folder", str(folder))
        self.warnings.clear()
        self.warnings.hide()
        self.open_button.hide()
        self.progress.setValue(0)
        self.stage.setText("Starting…")
        if not self._classification_allows():
            self.stage.setText("Export cancelled: the book's marking is lower than its contents.")
            return
        exporter = self.exporter
        password = self.password.text()
        if password:
            exporter = _protected(exporter, password)
        self.worker = ExportWorker(self.session.library, self.session.book.id, folder,
                                   self.selected_formats(), self.paper.currentText(),
                                   self.draft.isChecked() or None, exporter)
        self.thread = QThread(self)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        for signal in (self.worker.finished, self.worker.failed, self.worker.cancelled):
            signal.connect(self.thread.quit)
        self.thread.finished.connect(self._cleanup)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.thread.start()

    def cancel(self):
        if self.worker is not None:
            self.worker.cancel()
            self.stage.setText("Cancelling…")

    def _progress(self, value: int, label: str):
        self.progress.setValue(value)
        if label:
            self.stage.setText(label)

    def _finished(self, warnings: list, written: list):
        self.written = written
        self.progress.setValue(STEPS)
        self.stage.setText("Wrote " + ", ".join(Path(p).name for p in written)
                           + (f" with {len(warnings)} warning(s):" if warnings else "."))
        if warnings:
            self.warnings.addItems(warnings)
            self.warnings.show()
        self.open_button.show()

    def _failed(self, message: str):
        self.progress.setValue(0)
        self.stage.setText(f"Export failed: {message}")

    def _cancelled(self):  # export_book writes to a temporary file: nothing half-written stays
        self.progress.setValue(0)
        self.stage.setText("Export cancelled.")

    def _cleanup(self):
        if self.thread is not None:
            self.thread.wait()
            self.thread.deleteLater()
        if self.worker is not None:
            self.worker.deleteLater()
        self.thread = None
        self.worker = None
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def open_folder(self):
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text()))

    def wait(self, ms: int = 30000) -> bool:
        return self.thread.wait(ms) if self.thread is not None else True

    def closeEvent(self, event):
        if self.running:
            self.cancel()
            self.thread.wait(10000)
        super().closeEvent(event)
