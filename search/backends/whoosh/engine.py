"""Running a search against the Whoosh index: match, filter, count facets, rank, page.

A search compiles the parsed query once (``queries.compile_query``), takes the set of matching
documents from whole posting lists (``postings``), filters and counts facets on per-document
columns read once per searcher, and ranks only what it will show (``scoring``).
"""

from __future__ import annotations

import os
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field, replace

from django.conf import settings
from whoosh import collectors
from whoosh import query as wq

from search.backends import Hit, SearchOutcome
from search.backends.whoosh.postings import forget_terms, live_docnums, matching_set
from search.backends.whoosh.queries import CompiledQuery, compile_query
from search.backends.whoosh.scoring import best_first, bm25f_scores
from search.backends.whoosh.store import open_index, search_backend
from search.language.filters import FILTERS, field_values
from search.language.params import SearchParams
from search.language.query import ParsedQuery, parse_query

PAGE_SIZE = 20


_local = threading.local()


def shared_searcher():
    """A searcher kept open between requests (opening one reads the whole term index),
    refreshed when the index has new commits or was swapped by a rebuild. One per thread;
    never close it."""
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


def _without(params: SearchParams, name: str) -> SearchParams:
    if name == "dates":
        return replace(params, date_from="", date_to="")
    if name == "year" or name in {f.param for f in FILTERS}:
        return replace(params, **{name: ""})
    return params


@dataclass
class Columns:
    """Per document number: the filter and facet values, read once per searcher. Filtering,
    counting facets and sorting by date are then list lookups done at C speed, instead of a
    Whoosh facet object asked once per matching document (most of a search's time once a
    query matches thousands of speeches)."""

    speech_id: list[str]
    year: list[str]
    date: list[str]
    month: list[str]  # YYYYMM
    # Per filter parameter (search/language/filters.py): each document's value, or for a
    # multi-valued field the tuple of its values.
    filters: dict[str, list]
    filled: frozenset[str] = frozenset()  # the filter parameters some document has a value for
    # (param, value) → the distinct stored strings holding it, filled as searches ask.
    holding: dict = field(default_factory=dict)


def columns(searcher) -> Columns:
    cached = getattr(searcher, "_archive_columns", None)
    if cached is not None:
        return cached
    reader = searcher.reader()
    size = reader.doc_count_all()

    def read(name: str) -> list[str]:
        if size == 0:
            return []
        if name not in reader.schema:
            # An index built before the field existed (places, speaker, role): searching
            # still works, the filter matches nothing until `rebuild_index`.
            return [""] * size
        column = reader.column_reader(name)
        return [_as_text(column[docnum]) for docnum in range(size)]

    cached = Columns(
        speech_id=read("speech_id"),
        year=read("year"),
        date=(dates := read("date")),
        month=[date[:6] for date in dates],
        # Multi-valued fields too are kept as the stored strings ("120103 120000"): a speech
        # has one, and the archive few distinct ones, so filters and facets work on the
        # distinct strings and a search touches each document once, at C speed.
        filters={f.param: read(f.field) for f in FILTERS},
    )
    cached.filled = frozenset(name for name, values in cached.filters.items() if any(values))
    searcher._archive_columns = cached  # a refreshed index gets a new searcher, so no staleness
    return cached


def _as_text(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return "" if value is None else str(value)


def matching_docnums(
    searcher, parsed: ParsedQuery, compiled: CompiledQuery | None = None
) -> list[int]:
    """Document numbers of every live speech the query matches (no filters), in order."""
    if parsed.is_empty:
        return list(live_docnums(searcher))
    compiled = compiled if compiled is not None else compile_query(parsed)
    return sorted(matching_set(searcher, compiled.match))


def apply_filters(
    docnums: list[int], cols: Columns, params: SearchParams, *, without: str = ""
) -> list[int]:
    params = _without(params, without)
    for spec in FILTERS:
        wanted = getattr(params, spec.param)
        if wanted:
            values = cols.filters[spec.param]
            if spec.multi:
                holding = _values_holding(cols, spec.param, wanted)
                docnums = [d for d in docnums if values[d] in holding]
            else:
                docnums = [d for d in docnums if values[d] == wanted]
    low, high = params.date_range
    if low or high:
        date = cols.date
        low, high = low or "0", high or "99999999"
        # An undated speech is outside every date range.
        docnums = [d for d in docnums if date[d] and low <= date[d] <= high]
    return docnums


def count_values(docnums: list[int], values: list[str]) -> dict[str, int]:
    counts = Counter(map(values.__getitem__, docnums))
    counts.pop("", None)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def count_multi(docnums: list[int], values: list[str]) -> dict[str, int]:
    """Counts of every value of the documents (a document counts once for each of its
    values: a speech of 河西区 counts for 天津市 too)."""
    counts: Counter = Counter()
    for joined, count in Counter(map(values.__getitem__, docnums)).items():
        for value in field_values(joined, True):
            counts[value] += count
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _values_holding(cols: Columns, param: str, wanted: str) -> set[str]:
    """The distinct stored strings of a multi-valued field that hold ``wanted``."""
    key = (param, wanted)
    found = cols.holding.get(key)
    if found is None:
        distinct = set(cols.filters[param])
        found = {joined for joined in distinct if wanted in field_values(joined, True)}
        cols.holding[key] = found
    return found


def _by_date(docnums: list[int], cols: Columns, *, oldest: bool) -> list[int]:
    date = cols.date
    if oldest:  # dated speeches first, oldest first; undated last
        return sorted(docnums, key=lambda d: (date[d] == "", date[d]))
    return sorted(docnums, key=date.__getitem__, reverse=True)


def _by_relevance(
    searcher, query: wq.Query, docnums: list[int], cols: Columns, need: int, per_page: int
) -> list[tuple[int, float | None]]:
    """The ``need`` best of ``docnums`` (all known to match), ordered by score, then the lower
    document number (Whoosh's own tie order), so page 2 continues page 1 exactly; within the
    page, equal scores are shown newer first."""
    allowed = set(docnums)
    scores = bm25f_scores(searcher, query, allowed)
    if scores is not None:
        for docnum in allowed.difference(scores):  # matched, but by nothing scorable
            scores[docnum] = 0.0
        best = best_first(scores, need)
    else:
        best = [(docnum, score) for score, docnum in _whoosh_top(searcher, query, allowed, need)]
    date = cols.date
    scored = [(docnum, round(float(score), 4)) for docnum, score in best]
    page_start = max(0, need - per_page)
    page = scored[page_start:]
    page.sort(key=lambda item: date[item[0]], reverse=True)  # stable: the newer first ...
    page.sort(key=lambda item: item[1], reverse=True)  # ... among equal scores
    return scored[:page_start] + page


def _whoosh_top(searcher, query: wq.Query, allowed: set[int], need: int) -> list:
    """Whoosh's own top ``need`` as (score, docnum), for query shapes ``scoring`` does not
    handle."""
    collector = collectors.FilterCollector(
        # No block skipping and no matcher "replacement": both prune with score estimates,
        # which cut ties differently for different limits (page 2 would repeat page 1).
        collectors.TopCollector(limit=need, usequality=False, replace=0),
        allow=allowed,
    )
    searcher.search_with_collector(query, collector)
    return collector.results().top_n


def _cache_key(params: SearchParams, per_page: int) -> tuple:
    return (per_page, *sorted(params.as_query_dict().items()))


def run_search(
    params: SearchParams, parsed: ParsedQuery | None = None, *, per_page: int | None = None
) -> SearchOutcome:
    """One page of results with counts and facets; repeated searches on an unchanged index
    are answered from the searcher's small LRU cache (``SEARCH_RESULT_CACHE`` entries)."""
    searcher = shared_searcher()
    per_page = per_page or PAGE_SIZE
    size = settings.SEARCH_RESULT_CACHE
    if size <= 0:
        return _run_search(searcher, params, parsed, per_page)
    cache = getattr(searcher, "_archive_outcomes", None)
    if cache is None:
        cache = searcher._archive_outcomes = OrderedDict()  # dies with this searcher
    key = _cache_key(params, per_page)
    outcome = cache.get(key)
    if outcome is not None:
        cache.move_to_end(key)
        return outcome
    outcome = _run_search(searcher, params, parsed, per_page)
    cache[key] = outcome
    while len(cache) > size:
        cache.popitem(last=False)
    return outcome


def _run_search(
    searcher, params: SearchParams, parsed: ParsedQuery | None, per_page: int
) -> SearchOutcome:
    if settings.SEARCH_TERM_CACHE <= 0:
        forget_terms()  # nothing read by an earlier search is reused
    parsed = parsed if parsed is not None else parse_query(params.q)
    compiled = None if parsed.is_empty else compile_query(parsed)
    cols = columns(searcher)
    docnums = apply_filters(matching_docnums(searcher, parsed, compiled), cols, params)
    total = len(docnums)
    pages = max(1, -(-total // per_page))
    page = min(params.page, pages)  # past the last page: the last page
    start = (page - 1) * per_page
    ordered: list[tuple[int, float | None]]
    if not docnums:
        ordered = []
    elif params.sort in ("newest", "oldest") or parsed.is_empty:
        ordered = [(d, None) for d in _by_date(docnums, cols, oldest=params.sort == "oldest")]
    else:
        ordered = _by_relevance(searcher, compiled.rank, docnums, cols, page * per_page, per_page)
    facets = {
        spec.param: (count_multi if spec.multi else count_values)(docnums, cols.filters[spec.param])
        if spec.param in cols.filled
        else {}  # no speech has this field (no speaker named anywhere): nothing to count
        for spec in FILTERS
    }
    facets["year"] = count_values(docnums, cols.year)
    months = Counter(map(cols.month.__getitem__, docnums))
    months.pop("", None)
    hits = [
        Hit(speech_id=int(cols.speech_id[docnum]), score=score)
        for docnum, score in ordered[start : start + per_page]
    ]
    return SearchOutcome(
        count=total, page=page, pages=pages, hits=hits, facets=facets, months=months
    )


def count_matches(params: SearchParams, parsed: ParsedQuery, *, without: str = "") -> int:
    """How many speeches match with one filter left out (to explain empty results)."""
    searcher = shared_searcher()
    docnums = matching_docnums(searcher, parsed)
    return len(apply_filters(docnums, columns(searcher), params, without=without))


def matching_ids(q_text: str) -> set[int]:
    """Every speech id matching ``q_text`` with no filters (used by tests and tools)."""
    searcher = shared_searcher()
    speech_id = columns(searcher).speech_id
    match = compile_query(parse_query(q_text)).match
    return {int(speech_id[d]) for d in matching_set(searcher, match)}
