"""Resources are found through ``briefbook.resources`` only, never relative to the current folder."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefbook.resources import resource_path, resources_dir

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefbook"
PATH_CALLS = {"open", "Path", "PurePath", "exists", "isfile", "isdir", "abspath", "realpath",
              "listdir", "scandir", "read_text", "read_bytes"}


def test_resource_path_finds_bundled_files_and_names_missing_ones():
    assert resource_path("sample", "pack.json").is_file()
    assert resource_path("icons", "briefbook.png").is_file()
    assert resources_dir().is_absolute()
    with pytest.raises(FileNotFoundError, match="bundled resource missing"):
        resource_path("no", "such-file.txt")


def test_resources_found_from_any_current_folder(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    code = "from briefbook.sample import sample_pack_path; print(sample_pack_path())"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == ROOT / "resources" / "sample" / "pack.json"


def _cwd_relative_uses(path: Path) -> list[str]:
    """Calls that depend on the current folder: cwd look-ups and relative path literals."""
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("getcwd", "getcwdb", "chdir") or (name == "cwd" and not node.args):
            found.append(f"{where}:{node.lineno}: {name}()")
        elif name in PATH_CALLS and node.args:
            first = node.args[0]
            if (isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value
                    and not os.path.isabs(first.value) and not first.value.startswith("~")):
                found.append(f"{where}:{node.lineno}: {name}({first.value!r})")
    return found


def test_no_paths_relative_to_the_current_folder_in_the_package():
    problems = [use for path in sorted(PACKAGE.rglob("*.py")) for use in _cwd_relative_uses(path)]
    assert problems == [], "use briefbook.resources.resource_path or an absolute path:\n" + \
        "\n".join(problems)


def test_the_scanner_catches_relative_paths(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text("import os\nfrom pathlib import Path\n"
                      "a = open('resources/x.json')\nb = Path('fonts')\nc = os.getcwd()\n"
                      "d = Path.cwd()\ne = Path('/abs/ok')\nf = Path(__file__).parent / 'x'\n")
    found = _cwd_relative_uses(sample)
    assert [line.split(":")[1] for line in found] == ["3", "4", "5", "6"], found
