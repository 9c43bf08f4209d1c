"""The fixed query mix, by class. Filters are query-string parameters of /search/."""

from __future__ import annotations

QUERY_MIX: dict[str, list[dict]] = {
    "single_char": [{"q": "党"}, {"q": "廉"}, {"q": "桥"}],
    "two_char_word": [{"q": "群众"}, {"q": "作风"}, {"q": "信访"}],
    "four_char_phrase": [{"q": "党风廉政"}, {"q": "安全生产"}, {"q": "密切联系"}],
    "cross_word": [{"q": "众工"}, {"q": "作风建"}, {"q": "部署今"}],
    "traditional": [{"q": "黨風廉政"}, {"q": "群眾"}, {"q": "縣委"}],
    "filtered": [
        {"q": "群众", "level": "county"},
        {"q": "作风", "year": "2020"},
        {"q": "党风廉政", "from": "2018-01-01", "to": "2019-12-31"},
        {"q": "工作", "level": "district", "year": "2022"},
    ],
    "browse": [{"level": "county"}, {"year": "2019"}, {"from": "2021-01-01", "to": "2021-06-30"}],
}


def all_queries() -> list[tuple[str, dict]]:
    return [(cls, params) for cls, items in QUERY_MIX.items() for params in items]
