"""The encrypted library: right/wrong passphrase, tampering, crash safety and backups."""
from __future__ import annotations

import io
import json
import zlib
from pathlib import Path

import orjson
import pytest
from PIL import Image

from briefbook.model import Official
from briefbook.store import Library, StoreError, is_encrypted, open_library
from briefbook.store import crypto
from briefbook.store.codec import SEALED_MAGIC, PlainCodec
from briefbook.store.conversion import encrypt_library
from briefbook.store.crypto import (EncryptedCodec, KeyFileError, PassphraseRequiredError,
                                    TamperedError, WeakPassphraseError, WrongPassphraseError)
from briefbook.store.recovery import restore_newest_backup

PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    """Key derivation at test cost (the parameters are stored in each key file)."""
    monkeypatch.setattr(crypto, "ARGON2_PARAMS", {"iterations": 1, "lanes": 1, "memory_kib": 64})
    monkeypatch.setattr(crypto, "SCRYPT_PARAMS", {"n": 2 ** 4, "r": 8, "p": 1})


def png_bytes(color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (24, 32), color).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def lib_path(tmp_path) -> Path:
    path = tmp_path / "lib" / "library.json"
    encrypt_library(path, PASS)
    return path


def test_new_encrypted_library_round_trips(lib_path):
    assert is_encrypted(lib_path)
    with open_library(lib_path, PASS) as lib:
        photo = lib.add_photo(png_bytes())
        lib.put(Official(id="a-b", name="A B", biography=["Born somewhere."], photo=photo))
    with open_library(lib_path, PASS, read_only=True) as lib:
        official = lib.get("official:a-b")
        assert official.biography == ["Born somewhere."]
        assert lib.photo_bytes(official.photo) == png_bytes()
    assert lib_path.read_bytes().startswith(SEALED_MAGIC)
    key = json.loads((lib_path.parent / "library.json.key").read_text())
    assert key["cipher"] == "AES-256-GCM" and key["kdf"]["name"] in ("argon2id", "scrypt")


def test_wrong_missing_and_weak_passphrases(lib_path, tmp_path):
    with pytest.raises(WrongPassphraseError, match="Wrong passphrase"):
        open_library(lib_path, "not the passphrase")
    with pytest.raises(PassphraseRequiredError, match="encrypted"):
        open_library(lib_path)
    with pytest.raises(PassphraseRequiredError):
        Library.open(lib_path)               # no codec: refused, not read as garbage
    with pytest.raises(WeakPassphraseError):
        encrypt_library(tmp_path / "other" / "x.json", "short")
    # a wrong passphrase took no lock and changed nothing: the right one still opens it
    with open_library(lib_path, PASS) as lib:
        assert lib.is_empty


def test_passphrase_is_unicode_normalised(tmp_path):
    path = tmp_path / "n" / "library.json"
    encrypt_library(path, "Caf\u00e9 de la Gare")           # composed é
    with open_library(path, "Cafe\u0301 de la Gare") as lib:  # decomposed é
        assert lib.is_empty


def test_every_seal_uses_a_fresh_nonce_and_is_bound_to_its_role():
    codec, _ = EncryptedCodec.generate()
    first, second = codec.seal(b"same bytes"), codec.seal(b"same bytes")
    assert first != second
    assert codec.open(first) == codec.open(second) == b"same bytes"
    assert codec.seal_line(b"x") != codec.seal_line(b"x")
    photo = codec.seal(b"photo", "media:" + "a" * 64 + ".png")
    with pytest.raises(TamperedError):
        codec.open(photo, "snapshot")           # a photo cannot pose as the snapshot
    with pytest.raises(TamperedError):
        codec.open(photo, "media:" + "b" * 64 + ".png")   # nor as another photo
    with pytest.raises(TamperedError):
        codec.open_line(codec.seal(b"x")[len(SEALED_MAGIC):])
    other, _ = EncryptedCodec.generate()
    with pytest.raises(TamperedError):
        other.open(first)                       # another library's key


def test_photo_names_do_not_reveal_the_photo(lib_path):
    import hashlib
    data = png_bytes()
    with open_library(lib_path, PASS) as lib:
        name = lib.add_photo(data)
        assert lib.add_photo(data) == name      # still content-addressed (stored once)
    assert not name.startswith(hashlib.sha256(data).hexdigest())
    stored = (lib_path.parent / "media" / name).read_bytes()
    assert stored.startswith(SEALED_MAGIC) and b"PNG" not in stored


def test_tampered_snapshot_is_reported_not_read(lib_path):
    with open_library(lib_path, PASS) as lib:
        lib.put(Official(id="a-b", name="A B"))
        lib.compact()
        lib.put(Official(id="c-d", name="C D"))
    raw = bytearray(lib_path.read_bytes())
    raw[len(SEALED_MAGIC) + 20] ^= 0x01
    lib_path.write_bytes(bytes(raw))
    with pytest.raises(TamperedError, match="integrity check") as caught:
        open_library(lib_path, PASS)
    assert str(lib_path) in str(caught.value)
    assert caught.value.backup is not None                     # points at the backup
    assert lib_path.read_bytes() == bytes(raw)                 # left untouched
    # restore-backup works on the encrypted form with the library's key
    codec = EncryptedCodec.unlock(lib_path, PASS)
    restore_newest_backup(lib_path, codec)
    with open_library(lib_path, PASS) as lib:
        assert lib.exists("official:a-b")


def test_plaintext_swapped_in_for_the_snapshot_is_refused(lib_path):
    with open_library(lib_path, PASS) as lib:
        lib.put(Official(id="a-b", name="A B"))
    lib_path.write_bytes(orjson.dumps({"officials": {"evil": {"id": "evil", "name": "Evil"}}}))
    with pytest.raises(TamperedError):
        open_library(lib_path, PASS)


def _crash(lib) -> None:
    """Drop an open library as a killed process would: no compaction, lock released by the OS."""
    if lib._storage._journal_handle is not None:
        lib._storage._journal_handle.close()
    lib._lock.release()
    lib._storage = None


def test_tampered_journal_line_is_reported_even_with_a_valid_checksum(lib_path):
    lib = open_library(lib_path, PASS)
    lib.put(Official(id="a-b", name="A B"))
    lib.put(Official(id="c-d", name="C D"))
    journal = lib.files.journal
    _crash(lib)
    snapshot = lib_path.read_bytes()
    lines = journal.read_bytes().split(b"\n")
    assert len(lines) == 3 and lines[-1] == b""
    body = bytearray(lines[0][9:])
    body[30] = ord("A") if body[30] != ord("A") else ord("B")   # still valid base64
    forged = b"%08x" % (zlib.crc32(bytes(body)) & 0xFFFFFFFF) + b" " + bytes(body)
    journal.write_bytes(forged + b"\n" + lines[1] + b"\n")
    with pytest.raises(TamperedError, match="journal"):
        open_library(lib_path, PASS)
    assert lib_path.read_bytes() == snapshot


def test_torn_last_journal_line_loses_only_the_unacknowledged_commit(lib_path):
    lib = open_library(lib_path, PASS)
    lib.put(Official(id="a-b", name="A B"))
    lib.put(Official(id="c-d", name="C D"))
    journal = lib.files.journal
    _crash(lib)
    data = journal.read_bytes()
    journal.write_bytes(data[:-25])   # the second commit was torn mid-write
    with open_library(lib_path, PASS) as lib:
        assert lib.exists("official:a-b")
        assert not lib.exists("official:c-d")


def test_acknowledged_commits_survive_a_crash_and_backups_are_sealed(lib_path):
    lib = open_library(lib_path, PASS)
    for i in range(4):
        lib.put(Official(id=f"o-{i}", name=f"Official {i}", biography=[f"text {i}"]))
        lib.compact()                              # rolling backups of each snapshot
    lib.put(Official(id="last", name="Last"))      # only in the journal
    _crash(lib)
    with open_library(lib_path, PASS) as lib:
        assert {o.id for o in lib.officials()} == {"o-0", "o-1", "o-2", "o-3", "last"}
        backups = lib.files.list_backups()
    assert backups
    for backup in backups:
        raw = backup.read_bytes()
        assert raw.startswith(SEALED_MAGIC) and b"Official" not in raw
    codec = EncryptedCodec.unlock(lib_path, PASS)
    assert "officials" in orjson.loads(codec.open(backups[0].read_bytes()))


def test_interrupted_snapshot_write_leaves_the_old_one(lib_path, monkeypatch):
    from briefbook.store import journal_storage
    with open_library(lib_path, PASS) as lib:
        lib.put(Official(id="a-b", name="A B"))
    lib = open_library(lib_path, PASS)
    lib.put(Official(id="c-d", name="C D"))

    def power_cut(path, data):
        raise OSError("power cut")
    monkeypatch.setattr(journal_storage, "atomic_write", power_cut)
    with pytest.raises(OSError):
        lib.compact()
    monkeypatch.undo()
    _crash(lib)
    with open_library(lib_path, PASS) as lib:   # old snapshot + journal: nothing lost
        assert lib.exists("official:a-b") and lib.exists("official:c-d")


def test_missing_or_damaged_key_file(lib_path):
    with open_library(lib_path, PASS) as lib:
        lib.put(Official(id="a-b", name="A B"))
    key = lib_path.parent / "library.json.key"
    saved = key.read_bytes()
    key.unlink()
    assert is_encrypted(lib_path)                  # still known encrypted by its snapshot
    with pytest.raises(KeyFileError, match="key file .* is missing"):
        open_library(lib_path, PASS)
    doc = json.loads(saved)
    doc["wrapped_key"] = doc["wrapped_key"][:-8] + ("A" * 4 + doc["wrapped_key"][-4:])
    key.write_text(json.dumps(doc))
    with pytest.raises(TamperedError, match="key"):
        open_library(lib_path, PASS)
    doc = json.loads(saved)
    doc["kdf"]["memory_kib"] = 2 ** 40             # an absurd cost must not hang us
    key.write_text(json.dumps(doc))
    with pytest.raises(KeyFileError, match="damaged"):
        open_library(lib_path, PASS)
    key.write_text("not json")
    with pytest.raises(KeyFileError):
        open_library(lib_path, PASS)
    key.write_bytes(saved)
    with open_library(lib_path, PASS) as lib:
        assert lib.exists("official:a-b")


def test_plain_library_refuses_an_encrypting_codec(tmp_path):
    path = tmp_path / "plain.json"
    with Library.open(path) as lib:
        lib.put(Official(id="a-b", name="A B"))
    codec, _ = EncryptedCodec.generate()
    with pytest.raises(StoreError, match="not encrypted"):
        Library.open(path, codec=codec)
    with open_library(path, passphrase="ignored for a plain library") as lib:
        assert lib.exists("official:a-b")
    assert PlainCodec().media_name(b"x") != codec.media_name(b"x")


def test_lock_drops_the_keys(lib_path):
    from briefbook.store import lock_library
    lib = open_library(lib_path, PASS)
    lib.put(Official(id="a-b", name="A B"))
    codec = lib._storage.codec
    lock_library(lib)
    with pytest.raises(crypto.CryptoError, match="locked"):
        codec.seal(b"x")
    with open_library(lib_path, PASS) as lib:
        assert lib.exists("official:a-b")
