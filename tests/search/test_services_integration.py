"""The archive's write path (archive/services.py) keeps search in step, through the queue."""

import pytest
from django.urls import reverse

from archive import services
from archive.models import Speech
from tests.search.conftest import matching_ids


def _import(path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = list(services.speeches_import_file(filename=path.name, data=path.read_bytes()))
    assert [o.status for o in outcomes] == [services.STATUS_IMPORTED]
    return outcomes[0].speech


@pytest.mark.django_db
def test_imported_speech_is_searchable_in_both_scripts_and_leaves_on_delete(
    client, corpus_files, django_capture_on_commit_callbacks
):
    speech = _import(corpus_files[0], django_capture_on_commit_callbacks)
    assert "黨務工作" in speech.body
    assert matching_ids("党务工作") == {speech.pk}
    html = client.get(reverse("search:search"), {"q": "党务工作"}).content.decode()
    assert f'href="/speeches/{speech.pk}/?q=' in html
    assert "<mark>黨務工作</mark>" in html
    with django_capture_on_commit_callbacks(execute=True):
        services.speech_delete(speech=Speech.objects.get(pk=speech.pk))
    assert matching_ids("党务工作") == set()
