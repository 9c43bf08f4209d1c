"""Facet links and active-filter chips for the search page."""

from __future__ import annotations

from dataclasses import dataclass

from archive.models import Level, Place, Speaker, Theme
from search.language.filters import FILTERS_BY_PARAM
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


def speaker_names(ids) -> dict[str, str]:
    return {
        str(speaker.pk): str(speaker)
        for speaker in Speaker.objects.filter(
            pk__in=[int(i) for i in ids if i.isdigit()]
        ).select_related("place")
    }


def place_levels(current: str, counts: dict[str, int]) -> tuple[list[Place], dict[str, int]]:
    """The place facet is a tree: the ancestors of the chosen place (a breadcrumb) and the
    counts of its children (of the provinces when none is chosen). ``counts`` has every
    level's codes, as each speech counts for its place and every ancestor."""
    places = Place.objects.filter(code__in=[*counts, current]).select_related("parent")
    by_code = {place.code: place for place in places}
    chosen = by_code.get(current)
    trail = chosen.ancestors() if chosen else []
    children = {
        code: count
        for code, count in counts.items()
        if code in by_code
        and (by_code[code].parent.code if by_code[code].parent_id else "") == (current or "")
    }
    return trail, children


def place_names(codes) -> dict[str, str]:
    return dict(Place.objects.filter(code__in=list(codes)).values_list("code", "name"))


def facet_links(
    params: SearchParams, facets: dict[str, dict[str, int]]
) -> dict[str, list[FacetLink]]:
    names = theme_names(facets.get("theme", {}).keys())
    _trail, place_counts = place_levels(params.place, facets.get("place", {}))
    places = place_names(place_counts)
    speakers = speaker_names(facets.get("speaker", {}).keys())
    labels = {
        "level": level_label,
        "theme": lambda slug: names.get(slug, slug),
        "place": lambda code: places.get(code, code),
        "speaker": lambda pk: speakers.get(pk, pk),
        "role": lambda role: role,
        "year": lambda year: f"{year}年",
    }
    groups: dict[str, list[FacetLink]] = {}
    for name in ("place", "level", "role", "speaker", "theme", "year"):
        counts = facets.get(name, {})
        if name == "place":
            counts = place_counts
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
    if params.place:
        place = Place.objects.filter(code=params.place).first()
        label = place.full_name if place else params.place
        chips.append(Chip(f"地方:{label}", params.url(place=None)))
    if params.speaker:
        name = speaker_names([params.speaker]).get(params.speaker, params.speaker)
        chips.append(Chip(f"讲话人:{name}", params.url(speaker=None)))
    if params.role:
        chips.append(Chip(f"职务:{params.role}", params.url(role=None)))
    if params.date_from:
        chips.append(Chip(f"从:{params.date_from}", params.url(**{"from": None})))
    if params.date_to:
        chips.append(Chip(f"到:{params.date_to}", params.url(to=None)))
    return chips


FILTER_LABELS = {
    **{name: spec.label for name, spec in FILTERS_BY_PARAM.items()},
    "year": "年份",
    "dates": "日期范围",
}


def active_filter_names(params: SearchParams) -> list[str]:
    names = [name for name in FILTERS_BY_PARAM if getattr(params, name)]
    if params.year:
        names.append("year")
    if params.date_from or params.date_to:
        names.append("dates")
    return names


def removal_url(params: SearchParams, name: str) -> str:
    if name == "dates":
        return params.url(**{"from": None, "to": None})
    return params.url(**{name: None})
