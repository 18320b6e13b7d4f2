"""The bundled sample library (facts from the project's two source articles)."""
from __future__ import annotations

from .packs import ImportReport, import_pack
from .resources import resource_path


def sample_pack_path():
    return resource_path("sample", "pack.json")


def load_sample(library) -> ImportReport:
    return import_pack(library, sample_pack_path())


def default_path_on_first_start():
    """(path, first_start) for a run without an explicit library.

    Without ``--db``/``BRIEFBOOK_DB`` the user's default library is used, and on its very
    first start (no file yet) it is filled with the sample library so the app opens on real
    content. Returns (None, False) when an explicit library was given.
    """
    import os
    from pathlib import Path

    from .store import Library, default_library_path

    if os.environ.get("BRIEFBOOK_DB"):
        return None, False
    path = default_library_path()
    if Path(path).exists():
        return path, False
    with Library.open(path) as library:
        if library.is_empty:
            load_sample(library)
    return path, True
