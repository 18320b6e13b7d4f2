"""The CLI end to end: real subprocesses, real files."""
from __future__ import annotations

import json

from briefbook import __version__

from .conftest import ROOT, run_cli


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"briefbook {__version__}"


def test_explicit_db_starts_empty_then_sample_and_list(tmp_path):
    db = str(tmp_path / "trip" / "library.json")
    result = run_cli("--db", db, "list", "officials")
    assert result.returncode == 0 and result.stdout == ""
    assert run_cli("--db", db, "sample").returncode == 0
    listing = run_cli("--db", db, "list", "officials", "--json")
    records = json.loads(listing.stdout)
    assert {r["id"] for r in records} >= {"kung-phoak", "sun-weidong", "prak-sokhonn"}
    assert any(r["native_name"] == "គង់ ផាក" for r in records)
    books = run_cli("--db", db, "list", "books")
    assert "asean-china-som-2024" in books.stdout


def test_default_library_loads_sample_on_first_start(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    result = run_cli("list", "partnerships", env=env)
    assert result.returncode == 0, result.stderr
    assert "asean-china-csp" in result.stdout
    assert list((tmp_path / "data").rglob("library.json"))


def test_search_json(tmp_path):
    db = str(tmp_path / "library.json")
    run_cli("--db", db, "sample")
    result = run_cli("--db", db, "search", "sun weidong", "--json")
    hits = json.loads(result.stdout)
    assert hits[0]["ref"] == "official:sun-weidong" and hits[0]["label"] == "SUN Weidong"
    only_events = json.loads(run_cli("--db", db, "search", "ASEAN", "--kind", "event", "--json").stdout)
    assert only_events and all(h["kind"] == "event" for h in only_events)


def test_import_export_round_trip(tmp_path):
    a, b = str(tmp_path / "a" / "library.json"), str(tmp_path / "b" / "library.json")
    run_cli("--db", a, "import", str(ROOT / "resources" / "sample" / "pack.json"))
    out = tmp_path / "x.bbpack"
    assert run_cli("--db", a, "export-pack", str(out)).returncode == 0
    report = json.loads(run_cli("--db", b, "import", str(out), "--json").stdout)
    assert len(report["added"]) == 16
    again = run_cli("--db", b, "import", str(out))
    assert "0 added, 0 updated, 16 skipped" in again.stdout


def test_user_errors_exit_1_with_one_line(tmp_path):
    db = str(tmp_path / "library.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "briefbook-pack", "version": 1,
                               "events": [{"id": "e1", "title": "T", "start": "2024-13-01"}]}))
    for args in (["import", str(bad)], ["import", str(tmp_path / "missing.bbpack")],
                 ["export-pack", str(tmp_path / "o.bbpack"), "--book", "nope"]):
        result = run_cli("--db", db, *args)
        assert result.returncode == 1, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("briefbook: ")
        assert "Traceback" not in result.stderr
    result = run_cli("--db", db, "import", str(bad))
    assert "event 'e1'" in result.stderr and "start" in result.stderr


def test_bad_usage_exits_2(tmp_path):
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("--db", str(tmp_path / "l.json"), "list", "people").returncode == 2


def test_second_writer_is_refused_from_another_process(tmp_path):
    from briefbook.store import Library
    db = tmp_path / "library.json"
    with Library.open(db):
        result = run_cli("--db", str(db), "sample")
        assert result.returncode == 1
        assert "already open" in result.stderr
        assert run_cli("--db", str(db), "--read-only", "list", "officials").returncode == 0


def test_restore_backup_command(tmp_path):
    db = tmp_path / "library.json"
    run_cli("--db", str(db), "sample")
    run_cli("--db", str(db), "import", str(ROOT / "resources" / "sample" / "pack.json"))
    from briefbook.model import Official
    from briefbook.store import Library
    with Library.open(db) as lib:
        lib.put(Official(id="extra", name="Extra"))
    db.write_bytes(db.read_bytes()[:100])
    broken = run_cli("--db", str(db), "list", "officials")
    assert broken.returncode == 1 and "damaged" in broken.stderr and "restore-backup" in broken.stderr
    fixed = run_cli("--db", str(db), "restore-backup")
    assert fixed.returncode == 0, fixed.stderr
    assert "kung-phoak" in run_cli("--db", str(db), "list", "officials").stdout


def test_a_double_clicked_pack_opens_the_app_with_it(monkeypatch, tmp_path):
    """``briefbook FILE.bbpack`` (file association) starts the app and offers the pack."""
    import briefbook.app.main as app_main
    from briefbook import cli
    calls = []
    monkeypatch.setattr(app_main, "run_app", lambda db, read_only=False, open_pack=None:
                        calls.append((db, read_only, open_pack)) or 0)
    pack = tmp_path / "From colleague.bbpack"
    assert cli.main([str(pack)]) == 0
    assert calls[-1] == (None, False, pack)
    assert cli.main(["--db", str(tmp_path / "l.json"), str(pack)]) == 0
    assert calls[-1] == (tmp_path / "l.json", False, pack)
    assert cli.main([]) == 0 and calls[-1] == (None, False, None)
