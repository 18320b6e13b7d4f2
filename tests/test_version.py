"""One version, from pyproject.toml: the package metadata, the frozen app's fallback, --version."""
from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import briefbook
from briefbook._version_fallback import VERSION as FALLBACK_VERSION
from briefbook.cli import main

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def _build_installer():
    spec = importlib.util.spec_from_file_location("build_installer", ROOT / "build_installer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fallback_equals_pyproject_version():
    # the frozen app reports the fallback; build_installer.py rewrites it before every build
    assert FALLBACK_VERSION == PYPROJECT_VERSION


def test_cli_version_prints_the_package_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert capsys.readouterr().out.strip() == f"briefbook {briefbook.__version__}"


def test_build_installer_keeps_the_fallback_in_step(tmp_path):
    build_installer = _build_installer()
    assert build_installer.project_version() == PYPROJECT_VERSION
    copy = tmp_path / "_version_fallback.py"
    copy.write_text((ROOT / "briefbook" / "_version_fallback.py").read_text("utf-8")
                    .replace(f'VERSION = "{FALLBACK_VERSION}"', 'VERSION = "0.0.0-stale"'))
    assert build_installer.sync_version_fallback("9.8.7", copy) is True
    assert 'VERSION = "9.8.7"' in copy.read_text("utf-8")
    assert '"""' in copy.read_text("utf-8")  # the docstring survives
    assert build_installer.sync_version_fallback("9.8.7", copy) is False
