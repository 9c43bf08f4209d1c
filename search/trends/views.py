"""/trends/: the chart, its table and its CSV; the work is in compute.py and chart.py."""

from __future__ import annotations

import csv
import io
import logging
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from archive.ingest.gazetteer import default_gazetteer
from archive.models import Level
from search.page.export import spreadsheet_safe
from search.trends.chart import METRICS, build_chart
from search.trends.compute import (
    CSV_COLUMNS,
    LEVELS,
    MAX_TERMS,
    UNITS,
    Trends,
    compute_trends,
    csv_records,
    read_terms,
    table_rows,
)
from search.unavailable import INDEX_UNAVAILABLE, MESSAGE

log = logging.getLogger(__name__)
UNIT_LABELS = {"year": "按年", "month": "按月"}


def _choice(value: str, allowed, default: str) -> str:
    return value if value in allowed else default


def _place(value: str) -> str:
    """A division code the gazetteer knows, else "" (every place)."""
    value = (value or "").strip()
    return value if default_gazetteer().get(value) else ""


def _state(request) -> dict:
    state = {
        "terms": read_terms(request.GET.getlist("q")),
        "unit": _choice(request.GET.get("unit", ""), UNITS, "year"),
        "level": _choice(request.GET.get("level", ""), LEVELS, ""),
        "place": _place(request.GET.get("place", "")),
        "metric": _choice(request.GET.get("metric", ""), METRICS, "per_million"),
    }
    # One scope at a time: a place (its speeches at every level under it) or a level.
    if state["place"]:
        state["level"] = ""
    state["scope"] = state["place"] or state["level"]
    return state


def _query(state: dict, **changes) -> str:
    values = {**state, **changes}
    pairs = [("q", term.text) for term in values["terms"]]
    defaults = {"unit": "year", "level": "", "place": "", "metric": "per_million"}
    pairs += [(key, values[key]) for key in defaults if values[key] != defaults[key]]
    return urlencode(pairs)


@require_GET
def trends_page(request):
    state = _state(request)
    context = {
        **state,
        "max_terms": MAX_TERMS,
        "inputs": [t.text for t in state["terms"]] + [""] * (MAX_TERMS - len(state["terms"])),
    }
    if state["terms"]:
        try:
            trends = compute_trends(state["terms"], state["unit"])
        except INDEX_UNAVAILABLE:
            log.exception("检索索引无法读取")
            return render(
                request, "search/trends.html", {**context, "message": MESSAGE}, status=503
            )
        chart = build_chart(trends, scope=state["scope"], metric=state["metric"])
        context.update(
            trends=trends,
            chart=chart,
            rows=table_rows(trends, state["scope"]),
            **_place_choices(trends, state),
            csv_url="export.csv?" + _query(state),
            unit_links=[
                (label, "?" + _query(state, unit=unit), unit == state["unit"])
                for unit, label in UNIT_LABELS.items()
            ],
            level_links=[
                (label, "?" + _query(state, level=level, place=""), level == state["scope"])
                for level, label in [("", "全部层级"), *Level.choices]
            ],
            metric_links=[
                (label, "?" + _query(state, metric=metric), metric == state["metric"])
                for metric, label in METRICS.items()
            ],
            search_links=[
                (term.term.text, "/search/?" + urlencode({"q": f'"{term.term.text}"'}))
                for term in trends.terms
            ],
        )
    return render(request, "search/trends.html", context)


def _place_choices(trends: Trends, state: dict) -> dict:
    """The places a reader can narrow the chart to: the provinces with speeches, or, once a
    place is chosen, the way back up (全国, its province …) and the places under it with
    speeches, each with how many."""
    gazetteer = default_gazetteer()
    counts = trends.place_speeches
    selected = state["place"]
    chain = gazetteer.ancestors(selected) if selected else []
    crumbs = [(division.name, "?" + _query(state, place=division.code)) for division in chain]
    below = [
        code
        for code in counts
        if (division := gazetteer.get(code)) is not None and division.parent == selected
    ]
    below.sort(key=lambda code: (-counts[code], code))
    return {
        "place_name": "".join(division.name for division in chain),
        "place_crumbs": crumbs,
        "place_all_url": "?" + _query(state, place=""),
        "place_links": [
            (gazetteer.get(code).name, counts[code], "?" + _query(state, place=code))
            for code in below
        ],
    }


@require_GET
def trends_csv(request):
    state = _state(request)
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads the file as UTF-8
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    if state["terms"]:
        try:
            trends = compute_trends(state["terms"], state["unit"])
        except INDEX_UNAVAILABLE:
            log.exception("检索索引无法读取")
            return HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")
        writer.writerows(spreadsheet_safe(record) for record in csv_records(trends))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, "讲稿库用词趋势.csv")
    return response
