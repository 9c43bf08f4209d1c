"""The filters and facets of a search, as SQL over ``SearchDocument`` (alias ``d``) or over
``SearchChunk`` (alias ``c``), whose rows carry copies of the same columns (``columns()``).

The keyword filters are the table every engine shares (search/language/filters.py), each
index field a column of the same name: the ``SearchParams`` attribute it reads (also the
facet's name and what ``count(without=…)`` names), and the column it tests. A column holding
several values per speech (``places``: a text[] of place codes with their ancestors') is
``multi``: it matches when any value is the one asked for, and each value counts in the facet.
The date filters (from, to, year) are one range on ``d.date``.
"""

from __future__ import annotations

from collections import Counter
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


def where(params: SearchParams, table: str = "d") -> tuple[list[str], list]:
    """SQL conditions on ``table`` (an alias) and their parameters for every filter ``params``
    sets."""
    conditions: list[str] = []
    values: list = []
    for spec in KEYWORD_FILTERS:
        value = getattr(params, spec.param, "")
        if not value:
            continue
        column = f"{table}.{spec.column}"
        conditions.append(f"%s = ANY({column})" if spec.multi else f"{column} = %s")
        values.append(value)
    low, high = params.date_span
    if low or high:
        # An undated speech is outside every date range.
        conditions.append(f"{table}.date IS NOT NULL")
    if low:
        conditions.append(f"{table}.date >= %s")
        values.append(low)
    if high:
        conditions.append(f"{table}.date <= %s")
        values.append(high)
    return conditions, values


def facet_names() -> list[str]:
    return [spec.param for spec in KEYWORD_FILTERS if spec.facet]


def facet_counts() -> str:
    """SQL over the CTE ``m`` giving rows ``(kind, value, values, n)``: per single-valued
    keyword facet (``kind`` its name) the count of each ``value``; per array column the count of
    each distinct array (``values``: few distinct ones, a place with its ancestors;
    ``add_counts`` credits each element, the counts that unnesting every matching row's array
    would give); per month (``kind`` 'month', ``value`` YYYYMM; the undated speeches under NULL).

    All are counted in one pass over ``m`` (grouping sets, a hash table each: a pass per facet
    was a third of a common word's search), the month by the day, the few thousand days then
    summed per month: ``to_char`` on every matching row cost a third of that pass."""
    facets = [spec for spec in KEYWORD_FILTERS if spec.facet]
    single = [f"m.{spec.column}" for spec in facets if not spec.multi]
    multi = [f"m.{spec.column}" for spec in facets if spec.multi]
    kind = " ".join(f"WHEN GROUPING(m.{spec.column}) = 0 THEN '{spec.param}'" for spec in facets)
    # Outside its own grouping set a key is NULL: a row's one value is the first not NULL.
    value = f"COALESCE({', '.join(single)})::text"
    values = f"COALESCE({', '.join(multi)})::text[]" if multi else "NULL::text[]"
    sets = ", ".join(f"({key})" for key in [*single, "m.date", *multi])
    by_key = (
        f"SELECT CASE {kind} ELSE 'month' END AS kind, {value} AS value, m.date AS day, "
        f"{values} AS values, count(*) AS n FROM m GROUP BY GROUPING SETS ({sets})"
    )
    return (
        "SELECT f.kind, COALESCE(f.value, to_char(f.day, 'YYYYMM')), f.values, sum(f.n)::bigint "
        f"FROM ({by_key}) AS f GROUP BY 1, 2, 3"
    )


def add_counts(counts: Counter, values: list[str], n: int) -> None:
    """Credit ``n`` speeches holding the array ``values`` to each value (once per speech)."""
    for value in set(values):
        if value:
            counts[value] += n


def columns() -> list[str]:
    """The columns the matching set ``m`` carries (filters' and the date): columns of
    ``SearchDocument`` and, as copies, of ``SearchChunk``."""
    return [spec.column for spec in KEYWORD_FILTERS] + ["date"]
