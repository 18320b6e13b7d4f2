"""A read-only look-up index over the library, built once per article from the stored
dicts (no record objects): officials by name words, partnerships by their forms,
events by participant.  Keeps proposing fast on a 10,000-official library."""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from .matching import name_words, phrase_key


def _native_key(text: str) -> str:
    """Native-script names compare as written (NFC, case-folded): Khmer vowel signs are
    combining marks and must not be stripped."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(slots=True)
class OfficialEntry:
    id: str
    name: str
    words: list[str]
    country: str
    native: str
    titles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PartnershipEntry:
    id: str
    name: str
    forms: list[str]
    keys: list[str]


class LibraryIndex:
    def __init__(self, library) -> None:
        self.library = library
        self.officials: list[OfficialEntry] = []
        self._by_prefix: dict[str, list[int]] = defaultdict(list)
        self._by_native: dict[str, str] = {}
        self.partnerships: list[PartnershipEntry] = []
        self._events_by_participant: dict[str, list[str]] = defaultdict(list)
        if library is None:
            return
        for oid, raw in library.raw("official").items():
            name = raw.get("name") or ""
            entry = OfficialEntry(oid, name, name_words(name), raw.get("country") or "",
                                  _native_key(raw.get("native_name") or ""),
                                  [p.get("title") or "" for p in raw.get("positions") or []
                                   if isinstance(p, dict)])
            index = len(self.officials)
            self.officials.append(entry)
            for word in set(entry.words):
                self._by_prefix[word[:3]].append(index)
            if entry.native:
                self._by_native.setdefault(entry.native, oid)
        for pid, raw in library.raw("partnership").items():
            forms = [raw.get("name") or "", raw.get("short_name") or "",
                     *(raw.get("aliases") or []),
                     *((d.get("title") or "") for d in raw.get("documents") or []
                       if isinstance(d, dict))]
            forms = [f.strip() for f in forms if isinstance(f, str) and f.strip()]
            self.partnerships.append(PartnershipEntry(pid, raw.get("name") or pid, forms,
                                                      [phrase_key(f) for f in forms]))
        for eid, raw in library.raw("event").items():
            for participant in raw.get("participants") or []:
                self._events_by_participant[participant].append(eid)

    def __bool__(self) -> bool:
        return self.library is not None

    def official_candidates(self, words: list[str]) -> list[OfficialEntry]:
        """Officials sharing a word start with *words* (spelling slips past the third letter)."""
        seen: set[int] = set()
        for word in words:
            for w in name_words(word):
                seen.update(self._by_prefix.get(w[:3], ()))
        return [self.officials[i] for i in sorted(seen)]

    def official_by_native(self, text: str) -> str | None:
        return self._by_native.get(_native_key(text))

    def natives_in(self, text: str) -> list[tuple[str, str]]:
        """(native name as written, official id) for library officials whose native-script
        name (Khmer, Chinese...) appears in *text*."""
        found = []
        folded = _native_key(text)
        for entry in self.officials:
            native = entry.native
            if len(native) >= 2 and native in folded:
                found.append((native, entry.id))
        return found

    def events_with_any(self, official_ids) -> list[str]:
        out: list[str] = []
        for oid in official_ids:
            for eid in self._events_by_participant.get(oid, ()):
                if eid not in out:
                    out.append(eid)
        return out
