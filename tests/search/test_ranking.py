"""Relevance: title and heading matches weigh more than body text."""

import datetime

import pytest

from search.language.params import parse_params
from tests.search.conftest import make_speech, run_search

FILLER = "会议强调,各部门要统一思想,提高认识,扎实推进各项任务。"


def _order(q: str) -> list[int]:
    return [hit.speech_id for hit in run_search(parse_params({"q": q})).hits]


@pytest.mark.django_db
def test_title_beats_heading_beats_body():
    newer = datetime.date(2024, 1, 1)
    body_only = make_speech(
        "全县工作会议讲话", f"{FILLER}\n我们要做好防汛抗旱。\n{FILLER}", date=newer
    )
    in_heading = make_speech(
        "全县工作会议发言",
        f"{FILLER}\n一、做好防汛抗旱\n{FILLER}",
        date=datetime.date(2022, 1, 1),
        sections=[("一、", "做好防汛抗旱", 1)],
    )
    in_title = make_speech(
        "防汛抗旱工作会议讲话",
        f"{FILLER}\n我们要做好防汛抗旱。\n{FILLER}",
        date=datetime.date(2020, 1, 1),
    )
    assert _order("防汛抗旱") == [in_title.pk, in_heading.pk, body_only.pk]
