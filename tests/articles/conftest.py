"""Fixtures for the article importer: seed articles, empty and sample libraries, the real CLI."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefbook.sample import load_sample
from briefbook.store import Library

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
# The project's two seed articles (copies of shared/seeds, so the suite is self-contained).
SEED_2024 = DATA / "seeds" / "000_a583d7b36fd98a7b.txt"
SEED_2019 = DATA / "seeds" / "002_cc05a888fb15b622.txt"


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "lib" / "library.json")
    yield lib
    lib.close()


@pytest.fixture
def sample_library(library):
    load_sample(library)
    return library


def run_briefbook(*args: str) -> subprocess.CompletedProcess:
    """``python -m briefbook ARGS`` in a subprocess, as a user would run it."""
    env = dict(os.environ)
    env.pop("BRIEFBOOK_DB", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "briefbook", *args], capture_output=True,
                          text=True, env=env, timeout=300)
