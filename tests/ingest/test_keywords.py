"""Keywords say what a speech is about: the words every 公文 uses are left out
(archive/ingest/generic.py), subject words stay."""

from __future__ import annotations

import pytest

from archive.ingest.generic import is_generic
from archive.ingest.metadata import pick_keywords

FLOOD = (
    "同志们：今天召开全县防汛工作会议，主要任务是传达上级文件精神，部署今年的防汛工作。"
    "作为全县防汛的责任部门，各部门各单位要切实抓好防汛工作，领导干部要靠前指挥。"
    "一是抓好水库安全度汛。全县中小水库要逐库落实防汛责任人，汛前完成大坝隐患排查，"
    "溢洪道要清障，水库防汛物资要备足。二是抓好山洪地质灾害防御。各乡镇要对地质灾害隐患点"
    "逐点巡查，遇强降雨提前转移群众。三是抓好城区排涝。县城易涝点要配足排涝泵车，"
    "排涝泵站汛前完成检修。作为防汛指挥部成员单位，各部门要按文件要求进一步落实责任，"
    "抓好水库、山洪、排涝各项工作，确保安全度汛。"
)

ANTI_FRAUD = (
    "同志们：作为全区平安建设的重要一环，反诈工作关系群众的钱袋子。各部门要认真落实区委文件要求，"
    "加强电信网络诈骗防范宣传，推进反诈预警劝阻。电信诈骗案件发案数要下降，"
    "预警劝阻要及时到人。各街道要把反诈宣传进社区、进校园，全区干部要带头安装国家反诈中心应用。"
    "对电信网络诈骗的涉案银行卡和电话卡要开展断卡行动。"
)


@pytest.mark.parametrize(
    ("text", "subject"),
    [(FLOOD, {"防汛", "水库", "排涝", "地质灾害"}), (ANTI_FRAUD, {"诈骗", "反诈"})],
)
def test_keywords_are_subject_words_not_the_words_every_speech_uses(text, subject):
    keywords = pick_keywords(text)
    assert subject <= set(keywords), keywords
    for generic in ("作为", "全县", "全区", "文件", "部门", "各部门", "干部", "抓好", "落实"):
        assert generic not in keywords
    assert not any(is_generic(word) for word in keywords)


def test_a_word_inside_a_stronger_keyword_is_not_repeated():
    text = (
        "生态环境保护要抓好。生态环境是民生福祉，生态环境问题要整改，"
        "生态环境质量要提升，污染防治攻坚要打赢。"
    )
    keywords = pick_keywords(text)
    assert "生态环境" in keywords
    assert "生态" not in keywords and "环境" not in keywords


def test_keywords_of_a_traditional_text_are_generic_free_and_keep_its_script():
    text = "作為全縣防汛的責任部門，各部門要抓好水庫防汛，水庫汛前排查隱患，防汛物資備足。" * 2
    keywords = pick_keywords(text)
    assert "防汛" in keywords and "水庫" in keywords
    assert "作為" not in keywords and "全縣" not in keywords and "部門" not in keywords


@pytest.mark.parametrize("word", ["作为", "全县", "文件", "部门", "干部", "做好", "管好", "要带头"])
def test_generic_words(word):
    assert is_generic(word)


@pytest.mark.parametrize("word", ["防汛", "招商引资", "信访", "作风", "反腐败", "乡村", "好人"])
def test_subject_words_are_not_generic(word):
    assert not is_generic(word)
