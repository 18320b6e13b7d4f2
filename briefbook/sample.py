"""The bundled sample library (facts from the project's two source articles)."""
from __future__ import annotations

from .packs import ImportReport, import_pack
from .resources import resource_path


def sample_pack_path():
    return resource_path("sample", "pack.json")


def load_sample(library) -> ImportReport:
    return import_pack(library, sample_pack_path())
