"""GUI fixtures: a sample library in a temp folder, isolated settings, the main window."""
import pytest

from briefbook.sample import load_sample
from briefbook.store import Library


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("BRIEFBOOK_SETTINGS", str(path))
    monkeypatch.delenv("BRIEFBOOK_DB", raising=False)
    return path


@pytest.fixture
def library_path(tmp_path):
    path = tmp_path / "lib" / "library.json"
    with Library.open(path) as library:
        load_sample(library)
    return path


@pytest.fixture
def library(qapp, library_path):
    library = Library.open(library_path)
    yield library
    library.close()


@pytest.fixture
def window(qtbot, library_path):
    from briefbook.app import main_window
    win = main_window(library_path, preview_delay_ms=50)
    win.quiet = True
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
