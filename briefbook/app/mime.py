"""The drag-and-drop payload: record references and outline keys as JSON, never pickles.

``application/x-briefbook-refs`` carries::

    {"refs": ["official:kung-phoak", ...], "keys": ["3f2a...", ...], "origin": "..."}

``refs`` are what a drop *adds* (a copy).  ``keys`` name outline nodes and
``origin`` the outline they came from: only a drop into that same outline may
turn them into a move; anything else (another window, another process, an
outside application) is a copy of the refs.  Malformed payloads are ignored.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from ..model.book import parse_ref

MIME_REFS = "application/x-briefbook-refs"
MAX_PAYLOAD = 4 * 1024 * 1024


def encode(refs: list[str], keys: list[str] | None = None, origin: str = "") -> QMimeData:
    data = QMimeData()
    payload = {"refs": list(refs), "keys": list(keys or []), "origin": origin}
    data.setData(MIME_REFS, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    data.setText("\n".join(refs))
    return data


def decode(data: QMimeData | None) -> tuple[list[str], list[str], str]:
    """(valid refs, keys, origin) of a payload; empty lists if it is not one of ours."""
    if data is None or not data.hasFormat(MIME_REFS):
        return [], [], ""
    raw = bytes(data.data(MIME_REFS))
    if len(raw) > MAX_PAYLOAD:
        return [], [], ""
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return [], [], ""
    if not isinstance(payload, dict):
        return [], [], ""
    refs = []
    for ref in payload.get("refs") or []:
        if isinstance(ref, str):
            try:
                parse_ref(ref)
            except ValueError:
                continue
            refs.append(ref)
    keys = [k for k in payload.get("keys") or [] if isinstance(k, str)]
    origin = payload.get("origin") if isinstance(payload.get("origin"), str) else ""
    return refs, keys, origin
