"""What the upload permission does not give: overwriting speeches, or other people's batches."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from archive.models import Speech
from archive.uploads.forms import ERROR_REPLACE_PERMISSION
from archive.uploads.models import UploadBatch
from tests.uploads.test_upload_flow import review_data, upload

pytestmark = pytest.mark.django_db


def uploader(name: str) -> User:
    user = User.objects.create_user(name, password="讲稿库-测试口令", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="can_upload"))
    return user


@pytest.fixture
def existing(client, editor, corpus_sample):
    """A speech imported by the editor (who may change speeches) from the first sample."""
    client.force_login(editor)
    path = corpus_sample[0]
    upload(client, SimpleUploadedFile(path.name, path.read_bytes()))
    batch = UploadBatch.objects.get()
    client.post(reverse("uploads:import", args=[batch.pk]), review_data(batch), follow=True)
    client.logout()
    return Speech.objects.get()


def test_upload_permission_alone_cannot_replace_a_speech(existing, corpus_sample):
    client = Client()
    client.force_login(uploader("only-upload"))
    assert client.get(f"/admin/archive/speech/{existing.pk}/change/").status_code == 403
    path = corpus_sample[0]
    upload(client, SimpleUploadedFile(path.name, path.read_bytes()))
    batch = UploadBatch.objects.exclude(items__speech=existing).get()
    review = client.get(reverse("uploads:batch", args=[batch.pk])).content.decode()
    assert 'value="replace"' not in review
    data = review_data(batch, {1: {"action": "replace", "title": "被覆盖的标题"}})
    page = client.post(reverse("uploads:import", args=[batch.pk]), data)
    assert page.status_code == 200
    assert ERROR_REPLACE_PERMISSION in page.content.decode()
    existing.refresh_from_db()
    assert existing.title != "被覆盖的标题"
    assert Speech.objects.count() == 1


def test_an_uploader_cannot_open_or_rerun_another_uploaders_batch(existing):
    batch = UploadBatch.objects.get()
    client = Client()
    client.force_login(uploader("other"))
    href = f'href="{batch.get_absolute_url()}"'
    assert href not in client.get(reverse("uploads:upload")).content.decode()
    for url in (
        reverse("uploads:batch", args=[batch.pk]),
        reverse("uploads:progress", args=[batch.pk]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("uploads:import", args=[batch.pk]))
    assert response.status_code == 404
    assert href not in client.get("/admin/uploads/uploadbatch/").content.decode()


def test_superuser_sees_every_batch(existing):
    batch = UploadBatch.objects.get()
    client = Client()
    client.force_login(User.objects.create_superuser("root", password="讲稿库-测试口令"))
    assert client.get(reverse("uploads:batch", args=[batch.pk])).status_code == 200
    href = f'href="{batch.get_absolute_url()}"'
    assert href in client.get("/admin/uploads/uploadbatch/").content.decode()
    assert href in client.get(reverse("uploads:upload")).content.decode()
