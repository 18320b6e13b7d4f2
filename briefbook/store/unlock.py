"""Opening a library that may be encrypted: what the CLI and the GUI's unlock dialog call.

* :func:`is_encrypted` — cheap, reads no secret, needs no passphrase;
* :func:`open_library` — opens either kind, asking for the passphrase only when
  the library is encrypted (:class:`~briefbook.store.crypto.PassphraseRequiredError`,
  :class:`~briefbook.store.crypto.WrongPassphraseError`,
  :class:`~briefbook.store.crypto.TamperedError`, all :class:`StoreError`).

"Locking" an open library is closing it (:meth:`Library.close` writes the
sealed snapshot) and dropping every reference to it; :func:`lock_library`
also drops the codec's keys.
"""
from __future__ import annotations

import json
from pathlib import Path

from .codec import SEALED_MAGIC
from .errors import StoreError
from .journal_storage import LibraryFiles


def conversion_marker(files: LibraryFiles) -> Path:
    return files.main.with_name(f"{files.main.name}.convert")


def is_encrypted(path: str | Path) -> bool:
    """Whether the library whose main file is *path* is encrypted (or being made so)."""
    files = LibraryFiles(Path(path))
    marker = conversion_marker(files)
    if marker.exists():  # a committed conversion that still has to be finished
        try:
            return json.loads(marker.read_bytes()).get("to") == "encrypted"
        except (OSError, ValueError):
            pass
    if files.key.exists():
        return True
    try:
        with open(files.main, "rb") as handle:
            return handle.read(len(SEALED_MAGIC)) == SEALED_MAGIC
    except (FileNotFoundError, IsADirectoryError):
        return False


def settle_before_open(path: Path, codec, *, have_lock: bool) -> None:
    """Called by :meth:`Library.open` before reading anything.

    Finishes (or undoes) an interrupted encryption change — under the writer
    lock the caller holds, or one taken just for that — then refuses a codec
    that does not fit the library's form.
    """
    from .conversion import needs_recovery, recover_conversion
    from .lock import WriterLock

    files = LibraryFiles(Path(path))
    if have_lock:
        recover_conversion(files)
    elif needs_recovery(files):
        lock = WriterLock(files.lock, files.main)
        lock.acquire()
        try:
            recover_conversion(files)
        finally:
            lock.release()
    check_codec_fits(path, codec)


def check_codec_fits(path: Path, codec) -> None:
    """Refuse to open an encrypted library without its key, or a plain one with a key."""
    encrypted = is_encrypted(path)
    if encrypted and not getattr(codec, "encrypted", False):
        from .crypto import PassphraseRequiredError
        raise PassphraseRequiredError(path)
    if not encrypted and getattr(codec, "encrypted", False):
        raise StoreError(f"The library {path} is not encrypted; open it without a passphrase "
                         "(or encrypt it first).")


def open_library(path: str | Path | None = None, passphrase: str | None = None,
                 read_only: bool = False):
    """Open a plain or an encrypted library.

    For an encrypted one *passphrase* is required; for a plain one it is
    ignored.  Raises :class:`PassphraseRequiredError` when it is missing,
    :class:`WrongPassphraseError` when it is wrong.
    """
    from .library import Library, default_library_path

    from .conversion import finish_interrupted_conversion

    path = Path(path) if path is not None else default_library_path()
    finish_interrupted_conversion(path)
    if not is_encrypted(path):
        return Library.open(path, read_only=read_only)
    from .crypto import EncryptedCodec, PassphraseRequiredError
    if passphrase is None:
        raise PassphraseRequiredError(path)
    codec = EncryptedCodec.unlock(path, passphrase)
    return Library.open(path, read_only=read_only, codec=codec)


def lock_library(library) -> None:
    """Close *library* and drop its keys; the caller must drop its references too."""
    storage = getattr(library, "_storage", None)
    codec = storage.codec if storage is not None else None
    library.close()
    if codec is not None and hasattr(codec, "forget"):
        codec.forget()
