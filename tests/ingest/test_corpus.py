"""Golden tests: each real scraped speech in the shared corpus comes out as a reader sees it.

The expectations were written by reading the files: the title the page gives the speech, the
publication time of its 时间 line (never the speech date), the level its opening speaks for,
and every numbered heading in order.
"""

from __future__ import annotations

import datetime
import re

import pytest

from archive.ingest import DEFAULT_THEMES, parse_document, reparse_text, suggest_theme
from tests.ingest.conftest import corpus_path

THEMES = {name: keywords for name, _slug, keywords in DEFAULT_THEMES}

# Words that only site chrome uses; none may survive cleaning.
CHROME_MARKERS = [
    "導語", "导语", "上一篇", "下一篇", "下载文档", "收藏", "购物车", "我的足迹", "Vip", "VIP",
    "立即下载", "温馨提示", "网站客服", "你可能关注的文档", "此文档下载收益归作者所有", "汇文网",
    "大小:", "页数:", "格式:", "ID:", "來源于網友上傳", "参考范文", "時間:", "时间:", ".docx",
]  # fmt: skip
GLOSS_RE = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[1-5]?[)）]")

OUTLINE_000 = [
    ("一、", "以從嚴吏治清風正氣為重點，切實增強組織工作的公信力", 1, "s1"),
    ("1、", "在認真搞好縣鄉黨委集中換屆中從嚴吏治清風正氣", 3, "s1-1"),
    ("2、", "在切實加強村級治理中從嚴吏治清風正氣", 3, "s1-2"),
    ("3、", "在積極穩妥推進干部人事制度改革中從嚴吏治清風正氣", 3, "s1-3"),
    ("4、", "在扎實抓好創先爭優活動中從嚴吏治清風正氣", 3, "s1-4"),
    ("二、", "以提振精神和文明創建為重點，切實增強宣傳工作的感染力", 1, "s2"),
    ("1、", "加快學習型黨組織、學習型社會建設", 3, "s2-1"),
    ("2、", "科學有效抓好輿論引導", 3, "s2-2"),
    ("3、", "從更高層次上推進文明創建", 3, "s2-3"),
    ("4、", "用創新的辦法推進文化事業繁榮", 3, "s2-4"),
    ("三、", "以團結聯合和助推發展為重點，切實增強統戰工作的凝聚力", 1, "s3"),
    ("1、", "以主題教育筑牢精神支柱", 3, "s3-1"),
    ("2、", "以主題活動推進科學發展", 3, "s3-2"),
    ("3、", "以發揮職能優勢共促社會和諧", 3, "s3-3"),
    ("四、", "以竭盡忠誠和優質服務為重點，切實增強辦公室工作的執行力", 1, "s4"),
    ("1、", "錘煉忠誠", 3, "s4-1"),
    ("2、", "高效履職", 3, "s4-2"),
    ("3、", "追求卓越", 3, "s4-3"),
    ("五、", "以多與群眾交朋友為重點，切實增強新形勢下群眾工作的親和力", 1, "s5"),
    ("1、", "多與群眾交朋友，是密切黨與人民群眾血肉聯系的重要橋梁和紐帶。", 3, "s5-1"),
    ("2、", "多與群眾交朋友，是鞏固和發展黨的執政地位的根基。", 3, "s5-2"),
    ("3、", "多與群眾交朋友，是黨員干部不斷改造主觀世界的動力。", 3, "s5-3"),
    ("4、", "多與群眾交朋友，是贏得人民群眾對黨擁護和信任的法寶。", 3, "s5-4"),
    ("1、", "“誠”，就是感情要真誠。", 3, "s5-5"),
    ("2、", "“純”，就是動機要純潔。", 3, "s5-6"),
    ("3、", "“實”，就是作風要務實。", 3, "s5-7"),
    ("一是", "把“三問三幫”民心懇談活動引向深入。", 3, "s5-8"),
    ("二是", "充分發揮網絡、電話等新型民意表達渠道的積極作用。", 3, "s5-9"),
    ("三是", "建立便捷高效的便民服務平臺。", 3, "s5-10"),
]
OUTLINE_001 = [
    ("一、", "前階段“樹新形象、創新業績”主題實踐活動回顧", 1, "s1"),
    ("一是", "領導重視，措施有力，主題實踐活動層層推進？", 3, "s1-1"),
    ("二是", "轉變作風，真抓實干，蹲點調研活動扎實開展。", 3, "s1-2"),
    ("三是", "突出重點，健全機制，民情檔案工作成效明顯。", 3, "s1-3"),
    ("二、", "開展“走進矛盾、破解難題”專項行動的主要內容", 1, "s2"),
    ("一是", "走進農村，著力破解基層組織建設中的難點問題。", 3, "s2-1"),
    ("二是", "走進發展，著力破解“兩年”工作中遇到的難題。", 3, "s2-2"),
    ("三是", "走進群眾，著力破解改善民生工作中存在的難題。", 3, "s2-3"),
    ("三、", "開展“走進矛盾、破解難題”專項行動的方法步驟", 1, "s3"),
    ("一要", "走進矛盾，找準難題。", 3, "s3-1"),
    ("二要", "落實措施，破解難題。", 3, "s3-2"),
    ("三要", "鞏固成果，深化提高。", 3, "s3-3"),
    ("四、", "切實加強“走進矛盾，破解難題”專項行動的組織領導。", 1, "s4"),
]
OUTLINE_002 = [
    ("一、", "做好群众工作，必需动真格、下真功", 1, "s1"),
    ("一是", "要把思想生疏端正好。", 3, "s1-1"),
    ("二是", "要把宗旨意识强化好。", 3, "s1-2"),
    ("三是", "把工作方法创新好。", 3, "s1-3"),
    ("二、", "做好群众工作，必需出实招、求实效", 1, "s2"),
    ("一是", "要做到认真用情。", 3, "s2-1"),
    ("二是", "要做到精准精细。", 3, "s2-2"),
    ("三是", "要做到常治长效。", 3, "s2-3"),
    ("三、", "做好群众工作，必需严督导、硬考核", 1, "s3"),
    ("一是", "领导力量要再倾斜。", 3, "s3-1"),
    ("二是", "督导考核要再严格。", 3, "s3-2"),
    ("三是", "舆论气氛要再深厚。", 3, "s3-3"),
]
OUTLINE_004 = [
    ("一、", "践行初心使命，让“四下基层”成为密切党群干群关系的“连心桥”", 1, "s1"),
    ("（一）", "宣传政策下基层，架起理论宣讲“直通车”", 2, "s1-1"),
    ("（二）", "走访群众下基层，织密民情民意“收集网”", 2, "s1-2"),
    ("（三）", "排忧解难下基层，当好群众利益“守护者”", 2, "s1-3"),
    ("二、", "坚持问题导向，让“四下基层”成为破解基层治理难题的“金钥匙”", 1, "s2"),
    ("（一）", "深入一线查问题，把准基层治理“脉搏”", 2, "s2-1"),
    ("（二）", "现场办公解难题，提升基层治理“效能”", 2, "s2-2"),
    ("（三）", "联动协同聚合力，完善基层治理“体系”", 2, "s2-3"),
    ("三、", "强化责任担当，让“四下基层”成为锤炼干部过硬作风的“练兵场”", 1, "s3"),
]

GOLDEN = {
    "000": dict(
        title="縣委黨務工作大會發言",
        published=datetime.date(2022, 2, 1),
        level="county",
        meeting="縣委黨務工作大會",
        theme="党的建设",
        outline=OUTLINE_000,
        first="同志們：",
        last_starts="三是建立便捷高效的便民服務平臺。",
    ),
    "001": dict(
        title="領導在走進矛盾破解難題行動工作會議上的講話",
        published=datetime.date(2022, 7, 11),
        level="county",
        meeting="走進矛盾破解難題行動工作會議",
        theme="作风建设",
        outline=OUTLINE_001,
        first="同志們：",
        last_starts="同志們，當前主題實踐活動任務很重",
    ),
    "002": dict(
        title="在全区群众工作〔平安建设〕会议上的讲话",
        published=datetime.date(2023, 4, 17),
        level="district",
        meeting="全区群众工作〔平安建设〕会议",
        theme="平安建设",
        outline=OUTLINE_002,
        first="同志们：",
        last_starts="同志们，开展群众工作、提升满足度",
    ),
    "004": dict(
        title="县委书记在领导干部基层接访工作专题会议上的讲话：深化四下基层作风建设",
        published=None,
        level="county",
        meeting="领导干部基层接访工作专题会议",
        theme="作风建设",
        outline=OUTLINE_004,
        first="同志们：",
        last_starts="干部作风是干部素质的外在表现",
    ),
}


@pytest.fixture(scope="module", params=sorted(GOLDEN))
def parsed(request):
    path = corpus_path(request.param)
    return request.param, parse_document(path.name, path.read_bytes())


def test_title_date_level_meeting(parsed):
    key, speech = parsed
    expected = GOLDEN[key]
    assert speech.title == expected["title"]
    # The pages' 时间 lines are upload stamps: kept as the publication time, never as the
    # speech's date (none of the four texts states when it was delivered).
    assert (speech.date, speech.date_rule) == (None, "")
    assert speech.published == expected["published"]
    assert speech.level == expected["level"]
    assert speech.meeting == expected["meeting"]
    # Only 004 names the speaker's office (县委书记在…); the others do not say who spoke.
    assert speech.speaker_role == ("县委书记" if key == "004" else "")


def test_keywords_are_tags_from_the_text(parsed):
    _key, speech = parsed
    assert 5 <= len(speech.keywords) <= 10
    assert all(keyword in speech.body for keyword in speech.keywords)


def test_theme_suggestion(parsed):
    key, speech = parsed
    assert suggest_theme(f"{speech.title}\n{speech.body}", THEMES) == GOLDEN[key]["theme"]


def test_full_outline(parsed):
    key, speech = parsed
    got = [(s.number, s.heading, s.depth, s.anchor) for s in speech.sections]
    assert got == GOLDEN[key]["outline"]


def test_every_heading_starts_its_paragraph(parsed):
    _key, speech = parsed
    paragraphs = speech.body.split("\n")
    for section in speech.sections:
        assert paragraphs[section.paragraph].startswith(section.number + section.heading)


def test_body_is_free_of_chrome_and_glosses(parsed):
    key, speech = parsed
    for marker in CHROME_MARKERS:
        assert marker not in speech.body, marker
    assert not GLOSS_RE.search(speech.body)
    paragraphs = speech.body.split("\n")
    assert paragraphs[0] == GOLDEN[key]["first"]
    assert paragraphs[-1].startswith(GOLDEN[key]["last_starts"])
    assert all(p and p == p.strip() for p in paragraphs)


def test_body_keeps_the_original_script(parsed):
    key, speech = parsed
    if key in ("000", "001"):
        assert "縣委" in speech.body and "县委" not in speech.body


def test_glossed_title_and_headings_read_clean():
    path = corpus_path("001")
    speech = parse_document(path.name, path.read_bytes())
    assert speech.title == "領導在走進矛盾破解難題行動工作會議上的講話"
    assert "扎實推進“樹新形象、創新業績”主題實踐活動" in speech.body


def test_mojibake_is_kept_but_reported():
    path = corpus_path("001")
    speech = parse_document(path.name, path.read_bytes())
    assert "層層推進？？h委常委會" in speech.body
    assert "專項行動？！白哌M矛盾" in speech.body
    assert any("疑似乱码" in w and "13 处" in w for w in speech.warnings)


def test_pdf_dump_paragraphs_rebuilt_and_wrap_spaces_gone():
    path = corpus_path("004")
    speech = parse_document(path.name, path.read_bytes())
    paragraphs = speech.body.split("\n")
    assert paragraphs[1].startswith("今天，我们召开领导干部基层接访工作专题会议，主要任务是全面")
    assert paragraphs[1].endswith("是做好基层工作的重要法宝。")
    assert paragraphs[2].startswith("当前，我们面临着复杂多变")
    assert " " not in speech.body
    assert len(paragraphs) == 21
    assert any("结尾没有结束标点" in w for w in speech.warnings)


def test_page_dump_split_at_paragraph_spaces():
    path = corpus_path("002")
    speech = parse_document(path.name, path.read_bytes())
    paragraphs = speech.body.split("\n")
    assert len(paragraphs) == 17
    assert paragraphs[1].startswith("今日，我们在这里召开全区群众工作〔平安建设〕大会")
    assert paragraphs[1].endswith("下面我再强调三点意见。")
    # The stray space in "少打几个 、少走访" was noise inside a sentence.
    assert "少打几个、少走访" in speech.body
    assert paragraphs[7].startswith("区平安建设领导小组下发xx区2023年群众工作")


def test_paragraph_counts_of_line_based_files():
    for key, count in (("000", 55), ("001", 19)):
        path = corpus_path(key)
        speech = parse_document(path.name, path.read_bytes())
        assert len(speech.body.split("\n")) == count, key


def test_reparsing_the_cleaned_body_changes_nothing(parsed):
    """speech_update re-runs the pipeline on an edited body: an unedited body must come back
    identical, with the same outline and fingerprint."""
    _key, speech = parsed
    again = reparse_text(speech.body, speech.source_name)
    assert again.body == speech.body
    assert again.sections == speech.sections
    assert again.fingerprint == speech.fingerprint
    assert again.level == speech.level


def test_reparsing_the_raw_text_gives_the_same_speech(parsed):
    _key, speech = parsed
    again = reparse_text(speech.raw_text, speech.source_name)
    assert (again.body, again.title, again.date) == (speech.body, speech.title, speech.date)
