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
import gc
import re
import threading
import unicodedata
from array import array
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
    """token -> slots (compact ``array('I')`` postings), with prefix and substring lookup.

    Slots are never reused: re-indexing a record gives it a new slot and the
    old one is dropped from the live set, so postings only ever grow by
    appending (cheap) and are compacted when the library is next opened.
    """

    def __init__(self) -> None:
        self.postings: dict[str, array] = {}
        self._sorted: list[str] | None = None
        self._joined: str | None = None
        self._cache: dict[str, tuple[frozenset, frozenset, frozenset]] = {}

    def add(self, slot: int, toks: Iterable[str]) -> None:
        postings = self.postings
        for tok in toks:
            bucket = postings.get(tok)
            if bucket is None:
                postings[tok] = array("I", (slot,))
                self._sorted = self._joined = None
            else:
                bucket.append(slot)
        self._cache.clear()

    def lookup(self, query: str) -> tuple[frozenset, frozenset, frozenset]:
        """Slots (live or not) whose tokens equal / start with / contain *query*."""
        hit = self._cache.get(query)
        if hit is not None:
            return hit
        postings = self.postings
        exact = frozenset(postings.get(query, ()))
        if self._sorted is None:
            self._sorted = sorted(postings)
        vocab = self._sorted
        prefix: set[int] = set()
        i = bisect.bisect_left(vocab, query)
        while i < len(vocab) and vocab[i].startswith(query):
            if vocab[i] != query:
                prefix.update(postings[vocab[i]])
            i += 1
        inner: set[int] = set()
        if len(query) >= 3 or _CJK.search(query):
            if self._joined is None:
                self._joined = "\x00" + "\x00".join(vocab) + "\x00"
            joined = self._joined
            pos = joined.find(query, 1)
            while pos != -1:
                if joined[pos - 1] != "\x00":  # prefix matches were counted above
                    start = joined.rfind("\x00", 0, pos) + 1
                    end = joined.find("\x00", pos)
                    inner.update(postings[joined[start:end]])
                    pos = joined.find(query, end)
                else:
                    pos = joined.find(query, pos + 1)
        result = (exact, frozenset(prefix - exact), frozenset(inner - exact - prefix))
        if len(self._cache) >= 32:
            self._cache.clear()
        self._cache[query] = result
        return result


class SearchIndex:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._indexes = {"names": _TokenIndex(), "key": _TokenIndex(), "body": _TokenIndex()}
        self._slot_of: dict[str, int] = {}      # ref -> its live slot
        self._refs: list[str | None] = []       # slot -> ref (None once superseded)
        self._live: set[int] = set()
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
        bodies: list[tuple[int, str]] = []
        names_index, key_index = self._indexes["names"], self._indexes["key"]
        with self._lock:
            for ref, raw in records:
                slot = self._new_slot(ref)
                names, key, body = record_texts(ref.partition(":")[0], raw)
                names_index.add(slot, set(tokens(names)))
                key_index.add(slot, set(tokens(key)))
                bodies.append((slot, body))
            self._key_ready.set()
        # Body text is the bulk of the work: chunks, so writers and searches are not starved.
        body_index = self._indexes["body"]
        chunk = 1000
        for start in range(0, len(bodies), chunk):
            with self._lock:
                for slot, body in bodies[start:start + chunk]:
                    if slot in self._live:
                        body_index.add(slot, set(tokens(body)))
        with self._lock:
            pending, self._pending = self._pending, []
            self._body_ready.set()
            for ref, raw in pending:
                self._apply(ref, raw)
        # The library and its index are long-lived: keep the cyclic GC from walking
        # them over and over (full collections would otherwise stall searches).
        gc.freeze()

    def _new_slot(self, ref: str) -> int:
        old = self._slot_of.get(ref)
        if old is not None:
            self._live.discard(old)
            self._refs[old] = None
        slot = len(self._refs)
        self._refs.append(ref)
        self._slot_of[ref] = slot
        self._live.add(slot)
        return slot

    # -- updates --------------------------------------------------------------------------
    def update(self, ref: str, raw: dict | None) -> None:
        """Re-index one record after a save (``raw=None`` removes it)."""
        with self._lock:
            if not self._body_ready.is_set():
                self._pending.append((ref, raw))
            self._apply(ref, raw)

    def _apply(self, ref: str, raw: dict | None) -> None:
        if raw is None:
            slot = self._slot_of.pop(ref, None)
            if slot is not None:
                self._live.discard(slot)
                self._refs[slot] = None
            return
        slot = self._new_slot(ref)
        names, key, body = record_texts(ref.partition(":")[0], raw)
        self._indexes["names"].add(slot, set(tokens(names)))
        self._indexes["key"].add(slot, set(tokens(key)))
        if self._body_ready.is_set():
            self._indexes["body"].add(slot, set(tokens(body)))

    def wait(self, body: bool = True, timeout: float | None = None) -> bool:
        ready = self._body_ready if body else self._key_ready
        return ready.wait(timeout)

    @property
    def complete(self) -> bool:
        return self._body_ready.is_set()

    # -- querying ---------------------------------------------------------------------------
    def _tiers(self, tok: str, use_body: bool) -> list[tuple[float, set[int]]]:
        """For one query token: (weight, slots whose best match has that weight), best first."""
        levels = [("names", NAME_WEIGHTS), ("key", KEY_WEIGHTS)]
        if use_body:
            levels.append(("body", BODY_WEIGHTS))
        raw = []
        for name, weights in levels:
            for slots, weight in zip(self._indexes[name].lookup(tok), weights):
                raw.append((weight, slots))
        raw.sort(key=lambda pair: -pair[0])
        seen: set[int] = set()
        tiers = []
        for weight, slots in raw:
            fresh = (slots & self._live) - seen
            if fresh:
                tiers.append((weight, fresh))
                seen |= fresh
        return tiers

    def _prepare(self, text: str, wait: bool):
        query = list(dict.fromkeys(tokens(text)))
        if not query:
            return None, False
        self._key_ready.wait()
        if wait:
            self._body_ready.wait()
        return query, self._body_ready.is_set()

    def matching_slots(self, text: str, wait: bool = True) -> set[int] | None:
        query, use_body = self._prepare(text, wait)
        if query is None:
            return None
        names = ("names", "key", "body") if use_body else ("names", "key")
        with self._lock:
            result: set[int] | None = None
            # Most selective (longest) token first, so later tokens only intersect a small set.
            for tok in sorted(query, key=len, reverse=True):
                found: set[int] = set()
                for name in names:
                    for slots in self._indexes[name].lookup(tok):
                        found |= slots if result is None else (result & slots
                                                              if len(result) < len(slots)
                                                              else slots & result)
                result = found & self._live if result is None else found
                if not result:
                    return set()
            return result

    def matching_refs(self, text: str, wait: bool = True) -> set[str] | None:
        """Every matching ref (for filtering views); None for an empty query."""
        slots = self.matching_slots(text, wait)
        if slots is None:
            return None
        refs = self._refs
        return {refs[slot] for slot in slots}

    def search(self, text: str, kinds: Iterable[str] | None = None, limit: int | None = 50,
               wait: bool = True) -> list[Hit]:
        """Ranked hits, best first; *limit* None for all of them."""
        query, use_body = self._prepare(text, wait)
        if query is None:
            return []
        prefixes = tuple(f"{k}:" for k in kinds) if kinds else None
        with self._lock:
            refs = self._refs
            per_token = [self._tiers(tok, use_body) for tok in query]
            candidates: set[int] | None = None
            for tiers in per_token:
                found = set().union(*(slots for _w, slots in tiers)) if tiers else set()
                candidates = found if candidates is None else candidates & found
            if prefixes is not None:
                candidates = {s for s in candidates if refs[s].startswith(prefixes)}
            if not candidates:
                return []
            if limit is None or len(candidates) <= 4 * limit:
                scores = dict.fromkeys(candidates, 0.0)
                for tiers in per_token:
                    for weight, slots in tiers:
                        for slot in slots & candidates if len(slots) > len(candidates) else slots:
                            if slot in scores:
                                scores[slot] += weight
                ranked = sorted(scores.items(), key=lambda p: (-p[1], _KIND_ORDER.get(
                    refs[p[0]].partition(":")[0], 9), refs[p[0]]))
                out = [Hit(refs[slot], score) for slot, score in ranked]
                return out[:limit] if limit else out
            return self._top(per_token, candidates, limit)

    def _top(self, per_token, candidates: set[int], limit: int) -> list[Hit]:
        """Best *limit* hits of a large result without scoring every candidate.

        A hit's score is the sum of its best weight per token; walking the
        combinations of per-token tiers from the highest total down with set
        intersections (C speed) finds the top ones directly.
        """
        import itertools

        refs = self._refs
        combos = []
        for combo in itertools.product(*[range(len(t)) for t in per_token]):
            total = sum(per_token[i][j][0] for i, j in enumerate(combo))
            combos.append((total, combo))
        combos.sort(key=lambda c: -c[0])
        hits: list[Hit] = []
        for total, combo in combos:
            slots = candidates
            for i, j in enumerate(combo):
                slots = slots & per_token[i][j][1]
                if not slots:
                    break
            if slots:
                hits.extend(Hit(refs[s], total) for s in slots)
            if len(hits) >= limit:
                break
        hits.sort(key=lambda h: (-h.score, _KIND_ORDER.get(h.kind, 9), h.ref))
        return hits[:limit]
