"""Background work on huey (SqliteHuey under DATA_DIR by default, RedisHuey when REDIS_URL is
set; immediate mode runs them in the request, as in tests)."""

from __future__ import annotations

import logging

from django.conf import settings
from huey.contrib.djhuey import HUEY, db_task, on_startup

from archive.uploads import recovery, work
from archive.uploads.models import UploadBatch

logger = logging.getLogger(__name__)


@db_task()
def parse_batch(batch_id: int) -> None:
    work.parse_batch(batch_id)


@db_task()
def import_batch(batch_id: int) -> None:
    work.import_batch(batch_id)


def _queued_batch_ids() -> set[int]:
    """Batches with a parse or import task waiting in the queue (not yet taken by a worker)."""
    kinds = (parse_batch.task_class, import_batch.task_class)
    return {task.args[0] for task in HUEY.pending() if isinstance(task, kinds) and task.args}


def requeue_stalled(*, older_than: float, batch_ids=None) -> list[int]:
    """Queue again every batch in progress that has not moved for ``older_than`` seconds and
    has no task waiting; returns their ids."""
    candidates = recovery.stalled(older_than=older_than, batch_ids=batch_ids)
    if not candidates:
        return []
    queued = _queued_batch_ids()
    requeued = []
    for batch in candidates:
        if batch.pk in queued or not recovery.claim(batch):
            continue
        logger.warning("upload batch %s stalled while %s: queued again", batch.pk, batch.state)
        task = parse_batch if batch.state == UploadBatch.State.PARSING else import_batch
        task(batch.pk)
        requeued.append(batch.pk)
    return requeued


@on_startup()
def recover_on_start() -> None:
    """A consumer starting after a crash: apply index work an interrupted import left queued,
    then rerun the batches it was working on (a short grace leaves alone a batch whose task the
    web process is queueing right now)."""
    from search.upkeep.queue import apply_pending

    apply_pending()
    requeue_stalled(older_than=settings.UPLOAD_STARTUP_GRACE_SECONDS)
