"""The home page and a speech's own pages: reading, downloads, QR code, JSON."""

from __future__ import annotations

import logging

from django.db.models import Count, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from archive.models import Level, Speech, Theme
from archive.reuse.report import speech_reuse
from archive.web import quotes, reading, share
from archive.web.timeline import chart_width, year_bars
from search.backends import backend
from search.unavailable import INDEX_UNAVAILABLE

logger = logging.getLogger(__name__)

SCRIPT_COOKIE = "script"
SCRIPT_COOKIE_AGE = 365 * 24 * 3600


def _published_speech(pk: int) -> Speech:
    return get_object_or_404(Speech.objects.published().select_related("theme"), pk=pk)


def _related(speech: Speech) -> list[tuple[Speech, list[str]]]:
    """Related speeches come from the search index; a broken index must not take the reading
    page down with it (the page simply shows no related list)."""
    try:
        return backend().related(speech, limit=5)
    except INDEX_UNAVAILABLE:
        logger.exception("related speeches unavailable: search index cannot be read")
        return []


def _neighbours(speech: Speech) -> tuple[Speech | None, Speech | None]:
    """Previous and next speech by date at the same level."""
    if not speech.date:
        return None, None
    same_level = (
        Speech.objects.published()
        .filter(level=speech.level)
        .exclude(pk=speech.pk)
        .only("pk", "title", "date", "level")
    )
    earlier = same_level.filter(date__lte=speech.date).order_by("-date", "-pk").first()
    later = same_level.filter(date__gte=speech.date).order_by("date", "pk").first()
    return earlier, later


@require_safe
def home(request):
    published = Speech.objects.published()
    context = {
        "latest": published.select_related("theme", "place").newest_first()[:10],
        "total": published.count(),
        "levels": [
            (Level(row["level"]), row["count"])
            for row in published.exclude(level="")
            .order_by()
            .values("level")
            .annotate(count=Count("pk"))
        ],
        "themes": Theme.objects.annotate(
            count=Count("speeches", filter=Q(speeches__is_published=True))
        ).filter(count__gt=0),
        "years": (years := year_bars(published)),
        "years_width": chart_width(years),
    }
    return render(request, "archive/home.html", context)


@require_safe
def speech_detail(request, pk: int):
    speech = _published_speech(pk)
    script = request.GET.get("script") or request.COOKIES.get(SCRIPT_COOKIE, "")
    script = script if script in reading.SCRIPTS else ""
    q = request.GET.get("q", "")[:200]
    sections = list(speech.sections.all())
    url = request.build_absolute_uri(speech.get_absolute_url())
    earlier, later = _neighbours(speech)
    damaged = reading.is_damaged(speech.warnings)

    def shown(text: str) -> str:
        return reading.convert_script(text, script)

    blocks = reading.body_blocks(speech.body, sections, script=script, q=q, damaged=damaged)
    quote_value = request.GET.get("quote", "")[: quotes.MAX_QUOTE_CHARS]
    quote = quotes.parse_quote(quote_value)
    quote_found = quote is not None and quotes.mark_quote(
        blocks, speech.body, sections, quote, script=script
    )

    context = {
        "speech": speech,
        "script": script,
        "lang": reading.LANGS.get(script, ""),
        "q": q,
        "shown": reading.shown_speech(speech, script),
        "title_html": reading.display(speech.title, script=script, q=q),
        "outline": reading.outline_tree(sections, script=script),
        "blocks": blocks,
        "quote": quote_value if quote else "",
        "quote_found": quote_found,
        "quote_anchor": quote.anchor if quote else "",
        "damaged": damaged,
        "source_url": reading.public_source(speech.source),
        "characters": reading.character_count(speech.body),
        "minutes": reading.reading_minutes(speech.body),
        "canonical_url": url,
        "citation": share.citation(speech, url, accessed=timezone.localdate()),
        "related": [
            (other, shown(other.title), [shown(word) for word in words])
            for other, words in _related(speech)
        ],
        "earlier": earlier,
        "earlier_title": shown(earlier.title) if earlier else "",
        "later": later,
        "later_title": shown(later.title) if later else "",
        "reuse": speech_reuse(speech),
    }
    response = render(request, "archive/speech_detail.html", context)
    if "script" in request.GET:
        response.set_cookie(
            SCRIPT_COOKIE, script, max_age=SCRIPT_COOKIE_AGE, samesite="Lax", httponly=True
        )
    return response


def speech_redirect(request, pk: int, rest: str):
    return redirect(_published_speech(pk), permanent=True)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_safe
def download_txt(request, pk: int):
    speech = _published_speech(pk)
    url = request.build_absolute_uri(speech.get_absolute_url())
    text = share.as_text(speech, url).encode("utf-8")
    return _download(text, "text/plain; charset=utf-8", f"{speech.title}.txt")


@require_safe
def download_docx(request, pk: int):
    speech = _published_speech(pk)
    url = request.build_absolute_uri(speech.get_absolute_url())
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(share.as_docx(speech, url), docx_type, f"{speech.title}.docx")


@require_safe
def qr_code(request, pk: int):
    speech = _published_speech(pk)
    url = request.build_absolute_uri(speech.get_absolute_url())
    return HttpResponse(share.qr_svg(url), content_type="image/svg+xml")


@require_safe
def speech_api(request, pk: int):
    speech = _published_speech(pk)
    related = _related(speech)
    data = {
        "id": speech.pk,
        "url": speech.get_absolute_url(),
        "title": speech.title,
        "date": speech.date.isoformat() if speech.date else None,
        "level": speech.level or None,
        "theme": speech.theme.name if speech.theme else None,
        "meeting": speech.meeting or None,
        "speaker_role": speech.speaker_role or None,
        "speaker": speech.speaker or None,
        "speaker_url": speech.speaker_entry.get_absolute_url() if speech.speaker_entry_id else None,
        "place": (
            {
                "code": speech.place.code,
                "name": speech.place.name,
                "full_name": speech.place.full_name,
                "url": speech.place.get_absolute_url(),
            }
            if speech.place_id
            else None
        ),
        "keywords": speech.keywords,
        "source": speech.source,
        "characters": reading.character_count(speech.body),
        "sections": [
            {"number": s.number, "heading": s.heading, "depth": s.depth, "anchor": s.anchor}
            for s in speech.sections.all()
        ],
        "related": [other.pk for other, _words in related],
        "similar_to": list(
            speech.similar_to.filter(is_published=True).values_list("pk", flat=True)
        ),
        "body": speech.body,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
