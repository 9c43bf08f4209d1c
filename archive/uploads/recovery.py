"""Batches whose worker died: a batch parsing or importing that has not moved for a while and
has no task waiting in the queue is queued again (each step is safe to rerun, see work.py).

Checked when a consumer starts (``tasks.recover_on_start``: after a crash or a deploy) and when
someone looks at the batch (its page and the progress poll), so a batch never stays stuck
while anyone is waiting for it.
"""

from __future__ import annotations

import datetime

from django.db.models.functions import Coalesce
from django.utils import timezone

from archive.uploads.models import UploadBatch

IN_PROGRESS = (UploadBatch.State.PARSING, UploadBatch.State.IMPORTING)
MESSAGE_REQUEUED = "这个批次的后台处理中断了(处理进程可能已重启),已重新排队继续处理。"


def stalled(*, older_than: float, batch_ids=None) -> list[UploadBatch]:
    """Batches in progress whose last progress (or creation) is older than ``older_than`` s."""
    cutoff = timezone.now() - datetime.timedelta(seconds=older_than)
    batches = UploadBatch.objects.filter(state__in=IN_PROGRESS)
    if batch_ids is not None:
        batches = batches.filter(pk__in=batch_ids)
    return list(
        batches.annotate(last=Coalesce("progressed_at", "created_at")).filter(last__lte=cutoff)
    )


def claim(batch: UploadBatch) -> bool:
    """Mark ``batch`` as just moved, only if nobody else did since it was read: of two web
    workers (or consumer threads) finding the same stalled batch, one queues it again."""
    unchanged = UploadBatch.objects.filter(pk=batch.pk, state=batch.state)
    if batch.progressed_at is None:
        unchanged = unchanged.filter(progressed_at__isnull=True)
    else:
        unchanged = unchanged.filter(progressed_at=batch.progressed_at)
    return unchanged.update(progressed_at=timezone.now()) == 1
