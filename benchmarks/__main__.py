"""``make bench``: prints JSON figures for every measured goal.

Runs the store/search bench, then the export and GUI benches when those
modules are present. Usage: python -m benchmarks [--only store,export,gui] [--workdir DIR]
"""
from __future__ import annotations

import argparse
import importlib
import json
import resource
import sys
import tempfile
from pathlib import Path

# Export first: its child processes report their own peak RSS, and on Linux a child forked
# from a big parent starts with the parent's peak (ru_maxrss), which would hide the real figure.
BENCHES = {
    "export": ("benchmarks.export_bench", "run_export_bench"),
    "store": ("benchmarks.store_bench", "run_store_bench"),
    "gui": ("benchmarks.gui_bench", "run_gui_bench"),
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--only", default=",".join(BENCHES))
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep generated libraries here between runs")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="briefbook-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in args.only.split(","):
        module_name, func_name = BENCHES[name]
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            results[name] = {"skipped": f"{module_name} not available ({exc})"}
            continue
        results[name] = getattr(module, func_name)(workdir)
        print(f"[bench] {name} done", file=sys.stderr)
    results["process_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
