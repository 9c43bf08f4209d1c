"""The trends line chart as numbers the template draws as SVG (no JavaScript needed).

Colours are the Okabe–Ito palette, chosen to stay distinct for the common colour-vision
deficiencies; each line also has its own dash pattern and point shape, so the chart still
reads in grey print. The table under the chart carries every value as text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from search.trends.compute import Cell, Trends

EMPTY = Cell()  # a period without speeches in the scope

# (colour, dash pattern, point shape) per term, in the order the terms were given.
STYLES = (
    ("#0072B2", "", "circle"),
    ("#D55E00", "8 4", "square"),
    ("#009E73", "2 3", "triangle"),
    ("#CC79A7", "10 3 2 3", "diamond"),
    ("#E69F00", "5 5", "cross"),
)
METRICS = {"per_million": "每百万字出现次数", "share": "使用该词的讲话占比(%)"}
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 44
INSET = 18
MAX_X_LABELS = 12


@dataclass
class Point:
    x: float
    y: float
    period: str
    value: float

    shape: str = "circle"

    @property
    def label(self) -> str:
        return f"{self.period}:{self.value:.1f}"

    @property
    def marker(self) -> str:
        """The point's shape as an SVG path (``d``), about 8 px across."""
        x, y = self.x, self.y
        if self.shape == "square":
            return f"M{x - 4:.1f},{y - 4:.1f}h8v8h-8z"
        if self.shape == "triangle":
            return f"M{x:.1f},{y - 5:.1f}l5,9h-10z"
        if self.shape == "diamond":
            return f"M{x:.1f},{y - 5:.1f}l5,5l-5,5l-5,-5z"
        if self.shape == "cross":
            return f"M{x - 4:.1f},{y - 4:.1f}l8,8m0,-8l-8,8"
        return f"M{x - 4:.1f},{y:.1f}a4,4 0 1,0 8,0a4,4 0 1,0 -8,0"


@dataclass
class Series:
    name: str
    colour: str
    dash: str
    shape: str
    points: list[Point]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass
class Tick:
    position: float
    label: str


@dataclass
class Chart:
    metric: str
    metric_label: str
    series: list[Series]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def metric_value(cell, metric: str) -> float:
    return cell.share * 100 if metric == "share" else cell.per_million


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^n at or above ``value`` (an axis top)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _number(value: float) -> str:
    return f"{value:g}" if value >= 1 or value == 0 else f"{value:.2g}"


def build_chart(trends: Trends, *, scope: str, metric: str) -> Chart | None:
    """The chart of every term in ``scope`` ("" for every speech, a level or a place code);
    None without periods."""
    metric = metric if metric in METRICS else "per_million"
    periods = trends.periods
    if not periods:
        return None
    values = [
        [metric_value(term.cells.get((period, scope), EMPTY), metric) for period in periods]
        for term in trends.terms
    ]
    top_value = nice_ceiling(max((v for row in values for v in row), default=0.0))
    # Inset from the axes, so the first and last points and year labels clear the y labels.
    plot_left, plot_right = LEFT + INSET, WIDTH - RIGHT - INSET
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    step = (plot_right - plot_left) / max(len(periods) - 1, 1)

    def x_of(index: int) -> float:
        return plot_left + (index * step if len(periods) > 1 else (plot_right - plot_left) / 2)

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - plot_top) * value / top_value

    series = [
        Series(
            name=term.term.text,
            colour=STYLES[index][0],
            dash=STYLES[index][1],
            shape=STYLES[index][2],
            points=[
                Point(x_of(i), y_of(value), period, value, STYLES[index][2])
                for i, (period, value) in enumerate(zip(periods, row, strict=True))
            ],
        )
        for index, (term, row) in enumerate(zip(trends.terms, values, strict=True))
    ]
    y_ticks = [Tick(y_of(top_value * k / 4), _number(top_value * k / 4)) for k in range(5)]
    every = max(1, math.ceil(len(periods) / MAX_X_LABELS))
    x_ticks = [Tick(x_of(i), period) for i, period in enumerate(periods) if i % every == 0]
    return Chart(
        metric=metric,
        metric_label=METRICS[metric],
        series=series,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
    )
