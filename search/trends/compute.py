"""Occurrences of terms per period and level, normalised by the text of that period.

Counts come from the search index through the door (``backend().occurrences``: the term's
match set with how often each speech holds it, exact, either script). The denominators (how
many speeches and characters each period and level has) come from the database, read once per
state of the archive and kept in the process.
"""

from __future__ import annotations

import datetime
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max
from django.db.models.functions import Length

from archive.models import Level, Speech
from search.backends import backend
from search.language.normalize import fold
from search.unavailable import reading_index

MAX_TERMS = 5
MAX_TERM_CHARS = 40
UNITS = ("year", "month")
ALL_LEVELS = ""  # the level key that sums every level
LEVELS = (ALL_LEVELS, *Level.values)


@dataclass(frozen=True)
class TrendTerm:
    text: str  # as typed
    folded: str  # as matched: folded, without whitespace


def read_terms(values: list[str]) -> list[TrendTerm]:
    """Up to MAX_TERMS distinct terms from the ``q`` parameters (blank and repeated dropped)."""
    terms: list[TrendTerm] = []
    seen: set[str] = set()
    for value in values:
        text = (value or "").strip()[:MAX_TERM_CHARS]
        folded = "".join(fold(text).split())
        if folded and folded not in seen:
            seen.add(folded)
            terms.append(TrendTerm(text, folded))
        if len(terms) == MAX_TERMS:
            break
    return terms


def period_of(day: datetime.date, unit: str) -> str:
    return f"{day.year}" if unit == "year" else f"{day.year}-{day.month:02d}"


def periods_between(first: datetime.date, last: datetime.date, unit: str) -> list[str]:
    if unit == "year":
        return [str(year) for year in range(first.year, last.year + 1)]
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass
class Cell:
    """One term in one period at one level (or every level)."""

    occurrences: int = 0
    speeches_using: int = 0
    characters: int = 0  # of every speech of the period and level
    speeches: int = 0

    @property
    def per_million(self) -> float:
        return self.occurrences * 1_000_000 / self.characters if self.characters else 0.0

    @property
    def share(self) -> float:
        """Share of the period's speeches that use the term (0…1)."""
        return self.speeches_using / self.speeches if self.speeches else 0.0

    @property
    def share_percent(self) -> float:
        return self.share * 100


@dataclass
class FirstUse:
    speech_id: int
    date: datetime.date
    title: str


@dataclass
class TermTrend:
    term: TrendTerm
    cells: dict[tuple[str, str], Cell]  # (period, level) → cell
    total: int  # occurrences in every speech, undated ones included
    speeches_using: int
    first: FirstUse | None


@dataclass
class Trends:
    unit: str
    periods: list[str]
    terms: list[TermTrend]
    undated: int = 0  # speeches without a date (counted in totals, not in the chart)
    totals: dict[tuple[str, str], Cell] = field(default_factory=dict)  # denominators


@dataclass(frozen=True)
class _Facts:
    """What the denominators need of each published speech."""

    date: dict[int, datetime.date | None]
    level: dict[int, str]
    characters: dict[int, int]


_facts_cache: dict[tuple, _Facts] = {}
_facts_lock = threading.Lock()


def _archive_state() -> tuple:
    """Changes whenever a speech is added, edited, published or removed. Two aggregates, each
    answered from an index: together in one query SQLite reads every row (35–600 ms)."""
    published = Speech.objects.published().count()
    changed = Speech.objects.aggregate(changed=Max("updated_at"))["changed"]
    return (published, changed)


def _facts() -> _Facts:
    """Date, level and length of every published speech, kept until the archive changes."""
    state = _archive_state()
    with _facts_lock:
        found = _facts_cache.get(state)
    if found is not None:
        return found
    dates, levels, characters = {}, {}, {}
    rows = Speech.objects.published().values_list(
        "pk", "date", "level", Length("title") + Length("body") + 1
    )
    for pk, day, level, length in rows:
        dates[pk], levels[pk], characters[pk] = day, level, length
    found = _Facts(dates, levels, characters)
    with _facts_lock:
        _facts_cache.clear()
        _facts_cache[state] = found
    return found


def _levels_of(level: str) -> tuple[str, ...]:
    """The level keys a speech counts under: every level, and its own when it has one."""
    return (ALL_LEVELS, level) if level else (ALL_LEVELS,)


def _denominators(facts: _Facts, unit: str) -> dict[tuple[str, str], Cell]:
    totals: dict[tuple[str, str], Cell] = defaultdict(Cell)
    for pk, day in facts.date.items():
        if day is None:
            continue
        period = period_of(day, unit)
        for level in _levels_of(facts.level[pk]):
            cell = totals[(period, level)]
            cell.speeches += 1
            cell.characters += facts.characters[pk]
    return dict(totals)


def _first_use(ids, facts: _Facts) -> FirstUse | None:
    dated = [(facts.date[pk], pk) for pk in ids if facts.date.get(pk)]
    if not dated:
        return None
    day, pk = min(dated)
    title = Speech.objects.filter(pk=pk).values_list("title", flat=True).first() or ""
    return FirstUse(pk, day, title)


def compute_trends(terms: list[TrendTerm], unit: str = "year") -> Trends:
    """The trends of ``terms``. Raises one of ``INDEX_UNAVAILABLE`` like a search."""
    unit = unit if unit in UNITS else "year"
    facts = _facts()
    totals = _denominators(facts, unit)
    days = [day for day in facts.date.values() if day]
    periods = periods_between(min(days), max(days), unit) if days else []
    engine = backend()
    trends = Trends(unit=unit, periods=periods, terms=[], totals=totals)
    trends.undated = sum(1 for day in facts.date.values() if day is None)
    for term in terms:
        with reading_index():
            counts = engine.occurrences(term.folded)
        counts = {pk: n for pk, n in counts.items() if pk in facts.date}  # published now
        cells: dict[tuple[str, str], Cell] = {}
        for pk, n in counts.items():
            day = facts.date[pk]
            if day is None:
                continue
            period = period_of(day, unit)
            for level in _levels_of(facts.level[pk]):
                cell = cells.get((period, level))
                if cell is None:
                    total = totals[(period, level)]
                    cell = cells[(period, level)] = Cell(
                        characters=total.characters, speeches=total.speeches
                    )
                cell.occurrences += n
                cell.speeches_using += 1
        for key, total in totals.items():
            cells.setdefault(key, Cell(characters=total.characters, speeches=total.speeches))
        trends.terms.append(
            TermTrend(
                term=term,
                cells=cells,
                total=sum(counts.values()),
                speeches_using=len(counts),
                first=_first_use(counts, facts),
            )
        )
    return trends


@dataclass
class TableRow:
    period: str
    cells: list[Cell]  # one per term, in the order of the terms


def table_rows(trends: Trends, level: str) -> list[TableRow]:
    """The chart's values as a table: one row per period, one cell per term."""
    return [
        TableRow(period, [term.cells.get((period, level), Cell()) for term in trends.terms])
        for period in trends.periods
    ]


CSV_COLUMNS = (
    "term",
    "period",
    "level",
    "occurrences",
    "characters",
    "per_million",
    "speeches_using",
    "speeches",
    "share",
)


def csv_records(trends: Trends) -> list[dict]:
    """Every term, period and level (``all`` for every level) with counts and rates."""
    records = []
    for term in trends.terms:
        for period in trends.periods:
            for level in LEVELS:
                cell = term.cells.get((period, level))
                if cell is None:
                    continue
                records.append(
                    {
                        "term": term.term.text,
                        "period": period,
                        "level": level or "all",
                        "occurrences": cell.occurrences,
                        "characters": cell.characters,
                        "per_million": f"{cell.per_million:.3f}",
                        "speeches_using": cell.speeches_using,
                        "speeches": cell.speeches,
                        "share": f"{cell.share:.4f}",
                    }
                )
    return records
