"""SIGKILL at random moments: the encrypted form keeps every acknowledged commit, and an
encryption conversion killed at any step leaves one complete library, plain or encrypted."""
from __future__ import annotations

import io
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from briefbook.model import Official
from briefbook.store import Library, crypto, is_encrypted, open_library
from briefbook.store.codec import SEALED_MAGIC
from briefbook.store.conversion import encrypt_library

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

PASS = "crash test passphrase"
ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("encryption_crash_child.py")
KILLS = 25
CONVERSION_KILLS = 16


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch):
    monkeypatch.setattr(crypto, "ARGON2_PARAMS", {"iterations": 1, "lanes": 1, "memory_kib": 64})
    monkeypatch.setattr(crypto, "SCRYPT_PARAMS", {"n": 2 ** 4, "r": 8, "p": 1})


def _spawn(mode: str, path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT), BRIEFBOOK_PASSPHRASE=PASS)
    return subprocess.Popen([sys.executable, str(CHILD), mode, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def test_sigkill_loses_no_acknowledged_commit_of_an_encrypted_library(tmp_path):
    path = tmp_path / "lib" / "library.json"
    encrypt_library(path, PASS)
    rng = random.Random(20240530)
    acked = 0
    for round_no in range(KILLS):
        child = _spawn("writer", path)
        ready = child.stdout.readline()
        assert ready.startswith("READY"), child.stderr.read()
        assert int(ready.split()[1]) >= acked, f"round {round_no}: the library went back"
        for _ in range(rng.randint(0, 30)):
            line = child.stdout.readline()
            assert line.startswith("ACK"), child.stderr.read()
            acked = max(acked, int(line.split()[1]))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        for line in rest.splitlines():
            if line.startswith("ACK"):
                acked = max(acked, int(line.split()[1]))
    with open_library(path, PASS) as lib:
        assert int(lib.get("official:counter").name) >= acked
        missing = [n for n in range(1, acked + 1) if not lib.exists(f"official:o{n}")]
        assert not missing, f"acknowledged commits lost: {missing[:10]}"
        files = lib.files
    backups = files.list_backups()
    assert backups and all(b.read_bytes().startswith(SEALED_MAGIC) for b in backups)
    for item in path.parent.rglob("*"):
        if item.is_file():
            assert b"Official 1" not in item.read_bytes(), item
    assert acked > KILLS


def _photo(i: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (i * 40 % 256, 0, 0)).save(out, "PNG")
    return out.getvalue()


def test_conversion_killed_at_any_step_leaves_one_complete_library(tmp_path):
    template = tmp_path / "template"
    with Library.open(template / "library.json") as lib:
        for i in range(4):
            name = lib.add_photo(_photo(i))
            lib.put(Official(id=f"o{i}", name=f"Plain Official {i}", photo=name))
            lib.compact()
    lib = Library.open(template / "library.json")
    lib.put(Official(id="tail", name="Plain Official tail"))
    lib._storage.close()
    lib._lock.release()
    lib._storage = None

    # How many steps a whole conversion takes.
    work = tmp_path / "count"
    shutil.copytree(template, work)
    child = _spawn("convert", work / "library.json")
    out, err = child.communicate()
    assert "DONE" in out, err
    steps = [line for line in out.splitlines() if line.split()[0] in ("WRITE", "REMOVE", "REPLACE")]
    assert len(steps) > 10

    outcomes = set()
    for round_no in range(CONVERSION_KILLS):
        kill_after = round_no * len(steps) // (CONVERSION_KILLS - 1)   # every phase gets hit
        work = tmp_path / f"round-{round_no}"
        shutil.copytree(template, work)
        path = work / "library.json"
        child = _spawn("convert", path)
        assert child.stdout.readline().startswith("READY"), child.stderr.read()
        for _ in range(kill_after):
            if not child.stdout.readline():
                break
        child.send_signal(signal.SIGKILL)
        child.communicate()
        encrypted = is_encrypted(path)
        outcomes.add(encrypted)
        lib = open_library(path, PASS if encrypted else None)
        with lib:
            assert {o.id for o in lib.officials()} == {"o0", "o1", "o2", "o3", "tail"}
            for i in range(4):
                assert lib.photo_bytes(lib.get(f"official:o{i}").photo) == _photo(i)
        leftovers = [p.name for p in work.iterdir() if p.name.endswith((".converting", ".convert"))]
        assert not leftovers, f"round {round_no}: {leftovers}"
        if encrypted:
            for item in work.rglob("*"):
                if item.is_file():
                    assert b"Plain Official" not in item.read_bytes(), item
                    assert b"\x89PNG" not in item.read_bytes(), item
    assert outcomes == {True, False}    # kills landed both before and after the commit
