"""Trim the ICU data that icu4py bundles down to what line and word breaking read (Linux builds).

Why: the Linux bundle carries two ICUs. Qt links its own ICU 73 (libicudata 31 MB); icu4py, which
``briefbook.export.linebreak`` uses for Khmer/Thai/Lao/Burmese dictionary breaks and CJK word
breaks, ships ICU 78 with the complete data library (``libicudata-*.so.78``, 33 MB: every locale,
collation, time zone, converter ...). The app asks icu4py only for break iterators, which read the
``brkitr/`` tree (rules and dictionaries), the NFKC normaliser (CJK dictionary) and a few root
resources. Everything else is dead weight in a bundle that has to fit the 200 MB goal.

How, with ICU's own tools rather than by hand (Debian packages ``icu-devtools`` and ``binutils``):

1. ``objcopy`` copies the data blob (symbol ``icudtNN_dat``, the library's only content) out of
   ``libicudata`` - it is an ordinary ICU ``.dat`` package;
2. ``icupkg`` lists its items, extracts the ones in :data:`KEEP` and writes a new package;
3. ``genccode`` turns that package into an object file defining ``icudtNN_dat`` for the same CPU;
   ``ld`` links it into a shared library with the original SONAME, so icu4py's ``libicuuc``
   loads it unchanged;
4. the result is checked, not trusted: a child Python with icu4py pointed at the trimmed library
   must cut :data:`CHECK_TEXTS` (and any extra texts, e.g. the seed articles) exactly as the full
   data does, with every breaker and several locales. Any difference keeps the full library.

Anything missing (not Linux, tools not installed, an unexpected library layout) returns ``None``
with a reason, and the build goes on with the full data. Nothing here runs in the app.
"""
from __future__ import annotations

import fnmatch
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("objcopy", "nm", "objdump", "ld", "icupkg", "genccode")

# What break iteration reads. The brkitr tree whole (rules for every breaker, the Khmer, Thai, Lao,
# Burmese and CJ dictionaries, per-locale tailorings); the NFKC data the CJK dictionary engine
# normalises with; the root resources locale fallback walks through.
KEEP = (
    "brkitr/*",
    "nfkc.nrm",
    "root.res", "pool.res", "res_index.res", "km.res", "km_*.res",
    "langInfo.res", "supplementalData.res", "metadata.res", "keyTypeData.res",
    "icuver.res", "icustd.res",
    "cnvalias.icu", "ulayout.icu", "uemoji.icu",
)

# A little of every script the app prints, and of every script ICU breaks with a dictionary.
CHECK_TEXTS = (
    "ក្រសួងការបរទេសនិងសហប្រតិបត្តិការអន្តរជាតិ នៃព្រះរាជាណាចក្រកម្ពុជា",
    "王毅会见柬埔寨副首相兼外交大臣。中国—东盟全面战略伙伴关系",
    "日本語のテキストとカタカナ", "한국어 텍스트",
    "ประเทศไทยและกัมพูชา", "ພາສາລາວ ແລະ ປະເທດລາວ", "မြန်မာဘာသာစကား",
    "The ASEAN–China Comprehensive Strategic Partnership (2021), e\u0301te\u0301 12.5% \U0001F44D\U0001F3FD",
)
BREAKERS = ("CharacterBreaker", "LineBreaker", "WordBreaker", "SentenceBreaker")
LOCALES = ("km", "en", "zh", "th", "root")

_SEGMENT_SCRIPT = r"""
import json, sys
from icu4py import breakers
texts = json.load(sys.stdin)
out = [[list(getattr(breakers, b)(t, loc)) for b in %r for loc in %r] for t in texts]
json.dump(out, sys.stdout)
""" % (BREAKERS, LOCALES)


class TrimError(Exception):
    """Why the data could not be trimmed (the build then keeps the full library)."""


@dataclass(frozen=True)
class Trimmed:
    library: Path          # the new libicudata, same file name and SONAME as the original
    original_bytes: int
    trimmed_bytes: int
    items: int             # ICU data items kept
    checked_texts: int


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _run(args: list[str], **kwargs) -> str:
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise TrimError(f"{Path(args[0]).name} failed: {(result.stderr or result.stdout).strip()}")
    return result.stdout


def _entry_point(library: Path) -> tuple[str, int]:
    """(``icudtNN``, size of the blob) from the library's exported ``icudtNN_dat`` symbol."""
    for line in _run(["nm", "-D", "-S", "--defined-only", str(library)]).splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            return parts[3][: -len("_dat")], int(parts[1], 16)
    raise TrimError(f"{library.name} exports no icudtNN_dat symbol")


def _soname(library: Path) -> str:
    match = re.search(r"^\s*SONAME\s+(\S+)", _run(["objdump", "-p", str(library)]), re.MULTILINE)
    return match.group(1) if match else library.name


def _keep(items: list[str]) -> list[str]:
    kept = [item for item in items if any(fnmatch.fnmatchcase(item, p) for p in KEEP)]
    if not any(item.startswith("brkitr/") and item.endswith(".dict") for item in kept):
        raise TrimError("the ICU data has no break dictionaries (brkitr/*.dict)")
    return kept


def _segment(package_root: Path, libs: Path, texts: list[str]) -> list:
    """Segment *texts* in a child Python whose icu4py is *package_root*/icu4py."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME", "ICU_DATA")}
    env["PYTHONPATH"] = str(package_root)
    result = subprocess.run([sys.executable, "-c", _SEGMENT_SCRIPT],
                            input=json.dumps(texts), capture_output=True, text=True, env=env,
                            cwd=package_root, timeout=300)
    if result.returncode != 0:
        raise TrimError(f"segmenting with {libs} failed: {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout)


def _package_dirs() -> tuple[Path, Path]:
    spec = importlib.util.find_spec("icu4py")
    if spec is None or not spec.submodule_search_locations:
        raise TrimError("icu4py is not installed")
    package = Path(next(iter(spec.submodule_search_locations)))
    libs = package.parent / "icu4py.libs"
    if not libs.is_dir():
        raise TrimError(f"{libs} does not exist (icu4py not from a manylinux wheel?)")
    return package, libs


def trim(library: Path, out_dir: Path, extra_texts: list[str] = ()) -> Trimmed:
    """Build a trimmed copy of icu4py's *library* (``libicudata-*.so.NN``) in *out_dir*.

    Raises :class:`TrimError` when it cannot be built or does not segment exactly like the
    original; *library* itself is never modified.
    """
    if not sys.platform.startswith("linux"):
        raise TrimError("only done on Linux (Qt bundles no ICU of its own elsewhere)")
    tools = missing_tools()
    if tools:
        raise TrimError(f"{', '.join(tools)} not found (Debian packages icu-devtools, binutils)")
    package, libs = _package_dirs()
    entry, blob_size = _entry_point(library)
    soname = _soname(library)
    package_name = entry + ("l" if sys.byteorder == "little" else "b")

    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        work = Path(tmp)
        full = work / f"{package_name}.dat"
        _run(["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(full)])
        if full.stat().st_size != blob_size:
            raise TrimError(f"{library.name}: .rodata is not just the ICU data blob "
                            f"({full.stat().st_size} bytes vs {blob_size})")
        items = _run(["icupkg", "-l", str(full)]).split()
        kept = _keep(items)
        listing = work / "keep.txt"
        listing.write_text("\n".join(kept) + "\n", encoding="utf-8")
        extracted = work / "items"
        extracted.mkdir()
        _run(["icupkg", "-x", str(listing), "-d", str(extracted), str(full)])
        small_dir = work / "small"
        small_dir.mkdir()
        _run(["icupkg", "-a", str(listing), "-s", str(extracted), "new",
              str(small_dir / full.name)])
        _run(["genccode", "-q", "-o", "-m", str(library), "-e", entry, "-d", str(work),
              str(small_dir / full.name)])
        objects = list(work.glob("*.o"))
        if len(objects) != 1:
            raise TrimError(f"genccode wrote {len(objects)} object files, expected one")
        built = work / library.name
        _run(["ld", "-shared", "-soname", soname, "-o", str(built), str(objects[0])])
        if _entry_point(built)[0] != entry:
            raise TrimError(f"the linked library does not export {entry}_dat")

        # Check: a copy of icu4py with the trimmed library must segment exactly like the original.
        trial = work / "trial"
        shutil.copytree(package, trial / package.name,
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(libs, trial / libs.name)
        shutil.copy2(built, trial / libs.name / library.name)
        texts = list(CHECK_TEXTS) + [t for t in extra_texts if t.strip()]
        original_root = package.parent
        if (libs / library.name).resolve() != library.resolve():
            # the library to trim is not the installed one: compare against a copy holding it
            original_root = work / "original"
            shutil.copytree(package, original_root / package.name,
                            ignore=shutil.ignore_patterns("__pycache__"))
            shutil.copytree(libs, original_root / libs.name)
            shutil.copy2(library, original_root / libs.name / library.name)
        expected = _segment(original_root, libs, texts)
        got = _segment(trial, trial / libs.name, texts)
        if got != expected:
            bad = next(i for i, (a, b) in enumerate(zip(got, expected)) if a != b)
            raise TrimError(f"trimmed data segments differently, e.g. {texts[bad][:40]!r}")

        destination = out_dir / library.name
        shutil.copy2(built, destination)
    return Trimmed(destination, library.stat().st_size, destination.stat().st_size,
                   len(kept), len(texts))
