"""Running a search against the index: the one place that talks to Whoosh for reading."""

from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import dataclass, field, replace

from whoosh import query as wq
from whoosh import sorting

from search.indexing import search_backend
from search.params import SearchParams
from search.query import ParsedQuery, build_query, parse_query

PAGE_SIZE = 20
FACET_FIELDS = ("level", "theme", "year")


@dataclass
class Hit:
    speech_id: int
    score: float | None


@dataclass
class SearchOutcome:
    count: int
    page: int
    pages: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    dates: Counter = field(default_factory=Counter)  # YYYYMMDD → hits


def open_index():
    """The live Whoosh index (refreshed to its newest generation)."""
    backend = search_backend()
    backend.index = backend.index.refresh()
    return backend.index


_local = threading.local()


def shared_searcher():
    """A searcher kept open between requests (opening one reads the term index: ~40 ms at
    1,000 speeches), refreshed when the index has new commits or was swapped by a rebuild.
    One per thread; never close it."""
    backend = search_backend()
    key = (backend.path, os.path.realpath(backend.path))
    cached = getattr(_local, "searcher", None)
    if cached is not None and cached[0] == key:
        searcher = cached[1]
        if searcher.up_to_date():
            return searcher
        # refresh() reuses what it can and closes the rest of the old searcher itself.
        fresh = searcher.refresh()
    else:
        if cached is not None:
            cached[1].close()  # another index (a swap or another path): let its files go
        fresh = open_index().searcher()
    _local.searcher = (key, fresh)
    return fresh


def filter_query(params: SearchParams, *, without: str = "") -> wq.Query | None:
    """The filters of ``params`` as one query; ``without`` leaves one filter out."""
    parts: list[wq.Query] = []
    if params.level and without != "level":
        parts.append(wq.Term("level", params.level))
    if params.theme and without != "theme":
        parts.append(wq.Term("theme", params.theme))
    dated = params
    if without == "dates":
        dated = replace(params, date_from="", date_to="")
    elif without == "year":
        dated = replace(params, year="")
    low, high = dated.date_range
    if low or high:
        parts.append(wq.TermRange("date", low, high))
    if not parts:
        return None
    return wq.And(parts) if len(parts) > 1 else parts[0]


def _combine(main: wq.Query, filters: wq.Query | None) -> wq.Query:
    return wq.And([main, filters]) if filters is not None else main


def _sortedby(params: SearchParams, parsed: ParsedQuery):
    newest = sorting.FieldFacet("date", reverse=True)
    if params.sort == "oldest":
        return sorting.MultiFacet(
            [sorting.FieldFacet("dated", reverse=True), sorting.FieldFacet("date")]
        )
    if params.sort == "newest" or parsed.is_empty:
        return newest
    # Relevance, ties broken by the newer date.
    return sorting.MultiFacet([sorting.ScoreFacet(), newest])


def run_search(params: SearchParams, parsed: ParsedQuery | None = None) -> SearchOutcome:
    parsed = parsed if parsed is not None else parse_query(params.q)
    q = _combine(build_query(parsed), filter_query(params))
    groupedby = {name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACET_FIELDS}
    groupedby["date"] = sorting.FieldFacet("date", maptype=sorting.Count)
    searcher = shared_searcher()
    results = searcher.search(
        q,
        limit=params.page * PAGE_SIZE,
        sortedby=_sortedby(params, parsed),
        groupedby=groupedby,
        terms=False,
    )
    total = len(results)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(params.page, pages)
    start = (page - 1) * PAGE_SIZE
    facets = (
        {name: _clean_counts(results.groups(name)) for name in FACET_FIELDS}
        if total
        else {name: {} for name in FACET_FIELDS}
    )
    dates = Counter(_clean_counts(results.groups("date"))) if total else Counter()
    if page != params.page:
        results = searcher.search(q, limit=page * PAGE_SIZE, sortedby=_sortedby(params, parsed))
    ids = id_column(searcher)
    hits = [
        Hit(speech_id=int(ids[docnum]), score=_score(key))
        for key, docnum in results.top_n[start : start + PAGE_SIZE]
    ]
    return SearchOutcome(count=total, page=page, pages=pages, hits=hits, facets=facets, dates=dates)


def id_column(searcher):
    """docnum → speech id, read from the ``speech_id`` column (no stored fields loaded)."""
    reader = searcher.reader()
    if reader.doc_count_all() == 0:
        return {}
    return reader.column_reader("speech_id")


def _score(key) -> float | None:
    # Sorted results carry their sort key: (-score, date) when sorted by relevance.
    if isinstance(key, tuple) and key and isinstance(key[0], (int, float)):
        return round(-float(key[0]), 4)
    return None


def _clean_counts(groups: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key, value in groups.items():
        if isinstance(key, bytes):
            key = key.decode("utf-8")
        if key in (None, ""):
            continue
        counts[str(key)] = int(value)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def count_matches(params: SearchParams, parsed: ParsedQuery, *, without: str = "") -> int:
    """How many speeches match with one filter left out (to explain empty results)."""
    q = _combine(build_query(parsed), filter_query(params, without=without))
    searcher = shared_searcher()
    return (
        searcher.doc_count()
        if isinstance(q, wq.Every)
        else len(searcher.search(q, limit=1, terms=False))
    )


def matching_ids(q_text: str) -> set[int]:
    """Every speech id matching ``q_text`` with no filters (used by tests and tools)."""
    parsed = parse_query(q_text)
    searcher = shared_searcher()
    results = searcher.search(build_query(parsed), limit=None, terms=False)
    ids = id_column(searcher)
    return {int(ids[docnum]) for docnum in results.docs()}
