"""Comparing the index with the database (the source of truth), and repairing the difference."""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.models import Speech
from search.backends import backend, index_stamp
from search.unavailable import reading_index
from search.upkeep.queue import record_and_apply


@dataclass
class Drift:
    missing: list[int] = field(default_factory=list)  # published, not in the index
    stale: list[int] = field(default_factory=list)  # changed since it was indexed
    extra: list[int] = field(default_factory=list)  # in the index, not published any more

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra)

    @property
    def ids(self) -> list[int]:
        return sorted({*self.missing, *self.stale, *self.extra})


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
