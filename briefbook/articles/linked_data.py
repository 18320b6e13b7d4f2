"""The article's own description in schema.org JSON-LD (``<script type="application/ld+json">``):
headline, publication date, publisher, address.  Hostile JSON (deep nesting, huge arrays)
is skipped, never fatal."""
from __future__ import annotations

import json

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting",
                 "analysisnewsarticle", "backgroundnewsarticle", "pressrelease", "webpage"}
MAX_NODES = 5_000


def _text(value) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@id") or "")
    if isinstance(value, list) and value:
        return _text(value[0])
    return ""


def _types(node: dict) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.casefold() for k in kinds if isinstance(k, str)}


def _articles(data) -> list[dict]:
    """Article-like objects anywhere in the data (an @graph, a list), best first."""
    found: list[dict] = []
    stack, seen = [data], 0
    while stack and seen < MAX_NODES:
        node = stack.pop()
        seen += 1
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if _types(node) & ARTICLE_TYPES:
                found.append(node)
            stack.extend(v for v in reversed(list(node.values())) if isinstance(v, (list, dict)))
    found.sort(key=lambda n: "webpage" in _types(n))
    return found


def linked_data(blocks: list[str]) -> dict[str, str]:
    """{'headline', 'datePublished', 'publisher', 'url'} from the first article object."""
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):
            continue
        for node in _articles(data):
            out = {"headline": _text(node.get("headline")),
                   "datePublished": _text(node.get("datePublished") or node.get("dateCreated")),
                   "publisher": _text(node.get("publisher")),
                   "url": _text(node.get("url") or node.get("mainEntityOfPage"))}
            out = {k: v for k, v in out.items() if v and len(v) < 500}
            if out:
                return out
    return {}
