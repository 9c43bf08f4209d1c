"""What a reader sees on /search/: results, marks, filters, facets, timeline, paging."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.search.conftest import engine_module, make_speech


def _titles(response) -> list[str]:
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(r'<h2 class="result-title"><a [^>]*>(.*?)</a></h2>', html)
    ]


def get(client, **params):
    return client.get(reverse("search:search"), params)


def test_simplified_query_finds_traditional_speech_marked_in_its_own_script(client, small_archive):
    response = get(client, q="党务工作")
    html = response.content.decode()
    assert _titles(response) == ["縣委黨務工作大會發言"]
    assert "縣委<mark>黨務工作</mark>大會發言" in html
    assert "今天縣委<mark>黨務工作</mark>會議" in html


def test_traditional_query_finds_simplified_speech(client, small_archive):
    response = get(client, q="作風建設")
    assert _titles(response) == ["区委作风建设推进会讲话"]
    assert "<mark>作风建设</mark>永远在路上" in response.content.decode()


def test_result_links_to_the_section_where_the_hit_falls(client, small_archive):
    response = get(client, q="抓好工作落实 OR 工作落实")
    html = response.content.decode()
    speech = small_archive["simp"]
    assert f'href="/speeches/{speech.pk}/?q=' in html
    assert re.search(rf'href="/speeches/{speech.pk}/\?q=[^"#]+#s2">二、抓好落实</a>', html)


def test_every_hit_is_marked_and_speech_text_is_escaped(client, db):
    make_speech("危险<b>标题</b>", '开头<script>alert("x")</script>群众工作,再说群众工作。')
    html = get(client, q="群众工作").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "危险&lt;b&gt;标题&lt;/b&gt;" in html
    assert html.count("<mark>群众工作</mark>") == 2


@pytest.mark.parametrize(
    "query", ["*", "?", '"', "(", "\\", "😀", "a" * 2000, "群" * 2000, '"未闭合 -', "OR", "title:"]
)
def test_odd_queries_return_a_normal_page(client, small_archive, query):
    response = get(client, q=query)
    assert response.status_code == 200
    assert "没有找到" in response.content.decode() or _titles(response)


def test_query_syntax(client, small_archive):
    assert set(_titles(get(client, q="群众"))) == {
        "縣委黨務工作大會發言",
        "区委作风建设推进会讲话",
        "县政府全体会议讲话",
        "信访工作会议讲话",
    }
    assert set(_titles(get(client, q="群众 -信访"))) == {
        "縣委黨務工作大會發言",
        "区委作风建设推进会讲话",
        "县政府全体会议讲话",
    }
    assert set(_titles(get(client, q="安全生产 OR 信访"))) == {"没有日期的讲话", "信访工作会议讲话"}
    assert _titles(get(client, q="title:信访")) == ["信访工作会议讲话"]
    assert _titles(get(client, q="title:群众")) == []
    assert "县政府全体会议讲话" in _titles(get(client, q="群众 工作"))
    assert set(_titles(get(client, q='"群众 工作"'))) == {
        "縣委黨務工作大會發言",
        "信访工作会议讲话",
    }


def test_exact_phrase_ranks_above_scattered_words(client, small_archive):
    titles = _titles(get(client, q="群众 工作"))
    assert titles.index("縣委黨務工作大會發言") < titles.index("县政府全体会议讲话")


def test_ties_are_broken_by_newer_date(client, db):
    older = make_speech("讲话甲", "安全生产", date=datetime.date(2020, 1, 1))
    newer = make_speech("讲话乙", "安全生产", date=datetime.date(2024, 1, 1))
    assert _titles(get(client, q="安全生产")) == [newer.title, older.title]


def test_sort_newest_and_oldest(client, small_archive):
    newest = _titles(get(client, q="群众", sort="newest"))
    assert newest == [
        "县政府全体会议讲话",
        "区委作风建设推进会讲话",
        "縣委黨務工作大會發言",
        "信访工作会议讲话",
    ]
    assert _titles(get(client, q="群众", sort="oldest")) == newest[::-1]
    # Undated speeches come last both ways.
    assert _titles(get(client, sort="newest"))[-1] == "没有日期的讲话"
    assert _titles(get(client, sort="oldest"))[-1] == "没有日期的讲话"
    assert _titles(get(client, sort="oldest"))[0] == "信访工作会议讲话"


def test_filters_combine_with_query_and_with_empty_query(client, small_archive):
    assert _titles(get(client, q="群众", level="district", sort="newest")) == [
        "区委作风建设推进会讲话",
        "信访工作会议讲话",
    ]
    assert _titles(get(client, theme="party-building")) == [
        "縣委黨務工作大會發言",
        "信访工作会议讲话",
    ]
    assert _titles(get(client, year="2023")) == ["县政府全体会议讲话", "区委作风建设推进会讲话"]
    assert _titles(get(client, **{"from": "2022-02", "to": "2023-05-18"})) == [
        "区委作风建设推进会讲话",
        "縣委黨務工作大會發言",
    ]
    assert _titles(get(client, **{"from": "2023-05-19"})) == ["县政府全体会议讲话"]
    assert _titles(get(client, to="2021")) == ["信访工作会议讲话"]


def test_bad_date_is_reported_not_fatal(client, small_archive):
    response = get(client, **{"from": "2023-13"})
    assert response.status_code == 200
    assert "格式不对" in response.content.decode()
    assert len(_titles(response)) == 5


def test_facets_are_links_that_narrow_and_chips_remove_filters(client, small_archive):
    html = get(client, q="群众").content.decode()
    assert re.search(
        r'<a href="\?q=%E7%BE%A4%E4%BC%97&amp;level=district">区级</a> '
        r'<span class="count">2</span>',
        html,
    )
    assert re.search(
        r'<a href="[^"]*theme=party-building">党的建设</a> <span class="count">2</span>', html
    )
    assert re.search(r'<a href="[^"]*year=2023">2023年</a> <span class="count">2</span>', html)
    narrowed = get(client, q="群众", level="district", year="2023").content.decode()
    assert 'class="chip">层级:区级 <a href="?q=%E7%BE%A4%E4%BC%97&amp;year=2023"' in narrowed
    assert 'class="chip">年份:2023年 <a href="?q=%E7%BE%A4%E4%BC%97&amp;level=district"' in narrowed


def test_timeline_bars_link_to_years_then_months(client, small_archive):
    html = get(client, q="群众").content.decode()
    bars = re.findall(r'<a href="([^"]+)"><title>(\d+):(\d+) 篇</title>', html)
    assert [(label, int(count)) for _url, label, count in bars] == [
        ("2021", 1),
        ("2022", 1),
        ("2023", 2),
    ]
    assert bars[2][0] == "?q=%E7%BE%A4%E4%BC%97&amp;year=2023"
    html = get(client, q="群众", year="2023").content.decode()
    months = dict(re.findall(r"<title>(\d+)月:(\d+) 篇</title>", html))
    assert months["5"] == "1" and months["9"] == "1" and months["1"] == "0"
    assert "from=2023-09&amp;to=2023-09" in html


def test_pagination_keeps_state_in_the_query_string(client, db, monkeypatch):
    monkeypatch.setattr(engine_module(), "PAGE_SIZE", 2)
    for day in range(1, 6):
        make_speech(f"第{day}篇讲话", "安全生产", date=datetime.date(2022, 3, day), level="county")
    first = get(client, q="安全生产", level="county", sort="newest")
    html = first.content.decode()
    assert _titles(first) == ["第5篇讲话", "第4篇讲话"]
    assert "第 1 / 3 页" in html
    next_url = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    second = client.get(reverse("search:search") + next_url)
    assert _titles(second) == ["第3篇讲话", "第2篇讲话"]
    assert "level=county" in next_url and "sort=newest" in next_url
    assert _titles(get(client, q="安全生产", level="county", sort="newest", page="99")) == [
        "第1篇讲话"
    ]


def test_no_results_says_so_with_suggestions_and_the_filter_to_blame(client, small_archive):
    html = get(client, q="群众工做").content.decode()
    assert "没有找到包含“群众工做”的讲话" in html
    assert re.search(
        r'您是不是要找:<a href="\?q=%E7%BE%A4%E4%BC%97%E5%B7%A5%E4%BD%9C">群众工作</a>', html
    )
    html = get(client, q="信访", level="county").content.decode()
    assert "“层级”条件排除了 1 篇" in html
    assert '<a href="?q=%E4%BF%A1%E8%AE%BF">去掉层级条件</a>' in html


def test_pinyin_query_suggests_the_chinese_words(client, small_archive):
    html = get(client, q="qunzhong gongzuo").content.decode()
    assert ">群众工作</a>" in html


def test_same_pinyin_suggestion_two_characters_away(client, small_archive):
    html = get(client, q="群中工做").content.decode()
    assert "没有找到" in html
    assert ">群众工作</a>" in html


def test_two_snippets_never_repeat_the_same_text(client, db):
    filler = ["第{}项任务要抓紧推进按时完成。".format("一二三四五六七八九十"[i]) for i in range(10)]
    body = "".join(filler[:3]) + "做好群众工作" + "".join(filler[3:8]) + "群众工作要落实"
    make_speech("讲话", body + "".join(filler[8:]))
    html = get(client, q="群众工作").content.decode()
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', html)
    assert len(snippets) == 2
    first, second = (re.sub(r"<[^>]+>|…", "", s) for s in snippets)
    assert first[-10:] not in second
    assert all("<mark>群众工作</mark>" in s for s in snippets)


def test_date_chips_say_from_and_to_like_the_form(client, small_archive):
    page = get(client, q="群众", **{"from": "2022", "to": "2023-06"}).content.decode()
    assert 'class="chip">从:2022 <a' in page and 'class="chip">到:2023-06 <a' in page
    assert "起:" not in page and "止:" not in page
    assert "<label>从 <input" in page and "<label>到 <input" in page


def test_search_form_and_year_chart_share_the_site_look(client, small_archive):
    page = get(client, q="群众").content.decode()
    # The timeline is drawn as the home page's chart (site.css .bars .bar), not in its own blue.
    assert '<svg class="bars"' in page and 'class="bar' in page
    css = (settings.BASE_DIR / "static" / "css" / "search.css").read_text(encoding="utf-8")
    assert "#8fb3d9" not in css and "#2a6db0" not in css
    assert "fill:" not in css.split(".timeline rect", 1)[1].split("}", 1)[0]
    for selector in (".search-form input[type=text]", ".search-form button", ".search-help code"):
        assert selector in css, selector
