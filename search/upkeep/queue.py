"""The index queue: keeping the index in line with the database, safely with several writers.

Engines like Whoosh allow one writer per index. Web processes therefore never write directly:
they record *which* speeches changed (``IndexTask`` rows, in the database) and then try to
apply the queue themselves, waiting a bounded time for the index's write lock. Whoever holds
the lock applies every pending task, not only its own, so work recorded while another process
was writing is picked up by the next writer. If the lock cannot be had in time the tasks simply
stay queued for the next save, ``python manage.py apply_index_queue`` or ``check_index --repair``.

Applying a task reads the speech's current state (published → index it, otherwise → remove
it), so it is idempotent and order does not matter.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings

from archive.reuse.index import sync_speeches as sync_reuse
from search.backends import backend
from search.models import IndexTask
from search.unavailable import INDEX_UNAVAILABLE, reading_index

log = logging.getLogger(__name__)

BATCH_SIZE = 200
# How long a web request waits for another process's index writer before leaving its work
# queued (seconds).
WRITER_TIMEOUT = float(getattr(settings, "SEARCH_WRITER_TIMEOUT", 15.0))


def schedule_index(speech_ids: Iterable[int]) -> int:
    """Record that these speeches changed (saved, deleted, published or not) and apply pending
    work; returns tasks applied. Applying reads each speech's state, so one call serves for
    additions and removals alike. An engine whose index lives in the database
    (``syncs_in_transaction``) is written at once, in the caller's transaction: no queue."""
    engine = backend()
    if getattr(engine, "syncs_in_transaction", False):
        ids = {int(pk) for pk in speech_ids}
        if ids:
            with engine.writing(timeout=WRITER_TIMEOUT) as writer:
                writer.sync(ids)
            # No queue here, so the paragraph reuse index is kept from here too, in the same
            # transaction (as _apply_batch keeps it for a queued engine).
            sync_reuse(ids)
        return len(ids)
    return record_and_apply(speech_ids)


# A removal is queued exactly like a change (see above); the name says what the caller means.
schedule_removal = schedule_index


_holding = threading.local()


@contextmanager
def holding() -> Iterator[bool]:
    """Inside this block index work is only recorded, not applied; yields whether this is the
    outermost such block (whose end should apply what was recorded)."""
    depth = getattr(_holding, "depth", 0)
    _holding.depth = depth + 1
    try:
        yield depth == 0
    finally:
        _holding.depth = depth


def record_and_apply(speech_ids: Iterable[int], *, timeout: float = WRITER_TIMEOUT) -> int:
    ids = sorted({int(pk) for pk in speech_ids})
    if ids:
        IndexTask.objects.bulk_create(IndexTask(speech_id=pk) for pk in ids)
    if getattr(_holding, "depth", 0):
        return 0
    return apply_pending(timeout=timeout)


def pending_count() -> int:
    return IndexTask.objects.count()


def indexed_count() -> int:
    """Documents in the live index."""
    return backend().indexed_count()


def apply_pending(*, timeout: float = WRITER_TIMEOUT, batch_size: int = BATCH_SIZE) -> int:
    """Apply queued index work until the queue is empty; returns how many tasks were applied.

    Returns early (work stays queued) when the index writer stays locked for ``timeout`` s.
    """
    engine = backend()
    applied = 0
    while True:
        try:
            with reading_index(passthrough=engine.lock_errors):
                done = _apply_batch(engine, timeout=timeout, batch_size=batch_size)
        except engine.lock_errors:
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


def _apply_batch(engine, *, timeout: float, batch_size: int) -> int:
    with engine.writing(timeout=timeout) as writer:
        # Read the queue only once we hold the lock, so the state we read is the newest.
        tasks = list(IndexTask.objects.order_by("pk")[:batch_size])
        if not tasks:
            return 0
        changed = {task.speech_id for task in tasks}
        writer.sync(changed)
        # The paragraph reuse index follows the same queue (it lives in the database, so it
        # needs no lock of its own; applying under the writer keeps one worker at a time).
        sync_reuse(changed)
    IndexTask.objects.filter(pk__in=[task.pk for task in tasks]).delete()
    return len(tasks)
