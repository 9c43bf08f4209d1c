"""Date filters: a speech whose date is unknown is outside every date range, and the past-the-
last page of a ranked search is the last page."""

import datetime

import pytest

from search.language.params import parse_params
from tests.search.conftest import make_speech, run_search


def _ids(**params) -> list[int]:
    return [hit.speech_id for hit in run_search(parse_params(params)).hits]


@pytest.mark.django_db
def test_an_undated_speech_is_outside_every_date_range(settings):
    settings.SEARCH_RESULT_CACHE = 0
    dated = make_speech("防汛会议讲话", "防汛抗旱。", date=datetime.date(2021, 5, 1))
    undated = make_speech("防汛工作讲话", "防汛抗旱。")
    assert sorted(_ids(q="防汛")) == sorted([dated.pk, undated.pk])
    assert _ids(q="防汛", to="2022") == [dated.pk]
    assert _ids(q="防汛", **{"from": "2020"}) == [dated.pk]
    assert _ids(q="防汛", year="2021") == [dated.pk]
    assert _ids(q="防汛", sort="oldest") == [dated.pk, undated.pk]  # undated last


@pytest.mark.django_db
def test_a_page_past_the_end_shows_the_last_page(settings):
    settings.SEARCH_RESULT_CACHE = 0
    made = [make_speech(f"第{n}篇防汛讲话", "防汛抗旱。", index=False) for n in range(23)]
    from search.upkeep.queue import schedule_index

    schedule_index([s.pk for s in made])
    last = run_search(parse_params({"q": "防汛", "page": "9"}))
    assert (last.page, last.pages, len(last.hits)) == (2, 2, 3)
    assert [h.speech_id for h in last.hits] == _ids(q="防汛", page="2")
