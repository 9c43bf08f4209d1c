"""Writing speeches into the PostgreSQL index: the rows of one speech, and ``sync``, which
replaces the rows of some speeches inside the caller's transaction (so the index changes
exactly when the speech does: no queue, no drift)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

from archive.models import Speech
from search.backends import index_stamp
from search.backends.postgres import lexemes
from search.backends.postgres.db import write_alias
from search.language.normalize import fold
from search.language.words import is_wordlike, words_with_sub_words
from search.models import SearchChunk, SearchDocument

BATCH = 200


def indexed_speeches():
    """The speeches the index holds: the published ones, with what their rows need."""
    return (
        Speech.objects.published()
        .select_related("theme")
        .prefetch_related("sections")
        .defer("raw_text", "removed_lines", "warnings")
        .order_by("pk")
    )


def _words(text: str) -> list[str]:
    """Folded jieba words with the dictionary words inside each (党务工作 → 党务, 工作)."""
    return [
        word for group in words_with_sub_words(fold(text)) for word in group if is_wordlike(word)
    ]


def speech_rows(speech: Speech) -> tuple[SearchDocument, list[SearchChunk]]:
    headings = "\n".join(section.heading for section in speech.sections.all())
    words = lexemes.words_vector(
        [
            (_words(speech.title), lexemes.WEIGHT_TITLE),
            (_words(headings), lexemes.WEIGHT_HEADING),
            (_words(speech.body), lexemes.WEIGHT_BODY),
        ]
    )
    document = SearchDocument(
        speech_id=speech.pk,
        level=speech.level or "",
        theme=speech.theme.slug if speech.theme_id else "",
        date=speech.date,
        updated=index_stamp(speech.updated_at),
        title_grams=lexemes.grams_vector(fold(speech.title)),
        words=words,
    )
    chunks = [
        SearchChunk(speech_id=speech.pk, grams=vector)
        for vector in lexemes.chunk_vectors(fold(f"{speech.title}\n{speech.body}"))
    ]
    return document, chunks


def _write(speeches: Iterable[Speech], alias: str) -> int:
    documents, chunks = [], []
    for speech in speeches:
        document, its_chunks = speech_rows(speech)
        documents.append(document)
        chunks += its_chunks
    SearchDocument.objects.using(alias).bulk_create(documents, batch_size=BATCH)
    SearchChunk.objects.using(alias).bulk_create(chunks, batch_size=BATCH)
    return len(documents)


def sync(speech_ids: set[int]) -> None:
    """(Re)index the published ones of these speeches, remove the others; in the current
    transaction (a savepoint of it), on the primary."""
    alias = write_alias()
    ids = sorted(speech_ids)
    with transaction.atomic(using=alias):
        SearchChunk.objects.using(alias).filter(speech_id__in=ids).delete()
        SearchDocument.objects.using(alias).filter(speech_id__in=ids).delete()
        _write(indexed_speeches().using(alias).filter(pk__in=ids), alias)


def rebuild(*, empty: bool, progress: Callable[[int, int], None] | None) -> int:
    """Every published speech indexed afresh in one transaction: searches see the old rows
    until it commits (no pause), then the new ones."""
    alias = write_alias()
    with transaction.atomic(using=alias):
        SearchChunk.objects.using(alias).all().delete()
        SearchDocument.objects.using(alias).all().delete()
        ids = [] if empty else list(indexed_speeches().using(alias).values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            done += _write(indexed_speeches().using(alias).filter(pk__in=chunk), alias)
            if progress:
                progress(done, len(ids))
    return len(ids)
