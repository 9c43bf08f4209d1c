"""A batch whose worker died (simulated in-process: the import stops right after a speech was
saved, before its row was marked): viewing the batch queues it again, and the rerun finishes
without importing anything twice. The real SIGKILL of a consumer is in
tests/reliability/test_upload_worker_kill.py."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from archive.models import Speech
from archive.uploads import work
from archive.uploads.models import UploadBatch, UploadItem
from archive.uploads.recovery import MESSAGE_REQUEUED
from search.models import IndexTask
from tests.uploads.test_upload_flow import upload

pytestmark = pytest.mark.django_db(transaction=True)


class WorkerDied(BaseException):
    """Stands for SIGKILL: nothing after it runs, no handler catches it."""


@pytest.fixture
def interrupted(client, editor, corpus_sample, monkeypatch):
    client.force_login(editor)
    upload(client, *(SimpleUploadedFile(p.name, p.read_bytes()) for p in corpus_sample[:3]))
    batch = UploadBatch.objects.get()
    batch.items.update(action=UploadItem.Action.IMPORT)
    UploadBatch.objects.filter(pk=batch.pk).update(state=UploadBatch.State.IMPORTING)
    finish = work._finish

    def die_after_first_save(item, status, reason="", speech=None):
        if status == UploadItem.Status.IMPORTED and Speech.objects.count() == 2:
            raise WorkerDied
        finish(item, status, reason, speech)

    monkeypatch.setattr(work, "_finish", die_after_first_save)
    with pytest.raises(WorkerDied):
        work.import_batch(batch.pk)
    monkeypatch.setattr(work, "_finish", finish)
    assert Speech.objects.count() == 2
    assert batch.items.filter(status=UploadItem.Status.IMPORTED).count() == 1
    assert IndexTask.objects.exists()  # the deferred index work stayed queued
    return batch


def test_viewing_a_stalled_batch_requeues_it_and_nothing_is_doubled(client, interrupted, settings):
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.UPLOAD_STALL_SECONDS + 1)
    UploadBatch.objects.filter(pk=interrupted.pk).update(progressed_at=long_ago)

    page = client.get(reverse("uploads:batch", args=[interrupted.pk]), follow=True)
    assert MESSAGE_REQUEUED in page.content.decode()
    interrupted.refresh_from_db()
    assert interrupted.state == UploadBatch.State.DONE
    items = list(interrupted.items.all())
    assert [item.status for item in items] == [UploadItem.Status.IMPORTED] * 3
    assert len({item.speech_id for item in items}) == 3
    assert Speech.objects.count() == 3
    assert not IndexTask.objects.exists()
    api = client.get("/api/search/", {"q": ""}).json()
    assert api["count"] == 3


def test_a_batch_still_moving_is_left_alone(client, interrupted):
    UploadBatch.objects.filter(pk=interrupted.pk).update(progressed_at=timezone.now())
    page = client.get(reverse("uploads:batch", args=[interrupted.pk]))
    assert MESSAGE_REQUEUED not in page.content.decode()
    interrupted.refresh_from_db()
    assert interrupted.state == UploadBatch.State.IMPORTING
    assert Speech.objects.count() == 2
