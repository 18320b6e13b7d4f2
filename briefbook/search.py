"""Ranked, case- and accent-insensitive search over the library (no Qt).

Three inverted indexes map normalized word tokens to records: *names* (in
both scripts, titles of events, names and aliases of partnerships), other *key*
fields (positions, organizations, tags, places) and *body* text (biographies, summaries, outcomes, milestones, sources).  A query
token matches index tokens that equal it, start with it or (three characters
and more, or any non-Latin script) contain it; so ``phoak`` finds KUNG Phoak,
``李克`` finds 李克强 and ``soko`` finds Sokhonn.  Every query token must match
(AND); the score prefers key fields and whole-word matches.

The indexes are built off the caller's thread (:meth:`SearchIndex.build_async`)
so opening a large library is not held up; :meth:`search` waits for what it
needs.  Updates after a save are applied incrementally.
"""
from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

TOKEN = re.compile(r"[\w\u0900-\u0DFF\u1780-\u17FF\u19E0-\u19FF]+")
_ACCENTS = re.compile(r"[\u0300-\u036f]")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u1780-\u17ff]")

NAME_WEIGHTS = (16.0, 12.0, 6.0)  # exact, prefix, substring
KEY_WEIGHTS = (10.0, 6.0, 3.0)
BODY_WEIGHTS = (2.0, 1.5, 1.0)


@lru_cache(maxsize=4096)
def _normalize_cached(text: str) -> str:
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def normalize(text: str) -> str:
    """Fold case and Latin accents; leaves Khmer and Chinese intact."""
    if len(text) < 64:
        return _normalize_cached(text)
    return _ACCENTS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def tokens(text: str) -> list[str]:
    return TOKEN.findall(normalize(text))


def _sources_text(raw: dict, field: str = "sources") -> list[str]:
    out = []
    for source in raw.get(field) or []:
        if isinstance(source, dict):
            out.append(source.get("title") or "")
            out.append(source.get("publisher") or "")
    return out


def record_texts(kind: str, raw: dict) -> tuple[str, str, str]:
    """(name text, key text, body text) of one raw record dict."""
    get = raw.get
    if kind == "official":
        names = [get("name"), get("native_name"), get("family_name")]
        key = [get("honorific"), get("country"), get("address_as")]
        for pos in get("positions") or []:
            if isinstance(pos, dict):
                key += [pos.get("title"), pos.get("organization")]
        key += get("tags") or []
        body = list(get("biography") or []) + [get("pronunciation")] + _sources_text(raw)
    elif kind == "event":
        names = [get("title")]
        key = [get("kind"), get("location")] + list(get("tags") or [])
        body = ([get("summary")] + list(get("objectives") or []) + list(get("outcomes") or [])
                + _sources_text(raw))
    elif kind == "partnership":
        names = [get("name"), get("short_name")] + list(get("aliases") or [])
        key = list(get("parties") or []) + list(get("tags") or [])
        body = [get("summary")] + [m.get("text") for m in get("milestones") or []
                                   if isinstance(m, dict)]
        body += _sources_text(raw) + _sources_text(raw, "documents")
    else:  # book
        names = [get("title")]
        key = [get("subtitle"), get("destination"), get("delegation")]
        body = []

    def join(parts) -> str:
        return " ".join(t for t in parts if isinstance(t, str) and t)

    return join(names), join(key), join(body)


_KIND_ORDER = {"official": 0, "event": 1, "partnership": 2, "book": 3}


@dataclass(frozen=True, slots=True)
class Hit:
    ref: str
    score: float

    @property
    def kind(self) -> str:
        return self.ref.partition(":")[0]

    @property
    def record_id(self) -> str:
        return self.ref.partition(":")[2]


class _TokenIndex:
    """token -> set of record slots, with prefix and substring lookup over the vocabulary."""

    def __init__(self) -> None:
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.by_slot: dict[int, tuple[str, ...]] = {}
        self._sorted: list[str] | None = None
        self._joined: str | None = None
        self._cache: dict[str, tuple[set[int], set[int], set[int]]] = {}

    def set(self, slot: int, toks: Iterable[str]) -> None:
        old = self.by_slot.pop(slot, ())
        for tok in old:
            bucket = self.postings.get(tok)
            if bucket is not None:
                bucket.discard(slot)
                if not bucket:
                    del self.postings[tok]
                    self._sorted = self._joined = None
        new = tuple(set(toks))
        if new:
            self.by_slot[slot] = new
            for tok in new:
                if tok not in self.postings:
                    self._sorted = self._joined = None
                self.postings[tok].add(slot)
        self._cache.clear()

    def bulk_add(self, slot: int, toks: set[str]) -> None:
        """Fast path for the initial build (slot is new)."""
        postings = self.postings
        for tok in toks:
            postings[tok].add(slot)
        self.by_slot[slot] = tuple(toks)

    def finish_bulk(self) -> None:
        self._sorted = self._joined = None
        self._cache.clear()

    def lookup(self, query: str) -> tuple[set[int], set[int], set[int]]:
        """Slots whose tokens equal / start with / contain *query*."""
        hit = self._cache.get(query)
        if hit is not None:
            return hit
        exact = set(self.postings.get(query, ()))
        if self._sorted is None:
            self._sorted = sorted(self.postings)
        prefix: set[int] = set()
        vocab = self._sorted
        i = bisect.bisect_left(vocab, query)
        while i < len(vocab) and vocab[i].startswith(query):
            if vocab[i] != query:
                prefix |= self.postings[vocab[i]]
            i += 1
        inner: set[int] = set()
        if len(query) >= 3 or _CJK.search(query):
            if self._joined is None:
                self._joined = "\x00" + "\x00".join(vocab) + "\x00"
            joined = self._joined
            pos = joined.find(query, 1)
            while pos != -1:
                if joined[pos - 1] != "\x00":  # not a prefix match (those are counted above)
                    start = joined.rfind("\x00", 0, pos) + 1
                    end = joined.find("\x00", pos)
                    inner |= self.postings[joined[start:end]]
                    pos = joined.find(query, end)
                else:
                    pos = joined.find(query, pos + 1)
        result = (exact, prefix, inner)
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[query] = result
        return result


class SearchIndex:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._names = _TokenIndex()
        self._key = _TokenIndex()
        self._body = _TokenIndex()
        self._slots: dict[str, int] = {}
        self._refs: list[str | None] = []
        self._key_ready = threading.Event()
        self._body_ready = threading.Event()
        self._pending: list[tuple[str, dict | None]] = []
        self._thread: threading.Thread | None = None

    # -- building ---------------------------------------------------------------------
    def build_async(self, records: list[tuple[str, dict]]) -> None:
        """Index ``(ref, raw dict)`` pairs in a background thread."""
        self._thread = threading.Thread(target=self._build, args=(records,),
                                        name="briefbook-search-index", daemon=True)
        self._thread.start()

    def build(self, records: list[tuple[str, dict]]) -> None:
        self._build(records)

    def _build(self, records: list[tuple[str, dict]]) -> None:
        texts: list[str] = []
        with self._lock:
            for ref, raw in records:
                slot = self._slot(ref)
                names, key, body = record_texts(ref.partition(":")[0], raw)
                self._names.bulk_add(slot, set(tokens(names)))
                self._key.bulk_add(slot, set(tokens(key)))
                texts.append(body)
            self._names.finish_bulk()
            self._key.finish_bulk()
            self._key_ready.set()
        # Body text is the bulk of the work: do it in chunks so writers are not starved.
        chunk = 2000
        for start in range(0, len(records), chunk):
            with self._lock:
                for (ref, _raw), body in zip(records[start:start + chunk], texts[start:start + chunk]):
                    slot = self._slots.get(ref)
                    if slot is not None and slot not in self._body.by_slot:
                        self._body.bulk_add(slot, set(tokens(body)))
        with self._lock:
            self._body.finish_bulk()
            pending, self._pending = self._pending, []
            self._body_ready.set()
            for ref, raw in pending:
                self._apply(ref, raw)

    def _slot(self, ref: str) -> int:
        slot = self._slots.get(ref)
        if slot is None:
            slot = len(self._refs)
            self._refs.append(ref)
            self._slots[ref] = slot
        return slot

    # -- updates --------------------------------------------------------------------------
    def update(self, ref: str, raw: dict | None) -> None:
        """Re-index one record after a save (``raw=None`` removes it)."""
        with self._lock:
            self._apply(ref, raw)
            if not self._body_ready.is_set():
                self._pending.append((ref, raw))

    def _apply(self, ref: str, raw: dict | None) -> None:
        if raw is None:
            slot = self._slots.pop(ref, None)
            if slot is not None:
                self._refs[slot] = None
                self._names.set(slot, ())
                self._key.set(slot, ())
                self._body.set(slot, ())
            return
        slot = self._slot(ref)
        names, key, body = record_texts(ref.partition(":")[0], raw)
        self._names.set(slot, tokens(names))
        self._key.set(slot, tokens(key))
        if self._body_ready.is_set():
            self._body.set(slot, tokens(body))

    def wait(self, body: bool = True, timeout: float | None = None) -> bool:
        ready = self._body_ready if body else self._key_ready
        return ready.wait(timeout)

    @property
    def complete(self) -> bool:
        return self._body_ready.is_set()

    # -- querying ---------------------------------------------------------------------------
    def search(self, text: str, kinds: Iterable[str] | None = None, limit: int | None = None,
               wait: bool = True) -> list[Hit]:
        query = tokens(text)
        if not query:
            return []
        self._key_ready.wait()
        if wait:
            self._body_ready.wait()
        prefixes = tuple(f"{k}:" for k in kinds) if kinds else None
        with self._lock:
            use_body = self._body_ready.is_set()
            scores: dict[int, float] | None = None
            for tok in query:
                found: dict[int, float] = {}
                indexes = [(self._names, NAME_WEIGHTS), (self._key, KEY_WEIGHTS)]
                if use_body:
                    indexes.append((self._body, BODY_WEIGHTS))
                for index, weights in indexes:
                    for slots, weight in zip(index.lookup(tok), weights):
                        for slot in slots:
                            if found.get(slot, 0.0) < weight:
                                found[slot] = weight
                if scores is None:
                    scores = found
                else:
                    scores = {slot: score + found[slot] for slot, score in scores.items()
                              if slot in found}
                if not scores:
                    return []
            refs = self._refs
            hits = [Hit(refs[slot], score) for slot, score in scores.items()
                    if refs[slot] is not None and (prefixes is None or refs[slot].startswith(prefixes))]
        hits.sort(key=lambda h: (-h.score, _KIND_ORDER.get(h.kind, 9), h.ref))
        return hits[:limit] if limit else hits

    def matching_refs(self, text: str, wait: bool = True) -> set[str] | None:
        """All matching refs (for filtering views); None for an empty query."""
        if not tokens(text):
            return None
        return {hit.ref for hit in self.search(text, wait=wait)}
