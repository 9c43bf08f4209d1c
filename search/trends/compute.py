"""Occurrences of terms per period and scope, normalised by the text of that period.

A scope is every speech (""), one level ("county", "district") or one place (a division code:
a province, city or county counts every speech of its own and of the places under it).
Counts come from the search index through the door (``backend().occurrences``: the term's
match set with how often each speech holds it, exact, either script). The denominators (how
many speeches and characters each period and scope has) come from the database, read once per
state of the archive and kept in the process.
"""

from __future__ import annotations

import datetime
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models.functions import Length

from archive.ingest.gazetteer import default_gazetteer
from archive.models import Level, Speech
from archive.state import archive_state
from search.backends import backend
from search.language.normalize import fold
from search.unavailable import reading_index

MAX_TERMS = 5
MAX_TERM_CHARS = 40
UNITS = ("year", "month")
ALL_LEVELS = ""  # the scope that sums every speech
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
    """One term in one period and scope."""

    occurrences: int = 0
    speeches_using: int = 0
    characters: int = 0  # of every speech of the period and scope
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
    cells: dict[tuple[str, str], Cell]  # (period, scope) → cell
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
    # Published speeches per place code (each place counts those of the places under it).
    place_speeches: dict[str, int] = field(default_factory=dict)


@dataclass
class _Layout:
    """The facts arranged for one unit (year or month), computed once per archive state."""

    keys: dict[int, tuple[tuple[str, str], ...]]  # dated speech → its (period, scope) keys
    totals: dict[tuple[str, str], Cell]  # the denominators
    periods: list[str]
    rank: dict[int, int]  # dated speech → its place in date order (for the first use)


@dataclass
class _Facts:
    """What the denominators need of each published speech."""

    date: dict[int, datetime.date | None]
    level: dict[int, str]
    characters: dict[int, int]
    places: dict[int, tuple[str, ...]]  # a speech's place code and its ancestors' (none: ())
    layouts: dict[str, _Layout] = field(default_factory=dict)

    def layout(self, unit: str) -> _Layout:
        found = self.layouts.get(unit)
        if found is None:
            found = self.layouts[unit] = _arrange(self, unit)
        return found


_facts_cache: dict[tuple, _Facts] = {}
_facts_lock = threading.Lock()


def _facts() -> _Facts:
    """Date, level, place and length of every published speech, kept until the archive
    changes."""
    state = archive_state()
    with _facts_lock:
        found = _facts_cache.get(state)
    if found is not None:
        return found
    dates, levels, characters, places = {}, {}, {}, {}
    rows = Speech.objects.published().values_list(
        "pk", "date", "level", "place_id", Length("title") + Length("body") + 1
    )
    gazetteer = default_gazetteer()
    chains: dict[str, tuple[str, ...]] = {}
    for pk, day, level, code, length in rows:
        dates[pk], levels[pk], characters[pk] = day, level, length
        if code and code not in chains:
            chains[code] = tuple(d.code for d in gazetteer.ancestors(code)) or (code,)
        places[pk] = chains[code] if code else ()
    found = _Facts(dates, levels, characters, places)
    for unit in UNITS:
        found.layout(unit)
    with _facts_lock:
        _facts_cache.clear()
        _facts_cache[state] = found
    return found


def _scopes_of(level: str, places: tuple[str, ...]) -> tuple[str, ...]:
    """The scopes a speech counts under: every speech, its level when it has one, its place
    and each place above it."""
    return (ALL_LEVELS, level, *places) if level else (ALL_LEVELS, *places)


def _arrange(facts: _Facts, unit: str) -> _Layout:
    keys: dict[int, tuple[tuple[str, str], ...]] = {}
    totals: dict[tuple[str, str], Cell] = defaultdict(Cell)
    for pk, day in facts.date.items():
        if day is None:
            continue
        period = period_of(day, unit)
        scopes = _scopes_of(facts.level[pk], facts.places[pk])
        keys[pk] = tuple((period, scope) for scope in scopes)
        for key in keys[pk]:
            cell = totals[key]
            cell.speeches += 1
            cell.characters += facts.characters[pk]
    dated = sorted((day, pk) for pk, day in facts.date.items() if day)
    periods = periods_between(dated[0][0], dated[-1][0], unit) if dated else []
    rank = {pk: place for place, (_day, pk) in enumerate(dated)}
    return _Layout(keys=keys, totals=dict(totals), periods=periods, rank=rank)


def _first_use(counts: dict[int, int], layout: _Layout, facts: _Facts) -> FirstUse | None:
    rank = layout.rank
    places = [rank[pk] for pk in counts if pk in rank]
    if not places:
        return None
    first = min(places)
    pk = next(pk for pk in counts if rank.get(pk) == first)
    title = Speech.objects.filter(pk=pk).values_list("title", flat=True).first() or ""
    return FirstUse(pk, facts.date[pk], title)


def _cells(counts: dict[int, int], layout: _Layout) -> dict[tuple[str, str], Cell]:
    occurrences: dict[tuple[str, str], int] = defaultdict(int)
    using: dict[tuple[str, str], int] = defaultdict(int)
    keys = layout.keys
    for pk, n in counts.items():
        for key in keys.get(pk, ()):  # undated speeches have no key
            occurrences[key] += n
            using[key] += 1
    return {
        key: Cell(occurrences.get(key, 0), using.get(key, 0), total.characters, total.speeches)
        for key, total in layout.totals.items()
    }


def compute_trends(terms: list[TrendTerm], unit: str = "year") -> Trends:
    """The trends of ``terms``. Raises one of ``INDEX_UNAVAILABLE`` like a search."""
    unit = unit if unit in UNITS else "year"
    facts = _facts()
    layout = facts.layout(unit)
    engine = backend()
    trends = Trends(
        unit=unit,
        periods=layout.periods,
        terms=[],
        totals=layout.totals,
        place_speeches=dict(Counter(code for codes in facts.places.values() for code in codes)),
    )
    trends.undated = len(facts.date) - len(layout.keys)
    for term in terms:
        with reading_index():
            counts = engine.occurrences(term.folded)
        counts = {pk: n for pk, n in counts.items() if pk in facts.date}  # published now
        trends.terms.append(
            TermTrend(
                term=term,
                cells=_cells(counts, layout),
                total=sum(counts.values()),
                speeches_using=len(counts),
                first=_first_use(counts, layout, facts),
            )
        )
    return trends


@dataclass
class TableRow:
    period: str
    cells: list[Cell]  # one per term, in the order of the terms


def table_rows(trends: Trends, scope: str) -> list[TableRow]:
    """The chart's values as a table: one row per period, one cell per term."""
    return [
        TableRow(period, [term.cells.get((period, scope), Cell()) for term in trends.terms])
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
    "place",
    "place_name",
)


def csv_records(trends: Trends) -> list[dict]:
    """Every term and period, per level (``all`` for every level, place empty) and then per
    place (level ``all``, the place's code and full name), with counts and rates."""
    gazetteer = default_gazetteer()
    places = sorted(trends.place_speeches)
    names = {code: "".join(d.name for d in gazetteer.ancestors(code)) for code in places}
    scopes = [(level, level or "all", "") for level in LEVELS]
    scopes += [(code, "all", code) for code in places]
    records = []
    for term in trends.terms:
        for period in trends.periods:
            for scope, level, place in scopes:
                cell = term.cells.get((period, scope))
                if cell is None:
                    continue
                records.append(
                    {
                        "term": term.term.text,
                        "period": period,
                        "level": level,
                        "occurrences": cell.occurrences,
                        "characters": cell.characters,
                        "per_million": f"{cell.per_million:.3f}",
                        "speeches_using": cell.speeches_using,
                        "speeches": cell.speeches,
                        "share": f"{cell.share:.4f}",
                        "place": place,
                        "place_name": names.get(place, ""),
                    }
                )
    return records
