"""Suggestions when a search finds nothing (search/language/suggesting.py), with the look-ups
answered from the Whoosh index."""

from __future__ import annotations

import os

from search.backends.whoosh.engine import shared_searcher
from search.backends.whoosh.postings import matching_set
from search.backends.whoosh.queries import gram_query
from search.language import suggesting
from search.language.normalize import fold
from search.language.query import ParsedQuery

warm = suggesting.warm
_reading_cache: dict[tuple, dict[str, tuple[int, str]]] = {}


class WhooshLookups:
    def __init__(self, searcher):
        self.searcher = searcher

    def exists(self, term: str) -> bool:
        return bool(matching_set(self.searcher, gram_query("chars", term)))

    def texts_containing(self, pieces: list[str], limit: int) -> list[str]:
        # Match sets, not a scored search: Whoosh would score every speech holding a common
        # piece (部署 is in most of them) to pick a few.
        searcher = self.searcher
        chosen: list[int] = []
        for piece in pieces:
            found = matching_set(searcher, gram_query("chars", piece)).difference(chosen)
            chosen.extend(sorted(found)[: limit - len(chosen)])
            if len(chosen) >= limit:
                break
        return [fold(searcher.stored_fields(docnum).get("chars", "")) for docnum in chosen]

    def readings(self) -> dict[str, tuple[int, str]]:
        # The searcher's own generation changes with every commit it sees.
        ix = self.searcher._ix  # the Index this searcher reads
        key = (os.path.realpath(ix.storage.folder), ix.latest_generation())
        cached = _reading_cache.get(key)
        if cached is not None:
            return cached
        reader = self.searcher.reader()
        words = (
            raw.decode("utf-8") if isinstance(raw, bytes) else raw for raw in reader.lexicon("text")
        )
        best = suggesting.best_readings(
            (word, reader.doc_frequency("text", word))
            for word in words
            if 1 <= len(word) <= 6 and not word.isascii()
        )
        _reading_cache.clear()  # one index generation at a time
        _reading_cache[key] = best
        return best


def suggestions(parsed: ParsedQuery) -> list[str]:
    return suggesting.suggestions(parsed, WhooshLookups(shared_searcher()))
