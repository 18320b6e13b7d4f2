"""packaging/icu_data.py: icu4py's ICU data trimmed to what break iteration reads, and checked.

Runs on Linux with icu-devtools and binutils (``.ci/run`` installs both); about a second.
"""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
import icu_data  # noqa: E402

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux builds only"),
    pytest.mark.skipif(bool(icu_data.missing_tools()),
                       reason=f"needs {', '.join(icu_data.missing_tools())} (.ci/run installs them)"),
]


def installed_data_library() -> Path:
    spec = importlib.util.find_spec("icu4py")
    libs = Path(next(iter(spec.submodule_search_locations))).parent / "icu4py.libs"
    found = sorted(libs.glob("libicudata*"))
    assert len(found) == 1, found
    return found[0]


def segment_with(libs_dir: Path, tmp_path: Path, text: str) -> list[str]:
    """Line-break *text* in a child Python whose icu4py loads its libraries from *libs_dir*."""
    package = Path(next(iter(importlib.util.find_spec("icu4py").submodule_search_locations)))
    root = tmp_path / "site"
    if not root.exists():
        import shutil
        shutil.copytree(package, root / "icu4py", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(libs_dir, root / "icu4py.libs")
    code = ("import json,sys; from icu4py.breakers import LineBreaker; "
            "print(json.dumps(list(LineBreaker(sys.argv[1], 'km'))))")
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True,
                         env=env, check=True, cwd=tmp_path)
    return json.loads(out.stdout)


def test_trimmed_library_is_small_and_breaks_khmer_into_words(tmp_path):
    original = installed_data_library()
    before = original.read_bytes()

    trimmed = icu_data.trim(original, tmp_path / "out", ["ព្រះរាជាណាចក្រកម្ពុជា"])

    assert original.read_bytes() == before, "the installed library must not be touched"
    assert trimmed.library.name == original.name
    assert trimmed.trimmed_bytes < 8 * 1024 * 1024 < trimmed.original_bytes
    assert trimmed.checked_texts == len(icu_data.CHECK_TEXTS) + 1
    # the trimmed library really is what a child icu4py loads, and it still has the dictionary
    libs = tmp_path / "libs"
    libs.mkdir()
    for lib in original.parent.iterdir():
        (libs / lib.name).write_bytes(lib.read_bytes())
    (libs / original.name).write_bytes(trimmed.library.read_bytes())
    assert segment_with(libs, tmp_path, "ក្រសួងការបរទេសនិងសហប្រតិបត្តិការអន្តរជាតិ") == [
        "ក្រសួង", "ការបរទេស", "និង", "សហប្រតិបត្តិ", "ការអន្តរជាតិ"]


def test_trimming_too_much_is_caught_by_the_segmentation_check(tmp_path, monkeypatch):
    # without the NFKC data the CJK dictionary engine cannot start: Chinese words change
    monkeypatch.setattr(icu_data, "KEEP", tuple(p for p in icu_data.KEEP if p != "nfkc.nrm"))
    with pytest.raises(icu_data.TrimError, match="segments differently"):
        icu_data.trim(installed_data_library(), tmp_path / "out")
    assert not (tmp_path / "out" / installed_data_library().name).exists()


def test_a_library_without_dictionaries_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(icu_data, "KEEP", ("root.res", "pool.res"))
    with pytest.raises(icu_data.TrimError, match="no break dictionaries"):
        icu_data.trim(installed_data_library(), tmp_path / "out")


def test_something_that_is_not_icu_data_is_refused(tmp_path):
    not_icu = installed_data_library().parent
    other = next(p for p in not_icu.iterdir() if not p.name.startswith("libicudata"))
    with pytest.raises(icu_data.TrimError, match="icudtNN_dat"):
        icu_data.trim(other, tmp_path / "out")
