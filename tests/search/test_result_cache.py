"""Repeated searches are answered from a cache that never outlives the index state."""

import pytest

from archive import services
from archive.models import Speech
from search.language.params import parse_params
from tests.search.conftest import make_speech, run_search


def _titles(q: str, **filters) -> list[str]:
    outcome = run_search(parse_params({"q": q, **filters}))
    titles = dict(Speech.objects.values_list("pk", "title"))
    return [titles[hit.speech_id] for hit in outcome.hits]


@pytest.mark.django_db
def test_a_new_edited_or_deleted_speech_shows_up_in_a_repeated_search(
    settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_RESULT_CACHE = 8
    first = make_speech("秸秆禁烧工作会议讲话", "要抓好秸秆禁烧。")
    assert _titles("秸秆禁烧") == ["秸秆禁烧工作会议讲话"]
    assert _titles("秸秆禁烧") == ["秸秆禁烧工作会议讲话"]  # the cached answer

    second = make_speech("全县秸秆禁烧推进会讲话", "秸秆禁烧是硬任务。")
    assert sorted(_titles("秸秆禁烧")) == sorted([first.title, second.title])

    second.title = "全县河道保洁推进会讲话"
    second.body = "今年改抓河道保洁,各乡镇要落实河长责任,确保河道干净整洁,让群众满意。"
    with django_capture_on_commit_callbacks(execute=True):
        services.speech_update(speech=second, body_changed=True)
    assert _titles("秸秆禁烧") == ["秸秆禁烧工作会议讲话"]
    assert _titles("河道保洁") == ["全县河道保洁推进会讲话"]

    with django_capture_on_commit_callbacks(execute=True):
        services.speech_delete(speech=first)
    assert _titles("秸秆禁烧") == []


@pytest.mark.django_db
def test_each_filter_and_page_is_its_own_entry(settings):
    settings.SEARCH_RESULT_CACHE = 8
    make_speech("县里的防汛会议讲话", "防汛抗旱。", level="county")
    make_speech("区里的防汛会议讲话", "防汛抗旱。", level="district")
    assert len(_titles("防汛")) == 2
    assert _titles("防汛", level="county") == ["县里的防汛会议讲话"]
    assert _titles("防汛", level="district") == ["区里的防汛会议讲话"]
    assert _titles("防汛", page="2") == _titles("防汛")  # past the last page: the last page
