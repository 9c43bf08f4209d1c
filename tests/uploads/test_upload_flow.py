"""Upload → review → import through the admin pages, as an editor sees it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from haystack.query import SearchQuerySet
from lxml import html

from archive.models import Speech
from archive.uploads.models import UploadBatch, UploadItem
from tests.uploads.conftest import BROKEN_NAME, make_zip

pytestmark = pytest.mark.django_db


def upload(client, *files):
    return client.post(reverse("uploads:upload"), {"files": list(files)}, follow=True)


def review_data(batch, changes=None):
    """The review form as the page renders it, with ``changes`` {order: {field: value}}."""
    data = {
        "form-TOTAL_FORMS": str(batch.items.count()),
        "form-INITIAL_FORMS": str(batch.items.count()),
    }
    for index, item in enumerate(batch.items.all()):
        row = {
            "id": item.pk,
            "action": item.action,
            "kind": item.kind,
            "title": item.title,
            "date": item.date.isoformat() if item.date else "",
            "level": item.level,
            "theme": item.theme,
            "meeting": item.meeting,
            **(changes or {}).get(item.order, {}),
        }
        data.update({f"form-{index}-{key}": value for key, value in row.items()})
    return data


def zip_upload(corpus):
    return SimpleUploadedFile("讲话.zip", make_zip(corpus), content_type="text/html")


def test_zip_with_broken_file_imports_the_rest_and_names_the_broken_one(
    client, editor, corpus_sample, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    review = upload(client, zip_upload(corpus_sample))
    assert review.status_code == 200
    page = review.content.decode()
    assert "核对上传" in page
    for path in corpus_sample:
        assert path.name in page
    assert BROKEN_NAME in page and "无法解析" in page

    batch = UploadBatch.objects.get()
    good = batch.items.filter(error="").order_by("order").first()
    with django_capture_on_commit_callbacks(execute=True):  # the index is updated on commit
        result = client.post(
            reverse("uploads:import", args=[batch.pk]),
            review_data(batch, {good.order: {"title": "编辑改过的标题"}}),
            follow=True,
        )
    text = result.content.decode()
    assert f"已导入({len(corpus_sample)})" in text
    assert "编辑改过的标题" in text
    assert "失败(1)" in text and BROKEN_NAME in text
    assert Speech.objects.count() == len(corpus_sample)
    assert set(batch.items.exclude(speech=None).values_list("speech", flat=True)) == set(
        Speech.objects.values_list("pk", flat=True)
    )
    assert SearchQuerySet().filter(content="编辑改过的标题").count() == 1


def test_rerunning_a_batch_imports_nothing_twice(client, editor, corpus_sample):
    client.force_login(editor)
    upload(client, zip_upload(corpus_sample[:2]))
    batch = UploadBatch.objects.get()
    client.post(reverse("uploads:import", args=[batch.pk]), review_data(batch), follow=True)
    assert Speech.objects.count() == 2
    again = client.post(reverse("uploads:import", args=[batch.pk]), follow=True)
    assert again.status_code == 200
    assert Speech.objects.count() == 2
    assert batch.items.filter(status=UploadItem.Status.IMPORTED).count() == 2


def test_duplicate_upload_is_caught_in_review_and_skipped(client, editor, corpus_sample):
    client.force_login(editor)
    path = corpus_sample[0]
    upload(client, SimpleUploadedFile(path.name, path.read_bytes()))
    first = UploadBatch.objects.get()
    client.post(reverse("uploads:import", args=[first.pk]), review_data(first), follow=True)
    speech = Speech.objects.get()

    review = upload(client, SimpleUploadedFile("副本-" + path.name, path.read_bytes()))
    assert f"与已有讲话 #{speech.pk} 完全相同" in review.content.decode()
    second = UploadBatch.objects.exclude(pk=first.pk).get()
    forced = review_data(second, {1: {"action": "import"}})
    result = client.post(reverse("uploads:import", args=[second.pk]), forced, follow=True)
    assert f"与已有讲话 #{speech.pk} 重复" in result.content.decode()
    assert Speech.objects.count() == 1


def test_file_whose_content_does_not_match_its_extension_is_refused(client, editor):
    client.force_login(editor)
    fake = SimpleUploadedFile(
        "讲话.docx", "同志们,这不是 Word 文件。".encode(), "application/msword"
    )
    page = upload(client, fake).content.decode()
    assert "文件内容与扩展名 .docx 不符" in page


def test_oversized_upload_gets_a_chinese_message(client, editor, settings):
    settings.INGEST_MAX_UPLOAD_BYTES = 1024
    client.force_login(editor)
    big = SimpleUploadedFile("大.txt", "同志们".encode() * 1000)
    page = upload(client, big).content.decode()
    assert "本次上传过大" in page and "每次上传上限" in page
    assert not UploadBatch.objects.exists()


def test_oversized_file_is_reported_per_file(client, editor, settings, corpus_sample):
    settings.INGEST_MAX_FILE_BYTES = 100
    client.force_login(editor)
    path = corpus_sample[0]
    page = upload(client, SimpleUploadedFile(path.name, path.read_bytes())).content.decode()
    assert "单个文件上限" in page


def test_progress_endpoint_reports_stored_progress(client, editor):
    client.force_login(editor)
    batch = UploadBatch.objects.create(
        uploaded_by=editor,
        state=UploadBatch.State.PARSING,
        total=4,
        done=1,
        activity="正在识别 扫描件.pdf:第 3/12 页",
    )
    data = client.get(reverse("uploads:progress", args=[batch.pk])).json()
    assert data == {
        "state": "parsing",
        "state_label": "正在解析",
        "done": 1,
        "total": 4,
        "percent": 25,
        "activity": "正在识别 扫描件.pdf:第 3/12 页",
    }
    page = client.get(reverse("uploads:batch", args=[batch.pk])).content.decode()
    assert "已处理 1 / 4" in page and "正在识别 扫描件.pdf:第 3/12 页" in page


def test_every_upload_is_recorded_with_uploader_and_files(client, editor, corpus_sample, settings):
    client.force_login(editor)
    path = corpus_sample[0]
    upload(client, SimpleUploadedFile("../../etc/" + path.name, path.read_bytes()))
    batch = UploadBatch.objects.get()
    stored = batch.files[0]
    assert stored["name"] == path.name  # directories stripped from the name
    assert (settings.MEDIA_ROOT / stored["path"]).read_bytes() == path.read_bytes()
    page = client.get(reverse("admin:uploads_uploadbatch_changelist")).content.decode()
    assert f"上传 #{batch.pk}" in page and "editor" in page
    assert reverse("uploads:upload") in page


def test_replace_choice_overwrites_the_existing_speech(client, editor, corpus_sample):
    client.force_login(editor)
    path = corpus_sample[0]
    upload(client, SimpleUploadedFile(path.name, path.read_bytes()))
    first = UploadBatch.objects.get()
    client.post(reverse("uploads:import", args=[first.pk]), review_data(first), follow=True)
    speech = Speech.objects.get()

    upload(client, SimpleUploadedFile(path.name, path.read_bytes()))
    second = UploadBatch.objects.exclude(pk=first.pk).get()
    data = review_data(second, {1: {"action": "replace", "title": "替换后的标题"}})
    page = client.post(reverse("uploads:import", args=[second.pk]), data, follow=True)
    assert "替换了已有讲话" in page.content.decode()
    assert list(Speech.objects.values_list("pk", "title")) == [(speech.pk, "替换后的标题")]


NEWS_REPORT = """县委常委会召开会议 研究部署春季防火工作
发布时间：2024-03-06 10:12:00  来源：县融媒体中心  浏览次数：128
本报讯（记者 王某）3月5日，县委书记李某主持召开县委常委会议，研究部署春季森林防火工作。
会议指出，春季是森林火灾高发期，各级各部门要充分认识防火工作的严峻形势。
会议强调，要压实责任，加强巡查，确保全县森林资源安全。李某强调，要把防火工作摆在突出位置。
"""


def test_a_news_report_is_recognised_skipped_by_default_and_imported_unpublished(client, editor):
    client.force_login(editor)
    page = upload(client, SimpleUploadedFile("防火.txt", NEWS_REPORT.encode())).content.decode()
    assert "看起来不是讲话稿,而是新闻报道" in page
    assert "去掉的网页杂项" in page and "浏览次数：128" in page  # what cleaning cut is shown
    batch = UploadBatch.objects.get()
    item = batch.items.get()
    assert (item.kind, item.action) == ("news", UploadItem.Action.SKIP)

    # The editor imports it anyway: it is kept unpublished, out of search and off the site.
    data = review_data(batch, {1: {"action": "import"}})
    client.post(reverse("uploads:import", args=[batch.pk]), data, follow=True)
    speech = Speech.objects.get()
    assert (speech.kind, speech.is_published) == ("news", False)
    assert client.get(speech.get_absolute_url()).status_code == 404


def test_the_editor_can_say_a_look_alike_is_a_speech(client, editor):
    client.force_login(editor)
    upload(client, SimpleUploadedFile("防火.txt", NEWS_REPORT.encode()))
    batch = UploadBatch.objects.get()
    data = review_data(batch, {1: {"action": "import", "kind": "speech"}})
    client.post(reverse("uploads:import", args=[batch.pk]), data, follow=True)
    speech = Speech.objects.get()
    assert (speech.kind, speech.is_published) == ("speech", True)


def failed_items(client, batch):
    """Imports ``batch`` as reviewed and returns the result page's failed list items."""
    url = reverse("uploads:import", args=[batch.pk])
    result = client.post(url, review_data(batch), follow=True)
    return html.fromstring(result.content.decode()).xpath("//ul[@class='result-failed']/li")


def test_the_failed_list_is_red_only_when_something_failed(client, editor, corpus_sample):
    client.force_login(editor)
    path = corpus_sample[0]
    upload(client, SimpleUploadedFile(path.name, path.read_bytes()))
    batch = UploadBatch.objects.get()
    failed = failed_items(client, batch)
    assert [(li.text_content(), li.get("class")) for li in failed] == [("无", None)]
    css = (settings.BASE_DIR / "static" / "css" / "upload.css").read_text(encoding="utf-8")
    red = [rule for rule in css.split("}") if "#ba2121" in rule]
    assert red and all(".result-failed li.failed" in rule for rule in red)

    broken = upload(client, zip_upload(corpus_sample[1:2]))
    assert broken.status_code == 200
    second = UploadBatch.objects.exclude(pk=batch.pk).get()
    failed = failed_items(client, second)
    assert [li.get("class") for li in failed] == ["failed"]


def test_image_whose_content_is_not_an_image_is_refused(client, editor):
    client.force_login(editor)
    fake = SimpleUploadedFile("讲话照片.jpg", "同志们,这不是照片。".encode(), "image/jpeg")
    page = upload(client, fake).content.decode()
    assert "文件内容与扩展名 .jpg 不符(实际不是 图片 文件)" in page
