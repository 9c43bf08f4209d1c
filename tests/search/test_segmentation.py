"""The index segments with rjieba (jieba-rs); its words must be jieba's words, or a query
segmented one way would miss text segmented the other."""

from __future__ import annotations

import jieba
import pytest

from search.language.normalize import fold
from search.language.words import jieba_cut as _jieba_cut
from search.language.words import jieba_words
from search.language.words import words_with_sub_words as _with_sub_words


def _jieba_groups(text: str) -> list[list[str]]:
    groups = []
    for word in jieba.cut(text, HMM=True):
        subs = [
            word[start : start + size]
            for size in (2, 3)
            if len(word) > size
            for start in range(len(word) - size + 1)
            if jieba.dt.FREQ.get(word[start : start + size])
        ]
        groups.append([word, *subs])
    return groups


@pytest.fixture(scope="module")
def corpus_texts(corpus_files):
    return [fold(path.read_text(encoding="utf-8")) for path in corpus_files]


def test_words_equal_jiebas_on_the_corpus(corpus_texts):
    jieba.setLogLevel(30)
    for text in corpus_texts:
        assert _jieba_cut(text) == list(jieba.cut(text, HMM=True))


def test_search_mode_sub_words_equal_jiebas_on_the_corpus(corpus_texts):
    for text in corpus_texts:
        assert _with_sub_words(text) == _jieba_groups(text)


def test_runs_of_letters_and_digits_split_as_jieba_splits_them():
    assert jieba_words("2022-02-01发布14.21kb附件GDP增长") == [
        "2022",
        "02",
        "01",
        "发布",
        "14.21",
        "kb",
        "附件",
        "gdp",
        "增长",
    ]
