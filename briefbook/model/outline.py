"""Editing a book's outline: plain-Python operations that can be undone (no Qt).

:class:`Outline` wraps a :class:`~briefbook.model.book.Book` and edits its
sections and items by *key*.  Every operation returns what is needed to undo
it, so the GUI's undo commands are two lines each::

    keys = outline.insert_items(section_key, 0, [RefItem("official:x")])
    outline.remove(keys)                        # undoes it

    removed = outline.remove(keys)
    outline.restore(removed)                    # undoes it

    before = outline.move(keys, section_key, 2)
    outline.move_back(before)                   # undoes it

Observers hear about each primitive change (one node inserted, removed or
moved, or a node's text changed) *before* and *after* it happens, with
positions as indexes: this is what a Qt item model needs to follow the tree
(``begin/endInsertRows`` and friends) without knowing the operations.
``section`` is ``None`` for the list of sections itself, else the index of
the section holding the items.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from .book import BLOCK_KINDS, Book, Item, RefItem, Section, TextBlock

Node = Section | RefItem | TextBlock


class OutlineObserver:
    """Override what you need; all positions are indexes at the time of the call."""

    def inserting(self, section: int | None, row: int) -> None: ...
    def inserted(self, section: int | None, row: int) -> None: ...
    def removing(self, section: int | None, row: int) -> None: ...
    def removed(self, section: int | None, row: int) -> None: ...

    def moving(self, src_section: int | None, src_row: int,
               dst_section: int | None, dst_row: int) -> None:
        """*dst_row* is the node's final row (after it left its old place)."""

    def moved(self, src_section: int | None, src_row: int,
              dst_section: int | None, dst_row: int) -> None: ...

    def changed(self, section: int | None, row: int) -> None: ...


@dataclass(frozen=True)
class Placed:
    """Where a node was: its parent section's key (None for a section) and row."""

    key: str
    parent: str | None
    row: int
    node: Node


class OutlineError(ValueError):
    """An outline operation was given a key or position that does not exist."""


class Outline:
    def __init__(self, book: Book):
        self.book = book
        self.observers: list[OutlineObserver] = []
        self._parent: dict[str, str | None] = {}
        self._nodes: dict[str, Node] = {}
        self._reindex()

    # -- looking things up -----------------------------------------------------------------
    def _reindex(self) -> None:
        self._parent.clear()
        self._nodes.clear()
        for section in self.book.sections:
            self._parent[section.key] = None
            self._nodes[section.key] = section
            for item in section.items:
                self._parent[item.key] = section.key
                self._nodes[item.key] = item

    def node(self, key: str) -> Node:
        try:
            return self._nodes[key]
        except KeyError:
            raise OutlineError(f"nothing in the outline has key {key!r}") from None

    def __contains__(self, key: str) -> bool:
        return key in self._nodes

    def parent_key(self, key: str) -> str | None:
        self.node(key)
        return self._parent[key]

    def section_of(self, item: Item) -> Section:
        return self._nodes[self._parent[item.key]]  # type: ignore[return-value]

    def section_row(self, section: Section) -> int:
        for row, candidate in enumerate(self.book.sections):
            if candidate is section:
                return row
        raise OutlineError(f"section {section.title!r} is not in the book")

    def position(self, key: str) -> tuple[int | None, int]:
        """(section index or None, row) of the node with *key*."""
        node = self.node(key)
        parent = self._parent[key]
        if parent is None:
            return None, self.section_row(node)  # type: ignore[arg-type]
        section = self._nodes[parent]
        return self.section_row(section), _row_of(section.items, node)  # type: ignore[union-attr]

    def is_section(self, key: str) -> bool:
        return isinstance(self.node(key), Section)

    def _children(self, parent: str | None) -> list:
        if parent is None:
            return self.book.sections
        section = self.node(parent)
        if not isinstance(section, Section):
            raise OutlineError(f"{parent!r} is an item, not a section")
        return section.items

    def _sec_index(self, parent: str | None) -> int | None:
        return None if parent is None else self.section_row(self._nodes[parent])  # type: ignore[arg-type]

    # -- primitives (each tells the observers) ---------------------------------------------
    def _insert_node(self, parent: str | None, row: int, node: Node) -> None:
        if node.key in self._nodes:
            raise OutlineError(f"key {node.key!r} is already in the outline")
        if (parent is None) != isinstance(node, Section):
            raise OutlineError("sections go at the top level and items inside sections")
        children = self._children(parent)
        row = max(0, min(row, len(children)))
        sec = self._sec_index(parent)
        for obs in self.observers:
            obs.inserting(sec, row)
        children.insert(row, node)
        self._parent[node.key] = parent
        self._nodes[node.key] = node
        if isinstance(node, Section):
            for item in node.items:
                self._parent[item.key] = node.key
                self._nodes[item.key] = item
        for obs in self.observers:
            obs.inserted(sec, row)

    def _remove_node(self, key: str) -> Placed:
        node = self.node(key)
        parent = self._parent[key]
        children = self._children(parent)
        row = _row_of(children, node)
        sec = self._sec_index(parent)
        for obs in self.observers:
            obs.removing(sec, row)
        del children[row]
        del self._parent[key], self._nodes[key]
        if isinstance(node, Section):
            for item in node.items:
                self._parent.pop(item.key, None)
                self._nodes.pop(item.key, None)
        for obs in self.observers:
            obs.removed(sec, row)
        return Placed(key, parent, row, node)

    def _move_node(self, key: str, parent: str | None, row: int) -> None:
        """Move one node so that it ends up at *row* of *parent*."""
        node = self.node(key)
        old_parent = self._parent[key]
        if (parent is None) != isinstance(node, Section):
            raise OutlineError("sections move among sections, items into sections")
        src_children = self._children(old_parent)
        src_row = _row_of(src_children, node)
        dst_children = self._children(parent)
        limit = len(dst_children) - (1 if dst_children is src_children else 0)
        row = max(0, min(row, limit))
        if dst_children is src_children and row == src_row:
            return
        src_sec, dst_sec = self._sec_index(old_parent), self._sec_index(parent)
        # The destination's index as it will be once the node has left (sections only).
        for obs in self.observers:
            obs.moving(src_sec, src_row, dst_sec, row)
        del src_children[src_row]
        dst_children.insert(row, node)
        self._parent[key] = parent
        for obs in self.observers:
            obs.moved(src_sec, src_row, dst_sec, row)

    def _changed(self, key: str) -> None:
        sec, row = self.position(key)
        for obs in self.observers:
            obs.changed(sec, row)

    # -- operations ------------------------------------------------------------------------
    def insert_items(self, section_key: str, row: int, items: Iterable[Item]) -> list[str]:
        """Insert *items* at *row* of a section (-1 = at the end). Undo: ``remove(keys)``."""
        children = self._children(section_key)
        if row < 0 or row > len(children):
            row = len(children)
        keys = []
        for offset, item in enumerate(items):
            self._insert_node(section_key, row + offset, item)
            keys.append(item.key)
        return keys

    def insert_sections(self, row: int, sections: Iterable[Section]) -> list[str]:
        """Insert sections at *row* (-1 = at the end). Undo: ``remove(keys)``."""
        if row < 0 or row > len(self.book.sections):
            row = len(self.book.sections)
        keys = []
        for offset, section in enumerate(sections):
            self._insert_node(None, row + offset, section)
            keys.append(section.key)
        return keys

    def remove(self, keys: Iterable[str]) -> list[Placed]:
        """Remove nodes (items of a removed section go with it). Undo: ``restore(result)``."""
        wanted = [k for k in dict.fromkeys(keys) if k in self._nodes]
        # An item inside a section that is removed too goes with its section.
        wanted = [k for k in wanted if self._parent[k] is None or self._parent[k] not in wanted]
        # Remove bottom-up so the recorded rows are the rows to restore at, top-down.
        ordered = sorted(wanted, key=self._order_key, reverse=True)
        removed = [self._remove_node(k) for k in ordered]
        removed.reverse()
        return removed

    def restore(self, removed: Sequence[Placed]) -> None:
        """Put back what :meth:`remove` took out, where it was."""
        for placed in sorted(removed, key=lambda p: (p.parent is not None, p.row)):
            if placed.parent is None:
                self._insert_node(None, placed.row, placed.node)
        for placed in removed:
            if placed.parent is not None:
                self._insert_node(placed.parent, placed.row, placed.node)

    def move(self, keys: Iterable[str], section_key: str | None, row: int) -> list[Placed]:
        """Move nodes to *row* of *section_key* (None: reorder sections).

        *row* counts positions in the target *before* the moved nodes leave it,
        as a drop indicator does; -1 means at the end.  Sections move only
        among sections and items only into sections; other keys are ignored.
        Returns where the moved nodes were (empty if nothing moved).
        Undo: ``move_back(result)``.
        """
        want_sections = section_key is None
        targets = self._children(section_key)
        if row < 0 or row > len(targets):
            row = len(targets)
        moving = [k for k in dict.fromkeys(keys)
                  if k in self._nodes and self.is_section(k) == want_sections]
        moving.sort(key=self._order_key)
        if not moving:
            return []
        before = [Placed(k, self._parent[k], self.position(k)[1], self._nodes[k]) for k in moving]
        final = row - sum(1 for p in before if p.parent == section_key and p.row < row)
        if all(p.parent == section_key for p in before) and \
                [p.row for p in before] == list(range(final, final + len(before))):
            return []  # dropped onto itself
        # Each node goes just before the first node at or after *row* that stays put.
        moving_set = set(moving)
        anchor = next((n for n in targets[row:] if n.key not in moving_set), None)
        for key in moving:
            node = self._nodes[key]
            if anchor is None:
                dest = len(targets) - (1 if self._parent[key] == section_key else 0)
            else:
                at = _row_of(targets, anchor)
                inside = self._parent[key] == section_key and _row_of(targets, node) < at
                dest = at - 1 if inside else at
            self._move_node(key, section_key, dest)
        return before

    def move_back(self, before: Sequence[Placed]) -> None:
        """Undo :meth:`move`: each node returns to the row it had."""
        pending = {p.key for p in before}
        for placed in sorted(before, key=lambda p: p.row):
            # Its old row counts only the nodes that are settled (not still to move back).
            others = [c for c in self._children(placed.parent) if c is not placed.node]
            dest, settled = len(others), 0
            for i, child in enumerate(others):
                if settled == placed.row:
                    dest = i
                    break
                if child.key not in pending:
                    settled += 1
            pending.discard(placed.key)
            self._move_node(placed.key, placed.parent, dest)

    def move_by(self, keys: Iterable[str], step: int) -> list[Placed]:
        """Move nodes up (-1) or down (+1) within their parent, crossing into the
        neighbouring section when an item is at the edge of its own."""
        keys = [k for k in keys if k in self._nodes]
        if not keys:
            return []
        keys.sort(key=self._order_key)
        first = keys[0] if step < 0 else keys[-1]
        parent = self._parent[first]
        sec, row = self.position(first)
        siblings = self._children(parent)
        same = [k for k in keys if self._parent[k] == parent]
        if parent is None:
            target_row = row - 1 if step < 0 else row + 2
            if target_row < 0 or target_row > len(siblings):
                return []
            return self.move(same, None, target_row)
        if step < 0 and row > 0:
            return self.move(same, parent, row - 1)
        if step > 0 and row < len(siblings) - 1:
            return self.move(same, parent, row + 2)
        neighbour = sec + step  # type: ignore[operator]
        if not 0 <= neighbour < len(self.book.sections):
            return []
        target = self.book.sections[neighbour]
        return self.move(same, target.key, len(target.items) if step < 0 else 0)

    def rename_section(self, key: str, title: str) -> str:
        """Set a section's title. Returns the old title (undo: rename back)."""
        section = self.node(key)
        if not isinstance(section, Section):
            raise OutlineError(f"{key!r} is not a section")
        old, section.title = section.title, title
        self._changed(key)
        return old

    def edit_block(self, key: str, *, title: str | None = None, text: str | None = None,
                   kind: str | None = None) -> dict:
        """Change a text block. Returns the old values (undo: ``edit_block(key, **old)``)."""
        block = self.node(key)
        if not isinstance(block, TextBlock):
            raise OutlineError(f"{key!r} is not a text block")
        if kind is not None and kind not in BLOCK_KINDS:
            raise OutlineError(f"{kind!r} is not one of {', '.join(BLOCK_KINDS)}")
        old = {}
        for name, value in (("title", title), ("text", text), ("kind", kind)):
            if value is not None:
                old[name] = getattr(block, name)
                setattr(block, name, value)
        self._changed(key)
        return old

    def refresh(self, key: str) -> None:
        """Tell observers a node should be redrawn (e.g. the record it cites changed)."""
        self._changed(key)

    # -- helpers ----------------------------------------------------------------------------
    def _order_key(self, key: str) -> tuple[int, int]:
        sec, row = self.position(key)
        return (row, -1) if sec is None else (sec, row)

    def keys_citing(self, ref: str) -> list[str]:
        return [item.key for section in self.book.sections for item in section.items
                if not item.is_text and item.ref == ref]


def _row_of(children: list, node: Node) -> int:
    for row, candidate in enumerate(children):
        if candidate is node:
            return row
    raise OutlineError("node not found among its parent's children")


def missing_refs(book: Book, refs: Iterable[str]) -> list[str]:
    """The refs not yet cited by *book*, in order, each once."""
    have = set(book.refs())
    out = []
    for ref in refs:
        if ref not in have:
            have.add(ref)
            out.append(ref)
    return out


def related_refs(book: Book, event, exists=lambda ref: True) -> list[str]:
    """What dropping *event* should offer: its participants' biographies and its
    partnership backgrounds that the book does not have yet (and the library does)."""
    candidates = [f"official:{i}" for i in event.participants]
    candidates += [f"partnership:{i}" for i in event.partnerships]
    return [ref for ref in missing_refs(book, candidates) if exists(ref)]
