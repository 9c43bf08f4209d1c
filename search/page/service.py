"""One search, end to end: parameters in, everything the page and the API show out."""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.models import Speaker
from search.backends import SearchOutcome, backend
from search.language.params import SearchParams
from search.language.query import ParsedQuery, parse_query
from search.page.facets import FILTER_LABELS, active_filter_names, removal_url, theme_names
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


def search(params: SearchParams, *, per_page: int | None = None) -> SearchPage:
    """Raises one of ``INDEX_UNAVAILABLE`` when the index cannot be opened or read.
    ``per_page``: hits a page (``None``: the engine's default)."""
    with reading_index():
        return _search(params, per_page)


def _search(params: SearchParams, per_page: int | None) -> SearchPage:
    engine = backend()
    parsed = parse_query(params.q)
    outcome = engine.search(params, parsed, per_page=per_page)
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


def as_json(page: SearchPage, *, per_page: int) -> dict:
    """The API's answer. Facets are keyed by the value the results show (a theme by its name,
    a level by its code, a year by its number); ``facet_params`` gives, for each shown value,
    what to pass back as that filter's parameter (``theme=<slug>``)."""
    facets = {name: dict(counts) for name, counts in page.outcome.facets.items()}
    theme_slugs = facets.pop("theme", {})
    names = theme_names(theme_slugs)
    facets["theme"] = {names.get(slug, slug): count for slug, count in theme_slugs.items()}
    # Speakers by the name the results show; two people of one name keep apart by their id.
    speaker_ids = facets.pop("speaker", {})
    speaker_names = dict(
        Speaker.objects.filter(pk__in=[int(i) for i in speaker_ids]).values_list("pk", "name")
    )
    facets["speaker"], speaker_params = {}, {}
    for pk, count in speaker_ids.items():
        name = speaker_names.get(int(pk), pk)
        key = name if name not in speaker_params else f"{name}({pk})"
        facets["speaker"][key], speaker_params[key] = count, pk
    return {
        "count": page.outcome.count,
        "page": page.outcome.page,
        "pages": page.outcome.pages,
        "per_page": per_page,
        "results": [row.as_json() for row in page.rows],
        "facets": {
            name: facets.get(name, {})
            for name in ("level", "theme", "place", "speaker", "role", "year")
        },
        "facet_params": {
            "level": {value: value for value in facets.get("level", {})},
            "theme": {names.get(slug, slug): slug for slug in theme_slugs},
            # Place codes are what the results show ({"code", "name"}).
            "place": {value: value for value in facets.get("place", {})},
            "speaker": speaker_params,
            "role": {value: value for value in facets.get("role", {})},
            "year": {value: value for value in facets.get("year", {})},
        },
        "suggestions": page.suggestions,
    }
