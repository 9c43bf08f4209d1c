"""Every reading and browsing URL as a visitor (or a machine) sees it."""

from __future__ import annotations

import io

import pytest
import segno
from docx import Document
from lxml import etree, html

from archive import services
from archive.models import Speech, Theme
from tests.web.conftest import COUNTY, import_text

pytestmark = pytest.mark.django_db(transaction=True)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response


def tree(response):
    return html.fromstring(response.content.decode())


def test_home_shows_search_latest_and_counts(client, speeches):
    doc = tree(page(client, "/"))
    assert doc.xpath("//form[@action='/search/']//input[@name='q']")
    titles = doc.xpath("//section[@class='home-latest']//a[@class='speech-card-title']/text()")
    assert "在全县领导干部作风建设会议上的讲话" in titles
    counts = " ".join(doc.xpath("//aside[@class='home-counts']//text()"))
    assert "县级" in counts and "区级" in counts


def test_speech_page_has_outline_links_to_existing_anchors(client, speeches):
    speech = speeches["county"]
    doc = tree(page(client, f"/speeches/{speech.pk}/"))
    assert doc.xpath("string(//h1)") == speech.title
    hrefs = doc.xpath("//nav[@class='toc']//a/@href")
    assert hrefs == ["#s1", "#s1-1", "#s1-2", "#s2"]
    ids = set(doc.xpath("//@id"))
    assert {h[1:] for h in hrefs} <= ids
    paragraph_count = len(speech.paragraphs)
    assert {f"p{i}" for i in range(1, paragraph_count + 1)} <= ids
    assert doc.xpath("string(//*[@id='s1'])").startswith("一、提高认识")
    assert doc.xpath("//strong[@class='inline-heading depth-2' and @id='s1-1']")
    assert doc.xpath("//link[@rel='canonical']/@href") == [
        f"http://testserver/speeches/{speech.pk}/"
    ]
    assert doc.xpath("//meta[@property='og:title']/@content") == [speech.title]


def test_any_slug_redirects_to_the_canonical_url(client, speeches):
    pk = speeches["county"].pk
    response = page(client, f"/speeches/{pk}/some-old-slug/", status=301)
    assert response["Location"] == f"/speeches/{pk}/"


def test_unknown_and_draft_speeches_are_friendly_404s(client, speeches):
    assert "找不到这个页面" in page(client, "/speeches/999999/", 404).content.decode()
    services.speeches_set_published(speeches=[speeches["county"]], published=False)
    page(client, f"/speeches/{speeches['county'].pk}/", 404)
    listed = page(client, "/speeches/").content.decode()
    assert speeches["county"].title not in listed


def test_query_marks_hits_in_the_other_script(client, speeches):
    pk = speeches["district"].pk
    doc = tree(page(client, f"/speeches/{pk}/?q=领导干部"))
    marks = doc.xpath("//div[@class='speech-body']//mark/text()")
    assert marks and set(marks) == {"領導幹部"}


def test_script_switch_in_url_and_cookie(client, speeches):
    pk = speeches["district"].pk
    response = page(client, f"/speeches/{pk}/?script=hans")
    assert "群众工作" in tree(response).xpath("string(//h1)")
    assert response.cookies["script"].value == "hans"
    again = page(client, f"/speeches/{pk}/")  # the cookie keeps the choice
    assert "群众工作" in tree(again).xpath("string(//h1)")
    county = speeches["county"].pk
    assert "領導" in tree(page(client, f"/speeches/{county}/?script=hant")).xpath("string(//h1)")


def test_downloads_are_valid_text_and_word(client, speeches):
    speech = speeches["county"]
    text = page(client, f"/speeches/{speech.pk}/download.txt")
    assert text["Content-Type"] == "text/plain; charset=utf-8"
    decoded = text.content.decode("utf-8")
    assert decoded.startswith(speech.title) and "一、提高认识" in decoded
    word = page(client, f"/speeches/{speech.pk}/download.docx")
    document = Document(io.BytesIO(word.content))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "一、提高认识") in headings
    assert ("Heading 2", "（一）统一思想。") in headings  # the run-in heading with its 。


def test_qr_code_encodes_the_canonical_url(client, speeches):
    pk = speeches["county"].pk
    response = page(client, f"/speeches/{pk}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    svg = etree.fromstring(response.content)
    assert svg.tag.endswith("svg")
    # No QR decoder is installed here: compare with segno's own encoding of the canonical URL.
    expected = segno.make(f"http://testserver/speeches/{pk}/", error="m")
    buffer = io.BytesIO()
    expected.save(buffer, kind="svg", scale=4, border=2, xmldecl=True)
    assert response.content == buffer.getvalue()


def test_speech_api(client, speeches):
    speech = speeches["county"]
    data = page(client, f"/api/speeches/{speech.pk}/").json()
    assert data["title"] == speech.title and data["level"] == "county"
    assert data["date"] == "2023-04-10"
    assert [s["anchor"] for s in data["sections"]] == ["s1", "s1-1", "s1-2", "s2"]
    assert isinstance(data["related"], list)


def test_browsing_pages(client, speeches):
    assert (
        "在全區群眾工作會議上的講話" in page(client, "/speeches/?level=district").content.decode()
    )
    county_only = page(client, "/speeches/?level=county").content.decode()
    assert "在全區群眾工作會議上的講話" not in county_only
    assert (
        "在全县领导干部作风建设会议上的讲话"
        in page(client, "/speeches/?from=2023-04&to=2023").content.decode()
    )
    assert "在全县领导干部" not in page(client, "/speeches/?year=2022").content.decode()
    year = page(client, "/dates/2023/").content.decode()
    assert 'href="/dates/2023/04/"' in year
    month = tree(page(client, "/dates/2023/04/"))
    assert month.xpath("//td[@class='has']/text()") == ["10"]
    page(client, "/dates/2023/13/", 404)
    themes = page(client, "/themes/").content.decode()
    assert "作风建设" in themes
    slug = speeches["county"].theme.slug
    assert speeches["county"].title in page(client, f"/themes/{slug}/").content.decode()
    page(client, "/themes/no-such-theme/", 404)
    assert speeches["district"].title in page(client, "/levels/district/").content.decode()
    page(client, "/levels/province/", 404)


def test_feed_sitemap_robots(client, speeches):
    feed = etree.fromstring(page(client, "/feeds/latest/").content)
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.text for e in feed.iter(f"{atom}title")]
    assert "在全县领导干部作风建设会议上的讲话" in titles
    sitemap = etree.fromstring(page(client, "/sitemap.xml").content)
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"http://testserver/speeches/{speeches['county'].pk}/" in locs
    robots = page(client, "/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/speeches/",
        "/speeches/{pk}/",
        "/speeches/{pk}/?q=安全生产",
        "/levels/county/",
        "/dates/2024/",
        "/dates/2024/01/",
        "/api/speeches/{pk}/",
        "/feeds/latest/",
    ],
)
def test_markup_in_a_speech_is_shown_as_text(client, speeches, url):
    pk = speeches["hostile"].pk
    response = page(client, url.format(pk=pk))
    if url.startswith("/api/"):  # JSON carries the text as a plain string, never as HTML
        assert response["Content-Type"] == "application/json"
        assert "<script>alert(1)</script>" in response.json()["title"]
        return
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;alert(" in content


def test_dates_lists_years_with_counts_and_year_pages_skip_empty_years(client, speeches):
    import_text(COUNTY.replace("2023年4月10日", "2019年6月1日").replace("作风", "纪律"), "2019.txt")
    home = tree(page(client, "/"))
    assert home.xpath("//nav[@class='site-nav']//a[text()='按日期']/@href") == ["/dates/"]
    # The tools are one click from every page: trends, the draft check, the bulk download.
    nav = {a.text: a.get("href") for a in home.xpath("//nav[@class='site-nav']//a")}
    assert nav["趋势"] == "/trends/" and nav["查重"] == "/check/"
    for target in ("/trends/", "/check/", *home.xpath("//footer//a[text()='全库数据下载']/@href")):
        assert client.get(target).status_code == 200, target
    dates = tree(page(client, "/dates/"))
    rows = [
        " ".join(li.text_content().split()) for li in dates.xpath("//ul[@class='year-list']/li")
    ]
    assert rows == ["2024年 1 篇", "2023年 1 篇", "2022年 1 篇", "2019年 1 篇"]
    # 2019 → 2022: the years between have nothing, so the links jump over them.
    neighbours = tree(page(client, "/dates/2022/")).xpath("//nav[@class='neighbours']//a/@href")
    assert neighbours == ["/dates/2019/", "/dates/", "/dates/2023/"]
    first = tree(page(client, "/dates/2019/")).xpath("//nav[@class='neighbours']//a/@href")
    assert first == ["/dates/", "/dates/2022/"]
    last = tree(page(client, "/dates/2024/")).xpath("//nav[@class='neighbours']//a/@href")
    assert last == ["/dates/2023/", "/dates/"]


def test_source_is_shown_only_when_it_is_the_original_address(client, speeches):
    speech = speeches["county"]
    assert speech.source == "county.txt"
    doc = tree(page(client, f"/speeches/{speech.pk}/"))
    assert doc.xpath("//dl[@class='speech-meta']//dt[text()='来源']") == []
    assert "county.txt" not in doc.text_content()
    original = "https://www.example.gov.cn/zwgk/2023/0410/speech.html"
    Speech.objects.filter(pk=speech.pk).update(source=original)
    doc = tree(page(client, f"/speeches/{speech.pk}/"))
    assert doc.xpath("//dd[@class='source']/a/@href") == [original]
    Speech.objects.filter(pk=speech.pk).update(source="javascript:alert(1)")
    doc = tree(page(client, f"/speeches/{speech.pk}/"))
    assert doc.xpath("//dd[@class='source']") == []


def test_finishing_touches(client, speeches, settings):
    Theme.objects.create(name="空主题", slug="empty-theme", keywords="空")
    themes = tree(page(client, "/themes/"))
    [empty] = [
        li for li in themes.xpath("//ul[@class='theme-list']/li") if "空主题" in li.text_content()
    ]
    assert "0 篇" in empty.text_content() and empty.xpath(".//a") == []
    assert themes.xpath("//ul[@class='theme-list']/li/a[text()='作风建设']")

    # The previous/next speech links at the bottom say what they are.
    later = import_text(COUNTY.replace("2023-04-10", "2023-09-01").replace("作风", "纪律"), "b.txt")
    doc = tree(page(client, f"/speeches/{speeches['county'].pk}/"))
    [following] = doc.xpath("//nav[@class='neighbours']/a[@rel='next']")
    assert following.xpath("string(span[@class='neighbour-label'])").startswith("下一篇")
    assert later.title in following.text_content()
    back = tree(page(client, f"/speeches/{later.pk}/")).xpath("//nav[@class='neighbours']/a")
    assert back[0].xpath("string(span)").startswith("← 上一篇")

    # A favicon, linked from every page and answering at the old address too.
    [icon] = doc.xpath("//link[@rel='icon']/@href")
    assert icon.endswith("favicon.svg")
    assert client.get(icon).status_code == 200
    assert client.get("/favicon.ico").status_code == 301

    # The search-hit bar's buttons are styled and its links never break inside a word.
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert ".hit-nav button {" in css and "white-space: nowrap" in css.split(".hit-nav a", 1)[1]


def test_damaged_text_is_announced_and_marked(client, speeches):
    damaged = COUNTY.replace("各级领导干部必须高度重视", "各级领导干部必须锟斤拷高度重视").replace(
        "作风", "纪律"
    )
    speech = import_text(damaged, "damaged.txt")
    assert any("乱码" in warning for warning in speech.warnings)
    assert speech.is_published, "published: the page must say what is wrong"
    doc = tree(page(client, f"/speeches/{speech.pk}/?q=领导干部"))
    assert "原文有损坏的段落" in doc.xpath("string(//p[@class='damaged-note'])")
    assert doc.xpath("//div[@class='speech-body']//span[@class='damaged']/text()") == ["锟斤拷"]
    assert doc.xpath("//div[@class='speech-body']//mark/text()")  # search hits still marked
    hant = tree(page(client, f"/speeches/{speech.pk}/?script=hant"))
    assert hant.xpath("//div[@class='speech-body']//span[@class='damaged']/text()") == ["錕斤拷"]
    clean = tree(page(client, f"/speeches/{speeches['county'].pk}/"))
    assert clean.xpath("//p[@class='damaged-note']") == []
    assert clean.xpath("//span[@class='damaged']") == []
