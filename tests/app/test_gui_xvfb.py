"""A real X server (Xvfb): the main window as a PNG artifact, and a mouse-driven drag."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(not shutil.which("xvfb-run") and not os.environ.get("DISPLAY"),
                       reason="needs xvfb-run or a DISPLAY (CI installs xvfb via .ci/run)"),
]


def run_scenario(*args, timeout=180):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    cmd = [sys.executable, str(HERE / "xvfb_scenarios.py"), *map(str, args)]
    if shutil.which("xvfb-run"):
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", *cmd]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1])


def test_screenshot_of_the_main_window(library_path, isolated_settings):
    out = ARTIFACTS / "main-window.png"
    result = run_scenario("screenshot", library_path, out)
    assert result["saved"] and result["platform"] == "xcb"
    assert result["width"] >= 1600 and out.stat().st_size > 20_000
    assert (ARTIFACTS / "main-window-dark.png").stat().st_size > 20_000
    assert result["preview_pages"] > 0 or result["preview_message"].startswith(
        "Preview unavailable")


def test_real_mouse_drags_copy_from_the_library_and_move_within_the_outline(
        library_path, isolated_settings):
    result = run_scenario("mouse-drag", library_path)
    assert result["platform"] == "xcb"
    event = "event:2019-prak-sokhonn-li-keqiang"
    assert result["after_copy"] == [[event], [], [], []]  # dropped onto "Programme"
    # Dragged onto "Backgrounds": moved, not copied, and not removed by the view either.
    assert result["after_move"] == [[], [], [event], []]
    assert result["undo"] == 2
