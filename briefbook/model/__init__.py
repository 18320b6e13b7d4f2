"""Domain model: plain Python, no Qt, no storage."""
from .book import BLOCK_KIND_LABELS, BLOCK_KINDS, Book, RefItem, Section, TextBlock, parse_ref
from .dates import DateError, PartialDate, format_range
from .records import (RECORD_TYPES, TABLES, Event, Milestone, Official, Partnership, Position,
                      Source)
from .validation import ValidationError, now_timestamp

__all__ = [
    "BLOCK_KINDS", "BLOCK_KIND_LABELS", "Book", "DateError", "Event", "Milestone", "Official",
    "PartialDate", "Partnership", "Position", "RECORD_TYPES", "RefItem", "Section", "Source",
    "TABLES", "TextBlock", "ValidationError", "format_range", "now_timestamp", "parse_ref",
]
