#!/usr/bin/env python3
"""Build the standalone Briefbook app and, where this OS allows, its installer.

    python build_installer.py            # or: make installer
    python build_installer.py --no-package --dist /tmp/bb/dist --work /tmp/bb/work

Steps:
1. keep ``briefbook/_version_fallback.py`` in step with ``pyproject.toml`` (the frozen app has no
   package metadata, so ``briefbook --version`` reads the fallback there);
2. PyInstaller (``packaging/briefbook.spec``) -> a one-folder app ``DIST/briefbook/`` holding Python,
   Qt, the ``briefbook`` package and ``resources/``;
3. check the frozen executable: ``--version`` must print the pyproject version and the build
   self-test must import every briefbook module and find the resources;
4. print the folder's size and what dominates it;
5. package for this OS: Linux ``.tar.gz`` (app + ``.desktop`` + icon + ``install.sh``), Windows
   Inno Setup installer when ``iscc`` is on PATH, macOS ``.app`` + ``.dmg`` via ``hdiutil``.
   Anything this OS cannot build is skipped with one clear line.

Exit status 0 on success, 1 when the build or a check fails.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "briefbook.spec"
FALLBACK = ROOT / "briefbook" / "_version_fallback.py"
ICONS = ROOT / "resources" / "icons"
APP_NAME = "briefbook"
SIZE_GOAL_MB = 200


class BuildError(Exception):
    pass


def say(message: str) -> None:
    print(f"[build_installer] {message}", flush=True)


# --- version --------------------------------------------------------------------------------------

def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    return tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"]


def numeric_version(version: str) -> str:
    """Four numbers for Windows version resources: ``1.2.0rc1`` -> ``1.2.0.0``."""
    digits = [re.match(r"\d*", part).group() or "0" for part in version.split(".")[:3]]
    return ".".join((digits + ["0"] * 4)[:4])


def sync_version_fallback(version: str, path: Path = FALLBACK) -> bool:
    """Make the fallback module say ``version``. Returns True when the file had to change."""
    text = path.read_text("utf-8")
    pattern = re.compile(r'^VERSION = "([^"]*)"$', re.MULTILINE)
    match = pattern.search(text)
    if match is None:
        raise BuildError(f"{path}: no line 'VERSION = \"...\"' to keep in step with pyproject.toml")
    if match.group(1) == version:
        return False
    path.write_text(pattern.sub(f'VERSION = "{version}"', text, count=1), "utf-8")
    return True


# --- the PyInstaller build ------------------------------------------------------------------------

def executable_path(dist: Path) -> Path:
    return dist / APP_NAME / (APP_NAME + (".exe" if sys.platform == "win32" else ""))


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> None:
    if sys.platform.startswith("linux"):
        missing = [tool for tool in ("ldd", "objdump", "objcopy", "strip")
                   if shutil.which(tool) is None]
        if missing:
            raise BuildError(f"{', '.join(missing)} not found: PyInstaller needs them on Linux "
                             "(packages binutils and libc-bin)")
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError("PyInstaller is not installed: pip install -e '.[installer]'")
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm",
               "--distpath", str(dist), "--workpath", str(work), "--log-level", "WARN"]
    if clean:
        command.append("--clean")
    say("PyInstaller: " + " ".join(command[2:]))
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit {result.returncode})")


def frozen_env() -> dict:
    """Environment for running the frozen app: no source tree or venv can leak into it."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "BRIEFBOOK_DB", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def check_frozen(exe: Path, version: str, scratch: Path) -> None:
    """The frozen app prints the right version and passes its self-test (run outside the repo)."""
    scratch.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([str(exe), "--version"], capture_output=True, text=True,
                            cwd=scratch, env=frozen_env(), timeout=120)
    out = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or out != f"briefbook {version}":
        raise BuildError(f"frozen '{exe.name} --version' said {out!r} (exit {result.returncode}), "
                         f"expected 'briefbook {version}'")
    say(f"frozen app: {out}")
    env = frozen_env() | {"BRIEFBOOK_FROZEN_SELFTEST": "1"}
    result = subprocess.run([str(exe)], capture_output=True, text=True, cwd=scratch, env=env,
                            timeout=300)
    for line in (result.stdout + result.stderr).strip().splitlines():
        say(f"frozen app: {line}")
    if result.returncode != 0:
        raise BuildError("the frozen app's self-test failed (see the lines above)")


# Qt's X11 platform plugin needs these; many laptops lack libxcb-cursor0 in particular. PyInstaller
# bundles them only if the build machine has them (.ci/run installs them).
X11_LIBRARIES = {"libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
                 "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0"}


def warn_missing_x11_libraries(folder: Path) -> None:
    present = {path.name for path in folder.rglob("*.so*")}
    missing = [package for name, package in X11_LIBRARIES.items() if name not in present]
    if missing:
        say("warning: not bundled, so users would need them installed: " + ", ".join(missing)
            + " (install them on the build machine and rebuild)")


# --- size report ----------------------------------------------------------------------------------

def tree_size(path: Path) -> int:
    if path.is_symlink() or path.is_file():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def size_report(folder: Path, top: int = 10) -> tuple[int, list[tuple[int, str]]]:
    """Total bytes, and the biggest parts (Qt libraries / plugins by name, other top folders)."""
    total = tree_size(folder)
    internal = folder / "_internal"
    parts: dict[str, int] = {}
    for path in (internal if internal.is_dir() else folder).rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        rel = path.relative_to(folder).as_posix()
        qt = re.search(r"PySide6/Qt/(lib|plugins)/([^/]+)", rel)
        if qt:
            key = f"Qt {qt.group(1)}: {qt.group(2)}"
        else:
            key = "/".join(rel.split("/")[:2]) if "/" in rel.split("/", 1)[-1] else rel
        parts[key] = parts.get(key, 0) + path.stat().st_size
    ranked = sorted(((size, name) for name, size in parts.items()), reverse=True)
    return total, ranked[:top]


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


# --- packaging per OS -----------------------------------------------------------------------------

def machine() -> str:
    return {"amd64": "x86_64", "arm64": "arm64", "aarch64": "arm64"}.get(
        platform.machine().lower(), platform.machine().lower() or "unknown")


def package_linux(dist: Path, version: str) -> Path:
    """``briefbook-VERSION-linux-ARCH.tar.gz``: app folder, .desktop, icon, mime type, install.sh."""
    stem = f"briefbook-{version}-linux-{machine()}"
    out = dist / f"{stem}.tar.gz"
    extras = {
        "briefbook.desktop": PACKAGING / "linux" / "briefbook.desktop",
        "briefbook.png": ICONS / "briefbook.png",
        "briefbook-mime.xml": PACKAGING / "linux" / "briefbook-mime.xml",
        "install.sh": PACKAGING / "linux" / "install.sh",
        "README.txt": PACKAGING / "linux" / "README.txt",
    }

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with open(out, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
        tar.add(dist / APP_NAME, arcname=f"{stem}/{APP_NAME}", filter=normalise)
        for name, source in extras.items():
            info = normalise(tar.gettarinfo(str(source), arcname=f"{stem}/{name}"))
            info.mode = 0o755 if name.endswith(".sh") else 0o644
            with open(source, "rb") as handle:
                tar.addfile(info, handle)
    return out


def package_windows(dist: Path, version: str) -> Path | None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        say("skipped: Windows installer - Inno Setup's 'iscc' is not on PATH "
            "(install Inno Setup 6 and re-run)")
        return None
    script = PACKAGING / "windows" / "briefbook.iss"
    command = [iscc, f"/DAppVersion={version}", f"/DNumericVersion={numeric_version(version)}",
               f"/DAppSourceDir={dist / APP_NAME}",
               f"/DOutputDir={dist}", f"/DIconFile={ICONS / 'briefbook.ico'}", str(script)]
    say("Inno Setup: " + " ".join(command))
    if subprocess.run(command).returncode != 0:
        raise BuildError("Inno Setup (iscc) failed")
    return dist / f"briefbook-{version}-setup.exe"


def package_macos(dist: Path, version: str) -> Path | None:
    app = dist / "Briefbook.app"
    if not app.is_dir():
        raise BuildError(f"{app} was not built")
    if shutil.which("hdiutil") is None:
        say("skipped: .dmg - 'hdiutil' is not available")
        return None
    staging = dist / "dmg-staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    out = dist / f"Briefbook-{version}-macos-{machine()}.dmg"
    command = ["hdiutil", "create", "-volname", f"Briefbook {version}", "-srcfolder",
               str(staging), "-ov", "-format", "UDZO", str(out)]
    result = subprocess.run(command)
    shutil.rmtree(staging, ignore_errors=True)
    if result.returncode != 0:
        raise BuildError("hdiutil failed to create the .dmg")
    return out


def package(dist: Path, version: str) -> list[Path]:
    made = []
    if sys.platform.startswith("linux"):
        made.append(package_linux(dist, version))
    else:
        say("skipped: Linux .tar.gz - only built on Linux")
    if sys.platform == "win32":
        made.append(package_windows(dist, version))
    else:
        say("skipped: Windows installer (Inno Setup) - only built on Windows")
    if sys.platform == "darwin":
        made.append(dist / "Briefbook.app")
        made.append(package_macos(dist, version))
    else:
        say("skipped: macOS .app and .dmg - only built on macOS")
    return [path for path in made if path is not None]


# --- main -----------------------------------------------------------------------------------------

def build(dist: Path, work: Path, *, clean: bool = False, make_packages: bool = True) -> int:
    started = time.monotonic()
    version = project_version()
    if sync_version_fallback(version):
        say(f"updated {FALLBACK.relative_to(ROOT)} to {version} (from pyproject.toml)")
    else:
        say(f"version {version} (pyproject.toml and {FALLBACK.name} agree)")
    for name in ("briefbook.png", "briefbook.ico", "briefbook.icns"):
        if not (ICONS / name).is_file():
            raise BuildError(f"{ICONS / name} is missing: run python packaging/make_icons.py")

    run_pyinstaller(dist, work, clean)
    exe = executable_path(dist)
    if not exe.is_file():
        raise BuildError(f"PyInstaller finished but {exe} does not exist")
    built = time.monotonic()
    say(f"PyInstaller build took {built - started:.0f} s")

    check_frozen(exe, version, work / "check")

    if sys.platform.startswith("linux"):
        warn_missing_x11_libraries(dist / APP_NAME)
    total, ranked = size_report(dist / APP_NAME)
    say(f"one-folder app: {dist / APP_NAME}")
    say(f"bundle size: {mb(total)} (goal <= {SIZE_GOAL_MB} MB"
        f"{'' if total <= SIZE_GOAL_MB * 1024 * 1024 else ': OVER THE GOAL'})")
    for size, name in ranked:
        say(f"  {mb(size):>9}  {name}")

    if make_packages:
        for path in package(dist, version):
            size = tree_size(path)
            say(f"package: {path} ({mb(size)})")
    else:
        say("skipped: packaging (--no-package)")
    say(f"done in {time.monotonic() - started:.0f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the standalone Briefbook app.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="where the app folder and packages go (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's work folder, reused between builds")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--no-package", action="store_true",
                        help="only build and check the app folder")
    args = parser.parse_args(argv)
    try:
        return build(args.dist.resolve(), args.work.resolve(), clean=args.clean,
                     make_packages=not args.no_package)
    except BuildError as exc:
        say(f"FAILED: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
