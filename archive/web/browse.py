"""Browsing without a query: all speeches, by date, by theme, by level."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from archive.models import Level, Speech, Theme
from archive.web.timeline import (
    chart_width,
    month_bars,
    month_calendar,
    neighbour_months,
    neighbour_years,
    year_counts,
)
from search.language.params import parse_params

PER_PAGE = 20


def _page(request, speeches):
    paginator = Paginator(speeches.select_related("theme", "place"), PER_PAGE)
    return paginator.get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_safe
def speech_list(request):
    params = parse_params(request.GET)
    start, end = params.date_span
    speeches = Speech.objects.published().between(start, end)
    if params.level:
        speeches = speeches.filter(level=params.level)
    if params.theme:
        speeches = speeches.filter(theme__slug=params.theme)
    context = {
        "page_obj": _page(request, speeches.newest_first()),
        "params": params,
        "querystring": _query_without_page(request),
        "heading": "全部讲话",
    }
    return render(request, "archive/browse/list.html", context)


@require_safe
def dates_index(request):
    years = year_counts(Speech.objects.published())
    context = {"years": [{"year": y, "count": n} for y, n in reversed(years.items())]}
    return render(request, "archive/browse/dates_index.html", context)


@require_safe
def dates_year(request, year: int):
    if not 1900 <= year <= 2100:
        raise Http404("年份超出范围")
    speeches = Speech.objects.published().filter(date__year=year)
    previous_year, next_year = neighbour_years(year_counts(Speech.objects.published()), year)
    context = {
        "year": year,
        "months": (months := month_bars(Speech.objects.published(), year)),
        "months_width": chart_width(months),
        "page_obj": _page(request, speeches.newest_first()),
        "querystring": _query_without_page(request),
        "heading": f"{year}年的讲话",
        "previous_year": previous_year,
        "next_year": next_year,
    }
    return render(request, "archive/browse/dates_year.html", context)


@require_safe
def dates_month(request, year: int, month: int):
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        raise Http404("日期超出范围")
    speeches = Speech.objects.published().filter(date__year=year, date__month=month)
    days = set(speeches.values_list("date__day", flat=True))
    previous, following = neighbour_months(year, month)
    context = {
        "year": year,
        "month": month,
        "weeks": month_calendar(year, month, days),
        "page_obj": _page(request, speeches.order_by("date", "pk")),
        "querystring": _query_without_page(request),
        "heading": f"{year}年{month}月的讲话",
        "previous": previous,
        "following": following,
    }
    return render(request, "archive/browse/dates_month.html", context)


@require_safe
def theme_list(request):
    themes = Theme.objects.annotate(
        count=Count("speeches", filter=Q(speeches__is_published=True))
    ).order_by("-count", "name")
    return render(request, "archive/browse/theme_list.html", {"themes": themes})


@require_safe
def theme_detail(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    speeches = Speech.objects.published().filter(theme=theme).newest_first()
    context = {
        "theme": theme,
        "page_obj": _page(request, speeches),
        "querystring": _query_without_page(request),
        "heading": f"主题:{theme.name}",
    }
    return render(request, "archive/browse/list.html", context)


@require_safe
def level_detail(request, level: str):
    if level not in Level.values:
        raise Http404("没有这个层级")
    speeches = Speech.objects.published().filter(level=level).newest_first()
    context = {
        "level": Level(level),
        "page_obj": _page(request, speeches),
        "querystring": _query_without_page(request),
        "heading": f"{Level(level).label}讲话",
    }
    return render(request, "archive/browse/list.html", context)


@require_safe
def favicon(request):
    """Some clients ask for /favicon.ico whatever the page's <link rel="icon"> says. The static
    URL is looked up per request: in production it names a hashed file from collectstatic."""
    return redirect(static("favicon.svg"), permanent=True)


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
