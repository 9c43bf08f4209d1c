"""The hits-over-time bar chart above the results (drawn as server-side SVG)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from search.language.params import SearchParams

CHART_HEIGHT = 60
BAR_WIDTH = 28
BAR_GAP = 6
MAX_YEAR_SPAN = 30


@dataclass
class Bar:
    label: str
    count: int
    url: str
    x: int
    y: int
    height: int
    active: bool


@dataclass
class Timeline:
    unit: str  # "year" or "month"
    bars: list[Bar]
    width: int
    height: int = CHART_HEIGHT + 18


def _single_year(params: SearchParams, months: Counter) -> str | None:
    if params.year:
        return params.year
    years = {key[:4] for key in months}
    return years.pop() if len(years) == 1 else None


def build_timeline(params: SearchParams, months: Counter) -> Timeline | None:
    """Bars per year, or per month when every hit falls in one year; ``None`` without dates.
    ``months``: YYYYMM → hits."""
    if not months:
        return None
    year = _single_year(params, months)
    counts: Counter = Counter()
    if year:
        for key, count in months.items():
            counts[key[4:6]] += count
        calendar = [f"{m:02d}" for m in range(1, 13)]
        entries = [
            (
                f"{int(m)}月",
                counts.get(m, 0),
                params.url(year=year, **{"from": f"{year}-{m}", "to": f"{year}-{m}"}),
                params.date_from == f"{year}-{m}",
            )
            for m in calendar
        ]
        unit = "month"
    else:
        for key, count in months.items():
            counts[key[:4]] += count
        first, last = int(min(counts)), int(max(counts))
        # Every year of the span (gaps show as empty bars), unless the span is too wide to draw.
        years = range(first, last + 1) if last - first < MAX_YEAR_SPAN else sorted(map(int, counts))
        entries = [
            (str(y), counts.get(str(y), 0), params.url(year=str(y)), params.year == str(y))
            for y in years
        ]
        unit = "year"
    peak = max(count for _label, count, _url, _active in entries) or 1
    bars = []
    for index, (label, count, url, active) in enumerate(entries):
        height = round(CHART_HEIGHT * count / peak) if count else 0
        if count and height < 2:
            height = 2
        bars.append(
            Bar(
                label=label,
                count=count,
                url=url,
                x=index * (BAR_WIDTH + BAR_GAP),
                y=CHART_HEIGHT - height,
                height=height,
                active=active,
            )
        )
    return Timeline(unit=unit, bars=bars, width=len(bars) * (BAR_WIDTH + BAR_GAP))
