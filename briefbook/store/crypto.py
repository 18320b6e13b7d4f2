"""Encryption at rest: an AES-256-GCM codec under a data key wrapped by a passphrase.

Design (key-encryption-key):

* Each encrypted library has a random 256-bit **data key**.  Everything on disk
  (snapshot, journal lines, backups, photos) is sealed with AES-256-GCM under a
  key derived from it, with a fresh random 96-bit nonce on every seal and
  associated data naming the role of the bytes (``snapshot``, ``journal``,
  ``media:<name>``), so sealed pieces cannot be swapped for one another.
* The data key is stored only *wrapped* (AES-256-GCM) under a key derived from
  the passphrase with Argon2id (scrypt where this ``cryptography`` build lacks
  Argon2), in ``<library>.key`` beside the library: salt, KDF parameters, a
  passphrase-check value and the wrapped key (:class:`KeyFile`).  A wrong
  passphrase fails the check value (:class:`WrongPassphraseError`); a right
  passphrase with a damaged wrapper, or any altered sealed file, fails
  authentication (:class:`TamperedError`) — never garbage.
* Changing the passphrase rewrites only the key file (see
  :mod:`briefbook.store.conversion`); re-keying re-encrypts everything.
* Photo names are an HMAC of the photo under the data key (not its SHA-256), so
  a file name does not reveal that a known public photo is in the library.

No Qt here, and nothing readable is ever written: the store writes only what
:meth:`EncryptedCodec.seal` returns.
"""
from __future__ import annotations

import base64
import hmac
import json
import os
import unicodedata
from hashlib import sha256
from pathlib import Path

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .codec import SEALED_MAGIC, CodecError
from .errors import StoreError

KEY_FORMAT = "briefbook-key"
KEY_VERSION = 1
CIPHER = "AES-256-GCM"
NONCE_BYTES = 12
MIN_PASSPHRASE_CHARS = 8
MAX_PASSPHRASE_BYTES = 4096
_AAD_PREFIX = b"briefbook-v1\x00"
_CHECK_MESSAGE = b"briefbook passphrase check v1"

# Cost of deriving the key from the passphrase; stored in each key file, so it
# can be raised later without breaking old libraries.  Tests may lower these.
ARGON2_PARAMS = {"iterations": 3, "lanes": 4, "memory_kib": 64 * 1024}   # RFC 9106, 2nd choice
SCRYPT_PARAMS = {"n": 2 ** 17, "r": 8, "p": 1}
# Refuse a key file that asks for absurd work (a tampered file must not hang us).
_MAX_ARGON2_MEMORY_KIB = 4 * 1024 * 1024
_MAX_SCRYPT_N = 2 ** 22


class CryptoError(CodecError):
    """An encrypted library could not be opened; the message says why."""


class PassphraseRequiredError(CryptoError):
    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(f"The library {self.path} is encrypted: a passphrase is needed to open it.")


class WrongPassphraseError(CryptoError):
    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(f"Wrong passphrase for the library {self.path}. Nothing was changed.")


class WeakPassphraseError(CryptoError):
    pass


class KeyFileError(CryptoError):
    """The key file is missing or unreadable (not a passphrase problem)."""


class TamperedError(CryptoError):
    """A sealed file failed authentication: altered outside Briefbook, or damaged."""

    def __init__(self, what: str, path: Path | None = None, backup: Path | None = None):
        self.what = what
        self.path = Path(path) if path else None
        self.backup = backup
        where = f"{self.path}" if self.path else what
        hint = (f" The newest backup that passes the check is {backup}; restore it with "
                f"'briefbook --db {self.path} restore-backup'." if backup else "")
        super().__init__(f"{where} failed its integrity check: it was changed outside Briefbook "
                         f"(tampering or disk damage) and was not read. Nothing was changed.{hint}")

    def for_file(self, path: Path, backup: Path | None = None) -> "TamperedError":
        return TamperedError(self.what, path, backup)


def key_file_path(main: Path) -> Path:
    main = Path(main)
    return main.with_name(f"{main.name}.key")


def passphrase_bytes(passphrase: str | bytes) -> bytes:
    """The passphrase as UTF-8 of its NFC form (the same text typed on any system)."""
    if isinstance(passphrase, bytes):
        passphrase = passphrase.decode("utf-8")
    data = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    if not data:
        raise WeakPassphraseError("The passphrase is empty.")
    if len(data) > MAX_PASSPHRASE_BYTES:
        raise WeakPassphraseError(f"The passphrase is longer than {MAX_PASSPHRASE_BYTES} bytes.")
    return data


def check_new_passphrase(passphrase: str) -> None:
    if len(unicodedata.normalize("NFC", passphrase)) < MIN_PASSPHRASE_CHARS:
        raise WeakPassphraseError(f"A new passphrase needs at least {MIN_PASSPHRASE_CHARS} "
                                  "characters (a few unrelated words are best).")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text) -> bytes:
    if not isinstance(text, str):
        raise ValueError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def _argon2_available() -> bool:
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
        Argon2id(salt=b"\0" * 16, length=32, iterations=1, lanes=1, memory_cost=8).derive(b"x")
        return True
    except (ImportError, UnsupportedAlgorithm):
        return False


def _derive(passphrase: bytes, kdf: dict) -> bytes:
    """64 bytes from the passphrase: a wrapping key and a check key."""
    salt = _unb64(kdf["salt"])
    if kdf["name"] == "argon2id":
        memory, iterations, lanes = int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])
        if not (8 * lanes <= memory <= _MAX_ARGON2_MEMORY_KIB and 1 <= iterations <= 64
                and 1 <= lanes <= 64):
            raise ValueError("implausible Argon2id parameters")
        try:
            from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
        except ImportError:
            raise KeyFileError("This library's key needs Argon2id, which this installation of "
                               "the 'cryptography' package lacks; update it.") from None
        return Argon2id(salt=salt, length=64, iterations=iterations, lanes=lanes,
                        memory_cost=memory).derive(passphrase)
    if kdf["name"] == "scrypt":
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2 <= n <= _MAX_SCRYPT_N and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("implausible scrypt parameters")
        return Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase)
    raise ValueError(f"unknown key derivation {kdf['name']!r}")


def _new_kdf() -> dict:
    salt = _b64(os.urandom(16))
    if _argon2_available():
        return {"name": "argon2id", "salt": salt, **ARGON2_PARAMS}
    return {"name": "scrypt", "salt": salt, **SCRYPT_PARAMS}


class KeyFile:
    """``<library>.key``: how to get the data key back from the passphrase.

    Holds no secret in the clear: a salt, KDF parameters, a check value (an
    HMAC under a passphrase-derived key, as costly to attack as the KDF) and the
    data key wrapped with AES-256-GCM, whose associated data is the header, so
    the parameters cannot be altered undetected.
    """

    def __init__(self, header: dict, check: bytes, wrapped: bytes):
        self.header = header
        self.check = check
        self.wrapped = wrapped

    @staticmethod
    def _aad(header: dict) -> bytes:
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @classmethod
    def create(cls, passphrase: str, data_key: bytes) -> "KeyFile":
        header = {"format": KEY_FORMAT, "version": KEY_VERSION, "cipher": CIPHER,
                  "kdf": _new_kdf()}
        derived = _derive(passphrase_bytes(passphrase), header["kdf"])
        check = hmac.new(derived[32:], _CHECK_MESSAGE, sha256).digest()
        nonce = os.urandom(NONCE_BYTES)
        wrapped = nonce + AESGCM(derived[:32]).encrypt(nonce, data_key, cls._aad(header))
        return cls(header, check, wrapped)

    def unwrap(self, passphrase: str, path: Path) -> bytes:
        """The data key, or :class:`WrongPassphraseError` / :class:`TamperedError`."""
        try:
            derived = _derive(passphrase_bytes(passphrase), self.header["kdf"])
        except (KeyError, ValueError, TypeError) as exc:
            raise KeyFileError(f"The key file {key_file_path(path)} is damaged ({exc}).") from None
        check = hmac.new(derived[32:], _CHECK_MESSAGE, sha256).digest()
        if not hmac.compare_digest(check, self.check):
            raise WrongPassphraseError(path)
        try:
            nonce, sealed = self.wrapped[:NONCE_BYTES], self.wrapped[NONCE_BYTES:]
            data_key = AESGCM(derived[:32]).decrypt(nonce, sealed, self._aad(self.header))
        except (InvalidTag, ValueError):
            raise TamperedError("the key file", key_file_path(path)) from None
        if len(data_key) != 32:
            raise TamperedError("the key file", key_file_path(path))
        return data_key

    def to_bytes(self) -> bytes:
        doc = {**self.header, "check": _b64(self.check), "wrapped_key": _b64(self.wrapped)}
        return json.dumps(doc, indent=1, sort_keys=True).encode("utf-8") + b"\n"

    @classmethod
    def from_bytes(cls, data: bytes, path: Path) -> "KeyFile":
        try:
            doc = json.loads(data)
            if doc.get("format") != KEY_FORMAT:
                raise ValueError("not a Briefbook key file")
            if doc.get("version") != KEY_VERSION:
                raise ValueError(f"key file version {doc.get('version')!r} is not supported")
            if doc.get("cipher") != CIPHER:
                raise ValueError(f"cipher {doc.get('cipher')!r} is not supported")
            header = {k: doc[k] for k in ("format", "version", "cipher", "kdf")}
            if not isinstance(header["kdf"], dict):
                raise ValueError("no key derivation parameters")
            return cls(header, _unb64(doc["check"]), _unb64(doc["wrapped_key"]))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyFileError(f"The key file {path} is damaged or not a Briefbook key file "
                               f"({exc}).") from None

    @classmethod
    def read(cls, main: Path) -> "KeyFile":
        path = key_file_path(main)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileError(f"The library {main} is encrypted but its key file {path} is "
                               "missing; put back the copy that belongs with it.") from None
        return cls.from_bytes(data, path)


class EncryptedCodec:
    """Seals with AES-256-GCM under subkeys of the library's data key."""

    encrypted = True
    name = "aes-256-gcm"

    def __init__(self, data_key: bytes):
        if len(data_key) != 32:
            raise ValueError("the data key must be 32 bytes")
        self._aead = AESGCM(self._subkey(data_key, b"briefbook data v1"))
        self._name_key = self._subkey(data_key, b"briefbook media names v1")

    @staticmethod
    def _subkey(data_key: bytes, info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(data_key)

    @classmethod
    def generate(cls) -> tuple["EncryptedCodec", bytes]:
        data_key = AESGCM.generate_key(bit_length=256)
        return cls(data_key), data_key

    @classmethod
    def unlock(cls, main: Path, passphrase: str) -> "EncryptedCodec":
        """The codec of the encrypted library whose main file is *main*."""
        return cls(KeyFile.read(Path(main)).unwrap(passphrase, Path(main)))

    def forget(self) -> None:
        """Drop the keys (on lock).  Python cannot wipe memory; this drops references."""
        self._aead = None
        self._name_key = None

    def _cipher(self) -> AESGCM:
        if self._aead is None:
            raise CryptoError("the library is locked")
        return self._aead

    # -- the codec interface --------------------------------------------------------
    def _seal_raw(self, data: bytes, role: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._cipher().encrypt(nonce, bytes(data), _AAD_PREFIX + role.encode())

    def _open_raw(self, sealed: bytes, role: str) -> bytes:
        if len(sealed) < NONCE_BYTES + 16:
            raise TamperedError(f"an encrypted {role.partition(':')[0]}")
        try:
            return self._cipher().decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:],
                                          _AAD_PREFIX + role.encode())
        except InvalidTag:
            raise TamperedError(f"an encrypted {role.partition(':')[0]}") from None

    def seal(self, data: bytes, role: str = "snapshot") -> bytes:
        return SEALED_MAGIC + self._seal_raw(data, role)

    def open(self, data: bytes, role: str = "snapshot") -> bytes:
        if not data.startswith(SEALED_MAGIC):
            raise TamperedError(f"an encrypted {role.partition(':')[0]} (found unencrypted data)")
        return self._open_raw(data[len(SEALED_MAGIC):], role)

    def seal_line(self, data: bytes) -> bytes:
        return base64.urlsafe_b64encode(self._seal_raw(data, "journal"))

    def open_line(self, data: bytes) -> bytes:
        try:
            raw = base64.urlsafe_b64decode(data)
        except ValueError:
            raise TamperedError("a journal entry") from None
        return self._open_raw(raw, "journal")

    def media_name(self, data: bytes) -> str:
        if self._name_key is None:
            raise CryptoError("the library is locked")
        return hmac.new(self._name_key, data, sha256).hexdigest()


__all__ = ["CryptoError", "EncryptedCodec", "KeyFile", "KeyFileError", "PassphraseRequiredError",
           "StoreError", "TamperedError", "WeakPassphraseError", "WrongPassphraseError",
           "check_new_passphrase", "key_file_path"]
