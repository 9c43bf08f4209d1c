"""Titles weighed from the head of a text: its own lines, lines that quote it, the file name."""

from __future__ import annotations

import pytest

from archive.ingest.head import split_head
from archive.ingest.titles import (
    TITLE_RULE_FILE,
    TITLE_RULE_JOINED,
    TITLE_RULE_LINE,
    TITLE_RULE_QUOTED,
    pick_title,
    strip_unsupported_year,
)


def title_of(lines: list[str], source_name: str = "", body: str = "") -> tuple[str, str]:
    head = split_head(lines)
    return pick_title(head.lines, head.chrome, source_name, body)


BODY = ["同志们:", "今天召开全县会议，部署今年的重点工作。"]


@pytest.mark.parametrize(
    ("head", "title", "rule"),
    [
        # a breadcrumb and a category line above the real title
        (["首页 > 讲话稿 > 会议讲话", "会议讲话", "在全县防汛工作会议上的讲话稿"],
         "在全县防汛工作会议上的讲话稿", TITLE_RULE_LINE),
        # the title under a main title, a byline and a dateline that only name the meeting
        (["政府工作报告", "——在某县第十八届人民代表大会第二次会议上", "某县人民政府县长 张××",
          "（2023年2月9日）"], "政府工作报告", TITLE_RULE_LINE),
        # only a blurb quotes the title; its search-engine year goes
        (["下面是小编为大家整理的2023年县长在全县安全生产会议上讲话(全文完整),供大家参考。"],
         "县长在全县安全生产会议上讲话", TITLE_RULE_QUOTED),
        # a label glued to the title
        (["文章标题:在全县开机仪式上的致辞"], "在全县开机仪式上的致辞", TITLE_RULE_QUOTED),
        # a title hard-wrapped over two lines
        (["县长在全县优化营商环境动员部署会", "上的讲话"],
         "县长在全县优化营商环境动员部署会上的讲话", TITLE_RULE_JOINED),
        # a byline glued after the title
        (["在全区招商引资推进会上的讲话某省某市某区委常委、副区长王某"],
         "在全区招商引资推进会上的讲话", TITLE_RULE_LINE),
        # a file-sharing page: its title is the file's name
        (["收藏 分享(赏)", "2023年县人民政府工作报告.doc", "上传人:某某 文档编号:663091"],
         "县人民政府工作报告", TITLE_RULE_FILE),
        # pagination of the page
        (["区长在领导干部大会上的讲话(2)"], "区长在领导干部大会上的讲话", TITLE_RULE_LINE),
    ],
)  # fmt: skip
def test_the_title_a_reader_would_cite(head, title, rule):
    assert title_of([*head, *BODY]) == (title, rule)


def test_a_glued_one_line_page_gives_its_title_before_the_salutation():
    line = "县委书记在全县防汛工作会议上的讲话同志们:今天，我们召开全县防汛工作会议。"
    assert title_of([line])[0] == "县委书记在全县防汛工作会议上的讲话"


def test_a_year_in_the_title_the_text_never_mentions_is_a_site_tag():
    assert strip_unsupported_year("县长2015年庆祝教师节讲话", "第28个教师节") == (
        "县长庆祝教师节讲话"
    )
    assert strip_unsupported_year("县长2015年庆祝教师节讲话", "2015年是") == (
        "县长2015年庆祝教师节讲话"
    )
    assert strip_unsupported_year("在全县2024年经济工作会议上的讲话", "") == (
        "在全县2024年经济工作会议上的讲话"
    )
