"""GUI speed figures (``make bench``): the real widgets, offscreen, in a fresh process.

``run_gui_bench(path)`` takes the bench work folder (the library is
``synthetic/library.json`` inside it, made by ``benchmarks.synthetic`` when
missing) or a library file, and returns:

* ``window_usable_s`` -- process start (as the OS records it) to the main window
  shown with the book open and the event loop answering (goal <= 1.5 s);
* ``filter_ms`` -- a keystroke (a real key event) in the library search box to the
  filtered view repainted, median and worst over a typing sequence in Latin,
  Chinese and Khmer with backspaces (goal <= 50 ms);
* ``drop_ms`` -- one library record dropped into the outline through the
  models' MIME path until the tree is repainted, median and worst (goal <= 16 ms);
* ``rss_mb`` -- the process's resident memory at the end (goal <= 400 MB).

Run alone: ``python -m benchmarks.gui_bench [PATH]``.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOALS = {"window_usable_s": 1.5, "filter_ms": 50.0, "drop_ms": 16.0, "rss_mb": 400.0}
# One keystroke each: characters typed, "\b" a Backspace, "\x7f" select-all + Backspace.
KEYSTROKES = list("wang yi") + ["\b"] * 7 + list("kung") + ["\x7f"] + list("phnom") + ["\x7f"] \
    + list("孙卫") + ["\b", "\b"] + list("សុខ") + ["\x7f"]


def _library_path(path: Path) -> Path:
    path = Path(path)
    if path.suffix == ".json":
        return path
    return path / "synthetic" / "library.json"


def _make_library(db: Path) -> str:
    """The lead's synthetic library when available, else a small one made here."""
    try:
        from .synthetic import make_library
    except ImportError:
        _make_small_library(db)
        return "small fallback (benchmarks.synthetic missing): 1000/2000/100"
    make_library(db)
    return "benchmarks.synthetic 10000/20000/1000"


def _make_small_library(db: Path, officials=1000, events=2000, partnerships=100, seed=7) -> None:
    from briefbook.model import Event, Official, PartialDate, Partnership, Position
    from briefbook.store import Library
    rng = random.Random(seed)
    families = ["Kung", "Sun", "Prak", "Li", "Wang", "Nguyễn", "Sok", "Chea", "Müller", "Tan"]
    given = ["Phoak", "Weidong", "Sokhonn", "Keqiang", "Yi", "Minh", "Dara", "Jürgen", "Mei"]
    natives = ["គង់ ផាក", "ប្រាក់ សុខុន", "孙卫东", "李克强", "王毅", ""]
    countries = ["Cambodia", "China", "Viet Nam", "Thailand", "Germany", "Japan"]
    records = []
    for i in range(officials):
        family = rng.choice(families)
        records.append(Official(
            id=f"off-{i:05d}", name=f"{family.upper()} {rng.choice(given)}", family_name=family,
            native_name=rng.choice(natives), country=rng.choice(countries),
            positions=[Position("Minister", "Ministry of Foreign Affairs",
                                PartialDate(rng.randint(1995, 2020)))],
            biography=["Served in the diplomatic service for many years."], tags=["bench"]))
    for i in range(partnerships):
        records.append(Partnership(id=f"par-{i:04d}", name=f"Partnership {i}",
                                   parties=rng.sample(countries, 2)))
    for i in range(events):
        records.append(Event(
            id=f"evt-{i:05d}", title=f"Meeting {i} in {rng.choice(['Phnom Penh', 'Beijing'])}",
            start=PartialDate(rng.randint(2000, 2025), rng.randint(1, 12)),
            participants=[f"off-{rng.randrange(officials):05d}" for _ in range(3)],
            partnerships=[f"par-{rng.randrange(partnerships):04d}"]))
    db.parent.mkdir(parents=True, exist_ok=True)
    with Library.open(db) as library:
        with library.transaction():
            for record in records:
                library.stage(record)


def run_gui_bench(path) -> dict:
    db = _library_path(Path(path))
    origin = "existing library"
    if not db.exists():
        origin = _make_library(db)
    scratch = Path(tempfile.mkdtemp(prefix="bb-gui-bench-"))
    work_db = scratch / "library" / db.name  # the bench adds a book: work on a copy
    shutil.copytree(db.parent, work_db.parent,
                    ignore=shutil.ignore_patterns("*.lock", "*.backups"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BRIEFBOOK_SETTINGS=str(scratch / "s.ini"),
               PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    try:
        done = subprocess.run([sys.executable, "-m", "benchmarks.gui_bench", "--child",
                               str(work_db)], capture_output=True, text=True, env=env, timeout=900)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        return {"error": done.stderr[-2000:], "library": origin}
    result = json.loads(lines[-1])
    result["library"] = origin
    result["goals"] = GOALS
    result["met"] = {
        "window_usable_s": result["window_usable_s"] <= GOALS["window_usable_s"],
        "filter_ms": result["filter_ms"]["max"] <= GOALS["filter_ms"],
        "drop_ms": result["drop_ms"]["max"] <= GOALS["drop_ms"],
        "rss_mb": result["rss_mb"] <= GOALS["rss_mb"],
    }
    return result


def _stats(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 2), "max": round(max(values), 2),
            "n": len(values)}


def _child(db: str) -> dict:
    import psutil
    process = psutil.Process()
    started = process.create_time()
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from briefbook.app import main_window
    from briefbook.app.main import application
    app = application()
    window = main_window(Path(db))
    window.resize(1500, 900)
    window.show()
    answered = []
    QTimer.singleShot(0, lambda: answered.append(time.time()))
    while not answered:
        app.processEvents()
    usable_s = answered[0] - started
    opened = window.session.book.id if window.session.has_book else None

    # A keystroke in the search box (a real key event) -> filtered and repainted.
    window.library_panel.library.index.wait()  # typing starts once the index is built
    search, view = window.library_panel.search, window.library_panel.view
    search.setFocus()
    filter_ms, rows, typed = [], [], []
    for key in KEYSTROKES:
        if key == "\x7f":
            search.selectAll()
        t0 = time.perf_counter()
        if key in ("\b", "\x7f"):
            QTest.keyClick(search, Qt.Key_Backspace)
        else:  # any script: a key event carrying the text, as an input method delivers it
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(search, QKeyEvent(kind, 0, Qt.NoModifier, key))
        view.viewport().repaint()
        app.processEvents()
        filter_ms.append((time.perf_counter() - t0) * 1000)
        rows.append(window.library_panel.proxy.rowCount())
        typed.append(search.text())
    search.clear()
    app.processEvents()

    # Drops: one record each, through mimeData/dropMimeData, into a fresh book.
    window.new_book("Bench trip")
    lib_model = window.library_panel.model
    outline_model = window.outline_panel.model
    rng = random.Random(3)
    drop_ms = []
    for _ in range(30):
        ref = lib_model.refs[rng.randrange(len(lib_model.refs))]
        data = lib_model.mimeData([lib_model.index(lib_model.row_of(ref), 0)])
        target = outline_model.index(1, 0)
        t0 = time.perf_counter()
        outline_model.dropMimeData(data, Qt.CopyAction, -1, 0, target)
        window.outline_panel.view.viewport().repaint()
        app.processEvents()
        drop_ms.append((time.perf_counter() - t0) * 1000)
        window.outline_panel.related.hide()
    preview_mode = getattr(getattr(window.preview.renderer, "builder", None), "last_mode", "")
    items = sum(len(s.items) for s in window.session.book.sections)
    window.session.save_now()
    QTest.qWait(10)
    rss_mb = process.memory_info().rss / 2 ** 20
    result = {"window_usable_s": round(usable_s, 3), "opened_book": opened,
              "records": lib_model.rowCount(), "filter_ms": _stats(filter_ms),
              "typed": typed, "filter_rows": rows, "filter_each_ms": [round(v, 1) for v in filter_ms], "drop_ms": _stats(drop_ms), "dropped_items": items,
              "rss_mb": round(rss_mb, 1), "preview_built_in": preview_mode or "n/a",
              "preview_message": window.preview.last_error}
    window.close()
    return result


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print(json.dumps(_child(sys.argv[2])))
    else:
        target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
        print(json.dumps(run_gui_bench(target), indent=2, ensure_ascii=False))
