"""Facet links and active-filter chips for the search page."""

from __future__ import annotations

from dataclasses import dataclass

from archive.models import Level, Theme
from search.language.params import SearchParams


@dataclass
class FacetLink:
    label: str
    value: str
    count: int
    url: str
    active: bool


@dataclass
class Chip:
    label: str
    remove_url: str


def theme_names(slugs) -> dict[str, str]:
    return dict(Theme.objects.filter(slug__in=list(slugs)).values_list("slug", "name"))


def level_label(value: str) -> str:
    return dict(Level.choices).get(value, value)


def facet_links(
    params: SearchParams, facets: dict[str, dict[str, int]]
) -> dict[str, list[FacetLink]]:
    names = theme_names(facets.get("theme", {}).keys())
    labels = {
        "level": level_label,
        "theme": lambda slug: names.get(slug, slug),
        "year": lambda year: f"{year}年",
    }
    groups: dict[str, list[FacetLink]] = {}
    for name in ("level", "theme", "year"):
        counts = facets.get(name, {})
        if name == "year":
            counts = dict(sorted(counts.items(), reverse=True))
        groups[name] = [
            FacetLink(
                label=labels[name](value),
                value=value,
                count=count,
                url=params.url(**{name: value}),
                active=getattr(params, name) == value,
            )
            for value, count in counts.items()
        ]
    return groups


def active_chips(params: SearchParams) -> list[Chip]:
    chips = []
    if params.level:
        chips.append(Chip(f"层级:{level_label(params.level)}", params.url(level=None)))
    if params.theme:
        name = theme_names([params.theme]).get(params.theme, params.theme)
        chips.append(Chip(f"主题:{name}", params.url(theme=None)))
    if params.year:
        chips.append(Chip(f"年份:{params.year}年", params.url(year=None)))
    if params.date_from:
        chips.append(Chip(f"从:{params.date_from}", params.url(**{"from": None})))
    if params.date_to:
        chips.append(Chip(f"到:{params.date_to}", params.url(to=None)))
    return chips


FILTER_LABELS = {"level": "层级", "theme": "主题", "year": "年份", "dates": "日期范围"}


def active_filter_names(params: SearchParams) -> list[str]:
    names = []
    if params.level:
        names.append("level")
    if params.theme:
        names.append("theme")
    if params.year:
        names.append("year")
    if params.date_from or params.date_to:
        names.append("dates")
    return names


def removal_url(params: SearchParams, name: str) -> str:
    if name == "dates":
        return params.url(**{"from": None, "to": None})
    return params.url(**{name: None})
