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


# A batch waiting for review, written straight to the database (no parsing): one file with a
# long title, a full outline, warnings and removed page chrome; one that failed to parse.
LONG_TITLE = "在全县领导干部作风建设暨优化营商环境推进大会上的讲话(根据录音整理,有删节)"
OUTLINE = [
    *(f"{n}、第{n}部分的标题写得比较长的一段文字" for n in "一二三四五"),
    *(f"（{n}）小标题{n}" for n in "一二三四五六七八九十"),
]


@pytest.fixture
def review_batch(editor):
    from archive.uploads.models import UploadBatch, UploadItem

    batch = UploadBatch.objects.create(uploaded_by=editor, state=UploadBatch.State.REVIEW, total=2)
    UploadItem.objects.create(
        batch=batch,
        order=1,
        stored_path="uploads/1/001_讲话.docx",
        name="2023年讲话合集/县委书记在全县作风建设暨营商环境推进大会上的讲话.docx",
        title=LONG_TITLE,
        date="2023-04-17",
        level="county",
        meeting="全县领导干部作风建设暨优化营商环境推进大会",
        outline=OUTLINE,
        warnings=["正文含 13 处疑似乱码", "没有找到讲话日期"],
        removed=["首页 > 新闻中心 > 领导讲话", "打印本页 关闭窗口"],
    )
    UploadItem.objects.create(
        batch=batch,
        order=2,
        stored_path="uploads/1/002_损坏的文件.pdf",
        name=BROKEN_NAME,
        error="不是有效的 PDF 文件",
        action=UploadItem.Action.SKIP,
    )
    return batch
