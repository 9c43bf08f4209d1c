"""The search page, its JSON twin, its exports and its feed; all work happens in search/page/."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from archive import ratelimit
from archive.web.tilemap import province_map
from search.feed import feed_url
from search.language.params import parse_params
from search.page import export as exports
from search.page.export import csv_chunks, export_search, jsonl_chunks
from search.page.facets import active_chips, facet_links, place_levels
from search.page.service import as_json, search
from search.page.timeline import build_timeline
from search.trends.compute import MAX_TERMS as MAX_TRENDS_TERMS
from search.unavailable import INDEX_UNAVAILABLE, MESSAGE

log = logging.getLogger(__name__)

API_PER_PAGE = 20
API_MAX_PER_PAGE = 100
_PER_PAGE = re.compile(r"[0-9]{1,9}")


def _unavailable_page(request, params):
    log.exception("检索索引无法读取")
    return render(
        request, "search/unavailable.html", {"params": params, "message": MESSAGE}, status=503
    )


def _unavailable_json():
    log.exception("检索索引无法读取")
    return JsonResponse({"error": MESSAGE}, status=503, json_dumps_params={"ensure_ascii": False})


def _script(request) -> str:
    script = request.GET.get("script") or request.COOKIES.get("script", "")
    return script if script in ("hans", "hant") else ""


@require_GET
def search_page(request):
    params = parse_params(request.GET)
    try:
        page = search(params)
    except INDEX_UNAVAILABLE:
        return _unavailable_page(request, params)
    outcome = page.outcome
    trail, _children = place_levels(params.place, {})
    export_query = params.url(page=None)
    context = {
        "place_trail": [{"label": p.name, "url": params.url(place=p.code)} for p in trail],
        "place_trail_root": params.url(place=None),
        "province_map": province_map(
            outcome.facets.get("place", {}), lambda code: params.url(place=code), params.place
        ),
        "params": params,
        "page": page,
        "rows": page.rows,
        "facets": facet_links(params, outcome.facets),
        "chips": active_chips(params),
        "timeline": build_timeline(params, outcome.months),
        "sort_links": [
            (key, label, params.url(sort=key if key != "relevance" else None), params.sort == key)
            for key, label in (("relevance", "相关度"), ("newest", "最新"), ("oldest", "最早"))
        ],
        "prev_url": params.url(page=outcome.page - 1) if outcome.page > 1 else "",
        "next_url": params.url(page=outcome.page + 1) if outcome.page < outcome.pages else "",
        "suggestion_links": [(s, params.url(q=s)) for s in page.suggestions],
        "feed_url": feed_url(params, _script(request)),
        "trends_url": trends_url(page.parsed),
        "export_query": "" if export_query == "?" else export_query,
        "export_limit": exports.EXPORT_LIMIT,
        "export_capped": outcome.count > exports.EXPORT_LIMIT,
    }
    return render(request, "search/search.html", context)


def trends_url(parsed) -> str:
    """The trends of the search's terms (each one a line, up to the chart's five)."""
    terms = [term.text for term in parsed.positive_terms][:MAX_TRENDS_TERMS]
    return reverse("search:trends") + "?" + urlencode([("q", text) for text in terms])


def api_per_page(value: str) -> int:
    """The API's page size: ``per_page`` within 1…API_MAX_PER_PAGE, else the default."""
    if _PER_PAGE.fullmatch(value or ""):
        return min(max(int(value), 1), API_MAX_PER_PAGE)
    return API_PER_PAGE


@require_GET
def search_api(request):
    params = parse_params(request.GET)
    per_page = api_per_page(request.GET.get("per_page", ""))
    try:
        page = search(params, per_page=per_page)
    except INDEX_UNAVAILABLE:
        return _unavailable_json()
    return JsonResponse(as_json(page, per_page=per_page), json_dumps_params={"ensure_ascii": False})


ERROR_EXPORT_RATE = (
    "导出过于频繁:每 {minutes} 分钟最多导出 {rate} 次,请稍后再试;要全部讲话请下载全库数据(/data/)。"
)


def _export(request, *, chunks, content_type: str, extension: str):
    rate, window = settings.SEARCH_EXPORT_RATE, settings.SEARCH_EXPORT_WINDOW
    if ratelimit.exceeded(request, "search-export", rate, window):
        message = ERROR_EXPORT_RATE.format(minutes=max(1, window // 60), rate=rate)
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(window)
        return response
    params = parse_params(request.GET)
    try:
        export = export_search(params)
    except INDEX_UNAVAILABLE:
        return _unavailable_json()
    response = StreamingHttpResponse(
        chunks(export.rows(request.build_absolute_uri)), content_type=content_type
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"讲稿库检索结果.{extension}"
    )
    response["X-Result-Count"] = str(export.count)
    response["X-Export-Limit"] = str(export.limit)
    response["X-Export-Capped"] = "1" if export.capped else "0"
    return response


@require_GET
def export_csv(request):
    return _export(
        request, chunks=csv_chunks, content_type="text/csv; charset=utf-8", extension="csv"
    )


@require_GET
def export_jsonl(request):
    return _export(
        request,
        chunks=jsonl_chunks,
        content_type="application/x-ndjson; charset=utf-8",
        extension="jsonl",
    )
