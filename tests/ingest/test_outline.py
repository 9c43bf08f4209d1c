import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.ingest.clean import clean_text
from archive.ingest.outline import cn_to_int, parse_outline


def outline(paragraphs):
    sections, warnings = parse_outline(paragraphs)
    return [(s.number, s.heading, s.depth, s.anchor, s.paragraph) for s in sections], warnings


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("3", 3), ("百", None)],
)
def test_chinese_numerals(numeral, value):
    assert cn_to_int(numeral) == value


def test_four_depths_and_anchors_follow_the_tree():
    got, warnings = outline(
        [
            "同志们：",
            "一、总体要求",
            "（一）指导思想",
            "1、坚持党的领导",
            "（1）加强组织建设",
            "（2）加强作风建设",
            "2.坚持以人民为中心",
            "(二)主要目标",
            "二、重点任务",
            "1．抓好项目建设。全年开工项目三十个。",
        ]
    )
    assert got == [
        ("一、", "总体要求", 1, "s1", 1),
        ("（一）", "指导思想", 2, "s1-1", 2),
        ("1、", "坚持党的领导", 3, "s1-1-1", 3),
        ("（1）", "加强组织建设", 4, "s1-1-1-1", 4),
        ("（2）", "加强作风建设", 4, "s1-1-1-2", 5),
        ("2.", "坚持以人民为中心", 3, "s1-1-2", 6),
        ("(二)", "主要目标", 2, "s1-2", 7),
        ("二、", "重点任务", 1, "s2", 8),
        ("1．", "抓好项目建设。", 3, "s2-1", 9),
    ]
    assert warnings == []


def test_enumerations_are_depth_three_even_under_depth_two():
    got, _ = outline(
        [
            "一、成绩",
            "（一）主要做法",
            "一是领导重视，措施有力。全县召开会议十次。",
            "二要转变作风，真抓实干。",
        ]
    )
    assert got[2:] == [
        ("一是", "领导重视，措施有力。", 3, "s1-1-1", 2),
        ("二要", "转变作风，真抓实干。", 3, "s1-1-2", 3),
    ]


def test_heading_sentence_followed_by_body_ends_at_the_first_full_stop_included():
    got, _ = outline(["十一、抓好落实。各级各部门要明确责任，确保任务完成。"])
    assert got == [("十一、", "抓好落实。", 1, "s1", 0)]


def test_numbering_may_restart_under_a_new_parent_but_jumps_are_reported():
    got, warnings = outline(["一、甲", "1、子一", "二、乙", "1、子二", "四、丁"])
    assert [g[0] for g in got] == ["一、", "1、", "二、", "1、", "四、"]
    assert [g[3] for g in got] == ["s1", "s1-1", "s2", "s2-1", "s3"]
    assert warnings == ["大纲编号不连续:第 5 段是「四、」,应为第 3 项"]


def test_enumeration_giving_reasons_is_a_heading():
    got, _ = outline(["一是因为基础薄弱，底子较差。二是因为投入不足。"])
    assert got == [("一是", "因为基础薄弱，底子较差。", 3, "s1", 0)]


def test_words_that_look_like_numbers_are_not_headings():
    got, _ = outline(
        [
            "一是否能够完成任务，关键在落实。",
            "一是一、二是二，实事求是。",
            "1.5亿元的资金已经到位。",
            "二〇二三年是关键之年。",
            "一、",
            "十分重要的是抓落实。",
        ]
    )
    assert got == []


# Property: whatever the mix of headings, sentences and line/space breaks, every section
# points at a paragraph that starts with its number and heading, and re-cleaning keeps it.
_HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
_sentence = st.text(alphabet=_HANZI + "，、", min_size=3, max_size=30).map(
    lambda s: s.strip("，、") + "。"
)
_heading = st.sampled_from(
    [
        "一、",
        "二、",
        "十一、",
        "（一）",
        "(二)",
        "1、",
        "2.",
        "3．",
        "（1）",
        "一是",
        "二要",
        "同志们:",
        "",
    ]
)
_paragraph = st.tuples(_heading, st.lists(_sentence, min_size=1, max_size=3)).map(
    lambda t: t[0] + "".join(t[1])
)
_break = st.sampled_from(["\n", " ", "\n\n", "\r\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_paragraph, _break), min_size=1, max_size=12))
def test_sections_always_point_at_their_paragraph(items):
    body = clean_text("".join(p + b for p, b in items)).body
    paragraphs = body.split("\n")
    sections, _warnings = parse_outline(paragraphs)
    for section in sections:
        assert paragraphs[section.paragraph].startswith(section.number + section.heading)
        assert section.heading and section.anchor.startswith("s")
    assert clean_text(body).body == body


# --- headings a page dump glued to their sentence, and headings without numbers ---


def test_a_heading_glued_to_a_topic_sentence_is_cut_at_the_seam():
    got, _ = outline(["一、端正思想认识思想是行动的先导。要把思想统一到县委的部署上来。"])
    assert got == [("一、", "端正思想认识", 1, "s1", 0)]
    # 依然是 belongs to the heading's own clause
    got, _ = outline(["一、招商引资工作依然是重中之重。全县上下要抓紧抓实。"])
    assert got[0][1] == "招商引资工作依然是重中之重。"


def test_a_heading_the_body_repeats_is_cut_where_the_repetition_starts():
    paragraph = (
        "一、全面回顾，客观总结去年的经济工作认真总结去年的经济工作，对于做好今年工作十分重要。"
        "一年来，全县上下克服困难，经济社会保持平稳较快发展。"
    )
    got, _ = outline([paragraph])
    assert got[0][1] == "全面回顾，客观总结去年的经济工作"


def test_unnumbered_part_headings_and_bracketed_headings_open_depth_one_sections():
    paragraphs = [
        "各位代表：",
        "现在，我代表县人民政府，向大会报告工作，请予审议。",
        "2023年工作回顾",
        "过去一年，我们坚持稳中求进工作总基调，全县经济社会持续健康发展，各项事业取得新进步。",
        "一、经济运行稳中向好",
        "地区生产总值增长百分之六，固定资产投资增长百分之十，财政收入稳步增长。",
        "【求真务实篇】",
        "我们坚持把实干作为第一要求，扑下身子抓落实，一年办成了一批群众期盼的实事。",
        "谢谢大家",
    ]
    got, warnings = outline(paragraphs)
    assert [(g[0], g[1], g[2], g[3]) for g in got] == [
        ("", "2023年工作回顾", 1, "s1"),
        ("一、", "经济运行稳中向好", 1, "s2"),
        ("", "【求真务实篇】", 1, "s3"),
    ]
    assert warnings == []
