"""Export errors (no reportlab or python-docx here, so importing them is cheap)."""
from __future__ import annotations


class ExportError(Exception):
    """An export that cannot be done (unknown book, unsupported format…)."""


class ExportCancelled(Exception):
    """Raised inside a build when the caller's ``cancel()`` returned True."""
