"""Password-protected exports: AES-256 PDF (pikepdf, R=6) and DOCX (msoffcrypto-tool, agile).

Both functions encrypt into a temp file in the destination's folder, make it
durable and rename it over the destination, then delete the unprotected
source: the destination path never holds an unprotected file, and no
unprotected copy is left behind.  :func:`export_protected` runs an exporter on
a hidden temp path and protects the result into the final path.

The PDF's print/copy permissions are *advisory*: a PDF reader that ignores
them, given the password, can do anything with the text (see docs/security.md).
"""
from __future__ import annotations

import os
import secrets
import stat
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from ..store.atomic import fsync_dir

T = TypeVar("T")
MAX_PDF_PASSWORD_BYTES = 127   # PDF 2.0 (R=6) uses at most 127 UTF-8 bytes of the password


class ProtectError(ValueError):
    """The file could not be protected; the destination was not written."""


def _check_password(password: str) -> str:
    if not isinstance(password, str) or not password:
        raise ProtectError("The export password is empty.")
    return password


def _temp_beside(dest: Path, suffix: str = ".tmp") -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=suffix, dir=dest.parent)
    os.close(fd)
    return Path(tmp)


def _commit(tmp: Path, dest: Path, source: Path) -> None:
    try:  # the export's own permissions, not the temp file's owner-only ones
        os.chmod(tmp, stat.S_IMODE(source.stat().st_mode))
    except OSError:
        pass
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, dest)
    if source.resolve() != dest.resolve():
        source.unlink(missing_ok=True)
    fsync_dir(dest.parent)


def protect_pdf(path: str | Path, password: str, *, dest: str | Path | None = None,
                allow_print: bool = True, allow_copy: bool = True) -> Path:
    """Encrypt the PDF at *path* with AES-256 (PDF 2.0 security handler, R=6).

    Opening needs *password*.  The owner password is random and thrown away,
    so the advisory permissions cannot be lifted with a known owner password.
    Bookmarks, links and metadata are kept (metadata encrypted too).  Writes
    *dest* (default: *path* itself) and deletes *path* if different.
    """
    import pikepdf

    source = Path(path)
    target = Path(dest) if dest is not None else source
    password = _check_password(password)
    if len(password.encode("utf-8")) > MAX_PDF_PASSWORD_BYTES:
        raise ProtectError(f"A PDF password can have at most {MAX_PDF_PASSWORD_BYTES} bytes.")
    permissions = pikepdf.Permissions(
        accessibility=True, extract=allow_copy, modify_annotation=False, modify_assembly=False,
        modify_form=False, modify_other=False, print_lowres=allow_print,
        print_highres=allow_print)
    encryption = pikepdf.Encryption(owner=secrets.token_urlsafe(32), user=password, R=6,
                                    allow=permissions, aes=True, metadata=True)
    tmp = _temp_beside(target)
    try:
        try:
            with pikepdf.open(source) as pdf:
                if pdf.is_encrypted:
                    raise ProtectError(f"{source} is already encrypted")
                pdf.save(tmp, encryption=encryption)
        except pikepdf.PasswordError:
            raise ProtectError(f"{source} is already encrypted") from None
        except pikepdf.PdfError as exc:
            raise ProtectError(f"{source} is not a PDF that can be protected ({exc})") from None
        _commit(tmp, target, source)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def protect_docx(path: str | Path, password: str, *, dest: str | Path | None = None) -> Path:
    """Encrypt the DOCX at *path* (ECMA-376 agile encryption: AES-256, SHA-512).

    Word and LibreOffice ask for *password* to open the result.  Writes *dest*
    (default: *path* itself) and deletes *path* if different.
    """
    from msoffcrypto.exceptions import EncryptionError, FileFormatError
    from msoffcrypto.format.ooxml import OOXMLFile

    source = Path(path)
    target = Path(dest) if dest is not None else source
    password = _check_password(password)
    tmp = _temp_beside(target)
    try:
        try:
            with open(source, "rb") as handle, open(tmp, "wb") as out:
                office = OOXMLFile(handle)
                office.encrypt(password, out)
        except (EncryptionError, FileFormatError, ValueError, KeyError) as exc:
            raise ProtectError(f"{source} is not a DOCX that can be protected ({exc})") from None
        _commit(tmp, target, source)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def protect_file(path: str | Path, password: str, *, dest: str | Path | None = None) -> Path:
    """:func:`protect_pdf` or :func:`protect_docx`, by the destination's suffix."""
    suffix = Path(dest if dest is not None else path).suffix.lower()
    if suffix == ".pdf":
        return protect_pdf(path, password, dest=dest)
    if suffix == ".docx":
        return protect_docx(path, password, dest=dest)
    raise ProtectError(f"{dest or path}: only .pdf and .docx exports can be password-protected")


def export_protected(write: Callable[[Path], T], out: str | Path, password: str) -> T:
    """Run ``write(tmp)`` on a hidden temp file beside *out*, then protect it into *out*.

    The unprotected file exists only under the temp name, only until it is
    protected, and is deleted whatever happens.  Returns what *write* returned.
    """
    out = Path(out)
    _check_password(password)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(out, suffix=out.suffix)
    try:
        result = write(tmp)
        protect_file(tmp, password, dest=out)
        return result
    finally:
        tmp.unlink(missing_ok=True)
