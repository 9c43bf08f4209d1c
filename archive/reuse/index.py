"""Keeping the reuse index current, one speech at a time (the index queue calls
``sync_speeches``), and looking paragraphs up in it (the speech indexer and the draft check).

Syncing reads the speech's current state, as the search index queue does: published → its
paragraphs are (re)indexed when its body changed, otherwise → its rows are removed. Matches are
stored in both directions when the *later-indexed* speech of a pair is synced, so the order in
which speeches are indexed does not matter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from django.db import connection, transaction

from archive.ingest.reuse import band_keys, indexable_paragraphs, minhash_signature, score_pair
from archive.models import Speech
from archive.reuse.models import ReuseBand, ReuseMatch, ReuseParagraph, ReuseSpeech

# Keys per IN (…) query: under SQLite's smallest variable limit (999).
CHUNK = 900
BATCH = 2000


@dataclass(frozen=True)
class Found:
    """An indexed paragraph that holds a queried paragraph."""

    paragraph_id: int
    speech_id: int
    number: int
    share_here: float  # share of the queried paragraph found in it
    share_there: float  # share of it found in the queried paragraph

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


def find_matches(
    normals: list[str], *, keys: list[list[int]] | None = None, exclude_speech: int | None = None
) -> list[list[Found]]:
    """For each normalised paragraph, the indexed paragraphs it is reused in, best first."""
    keys = keys if keys is not None else [band_keys(minhash_signature(n)) for n in normals]
    by_key: dict[int, set[int]] = defaultdict(set)
    wanted = sorted(set(chain.from_iterable(keys)))
    for start in range(0, len(wanted), CHUNK):
        rows = ReuseBand.objects.filter(key__in=wanted[start : start + CHUNK])
        for key, paragraph_id in rows.values_list("key", "paragraph_id"):
            by_key[key].add(paragraph_id)
    candidates = [set(chain.from_iterable(by_key.get(k, ()) for k in own)) for own in keys]
    texts = _paragraph_texts(set(chain.from_iterable(candidates)))
    found: list[list[Found]] = []
    for normal, ids in zip(normals, candidates, strict=True):
        hits = []
        for pk in ids:
            speech_id, number, text = texts[pk]
            if speech_id == exclude_speech:
                continue
            score = score_pair(normal, text)
            if score.is_reuse:
                hits.append(Found(pk, speech_id, number, score.share_a, score.share_b))
        hits.sort(key=lambda hit: (-hit.share_here, hit.speech_id, hit.number))
        found.append(hits)
    return found


def _paragraph_texts(ids: set[int]) -> dict[int, tuple[int, int, str]]:
    ordered = sorted(ids)
    texts = {}
    for start in range(0, len(ordered), CHUNK):
        rows = ReuseParagraph.objects.filter(pk__in=ordered[start : start + CHUNK])
        for pk, speech_id, number, text in rows.values_list("pk", "speech_id", "number", "text"):
            texts[pk] = (speech_id, number, text)
    return texts


def sync_speeches(speech_ids: Iterable[int]) -> int:
    """Bring these speeches' rows in line with the database; returns how many were reindexed."""
    reindexed = 0
    for pk in sorted(set(speech_ids)):
        with transaction.atomic():
            speech = Speech.objects.published().filter(pk=pk).only("pk", "body", "fingerprint")
            speech = speech.first()
            state = ReuseSpeech.objects.filter(pk=pk).values_list("fingerprint", flat=True)
            if speech is None:
                remove_speech(pk)
            elif state.first() != speech.fingerprint:
                index_speech(speech)
                reindexed += 1
    return reindexed


def _batched(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _insert_rows(model, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Plain INSERTs in batches: band keys come by the million in a rebuild, and model
    instances (bulk_create needs them all at once) cost ~0.5 KB each."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        for batch in _batched(rows, BATCH):
            cursor.executemany(sql, batch)


def write_bands(rows: Iterable[tuple[int, int]]) -> None:
    """(paragraph id, band key) rows."""
    _insert_rows(ReuseBand, ("paragraph_id", "key"), rows)


def write_matches(rows: Iterable[tuple[int, int, float]]) -> None:
    """(paragraph id, other paragraph id, share) rows; each pair is verified once (the other
    speech's rows exclude this one), so no row repeats."""
    _insert_rows(ReuseMatch, ("paragraph_id", "other_id", "share"), rows)


def remove_speech(speech_id: int) -> None:
    ReuseMatch.objects.filter(other__speech_id=speech_id).delete()
    ReuseMatch.objects.filter(paragraph__speech_id=speech_id).delete()
    ReuseBand.objects.filter(paragraph__speech_id=speech_id).delete()
    ReuseParagraph.objects.filter(speech_id=speech_id).delete()
    ReuseSpeech.objects.filter(pk=speech_id).delete()


def index_speech(speech: Speech) -> None:
    """(Re)index one speech's paragraphs and record its matches both ways."""
    remove_speech(speech.pk)
    numbered = indexable_paragraphs(speech.body)
    normals = [normal for _number, normal in numbered]
    keys = [band_keys(minhash_signature(normal)) for normal in normals]
    found = find_matches(normals, keys=keys, exclude_speech=speech.pk)
    paragraphs = ReuseParagraph.objects.bulk_create(
        ReuseParagraph(speech_id=speech.pk, number=number, length=len(normal), text=normal)
        for number, normal in numbered
    )
    write_bands(
        (paragraph.pk, key) for paragraph, own in zip(paragraphs, keys, strict=True) for key in own
    )
    write_matches(
        row
        for paragraph, hits in zip(paragraphs, found, strict=True)
        for hit in hits
        for row in (
            (paragraph.pk, hit.paragraph_id, hit.share_here),
            (hit.paragraph_id, paragraph.pk, hit.share_there),
        )
    )
    ReuseSpeech.objects.create(speech_id=speech.pk, fingerprint=speech.fingerprint)
