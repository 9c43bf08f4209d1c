"""A faster Whoosh phrase for the character-gram fields.

Whoosh's ``Phrase`` checks positions with generic span objects, which took most of the time
of a 4-character query (figures in docs/performance.md). Our phrases are always "these grams at
consecutive positions", which a set intersection of positions answers directly.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.matching import IntersectionMatcher, NullMatcher, WrappingMatcher, mcore
from whoosh.util import make_binary_tree


class Contiguous(wq.Phrase):
    """Documents where each of ``words`` occurs at its offset (default: consecutive positions)
    from the first one in ``fieldname``."""

    def __init__(self, fieldname, words, offsets=None, boost=1.0):
        super().__init__(fieldname, words, boost=boost)
        self.offsets = tuple(offsets) if offsets is not None else tuple(range(len(words)))

    def __eq__(self, other):
        return super().__eq__(other) and self.offsets == getattr(other, "offsets", None)

    def __hash__(self):
        return super().__hash__() ^ hash(self.offsets)

    def matcher(self, searcher, context=None):
        fieldname = self.fieldname
        if fieldname not in searcher.schema:
            return NullMatcher()
        field = searcher.schema[fieldname]
        reader = searcher.reader()
        leaves = []
        for word in self.words:
            if (fieldname, field.to_bytes(word)) not in reader:
                return NullMatcher()
            leaves.append(wq.Term(fieldname, word).matcher(searcher, context))
        matcher = ContiguousMatcher(leaves, self.offsets)
        if self.boost != 1.0:
            matcher = WrappingMatcher(matcher, boost=self.boost)
        return matcher


class ContiguousMatcher(WrappingMatcher):
    """Intersects the grams' postings, keeping documents where they stand one after another."""

    def __init__(self, leaves, offsets, boost=1.0):
        super().__init__(make_binary_tree(IntersectionMatcher, leaves), boost=boost)
        self._leaves = leaves
        self._offsets = offsets
        self._find_next()

    def _contiguous(self) -> bool:
        leaves = self._leaves
        starts = set(leaves[0].value_as("positions"))
        for leaf, offset in zip(leaves[1:], self._offsets[1:], strict=True):
            starts &= {pos - offset for pos in leaf.value_as("positions")}
            if not starts:
                return False
        return True

    def _find_next(self) -> None:
        child = self.child
        while child.is_active() and not self._contiguous():
            child.next()

    def next(self):
        self.child.next()
        self._find_next()

    def skip_to(self, id):
        self.child.skip_to(id)
        self._find_next()

    def reset(self):
        self.child.reset()
        self._find_next()

    def copy(self):
        return ContiguousMatcher(
            [leaf.copy() for leaf in self._leaves], self._offsets, boost=self.boost
        )

    def replace(self, minquality=0):
        # Never let Whoosh swap the intersection for an optimized copy: the position check
        # needs the very leaf matchers the intersection advances.
        return self if self.is_active() else NullMatcher()

    def supports_block_quality(self):
        return False

    def all_ids(self):
        return mcore.Matcher.all_ids(self)

    def all_items(self):
        return mcore.Matcher.all_items(self)
