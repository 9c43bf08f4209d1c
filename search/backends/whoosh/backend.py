"""``WhooshBackend``: the search door (``search.backends.SearchBackend``) on a Whoosh index
configured through haystack. Each method hands over to the module that does the work."""

from __future__ import annotations

from whoosh.index import LockError

from search.backends.whoosh import (
    engine,
    inventory,
    occurrences,
    rebuild,
    related,
    suggest,
    writing,
)
from search.language.words import jieba_words


class WhooshBackend:
    lock_errors = (LockError,)
    syncs_in_transaction = False  # the index is beside the database: queued, after the commit

    def search(self, params, parsed, *, per_page=None):
        return engine.run_search(params, parsed, per_page=per_page)

    def count(self, params, parsed, *, without=""):
        return engine.count_matches(params, parsed, without=without)

    def matching_ids(self, q):
        return engine.matching_ids(q)

    def occurrences(self, folded):
        return occurrences.term_occurrences(folded)

    def suggestions(self, parsed):
        return suggest.suggestions(parsed)

    def related(self, speech, limit):
        return related.related_speeches(speech, limit)

    def writing(self, *, timeout):
        return writing.writing(timeout=timeout)

    def rebuild(self, *, empty=False, progress=None):
        return rebuild.rebuild(empty=empty, progress=progress)

    def indexed_count(self):
        return inventory.indexed_count()

    def indexed_stamps(self):
        return inventory.indexed_stamps()

    def check(self):
        return inventory.check()

    def warm(self):
        """The segmenter's dictionary (every search) and pypinyin (the first search that finds
        nothing), loaded once so forked workers share their pages."""
        jieba_words("预热分词词典")
        suggest.warm()
