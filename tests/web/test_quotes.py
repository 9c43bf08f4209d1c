"""Quote links: ?quote=pN:passage marks exactly that passage, in either script, without JS."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from archive.web.quotes import find_passage, parse_quote, quote_param, quote_url


def _marked(html: str) -> list[str]:
    return re.findall(r'<mark class="quote"(?: id="quote")?>(.*?)</mark>', html)


def test_parse_quote_reads_paragraph_and_folds_the_passage():
    quote = parse_quote("p3:群眾 工作")
    assert (quote.paragraph, quote.start, quote.end, quote.anchor) == (2, "群众工作", "", "p3")
    ends = parse_quote("p1:开头几个字…最后几个字")
    assert (ends.start, ends.end) == ("开头几个字", "最后几个字")
    for bad in ("", "3:abc", "p0:abc", "px:abc", "p2:", "p2:   "):
        assert parse_quote(bad) is None


def test_long_passages_are_linked_by_their_ends():
    passage = "一" * 30 + "二" * 30
    assert quote_param("p2", passage) == "p2:" + "一" * 24 + "…" + "二" * 24
    assert quote_param("p2", "短 句") == "p2:短句"
    assert (
        quote_url("/speeches/1/", "p2", "短句") == "/speeches/1/?quote=p2%3A%E7%9F%AD%E5%8F%A5#p2"
    )


def test_find_passage_runs_over_paragraphs_and_pieces():
    pieces = [["第一段。"], ["一、", "标题后的文字。"], ["第三段文字。"]]
    found = find_passage(pieces, parse_quote("p2:标题后的文字。第三段"))
    assert found == {(1, 1): [(0, 7)], (2, 0): [(0, 3)]}
    # The passage must start in the named paragraph.
    assert find_passage(pieces, parse_quote("p1:第三段")) == {}
    assert find_passage(pieces, parse_quote("p9:第三段")) == {}


def test_quote_link_marks_the_passage_and_survives_a_script_switch(client, speeches):
    district = speeches["district"]  # stored in traditional characters
    url = district.get_absolute_url()
    body = district.body.split("\n")
    index = next(i for i, p in enumerate(body) if p.startswith("群眾工作是一切"))
    anchor = f"p{index + 1}"
    # Made on the simplified page: found on the traditional one, and back.
    param = f"{anchor}:群众工作是一切工作的基础"
    page = client.get(url, {"quote": param}).content.decode()
    assert _marked(page) == ["群眾工作是一切工作的基礎"]
    assert 'id="quote"' in page and "已标出引用的段落" in page
    simplified = client.get(url, {"quote": param, "script": "hans"}).content.decode()
    assert _marked(simplified) == ["群众工作是一切工作的基础"]
    # The script switch keeps the quote and its paragraph.
    assert f"?script=hant&amp;quote={urlencode({'q': param})[2:]}#{anchor}" in simplified


def test_quote_over_two_paragraphs_by_its_ends(client, speeches):
    county = speeches["county"]
    paragraphs = county.body.split("\n")
    index = next(i for i, p in enumerate(paragraphs) if p.startswith("今天召开"))
    param = f"p{index + 1}:今天召开全县…各级领导干部必须高度重视"
    page = client.get(county.get_absolute_url(), {"quote": param}).content.decode()
    marked = _marked(page)
    assert marked[0] == paragraphs[index]
    last = next(p for p in paragraphs if p.startswith("作风建设关系"))
    assert marked[-1] == last.rstrip("。")
    assert "一、提高认识" in "".join(marked)  # the heading between them too
    assert "".join(marked).count("今天召开") == 1


def test_quote_not_found_says_so_and_escapes(client, speeches):
    hostile = speeches["hostile"]
    page = client.get(hostile.get_absolute_url(), {"quote": "p2:<script>不存在的话"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "没有找到链接所引用的文字" in html and _marked(html) == []
    assert "<script>不存在" not in html
    index = next(i for i, p in enumerate(hostile.body.split("\n")) if "<b>部署" in p)
    param = f"p{index + 1}:<b>部署</b>安全生产"
    found = client.get(hostile.get_absolute_url(), {"quote": param})
    assert _marked(found.content.decode()) == ["&lt;b&gt;部署&lt;/b&gt;安全生产"]
