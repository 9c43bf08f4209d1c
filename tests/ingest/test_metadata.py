import datetime

import pytest

from archive.ingest.head import split_head
from archive.ingest.metadata import (
    extract_metadata,
    pick_date,
    pick_level,
    pick_meeting,
    pick_published,
    pick_role,
)
from archive.ingest.titles import clean_title
from archive.ingest.titles import pick_title as pick_title_and_rule


def pick_title(lines: list[str], source_name: str) -> str:
    head = split_head(lines)
    return pick_title_and_rule(head.lines, head.chrome, source_name)[0]


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # A year in front of 在… is a site's search tag; a year naming a period stays.
        ("2023年在全区群众工作会议上的讲话.docx", "在全区群众工作会议上的讲话"),
        ("2023年第三季度工作推进会上的讲话", "2023年第三季度工作推进会上的讲话"),
        ("区长领导干部大会上的讲话(2)", "区长领导干部大会上的讲话"),
        ("区长领导干部大会上的讲话篇2", "区长领导干部大会上的讲话"),
        ("第一篇:四届二次会员闭幕会主持词[大全]", "四届二次会员闭幕会主持词"),
        ("文章标题:在全省开机仪式上致辞", "在全省开机仪式上致辞"),
        ("编号:541193579县委书记在会议上的讲话", "县委书记在会议上的讲话"),
        ("在全县经济工作会议上的讲话参考参考范文", "在全县经济工作会议上的讲话"),
        ("在全县经济工作会议上的讲话 - 汇文网", "在全县经济工作会议上的讲话"),
        ("在全县经济工作会议上的讲话下载文档", "在全县经济工作会议上的讲话"),
        ("县委书记在专题 会议上的讲话", "县委书记在专题会议上的讲话"),
    ],
)
def test_clean_title(raw, title):
    assert clean_title(raw) == title


def test_title_naming_the_meeting_wins_over_the_page_title():
    lines = ["领导讲话稿", "在全县安全生产工作会议上的讲话", "同志们：", "今天开会。"]
    assert pick_title(lines, "") == "在全县安全生产工作会议上的讲话"


def test_heading_above_salutation_wins_over_file_name_line():
    lines = [
        "2023年全县会议讲话.docx",
        "下载文档",
        "在全县安全生产工作会议上的讲话 同志们: 今天开会。",
    ]
    assert pick_title(lines, "") == "在全县安全生产工作会议上的讲话"


def test_title_from_file_name_when_the_text_has_none():
    assert pick_title(["同志们：", "今天开会。"], "uploads/在全县防汛工作会议上的讲话.txt") == (
        "在全县防汛工作会议上的讲话"
    )


def test_a_site_stamp_is_the_publication_time_never_the_speech_date():
    for stamp in ["時間:2022-02-01 04:30:00", "发布时间：2022-02-01", "2022-02-01 09:19:49 某网"]:
        assert pick_date([stamp], "", []) == (None, "")
        assert pick_published([stamp]) == datetime.date(2022, 2, 1)
    meta = extract_metadata(["某讲话", "时间:2021-07-18 致辞讲话 我要投稿", "同志们:"], ["同志们:"])
    assert meta.date is None
    assert "2021-07-18" in meta.date_note


def test_date_rules():
    assert pick_date(["（2011年5月26日）"], "", []) == (datetime.date(2011, 5, 26), "标题下")
    assert pick_date(["2023年2月9日在略阳县第十八届人民代表大会第二次会议上"], "", []) == (
        datetime.date(2023, 2, 9),
        "标题下",
    )
    assert pick_date([], "2023年5月6日在全县会议上的讲话", []) == (
        datetime.date(2023, 5, 6),
        "标题",
    )
    closing = ["同志们，散会。", "中共某县委办公室", "2020年12月30日"]
    assert pick_date([], "讲话", closing) == (datetime.date(2020, 12, 30), "落款")
    assert pick_date([], "讲话", ["二〇一九年十月八日"]) == (datetime.date(2019, 10, 8), "落款")


def test_unknown_date_stays_unknown_and_impossible_dates_are_ignored():
    assert pick_date([], "在全县会议上的讲话", ["同志们：", "今天开会。"]) == (None, "")
    assert pick_date(["（2023年2月30日）"], "", []) == (None, "")


def test_a_year_alone_is_not_a_date():
    assert pick_date([], "2023年在全区群众工作会议上的讲话", ["今天开会。"]) == (None, "")


def test_level_by_weight_of_evidence():
    county_text = ["同志们：", "今天县委召开全县会议，落实市委部署，学习兄弟区的经验。"]
    assert pick_level("在全县会议上的讲话", county_text) == "county"
    assert pick_level("在全区会议上的讲话", ["区委要求全区上下抓好落实。"]) == "district"
    assert pick_level("领导讲话", ["今天开会，社区和园区都要参加。"]) is None
    assert pick_level("领导讲话", ["县里和区里都有代表。"]) is None


def test_meeting_and_role():
    title = "县委书记在领导干部基层接访工作专题会议上的讲话"
    assert pick_meeting(title, []) == "领导干部基层接访工作专题会议"
    assert pick_meeting("縣委黨務工作大會發言", []) == "縣委黨務工作大會"
    assert pick_meeting("讲话稿", ["今天天气很好。"]) == ""
    assert pick_role(title, []) == "县委书记"
    assert pick_role("在全区会议上的讲话", ["区长 张××", "同志们："]) == "区长"
    assert pick_role("區委副書記在會上的講話", []) == "區委副書記"


def test_keywords_keep_the_original_script():
    paragraphs = [
        "同志們：",
        "要抓好黨務工作和信訪工作。黨務工作是基礎，信訪工作是關鍵，幹部隊伍是保障。",
    ] * 3
    meta = extract_metadata(["在縣委黨務工作會議上的講話", *paragraphs], paragraphs)
    assert 1 <= len(meta.keywords) <= 8
    assert "黨務工作" in meta.keywords
    assert all("党" not in k for k in meta.keywords)


def test_subtitle_naming_the_meeting_and_date_under_the_title():
    source = [
        "凝心聚力 再创佳绩",
        "——在全县2024年经济工作会议上的讲话",
        "县委书记 张××",
        "（2024年1月8日）",
        "同志们：",
        "今天召开全县经济工作会议。",
    ]
    meta = extract_metadata(source, ["同志们：", "今天召开全县经济工作会议。"])
    assert meta.title == "在全县2024年经济工作会议上的讲话"
    assert (meta.date, meta.date_rule) == (datetime.date(2024, 1, 8), "标题下")
    assert meta.speaker_role == "县委书记"
    assert meta.meeting == "全县2024年经济工作会议"
