"""Password-protected exports: AES-256 PDF (R=6) and agile-encrypted DOCX.

The files are made here with reportlab / python-docx (the export package is
tested on its own); the CLI test further down goes through ``build``.
"""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import msoffcrypto
import pypdf
import pytest
from msoffcrypto.exceptions import InvalidKeyError
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from briefbook.security.protect import (ProtectError, export_protected, protect_docx,
                                        protect_file, protect_pdf)

PASSWORD = "Tr\u00e8s-secret 2024"      # non-ASCII on purpose
TEXT = "Talking points for the bilateral meeting"


class _OutlinedDoc(SimpleDocTemplate):
    def afterFlowable(self, flowable):
        if isinstance(flowable, Paragraph) and flowable.style.name == "Heading1":
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, 0)


def make_pdf(path: Path) -> Path:
    styles = getSampleStyleSheet()
    doc = _OutlinedDoc(str(path), pagesize=A4)
    doc.build([Paragraph("Cover", styles["Heading1"]), Paragraph(TEXT, styles["Normal"]),
               Paragraph("Background", styles["Heading1"]), Paragraph("More text.", styles["Normal"])])
    return path


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Briefing", 1)
    document.add_paragraph(TEXT)
    document.save(str(path))
    return path


def pdftotext(path: Path, password: str) -> subprocess.CompletedProcess:
    return subprocess.run(["pdftotext", "-upw", password, str(path), "-"], capture_output=True,
                          text=True, timeout=60)


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) is not installed")


@needs_poppler
def test_protected_pdf_opens_with_the_password_only(tmp_path):
    pdf = make_pdf(tmp_path / "book.pdf")
    protect_pdf(pdf, PASSWORD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf"]   # no copy left behind

    ok = pdftotext(pdf, PASSWORD)
    assert ok.returncode == 0 and TEXT in ok.stdout
    wrong = pdftotext(pdf, "wrong password")
    assert wrong.returncode != 0 and TEXT not in wrong.stdout
    info = subprocess.run(["pdfinfo", "-upw", PASSWORD, str(pdf)], capture_output=True, text=True)
    assert "AES-256" in info.stdout

    reader = pypdf.PdfReader(str(pdf))
    assert reader.is_encrypted
    assert reader.decrypt("wrong password") == pypdf.PasswordType.NOT_DECRYPTED
    reader = pypdf.PdfReader(str(pdf))
    assert reader.decrypt(PASSWORD) != pypdf.PasswordType.NOT_DECRYPTED
    assert [item["/Title"] for item in reader.outline] == ["Cover", "Background"]  # bookmarks kept
    assert TEXT in reader.pages[0].extract_text()


def test_protected_pdf_to_another_path_removes_the_unprotected_source(tmp_path):
    source = make_pdf(tmp_path / ".unprotected.pdf")
    out = tmp_path / "final.pdf"
    protect_pdf(source, PASSWORD, dest=out, allow_copy=False)
    assert not source.exists() and out.exists()
    reader = pypdf.PdfReader(str(out))
    assert reader.decrypt(PASSWORD) != pypdf.PasswordType.NOT_DECRYPTED


def test_protected_docx_opens_with_the_password_only(tmp_path):
    path = make_docx(tmp_path / "book.docx")
    protect_docx(path, PASSWORD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.docx"]
    raw = path.read_bytes()
    assert not raw.startswith(b"PK") and TEXT.encode() not in raw   # an encrypted OLE package

    with open(path, "rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        assert office.is_encrypted()
        office.load_key(password="wrong password")
        with pytest.raises(InvalidKeyError):
            office.decrypt(io.BytesIO())
    with open(path, "rb") as handle:
        office = msoffcrypto.OfficeFile(handle)
        office.load_key(password=PASSWORD)
        plain = io.BytesIO()
        office.decrypt(plain)
    opened = docx.Document(plain)
    assert TEXT in [p.text for p in opened.paragraphs]
    assert b"AES" in raw and b"SHA512" in raw   # agile encryption descriptor: AES-256 / SHA-512


def test_refusals_leave_no_file(tmp_path):
    pdf = make_pdf(tmp_path / "book.pdf")
    with pytest.raises(ProtectError, match="empty"):
        protect_pdf(pdf, "")
    with pytest.raises(ProtectError, match="at most"):
        protect_pdf(pdf, "x" * 200)
    protect_pdf(pdf, PASSWORD)
    with pytest.raises(ProtectError, match="already encrypted"):
        protect_pdf(pdf, PASSWORD)
    not_pdf = tmp_path / "fake.pdf"
    not_pdf.write_bytes(b"hello")
    with pytest.raises(ProtectError, match="not a PDF"):
        protect_pdf(not_pdf, PASSWORD)
    fake_docx = tmp_path / "fake.docx"
    fake_docx.write_bytes(b"hello")
    with pytest.raises(ProtectError, match="not a DOCX"):
        protect_docx(fake_docx, PASSWORD)
    with pytest.raises(ProtectError, match="only .pdf and .docx"):
        protect_file(pdf, PASSWORD, dest=tmp_path / "x.odt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.pdf", "fake.docx", "fake.pdf"]


def test_export_protected_never_shows_the_unprotected_file_at_the_final_path(tmp_path):
    out = tmp_path / "book.docx"
    seen = {}

    def exporter(target: Path):
        seen["target"] = target
        assert target.parent == tmp_path and target != out and target.name.startswith(".")
        make_docx(target)
        assert not out.exists()
        return "result"

    assert export_protected(exporter, out, PASSWORD) == "result"
    assert not seen["target"].exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.docx"]
    assert not out.read_bytes().startswith(b"PK")

    def failing(target: Path):
        make_pdf(target)
        raise RuntimeError("exporter crashed")
    with pytest.raises(RuntimeError):
        export_protected(failing, tmp_path / "other.pdf", PASSWORD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.docx"]
