"""Writing speeches into the PostgreSQL index: the rows of one speech, and ``sync``, which
replaces the rows of some speeches inside the caller's transaction (so the index changes
exactly when the speech does: no queue, no drift). A whole rebuild is ``build.py``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import rjieba
from django.db import transaction

from archive.models import Speech
from search.backends import index_stamp
from search.backends.postgres import filters, lexemes, ranking
from search.backends.postgres.db import write_alias
from search.language.normalize import fold
from search.models import SearchChunk, SearchDocument, SearchRankTerm

BATCH = 200
_WORDLIKE = re.compile(r"[^\W_]")  # a letter, digit or character: not punctuation


def indexed_speeches():
    """The speeches the index holds: the published ones, with what their rows need."""
    return (
        Speech.objects.published()
        .select_related("theme", "place__parent__parent")
        .prefetch_related("sections")
        .defer("raw_text", "removed_lines", "warnings")
        .order_by("pk")
    )


# Whether a word holds a letter, digit or character, per word seen (a dictionary lookup is
# several times cheaper than the pattern, and a speech repeats most of its words).
_WORD_KINDS: dict[str, bool] = {}


def _is_word(word: str) -> bool:
    kind = _WORD_KINDS.get(word)
    if kind is None:
        kind = bool(_WORDLIKE.search(word))
        if len(_WORD_KINDS) < 500_000:
            _WORD_KINDS[word] = kind
    return kind


def _words(folded: str) -> list[str]:
    """jieba words of a folded text, and the dictionary words inside long ones (jieba's search
    mode: 党务工作 also counts for 党务 and 工作), in order, punctuation left out."""
    return list(filter(_is_word, rjieba.cut_for_search(folded, True)))


class IndexRows(NamedTuple):
    """What one speech writes into the index tables."""

    document: tuple  # SearchDocument's DOCUMENT_COLUMNS
    chunks: list[str]  # SearchChunk.grams of each chunk
    rank_terms: dict[str, float]  # SearchRankTerm: word → score


def rows_for(
    speech_id: int,
    title: str,
    body: str,
    headings: str,
    level: str,
    theme: str,
    date,
    updated: str,
    places: list[str] = (),
    speaker: str = "",
    role: str = "",
) -> IndexRows:
    """The document row, the chunk vectors and the ranking scores of one speech, from plain
    values: pure, so a rebuild can compute it in other processes."""
    title, body = fold(title), fold(body)  # fold works character by character
    parts = [
        (_words(title), lexemes.WEIGHT_TITLE),
        (_words(fold(headings)), lexemes.WEIGHT_HEADING),
        (_words(body), lexemes.WEIGHT_BODY),
    ]
    words = lexemes.words_vector(parts)
    document = (
        speech_id,
        level or "",
        theme or "",
        date,
        list(places),
        speaker or "",
        role or "",
        updated,
        lexemes.grams_vector(title),
        words,
    )
    return IndexRows(
        document,
        lexemes.chunk_vectors(f"{title}\n{body}"),
        ranking.word_scores(ranking.ranking_parts(parts)),
    )


DOCUMENT_COLUMNS = (
    "speech_id",
    "level",
    "theme",
    "date",
    "places",
    "speaker",
    "role",
    "updated",
    "title_grams",
    "words",
)


# The document's columns each of its chunks carries a copy of (SearchChunk): the filter and
# facet columns of the matching set (filters.columns()).
CHUNK_COPIES = tuple(filters.columns())
_COPY_POSITIONS = tuple(DOCUMENT_COLUMNS.index(column) for column in CHUNK_COPIES)


def chunk_copies(document: tuple) -> tuple:
    """The values of CHUNK_COPIES in a document row (IndexRows.document)."""
    return tuple(document[position] for position in _COPY_POSITIONS)


# The place's code and its ancestors' as the values a rebuild reads (three levels: province,
# city, county); province first, as Place.ancestor_codes gives them.
PLACE_CODE_VALUES = ("place__parent__parent__code", "place__parent__code", "place__code")


def place_codes(*codes: str | None) -> list[str]:
    return [code for code in codes if code]


def speech_rows(
    speech: Speech,
) -> tuple[SearchDocument, list[SearchChunk], list[SearchRankTerm]]:
    headings = "\n".join(section.heading for section in speech.sections.all())
    rows = rows_for(
        speech.pk,
        speech.title,
        speech.body,
        headings,
        speech.level,
        speech.theme.slug if speech.theme_id else "",
        speech.date,
        index_stamp(speech.updated_at),
        speech.place.ancestor_codes() if speech.place_id else [],
        str(speech.speaker_entry_id) if speech.speaker_entry_id else "",
        speech.speaker_role,
    )
    copies = dict(zip(CHUNK_COPIES, chunk_copies(rows.document), strict=True))
    return (
        SearchDocument(**dict(zip(DOCUMENT_COLUMNS, rows.document, strict=True))),
        [SearchChunk(speech_id=speech.pk, grams=vector, **copies) for vector in rows.chunks],
        [
            SearchRankTerm(word=word, speech_id=speech.pk, score=score)
            for word, score in rows.rank_terms.items()
        ],
    )


def _write(speeches: Iterable[Speech], alias: str) -> int:
    documents, chunks, terms = [], [], []
    for speech in speeches:
        document, its_chunks, its_terms = speech_rows(speech)
        documents.append(document)
        chunks += its_chunks
        terms += its_terms
    SearchDocument.objects.using(alias).bulk_create(documents, batch_size=BATCH)
    SearchChunk.objects.using(alias).bulk_create(chunks, batch_size=BATCH)
    SearchRankTerm.objects.using(alias).bulk_create(terms, batch_size=BATCH * 5)
    return len(documents)


def sync(speech_ids: set[int]) -> None:
    """(Re)index the published ones of these speeches, remove the others; in the current
    transaction (a savepoint of it), on the primary."""
    alias = write_alias()
    ids = sorted(speech_ids)
    with transaction.atomic(using=alias):
        SearchChunk.objects.using(alias).filter(speech_id__in=ids).delete()
        SearchRankTerm.objects.using(alias).filter(speech_id__in=ids).delete()
        SearchDocument.objects.using(alias).filter(speech_id__in=ids).delete()
        _write(indexed_speeches().using(alias).filter(pk__in=ids), alias)
