"""Counts of speeches per year or per month, as bars for a small chart. Plain date arithmetic
kept out of the views."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear

BAR_MAX_HEIGHT = 60
BAR_STEP = 36  # horizontal distance between bars in the SVG


@dataclass
class Bar:
    label: str
    count: int
    url: str
    height: int  # pixels, relative to the tallest bar
    x: int  # left edge in the SVG
    y: int  # top edge in the SVG (bars stand on a common baseline)


def _scaled(rows: list[tuple[str, int, str]]) -> list[Bar]:
    top = max((count for _label, count, _url in rows), default=0) or 1
    bars = []
    for index, (label, count, url) in enumerate(rows):
        height = max(2, round(BAR_MAX_HEIGHT * count / top)) if count else 0
        bars.append(Bar(label, count, url, height, index * BAR_STEP, BAR_MAX_HEIGHT - height))
    return bars


def chart_width(bars: list[Bar]) -> int:
    return max(len(bars), 1) * BAR_STEP


def year_counts(speeches) -> dict[int, int]:
    """Speeches per year, only the years that have some, oldest first."""
    counts = (
        speeches.filter(date__isnull=False)
        .annotate(y=ExtractYear("date"))
        .order_by()  # the model's default ordering would split the groups
        .values("y")
        .annotate(n=Count("pk"))
        .values_list("y", "n")
    )
    return dict(sorted(counts))


def neighbour_years(years, year: int) -> tuple[int | None, int | None]:
    """The nearest years before and after ``year`` that have speeches (None when there is none),
    so the year pages never send a reader to an empty year."""
    earlier = [y for y in years if y < year]
    later = [y for y in years if y > year]
    return (max(earlier) if earlier else None, min(later) if later else None)


def year_bars(speeches) -> list[Bar]:
    """One bar per year from the first to the last dated speech, gaps included."""
    counts = year_counts(speeches)
    if not counts:
        return []
    years = range(min(counts), max(counts) + 1)
    return _scaled([(str(y), counts.get(y, 0), f"/dates/{y}/") for y in years])


def month_bars(speeches, year: int) -> list[Bar]:
    counts = dict(
        speeches.filter(date__year=year)
        .annotate(m=ExtractMonth("date"))
        .order_by()
        .values("m")
        .annotate(n=Count("pk"))
        .values_list("m", "n")
    )
    return _scaled([(f"{m}月", counts.get(m, 0), f"/dates/{year}/{m:02d}/") for m in range(1, 13)])


def month_calendar(year: int, month: int, days_with_speeches: set[int]) -> list[list[dict]]:
    """Weeks (Monday first) of day cells: {"day": n or None, "has": bool}."""
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdayscalendar(year, month):
        weeks.append([{"day": d or None, "has": d in days_with_speeches} for d in week])
    return weeks


def neighbour_months(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return previous, following
