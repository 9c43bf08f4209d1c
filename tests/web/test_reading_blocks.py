"""archive/web/reading.py on plain data: headings, paragraphs, scripts, outline nesting."""

from __future__ import annotations

from types import SimpleNamespace as Section

from archive.web.reading import (
    body_blocks,
    convert_script,
    opening,
    outline_tree,
    reading_minutes,
)

BODY = "同志们：\n一、提高认识\n（一）统一思想。要把思想统一起来。\n二、狠抓落实"
SECTIONS = [
    Section(number="一、", heading="提高认识", anchor="s1", depth=1, paragraph=1),
    Section(number="（一）", heading="统一思想", anchor="s1-1", depth=2, paragraph=2),
    Section(number="二、", heading="狠抓落实", anchor="s2", depth=1, paragraph=3),
]


def test_a_heading_alone_on_its_line_is_a_heading_and_an_opening_sentence_is_inline():
    blocks = body_blocks(BODY, SECTIONS)
    assert [b.paragraph_id for b in blocks] == ["p1", "p2", "p3", "p4"]
    assert blocks[0].heading_html is None and blocks[0].text_html == "同志们："
    assert blocks[1].standalone and blocks[1].heading_tag == "h2"
    assert blocks[1].heading_html == "一、提高认识" and blocks[1].anchor == "s1"
    assert not blocks[2].standalone
    assert (
        blocks[2].heading_html == "（一）统一思想" and blocks[2].text_html == "。要把思想统一起来。"
    )


def test_text_is_escaped_and_hits_are_marked_in_the_other_script():
    body = "領導<b>幹部</b>要重視"
    [block] = body_blocks(body, [])
    assert block.text_html == "領導&lt;b&gt;幹部&lt;/b&gt;要重視"
    [marked] = body_blocks(body, [], q="领导")
    assert marked.text_html.startswith("<mark>領導</mark>&lt;b&gt;")


def test_display_script_switch_both_ways():
    assert convert_script("黨務工作", "hans") == "党务工作"
    assert convert_script("党务工作", "hant") == "黨務工作"
    assert convert_script("党务工作", "bogus") == "党务工作"


def test_outline_nests_by_depth():
    tree = outline_tree(SECTIONS)
    assert [n.anchor for n in tree] == ["s1", "s2"]
    assert [n.anchor for n in tree[0].children] == ["s1-1"]


def test_opening_skips_the_salutation_and_reading_time_is_at_least_a_minute():
    assert opening(BODY, 6) == "一、提高认识…"
    assert reading_minutes("字" * 10) == 1
    assert reading_minutes("字" * 1500) == 5
