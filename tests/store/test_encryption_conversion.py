"""Plain <-> encrypted conversion, re-keying and passphrase change: atomic and complete."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from briefbook.model import Official
from briefbook.store import Library, LibraryLockedError, StoreError, is_encrypted, open_library
from briefbook.store import conversion, crypto
from briefbook.store.codec import SEALED_MAGIC
from briefbook.store.conversion import (change_passphrase, decrypt_library, encrypt_library)
from briefbook.store.crypto import WrongPassphraseError

PASS, NEW = "correct horse battery", "a different passphrase"
CANARY = "CANARY-7f3a-plaintext-must-vanish"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    monkeypatch.setattr(crypto, "ARGON2_PARAMS", {"iterations": 1, "lanes": 1, "memory_kib": 64})
    monkeypatch.setattr(crypto, "SCRYPT_PARAMS", {"n": 2 ** 4, "r": 8, "p": 1})


def photo(color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), color).save(out, "PNG")
    return out.getvalue()


def files_containing(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.fixture
def plain_lib(tmp_path) -> Path:
    """A plain library with history: several snapshots (backups), a journal tail, photos."""
    path = tmp_path / "lib" / "library.json"
    with Library.open(path) as lib:
        for i in range(3):
            name = lib.add_photo(photo((i * 60, 10, 10)))
            lib.put(Official(id=f"o-{i}", name=f"Official {i}", photo=name,
                             biography=[f"{CANARY} {i}"]))
            lib.compact()
    lib = Library.open(path)
    lib.put(Official(id="tail", name="Only in the journal", biography=[CANARY]))
    lib._storage.close()       # left as a crash would: the last change only in the journal
    lib._lock.release()
    lib._storage = None
    return path


def test_encrypt_then_decrypt_keeps_everything(plain_lib):
    folder = plain_lib.parent
    assert files_containing(folder, CANARY.encode())       # plaintext everywhere before
    report = encrypt_library(plain_lib, PASS)
    assert report.photos == 3 and report.backups >= 2 and not report.dropped_backups
    assert is_encrypted(plain_lib)
    assert files_containing(folder, CANARY.encode()) == []
    assert files_containing(folder, b"\x89PNG") == []
    assert not (folder / "library.json.journal").exists()
    assert not list(folder.glob("*.converting")) and not (folder / "library.json.convert").exists()
    for backup in (folder / "library.json.backups").iterdir():
        assert backup.read_bytes().startswith(SEALED_MAGIC)
    with open_library(plain_lib, PASS) as lib:
        assert {o.id for o in lib.officials()} == {"o-0", "o-1", "o-2", "tail"}
        for i in range(3):
            assert lib.photo_bytes(lib.get(f"official:o-{i}").photo) == photo((i * 60, 10, 10))
    decrypt_library(plain_lib, PASS)
    assert not is_encrypted(plain_lib) and not (folder / "library.json.key").exists()
    assert files_containing(folder, SEALED_MAGIC) == []
    with Library.open(plain_lib) as lib:
        assert lib.get("official:tail").biography == [CANARY]
        assert lib.photo_bytes(lib.get("official:o-1").photo) == photo((60, 10, 10))


def test_backups_made_before_encryption_are_resealed_and_usable(plain_lib):
    from briefbook.store.crypto import EncryptedCodec
    from briefbook.store.recovery import restore_newest_backup
    encrypt_library(plain_lib, PASS)
    plain_lib.write_bytes(b"\0" * 100)              # damage the main file
    codec = EncryptedCodec.unlock(plain_lib, PASS)
    restore_newest_backup(plain_lib, codec)
    with open_library(plain_lib, PASS) as lib:
        official = lib.get("official:o-1")
        assert official is not None
        assert lib.photo_bytes(official.photo) == photo((60, 10, 10))   # renamed photo followed
    # the damaged file kept beside it is plaintext-free too
    for damaged in plain_lib.parent.glob("library.json.damaged-*"):
        assert CANARY.encode() not in damaged.read_bytes()


def test_damaged_leftovers_from_an_earlier_restore_are_sealed(plain_lib):
    leftover = plain_lib.with_name("library.json.damaged-20240101T000000Z")
    leftover.write_bytes(f'{{"officials": {{"x": "{CANARY}"'.encode())
    encrypt_library(plain_lib, PASS)
    assert leftover.read_bytes().startswith(SEALED_MAGIC)
    decrypt_library(plain_lib, PASS)
    assert CANARY.encode() in leftover.read_bytes()      # given back when decrypting


def test_change_passphrase_rewraps_only_the_key(plain_lib):
    encrypt_library(plain_lib, PASS)
    folder = plain_lib.parent
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.suffix != ".key"}
    key_before = (folder / "library.json.key").read_bytes()
    with pytest.raises(WrongPassphraseError):
        change_passphrase(plain_lib, "not it at all", NEW)
    assert change_passphrase(plain_lib, PASS, NEW) is None
    assert (folder / "library.json.key").read_bytes() != key_before
    assert {p: p.read_bytes() for p in before} == before          # data untouched
    with pytest.raises(WrongPassphraseError):
        open_library(plain_lib, PASS)
    with open_library(plain_lib, NEW) as lib:
        assert lib.exists("official:tail")


def test_change_passphrase_while_open(plain_lib):
    encrypt_library(plain_lib, PASS)
    with open_library(plain_lib, PASS) as lib:
        change_passphrase(plain_lib, PASS, NEW, library=lib)
        lib.put(Official(id="after", name="After"))
    with open_library(plain_lib, NEW) as lib:
        assert lib.exists("official:after")


def test_rekey_makes_an_old_key_file_useless(plain_lib):
    encrypt_library(plain_lib, PASS)
    folder = plain_lib.parent
    old_key = (folder / "library.json.key").read_bytes()
    change_passphrase(plain_lib, PASS, NEW, rekey=True)
    (folder / "library.json.key").write_bytes(old_key)    # an attacker's old copy + old passphrase
    with pytest.raises(crypto.TamperedError):
        open_library(plain_lib, PASS)


def test_conversion_refused_while_open_and_for_shared_folders(plain_lib, tmp_path):
    with Library.open(plain_lib):
        with pytest.raises(LibraryLockedError):
            encrypt_library(plain_lib, PASS)
    with Library.open(plain_lib.with_name("other.json")) as other:
        other.put(Official(id="x-y", name="X Y"))
    with pytest.raises(StoreError, match="shares its folder"):
        encrypt_library(plain_lib, PASS)
    assert not is_encrypted(plain_lib)


@pytest.mark.parametrize("fail_at", ["media", "backups", "snapshot"])
def test_crash_before_commit_leaves_the_old_form(plain_lib, monkeypatch, fail_at):
    real = conversion.atomic_write

    def failing(path, data):
        kind = ("media" if path.parent.name.startswith("media") else
                "backups" if path.parent.name.endswith(".backups.converting") else
                "snapshot" if path.name == "library.json.converting" else "other")
        if kind == fail_at:
            raise OSError("disk full")
        real(path, data)
    monkeypatch.setattr(conversion, "atomic_write", failing)
    with pytest.raises(OSError):
        encrypt_library(plain_lib, PASS)
    monkeypatch.undo()
    folder = plain_lib.parent
    assert not is_encrypted(plain_lib)
    assert not [p for p in folder.iterdir() if p.name.endswith(".converting")]
    with Library.open(plain_lib) as lib:
        assert lib.exists("official:tail") and lib.exists("official:o-2")


def test_crash_after_commit_is_finished_by_the_next_open(plain_lib, monkeypatch):
    monkeypatch.setattr(conversion, "_finish", lambda files, plan: None)   # power cut at commit
    encrypt_library(plain_lib, PASS)
    monkeypatch.undo()
    folder = plain_lib.parent
    assert (folder / "library.json.convert").exists()
    assert is_encrypted(plain_lib)                      # the commit decides
    with open_library(plain_lib, PASS) as lib:
        assert lib.exists("official:tail")
        assert lib.photo_bytes(lib.get("official:o-0").photo) == photo((0, 10, 10))
    assert not (folder / "library.json.convert").exists()
    assert files_containing(folder, CANARY.encode()) == []


def test_crash_midway_through_finishing_is_finished_read_only_too(plain_lib, monkeypatch):
    real_remove = conversion._remove

    def cut_on_journal(path):
        if path.name.endswith(".journal"):
            raise OSError("power cut")
        real_remove(path)
    monkeypatch.setattr(conversion, "_remove", cut_on_journal)
    with pytest.raises(OSError):
        encrypt_library(plain_lib, PASS)
    monkeypatch.undo()
    assert (plain_lib.parent / "library.json.convert").exists()
    with open_library(plain_lib, PASS, read_only=True) as lib:
        assert lib.exists("official:tail")
    assert files_containing(plain_lib.parent, CANARY.encode()) == []
