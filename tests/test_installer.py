"""The standalone app: ``build_installer.py`` builds it, then the frozen executable is driven headless
through its real command line, from a folder outside the source tree, with no Python around it.

Slow (one PyInstaller build per session, ~30 s on two cores); ``.ci/run`` runs it with the suite.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PACK = ROOT / "resources" / "sample" / "pack.json"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
SIZE_GOAL_MB = 200


@dataclass
class FrozenApp:
    dist: Path
    exe: Path
    log: str
    home: Path

    def run(self, *args: str, cwd: Path, extra_env: dict | None = None,
            timeout: float = 300) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "BRIEFBOOK_DB")}
        env.update(HOME=str(self.home), XDG_DATA_HOME=str(self.home / "data"),
                   XDG_CONFIG_HOME=str(self.home / "config"), QT_QPA_PLATFORM="offscreen")
        env.update(extra_env or {})
        return subprocess.run([*_offline_prefix(), str(self.exe), *args], capture_output=True,
                              text=True, cwd=cwd, env=env, timeout=timeout)


def _offline_prefix() -> list[str]:
    """Run the app without any network namespace when the OS lets us (Linux, enough rights)."""
    if sys.platform.startswith("linux") and shutil.which("unshare"):
        probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
        if probe.returncode == 0:
            return ["unshare", "-n"]
    return []


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory) -> FrozenApp:
    base = tmp_path_factory.mktemp("installer")
    result = subprocess.run(
        [sys.executable, str(ROOT / "build_installer.py"), "--dist", str(base / "dist"),
         "--work", str(base / "work")],
        capture_output=True, text=True, cwd=ROOT, timeout=1500)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"build_installer.py failed:\n{log[-6000:]}"
    exe = base / "dist" / "briefbook" / ("briefbook.exe" if sys.platform == "win32" else "briefbook")
    assert exe.is_file(), log[-3000:]
    home = base / "home"
    home.mkdir()
    return FrozenApp(dist=base / "dist", exe=exe, log=log, home=home)


def _squash(text: str) -> str:
    """Case-, whitespace- and quote-insensitive form, so line wrapping cannot hide a match."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00ad", "")
    return re.sub(r"\s+", "", text).casefold()


def _book_expectations(book_id: str) -> tuple[dict, list[dict]]:
    """The book and the officials it cites, straight from the pack the test imports."""
    pack = json.loads(SAMPLE_PACK.read_text("utf-8"))
    book = next(b for b in pack["books"] if b["id"] == book_id)
    refs = {item["ref"] for section in book["sections"] for item in section["items"]
            if "ref" in item}
    officials = [o for o in pack["officials"] if f"official:{o['id']}" in refs]
    assert officials, "the test book must cite officials"
    return book, officials


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _docx_text(path: Path) -> str:
    """All paragraph text of the body (tables included), headers and footers."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    lines = []
    for part in parts:
        for paragraph in part.iter(qn("w:p")):
            lines.append("".join(t.text or "" for t in paragraph.iter(qn("w:t"))))
    return "\n".join(lines)


def test_build_reports_bundle_size_within_goal_and_skips_other_platforms(frozen_app):
    match = re.search(r"bundle size: ([\d.]+) MB", frozen_app.log)
    assert match, frozen_app.log[-3000:]
    size_mb = float(match.group(1))
    folder = frozen_app.dist / "briefbook"
    measured = sum(p.stat().st_size for p in folder.rglob("*")
                   if p.is_file() and not p.is_symlink()) / 1024 / 1024
    assert abs(measured - size_mb) < 1.0
    if sys.platform.startswith("linux"):
        assert size_mb <= SIZE_GOAL_MB, f"bundle is {size_mb} MB, goal {SIZE_GOAL_MB} MB"
        assert "skipped: Windows installer" in frozen_app.log
        assert "skipped: macOS .app and .dmg" in frozen_app.log
    # the app carries the Qt it uses and not the big modules it does not
    qt_lib = folder / "_internal" / "PySide6" / "Qt" / "lib"
    if qt_lib.is_dir():
        names = " ".join(p.name for p in qt_lib.iterdir())
        assert "Qt6Widgets" in names and "Qt6Pdf" in names
        for unused in ("WebEngine", "Qt63D", "Multimedia", "Quick", "Qml", "Designer"):
            assert unused not in names, f"{unused} was bundled"
    assert not list(folder.rglob("translations/*.qm")), "Qt translations should be pruned"
    if sys.platform.startswith("linux"):
        # icu4py's ICU data is trimmed to break iteration (packaging/icu_data.py), not 33 MB whole
        assert "icu4py ICU data trimmed" in frozen_app.log, frozen_app.log[-3000:]
        data = list((folder / "_internal" / "icu4py.libs").glob("libicudata*"))
        assert len(data) == 1 and data[0].stat().st_size < 10 * 1024 * 1024


def test_frozen_version_is_pyproject_version(frozen_app, tmp_path):
    result = frozen_app.run("--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"briefbook {VERSION}"


def test_frozen_selftest_imports_everything_and_renders_with_qtpdf(frozen_app, tmp_path):
    result = frozen_app.run(cwd=tmp_path, extra_env={"BRIEFBOOK_FROZEN_SELFTEST": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "selftest: ok" in result.stdout
    assert str(frozen_app.dist) in result.stdout  # resources come from the bundle, not the repo


def test_frozen_sample_command_reads_bundled_resources(frozen_app, tmp_path):
    db = tmp_path / "lib" / "library.json"
    result = frozen_app.run("--db", str(db), "sample", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    listed = frozen_app.run("--db", str(db), "list", "books", "--json", cwd=tmp_path)
    pack = json.loads(SAMPLE_PACK.read_text("utf-8"))
    assert {b["id"] for b in json.loads(listed.stdout)} == {b["id"] for b in pack["books"]}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .tar.gz is the Linux package")
def test_linux_tarball_holds_app_desktop_entry_and_icon(frozen_app):
    tarball = frozen_app.dist / f"briefbook-{VERSION}-linux-{_machine()}.tar.gz"
    assert tarball.is_file(), frozen_app.log[-2000:]
    with tarfile.open(tarball) as tar:
        names = set(tar.getnames())
        stem = f"briefbook-{VERSION}-linux-{_machine()}"
        for name in ("briefbook/briefbook", "briefbook.desktop", "briefbook.png", "install.sh",
                     "briefbook-mime.xml"):
            assert f"{stem}/{name}" in names
        desktop = tar.extractfile(f"{stem}/briefbook.desktop").read().decode()
        assert tar.getmember(f"{stem}/briefbook/briefbook").mode & 0o111
        assert tar.getmember(f"{stem}/install.sh").mode & 0o111
    assert "Exec=briefbook %f" in desktop and "Icon=briefbook" in desktop
    assert "MimeType=application/x-briefbook-pack;" in desktop


def _machine() -> str:
    import platform
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)


def test_frozen_import_pack_then_build_pdf_and_docx(frozen_app, tmp_path):
    """The issue's end-to-end path: import a .bbpack, build a book to PDF and DOCX."""
    source_db = tmp_path / "source" / "library.json"
    db = tmp_path / "trip" / "library.json"
    pack = tmp_path / "books.bbpack"
    book_id = "asean-china-som-2024"
    book, officials = _book_expectations(book_id)

    # a real .bbpack (zip) made by the frozen app itself from the sample pack
    result = frozen_app.run("--db", str(source_db), "import", str(SAMPLE_PACK), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    result = frozen_app.run("--db", str(source_db), "export-pack", str(pack), "--book", book_id,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    result = frozen_app.run("--db", str(db), "import", str(pack), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert f"book:{book_id}" in report["added"]

    pdf, docx_path = tmp_path / "out" / "book.pdf", tmp_path / "out" / "book.docx"
    pdf.parent.mkdir()
    for out in (pdf, docx_path):
        result = frozen_app.run("--db", str(db), "build", book_id, "-o", str(out), cwd=tmp_path)
        assert result.returncode == 0, f"build {out.name} failed: {result.stderr.strip()}"
        assert out.is_file() and out.stat().st_size > 0

    pdf_text, docx_text = _squash(_pdf_text(pdf)), _squash(_docx_text(docx_path))
    for text, label in ((pdf_text, "PDF"), (docx_text, "DOCX")):
        assert _squash(book["title"]) in text, f"{label} lacks the book title"
        for official in officials:
            assert _squash(official["name"]) in text, f"{label} lacks {official['name']}"
    for official in officials:  # native scripts (Khmer, Chinese): DOCX keeps the text verbatim
        assert _squash(official["native_name"]) in docx_text, official["native_name"]
    # the frozen build has what the writers load lazily: the fonts embedded in the DOCX
    # (fontTools' subsetter) and the Khmer text of shaped words in the PDF (ActualText)
    with zipfile.ZipFile(docx_path) as archive:
        assert any(n.startswith("word/fonts/") and n.endswith(".odttf")
                   for n in archive.namelist())
    if shutil.which("pdftotext"):
        poppler = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                 check=True).stdout
        for official in officials:
            assert _squash(official["native_name"]) in _squash(poppler), official["native_name"]
