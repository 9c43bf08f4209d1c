"""Rebuilding the whole reuse index at once, and comparing it with the database (drift).

A rebuild does not look each speech up in the table as the queue does: it computes every
signature in memory, finds all candidate pairs band by band (``archive.ingest.reuse.pairs``),
verifies them, then writes paragraphs, band keys and matches in large batches. Work queued
meanwhile is applied by the next index queue run, which compares fingerprints.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from django.db import transaction

from archive.drift import Drift
from archive.ingest.reuse import BANDS, band_keys, indexable_paragraphs, minhash_signature
from archive.ingest.reuse.align import score_pair
from archive.ingest.reuse.pairs import candidate_pairs
from archive.models import Speech
from archive.reuse.index import sync_speeches, write_bands, write_matches
from archive.reuse.models import ReuseBand, ReuseMatch, ReuseParagraph, ReuseSpeech

BATCH = 5000
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    return None


def rebuild(*, progress: Progress = _quiet) -> dict:
    """Replace the whole index; ``progress(stage, done, total)`` reports each stage."""
    speeches = list(Speech.objects.published().values_list("pk", "fingerprint"))
    owners: list[int] = []
    numbers: list[int] = []
    normals: list[str] = []
    keys: list[np.ndarray] = []  # one row of BANDS int64 per paragraph: 8 bytes a key
    for done, (pk, _fingerprint) in enumerate(speeches, start=1):
        body = Speech.objects.filter(pk=pk).values_list("body", flat=True).first() or ""
        for number, normal in indexable_paragraphs(body):
            owners.append(pk)
            numbers.append(number)
            normals.append(normal)
            keys.append(np.array(band_keys(minhash_signature(normal)), dtype=np.int64))
        if done % 200 == 0 or done == len(speeches):
            progress("签名", done, len(speeches))
    matrix = np.vstack(keys) if keys else np.zeros((0, BANDS), dtype=np.int64)
    del keys
    pairs = []
    for count, (a, b) in enumerate(candidate_pairs(matrix, np.array(owners)), start=1):
        score = score_pair(normals[a], normals[b])
        if score.is_reuse:
            pairs.append((a, b, score.share_a, score.share_b))
        if count % 20000 == 0:
            progress("比对候选", count, 0)
    with transaction.atomic():
        for model in (ReuseMatch, ReuseBand, ReuseParagraph, ReuseSpeech):
            model.objects.all()._raw_delete(model.objects.db)
        ids = []
        for start in range(0, len(normals), BATCH):
            created = ReuseParagraph.objects.bulk_create(
                ReuseParagraph(
                    speech_id=owners[i], number=numbers[i], length=len(normals[i]), text=normals[i]
                )
                for i in range(start, min(start + BATCH, len(normals)))
            )
            ids.extend(p.pk for p in created)
            progress("写入段落", len(ids), len(normals))
        # Row by row: the whole matrix as Python ints would be ~40 bytes a key.
        write_bands((ids[row], key) for row in range(len(matrix)) for key in matrix[row].tolist())
        progress("写入分桶", len(normals), len(normals))
        write_matches(
            row
            for a, b, share_a, share_b in pairs
            for row in ((ids[a], ids[b], share_a), (ids[b], ids[a], share_b))
        )
        ReuseSpeech.objects.bulk_create(
            (ReuseSpeech(speech_id=pk, fingerprint=fp) for pk, fp in speeches), batch_size=BATCH
        )
    return {"speeches": len(speeches), "paragraphs": len(normals), "matches": len(pairs)}


def compare() -> Drift:
    database = dict(Speech.objects.published().values_list("pk", "fingerprint"))
    indexed = dict(ReuseSpeech.objects.values_list("speech_id", "fingerprint"))
    drift = Drift(
        missing=sorted(set(database) - set(indexed)),
        stale=sorted(pk for pk, fp in indexed.items() if pk in database and database[pk] != fp),
        extra=sorted(set(indexed) - set(database)),
    )
    # Paragraph rows without their speech's state row (a crash between the two) are extra too.
    orphans = ReuseParagraph.objects.exclude(speech_id__in=ReuseSpeech.objects.values("pk"))
    drift.extra = sorted({*drift.extra, *orphans.values_list("speech_id", flat=True).distinct()})
    return drift


def repair(drift: Drift) -> int:
    return sync_speeches(drift.ids) if not drift.clean else 0


def catch_up() -> None:
    """After the search index was rebuilt in place of applying queued work (a large import, or
    ``rebuild_index``), the queue tasks it covered are gone: bring the reuse index in line from
    the database instead (a full rebuild when it is empty, the differing speeches otherwise)."""
    if not ReuseSpeech.objects.exists():
        rebuild()
    else:
        repair(compare())
