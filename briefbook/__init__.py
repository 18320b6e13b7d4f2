"""Briefbook: build briefing books from a local library of officials, events and partnerships."""
from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("briefbook")
except _metadata.PackageNotFoundError:  # running from a source tree without installing
    from ._version_fallback import VERSION as __version__  # noqa: F401
