"""The haystack index of published speeches: the fields of the Whoosh schema, and how each is
filled from a speech. haystack finds it through ``search/search_indexes.py``.

Two kinds of text fields (analyzers in ``analysis.py``):
- ``chars`` / ``title_chars``: character unigrams and bigrams, for exact contiguous matching;
- ``text`` / ``title`` / ``headings``: jieba words, for BM25 ranking (titles and
  headings weigh more) and more-like-this.
Filters and facets are single-token fields (level, theme slug, year, date as YYYYMMDD, speaker
id, role) and ``places``, the codes of the place and its ancestors in one string.
"""

from __future__ import annotations

from haystack import connections, indexes
from whoosh.analysis import IDTokenizer

from archive.models import Speech
from search.backends import index_stamp
from search.backends.whoosh.analysis import CharGramAnalyzer, JiebaAnalyzer
from search.language.filters import place_field_value

TITLE_BOOST = 3.0
HEADINGS_BOOST = 2.0


def speech_chars(speech: Speech) -> str:
    """The text that exact matching covers: the title and the body."""
    return f"{speech.title}\n{speech.body}"


def speech_headings(speech: Speech) -> str:
    return "\n".join(section.heading for section in speech.sections.all())


class SpeechIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, use_template=True, analyzer=JiebaAnalyzer())
    title = indexes.CharField(model_attr="title", analyzer=JiebaAnalyzer(), boost=TITLE_BOOST)
    headings = indexes.CharField(analyzer=JiebaAnalyzer(), boost=HEADINGS_BOOST)
    chars = indexes.CharField(analyzer=CharGramAnalyzer())
    title_chars = indexes.CharField(model_attr="title", analyzer=CharGramAnalyzer())
    speech_id = indexes.CharField(model_attr="pk", analyzer=IDTokenizer())
    date = indexes.CharField(analyzer=IDTokenizer())
    dated = indexes.CharField(analyzer=IDTokenizer())  # "1"/"0": undated speeches sort last
    year = indexes.CharField(analyzer=IDTokenizer())
    level = indexes.CharField(model_attr="level", analyzer=IDTokenizer())
    theme = indexes.CharField(analyzer=IDTokenizer())
    # One string of codes, the place's and its ancestors' (search/language/filters.py).
    places = indexes.CharField(analyzer=IDTokenizer())
    speaker = indexes.CharField(analyzer=IDTokenizer())
    role = indexes.CharField(model_attr="speaker_role", analyzer=IDTokenizer())
    updated = indexes.CharField(analyzer=IDTokenizer())

    def get_model(self):
        return Speech

    def index_queryset(self, using=None):
        return (
            Speech.objects.published()
            .select_related("theme", "place__parent__parent")
            .prefetch_related("sections")
            .order_by("pk")
        )

    def get_updated_field(self):
        return "updated_at"

    def prepare_headings(self, speech: Speech) -> str:
        return speech_headings(speech)

    def prepare_chars(self, speech: Speech) -> str:
        return speech_chars(speech)

    def prepare_date(self, speech: Speech) -> str:
        return speech.date.strftime("%Y%m%d") if speech.date else ""

    def prepare_dated(self, speech: Speech) -> str:
        return "1" if speech.date else "0"

    def prepare_year(self, speech: Speech) -> str:
        return str(speech.date.year) if speech.date else ""

    def prepare_theme(self, speech: Speech) -> str:
        return speech.theme.slug if speech.theme_id else ""

    def prepare_places(self, speech: Speech) -> str:
        return place_field_value(speech.place.ancestor_codes()) if speech.place_id else ""

    def prepare_speaker(self, speech: Speech) -> str:
        return str(speech.speaker_entry_id) if speech.speaker_entry_id else ""

    def prepare_updated(self, speech: Speech) -> str:
        return index_stamp(speech.updated_at)


def speech_index() -> SpeechIndex:
    """The registered instance of ``SpeechIndex`` (what to index, and how)."""
    return connections["default"].get_unified_index().get_index(Speech)
