"""Which records point at a record, and taking those pointers away when it is deleted.

Events name officials (``participants``) and partnerships (``partnerships``) by id; books hold
references (``official:ID``, ``event:ID`` ...) in their sections. Deleting a record that others
point at would leave them pointing at nothing, and a pack of such a library could not be
imported again (imports resolve every reference). So :meth:`Library.delete` detaches the record
from its referrers in the same commit; :func:`referrers` lets a caller (the app's delete
command) keep the referrers' old versions to put back on undo. No Qt here.
"""
from __future__ import annotations

from typing import Any

# kind of the deleted record -> the event field that names it by id
EVENT_FIELDS = {"official": "participants", "partnership": "partnerships"}


def _book_items(raw: dict) -> list[dict]:
    return [item for section in raw.get("sections") or [] for item in section.get("items") or []]


def referrers(library: Any, ref: str) -> list[str]:
    """Refs of the events and books that point at *ref*, events first, each once."""
    kind, _, record_id = ref.partition(":")
    found = []
    event_field = EVENT_FIELDS.get(kind)
    if event_field:
        for event_id, raw in library.raw("event").items():
            if record_id in (raw.get(event_field) or []):
                found.append(f"event:{event_id}")
    if kind != "book":
        for book_id, raw in library.raw("book").items():
            if any(item.get("ref") == ref for item in _book_items(raw)):
                found.append(f"book:{book_id}")
    return found


def without(library: Any, holder_ref: str, ref: str):
    """The record *holder_ref* with every pointer at *ref* removed (a new object)."""
    holder = library.get(holder_ref)
    raw = holder.to_dict()
    kind, _, record_id = ref.partition(":")
    if holder_ref.startswith("event:"):
        field = EVENT_FIELDS[kind]
        raw[field] = [target for target in raw.get(field) or [] if target != record_id]
    else:
        for section in raw.get("sections") or []:
            section["items"] = [item for item in section.get("items") or []
                                if item.get("ref") != ref]
    return type(holder).from_dict(raw)
