import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.ingest.chars import CJK_RE
from archive.ingest.clean import clean_text, drop_title_block

# A few hundred real characters so that generated text looks like prose to the rules.
HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器"
    "压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安"
    "场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
    "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连"
    "断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精"
    "值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
    "圆包火住调满县局照参红细引听该铁价严龙飞"
)
PUNCT = "，。、：；“”"


def cjk_sequence(text: str) -> str:
    return "".join(CJK_RE.findall(text))


def test_empty_and_whitespace():
    assert clean_text("").body == ""
    assert clean_text(" \n\t\u3000\n").body == ""


def test_paragraphs_have_no_blank_lines_or_edge_spaces():
    result = clean_text("  同志们：  \n\n\n  今天召开会议。 \r\n\r\n一、总体要求\n")
    assert result.body == "同志们：\n今天召开会议。\n一、总体要求"


def test_title_block_above_the_salutation_goes():
    result = clean_text("在全县安全生产会议上的讲话\n县长 王××\n同志们：\n今天召开会议。")
    assert result.body == "同志们：\n今天召开会议。"
    assert result.removed == ["在全县安全生产会议上的讲话", "县长 王××"]


def test_title_without_salutation_goes_when_it_reads_as_a_speech_title():
    assert drop_title_block(["在全县会议上的讲话", "今天召开会议。"]) == (
        ["今天召开会议。"],
        ["在全县会议上的讲话"],
    )
    assert drop_title_block(["一、总体要求", "今天召开会议。"])[1] == []


def test_glosses_and_chrome_go_together():
    raw = (
        "導(dǎo)語:某講話一文來源于網友上傳,不代表本站觀點。\n"
        "同志們:\n領(lǐng)導干部要帶頭。\n- 上一篇:某文章"
    )
    assert clean_text(raw).body == "同志們：\n領導干部要帶頭。"


def test_replacement_characters_are_reported():
    result = clean_text("同志们：\n今天召开\ufffd\ufffd会议。")
    assert "今天召开\ufffd\ufffd会议。" in result.body
    assert result.warnings == ["正文含 2 个无法识别的字符(�),原文件可能已损坏"]


def test_mojibake_fragments_are_reported_but_real_questions_are_not():
    assert clean_text("同志们：\n怎样交朋友呢?要真诚。").warnings == []
    warnings = clean_text("同志们：\n层层推进??h委常委会多次研究。").warnings
    assert len(warnings) == 1 and "疑似乱码" in warnings[0]


def test_truncated_ending_is_reported():
    result = clean_text("同志们：\n干部作风是干部素质的外在表现，是推动")
    assert result.warnings == ["正文结尾没有结束标点,可能只抓取到部分内容"]


sentences = st.lists(
    st.text(alphabet=HANZI + "，、", min_size=1, max_size=30).map(lambda s: s.strip("，、") + "。"),
    min_size=1,
    max_size=12,
)
separators = st.sampled_from(["", " ", "\n", "\n\n", "  ", "\r\n", "\u3000"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=HANZI[:80] + PUNCT + ' \n\t()（）一二三、1.abc:,?!"\ufffd', max_size=300))
def test_cleaner_never_raises_and_is_idempotent(text):
    once = clean_text(text).body
    assert clean_text(once).body == once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_cleaner_never_raises_on_any_unicode(text):
    result = clean_text(text)
    assert "\n\n" not in result.body


@settings(max_examples=150, deadline=None)
@given(sentences, st.lists(separators, min_size=12, max_size=12))
def test_cleaner_keeps_every_character_of_the_speech(parts, seps):
    raw = "同志们：\n" + "".join(p + s for p, s in zip(parts, seps, strict=False))
    body = clean_text(raw).body
    assert cjk_sequence(body) == cjk_sequence(raw)


@settings(max_examples=100, deadline=None)
@given(sentences)
def test_cleaner_drops_only_gloss_letters(parts):
    plain = "同志们：\n" + "\n".join(parts)
    glossed = re.sub(
        "([领导会议])",
        lambda m: m[1] + {"领": "(lǐng)", "导": "(dǎo)", "会": "(huì)", "议": "(yì)"}[m[1]],
        plain,
    )
    assert clean_text(glossed).body == clean_text(plain).body


def test_a_table_of_contents_leaves_the_body_and_the_outline_points_into_the_speech():
    from archive.ingest.clean import drop_table_of_contents

    paragraphs = [
        "目 录",
        "一、认清形势",
        "二、突出重点",
        "同志们：今天召开全县会议。",
        "一、认清形势",
        "全县上下要统一思想。",
        "二、突出重点",
        "要抓好项目建设。",
    ]
    kept, removed = drop_table_of_contents(paragraphs)
    assert kept == paragraphs[3:]
    assert removed == paragraphs[:3]
    # an entry the text does not repeat is the only copy of its heading: it stays
    kept, removed = drop_table_of_contents(["目 录", "【求真务实篇】", "我县是农业大县。"])
    assert kept == ["【求真务实篇】", "我县是农业大县。"] and removed == ["目 录"]


def test_the_head_above_the_speech_leaves_the_body_even_glued_to_it():
    result = clean_text("县长在全县经济工作会议上的讲话编者按：本文阐述了三点。同志们：今天开会。")
    assert result.body == "同志们：今天开会。"
    assert result.removed == ["县长在全县经济工作会议上的讲话编者按：本文阐述了三点。"]
