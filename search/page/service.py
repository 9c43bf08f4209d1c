"""One search, end to end: parameters in, everything the page and the API show out."""

from __future__ import annotations

from dataclasses import dataclass, field

from search.backends import SearchOutcome, backend
from search.language.params import SearchParams
from search.language.query import ParsedQuery, parse_query
from search.page.facets import FILTER_LABELS, active_filter_names, removal_url
from search.page.results import ResultRow, build_rows
from search.unavailable import reading_index


@dataclass
class RemovedBy:
    """A filter that removed hits: how many there are without it, and the link."""

    name: str
    label: str
    count: int
    url: str


@dataclass
class SearchPage:
    params: SearchParams
    parsed: ParsedQuery
    outcome: SearchOutcome
    rows: list[ResultRow]
    suggestions: list[str] = field(default_factory=list)
    removed_by: list[RemovedBy] = field(default_factory=list)


def search(params: SearchParams) -> SearchPage:
    """Raises one of ``INDEX_UNAVAILABLE`` when the index cannot be opened or read."""
    with reading_index():
        return _search(params)


def _search(params: SearchParams) -> SearchPage:
    engine = backend()
    parsed = parse_query(params.q)
    outcome = engine.search(params, parsed)
    rows = build_rows(outcome.hits, parsed, params.q)
    page = SearchPage(params=params, parsed=parsed, outcome=outcome, rows=rows)
    if outcome.count == 0:
        if not parsed.is_empty:
            page.suggestions = engine.suggestions(parsed)
        for name in active_filter_names(params):
            count = engine.count(params, parsed, without=name)
            if count:
                page.removed_by.append(
                    RemovedBy(name, FILTER_LABELS[name], count, removal_url(params, name))
                )
    return page


def as_json(page: SearchPage) -> dict:
    return {
        "count": page.outcome.count,
        "page": page.outcome.page,
        "results": [row.as_json() for row in page.rows],
        "facets": {name: dict(counts) for name, counts in page.outcome.facets.items()},
        "suggestions": page.suggestions,
    }
