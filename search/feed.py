"""The Atom feed of a search: its newest matches, for the same query, filters and script."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib.syndication.views import Feed
from django.urls import reverse

from archive.web.feeds import PlainTextSummaryAtomFeed
from archive.web.reading import SCRIPTS, convert_script
from search.language.params import SearchParams, parse_params
from search.page.export import plain_snippet
from search.page.results import ResultRow
from search.page.service import search

FEED_ITEMS = 30


@dataclass
class SearchFeedState:
    params: SearchParams
    script: str
    rows: list[ResultRow]


def feed_url(params: SearchParams, script: str = "") -> str:
    """The feed of this search (page and sort dropped: a feed is always newest first)."""
    query = params.url(sort=None, script=script or None)
    return reverse("search:feed") + (query if query != "?" else "")


def search_title(params: SearchParams) -> str:
    parts = [f"“{params.q.strip()}”" if params.q.strip() else "全部讲话"]
    if params.level or params.theme or params.year or params.date_from or params.date_to:
        parts.append("(已筛选)")
    return "".join(parts)


class SearchFeed(Feed):
    feed_type = PlainTextSummaryAtomFeed

    def get_object(self, request):
        params = replace(parse_params(request.GET), sort="newest", page=1)
        script = request.GET.get("script", "")
        script = script if script in SCRIPTS else ""
        # Raises INDEX_UNAVAILABLE like the page; the 500 handler answers then.
        rows = search(params, per_page=FEED_ITEMS).rows
        return SearchFeedState(params=params, script=script, rows=rows)

    def title(self, state: SearchFeedState) -> str:
        return convert_script(f"讲稿库检索:{search_title(state.params)}", state.script)

    def link(self, state: SearchFeedState) -> str:
        return reverse("search:search") + state.params.url(sort=None)

    def subtitle(self, state: SearchFeedState) -> str:
        return convert_script("符合这次检索的最新讲话", state.script)

    def items(self, state: SearchFeedState) -> list[tuple[ResultRow, str]]:
        return [(row, state.script) for row in state.rows]

    def item_title(self, item) -> str:
        row, script = item
        return convert_script(row.speech.title, script)

    def item_link(self, item) -> str:
        row, script = item
        if not script:
            return row.url
        return row.url + ("&" if "?" in row.url else "?") + f"script={script}"

    def item_description(self, item) -> str:
        row, script = item
        return convert_script(plain_snippet(row), script)

    def item_pubdate(self, item):
        return item[0].speech.created_at

    def item_updateddate(self, item):
        return item[0].speech.updated_at

    def item_categories(self, item):
        row, script = item
        return [convert_script(row.speech.theme.name, script)] if row.speech.theme_id else []
