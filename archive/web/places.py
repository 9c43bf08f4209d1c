"""Browsing by place and by speaker: /places/, /places/<code>/, /speakers/<id>/, and an Atom
feed per place. Counts roll up the division tree: a speech of 河西区 counts for 天津市 too."""

from __future__ import annotations

import threading
from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from archive.errors import NotFound
from archive.models import Place, Speaker, Speech
from archive.state import archive_state
from archive.web.feeds import LatestSpeechesFeed
from archive.web.tilemap import province_map

PER_PAGE = 20
DISTINCTIVE_WORDS = 20
# A word must be a keyword of at least two of the place's speeches to be distinctive (one
# speech's keyword says little about a place) once the place has this many speeches.
DISTINCTIVE_MIN_SPEECHES = 5
# ... and at least this many times as common among the place's speeches as in the archive.
DISTINCTIVE_MIN_RATIO = 1.5
ERROR_BAD_PLACE_CODE = "地方代码“{code}”不对:应是六位行政区划代码,如 120103。"
ERROR_NO_PLACE = "没有代码为 {code} 的地方。"
ERROR_NO_SPEAKER = "没有编号为 {pk} 的讲话人。"


def _place_or_404(queryset, code: str) -> Place:
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        raise NotFound(ERROR_BAD_PLACE_CODE.format(code=code[:40]))
    place = queryset.filter(code=code).first()
    if place is None:
        raise NotFound(ERROR_NO_PLACE.format(code=code))
    return place


def place_counts() -> Counter:
    """Published speeches per division code, each counted for its place and every ancestor."""
    direct = dict(
        Speech.objects.published()
        .exclude(place=None)
        .values_list("place__code")
        .annotate(n=Count("pk"))
        .values_list("place__code", "n")
    )
    parents = _parent_codes(direct)
    counts: Counter = Counter()
    for code, count in direct.items():
        while code is not None and code in parents:
            counts[code] += count
            code = parents[code]
    return counts


def _parent_codes(codes) -> dict[str, str | None]:
    """code -> parent code for ``codes`` and every division above them: one query per level
    of the tree (three), not one per place."""
    parents: dict[str, str | None] = {}
    wanted = set(codes)
    while wanted:
        rows = dict(Place.objects.filter(code__in=wanted).values_list("code", "parent__code"))
        parents.update(rows)
        wanted = {parent for parent in rows.values() if parent and parent not in parents}
    return parents


def _child_rows(parent: Place | None, counts: Counter) -> list[dict]:
    children = Place.objects.filter(parent=parent, code__in=list(counts)).order_by("code")
    return [{"place": child, "count": counts[child.code]} for child in children]


@require_safe
def place_index(request):
    counts = place_counts()
    context = {
        "provinces": _child_rows(None, counts),
        "total": Speech.objects.published().exclude(place=None).count(),
        "unplaced": Speech.objects.published().filter(place=None).count(),
        "map": province_map(counts, lambda code: reverse("archive:place_detail", args=[code])),
    }
    return render(request, "archive/browse/place_index.html", context)


_keyword_counts: dict[tuple, tuple[Counter, int]] = {}
_keyword_counts_lock = threading.Lock()


def _archive_keyword_counts() -> tuple[Counter, int]:
    """How many published speeches have each keyword, and how many there are: read from every
    speech once per state of the archive and kept in the process, not again for each place
    page (linear in the archive)."""
    state = archive_state()
    with _keyword_counts_lock:
        found = _keyword_counts.get(state)
    if found is not None:
        return found
    everywhere: Counter = Counter()
    total = 0
    for keywords in Speech.objects.published().values_list("keywords", flat=True):
        total += 1
        everywhere.update(set(keywords or []))
    with _keyword_counts_lock:
        _keyword_counts.clear()
        _keyword_counts[state] = (everywhere, total)
    return everywhere, total


def distinctive_words(speeches, limit: int = DISTINCTIVE_WORDS) -> list[tuple[str, float]]:
    """Keywords much more frequent in ``speeches`` than in the archive: the share of the
    place's speeches having the keyword over its share of all speeches (add-one smoothed)."""
    here: Counter = Counter()
    place_total = 0
    for keywords in speeches.values_list("keywords", flat=True):
        place_total += 1
        here.update(set(keywords or []))
    if not here:
        return []
    everywhere, archive_total = _archive_keyword_counts()
    least = 2 if place_total >= DISTINCTIVE_MIN_SPEECHES else 1
    ratios = {
        word: (count / place_total) / ((everywhere[word] + 1) / (archive_total + 1))
        for word, count in here.items()
        if count >= least
    }
    ratios = {word: ratio for word, ratio in ratios.items() if ratio >= DISTINCTIVE_MIN_RATIO}
    best = sorted(ratios.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [(word, round(ratio, 1)) for word, ratio in best]


@require_safe
def place_detail(request, code: str):
    place = _place_or_404(Place.objects.select_related("parent__parent"), code)
    speeches = Speech.objects.published().filter(place__in=_self_and_descendants(place))
    counts = place_counts()
    years = Counter(speeches.exclude(date=None).values_list("date__year", flat=True))
    roles = (
        speeches.exclude(speaker_role="")
        .values("speaker_role")
        .annotate(n=Count("pk"))
        .order_by("-n", "speaker_role")
    )
    speakers = (
        Speaker.objects.filter(speeches__in=speeches)
        .annotate(n=Count("speeches"))
        .select_related("place")
        .order_by("-n", "name")
    )
    search_url = f"{reverse('search:search')}?place={place.code}"
    context = {
        "place": place,
        "trail": place.ancestors(),
        "children": _child_rows(place, counts),
        "count": counts.get(place.code, 0),
        "years": [
            {"year": year, "count": n, "url": f"{search_url}&year={year}"}
            for year, n in sorted(years.items(), reverse=True)
        ],
        "most_in_a_year": max(years.values(), default=0),
        "roles": [{**row, "url": f"{search_url}&role={row['speaker_role']}"} for row in roles],
        "speakers": speakers,
        "words": distinctive_words(speeches),
        "search_url": search_url,
        "page_obj": Paginator(
            speeches.select_related("theme", "place").newest_first(), PER_PAGE
        ).get_page(request.GET.get("page")),
        "querystring": "",
    }
    return render(request, "archive/browse/place_detail.html", context)


def _self_and_descendants(place: Place) -> list[Place]:
    """The place and every division under it (at most a province's few hundred)."""
    found, frontier = [place], [place]
    while frontier:
        frontier = list(Place.objects.filter(parent__in=frontier))
        found += frontier
    return found


@require_safe
def speaker_detail(request, pk: int):
    speaker = Speaker.objects.select_related("place__parent__parent").filter(pk=pk).first()
    if speaker is None:
        raise NotFound(ERROR_NO_SPEAKER.format(pk=pk))
    speeches = speaker.speeches.published().select_related("theme", "place").newest_first()
    if not speeches.exists():
        raise NotFound("这位讲话人没有公开的讲话。")
    years = Counter(speeches.exclude(date=None).values_list("date__year", flat=True))
    context = {
        "speaker": speaker,
        "trail": speaker.place.ancestors() if speaker.place_id else [],
        "years": sorted(years.items(), reverse=True),
        "others": Speaker.objects.filter(name=speaker.name).exclude(pk=speaker.pk),
        "page_obj": Paginator(speeches, PER_PAGE).get_page(request.GET.get("page")),
        "querystring": "",
        "search_url": f"{reverse('search:search')}?speaker={speaker.pk}",
    }
    return render(request, "archive/browse/speaker_detail.html", context)


class PlaceFeed(LatestSpeechesFeed):
    """The newest speeches of one place (and the places under it)."""

    def get_object(self, request, code: str):
        return _place_or_404(Place.objects.all(), code)

    def title(self, place: Place) -> str:
        return f"讲稿库:{place.full_name}的讲话"

    def link(self, place: Place) -> str:
        return place.get_absolute_url()

    def subtitle(self, place: Place) -> str:
        return f"{place.full_name}最新收录的讲话"

    def items(self, place: Place):
        return (
            Speech.objects.published()
            .filter(place__in=_self_and_descendants(place))
            .select_related("theme")
            .order_by("-created_at")[:30]
        )
