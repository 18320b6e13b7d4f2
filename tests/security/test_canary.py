"""A canary put in a record and a photo is found nowhere on disk once the library is encrypted.

Scanned: the whole library folder (snapshot, journal, backups, media, key,
stray temp files) and the temp folder, which is pointed at a folder of the
test's own.  A positive control first proves the scanner finds the canary in a
plain library.
"""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from briefbook.cli import main
from briefbook.model import Official
from briefbook.store import lock_library, open_library
from briefbook.store import crypto

CANARY = "CANARY-3c9e1f-tuol-sleng-\u178f\u17bd\u17a2\u1784"   # Latin + Khmer
PASS = "a long enough passphrase"


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    monkeypatch.setattr(crypto, "ARGON2_PARAMS", {"iterations": 1, "lanes": 1, "memory_kib": 64})
    monkeypatch.setattr(crypto, "SCRYPT_PARAMS", {"n": 2 ** 4, "r": 8, "p": 1})


@pytest.fixture
def temp_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def canary_photo(seed: int) -> bytes:
    """A PNG carrying the canary in a text chunk (as photo metadata would)."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Description", f"{CANARY} {seed}")
    out = io.BytesIO()
    Image.new("RGB", (40, 50), (seed % 255, 120, 30)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def needles() -> list[bytes]:
    return [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), CANARY.encode("utf-16-be"),
            CANARY.split("-")[1].encode("ascii"), b"\x89PNG\r\n"]


def scan(*folders: Path) -> list[str]:
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                found += [f"{path.relative_to(folder.parent)}: {n!r}" for n in needles() if n in data]
    return found


def test_canary_is_nowhere_on_disk_after_save_autosave_backup_and_lock(tmp_path, temp_folder):
    folder = tmp_path / "library"
    path = folder / "library.json"
    passfile = tmp_path / "pass.txt"
    passfile.write_text(PASS + "\n", encoding="utf-8")

    # A plain library with the canary in it, its history in backups and the journal.
    assert main(["--db", str(path), "sample"]) == 0
    with open_library(path) as lib:
        for i in range(3):
            photo = lib.add_photo(canary_photo(i))
            lib.put(Official(id="canary-official", name="Canary Official", photo=photo,
                             biography=[f"{CANARY} paragraph {i}"]))
            lib.compact()
    assert scan(folder), "positive control: the scanner must see the canary in a plain library"

    # Encrypt through the real CLI.
    assert main(["--db", str(path), "--passphrase-file", str(passfile), "encrypt"]) == 0
    assert scan(folder, temp_folder) == []

    # Save, autosave-like repeated puts, new photos, compactions (backups), then lock.
    lib = open_library(path, PASS)
    for i in range(12):
        official = lib.get("official:canary-official")
        official.biography = [f"{CANARY} autosave {i}"]
        if i % 4 == 0:
            official.photo = lib.add_photo(canary_photo(100 + i))
        lib.put(official)
        if i % 5 == 4:
            lib.compact()
    assert scan(folder, temp_folder) == []          # while unlocked, too: only sealed bytes
    lock_library(lib)
    assert scan(folder, temp_folder) == []
    assert list((folder / "library.json.backups").iterdir())
    assert len(list((folder / "media").iterdir())) >= 6

    # Reading through the CLI writes nothing readable either.
    assert main(["--db", str(path), "--passphrase-file", str(passfile), "list", "officials"]) == 0
    assert main(["--db", str(path), "--passphrase-file", str(passfile), "search", "Canary"]) == 0
    assert scan(folder, temp_folder) == []

    # And the canary is really in there: the right passphrase gets it back.
    with open_library(path, PASS, read_only=True) as lib:
        official = lib.get("official:canary-official")
        assert official.biography == [f"{CANARY} autosave 11"]
        assert CANARY.encode() in lib.photo_bytes(official.photo)
