import opencc

from archive.ingest.script import to_simplified
from search.language.normalize import fold, fold_with_offsets


def test_fold_meets_both_scripts_widths_and_cases():
    assert fold("領導幹部") == fold("领导干部") == "领导干部"
    assert fold("ＡＢＣ１２３") == "abc123"
    assert fold("Word") == "word"


def test_fold_is_character_by_character_so_substrings_stay_substrings():
    text = "乾隆年間的乾坤"
    assert fold(text) == "".join(fold(ch) for ch in text)
    # Phrase-aware conversion is kept for display only.
    assert to_simplified("乾隆") == "乾隆"


def test_offsets_point_back_to_the_original_characters():
    text = "㈠群眾"
    folded, offsets = fold_with_offsets(text)
    assert folded == "(一)群众"
    assert list(offsets) == [0, 0, 0, 1, 2]


def _offsets_one_by_one(text: str) -> list[int]:
    offsets = []
    for index, ch in enumerate(text):
        offsets.extend([index] * len(fold(ch)))
    return offsets


def test_offsets_of_long_text_with_many_expanding_characters():
    # …… and ㈠ expand when folded; the offsets stay exact around, between and after them.
    text = "……㈠第一，群眾……路線㈡ＡＢ…" * 50 + "结尾"
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert list(offsets) == _offsets_one_by_one(text)
    assert offsets[-1] == len(text) - 1
    assert offsets[len(folded) // 2] == _offsets_one_by_one(text)[len(folded) // 2]


def test_t2s_maps_every_han_character_to_one_character():
    converter = opencc.OpenCC("t2s")
    ranges = [range(0x4E00, 0xA000), range(0x3400, 0x4DC0), range(0xF900, 0xFB00)]
    assert all(len(converter.convert(chr(cp))) == 1 for r in ranges for cp in r)


def test_to_simplified_handles_lone_surrogates():
    assert to_simplified("群\ud800眾") == "群?众"
