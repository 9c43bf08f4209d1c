"""Keeping the index in line with the database, safely with several writers.

Whoosh allows one writer per index. Web processes therefore never write directly: they record
*which* speeches changed (``IndexTask`` rows, in the database) and then try to apply the queue
themselves, waiting a bounded time for the index's write lock. Whoever holds the lock applies
every pending task, not only its own, so work recorded while another process was writing is
picked up by the next writer. If the lock cannot be had in time the tasks simply stay queued
for the next save, ``python manage.py check_index --repair`` or ``update_index``.

Applying a task reads the speech's current state (published → index it, otherwise → remove
it), so it is idempotent and order does not matter.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from haystack import connections
from whoosh.index import LockError

from archive.models import Speech
from search.models import IndexTask
from search.unavailable import INDEX_UNAVAILABLE, reading_index

log = logging.getLogger(__name__)

BATCH_SIZE = 200
# How long a web request waits for another process's index writer before leaving its work
# queued (seconds).
WRITER_TIMEOUT = float(getattr(settings, "SEARCH_WRITER_TIMEOUT", 15.0))


def schedule_index(speech_ids: Iterable[int]) -> int:
    """Record that these speeches changed and apply pending work; returns tasks applied."""
    return record_and_apply(speech_ids)


def schedule_removal(speech_ids: Iterable[int]) -> int:
    """Record that these speeches were deleted (or unpublished) and apply pending work."""
    return record_and_apply(speech_ids)


_deferral = threading.local()


# Queued speeches from which a full rebuild (all cores, no per-document deletes, no segment
# merges) is cheaper than updating the live index, when they are also at least as many as the
# index holds: the first load of an archive, or an import that doubles it.
BULK_REBUILD_MIN = 300


@contextmanager
def deferred(progress: Callable[[int, int], None] | None = None) -> Iterator[None]:
    """Inside this block index work is only recorded; it is applied once, in one writer, when
    the block ends (or, for a bulk load, by a rebuild: ``progress(done, total)`` reports it).
    A bulk import then pays for one Whoosh commit instead of one per speech (about 0.8 s
    each). If the block is interrupted the work stays queued, as always."""
    depth = getattr(_deferral, "depth", 0)
    _deferral.depth = depth + 1
    try:
        yield
    finally:
        _deferral.depth = depth
    if depth == 0:
        if _rebuild_is_cheaper():
            from search.rebuild import rebuild  # rebuild.py builds on this module

            rebuild(progress=progress)
        else:
            apply_pending()


def _rebuild_is_cheaper() -> bool:
    pending = IndexTask.objects.values("speech_id").distinct().count()
    if pending < BULK_REBUILD_MIN:
        return False
    try:
        with reading_index():
            backend = search_backend()
            if not _is_whoosh(backend):
                return False
            indexed = backend.index.refresh().doc_count()
    except INDEX_UNAVAILABLE:
        # An unusable index: the work stays queued, as apply_pending() reports, for
        # rebuild_index / check_index --repair.
        return False
    return pending >= indexed


def record_and_apply(speech_ids: Iterable[int], *, timeout: float = WRITER_TIMEOUT) -> int:
    ids = sorted({int(pk) for pk in speech_ids})
    if ids:
        IndexTask.objects.bulk_create(IndexTask(speech_id=pk) for pk in ids)
    if getattr(_deferral, "depth", 0):
        return 0
    return apply_pending(timeout=timeout)


def indexed_count() -> int:
    """Documents in the live index (Whoosh: read from its table of contents, no search)."""
    backend = search_backend()
    if _is_whoosh(backend):
        return backend.index.refresh().doc_count()
    from haystack.query import SearchQuerySet

    return SearchQuerySet().models(Speech).count()


def pending_count() -> int:
    return IndexTask.objects.count()


def search_backend():
    backend = connections["default"].get_backend()
    if not backend.setup_complete:
        try:
            backend.setup()
        except OSError:
            # Another process created the index folder between haystack's check and its
            # makedirs; the folder is there now, so the second attempt opens it.
            backend.setup()
    return backend


def speech_index():
    return connections["default"].get_unified_index().get_index(Speech)


def _is_whoosh(backend) -> bool:
    return hasattr(backend, "storage") and hasattr(backend, "index")


def apply_pending(*, timeout: float = WRITER_TIMEOUT, batch_size: int = BATCH_SIZE) -> int:
    """Apply queued index work until the queue is empty; returns how many tasks were applied.

    Returns early (work stays queued) when the index writer stays locked for ``timeout`` s.
    """
    applied = 0
    while True:
        try:
            with reading_index(passthrough=(LockError,)):
                done = _apply_batch(timeout=timeout, batch_size=batch_size)
        except LockError:
            log.warning("索引正被其他进程写入,%d 项更新留待下次处理", pending_count())
            return applied
        except INDEX_UNAVAILABLE:
            # A missing, damaged or unwritable index must not undo or fail the save that
            # queued the work: it stays queued for rebuild_index / check_index --repair.
            log.exception("检索索引无法写入,%d 项更新留待下次处理", pending_count())
            return applied
        if not done:
            return applied
        applied += done


def _apply_batch(*, timeout: float, batch_size: int) -> int:
    backend = search_backend()
    if not _is_whoosh(backend):
        return _apply_batch_generic(backend, batch_size)
    ix = backend.index.refresh()
    writer = ix.writer(timeout=timeout, delay=0.05)
    try:
        # Read the queue only once we hold the lock, so the state we read is the newest.
        tasks = list(IndexTask.objects.order_by("pk")[:batch_size])
        if not tasks:
            writer.cancel()
            return 0
        sync_speeches(writer, backend, {task.speech_id for task in tasks})
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    IndexTask.objects.filter(pk__in=[task.pk for task in tasks]).delete()
    backend.index = backend.index.refresh()
    return len(tasks)


def sync_speeches(writer, backend, speech_ids: set[int]) -> None:
    """Within an open Whoosh writer: (re)index published speeches, delete the others."""
    index = speech_index()
    live = {speech.pk: speech for speech in index.index_queryset().filter(pk__in=speech_ids)}
    for pk in sorted(speech_ids):
        speech = live.get(pk)
        if speech is None:
            writer.delete_by_term("id", identifier(pk))
        else:
            writer.update_document(**whoosh_document(backend, index, speech))


def whoosh_document(backend, index, speech: Speech) -> dict:
    """The document haystack's own ``update()`` would write for ``speech``."""
    doc = index.full_prepare(speech)
    doc = {key: backend._from_python(value) for key, value in doc.items()}
    doc.pop("boost", None)
    return doc


def identifier(pk: int) -> str:
    return f"archive.speech.{pk}"


def _apply_batch_generic(backend, batch_size: int) -> int:
    # Other haystack backends (Elasticsearch) take concurrent writes themselves.
    tasks = list(IndexTask.objects.order_by("pk")[:batch_size])
    if not tasks:
        return 0
    index = speech_index()
    ids = {task.speech_id for task in tasks}
    live = list(index.index_queryset().filter(pk__in=ids))
    if live:
        backend.update(index, live)
    for pk in ids - {speech.pk for speech in live}:
        backend.remove(identifier(pk))
    IndexTask.objects.filter(pk__in=[task.pk for task in tasks]).delete()
    return len(tasks)
