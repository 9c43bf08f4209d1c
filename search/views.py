"""The search page and its JSON twin; all work happens in search/page/service.py."""

from __future__ import annotations

import logging

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from archive.web.tilemap import province_map
from search.language.params import parse_params
from search.page.facets import active_chips, facet_links, place_levels
from search.page.service import as_json, search
from search.page.timeline import build_timeline
from search.unavailable import INDEX_UNAVAILABLE, MESSAGE

log = logging.getLogger(__name__)


@require_GET
def search_page(request):
    params = parse_params(request.GET)
    try:
        page = search(params)
    except INDEX_UNAVAILABLE:
        log.exception("检索索引无法读取")
        return render(
            request, "search/unavailable.html", {"params": params, "message": MESSAGE}, status=503
        )
    outcome = page.outcome
    trail, _children = place_levels(params.place, {})
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
        "timeline": build_timeline(params, outcome.dates),
        "sort_links": [
            (key, label, params.url(sort=key if key != "relevance" else None), params.sort == key)
            for key, label in (("relevance", "相关度"), ("newest", "最新"), ("oldest", "最早"))
        ],
        "prev_url": params.url(page=outcome.page - 1) if outcome.page > 1 else "",
        "next_url": params.url(page=outcome.page + 1) if outcome.page < outcome.pages else "",
        "suggestion_links": [(s, params.url(q=s)) for s in page.suggestions],
    }
    return render(request, "search/search.html", context)


@require_GET
def search_api(request):
    params = parse_params(request.GET)
    try:
        page = search(params)
    except INDEX_UNAVAILABLE:
        log.exception("检索索引无法读取")
        return JsonResponse(
            {"error": MESSAGE}, status=503, json_dumps_params={"ensure_ascii": False}
        )
    return JsonResponse(as_json(page), json_dumps_params={"ensure_ascii": False})
