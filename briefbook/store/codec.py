"""How the store's bytes look on disk.

The plain codec stores JSON as it is.  An encrypting codec (see
:mod:`briefbook.store.crypto`) seals every snapshot, journal line, backup and
photo.  The store only ever calls the methods of :class:`PlainCodec`; each call
names the *role* of the bytes ("snapshot", "journal", "media:<name>") so an
encrypting codec can bind a ciphertext to its role: a sealed photo cannot be
passed off as a snapshot, nor one photo as another.

This module stays light (no ``cryptography`` import) so that telling whether a
library is encrypted costs nothing.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import StoreError

# Every sealed file (snapshot, backup, photo, key-less leftovers) starts with this.
SEALED_MAGIC = b"BRIEFBOOK-SEALED-1\n"


class CodecError(StoreError):
    """Bytes on disk could not be opened (wrong passphrase, tampering, corruption)."""

    path: Path | None = None

    def for_file(self, path: Path, backup: Path | None = None) -> "CodecError":
        """The same error, with a message naming the file (and a backup to restore)."""
        return self


class PlainCodec:
    encrypted = False
    name = "plain"

    def seal(self, data: bytes, role: str = "snapshot") -> bytes:
        return data

    def open(self, data: bytes, role: str = "snapshot") -> bytes:
        if data.startswith(SEALED_MAGIC):
            raise CodecError("the file is encrypted; open the library with its passphrase")
        return data

    def seal_line(self, data: bytes) -> bytes:
        """One journal line's body: must contain no newline."""
        return data

    def open_line(self, data: bytes) -> bytes:
        return data

    def media_name(self, data: bytes) -> str:
        """The content address of a photo (64 hex digits)."""
        return hashlib.sha256(data).hexdigest()
