"""Field readers that turn untrusted JSON-ish dicts into typed values.

Every failure raises :class:`ValidationError` naming the record (kind and id)
and the field, so a refused pack or a rejected form says exactly what to fix.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from .dates import DateError, PartialDate

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$")
MAX_TEXT = 200_000  # characters in one field: generous, but bounded
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class ValidationError(ValueError):
    """A record field is missing or wrong. Carries where, for messages and UIs."""

    def __init__(self, kind: str, record_id: str | None, field: str, message: str):
        self.kind = kind
        self.record_id = record_id
        self.field = field
        self.message = message
        where = f"{kind} {record_id!r}" if record_id else f"{kind} (no id)"
        super().__init__(f"{where}, field '{field}': {message}")


class Reader:
    """Reads fields of one raw record, reporting errors against it."""

    def __init__(self, kind: str, raw: Any, record_id: str | None = None):
        self.kind = kind
        if not isinstance(raw, dict):
            raise ValidationError(kind, record_id, "(record)", f"expected an object, got {type(raw).__name__}")
        self.raw = raw
        self.record_id = record_id if record_id is not None else (
            raw.get("id") if isinstance(raw.get("id"), str) else None)

    def fail(self, field: str, message: str) -> ValidationError:
        return ValidationError(self.kind, self.record_id, field, message)

    def _get(self, field: str, default: Any) -> Any:
        value = self.raw.get(field, default)
        return default if value is None else value

    def id(self, field: str = "id") -> str:
        value = self.raw.get(field)
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise self.fail(field, "an id of letters, digits, '-', '_' or '.' is required "
                                   f"(got {value!r})")
        return value

    def text(self, field: str, required: bool = False, default: str = "") -> str:
        value = self._get(field, default)
        if not isinstance(value, str):
            raise self.fail(field, f"expected text, got {type(value).__name__}")
        self._check_text(field, value)
        if required and not value.strip():
            raise self.fail(field, "is required")
        return value

    def _check_text(self, field: str, value: str) -> None:
        """Refuse text no file format can carry: NUL, lone UTF-16 surrogates, or too much of it."""
        if len(value) > MAX_TEXT:
            raise self.fail(field, f"text is too long ({len(value)} characters, at most {MAX_TEXT})")
        bad = _UNSTORABLE.search(value)
        if bad:
            what = "a NUL character" if bad.group() == "\x00" else \
                f"a lone surrogate U+{ord(bad.group()):04X} (broken UTF-16)"
            raise self.fail(field, f"text contains {what} at character {bad.start() + 1}")

    def text_list(self, field: str) -> list[str]:
        value = self._get(field, [])
        if isinstance(value, str):  # a single paragraph is accepted as a list of one
            value = [value] if value.strip() else []
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list of text, got {type(value).__name__}")
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail(f"{field}[{i}]", f"expected text, got {type(item).__name__}")
            self._check_text(f"{field}[{i}]", item)
            out.append(item)
        return out

    def id_list(self, field: str) -> list[str]:
        out = self.text_list(field)
        for i, item in enumerate(out):
            if not ID_PATTERN.match(item):
                raise self.fail(f"{field}[{i}]", f"{item!r} is not a valid id")
        return out

    def date(self, field: str, required: bool = False) -> PartialDate | None:
        value = self.raw.get(field)
        if value is None or value == "":
            if required:
                raise self.fail(field, "a date is required (YYYY, YYYY-MM or YYYY-MM-DD)")
            return None
        try:
            return PartialDate.parse(value)
        except DateError as exc:
            raise self.fail(field, str(exc)) from None

    def timestamp(self, field: str) -> str:
        value = self.raw.get(field)
        if value is None or value == "":
            return ""
        if not isinstance(value, str):
            raise self.fail(field, f"expected an ISO timestamp, got {type(value).__name__}")
        try:
            parse_timestamp(value)
        except ValueError:
            raise self.fail(field, f"{value!r} is not an ISO 8601 timestamp") from None
        return value

    def items(self, field: str) -> list[Any]:
        value = self._get(field, [])
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {type(value).__name__}")
        return value


def parse_timestamp(value: str) -> datetime:
    stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp


def now_timestamp() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def check_date_order(reader: Reader, start: PartialDate | None, end: PartialDate | None,
                     field: str = "end") -> None:
    if start is not None and end is not None and end.last_day() < start.first_day():
        raise reader.fail(field, f"ends ({end.iso()}) before it starts ({start.iso()})")
