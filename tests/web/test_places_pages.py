"""Place and speaker pages, the place feed, the sitemap and the search page's place filter, on
speeches imported through the one write path."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.web.conftest import import_text

HEXI = """在全区作风建设大会上的讲话
天津市河西区委书记张明
（2023年4月10日）
同志们:
今天召开全区作风建设大会,部署河西区作风建设工作,构建和谐河西。各级干部要转变作风、真抓实干。
一、提高认识
作风建设关系全区发展大局,各级领导干部必须高度重视,坚决反对形式主义。
"""

NANKAI = """在南开区人民政府全体会议上的讲话
（2021年2月3日）
同志们:
今天召开南开区人民政府全体会议,总结去年工作,部署今年任务,建设新南开。全区上下要团结一致。
一、回顾去年工作
去年全区经济平稳增长,民生持续改善。
"""

YINTAI = """政府工作报告
2022年1月5日在铜川市印台区第十八届人民代表大会第一次会议上
印台区人民政府区长王九鸣
各位代表:
现在,我代表区人民政府向大会报告工作,请予审议。
一、过去一年工作回顾
过去一年,我们坚持稳中求进,全区经济社会持续健康发展。
"""


@pytest.fixture
def placed(transactional_db):
    return {
        "hexi": import_text(HEXI, "hexi.txt"),
        "nankai": import_text(NANKAI, "nankai.txt"),
        "yintai": import_text(YINTAI, "yintai.txt"),
    }


def test_import_sets_place_speaker_and_level(client, placed):
    hexi = placed["hexi"]
    assert (hexi.place.code, hexi.place_name, hexi.level) == ("120103", "河西区", "district")
    assert (hexi.speaker, hexi.speaker_role) == ("张明", "区委书记")
    assert hexi.speaker_entry.place == hexi.place
    assert placed["yintai"].place.full_name == "陕西省铜川市印台区"
    html = client.get(hexi.get_absolute_url()).content.decode()
    assert '<dt>地方</dt><dd><a href="/places/120103/">天津市河西区</a>' in html
    assert f'区委书记 <a href="/speakers/{hexi.speaker_entry_id}/">张明</a>' in html
    data = client.get(f"/api/speeches/{hexi.pk}/").json()
    assert data["place"] == {
        "code": "120103",
        "name": "河西区",
        "full_name": "天津市河西区",
        "url": "/places/120103/",
    }
    assert (data["speaker"], data["speaker_role"]) == ("张明", "区委书记")


def test_places_index_lists_provinces_with_counts_and_a_map(client, placed):
    html = client.get(reverse("archive:place_index")).content.decode()
    assert '天津市</a> <span class="count">2 篇' in html
    assert '陕西省</a> <span class="count">1 篇' in html
    assert '<svg role="img"' in html and "天津市:2 篇" in html  # the tile map
    assert "<table>" in html  # the table beside it


def test_place_page_drills_down_and_shows_roles_speakers_words(client, placed):
    html = client.get(reverse("archive:place_detail", args=["120000"])).content.decode()
    assert '河西区</a> <span class="count">1 篇' in html
    assert '南开区</a> <span class="count">1 篇' in html
    assert "2023年" in html and "2021年" in html
    assert "区委书记" in html and "张明" in html
    assert "在全区作风建设大会上的讲话" in html
    county = client.get(reverse("archive:place_detail", args=["120103"])).content.decode()
    assert '全国</a> › <a href="/places/120000/">天津市</a>' in county
    assert "在南开区人民政府全体会议上的讲话" not in county
    assert client.get(reverse("archive:place_detail", args=["999999"])).status_code == 404


def test_speaker_page_and_place_feed_and_sitemap(client, placed):
    speaker = placed["yintai"].speaker_entry
    html = client.get(reverse("archive:speaker_detail", args=[speaker.pk])).content.decode()
    assert "王九鸣" in html and "区长" in html and "陕西省铜川市印台区" in html
    feed = client.get(reverse("archive:place_feed", args=["120000"])).content.decode()
    assert "在全区作风建设大会上的讲话" in feed and "政府工作报告" not in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/places/120103/" in sitemap and "/places/120000/" in sitemap
    assert f"/speakers/{speaker.pk}/" in sitemap


def test_search_page_filters_by_place_with_a_chip_and_a_breadcrumb(client, placed):
    html = client.get(reverse("search:search"), {"place": "120000"}).content.decode()
    assert "地方:天津市" in html
    assert "在全区作风建设大会上的讲话" in html and "政府工作报告" not in html
    assert '>河西区</a> <span class="count">1</span>' in html  # the facet's next level
    bad = client.get(reverse("search:search"), {"place": "河西"}).content.decode()
    assert "不是六位行政区划代码" in bad


def test_distinctive_words_are_more_common_in_the_place(placed):
    from archive.models import Speech
    from archive.web.places import DISTINCTIVE_MIN_RATIO, distinctive_words

    words = distinctive_words(Speech.objects.filter(place__code="610203"))
    assert words and all(ratio >= DISTINCTIVE_MIN_RATIO for _word, ratio in words)
    tianjin_keywords = {
        word for s in Speech.objects.filter(place__code__startswith="12") for word in s.keywords
    }
    shaanxi_only = [word for word, _ratio in words if word not in tianjin_keywords]
    assert shaanxi_only == [word for word, _ratio in words]


def _queries(client, url: str) -> tuple[int, str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response.content.decode()


def test_place_pages_read_the_places_in_a_few_queries_however_many_have_speeches(client, placed):
    """/places/ and a place's page count every place with speeches up its tree: the queries
    must not grow with the number of those places (one per place was thousands at scale)."""
    from archive.models import Place, Speech

    before = {url: _queries(client, url)[0] for url in ("/places/", "/places/120000/")}
    for county in Place.objects.filter(parent__code="610900").order_by("code")[:5]:
        speech = import_text(NANKAI.replace("南开区", county.name), f"{county.code}.txt")
        Speech.objects.filter(pk=speech.pk).update(place=county)
    after_index, html = _queries(client, "/places/")
    assert '<a href="/places/610000/">陕西省</a> <span class="count">6 篇</span>' in html
    after_detail, _html = _queries(client, "/places/120000/")
    assert (after_index, after_detail) == (before["/places/"], before["/places/120000/"])


def test_missing_places_speakers_and_speeches_say_what_is_missing(client, placed):
    """A 404 names what the link asked for, in Chinese, with the reader's input escaped."""
    hexi = placed["hexi"]
    cases = {
        "/places/abc/": "地方代码“abc”不对:应是六位行政区划代码,如 120103。",
        "/places/999999/": "没有代码为 999999 的地方。",
        "/places/999999/feed/": "没有代码为 999999 的地方。",
        "/places/%3Cscript%3E/": "地方代码“&lt;script&gt;”不对",
        "/speakers/999999/": "没有编号为 999999 的讲话人。",
        f"/compare/{hexi.pk}/999999/": "没有编号为 999999 的公开讲话。",
        "/compare/999998/999999/": "没有编号为 999998 的公开讲话。",
        f"/passages/{hexi.pk}/p999/": f"讲话 {hexi.pk} 没有第 999 段。",
        f"/passages/{hexi.pk}/x/": f"讲话 {hexi.pk} 没有第 x 段。",
    }
    for url, message in cases.items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 404, url
        assert message in html, (url, html)
        assert "<script>" not in html.split("<main", 1)[-1], url
