"""The search filters in one table: query-string parameter → index field, and whether the
field holds several values. Every engine filters and counts facets from this table (the
Whoosh columns in search/backends/whoosh/engine.py, the SearchDocument columns in
search/backends/postgres/filters.py), so a filter is defined once.

``places`` holds a speech's place code and the codes of all its ancestors ("120103 120000"),
so ``place=`` filters at province, city or county level with one lookup.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filter:
    param: str  # SearchParams attribute and query-string name
    field: str  # index field
    multi: bool = False  # space-separated values; a filter matches any one of them
    label: str = ""  # Chinese, for chips and "removed by" notes


FILTERS = (
    Filter("level", "level", label="层级"),
    Filter("theme", "theme", label="主题"),
    Filter("place", "places", multi=True, label="地方"),
    Filter("speaker", "speaker", label="讲话人"),
    Filter("role", "role", label="职务"),
)
FILTERS_BY_PARAM = {f.param: f for f in FILTERS}
# Facets counted per search: the filters above plus the year.
FACET_FIELDS = tuple(f.field for f in FILTERS) + ("year",)


def field_values(value: str, multi: bool) -> list[str]:
    """The values a document's stored field holds."""
    if not value:
        return []
    return value.split() if multi else [value]


def place_field_value(codes: list[str]) -> str:
    """What the ``places`` field stores for a place and its ancestors."""
    return " ".join(codes)
