"""The paragraph reuse rules on texts written for them: a copy with the places swapped, a
traditional copy, a template with ×× left in are reuse; a paragraph on the same subject is not."""

from archive.ingest.reuse import (
    PLACEHOLDER,
    band_keys,
    indexable_paragraphs,
    minhash_signature,
    normalize_paragraph,
    score_pair,
)
from archive.ingest.reuse.align import diff_opcodes

ORIGINAL = (
    "今年以来，临江县委坚持以习近平新时代中国特色社会主义思想为指导，把乡村振兴作为全县工作的"
    "重中之重，新建高标准农田三万亩，农村人居环境整治三年行动全面完成。我县将继续压实各级责任，"
    "确保粮食生产稳中有增、农民收入持续较快增长。"
)
# Copied by a neighbour: its own name, 我市 for 我县, a sentence moved, a few words changed.
COPY_SWAPPED_PLACES = (
    "今年以来，清河市委坚持以习近平新时代中国特色社会主义思想为指导，把乡村振兴作为全市工作的"
    "重中之重，新建高标准农田五万亩，农村人居环境整治三年行动顺利完成。我市将进一步压实各级责任，"
    "确保粮食生产稳中有增、农民收入持续较快增长。"
)
TRADITIONAL_COPY = (
    "今年以來，臨江縣委堅持以習近平新時代中國特色社會主義思想為指導，把鄉村振興作為全縣工作的"
    "重中之重，新建高標準農田三萬畝，農村人居環境整治三年行動全面完成。我縣將繼續壓實各級責任，"
    "確保糧食生產穩中有增、農民收入持續較快增長。"
)
# The same subject in the writer's own words: shares 乡村振兴, 农田, 人居环境… but no passage.
SAME_TOPIC = (
    "过去一年，临江县在推进乡村振兴上下了真功夫：农田水利设施短板加快补齐，人居环境面貌明显"
    "改观，村集体经济收入普遍增加。下一步，我们要在产业振兴上再发力，让群众的钱袋子鼓起来，"
    "以实际成效检验各级干部的作风和能力。"
)


def _is_reuse(a: str, b: str) -> bool:
    normal_a, normal_b = normalize_paragraph(a), normalize_paragraph(b)
    keys_a = set(band_keys(minhash_signature(normal_a)))
    keys_b = set(band_keys(minhash_signature(normal_b)))
    return bool(keys_a & keys_b) and score_pair(normal_a, normal_b).is_reuse


def test_place_names_and_deixis_become_one_placeholder():
    expected = f"{PLACEHOLDER}委要求{PLACEHOLDER}各部门"
    assert normalize_paragraph("临江县委要求，我县各部门") == expected
    assert normalize_paragraph("清河市委要求，我市各部门") == expected


def test_template_blanks_match_the_place_filled_in():
    assert normalize_paragraph("××县人民政府") == normalize_paragraph("临江县人民政府")


def test_script_punctuation_and_widths_are_folded():
    assert normalize_paragraph("堅持「黨的領導」， 不動搖！") == "坚持党的领导不动摇"


def test_copy_with_swapped_place_names_is_found():
    assert _is_reuse(ORIGINAL, COPY_SWAPPED_PLACES)
    share = score_pair(normalize_paragraph(ORIGINAL), normalize_paragraph(COPY_SWAPPED_PLACES))
    assert 0.8 < share.share < 1.0  # a few words changed: not identical


def test_traditional_copy_of_a_simplified_paragraph_is_found_whole():
    assert _is_reuse(ORIGINAL, TRADITIONAL_COPY)
    score = score_pair(normalize_paragraph(ORIGINAL), normalize_paragraph(TRADITIONAL_COPY))
    assert score.share == 1.0


def test_same_topic_paragraph_is_not_reuse():
    assert not _is_reuse(ORIGINAL, SAME_TOPIC)
    assert score_pair(normalize_paragraph(ORIGINAL), normalize_paragraph(SAME_TOPIC)).share < 0.3


def test_reordered_sentences_still_count_as_shared():
    first, second = ORIGINAL.split("。", 1)
    assert _is_reuse(ORIGINAL, second + first + "。")


def test_short_paragraphs_and_headings_are_not_indexed():
    body = "一、关于乡村振兴\n" + ORIGINAL + "\n同志们！"
    assert [number for number, _ in indexable_paragraphs(body)] == [2]


def test_diff_marks_what_changed():
    ops = diff_opcodes("新建农田三万亩", "新建农田五万亩")
    changed = [(tag, a0, a1) for tag, a0, a1, _b0, _b1 in ops if tag != "equal"]
    assert changed and all(a0 >= 4 and a1 <= 5 for _tag, a0, a1 in changed)
