"""Upload fixtures: huey in immediate mode, an editor with can_upload, zips of the corpus."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.contrib.auth.models import Permission, User
from huey.contrib.djhuey import HUEY

BROKEN_NAME = "损坏的文件.pdf"
BROKEN_BYTES = b"%PDF-1.4\nthis is not really a pdf\n"


@pytest.fixture(autouse=True)
def immediate_tasks():
    previous = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = previous


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="讲稿库-测试口令", is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="can_upload"),
        *Permission.objects.filter(content_type__app_label="archive"),
    )
    return user


def make_zip(files, *, broken: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.writestr(path.name, path.read_bytes())
        if broken:
            archive.writestr(BROKEN_NAME, BROKEN_BYTES)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def corpus_sample(corpus_files):
    return corpus_files[:4]
