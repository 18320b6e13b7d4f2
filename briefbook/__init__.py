"""Briefbook: build briefing books from a local library of officials, events and partnerships."""
import sys as _sys
from importlib import metadata as _metadata

if getattr(_sys, "frozen", False):
    # The standalone app carries no package metadata; build_installer.py writes the fallback
    # from pyproject.toml before every build, so it is the version that was built.
    from ._version_fallback import VERSION as __version__
else:
    try:
        __version__ = _metadata.version("briefbook")
    except _metadata.PackageNotFoundError:  # running from a source tree without installing
        from ._version_fallback import VERSION as __version__  # noqa: F401
