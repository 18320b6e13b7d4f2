"""Entry point of the frozen app (PyInstaller runs this file as ``__main__``).

It is ``python -m briefbook`` with two additions for a frozen build:

- ``multiprocessing.freeze_support()`` so worker processes, if any, start the app's code and
  not a second copy of the command line;
- a build check: with ``BRIEFBOOK_FROZEN_SELFTEST=1`` in the environment the executable imports
  every ``briefbook`` module (which pulls in the Qt modules the desktop app uses, the PDF and DOCX
  writers and their libraries), reads the bundled resources, starts Qt offscreen, lets QtPdf
  render a page reportlab wrote, shows the app's main window (``briefbook.app.main.main_window``)
  on an empty library, prints one line per problem and exits 0 only if nothing is missing. ``build_installer.py`` and
  ``tests/test_installer.py`` run it; users never see it.
"""
from __future__ import annotations

import multiprocessing
import os
import sys


QT_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg",
              "PySide6.QtPdf", "PySide6.QtPdfWidgets")
OPTIONAL_MODULES = ("cryptography", "pikepdf", "msoffcrypto")


def _check_qt_pdf(problems: list[str]) -> None:
    """Start Qt offscreen, load the icon, and let QtPdf render a page reportlab just wrote."""
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon, QImageReader
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication
    from reportlab.pdfgen.canvas import Canvas

    from briefbook.resources import resource_path

    app = QApplication.instance() or QApplication([sys.argv[0]])
    if QIcon(str(resource_path("icons", "briefbook.png"))).isNull():
        problems.append("Qt cannot load the app icon")
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    for needed in ("png", "jpeg", "svg"):
        if needed not in formats:
            problems.append(f"Qt image format plugin missing: {needed}")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "selftest.pdf"
        canvas = Canvas(str(pdf))
        canvas.setFillColorRGB(0, 0, 0)
        canvas.rect(0, 0, 600, 900, fill=1)
        canvas.save()
        document = QPdfDocument(None)
        if document.load(str(pdf)) != QPdfDocument.Error.None_ or document.pageCount() != 1:
            problems.append(f"QtPdf could not open a reportlab PDF ({document.status()})")
        else:
            image = document.render(0, QSize(60, 80))
            if image.isNull() or image.pixelColor(30, 40).lightness() > 50:
                problems.append("QtPdf rendered a reportlab page wrongly")
        document.close()
    del app


# What ICU's dictionaries make of these (from source, full ICU data). The Linux build trims
# icu4py's ICU data to what break iteration reads; this proves the frozen app still has it.
LINE_BREAK_CHECKS = (
    ("line", "ក្រសួងការបរទេសនិងសហប្រតិបត្តិការអន្តរជាតិ",
     ["ក្រសួង", "ការបរទេស", "និង", "សហប្រតិបត្តិ", "ការអន្តរជាតិ"]),
    ("word", "王毅会见柬埔寨副首相兼外交大臣",
     ["王", "毅", "会见", "柬埔寨", "副", "首相", "兼", "外交", "大臣"]),
    ("line", "ประเทศไทยและกัมพูชา", ["ประเทศไทย", "และ", "กัมพูชา"]),
)


def _check_line_breaks(problems: list[str]) -> None:
    """Khmer, Chinese and Thai come out as words (ICU rules + dictionaries are in the bundle)."""
    from icu4py.breakers import LineBreaker, WordBreaker

    from briefbook.export.linebreak import line_segments

    for kind, text, expected in LINE_BREAK_CHECKS:
        got = line_segments(text) if kind == "line" else list(WordBreaker(text, "km"))
        if got != expected:
            problems.append(f"{kind} breaks of {text[:12]}...: {got} (expected {expected})")
    if list(LineBreaker("one two", "km")) != ["one ", "two"]:
        problems.append("ICU line breaking of plain Latin text is wrong")


def _check_main_window(problems: list[str]) -> str:
    """Build the desktop app's main window on an empty library, show it offscreen, close it."""
    import importlib
    import tempfile
    from pathlib import Path

    try:
        app_main = importlib.import_module("briefbook.app.main")
    except ModuleNotFoundError as exc:
        if exc.name in ("briefbook.app", "briefbook.app.main"):
            return "desktop app not in this build"
        raise
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        window = app_main.main_window(Path(tmp) / "library.json")
        window.show()
        QApplication.processEvents()
        if window.grab().isNull():
            problems.append("the main window could not be drawn")
        window.close()
        QApplication.processEvents()
        library = getattr(window, "library", None)
        if library is not None and hasattr(library, "close"):
            library.close()
    return "main window shown offscreen"


def _selftest() -> int:
    import importlib
    import pkgutil

    import briefbook
    from briefbook.resources import resource_path, resources_dir

    problems: list[str] = []
    modules = ["briefbook"]
    for info in pkgutil.walk_packages(briefbook.__path__, "briefbook."):
        if info.name.rsplit(".", 1)[-1] != "__main__":  # importing it would run the CLI
            modules.append(info.name)
    for name in modules + list(QT_MODULES) + ["uharfbuzz", "docx"]:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none hides another
            problems.append(f"import {name}: {exc.__class__.__name__}: {exc}")

    for name in OPTIONAL_MODULES:  # bundled only when installed; if bundled they must import
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                problems.append(f"import {name}: {exc}")
        except Exception as exc:  # noqa: BLE001
            problems.append(f"import {name}: {exc.__class__.__name__}: {exc}")

    for parts in (("sample", "pack.json"), ("icons", "briefbook.png")):
        try:
            resource_path(*parts)
        except FileNotFoundError as exc:
            problems.append(str(exc))
    fonts = resources_dir() / "fonts"
    font_count = sum(1 for p in fonts.rglob("*") if p.suffix.lower() in (".ttf", ".otf", ".ttc")) \
        if fonts.is_dir() else 0

    try:
        _check_line_breaks(problems)
    except Exception as exc:  # noqa: BLE001
        problems.append(f"line breaking: {exc.__class__.__name__}: {exc}")

    window_note = "not checked"
    if not any(p.startswith("import PySide6") for p in problems):
        try:
            _check_qt_pdf(problems)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"Qt check: {exc.__class__.__name__}: {exc}")
        try:
            window_note = _check_main_window(problems)
        except Exception as exc:  # noqa: BLE001
            problems.append(f"main window: {exc.__class__.__name__}: {exc}")

    qt_modules = sorted(m for m in sys.modules if m.startswith("PySide6.Qt"))
    print(f"selftest: {len(modules)} briefbook modules, {len(qt_modules)} Qt modules, "
          f"{font_count} bundled fonts, {window_note}, resources at {resources_dir()}")
    for problem in problems:
        print(f"selftest problem: {problem}")
    print("selftest: ok" if not problems else f"selftest: {len(problems)} problem(s)")
    return 0 if not problems else 1


def run() -> int:
    multiprocessing.freeze_support()
    if os.environ.get("BRIEFBOOK_FROZEN_SELFTEST") == "1":
        return _selftest()
    from briefbook.cli import main
    return main()


if __name__ == "__main__":
    sys.exit(run())
