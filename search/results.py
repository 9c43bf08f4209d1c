"""Turning index hits into what the page and the API show."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch

from archive.models import Speech
from search.engine import Hit
from search.query import ParsedQuery
from search.snippets import marked_title, paragraph_of, snippets


def speech_url(speech: Speech) -> str:
    try:
        return speech.get_absolute_url()
    except NoReverseMatch:
        # The reading pages are not mounted (yet): the documented canonical path.
        return f"/speeches/{speech.pk}/"


@dataclass
class ResultRow:
    speech: Speech
    url: str
    title_html: str
    snippets: list[str]
    score: float | None
    section: dict | None  # {"anchor", "heading", "number", "url"}

    def as_json(self) -> dict:
        speech = self.speech
        return {
            "id": speech.pk,
            "url": self.url,
            "title": speech.title,
            "date": speech.date.isoformat() if speech.date else None,
            "level": speech.level or None,
            "theme": speech.theme.name if speech.theme_id else None,
            "score": self.score,
            "snippets": [str(s) for s in self.snippets],
            "section": self.section,
        }


def _hit_section(speech: Speech, paragraph: int):
    current = None
    for section in speech.sections.all():
        if section.paragraph <= paragraph:
            current = section
        else:
            break
    return current


def build_rows(hits: list[Hit], parsed: ParsedQuery, q: str) -> list[ResultRow]:
    speeches = (
        Speech.objects.select_related("theme")
        .prefetch_related("sections")
        .in_bulk([hit.speech_id for hit in hits])
    )
    body_terms = parsed.highlight_terms()
    title_terms = parsed.highlight_terms(title=True)
    rows = []
    for hit in hits:
        speech = speeches.get(hit.speech_id)
        if speech is None:  # deleted since it was indexed; the queue will remove it
            continue
        url = speech_url(speech)
        marked, first_hit = (
            snippets(speech.body, body_terms) if body_terms else snippets(speech.body, [])
        )
        section = None
        if first_hit is not None:
            found = _hit_section(speech, paragraph_of(speech.body, first_hit))
            if found is not None:
                query = f"?{urlencode({'q': q})}" if q else ""
                section = {
                    "anchor": found.anchor,
                    "number": found.number,
                    "heading": found.heading,
                    "url": f"{url}{query}#{found.anchor}",
                }
        rows.append(
            ResultRow(
                speech=speech,
                url=url + (f"?{urlencode({'q': q})}" if q and body_terms else ""),
                title_html=marked_title(speech.title, title_terms),
                snippets=marked,
                score=hit.score,
                section=section,
            )
        )
    return rows
