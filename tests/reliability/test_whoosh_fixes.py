"""search/backends/whoosh/patches.py: an excluded word (``-词``) no longer fails a search when
the other words' matches run out while skipping (found by the soak test)."""

from __future__ import annotations

from whoosh.matching import ListMatcher
from whoosh.matching.binary import AndNotMatcher

import search.apps  # noqa: F401 - the app's ready() has applied the fix under pytest-django


def test_and_not_matcher_skipping_past_its_last_document_is_just_finished():
    matcher = AndNotMatcher(ListMatcher([1, 2]), ListMatcher([1, 6]))
    assert matcher.id() == 2
    matcher.skip_to(5)
    assert not matcher.is_active()


def test_and_not_matcher_still_excludes():
    matcher = AndNotMatcher(ListMatcher([1, 2, 3, 7, 9]), ListMatcher([2, 7]))
    assert list(matcher.all_ids()) == [1, 3, 9]
    matcher = AndNotMatcher(ListMatcher([1, 2, 3, 7, 9]), ListMatcher([2, 7]))
    matcher.skip_to(4)
    assert list(matcher.all_ids()) == [9]
