"""The data folder or the database failing under a write or a read: a clear error, nothing
partial saved, and a friendly 503 instead of a traceback."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import OperationalError, connections

from archive.models import Section, Speech
from search.upkeep.queue import pending_count
from tests.reliability.harness import corpus_sentences, synthetic_speech
from tests.search.conftest import make_speech

DISK_FULL = "database or disk is full"


@pytest.fixture
def speech_files(tmp_path):
    sentences = corpus_sentences()
    folder = tmp_path / "in"
    folder.mkdir()
    for number in (1, 2):
        path = folder / f"speech_{number}.txt"
        path.write_text(synthetic_speech(number, sentences), encoding="utf-8")
    return folder


@pytest.fixture
def disk_full_on_sections(monkeypatch):
    """The database refuses the write half-way through a speech (after the speech row)."""

    def refuse(*args, **kwargs):
        raise OperationalError(DISK_FULL)

    monkeypatch.setattr(Section.objects, "bulk_create", refuse)


def test_import_when_the_database_cannot_be_written_reports_each_file_and_saves_nothing(
    db, speech_files, disk_full_on_sections
):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("import_speeches", str(speech_files), stdout=out, stderr=err)
    assert exit_status.value.code != 0
    report = out.getvalue()
    assert report.count("错误") == 2, report
    assert report.count("数据库无法写入,本篇没有保存") == 2, report
    assert Speech.objects.count() == 0
    assert Section.objects.count() == 0


def test_import_when_the_index_folder_cannot_be_written_saves_and_queues(
    db, speech_files, isolated_data_dir, django_capture_on_commit_callbacks
):
    # A regular file where the index folder should be: unwritable even for root.
    (isolated_data_dir / "whoosh_index").write_text("not a folder")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_speeches", str(speech_files), stdout=out, stderr=io.StringIO())
    assert Speech.objects.count() == 2
    assert all(s.sections.exists() for s in Speech.objects.all())
    assert pending_count() == 2


def login_editor(client):
    User.objects.create_superuser("boss", "b@example.com", "a-long-pass-1234")
    client.force_login(User.objects.get(username="boss"))


def test_upload_into_an_unwritable_data_folder_says_so_and_keeps_nothing(
    client, db, speech_files, settings, tmp_path
):
    from archive.uploads.models import UploadBatch

    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the uploads folder should be: unwritable even for root")
    settings.MEDIA_ROOT = blocker / "uploads"
    login_editor(client)
    client.raise_request_exception = False
    with (speech_files / "speech_1.txt").open("rb") as handle:
        response = client.post("/admin/upload/", {"files": [handle]}, follow=True)
    assert response.status_code in (200, 400, 503), response.status_code
    page = response.content.decode()
    assert "Traceback" not in page
    assert "无法" in page or "失败" in page
    assert Speech.objects.count() == 0
    assert not UploadBatch.objects.exists()


@pytest.fixture
def database_down(monkeypatch):
    def unavailable(*args, **kwargs):
        raise OperationalError("unable to open database file")

    def install():
        connection = connections["default"]
        monkeypatch.setattr(connection, "ensure_connection", unavailable)
        monkeypatch.setattr(connection, "cursor", unavailable)

    return install


def test_database_unavailable_gives_a_friendly_503(client, db, database_down, monkeypatch):
    speech = make_speech("群众工作会议讲话", "群众工作是基础。")
    client.raise_request_exception = False
    database_down()
    try:
        check_pages(client, speech)
    finally:
        monkeypatch.undo()  # the test database's teardown needs the connection back


def check_pages(client, speech) -> None:
    for url in ["/", f"/speeches/{speech.pk}/", "/speeches/", "/search/?q=群众"]:
        response = client.get(url)
        assert response.status_code == 503, (url, response.status_code)
        html = response.content.decode()
        assert "Traceback" not in html and "OperationalError" not in html, url
        assert "暂" in html or "稍后" in html, url
