"""Kill a writing process at random moments; every acknowledged commit must survive."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from briefbook.store import Library

from ..conftest import ROOT

KILLS = 100


def _spawn(path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, str(Path(__file__).with_name("crash_writer.py")), str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_sigkill_at_random_moments_loses_no_acknowledged_commit(tmp_path):
    path = tmp_path / "library.json"
    rng = random.Random(20240509)
    acked = 0
    for round_no in range(KILLS):
        child = _spawn(path)
        ready = child.stdout.readline()
        assert ready.startswith("READY"), child.stderr.read()
        start = int(ready.split()[1])
        assert start >= acked, f"round {round_no}: library went back from {acked} to {start}"
        # Let it commit a random number of times, then kill it wherever it is.
        target = rng.randint(0, 25)
        seen = 0
        while seen < target:
            line = child.stdout.readline()
            assert line.startswith("ACK"), child.stderr.read()
            acked = max(acked, int(line.split()[1]))
            seen += 1
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        for line in rest.splitlines():  # acks printed before death count too
            if line.startswith("ACK"):
                acked = max(acked, int(line.split()[1]))
    with Library.open(path) as lib:
        counter = int(lib.get("official:counter").name)
        assert counter >= acked
        missing = [n for n in range(1, acked + 1) if not lib.exists(f"official:o{n}")]
        assert not missing, f"acknowledged commits lost: {missing[:10]}"
        assert lib.files.list_backups(), "compaction should have kept rolling backups"
    assert acked > KILLS  # the test really wrote something
