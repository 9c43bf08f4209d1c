"""Editing in the admin keeps the search index in step; bulk actions and theme merge."""

from __future__ import annotations

import pytest
from django.urls import reverse
from haystack.query import SearchQuerySet

from archive import services
from archive.ingest import parse_document
from archive.models import Speech, Theme

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def speech(corpus_sample):
    path = corpus_sample[0]
    parsed = parse_document(path.name, path.read_bytes())
    return services.speech_import(parsed=parsed).speech


def hits(word: str) -> list[int]:
    return [int(result.pk) for result in SearchQuerySet().filter(content=word)]


def change_data(speech, **changes) -> dict:
    data = {
        "title": speech.title,
        "kind": speech.kind,
        "date": speech.date.isoformat() if speech.date else "",
        "level": speech.level,
        "theme": speech.theme_id or "",
        "is_published": "on" if speech.is_published else "",
        "meeting": speech.meeting,
        "speaker_role": speech.speaker_role,
        "keywords": '["关键"]',
        "body": speech.body,
        "source": speech.source,
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_editing_the_body_reparses_and_reindexes(client, editor, speech):
    client.force_login(editor)
    body = (
        speech.body + "\n一、独角兽检验段落\n我们要认真落实独角兽检验工作的各项要求,确保取得实效。"
    )
    url = reverse("admin:archive_speech_change", args=[speech.pk])
    response = client.post(url, change_data(speech, body=body))
    assert response.status_code == 302, response.content.decode()[:2000]
    speech.refresh_from_db()
    assert "独角兽检验段落" in [section.heading for section in speech.sections.all()]
    assert hits("独角兽检验") == [speech.pk]


def test_draft_leaves_search_and_delete_removes_it(client, editor, speech):
    client.force_login(editor)
    word = speech.title[:4]
    assert speech.pk in hits(word)
    url = reverse("admin:archive_speech_changelist")
    client.post(url, {"action": "unpublish", "_selected_action": [speech.pk]})
    assert speech.pk not in hits(word)
    client.post(url, {"action": "publish", "_selected_action": [speech.pk]})
    assert speech.pk in hits(word)
    delete = reverse("admin:archive_speech_delete", args=[speech.pk])
    client.post(delete, {"post": "yes"})
    assert not Speech.objects.exists()
    assert speech.pk not in hits(word)


def test_set_theme_and_merge_themes(client, editor, speech):
    client.force_login(editor)
    target = Theme.objects.create(name="测试主题", slug="ceshi", keywords="独角兽")
    other = Theme.objects.create(name="另一个", slug="ling", keywords="麒麟")
    url = reverse("admin:archive_speech_changelist")
    client.post(url, {"action": "set_theme", "theme": other.pk, "_selected_action": [speech.pk]})
    speech.refresh_from_db()
    assert speech.theme == other
    themes = reverse("admin:archive_theme_changelist")
    client.post(themes, {"action": "merge", "into": target.pk, "_selected_action": [other.pk]})
    speech.refresh_from_db()
    assert speech.theme == target
    assert not Theme.objects.filter(pk=other.pk).exists()
    assert "麒麟" in Theme.objects.get(pk=target.pk).keyword_list()


def test_speech_page_links_to_its_upload_and_shows_raw_text(client, editor, corpus_sample):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from archive.uploads.models import UploadBatch

    client.force_login(editor)
    path = corpus_sample[1]
    client.post(
        reverse("uploads:upload"), {"files": [SimpleUploadedFile(path.name, path.read_bytes())]}
    )
    batch = UploadBatch.objects.get()
    item = batch.items.get()
    client.post(
        reverse("uploads:import", args=[batch.pk]),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": item.pk,
            "form-0-action": "import",
            "form-0-kind": item.kind,
            "form-0-title": item.title,
        },
    )
    item.refresh_from_db()
    page = client.get(reverse("admin:archive_speech_change", args=[item.speech_id])).content
    text = page.decode()
    assert f"上传 #{batch.pk}" in text and path.name in text
    # What cleaning cut from the page is listed on the speech's admin page.
    speech = item.speech
    assert speech.removed_lines and all(line in text for line in speech.removed_lines)
    assert "原始文本" in text
