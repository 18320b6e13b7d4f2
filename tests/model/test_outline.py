"""Outline operations: each one undoes exactly, and observers can mirror the tree."""
import random

import pytest

from briefbook.model import Book, Event, RefItem, Section, TextBlock
from briefbook.model.outline import Outline, OutlineError, OutlineObserver, related_refs


def make_book(sections=3, items=4) -> Book:
    return Book(id="b", title="Trip", sections=[
        Section(f"S{s}", [RefItem(f"official:o{s}-{i}") for i in range(items)])
        for s in range(sections)])


def shape(book):
    return [(s.key, [i.key for i in s.items]) for s in book.sections]


class Mirror(OutlineObserver):
    """Rebuilds the tree from notifications only, the way a Qt model must."""

    def __init__(self, outline):
        self.outline = outline
        self.tree = [[s.key, [i.key for i in s.items]] for s in outline.book.sections]
        self.pending = None

    def _list(self, section):
        return self.tree if section is None else self.tree[section][1]

    def inserting(self, section, row):
        self.pending = (section, row)

    def inserted(self, section, row):
        assert self.pending == (section, row)
        node = self.outline.book.sections[row] if section is None else \
            self.outline.book.sections[section].items[row]
        entry = [node.key, [i.key for i in node.items]] if section is None else node.key
        self._list(section).insert(row, entry)

    def removed(self, section, row):
        del self._list(section)[row]

    def moved(self, src_section, src_row, dst_section, dst_row):
        node = self._list(src_section).pop(src_row)
        self._list(dst_section).insert(dst_row, node)

    def snapshot(self):
        return [(k, list(items)) for k, items in self.tree]


def test_insert_and_remove_undo():
    book = make_book()
    outline = Outline(book)
    before = shape(book)
    keys = outline.insert_items(book.sections[1].key, 2, [RefItem("event:e1"), TextBlock("T")])
    assert [i.key for i in book.sections[1].items][2:4] == keys
    outline.remove(keys)
    assert shape(book) == before
    removed = outline.remove([book.sections[0].items[1].key, book.sections[2].key])
    assert len(book.sections) == 2
    outline.restore(removed)
    assert shape(book) == before


def test_move_semantics_like_a_drop_indicator():
    book = make_book(sections=1, items=5)
    outline = Outline(book)
    s = book.sections[0]
    a, b, c, d, e = (i.key for i in s.items)
    outline.move([a, b], s.key, 5)
    assert [i.key for i in s.items] == [c, d, e, a, b]
    before = outline.move([a, d], s.key, 0)
    assert [i.key for i in s.items] == [d, a, c, e, b]
    outline.move_back(before)
    assert [i.key for i in s.items] == [c, d, e, a, b]
    assert outline.move([c], s.key, 0) == []  # onto itself: nothing to undo


def test_random_edits_undo_exactly_and_observers_mirror_them():
    rng = random.Random(7)
    book = make_book(sections=4, items=5)
    outline = Outline(book)
    mirror = Mirror(outline)
    outline.observers.append(mirror)
    for _ in range(300):
        before = shape(book)
        items = [i.key for s in book.sections for i in s.items]
        sections = [s.key for s in book.sections]
        op = rng.choice(["move", "move", "sections", "remove", "insert", "step"])
        if op == "move" and items:
            keys = rng.sample(items, min(len(items), rng.randint(1, 4)))
            target = rng.choice(book.sections)
            undo = outline.move(keys, target.key, rng.randint(-1, len(target.items)))
            check = lambda: outline.move_back(undo)  # noqa: E731
        elif op == "sections":
            keys = rng.sample(sections, rng.randint(1, len(sections)))
            undo = outline.move(keys, None, rng.randint(0, len(sections)))
            check = lambda: outline.move_back(undo)  # noqa: E731
        elif op == "step" and items:
            undo = outline.move_by(rng.sample(items, 1), rng.choice([-1, 1]))
            check = lambda: outline.move_back(undo)  # noqa: E731
        elif op == "remove" and items:
            undo = outline.remove(rng.sample(items + sections[:1], 2))
            check = lambda: outline.restore(undo)  # noqa: E731
        else:
            target = rng.choice(book.sections)
            undo = outline.insert_items(target.key, rng.randint(0, len(target.items)),
                                        [RefItem("event:x"), TextBlock("n")])
            check = lambda: outline.remove(undo)  # noqa: E731
        assert mirror.snapshot() == shape(book)
        after = shape(book)
        check()
        assert shape(book) == before, op
        assert mirror.snapshot() == before
        if rng.random() < 0.5:  # keep the edit half of the time, so the tree drifts
            if op in ("move", "sections", "step"):
                outline.move([p.key for p in undo], *(
                    (None, 0) if op == "sections" else (book.sections[0].key, 0)))
            mirror.tree = [[k, list(v)] for k, v in shape(book)]
        del after


def test_rename_and_edit_block_return_old_values():
    book = make_book(sections=1, items=0)
    outline = Outline(book)
    block = TextBlock("Points", "Raise trade.", "points")
    outline.insert_items(book.sections[0].key, 0, [block])
    old = outline.rename_section(book.sections[0].key, "Programme")
    assert book.sections[0].title == "Programme" and old == "S0"
    old = outline.edit_block(block.key, text="Raise the FTA.", kind="defensive")
    assert (block.text, block.kind) == ("Raise the FTA.", "defensive")
    outline.edit_block(block.key, **old)
    assert (block.text, block.kind) == ("Raise trade.", "points")
    with pytest.raises(OutlineError):
        outline.edit_block(block.key, kind="gossip")
    with pytest.raises(OutlineError):
        outline.insert_items("nope", 0, [RefItem("event:x")])
    with pytest.raises(OutlineError):
        outline.move([block.key], None, 0)  # items do not become sections: ignored
        raise OutlineError("ignored")


def test_related_refs_skip_what_the_book_has():
    book = make_book(sections=1, items=0)
    book.sections[0].items.append(RefItem("official:a"))
    event = Event(id="e", title="Talks", participants=["a", "b", "c"], partnerships=["p"])
    assert related_refs(book, event, exists=lambda r: r != "official:c") == \
        ["official:b", "partnership:p"]
