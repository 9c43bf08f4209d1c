"""The filters and facets of a search, as SQL over ``SearchDocument`` (alias ``d``).

The keyword filters are the table every engine shares (search/language/filters.py), each
index field a column of the same name: the ``SearchParams`` attribute it reads (also the
facet's name and what ``count(without=…)`` names), and the column it tests. A column holding
several values per speech (``places``: a text[] of place codes with their ancestors') is
``multi``: it matches when any value is the one asked for, and each value counts in the facet.
The date filters (from, to, year) are one range on ``d.date``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from search.language.filters import FILTERS
from search.language.params import SearchParams


@dataclass(frozen=True)
class KeywordFilter:
    param: str  # SearchParams attribute, facet name
    column: str  # SearchDocument column
    multi: bool = False  # an array column: any of its values
    facet: bool = True  # counted in SearchOutcome.facets


# The table every engine shares (search/language/filters.py), its index fields as columns of
# the same names: ``places`` a text[] of codes, the others one text value.
KEYWORD_FILTERS = tuple(KeywordFilter(f.param, f.field, multi=f.multi) for f in FILTERS)
DATE_FILTERS = ("dates", "year")  # names count(without=…) accepts for the date range


def without(params: SearchParams, name: str) -> SearchParams:
    """``params`` with the filter ``name`` left out."""
    if name == "dates":
        return replace(params, date_from="", date_to="")
    if name == "year" or any(f.param == name for f in KEYWORD_FILTERS):
        return replace(params, **{name: ""})
    return params


def where(params: SearchParams) -> tuple[list[str], list]:
    """SQL conditions on ``d`` and their parameters for every filter ``params`` sets."""
    conditions: list[str] = []
    values: list = []
    for spec in KEYWORD_FILTERS:
        value = getattr(params, spec.param, "")
        if not value:
            continue
        conditions.append(f"%s = ANY(d.{spec.column})" if spec.multi else f"d.{spec.column} = %s")
        values.append(value)
    low, high = params.date_span
    if low or high:
        # An undated speech is outside every date range.
        conditions.append("d.date IS NOT NULL")
    if low:
        conditions.append("d.date >= %s")
        values.append(low)
    if high:
        conditions.append("d.date <= %s")
        values.append(high)
    return conditions, values


def facet_selects() -> list[tuple[str, str]]:
    """(facet name, SQL giving (value, count) over the CTE ``m``) per keyword facet."""
    selects = []
    for spec in KEYWORD_FILTERS:
        if not spec.facet:
            continue
        if spec.multi:
            sql = f"SELECT v, count(*) FROM m, unnest(m.{spec.column}) v GROUP BY v"
        else:
            sql = f"SELECT m.{spec.column}, count(*) FROM m GROUP BY m.{spec.column}"
        selects.append((spec.param, sql))
    return selects


def columns() -> list[str]:
    """The columns of ``d`` the matching set ``m`` carries (filters' and the date)."""
    return [spec.column for spec in KEYWORD_FILTERS] + ["date"]
