"""Record ids for new records: readable slugs, unique in the library and the import."""
from __future__ import annotations

import hashlib
import re
import unicodedata


def slug(text: str, limit: int = 80) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:limit].rstrip("-")


def unique_id(library, kind: str, wanted: str, taken: set[str], fallback: str = "") -> str:
    base = slug(wanted) or slug(fallback)
    if not base:
        base = f"{kind}-{hashlib.sha1((wanted or fallback).encode()).hexdigest()[:8]}"
    candidate, n = base, 2
    while candidate in taken or (library is not None and library.exists(f"{kind}:{candidate}")):
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
