"""Classification markings and their order.

A marking is free text on the page ("CONFIDENTIAL", "RESTRICTED // REL ASEAN"),
but its first word must be one of the known levels so a book can be checked
against the items it contains.
"""
from __future__ import annotations

LEVELS = ("UNCLASSIFIED", "OFFICIAL", "RESTRICTED", "CONFIDENTIAL", "SECRET", "TOP SECRET")


def level_of(marking: str) -> int:
    """Rank of a marking: 0 for none/unclassified, higher is more sensitive."""
    text = " ".join(marking.upper().split())
    if not text:
        return 0
    for rank in range(len(LEVELS) - 1, -1, -1):
        level = LEVELS[rank]
        if text == level or text.startswith(level + " ") or text.startswith(level + "/"):
            return rank
    raise ValueError(f"unknown classification {marking!r}; use one of: {', '.join(LEVELS)}")


def check_level(marking: str) -> str:
    level_of(marking)
    return marking
