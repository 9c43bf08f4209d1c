"""Turning index hits into what the page and the API show."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import NoReverseMatch

from archive.models import Section, Speech
from search.backends import Hit
from search.language.query import ParsedQuery
from search.page.snippets import marked_title, paragraph_of, snippets


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
            "theme_slug": speech.theme.slug if speech.theme_id else None,
            "place": (
                {"code": speech.place.code, "name": speech.place.name} if speech.place_id else None
            ),
            "speaker": speech.speaker,
            "speaker_role": speech.speaker_role,
            "score": self.score,
            "snippets": [str(s) for s in self.snippets],
            "section": self.section,
        }


_SECTION_FIELDS = ("paragraph", "anchor", "number", "heading")


def _hit_section(sections: list[tuple], paragraph: int) -> dict | None:
    """The last section opening at or before ``paragraph``, as a dict of _SECTION_FIELDS."""
    current = None
    for section in sections:
        if section[0] <= paragraph:
            current = section
        else:
            break
    return dict(zip(_SECTION_FIELDS, current, strict=True)) if current is not None else None


# What a result row shows; the raw upload text and the keywords stay in the database.
ROW_FIELDS = (
    "title",
    "date",
    "level",
    "theme",
    "body",
    "created_at",
    "updated_at",
    "place",
    "speaker",
    "speaker_role",
)


def _sections_by_speech(speech_ids: list[int]) -> dict[int, list[tuple]]:
    """Every section of the speeches as (paragraph, anchor, number, heading), in order: plain
    tuples, since a page of 20 long speeches can have several hundred sections."""
    by_speech: dict[int, list[tuple]] = {}
    rows = (
        Section.objects.filter(speech_id__in=speech_ids)
        .order_by("speech_id", "paragraph", "order")
        .values_list("speech_id", *_SECTION_FIELDS)
    )
    for speech_id, *section in rows:
        by_speech.setdefault(speech_id, []).append(section)
    return by_speech


def build_rows(hits: list[Hit], parsed: ParsedQuery, q: str) -> list[ResultRow]:
    ids = [hit.speech_id for hit in hits]
    speeches = (
        Speech.objects.select_related("theme", "place")
        .only(*ROW_FIELDS, "theme__name", "theme__slug", "place__code", "place__name")
        .in_bulk(ids)
    )
    sections = _sections_by_speech(ids)
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
            found = _hit_section(sections.get(speech.pk, []), paragraph_of(speech.body, first_hit))
            if found is not None:
                query = f"?{urlencode({'q': q})}" if q else ""
                section = {
                    "anchor": found["anchor"],
                    "number": found["number"],
                    "heading": found["heading"],
                    "url": f"{url}{query}#{found['anchor']}",
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
