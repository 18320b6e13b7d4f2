"""Briefing-book export: book + library + theme -> document model -> PDF / DOCX.

No Qt here.  ``docmodel`` is the render-neutral model both writers consume.

Public API::

    export_book(library, book_id, out, *, paper=None, draft=None, theme=None,
                progress=None, cancel=None) -> ExportResult
    compose(book, library, theme, *, today=None) -> Document
    preflight(book, library, today=None) -> list[Finding]
    build_pdf_bytes(document, theme) -> bytes

``progress(done, total, message)`` is called from the exporting thread;
``cancel()`` returning True stops the export with :class:`ExportCancelled`.
The output file is written to a temporary file beside it and renamed into place,
so a cancelled or failed export never leaves a half-written file.
"""
from __future__ import annotations

import dataclasses
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .compose import compose
from .errors import ExportCancelled, ExportError
from .preflight import Finding, preflight
from .theme import Theme, get_theme


@dataclass
class ExportResult:
    path: Path
    warnings: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def build_pdf_bytes(document, theme: Theme | None = None) -> bytes:
    from .pdf_writer import build_pdf_bytes as _build
    return _build(document, theme)


def _writer_for(suffix: str):
    if suffix == ".pdf":
        from .pdf_writer import write_pdf
        return lambda doc, out, theme, progress, cancel: write_pdf(
            doc, out, theme, progress=progress, cancel=cancel)
    if suffix == ".docx":
        try:
            from .docx_writer import write_docx
        except ImportError as exc:
            raise ExportError(f"DOCX export is not available in this build ({exc})") from None
        return lambda doc, out, theme, progress, cancel: write_docx(doc, out, theme)
    raise ExportError(f"cannot export to {suffix or 'a file without a suffix'!r}; "
                      "use .pdf or .docx")


def export_book(library, book_id: str, out, *, paper: str | None = None,
                draft: bool | None = None, theme: Theme | str | None = None, progress=None,
                cancel=None, today=None) -> ExportResult:
    """Export the book *book_id* of *library* to *out* (.pdf or .docx)."""
    out = Path(out)
    writer = _writer_for(out.suffix.lower())
    book = library.get(f"book:{book_id}")
    if book is None:
        raise ExportError(f"no book with id {book_id!r} in the library")
    if paper is not None:
        if paper not in ("A4", "Letter"):
            raise ExportError(f"paper must be A4 or Letter, not {paper!r}")
        book = dataclasses.replace(book, paper=paper)
    if draft is not None:
        book = dataclasses.replace(book, draft=bool(draft))
    if not isinstance(theme, Theme):
        theme = get_theme(theme or book.theme)

    def check_cancel():
        if cancel is not None and cancel():
            raise ExportCancelled("export cancelled")

    if progress:
        progress(0, 100, "Checking the book")
    findings = preflight(book, library, today=today)
    check_cancel()
    if progress:
        progress(5, 100, "Composing")
    document = compose(book, library, theme, today=today)
    check_cancel()

    def scaled(done, total, message):
        if progress:
            progress(10 + int(85 * done / max(1, total)), 100, message)

    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer(document, tmp, theme, scaled, cancel)
        check_cancel()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if progress:
        progress(100, 100, f"Wrote {out.name}")
    return ExportResult(out, list(document.warnings), findings)


__all__ = ["ExportCancelled", "ExportError", "ExportResult", "Finding", "build_pdf_bytes",
           "compose", "export_book", "preflight"]
