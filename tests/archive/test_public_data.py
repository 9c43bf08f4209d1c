"""/data/: the whole public archive as a JSON Lines zip, rebuilt when the archive changed."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from archive import publicdata
from archive.models import Speech
from archive.tasks import refresh_public_data
from tests.search.conftest import make_speech


@pytest.fixture
def immediate_tasks():
    """huey in immediate mode: its in-memory storage (the task's lock) instead of the queue."""
    previous = HUEY.immediate
    HUEY.immediate = True
    yield
    HUEY.immediate = previous


def _records(content: bytes) -> list[dict]:
    with zipfile.ZipFile(io.BytesIO(content)) as bundle:
        text = bundle.read(publicdata.MEMBER_NAME).decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_data_page_before_and_after_the_first_build(client, db, immediate_tasks):
    make_speech("县委作风建设会议讲话", "要持续推进作风建设。", date=datetime.date(2023, 1, 5))
    make_speech("未公开的讲话", "草稿。", published=False)
    page = client.get("/data/").content.decode()
    assert (
        "正在生成" in page and client.get("/data/jianggaoku-speeches.jsonl.zip").status_code == 404
    )
    refresh_public_data.call_local()
    page = client.get("/data/").content.decode()
    download = publicdata.current()
    assert f"{download.size} 字节" in page and "1 篇" in page and "生成时间" in page
    response = client.get("/data/jianggaoku-speeches.jsonl.zip")
    records = _records(b"".join(response.streaming_content))
    assert [r["title"] for r in records] == ["县委作风建设会议讲话"]
    assert records[0]["body"] == "要持续推进作风建设。" and records[0]["date"] == "2023-01-05"
    assert records[0]["place"] is None and records[0]["speaker"] is None


def test_records_name_the_place_with_its_province_and_city(db):
    from archive.places import ensure_places

    ensure_places()
    speech = make_speech("河西区作风建设会议讲话", "要持续推进作风建设。")
    Speech.objects.filter(pk=speech.pk).update(place_id="120103", speaker="张某某")
    record = publicdata.public_record(Speech.objects.get(pk=speech.pk))
    assert record["place"]["code"] == "120103" and record["place"]["county"] == "河西区"
    assert record["place"]["province"] == "天津市" and record["speaker"] == "张某某"


def test_rebuilt_after_a_change_once_the_archive_is_quiet(db):
    make_speech("第一篇讲话", "正文一。")
    publicdata.build()
    assert not publicdata.needs_build()
    make_speech("第二篇讲话", "正文二。")
    now = timezone.now()
    assert not publicdata.needs_build(now)  # still changing: wait (debounce)
    assert publicdata.needs_build(now + publicdata.QUIET)
    publicdata.build()
    assert publicdata.current().speeches == Speech.objects.published().count() == 2
