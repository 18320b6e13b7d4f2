"""Store and search figures on the 10k/20k/1k synthetic library.

Goals (issue 2): open <= 1.0 s, search p95 <= 20 ms, one-record save <= 100 ms.
Open is timed in a fresh process, as a user would start the app.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUERIES = ["kung", "phoak", "sun weidong", "prak sokhonn", "nguyen", "nguyễn văn", "muller", "garcia",
           "minister", "foreign affairs", "secretary of state", "ambassador", "asean secretariat",
           "phnom penh", "beijing", "comprehensive strategic", "belt road", "connectivity railway",
           "李克强", "王毅", "孙卫", "គង់", "សុខុន", "ប្រាក់", "off-00042", "evt-1234", "press release 77",
           "maritime security", "digital economy", "rice", "customs logistics", "women youth",
           "Cambodia-China", "summit tokyo", "dr.", "samdech", "søren", "élodie", "zzzz no match", "sok"]

_OPEN_SCRIPT = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from briefbook.store import Library
lib = Library.open(sys.argv[1], read_only=True)
n = lib.count("official") + lib.count("event") + lib.count("partnership")
first = lib.get("official:off-00001")
t_open = time.perf_counter() - t0
lib.index.wait(body=False)
t_key = time.perf_counter() - t0
lib.index.wait(body=True)
t_all = time.perf_counter() - t0
print(json.dumps({"open_s": t_open, "key_index_ready_s": t_key, "full_index_ready_s": t_all,
                  "records": n, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def run_store_bench(workdir: Path) -> dict:
    from briefbook.model import Official
    from briefbook.store import Library

    from .synthetic import make_library

    path = Path(workdir) / "synthetic" / "library.json"
    t0 = time.perf_counter()
    if not path.exists():
        make_library(path)
    build_s = time.perf_counter() - t0
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    opens = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", _OPEN_SCRIPT, str(path)], capture_output=True,
                             text=True, env=env, check=True)
        opens.append(json.loads(out.stdout))
    best = min(opens, key=lambda o: o["open_s"])

    with Library.open(path) as lib:
        lib.index.wait()
        times = []
        for _round in range(5):
            for query in QUERIES:
                t = time.perf_counter()
                lib.search(query)
                times.append((time.perf_counter() - t) * 1000)
        # one-record save: edit an official and commit (durable) — what a GUI autosave does
        saves = []
        for i in range(40):
            record = lib.get(f"official:off-{i:05d}")
            record.biography = record.biography + [f"Edited {i}."]
            t = time.perf_counter()
            lib.put(record)
            saves.append((time.perf_counter() - t) * 1000)
        compact_t = time.perf_counter()
        lib.compact()
        compact_s = time.perf_counter() - compact_t
    return {
        "library": {"officials": 10_000, "events": 20_000, "partnerships": 1_000,
                    "file_mb": round(path.stat().st_size / 1e6, 1), "generated_s": round(build_s, 2)},
        "open_s": round(best["open_s"], 3),
        "open_s_runs": [round(o["open_s"], 3) for o in opens],
        "search_key_index_ready_s": round(best["key_index_ready_s"], 3),
        "search_full_index_ready_s": round(best["full_index_ready_s"], 3),
        "open_peak_rss_mb": round(best["peak_rss_mb"], 1),
        "search_ms_median": round(statistics.median(times), 2),
        "search_ms_p95": round(_pct(times, 0.95), 2),
        "search_queries": len(times),
        "save_one_record_ms_median": round(statistics.median(saves), 2),
        "save_one_record_ms_p95": round(_pct(saves, 0.95), 2),
        "compact_full_snapshot_s": round(compact_s, 3),
        "goals": {"open_s": 1.0, "search_ms_p95": 20, "save_one_record_ms": 100},
    }
