"""How the store's bytes look on disk.

The plain codec stores JSON as it is.  An encrypting codec (see
:mod:`briefbook.store.crypto`, when present) seals every snapshot, journal
line, backup and photo.  The store only ever calls these four methods.
"""
from __future__ import annotations


class CodecError(Exception):
    """Bytes on disk could not be opened (wrong passphrase, tampering, corruption)."""


class PlainCodec:
    encrypted = False
    name = "plain"

    def seal(self, data: bytes) -> bytes:
        return data

    def open(self, data: bytes) -> bytes:
        return data

    def seal_line(self, data: bytes) -> bytes:
        """One journal line's body: must contain no newline."""
        return data

    def open_line(self, data: bytes) -> bytes:
        return data
