"""Review forms that do not match the batch: refused whole, with a message, nothing saved."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Speech
from archive.uploads.models import UploadBatch, UploadItem
from archive.uploads.views import ERROR_FORM_ROWS
from tests.uploads.test_upload_flow import review_data, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_batch(client, editor, corpus_sample):
    client.force_login(editor)
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in corpus_sample[:2]]
    upload(client, *files)
    batch = UploadBatch.objects.get()
    assert batch.state == UploadBatch.State.REVIEW and batch.items.count() == 2
    return batch


def test_one_extra_form_is_refused_and_nothing_is_saved(client, review_batch):
    data = review_data(review_batch, {1: {"title": "改过的标题"}, 2: {"title": "第二个标题"}})
    data.update({"form-TOTAL_FORMS": "3", "form-2-action": "import", "form-2-title": "多出的行"})
    response = client.post(reverse("uploads:import", args=[review_batch.pk]), data)
    assert response.status_code == 200
    assert ERROR_FORM_ROWS in response.content.decode()
    assert "改过的标题" not in UploadItem.objects.values_list("title", flat=True)
    assert UploadItem.objects.count() == 2
    review_batch.refresh_from_db()
    assert review_batch.state == UploadBatch.State.REVIEW
    assert not Speech.objects.exists()


def test_a_row_of_another_batch_is_refused(client, review_batch, corpus_sample):
    upload(client, SimpleUploadedFile(corpus_sample[2].name, corpus_sample[2].read_bytes()))
    other = UploadBatch.objects.exclude(pk=review_batch.pk).get()
    foreign = other.items.get()
    data = review_data(review_batch, {1: {"title": "改过的标题"}})
    data["form-1-id"] = foreign.pk
    data["form-1-title"] = "别的批次"
    response = client.post(reverse("uploads:import", args=[review_batch.pk]), data)
    assert response.status_code == 200
    assert not UploadItem.objects.filter(title__in=["改过的标题", "别的批次"]).exists()
    assert not Speech.objects.exists()
