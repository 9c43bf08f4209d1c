"""Comparing the index with the database (the source of truth), and repairing the difference."""

from __future__ import annotations

from dataclasses import dataclass, field

from search.engine import open_index
from search.indexing import record_and_apply, speech_index
from search.search_indexes import index_stamp
from search.unavailable import reading_index


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


def indexed_stamps() -> dict[int, str]:
    """speech id → the ``updated_at`` stamp it was indexed with (read from columns, fast)."""
    with reading_index():
        return _indexed_stamps()


def _indexed_stamps() -> dict[int, str]:
    ix = open_index()
    stamps: dict[int, str] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        if reader.doc_count() == 0:
            return stamps
        ids = reader.column_reader("speech_id")
        updated = reader.column_reader("updated")
        for docnum in reader.all_doc_ids():
            stamps[int(ids[docnum])] = updated[docnum]
    return stamps


def compare() -> Drift:
    database = {
        pk: index_stamp(updated)
        for pk, updated in speech_index().index_queryset().values_list("pk", "updated_at")
    }
    indexed = indexed_stamps()
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
    return record_and_apply(drift.ids) if drift.ids else 0
