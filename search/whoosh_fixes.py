"""A fix for Whoosh 2.7.4, applied once when the search app loads.

``AndNotMatcher.skip_to`` (a query with ``-word``, inside an AND with other words or filters)
moves its positive side past its last document and then reads that side's current id: an
IndexError, i.e. a 500 on /search/. The soak test hit it 3-8 times in 120 s while a writer
changed the index (tests/reliability/test_whoosh_fixes.py reproduces it directly).
"""

from __future__ import annotations

from whoosh.matching.binary import AndNotMatcher

_original_find_next = AndNotMatcher._find_next


def _find_next(self):
    if not self.a.is_active():
        # Nothing left on the positive side: nothing to exclude either.
        return False
    return _original_find_next(self)


def apply() -> None:
    if AndNotMatcher._find_next is not _find_next:
        AndNotMatcher._find_next = _find_next
