"""`briefbook import-article` end to end: real subprocess, real files, real library."""
from __future__ import annotations

import json

import pytest

from briefbook.store import Library

from .conftest import DATA, SEED_2019, SEED_2024, run_briefbook


@pytest.fixture
def db(tmp_path):
    return tmp_path / "lib" / "library.json"


def _counts(db):
    with Library.open(db, read_only=True) as lib:
        return {k: lib.count(k) for k in ("official", "event", "partnership")}


def test_json_proposals_write_nothing(db):
    result = run_briefbook("--db", str(db), "import-article", str(SEED_2024), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert {"event", "officials", "partnerships", "source"} <= set(out)
    assert out["event"]["start"] == "2024-05-09"
    assert out["event"]["location"] == "ASEAN Secretariat"
    assert [(o["name"], o["status"]) for o in out["officials"]] == [
        ("KUNG Phoak", "new"), ("SUN Weidong", "new")]
    assert out["officials"][1]["title"].startswith("Vice Foreign Minister")
    assert out["source"]["publisher"] == "MFAIC, via The Better Cambodia"
    assert out["applied"] is None
    assert not db.exists()                 # proposing never creates or writes a library


def test_apply_against_the_sample_then_again(db):
    assert run_briefbook("--db", str(db), "sample").returncode == 0
    before = _counts(db)
    result = run_briefbook("--db", str(db), "import-article", str(SEED_2019), "--date",
                           "2019-08-12", "--json", "--apply")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert [o["match_id"] for o in out["officials"]] == ["prak-sokhonn", "li-keqiang", "wang-yi"]
    assert out["event"]["match_id"] == "2019-prak-sokhonn-visit-china"
    assert (out["event"]["start"], out["event"]["end"]) == ("2019-08-08", "2019-08-10")
    assert out["applied"]["created"] == []
    assert "event:2019-prak-sokhonn-visit-china" in out["applied"]["updated"]
    assert _counts(db) == before
    listed = json.loads(run_briefbook("--db", str(db), "list", "events", "--json").stdout)
    visit = next(e for e in listed if e["id"] == "2019-prak-sokhonn-visit-china")
    assert visit["start"] == "2019-08-08"
    assert any(s["date"] == "2019-08-12" for s in visit["sources"])


def test_apply_into_an_empty_library_text_output(db):
    result = run_briefbook("--db", str(db), "import-article",
                           str(DATA / "khmer_times_style_2019.html"), "--date", "2019-08-12",
                           "--apply")
    assert result.returncode == 0, result.stderr
    assert "official\tnew\tPrak Sokhonn" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("Applied: ")
    assert _counts(db) == {"official": 3, "event": 1, "partnership": 3}


def test_undated_relative_event_is_flagged(db):
    result = run_briefbook("--db", str(db), "import-article", str(SEED_2019))
    assert result.returncode == 0
    assert "date?" in result.stdout
    assert "--date" in result.stderr
    assert "Nothing written" in result.stdout


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 64, "binary"),
    ("big.txt", b"The minister met his counterpart on Sunday. " * 120_000, "too large"),
    ("report.pdf", b"%PDF-1.7\n", "not supported"),
])
def test_bad_input_exits_1_with_one_line(tmp_path, db, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_briefbook("--db", str(db), "import-article", str(path), "--apply")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefbook: ") and message in lines[0]
    assert name in lines[0]
    assert not db.exists()


def test_bad_date_and_missing_file(tmp_path, db):
    result = run_briefbook("--db", str(db), "import-article", str(SEED_2019), "--date", "12/08/2019")
    assert result.returncode == 1 and "YYYY-MM-DD" in result.stderr
    result = run_briefbook("--db", str(db), "import-article", str(tmp_path / "none.txt"))
    assert result.returncode == 1 and "no such file" in result.stderr
