"""Comparing the index with the database (the source of truth), and repairing the difference."""

from __future__ import annotations

from archive.drift import Drift
from archive.models import Speech
from search.backends import backend, index_stamp
from search.unavailable import reading_index
from search.upkeep.queue import record_and_apply


def compare() -> Drift:
    database = {
        pk: index_stamp(updated)
        for pk, updated in Speech.objects.published().values_list("pk", "updated_at")
    }
    with reading_index():
        indexed = backend().indexed_stamps()
    drift = Drift()
    for pk, stamp in database.items():
        if pk not in indexed:
            drift.missing.append(pk)
        elif indexed[pk] != stamp:
            drift.stale.append(pk)
    drift.extra = sorted(set(indexed) - set(database))
    drift.missing.sort()
    drift.stale.sort()
    return drift


def repair(drift: Drift) -> int:
    """Queue every differing speech and apply the queue; returns tasks applied."""
    if drift.clean:
        return 0
    return record_and_apply(drift.ids)
