"""Index work of a batch of saves, applied once at its end: by the live index's writer, or,
for a bulk load, by a rebuild. ``archive.services.speeches_import_batch`` is the way in."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from search.backends import backend
from search.models import IndexTask
from search.unavailable import INDEX_UNAVAILABLE, reading_index
from search.upkeep.queue import apply_pending, holding
from search.upkeep.rebuild import rebuild

# Queued speeches from which a full rebuild (all cores, no per-document deletes, no segment
# merges) is cheaper than updating the live index, when they are also at least as many as the
# index holds: the first load of an archive, or an import that doubles it.
BULK_REBUILD_MIN = 300


@contextmanager
def deferred(progress: Callable[[int, int], None] | None = None) -> Iterator[None]:
    """Inside this block index work is only recorded; it is applied once, in one writer, when
    the block ends (or, for a bulk load, by a rebuild: ``progress(done, total)`` reports it).
    A bulk import then pays for one index commit instead of one per speech. If the block is
    interrupted the work stays queued, as always."""
    with holding() as outermost:
        yield
    if outermost:
        if _rebuild_is_cheaper():
            rebuild(progress=progress)
        else:
            apply_pending()


def _rebuild_is_cheaper() -> bool:
    pending = IndexTask.objects.values("speech_id").distinct().count()
    if pending < BULK_REBUILD_MIN:
        return False
    try:
        with reading_index():
            indexed = backend().indexed_count()
    except INDEX_UNAVAILABLE:
        # An unusable index: the work stays queued, as apply_pending() reports, for
        # rebuild_index / check_index --repair.
        return False
    return pending >= indexed
